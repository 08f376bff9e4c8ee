package query

import (
	"context"
	"fmt"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/calendar"
)

// GetSpaceHandler reads a space's detail page.
type GetSpaceHandler struct {
	reader SpaceReader
	media  ports.MediaURLs
	clock  ports.Clock
}

// NewGetSpaceHandler wires the use case.
func NewGetSpaceHandler(r SpaceReader, m ports.MediaURLs, c ports.Clock) GetSpaceHandler {
	if r == nil || m == nil || c == nil {
		panic("query: nil dependency for GetSpaceHandler")
	}
	return GetSpaceHandler{reader: r, media: m, clock: c}
}

// Handle reads a listed space. Hidden and retired spaces are not found (the
// reader wraps space.ErrNotFound): a guest cannot book them.
func (h GetSpaceHandler) Handle(ctx context.Context, id int64) (SpaceDetail, error) {
	d, err := h.reader.SpaceDetail(ctx, id, calendar.DateOf(h.clock.Now()))
	if err != nil {
		return SpaceDetail{}, fmt.Errorf("get space %d: %w", id, err)
	}
	d.PhotoURLs = urls(h.media, d.PhotoURLs)
	return d, nil
}
