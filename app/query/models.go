// Package query holds the read-side use cases of discovery: reference data,
// space search, space detail and a space's availability on a date.
package query

import (
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/availability"
	"github.com/ourspace/ourspace/domain/space"
)

// District is a Seoul district (gu) with its centre.
type District struct {
	ID       int64
	Name     string
	Lat, Lng float64
	IconURL  string
}

// Category is a kind of space such as a party room.
type Category struct {
	ID      int64
	Name    string
	IconURL string
}

// Facility is an amenity such as Wi-Fi.
type Facility struct {
	ID      int64
	Name    string
	IconURL string
}

// Ref names a related record.
type Ref struct {
	ID   int64
	Name string
}

// Rating is a space's review average and count.
type Rating struct {
	Count int
	Sum   int
}

// Average is the mean rating, 0 when unrated.
func (r Rating) Average() float64 {
	if r.Count == 0 {
		return 0
	}
	return float64(r.Sum) / float64(r.Count)
}

// SpaceCard is one search result.
type SpaceCard struct {
	ID          int64
	Title       string
	Subtitle    string
	Category    Ref
	District    Ref
	Address     string
	Lat, Lng    float64
	CapacityMin int
	CapacityMax int
	ListPrice   int64
	// ListPriceUnit says what ListPrice buys; HourlyPrice is the price of
	// an hour when the space is sold by the hour.
	ListPriceUnit PriceUnit
	HourlyPrice   *int64
	Likes         int
	Rating        Rating
	Photos        []Photo // at most CardPhotos, in order
	SortKey       int64   // the value the page is ordered by; feeds the cursor
	Liked         bool    // the viewer likes the space; false for anonymous viewers
}

// PriceUnit says what a list price buys.
type PriceUnit string

// The units of a list price.
const (
	// PricedByHour: the list price is the hourly price times the minimum
	// hours, so a card shows the hourly price per hour.
	PricedByHour PriceUnit = "hourly"
	// PricedByPackage: the list price is the cheapest package's, a whole
	// booking.
	PricedByPackage PriceUnit = "package"
)

// UnitOfListPrice tells what a list price buys from a space's hourly terms
// (hourly nil: not sold by the hour), the way space.Pricing.ListPrice
// chooses it: the hourly minimum unless a package is cheaper.
func UnitOfListPrice(hourly *int64, minHours int, listPrice int64) PriceUnit {
	if hourly != nil && *hourly*int64(minHours) == listPrice {
		return PricedByHour
	}
	return PricedByPackage
}

// Photo is a photo of a space: adapters read its keys, the use case adds
// the URLs a browser loads.
type Photo struct {
	ID            int64
	Keys          space.PhotoKeys
	URL, ThumbURL string
}

// withURLs gives the photos with their URLs filled in.
func withURLs(m ports.MediaURLs, photos []Photo) []Photo {
	out := make([]Photo, len(photos))
	for i, p := range photos {
		thumb := p.Keys.Thumb
		if thumb == "" {
			thumb = p.Keys.Detail
		}
		p.URL, p.ThumbURL = m.URL(p.Keys.Detail), m.URL(thumb)
		out[i] = p
	}
	return out
}

// CardPhotos is how many photos a search result carries.
const CardPhotos = 5

// SpacePage is one page of search results and the cursor of the next page
// (empty on the last page).
type SpacePage struct {
	Items      []SpaceCard
	NextCursor string
	Total      *Total // the first page's only: later pages leave it nil
}

// Total is how many spaces match a search, counted exactly up to
// search.CountLimit; when more match, Count is search.CountLimit and
// Capped is set.
type Total struct {
	Count  int
	Capped bool
}

// Package is a package as shown to guests.
type Package struct {
	ID       int64
	Name     string
	Start    int // minutes after midnight
	End      int // may pass 24:00
	Price    int64
	Weekdays []time.Weekday
}

// OpeningHours are a weekday's hours; a closed weekday is absent.
type OpeningHours struct {
	Weekday time.Weekday
	Open    int
	Close   int
}

// RefundRule is one step of a refund schedule.
type RefundRule struct {
	MinDaysBefore int
	Percent       int
}

// SpaceDetail is everything a guest needs to decide.
type SpaceDetail struct {
	ID            int64
	Status        space.Status // only its host sees a space that is not listed
	HostID        int64
	HostNickname  string
	Title         string
	Subtitle      string
	Description   string
	Category      Category
	District      Ref
	Address       string
	Lat, Lng      float64
	CapacityMin   int
	CapacityMax   int
	Photos        []Photo
	Facilities    []Facility
	Packages      []Package
	HourlyPrice   *int64
	MinHours      int
	OpeningHours  []OpeningHours
	ClosedDates   []string // upcoming, YYYY-MM-DD
	NeedsApproval bool
	RefundPolicy  string
	RefundRules   []RefundRule
	ListPrice     int64
	Likes         int
	Rating        Rating
	CreatedAt     time.Time
	Liked         bool // the viewer likes the space; false for anonymous viewers

	// LatestReviews are the space's LatestReviews newest reviews, with
	// their photos and replies.
	LatestReviews []Review
}

// Availability is a space's bookable packages and hours on one date.
type Availability struct {
	SpaceID int64
	Day     availability.Day
}

// Calendar is what availability needs of a stored space.
type Calendar struct {
	Status   space.Status
	Schedule space.Schedule
	Pricing  space.Pricing
}

// PackageOf shows a domain package as guests see it.
func PackageOf(p space.Package) Package {
	var days []time.Weekday
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if p.Weekdays.Has(wd) {
			days = append(days, wd)
		}
	}
	return Package{ID: int64(p.ID), Name: p.Name, Start: p.Window.Start(), End: p.Window.End(), Price: int64(p.Price), Weekdays: days}
}
