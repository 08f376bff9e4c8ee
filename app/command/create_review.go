package command

import (
	"context"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/notification"
	"github.com/ourspace/ourspace/domain/review"
	"github.com/ourspace/ourspace/domain/space"
)

// CreateReviewHandler is a guest reviewing a completed booking, with photos
// kept like a space's.
type CreateReviewHandler struct{ photos photoUploads }

// NewCreateReviewHandler wires the use case.
func NewCreateReviewHandler(store ports.Store, objects ports.ObjectStore, processor ports.PhotoProcessor, clock ports.Clock) CreateReviewHandler {
	return CreateReviewHandler{newPhotoUploads(store, objects, processor, clock)}
}

// CreateReview is a review as its author writes it.
type CreateReview struct {
	AuthorID  int64
	BookingID int64
	Rating    int
	Body      string
	Photos    [][]byte // 0–5 uploads, in the author's order
}

// Handle checks every rule, stores the photos, then writes the review, the
// space's new rating and the host's notification in one transaction that
// holds the booking's row: of concurrent reviews of one booking one is
// written and the others are refused with review.ErrAlreadyReviewed. A
// failure anywhere leaves neither rows nor objects behind.
func (h CreateReviewHandler) Handle(ctx context.Context, cmd CreateReview) (int64, error) {
	u := h.photos
	// Every rule that can be checked before anything is stored, so a
	// refused review uploads nothing.
	read := u.store.Read()
	b, err := read.Bookings.ByID(ctx, cmd.BookingID)
	if err == nil {
		_, err = newReview(ctx, read, b, cmd, make([]space.PhotoKeys, len(cmd.Photos)), u.clock.Now())
	}
	if err != nil {
		return 0, fmt.Errorf("review booking %d: %w", cmd.BookingID, err)
	}
	var photos []space.PhotoKeys
	var keys []string
	if len(cmd.Photos) > 0 {
		stored, uploaded, err := u.upload(ctx, cmd.Photos, 0)
		if err != nil {
			return 0, err
		}
		for _, p := range stored {
			photos = append(photos, p.Keys)
		}
		keys = uploaded
	}
	var id int64
	err = u.store.InTx(ctx, func(r ports.Repositories) error {
		now := u.clock.Now()
		b, err := r.Bookings.ByIDForUpdate(ctx, cmd.BookingID)
		if err != nil {
			return err
		}
		rv, err := newReview(ctx, r, b, cmd, photos, now)
		if err != nil {
			return err
		}
		if rv, err = r.Reviews.Create(ctx, rv); err != nil {
			return err
		}
		id = rv.ID
		if err := notifyReview(ctx, r, notification.ReviewPosted, rv, rv.HostID, now); err != nil {
			return err
		}
		return r.Pending.Remove(ctx, keys)
	})
	if err != nil {
		u.discard(ctx, keys)
		return 0, fmt.Errorf("review booking %d: %w", cmd.BookingID, err)
	}
	return id, nil
}

// newReview is the review the domain writes of b, refused also when the
// booking has one. Under the booking's row lock, a review committed by a
// concurrent request is seen (READ COMMITTED); the unique key on the
// booking refuses it again should anything else write reviews.
func newReview(ctx context.Context, r ports.Repositories, b booking.Booking, cmd CreateReview, photos []space.PhotoKeys, now time.Time) (*review.Review, error) {
	rv, err := review.New(b, cmd.AuthorID, cmd.Rating, cmd.Body, photos, now)
	if err != nil {
		return nil, err
	}
	done, err := r.Reviews.Reviewed(ctx, b.ID)
	if err != nil {
		return nil, err
	}
	if done {
		return nil, review.ErrAlreadyReviewed
	}
	return rv, nil
}

// notifyReview records a review's event for its one recipient in the
// change's own transaction.
func notifyReview(ctx context.Context, r ports.Repositories, kind notification.Kind, rv *review.Review, recipient int64, now time.Time) error {
	return r.Notifications.Record(ctx, notification.Event{ID: randomHex(), Kind: kind, BookingID: rv.BookingID,
		SpaceID: rv.SpaceID, ReviewID: rv.ID, Recipients: []int64{recipient}, At: now})
}
