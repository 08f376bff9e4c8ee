package command

import (
	"context"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/booking"
)

// CreateBookingHandler books a space: a payment hold, or a request on
// approval spaces.
type CreateBookingHandler struct {
	store ports.Store
	clock ports.Clock
}

// NewCreateBookingHandler wires the use case.
func NewCreateBookingHandler(store ports.Store, clock ports.Clock) CreateBookingHandler {
	if store == nil || clock == nil {
		panic("command: nil dependency for CreateBookingHandler")
	}
	return CreateBookingHandler{store: store, clock: clock}
}

// Handle checks the request against the space's terms and the bookings that
// block it, and stores the booking, in one transaction that holds the
// space's lock: two requests for one space never both pass the conflict
// check. A conflict is a *booking.ConflictError.
func (h CreateBookingHandler) Handle(ctx context.Context, req booking.Request, idempotencyKey string) (query.BookingView, error) {
	var out query.BookingView
	err := h.store.InTx(ctx, func(r ports.Repositories) error {
		now := h.clock.Now()
		var err error
		out, err = idempotent(ctx, r, req.GuestID, idempotencyKey, req, now, func() (query.BookingView, error) {
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
			return query.ViewOf(b, now), nil
		})
		return err
	})
	return out, err
}
