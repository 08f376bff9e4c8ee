package command

import (
	"context"
	"fmt"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/space"
)

// SpacePhotosHandler adds, reorders and removes a space's photos, for its
// host only.
type SpacePhotosHandler struct{ photos photoUploads }

// NewSpacePhotosHandler wires the use case.
func NewSpacePhotosHandler(store ports.Store, objects ports.ObjectStore, processor ports.PhotoProcessor, clock ports.Clock) SpacePhotosHandler {
	return SpacePhotosHandler{newPhotoUploads(store, objects, processor, clock)}
}

// Add stores photos after the space's others. Ownership and room for them
// are checked before anything is uploaded, and again when they are saved.
func (h SpacePhotosHandler) Add(ctx context.Context, hostID int64, id space.ID, raws [][]byte) error {
	u := h.photos
	var first int
	if err := u.store.InTx(ctx, func(r ports.Repositories) error {
		s, err := hosted(ctx, r, hostID, id)
		if err != nil {
			return err
		}
		first = len(s.Photos)
		return s.AddPhotos(make([]space.Photo, len(raws)), u.clock.Now())
	}); err != nil {
		return fmt.Errorf("add photos to space %d: %w", id, err)
	}
	stored, keys, err := u.upload(ctx, raws, first)
	if err != nil {
		return err
	}
	err = u.store.InTx(ctx, func(r ports.Repositories) error {
		s, err := hosted(ctx, r, hostID, id)
		if err != nil {
			return err
		}
		if err := s.AddPhotos(stored, u.clock.Now()); err != nil {
			return err
		}
		if err := r.Spaces.Save(ctx, s); err != nil {
			return err
		}
		return r.Pending.Remove(ctx, keys)
	})
	if err != nil {
		u.discard(ctx, keys)
		return fmt.Errorf("add photos to space %d: %w", id, err)
	}
	return nil
}

// Reorder puts the photos in the given order.
func (h SpacePhotosHandler) Reorder(ctx context.Context, hostID int64, id space.ID, order []space.PhotoID) error {
	err := h.photos.store.InTx(ctx, func(r ports.Repositories) error {
		s, err := hosted(ctx, r, hostID, id)
		if err != nil {
			return err
		}
		if err := s.ReorderPhotos(order, h.photos.clock.Now()); err != nil {
			return err
		}
		return r.Spaces.Save(ctx, s)
	})
	if err != nil {
		return fmt.Errorf("reorder photos of space %d: %w", id, err)
	}
	return nil
}

// Remove takes a photo off the space and deletes its objects once that is
// stored.
func (h SpacePhotosHandler) Remove(ctx context.Context, hostID int64, id space.ID, photo space.PhotoID) error {
	var gone []string
	err := h.photos.store.InTx(ctx, func(r ports.Repositories) error {
		s, err := hosted(ctx, r, hostID, id)
		if err != nil {
			return err
		}
		now := h.photos.clock.Now()
		p, err := s.RemovePhoto(photo, now)
		if err != nil {
			return err
		}
		if err := r.Spaces.Save(ctx, s); err != nil {
			return err
		}
		gone, err = removed(ctx, r, now, []space.Photo{p})
		return err
	})
	if err != nil {
		return fmt.Errorf("remove photo %d of space %d: %w", photo, id, err)
	}
	h.photos.discard(ctx, gone)
	return nil
}
