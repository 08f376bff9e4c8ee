// Package availability decides what of a space can still be booked on a
// Seoul calendar date: which packages, which hours, and whether a search's
// date (and time window) is bookable at all.
package availability

import (
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// Booking horizon of DOMAIN.md: a booking starts at least MinLead from now
// and its use date is at most MaxDaysAhead Seoul days after today.
const (
	MinLead      = time.Hour
	MaxDaysAhead = 90
)

// Reason says why something is not bookable; empty when it is.
type Reason string

// The reasons a package or an hour is not bookable.
const (
	ReasonNone        Reason = ""
	ReasonClosedDate  Reason = "closed_date"
	ReasonClosedHours Reason = "outside_opening_hours"
	ReasonNotOffered  Reason = "not_offered_on_weekday"
	ReasonBooked      Reason = "booked"
	ReasonTooSoon     Reason = "too_soon"
	ReasonTooFar      Reason = "too_far_ahead"
)

// PackageSlot is one package on one date.
type PackageSlot struct {
	Package space.Package
	Range   calendar.Range
	Reason  Reason
}

// Available reports whether the package can be booked.
func (p PackageSlot) Available() bool { return p.Reason == ReasonNone }

// HourSlot is one opening hour on one date, [Start, Start+1h).
type HourSlot struct {
	Minute int // minutes after Seoul midnight
	Range  calendar.Range
	Reason Reason
}

// Free reports whether the hour can be booked.
func (h HourSlot) Free() bool { return h.Reason == ReasonNone }

// Day is everything bookable about a space on one date.
type Day struct {
	Date     calendar.Date
	Closed   bool
	Packages []PackageSlot
	Hours    []HourSlot // every opening hour, free or not; empty without hourly pricing
	MinHours int        // minimum hourly run; 0 without hourly pricing
}

// Space is what availability needs to know of a space.
type Space struct {
	Schedule space.Schedule
	Pricing  space.Pricing
}

// ForDay works out the day of a space given the ranges already taken (blocking
// bookings, see booking.BusyRanges) and the current instant.
func ForDay(s Space, d calendar.Date, busy []calendar.Range, now time.Time) Day {
	day := Day{Date: d, Closed: s.Schedule.ClosedOn(d)}
	horizon := horizonReason(d, now)
	for _, p := range s.Pricing.Packages() {
		start, end := p.Window.On(d)
		r := calendar.Range{Start: start.UTC(), End: end.UTC()}
		day.Packages = append(day.Packages, PackageSlot{Package: p, Range: r,
			Reason: firstReason(
				when(day.Closed, ReasonClosedDate),
				when(!p.OfferedOn(d), ReasonNotOffered),
				horizon,
				when(start.Before(now.Add(MinLead)), ReasonTooSoon),
				when(overlapsAny(r, busy), ReasonBooked),
			)})
	}
	hourly, ok := s.Pricing.Hourly()
	if !ok {
		return day
	}
	day.MinHours = hourly.MinHours
	open, isOpen := s.Schedule.OpeningOn(d)
	if !isOpen {
		return day
	}
	for m := open.Start(); m+60 <= open.End(); m += 60 {
		start := d.At(m)
		r := calendar.Range{Start: start.UTC(), End: start.Add(time.Hour).UTC()}
		day.Hours = append(day.Hours, HourSlot{Minute: m, Range: r,
			Reason: firstReason(
				when(day.Closed, ReasonClosedDate),
				horizon,
				when(start.Before(now.Add(MinLead)), ReasonTooSoon),
				when(overlapsAny(r, busy), ReasonBooked),
			)})
	}
	return day
}

// AnyBookable is the search meaning of "available on D": at least one package,
// or one run of the minimum number of consecutive free hours.
func (d Day) AnyBookable() bool {
	for _, p := range d.Packages {
		if p.Available() {
			return true
		}
	}
	return d.MinHours > 0 && d.longestFreeRun() >= d.MinHours
}

// WindowBookable is the search meaning of "available on D from..to": the
// window can be booked by the hour (whole hours, all free, at least the
// minimum run), or an available package covers it whole.
func (d Day) WindowBookable(w calendar.Window) bool {
	for _, p := range d.Packages {
		if p.Available() && p.Package.Window.Contains(w) {
			return true
		}
	}
	if d.MinHours == 0 || w.Start()%60 != 0 || w.End()%60 != 0 || w.Minutes() < d.MinHours*60 {
		return false
	}
	need := w.Minutes() / 60
	for _, h := range d.Hours {
		if h.Minute >= w.Start() && h.Minute < w.End() {
			if !h.Free() {
				return false
			}
			need--
		}
	}
	return need == 0
}

func (d Day) longestFreeRun() int {
	best, run, prev := 0, 0, -1
	for _, h := range d.Hours {
		if h.Free() && (run == 0 || h.Minute == prev+60) {
			run++
		} else if h.Free() {
			run = 1
		} else {
			run = 0
		}
		prev = h.Minute
		best = max(best, run)
	}
	return best
}

func horizonReason(d calendar.Date, now time.Time) Reason {
	if calendar.DateOf(now).DaysUntil(d) > MaxDaysAhead {
		return ReasonTooFar
	}
	return ReasonNone
}

func overlapsAny(r calendar.Range, busy []calendar.Range) bool {
	for _, b := range busy {
		if r.Overlaps(b) {
			return true
		}
	}
	return false
}

func when(cond bool, r Reason) Reason {
	if cond {
		return r
	}
	return ReasonNone
}

func firstReason(rs ...Reason) Reason {
	for _, r := range rs {
		if r != ReasonNone {
			return r
		}
	}
	return ReasonNone
}
