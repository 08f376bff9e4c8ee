package space

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
)

// Errors of hosting a space.
var (
	ErrPhotoNotFound = fault.New(fault.NotFound, "photo_not_found", "photo not found")
	ErrLastPhoto     = fault.New(fault.Conflict, "last_photo", "a space keeps at least one photo: add another before removing this one")
	ErrRetired       = fault.New(fault.Conflict, "space_retired", "the space is retired and can no longer change")
	ErrHasBookings   = fault.New(fault.Conflict, "space_has_bookings", "the space has upcoming bookings: cancel them before retiring it")
	ErrSameStatus    = fault.New(fault.Conflict, "status_unchanged", "the space already has this status")
)

// Space is a listing as its host owns it: the aggregate that hosting use
// cases load, change through its methods and save whole.
type Space struct {
	ID      ID
	HostID  int64
	Status  Status
	Listing Listing
	Photos  []Photo         // in display order
	Closed  []calendar.Date // sorted
	Created time.Time
	Updated time.Time
}

// New drafts a space for a host: valid listing, 1–20 photos, active at once.
func New(hostID int64, l Listing, photos []Photo, now time.Time) (*Space, error) {
	errs := []error{l.Validate()}
	if len(photos) < MinPhotos || len(photos) > MaxPhotos {
		errs = append(errs, fault.Field("photos", fmt.Sprintf("give %d–%d photos", MinPhotos, MaxPhotos)))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &Space{HostID: hostID, Status: StatusActive, Listing: l.clone(), Photos: slices.Clone(photos), Created: now, Updated: now}, nil
}

// OwnedBy reports whether userID hosts the space. Use cases answer "not
// found" to everyone else, so a listing's existence leaks to nobody.
func (s *Space) OwnedBy(userID int64) bool { return s.HostID == userID }

func (s *Space) changeable() error {
	if s.Status == StatusRetired {
		return ErrRetired
	}
	return nil
}

// Edit applies a patch to the listing, all or nothing.
func (s *Space) Edit(p ListingPatch, now time.Time) error {
	if err := s.changeable(); err != nil {
		return err
	}
	l := s.Listing.Apply(p)
	if err := l.Validate(); err != nil {
		return err
	}
	// A package keeps its id only if it is one of this space's.
	own := map[PackageID]bool{}
	for _, pk := range s.Listing.Packages {
		own[pk.ID] = true
	}
	for i, pk := range l.Packages {
		if pk.ID != 0 && !own[pk.ID] {
			return fault.Field(fmt.Sprintf("packages[%d].id", i), fmt.Sprintf("package %d is not one of this space's; leave id out for a new package", pk.ID))
		}
		if pk.ID != 0 {
			delete(own, pk.ID) // and only once
		}
	}
	s.Listing, s.Updated = l, now
	return nil
}

// AddPhotos appends photos after the existing ones, up to MaxPhotos.
func (s *Space) AddPhotos(photos []Photo, now time.Time) error {
	if err := s.changeable(); err != nil {
		return err
	}
	if len(photos) == 0 {
		return fault.Field("photos", "give at least one photo")
	}
	if len(s.Photos)+len(photos) > MaxPhotos {
		return fault.Field("photos", fmt.Sprintf("a space has at most %d photos; it has %d", MaxPhotos, len(s.Photos)))
	}
	s.Photos, s.Updated = append(s.Photos, photos...), now
	return nil
}

// ReorderPhotos puts the photos in the given order: every photo id, once.
func (s *Space) ReorderPhotos(order []PhotoID, now time.Time) error {
	if err := s.changeable(); err != nil {
		return err
	}
	byID := make(map[PhotoID]Photo, len(s.Photos))
	for _, p := range s.Photos {
		byID[p.ID] = p
	}
	if len(order) != len(s.Photos) {
		return fault.Field("photo_ids", fmt.Sprintf("list each of the space's %d photos once", len(s.Photos)))
	}
	out := make([]Photo, 0, len(order))
	for _, id := range order {
		p, ok := byID[id]
		if !ok {
			return fault.Field("photo_ids", fmt.Sprintf("photo %d is not one of the space's photos, or is listed twice", id))
		}
		delete(byID, id)
		out = append(out, p)
	}
	s.Photos, s.Updated = out, now
	return nil
}

// RemovePhoto takes a photo off the space and gives it back, so the caller
// can delete its objects once the change is stored.
func (s *Space) RemovePhoto(id PhotoID, now time.Time) (Photo, error) {
	if err := s.changeable(); err != nil {
		return Photo{}, err
	}
	i := slices.IndexFunc(s.Photos, func(p Photo) bool { return p.ID == id })
	if i < 0 {
		return Photo{}, ErrPhotoNotFound
	}
	if len(s.Photos) == MinPhotos {
		return Photo{}, ErrLastPhoto
	}
	p := s.Photos[i]
	s.Photos, s.Updated = slices.Delete(s.Photos, i, i+1), now
	return p, nil
}

// SetClosedDates replaces the closed dates. Past dates are dropped, dates
// beyond the booking horizon's year are refused.
func (s *Space) SetClosedDates(days []calendar.Date, now time.Time) error {
	if err := s.changeable(); err != nil {
		return err
	}
	today := calendar.DateOf(now)
	last := today.AddDays(MaxClosedDates)
	keep := make([]calendar.Date, 0, len(days))
	for _, d := range days {
		if last.Before(d) {
			return fault.Field("dates", fmt.Sprintf("%s is more than a year ahead", d))
		}
		if !d.Before(today) {
			keep = append(keep, d)
		}
	}
	slices.SortFunc(keep, func(a, b calendar.Date) int { return b.DaysUntil(a) })
	keep = slices.Compact(keep)
	s.Closed, s.Updated = keep, now
	return nil
}

// ChangeStatus lists (active), pauses (hidden) or retires a space.
// Hiding stops new bookings but honours the ones made: guests keep them.
// Retiring is final and refused while any booking still blocks the space
// (liveBookings > 0) — the host cancels those first, refunding in full —
// and it takes the photos off, which the caller deletes once stored.
func (s *Space) ChangeStatus(to Status, liveBookings int, now time.Time) ([]Photo, error) {
	if err := s.changeable(); err != nil {
		return nil, err
	}
	if to == s.Status {
		return nil, ErrSameStatus
	}
	var removed []Photo
	if to == StatusRetired {
		if liveBookings > 0 {
			return nil, fmt.Errorf("%w (%d)", ErrHasBookings, liveBookings)
		}
		removed, s.Photos = s.Photos, nil
	}
	s.Status, s.Updated = to, now
	return removed, nil
}

// Repository stores spaces for their hosts. Reads for guests go through the
// app's read models instead.
type Repository interface {
	// Create stores a new space and gives it with its ids (space, photos,
	// packages) assigned.
	Create(ctx context.Context, s *Space) (*Space, error)
	// ByIDForUpdate loads a space and locks it until the transaction ends;
	// ErrNotFound when there is none.
	ByIDForUpdate(ctx context.Context, id ID) (*Space, error)
	// Save stores every field, photo, package and closed date of s.
	Save(ctx context.Context, s *Space) error
	// CheckReferences refuses district, category or facility ids that do
	// not exist, as *fault.FieldError naming the field.
	CheckReferences(ctx context.Context, l Listing) error
	// LiveBookings counts the bookings that still block the space at now:
	// held, requested or confirmed, and not yet ended.
	LiveBookings(ctx context.Context, id ID, now time.Time) (int, error)
}
