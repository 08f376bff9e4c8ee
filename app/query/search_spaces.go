package query

import (
	"context"
	"fmt"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/search"
)

// SearchSpaces is one page of a space search.
type SearchSpaces struct {
	Params search.Params
	Sort   string
	Cursor string
	Limit  int // 0: search.DefaultLimit
}

// SearchSpacesHandler runs space searches.
type SearchSpacesHandler struct {
	searcher SpaceSearcher
	media    ports.MediaURLs
	clock    ports.Clock
}

// NewSearchSpacesHandler wires the use case; nil dependencies are a programming error.
func NewSearchSpacesHandler(s SpaceSearcher, m ports.MediaURLs, c ports.Clock) SearchSpacesHandler {
	if s == nil || m == nil || c == nil {
		panic("query: nil dependency for SearchSpacesHandler")
	}
	return SearchSpacesHandler{searcher: s, media: m, clock: c}
}

// Handle validates the search and reads one page. Invalid input gives a
// *search.FieldError.
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
	cards, err := h.searcher.SearchSpaces(ctx, SearchRequest{Filter: filter, Sort: sort, After: after, Limit: limit + 1, Now: h.clock.Now()})
	if err != nil {
		return SpacePage{}, fmt.Errorf("search spaces: %w", err)
	}
	var page SpacePage
	page.Items, page.NextCursor = trimPage(cards, limit, sort.String(), func(c SpaceCard) Keyset { return Keyset{Key: c.SortKey, ID: c.ID} })
	for i := range page.Items {
		page.Items[i].Photos = withURLs(h.media, page.Items[i].Photos)
	}
	return page, nil
}
