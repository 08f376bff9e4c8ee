package command

import (
	"context"
	"fmt"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// EditSpaceHandler changes a space's listing, closed dates and status, for
// its host only.
type EditSpaceHandler struct{ photos photoUploads }

// NewEditSpaceHandler wires the use case. The object store is needed to
// delete a retired space's photos.
func NewEditSpaceHandler(store ports.Store, objects ports.ObjectStore, processor ports.PhotoProcessor, clock ports.Clock) EditSpaceHandler {
	return EditSpaceHandler{newPhotoUploads(store, objects, processor, clock)}
}

// Edit applies a patch to the listing. Prices change for new bookings only:
// a booking keeps the price it was made at; search shows the new list
// price at once (it is written with the listing).
func (h EditSpaceHandler) Edit(ctx context.Context, hostID int64, id space.ID, p space.ListingPatch) error {
	return h.change(ctx, hostID, id, func(r ports.Repositories, s *space.Space) error {
		if err := s.Edit(p, h.photos.clock.Now()); err != nil {
			return err
		}
		return r.Spaces.CheckReferences(ctx, s.Listing)
	})
}

// SetClosedDates replaces the dates the space is closed on. Bookings
// already made on a newly closed date stand; the host cancels them if need be.
func (h EditSpaceHandler) SetClosedDates(ctx context.Context, hostID int64, id space.ID, days []calendar.Date) error {
	return h.change(ctx, hostID, id, func(_ ports.Repositories, s *space.Space) error {
		return s.SetClosedDates(days, h.photos.clock.Now())
	})
}

// ChangeStatus lists, hides or retires a space (see space.Space.ChangeStatus
// for what happens to its bookings). Retiring deletes its photos' objects.
func (h EditSpaceHandler) ChangeStatus(ctx context.Context, hostID int64, id space.ID, to space.Status) error {
	var gone []string
	err := h.change(ctx, hostID, id, func(r ports.Repositories, s *space.Space) error {
		now := h.photos.clock.Now()
		live := 0
		if to == space.StatusRetired {
			var err error
			if live, err = r.Spaces.LiveBookings(ctx, id, now); err != nil {
				return err
			}
		}
		photos, err := s.ChangeStatus(to, live, now)
		if err != nil {
			return err
		}
		gone, err = removed(ctx, r, now, photos)
		return err
	})
	if err == nil {
		h.photos.discard(ctx, gone)
	}
	return err
}

// change runs one edit of a hosted space in a transaction and saves it.
func (h EditSpaceHandler) change(ctx context.Context, hostID int64, id space.ID, edit func(ports.Repositories, *space.Space) error) error {
	err := h.photos.store.InTx(ctx, func(r ports.Repositories) error {
		s, err := hosted(ctx, r, hostID, id)
		if err != nil {
			return err
		}
		if err := edit(r, s); err != nil {
			return err
		}
		return r.Spaces.Save(ctx, s)
	})
	if err != nil {
		return fmt.Errorf("edit space %d: %w", id, err)
	}
	return nil
}
