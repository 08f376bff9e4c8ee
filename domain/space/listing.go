package space

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
)

// Limits of a listing's text and lists.
const (
	MaxTitle       = 100
	MaxSubtitle    = 200
	MaxDescription = 5000
	MaxAddress     = 255
	MaxFacilities  = 50
	MaxPackages    = 10
	MaxPackageName = 50
	MaxClosedDates = 366
)

// Where a marketplace space may lie: South Korea's bounding box.
const (
	MinLat, MaxLat = 33.0, 38.7
	MinLng, MaxLng = 124.5, 132.0
)

// Listing is what a host writes about a space. Validate checks every rule
// of it and names each field at fault with the API's own field names, so a
// host learns every mistake of a form at once.
type Listing struct {
	Title         string
	Subtitle      string
	Description   string
	Address       string
	DistrictID    int64
	CategoryID    int64
	Lat, Lng      float64
	CapacityMin   int
	CapacityMax   int
	FacilityIDs   []int64
	Opening       map[time.Weekday]calendar.Window // absent weekday: closed
	Hourly        *Hourly                          // nil: not sold by the hour
	Packages      []Package                        // ID 0: a new package
	Refund        RefundPolicy
	NeedsApproval bool
}

// Validate checks the listing: every error is a *fault.FieldError, joined.
func (l Listing) Validate() error {
	var errs []error
	bad := func(field, reason string) { errs = append(errs, fault.Field(field, reason)) }
	text := func(field, v string, min, max int) {
		switch n := utf8.RuneCountInString(v); {
		case !utf8.ValidString(v):
			bad(field, "is not valid UTF-8")
		case min > 0 && strings.TrimSpace(v) == "":
			bad(field, "must not be blank")
		case n > max:
			bad(field, fmt.Sprintf("must be at most %d characters", max))
		case strings.ContainsFunc(v, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' }):
			bad(field, "must not contain control characters")
		}
	}
	text("title", l.Title, 1, MaxTitle)
	if strings.ContainsAny(l.Title, "\n\r") {
		bad("title", "must be one line")
	}
	text("subtitle", l.Subtitle, 0, MaxSubtitle)
	text("description", l.Description, 0, MaxDescription)
	text("address", l.Address, 1, MaxAddress)
	if l.DistrictID <= 0 {
		bad("district_id", "choose a district")
	}
	if l.CategoryID <= 0 {
		bad("category_id", "choose a category")
	}
	if !(l.Lat >= MinLat && l.Lat <= MaxLat) {
		bad("lat", fmt.Sprintf("must lie in South Korea (%.1f–%.1f)", MinLat, MaxLat))
	}
	if !(l.Lng >= MinLng && l.Lng <= MaxLng) {
		bad("lng", fmt.Sprintf("must lie in South Korea (%.1f–%.1f)", MinLng, MaxLng))
	}
	if _, err := NewCapacity(l.CapacityMin, l.CapacityMax); err != nil {
		bad("capacity", fmt.Sprintf("want 1 ≤ min ≤ max ≤ %d", MaxCapacity))
	}
	if len(l.FacilityIDs) > MaxFacilities {
		bad("facility_ids", fmt.Sprintf("at most %d", MaxFacilities))
	}
	seen := map[int64]bool{}
	for _, f := range l.FacilityIDs {
		if f <= 0 || seen[f] {
			bad("facility_ids", "must be distinct facility ids")
			break
		}
		seen[f] = true
	}
	if _, err := NewSchedule(l.Opening, nil); err != nil {
		bad("opening_hours", "each weekday's hours are whole hours within one day, opening before closing")
	}
	errs = append(errs, l.validatePricing()...)
	if l.Refund.Name() == "" {
		bad("refund_policy", "choose flexible, standard or custom rules")
	}
	return errors.Join(errs...)
}

func (l Listing) validatePricing() []error {
	var errs []error
	if l.Hourly == nil && len(l.Packages) == 0 {
		return []error{fault.Field("packages", "sell the space by the hour, by package, or both")}
	}
	if h := l.Hourly; h != nil {
		if h.PricePerHour <= 0 || h.MinHours < 1 || h.MinHours > 24 {
			errs = append(errs, fault.Field("hourly", "price per hour must be positive and minimum hours 1–24"))
		}
		if len(l.Opening) == 0 {
			errs = append(errs, fault.Field("opening_hours", "hourly pricing needs opening hours on at least one weekday"))
		}
	}
	if len(l.Packages) > MaxPackages {
		errs = append(errs, fault.Field("packages", fmt.Sprintf("at most %d", MaxPackages)))
	}
	names := map[string]bool{}
	for i, p := range l.Packages {
		field := fmt.Sprintf("packages[%d]", i)
		name := strings.TrimSpace(p.Name)
		switch {
		case name == "" || utf8.RuneCountInString(p.Name) > MaxPackageName:
			errs = append(errs, fault.Field(field+".name", fmt.Sprintf("must be 1–%d characters", MaxPackageName)))
		case strings.ContainsFunc(p.Name, unicode.IsControl):
			errs = append(errs, fault.Field(field+".name", "must be one line without control characters"))
		case names[name]:
			errs = append(errs, fault.Field(field+".name", "two packages have this name"))
		}
		names[name] = true
		if p.Price <= 0 {
			errs = append(errs, fault.Field(field+".price", "must be positive"))
		}
		if p.Weekdays&EveryDay == 0 {
			errs = append(errs, fault.Field(field+".weekdays", "sell it on at least one weekday"))
		}
		if p.Window.Minutes() <= 0 {
			errs = append(errs, fault.Field(field, "needs a window of at least one minute"))
		}
	}
	return errs
}

// Pricing gives the listing's pricing; valid after Validate.
func (l Listing) Pricing() Pricing {
	p, _ := NewPricing(l.Hourly, l.Packages)
	return p
}

// Capacity gives the listing's capacity; valid after Validate.
func (l Listing) Capacity() Capacity { return Capacity{l.CapacityMin, l.CapacityMax} }

// clone copies the listing so a patch never aliases the caller's slices.
func (l Listing) clone() Listing {
	l.FacilityIDs = slices.Clone(l.FacilityIDs)
	l.Opening = maps.Clone(l.Opening)
	l.Packages = slices.Clone(l.Packages)
	if l.Hourly != nil {
		h := *l.Hourly
		l.Hourly = &h
	}
	return l
}

// ListingPatch changes some fields of a listing; nil leaves one as it is.
// ClearHourly stops hourly sales (Hourly nil cannot say that).
type ListingPatch struct {
	Title, Subtitle, Description, Address *string
	DistrictID, CategoryID                *int64
	Lat, Lng                              *float64
	CapacityMin, CapacityMax              *int
	FacilityIDs                           *[]int64
	Opening                               *map[time.Weekday]calendar.Window
	Hourly                                *Hourly
	ClearHourly                           bool
	Packages                              *[]Package
	Refund                                *RefundPolicy
	NeedsApproval                         *bool
}

// Apply gives the listing with the patch's fields replaced.
func (l Listing) Apply(p ListingPatch) Listing {
	set(&l.Title, p.Title)
	set(&l.Subtitle, p.Subtitle)
	set(&l.Description, p.Description)
	set(&l.Address, p.Address)
	set(&l.DistrictID, p.DistrictID)
	set(&l.CategoryID, p.CategoryID)
	set(&l.Lat, p.Lat)
	set(&l.Lng, p.Lng)
	set(&l.CapacityMin, p.CapacityMin)
	set(&l.CapacityMax, p.CapacityMax)
	set(&l.FacilityIDs, p.FacilityIDs)
	set(&l.Opening, p.Opening)
	set(&l.Packages, p.Packages)
	set(&l.Refund, p.Refund)
	set(&l.NeedsApproval, p.NeedsApproval)
	if p.Hourly != nil {
		h := *p.Hourly
		l.Hourly = &h
	}
	if p.ClearHourly {
		l.Hourly = nil
	}
	// Cloned last, so the result shares no slice or map with the listing
	// nor with the patch.
	return l.clone()
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
