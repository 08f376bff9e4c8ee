package availability

import (
	"fmt"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
)

// MaxCalendarDays is the most days one calendar covers: the booking horizon
// (today and MaxDaysAhead days after it) with a day to spare.
const MaxCalendarDays = MaxDaysAhead + 2

// ReasonNotOpen says a day sells nothing: no package on its weekday and no
// run of opening hours long enough to book by the hour.
const ReasonNotOpen Reason = "not_open"

// Period is a validated span of Seoul dates, both ends included.
type Period struct {
	From, To calendar.Date
}

// Days counts the dates of the period.
func (p Period) Days() int { return p.From.DaysUntil(p.To) + 1 }

// NewPeriod reads a calendar's first and last dates (YYYY-MM-DD within the
// calendar's years). An empty from is today; an empty to is the end of the
// booking horizon counted from from (or the calendar's last date, when that
// is sooner). Errors are *fault.FieldError naming "from" or "to".
func NewPeriod(from, to string, today calendar.Date) (Period, error) {
	p := Period{From: today}
	if from != "" {
		d, err := calendar.ParseDate(from)
		if err != nil {
			return Period{}, fault.Field("from", "give a date "+calendar.DateForm)
		}
		p.From = d
	}
	if to == "" {
		p.To = p.From.AddDays(MaxDaysAhead)
		if !calendar.InRange(p.To) {
			p.To = calendar.MustDate(calendar.LastYear, time.December, 31)
		}
		return p, nil
	}
	d, err := calendar.ParseDate(to)
	if err != nil {
		return Period{}, fault.Field("to", "give a date "+calendar.DateForm)
	}
	p.To = d
	if p.To.Before(p.From) {
		return Period{}, fault.Field("to", "must not be before from")
	}
	if p.Days() > MaxCalendarDays {
		return Period{}, fault.Field("to", fmt.Sprintf("a calendar covers at most %d days", MaxCalendarDays))
	}
	return p, nil
}

// DaySummary is a day of a calendar: whether anything can be booked on it,
// why not, and how much is left.
type DaySummary struct {
	Date      calendar.Date
	Bookable  bool   // AnyBookable: a package, or a minimum run of free hours
	Reason    Reason // when not bookable: closed_date, booked, too_soon, too_far_ahead or not_open
	Closed    bool
	Packages  int // packages that can be booked
	FreeHours int // opening hours that are free (a run may still be too short)
}

// Summary sums a day up for a calendar.
func (d Day) Summary() DaySummary {
	s := DaySummary{Date: d.Date, Bookable: d.AnyBookable(), Closed: d.Closed}
	seen := map[Reason]bool{}
	for _, p := range d.Packages {
		if p.Available() {
			s.Packages++
		}
		seen[p.Reason] = true
	}
	for _, h := range d.Hours {
		if h.Free() {
			s.FreeHours++
		}
		seen[h.Reason] = true
	}
	if s.Bookable {
		return s
	}
	s.Reason = ReasonNotOpen
	for _, r := range []Reason{ReasonClosedDate, ReasonBooked, ReasonTooSoon, ReasonTooFar} {
		if seen[r] || (r == ReasonClosedDate && d.Closed) {
			s.Reason = r
			break
		}
	}
	return s
}

// ForPeriod works out every day of a period, as ForDay does one, given the
// ranges taken from the period's first day to a day past its last (packages
// may cross midnight).
func ForPeriod(s Space, p Period, busy []calendar.Range, now time.Time) []Day {
	out := make([]Day, 0, p.Days())
	for d := p.From; !p.To.Before(d); d = d.AddDays(1) {
		// Only the ranges that meet the day and the next: a day's slots
		// end by then, and the list stays short for a busy space.
		window := calendar.Range{Start: d.Start().UTC(), End: d.AddDays(2).Start().UTC()}
		var near []calendar.Range
		for _, b := range busy {
			if b.Overlaps(window) {
				near = append(near, b)
			}
		}
		out = append(out, ForDay(s, d, near, now))
	}
	return out
}
