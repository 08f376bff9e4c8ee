package apptest

import (
	"bytes"
	"context"
	"slices"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// Spaces are the terms the fake bookings repository books against, by
// space id. Closed dates in a space's schedule apply as they are.
type Spaces map[int64]booking.SpaceTerms

type idemKey struct {
	userID  int64
	key     string
	stored  ports.StoredResult
	expires time.Time
}

// WithSpaces makes spaces bookable through the store.
func (s *Store) WithSpaces(sp Spaces) *Store {
	s.spaces = sp
	return s
}

// Bookings lists the committed bookings, oldest first.
func (s *Store) Bookings() []booking.Booking { return slices.Clone(s.committed.bookings) }

type bookings struct {
	s  *Store
	st *state
}

func (r bookings) SpaceTermsForUpdate(_ context.Context, spaceID int64, _ calendar.Date) (booking.SpaceTerms, error) {
	if err := r.s.fail("Bookings.SpaceTermsForUpdate"); err != nil {
		return booking.SpaceTerms{}, err
	}
	t, ok := r.s.spaces[spaceID]
	if !ok {
		return booking.SpaceTerms{}, space.ErrNotFound
	}
	return t, nil
}

func (r bookings) RefundPolicy(_ context.Context, spaceID int64) (space.RefundPolicy, error) {
	t, ok := r.s.spaces[spaceID]
	if !ok {
		return space.RefundPolicy{}, space.ErrNotFound
	}
	return t.Refund, nil
}

func (r bookings) Overlapping(_ context.Context, spaceID int64, rg booking.Range) ([]booking.Blocking, error) {
	var out []booking.Blocking
	for _, b := range r.st.bookings {
		if b.SpaceID == spaceID && b.Range.Overlaps(rg) {
			out = append(out, b.Blocking())
		}
	}
	return out, nil
}

func (r bookings) Create(_ context.Context, b booking.Booking) (booking.Booking, error) {
	if err := r.s.fail("Bookings.Create"); err != nil {
		return booking.Booking{}, err
	}
	b.ID = r.st.nextID()
	r.st.bookings = append(r.st.bookings, b)
	return b, nil
}

func (r bookings) ByIDForUpdate(ctx context.Context, id int64) (booking.Booking, error) {
	return r.ByID(ctx, id)
}

func (r bookings) ByID(_ context.Context, id int64) (booking.Booking, error) {
	for _, b := range r.st.bookings {
		if b.ID == id {
			return b, nil
		}
	}
	return booking.Booking{}, booking.ErrNotFound
}

func (r bookings) Update(_ context.Context, b booking.Booking) error {
	if err := r.s.fail("Bookings.Update"); err != nil {
		return err
	}
	for i := range r.st.bookings {
		if r.st.bookings[i].ID == b.ID {
			r.st.bookings[i] = b
			return nil
		}
	}
	return booking.ErrNotFound
}

func (r bookings) ClaimDue(_ context.Context, now time.Time, limit int) ([]booking.Booking, error) {
	var out []booking.Booking
	for _, b := range r.st.bookings {
		if len(out) < limit && b.Effective(now) != b.Status {
			out = append(out, b)
		}
	}
	return out, nil
}

type keys struct {
	s  *Store
	st *state
}

func (r keys) Claim(_ context.Context, userID int64, key string, hash []byte, now, expires time.Time) (ports.StoredResult, bool, error) {
	for i, k := range r.st.keys {
		if k.userID == userID && k.key == key {
			if now.Before(k.expires) {
				return k.stored, true, nil
			}
			r.st.keys[i] = idemKey{userID: userID, key: key, stored: ports.StoredResult{RequestHash: slices.Clone(hash)}, expires: expires}
			return ports.StoredResult{}, false, nil
		}
	}
	r.st.keys = append(r.st.keys, idemKey{userID: userID, key: key, stored: ports.StoredResult{RequestHash: slices.Clone(hash)}, expires: expires})
	return ports.StoredResult{}, false, nil
}

func (r keys) Save(_ context.Context, userID int64, key string, result []byte) error {
	for i, k := range r.st.keys {
		if k.userID == userID && k.key == key {
			r.st.keys[i].stored.Result = bytes.Clone(result)
		}
	}
	return nil
}

func (r keys) DeleteExpired(_ context.Context, now time.Time, limit int) (int64, error) {
	n := 0
	r.st.keys = slices.DeleteFunc(r.st.keys, func(k idemKey) bool {
		if n < limit && !now.Before(k.expires) {
			n++
			return true
		}
		return false
	})
	return int64(n), nil
}
