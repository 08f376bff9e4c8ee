// Package booking holds the rules of reservations: their time ranges, their
// states, and which of them block a space.
package booking

import (
	"fmt"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
)

// ErrInvalidRange is returned for an empty or reversed range.
var ErrInvalidRange = calendar.ErrInvalidRange

// Range is a booked stretch of time [Start, End) as instants.
type Range = calendar.Range

// MaxLength bounds every booking: a package window and an hourly run are at
// most a day long. Reads of the bookings that meet a range rely on it.
const MaxLength = 24 * time.Hour

// NewRange validates that a range is not empty and keeps it in UTC.
func NewRange(start, end time.Time) (Range, error) { return calendar.NewRange(start, end) }

// Status is the state of a booking in its lifecycle.
type Status struct{ s string }

// The booking states of DOMAIN.md.
var (
	StatusRequested        = Status{"requested"}
	StatusPaymentDue       = Status{"payment_due"}
	StatusConfirmed        = Status{"confirmed"}
	StatusCompleted        = Status{"completed"}
	StatusCancelledByGuest = Status{"cancelled_by_guest"}
	StatusCancelledByHost  = Status{"cancelled_by_host"}
	StatusDeclined         = Status{"declined"}
	StatusExpired          = Status{"expired"}
)

var allStatuses = []Status{StatusRequested, StatusPaymentDue, StatusConfirmed, StatusCompleted,
	StatusCancelledByGuest, StatusCancelledByHost, StatusDeclined, StatusExpired}

// ParseStatus reads a stored status.
func ParseStatus(s string) (Status, error) {
	for _, st := range allStatuses {
		if st.s == s {
			return st, nil
		}
	}
	return Status{}, fmt.Errorf("unknown booking status %q", s)
}

// String is the status' stored name.
func (s Status) String() string { return s.s }

// BlocksAt reports whether a booking in this state holds its range at instant
// at. A confirmed booking always does; a payment hold or an approval request
// does until its deadline, even before any job marks it expired.
func (s Status) BlocksAt(deadline time.Time, at time.Time) bool {
	switch s {
	case StatusConfirmed:
		return true
	case StatusPaymentDue, StatusRequested:
		return at.Before(deadline)
	}
	return false
}

// Blocking is the part of a booking that decides whether it blocks a space.
type Blocking struct {
	Range    Range
	Status   Status
	Deadline time.Time // hold or approval deadline; zero for states without one
}

// BusyRanges keeps the ranges of the bookings that block at instant at.
func BusyRanges(bs []Blocking, at time.Time) []Range {
	out := make([]Range, 0, len(bs))
	for _, b := range bs {
		if b.Status.BlocksAt(b.Deadline, at) {
			out = append(out, b.Range)
		}
	}
	return out
}

// FirstConflict gives the first busy range that r overlaps, if any.
func FirstConflict(r Range, busy []Range) (Range, bool) {
	for _, b := range busy {
		if r.Overlaps(b) {
			return b, true
		}
	}
	return Range{}, false
}
