package command

import (
	"context"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/booking"
)

// AnswerBookingHandler is the host approving or declining a request.
type AnswerBookingHandler struct {
	store ports.Store
	clock ports.Clock
}

// NewAnswerBookingHandler wires the use case.
func NewAnswerBookingHandler(store ports.Store, clock ports.Clock) AnswerBookingHandler {
	if store == nil || clock == nil {
		panic("command: nil dependency for AnswerBookingHandler")
	}
	return AnswerBookingHandler{store: store, clock: clock}
}

// AnswerBooking is a host's answer to a booking request.
type AnswerBooking struct {
	HostID    int64
	BookingID int64
	Approve   bool // false declines
}

// Handle approves (the request becomes a payment hold) or declines it. Only
// the space's host may answer; anyone else gets booking.ErrNotFound.
func (h AnswerBookingHandler) Handle(ctx context.Context, cmd AnswerBooking, idempotencyKey string) (query.BookingView, error) {
	var out query.BookingView
	err := h.store.InTx(ctx, func(r ports.Repositories) error {
		now := h.clock.Now()
		var err error
		out, err = idempotent(ctx, r, cmd.HostID, idempotencyKey, cmd, now, func() (query.BookingView, error) {
			b, err := r.Bookings.ByIDForUpdate(ctx, cmd.BookingID)
			if err != nil {
				return query.BookingView{}, err
			}
			if b.HostID != cmd.HostID {
				return query.BookingView{}, booking.ErrNotFound
			}
			if cmd.Approve {
				err = b.Approve(now)
			} else {
				err = b.Decline(now)
			}
			if err != nil {
				return query.BookingView{}, err
			}
			if err := r.Bookings.Update(ctx, b); err != nil {
				return query.BookingView{}, err
			}
			return query.ViewOf(b, now), nil
		})
		return err
	})
	return out, err
}
