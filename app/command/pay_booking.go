package command

import (
	"context"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/notification"
	"github.com/ourspace/ourspace/domain/points"
)

// PayBookingHandler pays a payment hold with points.
type PayBookingHandler struct{ w writer }

// NewPayBookingHandler wires the use case.
func NewPayBookingHandler(store ports.Store, clock ports.Clock) PayBookingHandler {
	return PayBookingHandler{newWriter(store, clock, "PayBookingHandler")}
}

// PayBooking is a guest paying their booking.
type PayBooking struct {
	GuestID   int64
	BookingID int64
}

// Handle debits the price and confirms the booking in one transaction, with
// the guest's wallet locked so two payments cannot spend the same points.
// Too few points is points.ErrInsufficientFunds and changes nothing; only
// the guest may pay (anyone else: booking.ErrNotFound).
func (h PayBookingHandler) Handle(ctx context.Context, cmd PayBooking, idempotencyKey string) (query.BookingView, error) {
	return write(ctx, h.w, cmd.GuestID, idempotencyKey, cmd, func(r ports.Repositories, now time.Time) (query.BookingView, error) {
		b, err := r.Bookings.ByIDForUpdate(ctx, cmd.BookingID)
		if err != nil {
			return query.BookingView{}, err
		}
		if b.GuestID != cmd.GuestID {
			return query.BookingView{}, booking.ErrNotFound
		}
		policy, err := r.Bookings.RefundPolicy(ctx, b.SpaceID)
		if err != nil {
			return query.BookingView{}, err
		}
		if err := b.Pay(policy, now); err != nil {
			return query.BookingView{}, err
		}
		if err := r.Points.LockWallet(ctx, cmd.GuestID); err != nil {
			return query.BookingView{}, err
		}
		balance, err := r.Points.Balance(ctx, cmd.GuestID)
		if err != nil {
			return query.BookingView{}, err
		}
		debit, err := points.NewPayment(cmd.GuestID, b.ID, int64(b.Price), balance, now)
		if err != nil {
			return query.BookingView{}, err
		}
		if _, err := r.Points.Append(ctx, debit); err != nil {
			return query.BookingView{}, fmt.Errorf("debit: %w", err)
		}
		if err := r.Bookings.Update(ctx, b); err != nil {
			return query.BookingView{}, err
		}
		if err := notifyBooking(ctx, r, notification.BookingConfirmed, b, now); err != nil {
			return query.BookingView{}, err
		}
		return query.ViewOf(b, now), nil
	})
}
