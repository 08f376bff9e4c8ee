// Package space holds a listed room: who owns it, where it is, how many people
// it takes, when it opens and what it costs.
package space

import (
	"errors"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
)

// ID identifies a space.
type ID int64

// Errors of the space aggregate.
var (
	ErrNotFound        = fault.New(fault.NotFound, "space_not_found", "space not found")
	ErrInvalidCapacity = errors.New("invalid capacity")
	ErrInvalidPricing  = errors.New("invalid pricing")
)

// Status is a space's listing state. Only active spaces are found and booked.
type Status struct{ s string }

// The listing states.
var (
	StatusActive  = Status{"active"}
	StatusHidden  = Status{"hidden"}
	StatusRetired = Status{"retired"}
)

// ParseStatus reads a stored status.
func ParseStatus(s string) (Status, error) {
	for _, st := range []Status{StatusActive, StatusHidden, StatusRetired} {
		if st.s == s {
			return st, nil
		}
	}
	return Status{}, fmt.Errorf("unknown space status %q", s)
}

// String is the status' stored name.
func (s Status) String() string { return s.s }

// Capacity is the head count a space takes: 1 ≤ Min ≤ Max ≤ 500.
type Capacity struct{ min, max int }

// MaxCapacity is the largest head count any space may declare.
const MaxCapacity = 500

// NewCapacity validates a head-count range.
func NewCapacity(min, max int) (Capacity, error) {
	if min < 1 || max < min || max > MaxCapacity {
		return Capacity{}, fmt.Errorf("%w: %d..%d (want 1 ≤ min ≤ max ≤ %d)", ErrInvalidCapacity, min, max, MaxCapacity)
	}
	return Capacity{min, max}, nil
}

// Min is the smallest group the space takes.
func (c Capacity) Min() int { return c.min }

// Max is the largest group the space takes.
func (c Capacity) Max() int { return c.max }

// Fits reports whether a group of people may use the space.
func (c Capacity) Fits(people int) bool { return people >= c.min && people <= c.max }

// Schedule is when a space may be booked by the hour: weekly opening hours
// and closed dates. Packages ignore opening hours (they may lie outside them)
// but not closed dates.
type Schedule struct {
	opening [7]*calendar.Window // indexed by time.Weekday; nil = closed that weekday
	closed  map[calendar.Date]bool
}

// NewSchedule builds a schedule. Opening hours lie inside one day, on the hour,
// since hourly bookings start and end on the hour.
func NewSchedule(opening map[time.Weekday]calendar.Window, closed []calendar.Date) (Schedule, error) {
	var s Schedule
	for wd, w := range opening {
		if wd < time.Sunday || wd > time.Saturday {
			return Schedule{}, fmt.Errorf("%w: weekday %d", calendar.ErrInvalidWindow, wd)
		}
		if w.CrossesMidnight() || w.Start()%60 != 0 || w.End()%60 != 0 {
			return Schedule{}, fmt.Errorf("%w: opening hours %s must be whole hours within one day", calendar.ErrInvalidWindow, w)
		}
		w := w
		s.opening[wd] = &w
	}
	s.closed = make(map[calendar.Date]bool, len(closed))
	for _, d := range closed {
		s.closed[d] = true
	}
	return s, nil
}

// OpeningOn gives the opening hours for the weekday of d, if open.
func (s Schedule) OpeningOn(d calendar.Date) (calendar.Window, bool) {
	w := s.opening[d.Weekday()]
	if w == nil {
		return calendar.Window{}, false
	}
	return *w, true
}

// Opening gives the opening hours of a weekday, if open.
func (s Schedule) Opening(wd time.Weekday) (calendar.Window, bool) {
	w := s.opening[wd]
	if w == nil {
		return calendar.Window{}, false
	}
	return *w, true
}

// ClosedOn reports whether the host closed the space on d.
func (s Schedule) ClosedOn(d calendar.Date) bool { return s.closed[d] }

// Listed reports whether guests may find and book a space in this state:
// only active spaces are. Detail, availability and booking all ask here.
func (s Status) Listed() bool { return s == StatusActive }
