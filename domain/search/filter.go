// Package search defines what a guest's space search means: the filters, their
// validation, the sort orders, and the text tokens that let a database index
// Korean text without an n-gram parser. Adapters implement it efficiently;
// Filter.Matches is the reference they are tested against.
package search

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ourspace/ourspace/domain/availability"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/space"
)

// Limits on a search.
const (
	MaxWords     = 3   // words in the text query
	MaxWordRunes = 30  // runes in one word
	MaxIDs       = 25  // ids in one district, category or facility filter
	DefaultLimit = 20  // page size when none is asked
	MaxLimit     = 100 // largest page
	// CountLimit is how far the matches of a search are counted exactly;
	// beyond it a search says only that more match.
	CountLimit = 1000
)

// FieldError names the search parameter at fault (the domain's shared field error).
type FieldError = fault.FieldError

// ErrInvalid matches every *FieldError with errors.Is.
var ErrInvalid = fault.ErrInvalid

func invalid(field, format string, args ...any) error {
	return &FieldError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// Area is a map bounding box, south-west to north-east. It does not wrap the
// antimeridian (Korea is far from it).
type Area struct{ South, West, North, East float64 }

// Contains reports whether a point lies inside the box, edges included.
func (a Area) Contains(lat, lng float64) bool {
	return lat >= a.South && lat <= a.North && lng >= a.West && lng <= a.East
}

// Params are the raw search parameters, as a caller gives them.
type Params struct {
	Districts  []int64
	Categories []int64
	Facilities []int64
	People     int    // 0: any
	Date       string // YYYY-MM-DD; empty: any
	Start, End string // HH:MM; both or neither, only with Date
	MinPrice   *int64
	MaxPrice   *int64
	Text       string
	Area       *Area
}

// Filter is a validated search.
type Filter struct {
	Districts  []int64
	Categories []int64
	Facilities []int64
	People     int
	Date       *calendar.Date
	Window     *calendar.Window
	MinPrice   *space.Money
	MaxPrice   *space.Money
	Words      []string // lower-cased words of the text query
	Area       *Area
}

// NewFilter validates search parameters. Errors are *FieldError.
func NewFilter(p Params) (Filter, error) {
	f := Filter{People: p.People}
	var err error
	if f.Districts, err = ids("district", p.Districts); err != nil {
		return Filter{}, err
	}
	if f.Categories, err = ids("category", p.Categories); err != nil {
		return Filter{}, err
	}
	if f.Facilities, err = ids("facility", p.Facilities); err != nil {
		return Filter{}, err
	}
	if p.People < 0 || p.People > space.MaxCapacity {
		return Filter{}, invalid("people", "must be 1–%d", space.MaxCapacity)
	}
	if p.Date != "" {
		d, err := calendar.ParseDate(p.Date)
		if err != nil {
			return Filter{}, invalid("date", "must be a date %s", calendar.DateForm)
		}
		f.Date = &d
	}
	if (p.Start == "") != (p.End == "") {
		field := "end"
		if p.Start == "" {
			field = "start"
		}
		return Filter{}, invalid(field, "give start and end together")
	}
	if p.Start != "" {
		if f.Date == nil {
			return Filter{}, invalid("date", "a time window needs a date")
		}
		start, err := calendar.ParseClock(p.Start)
		if err != nil || start >= calendar.MinutesPerDay {
			return Filter{}, invalid("start", "must be HH:MM before 24:00")
		}
		end, err := calendar.ParseClock(p.End)
		if err != nil {
			return Filter{}, invalid("end", "must be HH:MM")
		}
		w, err := calendar.NewWindow(start, end)
		if err != nil {
			return Filter{}, invalid("end", "must be after start and at most 24 hours later")
		}
		f.Window = &w
	}
	for _, pr := range []struct {
		name string
		in   *int64
		out  **space.Money
	}{{"min_price", p.MinPrice, &f.MinPrice}, {"max_price", p.MaxPrice, &f.MaxPrice}} {
		if pr.in == nil {
			continue
		}
		if *pr.in < 0 {
			return Filter{}, invalid(pr.name, "must not be negative")
		}
		m := space.Money(*pr.in)
		*pr.out = &m
	}
	if f.MinPrice != nil && f.MaxPrice != nil && *f.MinPrice > *f.MaxPrice {
		return Filter{}, invalid("min_price", "must not exceed max_price")
	}
	f.Words = Words(p.Text)
	if len(f.Words) > MaxWords {
		return Filter{}, invalid("q", "at most %d words", MaxWords)
	}
	for _, w := range f.Words {
		if len([]rune(w)) > MaxWordRunes {
			return Filter{}, invalid("q", "words are at most %d characters", MaxWordRunes)
		}
	}
	if a := p.Area; a != nil {
		// Written as what must hold, so a NaN (which fails every comparison) is refused.
		switch {
		case !(-90 <= a.South && a.South <= a.North && a.North <= 90):
			return Filter{}, invalid("bbox", "latitudes must satisfy -90 ≤ south ≤ north ≤ 90")
		case !(-180 <= a.West && a.West <= a.East && a.East <= 180):
			return Filter{}, invalid("bbox", "longitudes must satisfy -180 ≤ west ≤ east ≤ 180")
		}
		area := *a
		f.Area = &area
	}
	return f, nil
}

func ids(field string, in []int64) ([]int64, error) {
	if len(in) > MaxIDs {
		return nil, invalid(field, "at most %d values", MaxIDs)
	}
	for _, id := range in {
		if id <= 0 {
			return nil, invalid(field, "ids are positive")
		}
	}
	out := slices.Clone(in)
	slices.Sort(out)
	return slices.Compact(out), nil
}

// Listing is what a search can see of a space.
type Listing struct {
	ID         space.ID
	Status     space.Status
	DistrictID int64
	CategoryID int64
	Capacity   space.Capacity
	Facilities []int64
	Title      string
	Subtitle   string
	Address    string
	Lat, Lng   float64
	Schedule   space.Schedule
	Pricing    space.Pricing
	Likes      int
	// RatingCount and RatingSum are the number of the space's reviews and
	// the sum of their ratings.
	RatingCount int
	RatingSum   int
	// Bookings are the space's bookings around the searched date.
	Bookings []booking.Blocking
}

// Matches reports whether a listing satisfies the filter at instant now. It is
// the meaning of every filter; database adapters must agree with it.
func (f Filter) Matches(l Listing, now time.Time) bool {
	if l.Status != space.StatusActive {
		return false
	}
	if len(f.Districts) > 0 && !slices.Contains(f.Districts, l.DistrictID) {
		return false
	}
	if len(f.Categories) > 0 && !slices.Contains(f.Categories, l.CategoryID) {
		return false
	}
	for _, fac := range f.Facilities {
		if !slices.Contains(l.Facilities, fac) {
			return false
		}
	}
	if f.People > 0 && !l.Capacity.Fits(f.People) {
		return false
	}
	price := l.Pricing.ListPrice()
	if (f.MinPrice != nil && price < *f.MinPrice) || (f.MaxPrice != nil && price > *f.MaxPrice) {
		return false
	}
	if len(f.Words) > 0 {
		text := Text(l.Title, l.Subtitle, l.Address)
		for _, w := range f.Words {
			if !strings.Contains(text, w) {
				return false
			}
		}
	}
	if f.Area != nil && !f.Area.Contains(l.Lat, l.Lng) {
		return false
	}
	if f.Date != nil {
		day := availability.ForDay(availability.Space{Schedule: l.Schedule, Pricing: l.Pricing},
			*f.Date, booking.BusyRanges(l.Bookings, now), now)
		if f.Window != nil {
			return day.WindowBookable(*f.Window)
		}
		return day.AnyBookable()
	}
	return true
}
