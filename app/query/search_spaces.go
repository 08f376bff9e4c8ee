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
	// Viewer is the signed-in user the cards are for, who learns which
	// spaces they like; 0: anonymous.
	Viewer int64
}

// SearchSpacesHandler runs space searches.
type SearchSpacesHandler struct {
	searcher SpaceSearcher
	likes    LikeReader
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

// WithLikes tells signed-in viewers which cards they like (one more query
// a page); without it, searching for a viewer fails.
func (h SearchSpacesHandler) WithLikes(l LikeReader) SearchSpacesHandler {
	h.likes = l
	return h
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
	ids := make([]int64, len(page.Items))
	for i, c := range page.Items {
		ids[i] = c.ID
	}
	liked, err := likedAmong(ctx, h.likes, q.Viewer, ids...)
	if err != nil {
		return SpacePage{}, fmt.Errorf("search spaces: %w", err)
	}
	for i := range page.Items {
		page.Items[i].Photos = withURLs(h.media, page.Items[i].Photos)
		page.Items[i].Liked = liked[page.Items[i].ID]
	}
	return page, nil
}
