package mysql

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/domain/search"
)

// Text search is planned by how common its words are. Rare words go
// through their candidates: the spaces having each word's rarest token,
// read from search_postings and intersected here (search_postings.go),
// which the statement then reads by id and sorts: the cost grows with the
// number of matches. Walking the sort's index and checking each row's text
// (LIKE) stops after a page of matches: the cost grows with the number of
// spaces per match. For an estimated m matches among n spaces and a page of
// l rows, the candidates cost about m rows, each about twice a row of the
// walk (MariaDB, 100,000 spaces: 8 µs against 3.5 µs, measured with the
// full-text index that found them before), and the walk about l·n/m, so the
// walk is chosen when 2m² ≥ l·n (at 100,000 spaces and a page of 21, from
// about 1,000 matches, 1 % of the spaces). A token in most spaces narrows
// nothing and is not read.
//
// The estimate comes from search_token_counts, which every write of a space
// keeps in step with spaces.search_tokens: a word matches at most as many
// spaces as its rarest token, and words are taken as independent of one
// another. Two common words that seldom meet ("강남 홍대") are then estimated
// rare and go through their candidates, the intersection of their tokens.
// Words that go together ("자연광 스튜디오": 6,000 spaces, estimated 900)
// are estimated rare too; so what a first page's count finds is remembered
// for a while and replaces the estimate (more than search.CountLimit
// matches, or exactly so many when the words were the only filter), and a
// page whose candidates turn out too many walks after all.

// tokenDeltas gives how the token counts move when a space's tokens change
// from old to new (either may be empty).
func tokenDeltas(old, new []string) map[string]int {
	d := make(map[string]int, len(old)+len(new))
	for _, t := range old {
		d[t]--
	}
	for _, t := range new {
		d[t]++
	}
	maps.DeleteFunc(d, func(_ string, n int) bool { return n == 0 })
	return d
}

// addTokenCounts moves the counts of search tokens by deltas, in
// multi-row statements, in token order: writers of spaces sharing common
// tokens lock their rows in the same order and cannot deadlock on them.
func addTokenCounts(ctx context.Context, db sqlcgen.DBTX, deltas map[string]int) error {
	in := &inserter{tx: db, cols: 2, head: "INSERT INTO search_token_counts (token, spaces)",
		tail: " ON DUPLICATE KEY UPDATE spaces = spaces + VALUES(spaces)"}
	for _, t := range slices.Sorted(maps.Keys(deltas)) {
		if err := in.add(ctx, t, deltas[t]); err != nil {
			return fmt.Errorf("search token counts: %w", err)
		}
	}
	if err := in.flush(ctx); err != nil {
		return fmt.Errorf("search token counts: %w", err)
	}
	return nil
}

// TokenStatsTTL is how long the token counts read are used before they are
// read again.
const TokenStatsTTL = time.Minute

// TokenStats holds the counts of the frequent search tokens for planning,
// read at most once per TokenStatsTTL, so planning a search costs no
// statement of its own. Share one between the searchers of a process.
type TokenStats struct {
	q       *sqlcgen.Queries
	ttl     time.Duration
	current atomic.Pointer[tokenSnapshot]
	reading sync.Mutex
	seenMu  sync.Mutex
	seen    map[string]seenMatches // by the words of a query
}

// NewTokenStats reads the token counts from db.
func NewTokenStats(db sqlcgen.DBTX) *TokenStats {
	return &TokenStats{q: sqlcgen.New(db), ttl: TokenStatsTTL, seen: map[string]seenMatches{}}
}

// seenMatches is what counting a text query found: more than
// search.CountLimit matches, or exactly n.
type seenMatches struct {
	n      int
	capped bool
	at     time.Time
}

// maxSeen bounds the text queries remembered.
const maxSeen = 10_000

// observe remembers what a first page's count of f found, where it says
// something of the words alone: more matches than search.CountLimit are more
// with any filter less, and a count with no other filter is the words'.
func (s *TokenStats) observe(f search.Filter, total int) {
	capped := total > search.CountLimit
	wordsOnly := len(f.Districts) == 0 && len(f.Categories) == 0 && len(f.Facilities) == 0 && f.People == 0 &&
		f.Date == nil && f.MinPrice == nil && f.MaxPrice == nil && f.Area == nil
	if len(f.Words) == 0 || (!capped && !wordsOnly) {
		return
	}
	s.seenMu.Lock()
	defer s.seenMu.Unlock()
	if len(s.seen) >= maxSeen {
		clear(s.seen)
	}
	s.seen[strings.Join(f.Words, " ")] = seenMatches{n: total, capped: capped, at: time.Now()}
}

// plan chooses the text plan of a search for a page of limit rows.
func (s *TokenStats) plan(ctx context.Context, f search.Filter, limit int) (textPlan, error) {
	if len(f.Words) == 0 {
		return textPlan{}, nil
	}
	snap, err := s.snapshot(ctx)
	if err != nil {
		return textPlan{}, err
	}
	s.seenMu.Lock()
	seen, ok := s.seen[strings.Join(f.Words, " ")]
	s.seenMu.Unlock()
	if !ok || time.Since(seen.at) >= s.ttl {
		return snap.plan(f, limit, nil), nil
	}
	return snap.plan(f, limit, &seen), nil
}

// tokenSnapshot is the token counts as read at one time.
type tokenSnapshot struct {
	read   time.Time
	spaces float64          // how many spaces there are, at most
	counts map[string]int64 // every token at least minCount spaces have
}

// minCount is the fewest spaces a token must have to matter to the plan of
// any page among n spaces: a rarer one makes its query rare even with a
// page of 2 rows (the smallest: one, and one to tell whether more follow).
func minCount(n int64) int64 { return int64(math.Ceil(math.Sqrt(2 * float64(n)))) }

// snapshot gives the counts, reading them when they are older than the TTL.
// While one request reads them, others plan with the old ones.
func (s *TokenStats) snapshot(ctx context.Context) (*tokenSnapshot, error) {
	old := s.current.Load()
	if old != nil && time.Since(old.read) < s.ttl {
		return old, nil
	}
	if old == nil {
		s.reading.Lock()
	} else if !s.reading.TryLock() {
		return old, nil
	}
	defer s.reading.Unlock()
	if cur := s.current.Load(); cur != nil && time.Since(cur.read) < s.ttl {
		return cur, nil
	}
	read := time.Now()
	n, err := s.q.GetSpaceCountBound(ctx)
	if err != nil {
		return nil, fmt.Errorf("search token stats: %w", err)
	}
	rows, err := s.q.ListFrequentSearchTokens(ctx, int32(min(minCount(n), math.MaxInt32)))
	if err != nil {
		return nil, fmt.Errorf("search token stats: %w", err)
	}
	snap := &tokenSnapshot{read: read, spaces: float64(n), counts: make(map[string]int64, len(rows))}
	for _, r := range rows {
		snap.counts[r.Token] = int64(r.Spaces)
	}
	s.current.Store(snap)
	return snap, nil
}

// textPlan is how a search statement finds its words: the tokens whose
// postings give the candidates of rare words (read before the statement is
// built, see withCandidates), and what the page and its count check.
type textPlan struct {
	postings []string
	// maxPageIDs is the most candidates the page goes through; with more,
	// it walks the sort's index.
	maxPageIDs int
	// match is the full-text query of the words' narrowing tokens.
	match       string
	page, count textCond
}

// textCond is what a statement checks of the words: their LIKE patterns,
// which decide, and what narrows the rows to check first: the candidates'
// ids or a full-text query (neither: the rows the other filters' indexes
// give).
type textCond struct {
	likes []string
	match string
	ids   []int64
}

// maxCountIDs is the most candidates a count goes through; with more, it
// takes the full-text index (a statement of more ids is long to send and
// parse).
const maxCountIDs = 4000

// withCandidates settles the plan of rare words once their candidates, the
// spaces having every token of postings, are read.
func (p *textPlan) withCandidates(ids []int64) {
	if len(ids) <= p.maxPageIDs {
		p.page.ids = ids
	}
	if len(ids) <= maxCountIDs {
		p.count.ids = ids
	} else {
		p.count.match = p.match
	}
}

// plan chooses the text plan of a search for a page of limit rows, with
// what counting its words found, if known.
func (snap *tokenSnapshot) plan(f search.Filter, limit int, seen *seenMatches) textPlan {
	var p textPlan
	estimate := snap.spaces
	var narrow, likes []string
	rarest, fewest := "", int64(math.MaxInt64)
	for _, w := range f.Words {
		likes = append(likes, "%"+escapeLike(w)+"%")
		// The word's rarest token; one missing from the counts is rarer
		// than any counted.
		token, count := "", int64(math.MaxInt64)
		for _, t := range search.QueryTokens([]string{w}) {
			if c := snap.counts[t]; c < count {
				token, count = t, c
			}
		}
		if 2*float64(count) <= snap.spaces {
			narrow = append(narrow, token)
		}
		if count < fewest {
			rarest, fewest = token, count
		}
		if snap.spaces > 0 {
			estimate *= float64(count) / snap.spaces
		}
	}
	if len(narrow) == 0 {
		narrow = []string{rarest}
	}
	slices.Sort(narrow)
	narrow = slices.Compact(narrow)
	p.match = "+" + strings.Join(narrow, " +")
	p.page.likes, p.count.likes = likes, likes
	if seen != nil && !seen.capped {
		estimate = float64(seen.n)
	}
	// The page goes through the candidates when they are fewer than
	// sqrt(limit·n/2) (see the top of this file).
	p.maxPageIDs = int(math.Sqrt(float64(limit) * snap.spaces / 2))
	if 2*estimate*estimate < float64(limit)*snap.spaces && (seen == nil || !seen.capped) {
		p.postings = narrow
		return p
	}
	// The count of common words reads matches in any order until it has
	// search.CountLimit+1. The full-text index gives candidates that nearly
	// all match, where a walk reads CountLimit/fraction rows; but for words
	// in most spaces the walk reads little more, without the index's long
	// token lists, and when districts or categories narrow the search
	// through their index, the full-text index would read every space with
	// the words, in any district.
	if len(f.Districts) == 0 && len(f.Categories) == 0 && 3*estimate < snap.spaces {
		p.count.match = p.match
	}
	return p
}
