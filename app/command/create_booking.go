package command

import (
	"context"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/notification"
)

// CreateBookingHandler books a space: a payment hold, or a request on
// approval spaces.
type CreateBookingHandler struct{ w writer }

// NewCreateBookingHandler wires the use case.
func NewCreateBookingHandler(store ports.Store, clock ports.Clock) CreateBookingHandler {
	return CreateBookingHandler{newWriter(store, clock, "CreateBookingHandler")}
}

// Handle checks the request against the space's terms and the bookings that
// block it, and stores the booking, in one transaction that holds the
// space's lock: two requests for one space never both pass the conflict
// check. A conflict is a *booking.ConflictError.
func (h CreateBookingHandler) Handle(ctx context.Context, req booking.Request, idempotencyKey string) (query.BookingView, error) {
	return write(ctx, h.w, req.GuestID, idempotencyKey, req, func(r ports.Repositories, now time.Time) (query.BookingView, error) {
		// Refuse impossible dates before they reach a query; a replay
		// of a finished request skips this (its date may be past now).
		if err := booking.CheckDate(req.Date, now); err != nil {
			return query.BookingView{}, err
		}
		terms, err := r.Bookings.SpaceTermsForUpdate(ctx, req.SpaceID, req.Date)
		if err != nil {
			return query.BookingView{}, err
		}
		b, err := booking.New(req, terms, now)
		if err != nil {
			return query.BookingView{}, err
		}
		others, err := r.Bookings.Overlapping(ctx, req.SpaceID, b.Range)
		if err != nil {
			return query.BookingView{}, err
		}
		if err := b.Conflict(others, now); err != nil {
			return query.BookingView{}, err
		}
		if b, err = r.Bookings.Create(ctx, b); err != nil {
			return query.BookingView{}, err
		}
		// A request waits for the host, who must hear of it; an instant
		// hold is the guest's own business until it is paid.
		if b.Status == booking.StatusRequested {
			if err := notifyBooking(ctx, r, notification.BookingRequested, b, now); err != nil {
				return query.BookingView{}, err
			}
		}
		return query.ViewOf(b, now), nil
	})
}
