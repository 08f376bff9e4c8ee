package command

import (
	"context"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/notification"
)

// AnswerBookingHandler is the host approving or declining a request.
type AnswerBookingHandler struct{ w writer }

// NewAnswerBookingHandler wires the use case.
func NewAnswerBookingHandler(store ports.Store, clock ports.Clock) AnswerBookingHandler {
	return AnswerBookingHandler{newWriter(store, clock, "AnswerBookingHandler")}
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
	return write(ctx, h.w, cmd.HostID, idempotencyKey, cmd, func(r ports.Repositories, now time.Time) (query.BookingView, error) {
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
		kind := notification.BookingDeclined
		if cmd.Approve {
			kind = notification.BookingApproved
		}
		if err := notifyBooking(ctx, r, kind, b, now); err != nil {
			return query.BookingView{}, err
		}
		return query.ViewOf(b, now), nil
	})
}
