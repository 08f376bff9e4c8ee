package query

import (
	"context"
	"fmt"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// GetSpaceHandler reads a space's detail page: one read of the SpaceReader,
// the viewer's like and the latest reviews included.
type GetSpaceHandler struct {
	reader SpaceReader
	hosted SpaceReader // for Hosted: sees the host's own writes
	media  ports.MediaURLs
	clock  ports.Clock
}

// NewGetSpaceHandler wires the use case.
func NewGetSpaceHandler(r SpaceReader, m ports.MediaURLs, c ports.Clock) GetSpaceHandler {
	if r == nil || m == nil || c == nil {
		panic("query: nil dependency for GetSpaceHandler")
	}
	return GetSpaceHandler{reader: r, hosted: r, media: m, clock: c}
}

// WithHostReader reads the host's view (Hosted) through r instead: the
// primary, when the listed reads go to a replica that may lag behind the
// edit the host just made.
func (h GetSpaceHandler) WithHostReader(r SpaceReader) GetSpaceHandler {
	if r == nil {
		panic("query: nil SpaceReader")
	}
	h.hosted = r
	return h
}

// Handle reads a listed space for an anonymous viewer. Hidden and retired
// spaces are not found: a guest cannot book them.
func (h GetSpaceHandler) Handle(ctx context.Context, id int64) (SpaceDetail, error) {
	return h.HandleFor(ctx, 0, id)
}

// HandleFor reads a listed space for a viewer (0: anonymous), saying
// whether they like it.
func (h GetSpaceHandler) HandleFor(ctx context.Context, viewerID, id int64) (SpaceDetail, error) {
	return h.read(ctx, h.reader, viewerID, id, func(d SpaceDetail) bool { return d.Status.Listed() })
}

// Hosted reads a space in any status for its host; to anyone else it is
// not found, as if it did not exist.
func (h GetSpaceHandler) Hosted(ctx context.Context, hostID, id int64) (SpaceDetail, error) {
	return h.read(ctx, h.hosted, 0, id, func(d SpaceDetail) bool { return d.HostID == hostID })
}

func (h GetSpaceHandler) read(ctx context.Context, r SpaceReader, viewerID, id int64, visible func(SpaceDetail) bool) (SpaceDetail, error) {
	d, err := r.SpaceDetail(ctx, SpaceDetailRequest{ID: id, Viewer: viewerID, Today: calendar.DateOf(h.clock.Now())})
	if err != nil {
		return SpaceDetail{}, fmt.Errorf("get space %d: %w", id, err)
	}
	if !visible(d) {
		return SpaceDetail{}, fmt.Errorf("space %d is %s: %w", id, d.Status, space.ErrNotFound)
	}
	d.Photos = withURLs(h.media, d.Photos)
	d.LatestReviews = reviewsWithURLs(h.media, d.LatestReviews)
	return d, nil
}
