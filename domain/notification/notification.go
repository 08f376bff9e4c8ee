// Package notification names what happens to bookings and reviews that
// someone must hear of, and who that is. The use case that makes a change
// records its event in the same transaction (a transactional outbox): every
// recipient gets a notification to read, and the event is delivered at
// least once to the outside (webhooks) under its ID.
package notification

import (
	"context"
	"time"

	"github.com/ourspace/ourspace/domain/booking"
)

// Kind is what happened. Its string is part of the API and of webhooks.
type Kind string

// The kinds of event.
const (
	BookingRequested        Kind = "booking_requested"          // to the host: answer within 3 hours
	BookingApproved         Kind = "booking_approved"           // to the guest: pay within the hold
	BookingDeclined         Kind = "booking_declined"           // to the guest
	BookingConfirmed        Kind = "booking_confirmed"          // paid: to the guest and the host
	BookingCancelledByGuest Kind = "booking_cancelled_by_guest" // to the host
	BookingCancelledByHost  Kind = "booking_cancelled_by_host"  // to the guest
	BookingExpired          Kind = "booking_expired"            // a payment hold: to the guest
	BookingRequestExpired   Kind = "booking_request_expired"    // unanswered: to the guest and the host
	BookingCompleted        Kind = "booking_completed"          // to the guest: write a review
	ReviewPosted            Kind = "review_posted"              // to the host
	ReviewReplied           Kind = "review_replied"             // to the guest
)

// Kinds lists every kind, for documentation and validation.
var Kinds = []Kind{BookingRequested, BookingApproved, BookingDeclined, BookingConfirmed, BookingCancelledByGuest,
	BookingCancelledByHost, BookingExpired, BookingRequestExpired, BookingCompleted, ReviewPosted, ReviewReplied}

// Event is one thing that happened, for the people it concerns.
type Event struct {
	ID         string // 32 hex digits, unique; receivers de-duplicate by it
	Kind       Kind
	BookingID  int64
	SpaceID    int64
	ReviewID   int64 // 0 unless about a review
	Recipients []int64
	At         time.Time
}

// OfBooking is the event of a booking's change of kind, addressed to who
// must hear of it (never the one who made the change).
func OfBooking(id string, kind Kind, b booking.Booking, at time.Time) Event {
	e := Event{ID: id, Kind: kind, BookingID: b.ID, SpaceID: b.SpaceID, At: at}
	switch kind {
	case BookingRequested, BookingCancelledByGuest:
		e.Recipients = []int64{b.HostID}
	case BookingConfirmed, BookingRequestExpired:
		e.Recipients = []int64{b.GuestID, b.HostID}
	default:
		e.Recipients = []int64{b.GuestID}
	}
	return e
}

// Repository records events where the change is stored.
type Repository interface {
	// Record writes a notification for each recipient and the event to
	// the outbox, in the caller's transaction.
	Record(ctx context.Context, e Event) error
	// MarkRead marks a user's notifications read: those of ids, or all
	// when ids is nil; it counts those that were unread.
	MarkRead(ctx context.Context, userID int64, ids []int64, now time.Time) (int, error)
	// DeleteRead removes up to limit notifications read before before,
	// those read longest ago first, and counts them; unread ones stay.
	DeleteRead(ctx context.Context, before time.Time, limit int) (int64, error)
}
