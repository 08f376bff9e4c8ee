package command

import (
	"context"
	"fmt"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/space"
)

// CreateSpaceHandler lists a new space: anyone signed in may host.
type CreateSpaceHandler struct{ photos photoUploads }

// NewCreateSpaceHandler wires the use case.
func NewCreateSpaceHandler(store ports.Store, objects ports.ObjectStore, processor ports.PhotoProcessor, clock ports.Clock) CreateSpaceHandler {
	return CreateSpaceHandler{newPhotoUploads(store, objects, processor, clock)}
}

// Handle checks the listing, stores the photos, then writes the space; a
// failure anywhere leaves neither rows nor objects behind.
func (h CreateSpaceHandler) Handle(ctx context.Context, hostID int64, l space.Listing, photos [][]byte) (space.ID, error) {
	u := h.photos
	// Every rule the domain can check alone, before any work is stored.
	if _, err := space.New(hostID, l, make([]space.Photo, len(photos)), u.clock.Now()); err != nil {
		return 0, err
	}
	if err := u.store.Read().Spaces.CheckReferences(ctx, l); err != nil {
		return 0, err
	}
	stored, keys, err := u.upload(ctx, photos, 0)
	if err != nil {
		return 0, err
	}
	var id space.ID
	err = u.store.InTx(ctx, func(r ports.Repositories) error {
		s, err := space.New(hostID, l, stored, u.clock.Now())
		if err != nil {
			return err
		}
		if err := r.Spaces.CheckReferences(ctx, l); err != nil {
			return err
		}
		if s, err = r.Spaces.Create(ctx, s); err != nil {
			return err
		}
		id = s.ID
		return r.Pending.Remove(ctx, keys)
	})
	if err != nil {
		u.discard(ctx, keys)
		return 0, fmt.Errorf("create space: %w", err)
	}
	return id, nil
}

// hosted loads a space for change by its host; to anyone else it is not
// found, and nothing is changed.
func hosted(ctx context.Context, r ports.Repositories, hostID int64, id space.ID) (*space.Space, error) {
	s, err := r.Spaces.ByIDForUpdate(ctx, id)
	if err != nil {
		return nil, err
	}
	if !s.OwnedBy(hostID) {
		return nil, fmt.Errorf("space %d is not user %d's: %w", id, hostID, space.ErrNotFound)
	}
	return s, nil
}
