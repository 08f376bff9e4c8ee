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

// CancelBookingHandler cancels a booking by its guest or its space's host.
type CancelBookingHandler struct{ w writer }

// NewCancelBookingHandler wires the use case.
func NewCancelBookingHandler(store ports.Store, clock ports.Clock) CancelBookingHandler {
	return CancelBookingHandler{newWriter(store, clock, "CancelBookingHandler")}
}

// CancelBooking is the guest or the host calling a booking off.
type CancelBooking struct {
	UserID    int64
	BookingID int64
}

// Cancelled is a cancelled booking and what it refunded.
type Cancelled struct {
	Booking query.BookingView
	Quote   query.RefundQuote
}

// Handle cancels and credits the refund (the guest's policy share, or all of
// it when the host cancels) in one transaction. Anyone but the guest and the
// host gets booking.ErrNotFound.
func (h CancelBookingHandler) Handle(ctx context.Context, cmd CancelBooking, idempotencyKey string) (Cancelled, error) {
	return write(ctx, h.w, cmd.UserID, idempotencyKey, cmd, func(r ports.Repositories, now time.Time) (Cancelled, error) {
		b, err := r.Bookings.ByIDForUpdate(ctx, cmd.BookingID)
		if err != nil {
			return Cancelled{}, err
		}
		if cmd.UserID != b.GuestID && cmd.UserID != b.HostID {
			return Cancelled{}, booking.ErrNotFound
		}
		q, err := b.Cancel(cmd.UserID == b.HostID, now)
		if err != nil {
			return Cancelled{}, err
		}
		if q.Refund > 0 {
			if err := r.Points.LockWallet(ctx, b.GuestID); err != nil {
				return Cancelled{}, err
			}
			credit, err := points.NewRefund(b.GuestID, b.ID, int64(q.Refund), now)
			if err != nil {
				return Cancelled{}, err
			}
			if _, err := r.Points.Append(ctx, credit); err != nil {
				return Cancelled{}, fmt.Errorf("refund: %w", err)
			}
		}
		if err := r.Bookings.Update(ctx, b); err != nil {
			return Cancelled{}, err
		}
		kind := notification.BookingCancelledByGuest
		if cmd.UserID == b.HostID {
			kind = notification.BookingCancelledByHost
		}
		if err := notifyBooking(ctx, r, kind, b, now); err != nil {
			return Cancelled{}, err
		}
		return Cancelled{Booking: query.ViewOf(b, now), Quote: query.QuoteOf(q, b, cmd.UserID == b.HostID)}, nil
	})
}
