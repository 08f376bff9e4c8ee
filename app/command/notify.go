package command

import (
	"context"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/notification"
)

// notifyBooking records the event of a booking's change in the change's
// own transaction: the notification cannot be lost, nor sent for a change
// that rolled back.
func notifyBooking(ctx context.Context, r ports.Repositories, kind notification.Kind, b booking.Booking, now time.Time) error {
	return r.Notifications.Record(ctx, notification.OfBooking(randomHex(), kind, b, now))
}
