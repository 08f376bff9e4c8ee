// Package calendar holds Seoul calendar dates and wall-clock minutes, the
// units every booking rule is written in.
package calendar

import (
	"errors"
	"fmt"
	"time"
)

// Seoul is Korea Standard Time. Korea has kept UTC+9 without daylight saving
// since 1988, so a fixed zone is exact and needs no tzdata on the host.
var Seoul = time.FixedZone("KST", 9*60*60)

// MinutesPerDay is the length of a Seoul calendar day in minutes (no DST).
const MinutesPerDay = 24 * 60

// FirstYear and LastYear bound every date the service takes in: wide enough
// for any booking, closed date or search, narrow enough that the instants
// derived from a date (its end, in UTC) stay valid for Go and SQL DATETIME.
const (
	FirstYear = 2000
	LastYear  = 2199
)

// DateForm says which dates NewDate and ParseDate accept, for messages.
var DateForm = fmt.Sprintf("YYYY-MM-DD from %d-01-01 to %d-12-31", FirstYear, LastYear)

// ErrInvalidDate is returned for a string that is not a real YYYY-MM-DD date,
// or a date outside FirstYear–LastYear.
var ErrInvalidDate = errors.New("invalid date: want " + DateForm)

// Date is a Seoul calendar date. The zero value is not a valid date.
type Date struct {
	year  int
	month time.Month
	day   int
}

// NewDate builds a date and refuses impossible ones such as 2026-02-30, and
// those outside FirstYear–LastYear.
func NewDate(year int, month time.Month, day int) (Date, error) {
	t := time.Date(year, month, day, 0, 0, 0, 0, Seoul)
	if t.Year() != year || t.Month() != month || t.Day() != day || year < FirstYear || year > LastYear {
		return Date{}, fmt.Errorf("%w: %04d-%02d-%02d", ErrInvalidDate, year, month, day)
	}
	return Date{year, month, day}, nil
}

// ParseDate reads an ISO date (YYYY-MM-DD) within FirstYear–LastYear.
func ParseDate(s string) (Date, error) {
	t, err := time.ParseInLocation(time.DateOnly, s, Seoul)
	if err != nil || t.Year() < FirstYear || t.Year() > LastYear {
		if len(s) > maxEcho {
			s = s[:maxEcho] + "…" // the error names the input, not all of a huge one
		}
		return Date{}, fmt.Errorf("%w: %q", ErrInvalidDate, s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// maxEcho is how much of a rejected input an error repeats.
const maxEcho = 32

// InRange reports whether d lies within FirstYear–LastYear, as every date
// NewDate and ParseDate give does (DateOf and AddDays may leave it).
func InRange(d Date) bool { return d.year >= FirstYear && d.year <= LastYear }

// MustDate is NewDate for literals in tests and seed data; it panics on an invalid date.
func MustDate(year int, month time.Month, day int) Date {
	d, err := NewDate(year, month, day)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf gives the Seoul calendar date an instant falls on.
func DateOf(t time.Time) Date {
	s := t.In(Seoul)
	return Date{s.Year(), s.Month(), s.Day()}
}

// IsZero reports whether d is the zero value.
func (d Date) IsZero() bool { return d.year == 0 }

// Year, Month and Day give the parts of the date.
func (d Date) Year() int { return d.year }

// Month gives the month of the date.
func (d Date) Month() time.Month { return d.month }

// Day gives the day of the month.
func (d Date) Day() int { return d.day }

// String formats the date as YYYY-MM-DD.
func (d Date) String() string {
	if d.year < 0 || d.year > 9999 {
		return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
	}
	// By hand: a detail page formats dozens of dates, and fmt was a
	// measurable part of its CPU time.
	b := [10]byte{'0' + byte(d.year/1000), '0' + byte(d.year/100%10), '0' + byte(d.year/10%10), '0' + byte(d.year%10), '-',
		'0' + byte(d.month/10), '0' + byte(d.month%10), '-', '0' + byte(d.day/10), '0' + byte(d.day%10)}
	return string(b[:])
}

// Start is Seoul midnight at the start of the date, as an instant.
func (d Date) Start() time.Time { return time.Date(d.year, d.month, d.day, 0, 0, 0, 0, Seoul) }

// At is the instant that lies minute minutes after Seoul midnight of the date;
// minute may exceed a day, for windows that cross midnight.
func (d Date) At(minute int) time.Time { return d.Start().Add(time.Duration(minute) * time.Minute) }

// Weekday is the day of the week of the date.
func (d Date) Weekday() time.Weekday { return d.Start().Weekday() }

// AddDays moves the date by n calendar days.
func (d Date) AddDays(n int) Date { return DateOf(d.Start().AddDate(0, 0, n)) }

// DaysUntil counts the calendar days from d to other (negative when other is earlier).
func (d Date) DaysUntil(other Date) int {
	a := time.Date(d.year, d.month, d.day, 0, 0, 0, 0, time.UTC)
	b := time.Date(other.year, other.month, other.day, 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// Before reports whether d is earlier than other.
func (d Date) Before(other Date) bool { return d.DaysUntil(other) > 0 }

// Equal reports whether both are the same date.
func (d Date) Equal(other Date) bool { return d == other }
