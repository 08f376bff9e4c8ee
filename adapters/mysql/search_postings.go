package mysql

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
)

// Rare words are found through search_postings, not the full-text index:
// for each token, the ids of the spaces having it, in blocks of
// 1 << postingBlockBits ids a row. A rare query reads its tokens' rows (a
// few kilobytes) in one statement and intersects them here, in
// microseconds; InnoDB's full-text search merged the same lists in about a
// millisecond of its CPU a query (docs/performance.md). The candidates then
// go to the search statement as an id list, and the words' LIKE patterns
// confirm them there.

// postingBlockBits sets the ids a row of search_postings holds: 4,096, so a
// write of a space rewrites rows of at most 4 KB and spaces far apart do not
// share rows, while a token in every space takes 25 rows at 100,000 spaces.
const postingBlockBits = 12

// postingBlock is the block of a space id.
func postingBlock(id int64) uint32 { return uint32(id >> postingBlockBits) }

// encodePostings writes the ascending ids of a block as the distance of
// each from the one before (the first from the block's first id), in
// unsigned varints.
func encodePostings(block uint32, ids []int64) []byte {
	out := make([]byte, 0, len(ids)*2)
	prev := int64(block) << postingBlockBits
	for _, id := range ids {
		out = binary.AppendUvarint(out, uint64(id-prev))
		prev = id
	}
	return out
}

var errBadPostings = errors.New("search postings: malformed ids")

// decodePostings appends the ids of a block's row to into.
func decodePostings(block uint32, b []byte, into []int64) ([]int64, error) {
	prev := int64(block) << postingBlockBits
	for len(b) > 0 {
		d, n := binary.Uvarint(b)
		if n <= 0 || d >= 1<<postingBlockBits {
			return into, errBadPostings
		}
		prev += int64(d)
		into = append(into, prev)
		b = b[n:]
	}
	return into, nil
}

// candidates gives the ids of the spaces having every one of tokens, in
// ascending order: none when a token has no spaces. The smallest list is
// decoded; the others are walked in their encoded form against it, so the
// long lists of common words cost no memory.
func candidates(ctx context.Context, q *sqlcgen.Queries, tokens []string) ([]int64, error) {
	tokens = slices.Compact(slices.Sorted(slices.Values(tokens)))
	rows, err := q.ListSearchPostings(ctx, tokens)
	if err != nil {
		return nil, fmt.Errorf("search postings: %w", err)
	}
	// The rows come in token order: split them into each token's list.
	type list struct {
		rows  []sqlcgen.SearchPosting
		bytes int
	}
	var lists []list
	for i := 0; i < len(rows); {
		l := list{}
		for j := i; j < len(rows) && rows[j].Token == rows[i].Token; j++ {
			l.rows, l.bytes = rows[i:j+1], l.bytes+len(rows[j].Ids)
		}
		lists = append(lists, l)
		i += len(l.rows)
	}
	if len(lists) < len(tokens) {
		return nil, nil
	}
	slices.SortFunc(lists, func(a, b list) int { return cmp.Compare(a.bytes, b.bytes) })
	var out []int64
	for _, r := range lists[0].rows {
		if out, err = decodePostings(r.Block, r.Ids, out); err != nil {
			return nil, err
		}
	}
	for _, l := range lists[1:] {
		if out, err = intersectPostings(out, l.rows); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// intersectPostings gives the ids, ascending, that rows (one token's, in
// block order) also hold, reusing ids.
func intersectPostings(ids []int64, rows []sqlcgen.SearchPosting) ([]int64, error) {
	out, i := ids[:0], 0
	for _, r := range rows {
		first := int64(r.Block) << postingBlockBits
		end := first + 1<<postingBlockBits
		for i < len(ids) && ids[i] < first {
			i++
		}
		prev, b := first, r.Ids
		for len(b) > 0 && i < len(ids) && ids[i] < end {
			d, n := binary.Uvarint(b)
			if n <= 0 || d >= 1<<postingBlockBits {
				return nil, errBadPostings
			}
			prev += int64(d)
			b = b[n:]
			for i < len(ids) && ids[i] < prev {
				i++
			}
			if i < len(ids) && ids[i] == prev {
				out = append(out, prev)
				i++
			}
		}
	}
	return out, nil
}

// indexMoves is how the search token counts and postings change with
// writes of spaces; every writer of spaces gathers them here and writes
// them in its transaction.
type indexMoves struct {
	counts   map[string]int
	postings postingMoves
}

func newIndexMoves() indexMoves {
	return indexMoves{counts: map[string]int{}, postings: postingMoves{}}
}

// space records that space id's tokens change from old to new (either may
// be empty).
func (m indexMoves) space(id int64, old, new []string) {
	for t, d := range tokenDeltas(old, new) {
		m.counts[t] += d
		k := postingKey{t, postingBlock(id)}
		mv := m.postings[k]
		if mv == nil {
			mv = &postingMove{}
			m.postings[k] = mv
		}
		if d > 0 {
			mv.add = append(mv.add, id)
		} else {
			mv.remove = append(mv.remove, id)
		}
	}
}

// write moves the counts (those that move at all) and postings.
func (m indexMoves) write(ctx context.Context, db sqlcgen.DBTX) error {
	maps.DeleteFunc(m.counts, func(_ string, d int) bool { return d == 0 })
	if err := addTokenCounts(ctx, db, m.counts); err != nil {
		return err
	}
	return movePostings(ctx, db, m.postings)
}

// writeSearchTokens keeps the token counts and postings in step with space
// id's tokens changing from old to new (either may be empty).
func writeSearchTokens(ctx context.Context, db sqlcgen.DBTX, id int64, old, new []string) error {
	m := newIndexMoves()
	m.space(id, old, new)
	return m.write(ctx, db)
}

// postingKey is a row of search_postings.
type postingKey struct {
	token string
	block uint32
}

// postingMoves is how rows of search_postings change: spaces that gain the
// token and spaces that lose it.
type postingMoves map[postingKey]*postingMove

type postingMove struct{ add, remove []int64 }

// apply gives ids moved.
func (mv *postingMove) apply(ids []int64) []int64 {
	ids = slices.DeleteFunc(ids, func(id int64) bool { return slices.Contains(mv.remove, id) })
	ids = append(ids, mv.add...)
	slices.Sort(ids)
	return slices.Compact(ids)
}

// movePostings writes moves over search_postings, block by block and in
// token order within a block, so writers of spaces sharing rows lock them in
// the same order and cannot deadlock on them.
func movePostings(ctx context.Context, db sqlcgen.DBTX, moves postingMoves) error {
	byBlock := map[uint32][]string{}
	for k := range moves {
		byBlock[k.block] = append(byBlock[k.block], k.token)
	}
	for _, block := range slices.Sorted(maps.Keys(byBlock)) {
		tokens := byBlock[block]
		slices.Sort(tokens)
		for part := range slices.Chunk(tokens, bulkRows) {
			if err := moveBlockPostings(ctx, db, block, part, moves); err != nil {
				return fmt.Errorf("search postings: %w", err)
			}
		}
	}
	return nil
}

// moveBlockPostings moves the rows of tokens in one block. Each row is made
// to exist first, which locks it (an existing one by the no-op update), so
// it is read locked and no two writers can both create it and one overwrite
// the other.
func moveBlockPostings(ctx context.Context, db sqlcgen.DBTX, block uint32, tokens []string, moves postingMoves) error {
	ensure := &inserter{tx: db, cols: 3, head: "INSERT INTO search_postings (token, block, ids)", tail: " ON DUPLICATE KEY UPDATE ids = ids"}
	for _, t := range tokens {
		if err := ensure.add(ctx, t, block, []byte{}); err != nil {
			return err
		}
	}
	if err := ensure.flush(ctx); err != nil {
		return err
	}
	q := sqlcgen.New(db)
	rows, err := q.LockSearchPostings(ctx, sqlcgen.LockSearchPostingsParams{Block: block, Tokens: tokens})
	if err != nil {
		return err
	}
	write := &inserter{tx: db, cols: 3, head: "INSERT INTO search_postings (token, block, ids)", tail: " ON DUPLICATE KEY UPDATE ids = VALUES(ids)"}
	var empty []string
	for _, r := range rows {
		ids, err := decodePostings(block, r.Ids, nil)
		if err != nil {
			return err
		}
		ids = moves[postingKey{r.Token, block}].apply(ids)
		if len(ids) == 0 {
			empty = append(empty, r.Token)
			continue
		}
		if err := write.add(ctx, r.Token, block, encodePostings(block, ids)); err != nil {
			return err
		}
	}
	if err := write.flush(ctx); err != nil {
		return err
	}
	if len(empty) > 0 {
		return q.DeleteSearchPostings(ctx, sqlcgen.DeleteSearchPostingsParams{Block: block, Tokens: empty})
	}
	return nil
}
