package query

import (
	"context"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/space"
)

// HostSpace is one of a host's own spaces, in any status.
type HostSpace struct {
	SpaceCard
	Status    space.Status
	CreatedAt time.Time
}

// HostSpacePage is a page of a host's spaces.
type HostSpacePage struct {
	Items      []HostSpace
	NextCursor string
}

// HostSpaceLister reads a host's spaces, newest first, before a keyset (nil:
// from the newest), with photo keys in Photos.
type HostSpaceLister interface {
	HostSpaces(ctx context.Context, hostID int64, before *Keyset, limit int) ([]HostSpace, error)
}

// HostSpacesHandler lists the caller's own spaces.
type HostSpacesHandler struct {
	lister HostSpaceLister
	media  ports.MediaURLs
}

// NewHostSpacesHandler wires the use case.
func NewHostSpacesHandler(l HostSpaceLister, m ports.MediaURLs) HostSpacesHandler {
	if l == nil || m == nil {
		panic("query: nil dependency for HostSpacesHandler")
	}
	return HostSpacesHandler{lister: l, media: m}
}

// Handle lists a host's spaces in every status, newest first.
func (h HostSpacesHandler) Handle(ctx context.Context, hostID int64, cursor string, limit int) (HostSpacePage, error) {
	const scope = "host-spaces"
	limit, err := pageSize(limit)
	if err != nil {
		return HostSpacePage{}, err
	}
	before, err := decodeCursor(cursor, scope)
	if err != nil {
		return HostSpacePage{}, err
	}
	items, err := h.lister.HostSpaces(ctx, hostID, before, limit+1)
	if err != nil {
		return HostSpacePage{}, fmt.Errorf("host %d spaces: %w", hostID, err)
	}
	var p HostSpacePage
	p.Items, p.NextCursor = trimPage(items, limit, scope, func(s HostSpace) Keyset { return Keyset{Key: s.ID, ID: s.ID} })
	for i := range p.Items {
		p.Items[i].Photos = withURLs(h.media, p.Items[i].Photos)
	}
	return p, nil
}
