package query

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"sync"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/search"
)

// SearchSpaces is one page of a space search.
type SearchSpaces struct {
	Params search.Params
	Sort   string
	Cursor string
	Limit  int // 0: search.DefaultLimit
	// Viewer is the signed-in user the cards are for, who learns which
	// spaces they like; 0: anonymous.
	Viewer int64
}

// SearchSpacesHandler runs space searches.
type SearchSpacesHandler struct {
	searcher SpaceSearcher
	media    ports.MediaURLs
	clock    ports.Clock
	totals   *totals
	names    *ReferenceHandler // nil: cards keep the names the searcher gave
}

// NewSearchSpacesHandler wires the use case; nil dependencies are a programming error.
func NewSearchSpacesHandler(s SpaceSearcher, m ports.MediaURLs, c ports.Clock) SearchSpacesHandler {
	if s == nil || m == nil || c == nil {
		panic("query: nil dependency for SearchSpacesHandler")
	}
	return SearchSpacesHandler{searcher: s, media: m, clock: c, totals: &totals{byKey: map[string]counted{}}}
}

// WithNames names the cards' categories and districts from ref's lists in
// memory, so the searcher need not read them (mysql.SpaceSearcher does not:
// two joins were a tenth of its statement's time).
func (h SearchSpacesHandler) WithNames(ref ReferenceHandler) SearchSpacesHandler {
	h.names = &ref
	return h
}

// Handle validates the search and reads one page, with the viewer's likes.
// The first page (no cursor) also tells how many spaces match: the count
// does not change from page to page, and it is the one part of a page
// whose cost does not shrink with the page (up to search.CountLimit+1 rows
// read), so the count of a search is also kept for TotalTTL and given to
// its first pages meanwhile. Invalid input gives a *search.FieldError.
func (h SearchSpacesHandler) Handle(ctx context.Context, q SearchSpaces) (SpacePage, error) {
	filter, err := search.NewFilter(q.Params)
	if err != nil {
		return SpacePage{}, err
	}
	sort, err := search.ParseSort(q.Sort)
	if err != nil {
		return SpacePage{}, err
	}
	after, err := decodeCursor(q.Cursor, sort.String())
	if err != nil {
		return SpacePage{}, err
	}
	limit, err := pageSize(q.Limit)
	if err != nil {
		return SpacePage{}, err
	}
	now := h.clock.Now()
	var total *Total
	key := totalKey(filter)
	if after == nil {
		if t, ok := h.totals.get(key, now); ok {
			total = &t
		}
	}
	res, err := h.searcher.SearchSpaces(ctx, SearchRequest{Filter: filter, Sort: sort, After: after, Limit: limit + 1,
		Now: now, Viewer: q.Viewer, Count: after == nil && total == nil})
	if err != nil {
		return SpacePage{}, fmt.Errorf("search spaces: %w", err)
	}
	if res.Total != nil {
		total = res.Total
		h.totals.put(key, *total, now)
	}
	page := SpacePage{Total: total}
	page.Items, page.NextCursor = trimPage(res.Cards, limit, sort.String(), func(c SpaceCard) Keyset { return Keyset{Key: c.SortKey, ID: c.ID} })
	for i := range page.Items {
		page.Items[i].Photos = withURLs(h.media, page.Items[i].Photos)
	}
	if h.names != nil {
		if err := h.names.nameCards(ctx, page.Items); err != nil {
			return SpacePage{}, fmt.Errorf("search spaces: %w", err)
		}
	}
	return page, nil
}

// TotalTTL is how long the count of a search is given to its first pages
// before it is counted again.
const TotalTTL = time.Minute

// maxTotals bounds the counts kept; beyond it the oldest are forgotten.
const maxTotals = 10_000

// totals keeps the counts of recent searches.
type totals struct {
	mu    sync.Mutex
	byKey map[string]counted
}

// counted is a count and when it was made.
type counted struct {
	total Total
	at    time.Time
}

func (t *totals) get(key string, now time.Time) (Total, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	c, ok := t.byKey[key]
	if !ok || now.Sub(c.at) >= TotalTTL {
		return Total{}, false
	}
	return c.total, true
}

func (t *totals) put(key string, total Total, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.byKey) >= maxTotals {
		maps.DeleteFunc(t.byKey, func(_ string, c counted) bool { return now.Sub(c.at) >= TotalTTL })
	}
	if len(t.byKey) >= maxTotals {
		clear(t.byKey)
	}
	t.byKey[key] = counted{total: total, at: now}
}

// totalKey names what a filter matches: filters with the same key count
// the same (NewFilter sorts ids and lower-cases words).
func totalKey(f search.Filter) string {
	var b strings.Builder
	fmt.Fprintf(&b, "d%v c%v f%v p%d q%q", f.Districts, f.Categories, f.Facilities, f.People, f.Words)
	if f.Date != nil {
		fmt.Fprintf(&b, " on%s", *f.Date)
	}
	if w := f.Window; w != nil {
		fmt.Fprintf(&b, " from%d to%d", w.Start(), w.End())
	}
	if f.MinPrice != nil {
		fmt.Fprintf(&b, " min%d", *f.MinPrice)
	}
	if f.MaxPrice != nil {
		fmt.Fprintf(&b, " max%d", *f.MaxPrice)
	}
	if a := f.Area; a != nil {
		fmt.Fprintf(&b, " in%v", *a)
	}
	return b.String()
}
