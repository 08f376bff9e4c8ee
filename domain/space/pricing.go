package space

import (
	"fmt"
	"slices"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
)

// Money is an amount in Korean won. There are no fractions of a won.
type Money int64

// PackageID identifies a package of a space.
type PackageID int64

// WeekdaySet is a set of weekdays; bit n stands for time.Weekday(n).
type WeekdaySet uint8

// EveryDay is the set of all seven weekdays.
const EveryDay WeekdaySet = 0x7f

// WeekdaysOf builds a set from weekdays.
func WeekdaysOf(days ...time.Weekday) WeekdaySet {
	var s WeekdaySet
	for _, d := range days {
		s |= 1 << d
	}
	return s
}

// Has reports whether wd is in the set.
func (s WeekdaySet) Has(wd time.Weekday) bool { return s&(1<<wd) != 0 }

// Package is a named window sold whole at one price, e.g. "night 15:00–22:00".
// Weekdays limits the days it is sold on (the weekday of the use date, even
// for windows that cross midnight).
type Package struct {
	ID       PackageID
	Name     string
	Window   calendar.Window
	Price    Money
	Weekdays WeekdaySet
}

// OfferedOn reports whether the package is sold for use date d.
func (p Package) OfferedOn(d calendar.Date) bool { return p.Weekdays.Has(d.Weekday()) }

// Hourly is pricing by the hour: a price per hour and a minimum run.
type Hourly struct {
	PricePerHour Money
	MinHours     int
}

// Pricing is how a space is sold: by the hour, by package, or both.
type Pricing struct {
	hourly   *Hourly
	packages []Package
}

// NewPricing validates pricing: at least one way to book, positive prices,
// named packages, minimum hours 1–24.
func NewPricing(hourly *Hourly, packages []Package) (Pricing, error) {
	if hourly == nil && len(packages) == 0 {
		return Pricing{}, fmt.Errorf("%w: a space needs hourly pricing, packages, or both", ErrInvalidPricing)
	}
	if hourly != nil {
		if hourly.PricePerHour <= 0 || hourly.MinHours < 1 || hourly.MinHours > 24 {
			return Pricing{}, fmt.Errorf("%w: hourly price must be positive and minimum hours 1–24", ErrInvalidPricing)
		}
		h := *hourly
		hourly = &h
	}
	for _, p := range packages {
		if p.Name == "" || p.Price <= 0 || p.Weekdays&EveryDay == 0 || p.Window.Minutes() == 0 {
			return Pricing{}, fmt.Errorf("%w: package %q needs a name, a window, a positive price and a weekday", ErrInvalidPricing, p.Name)
		}
	}
	return Pricing{hourly: hourly, packages: slices.Clone(packages)}, nil
}

// Hourly gives the hourly terms, if the space is sold by the hour.
func (p Pricing) Hourly() (Hourly, bool) {
	if p.hourly == nil {
		return Hourly{}, false
	}
	return *p.hourly, true
}

// Packages lists the packages in display order.
func (p Pricing) Packages() []Package { return slices.Clone(p.packages) }

// ListPrice is the lowest price a guest can book at: the cheapest package or
// the hourly price times the minimum hours, whichever is lower. Search shows
// and filters by it.
func (p Pricing) ListPrice() Money {
	lowest := Money(-1)
	if p.hourly != nil {
		lowest = p.hourly.PricePerHour * Money(p.hourly.MinHours)
	}
	for _, pk := range p.packages {
		if lowest < 0 || pk.Price < lowest {
			lowest = pk.Price
		}
	}
	return lowest
}
