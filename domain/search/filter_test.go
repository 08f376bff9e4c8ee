package search

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

func price(v int64) *int64 { return &v }

func manyIDs(n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(i + 1)
	}
	return out
}

func TestNewFilterFieldErrors(t *testing.T) {
	tests := []struct {
		name  string
		p     Params
		field string
	}{
		{"too many districts", Params{Districts: manyIDs(MaxIDs + 1)}, "district"},
		{"zero district", Params{Districts: []int64{1, 0}}, "district"},
		{"negative district", Params{Districts: []int64{-3}}, "district"},
		{"too many categories", Params{Categories: manyIDs(MaxIDs + 1)}, "category"},
		{"zero category", Params{Categories: []int64{0}}, "category"},
		{"too many facilities", Params{Facilities: manyIDs(MaxIDs + 1)}, "facility"},
		{"negative facility", Params{Facilities: []int64{2, -1}}, "facility"},
		{"negative people", Params{People: -1}, "people"},
		{"too many people", Params{People: space.MaxCapacity + 1}, "people"},
		{"impossible date", Params{Date: "2026-02-30"}, "date"},
		{"date in wrong format", Params{Date: "2026/03/04"}, "date"},
		{"date without dashes", Params{Date: "20260304"}, "date"},
		{"date before 2000", Params{Date: "0001-01-01"}, "date"},
		{"date after 2199", Params{Date: "9999-12-31"}, "date"},
		{"start without end", Params{Date: "2026-03-04", Start: "10:00"}, "end"},
		{"end without start", Params{Date: "2026-03-04", End: "12:00"}, "start"},
		{"window without date", Params{Start: "10:00", End: "12:00"}, "date"},
		{"start not a time", Params{Date: "2026-03-04", Start: "ten", End: "12:00"}, "start"},
		{"start without leading zero", Params{Date: "2026-03-04", Start: "9:00", End: "12:00"}, "start"},
		{"start at 24:00", Params{Date: "2026-03-04", Start: "24:00", End: "26:00"}, "start"},
		{"start minutes out of range", Params{Date: "2026-03-04", Start: "10:60", End: "12:00"}, "start"},
		{"end not a time", Params{Date: "2026-03-04", Start: "10:00", End: "noon"}, "end"},
		{"end past 48:00", Params{Date: "2026-03-04", Start: "10:00", End: "49:00"}, "end"},
		{"end equals start", Params{Date: "2026-03-04", Start: "10:00", End: "10:00"}, "end"},
		{"end before start", Params{Date: "2026-03-04", Start: "12:00", End: "10:00"}, "end"},
		{"window over 24 hours", Params{Date: "2026-03-04", Start: "20:00", End: "44:01"}, "end"},
		{"negative min price", Params{MinPrice: price(-1)}, "min_price"},
		{"negative max price", Params{MaxPrice: price(-1)}, "max_price"},
		{"min price above max price", Params{MinPrice: price(30000), MaxPrice: price(20000)}, "min_price"},
		{"four words", Params{Text: "강남 파티룸 party room"}, "q"},
		{"word of 31 characters", Params{Text: strings.Repeat("가", MaxWordRunes+1)}, "q"},
		{"bbox south above north", Params{Area: &Area{South: 37.6, West: 126.9, North: 37.5, East: 127.1}}, "bbox"},
		{"bbox south below -90", Params{Area: &Area{South: -91, West: 0, North: 0, East: 1}}, "bbox"},
		{"bbox north above 90", Params{Area: &Area{South: 0, West: 0, North: 91, East: 1}}, "bbox"},
		{"bbox west above east", Params{Area: &Area{South: 37.4, West: 127.1, North: 37.6, East: 126.9}}, "bbox"},
		{"bbox west below -180", Params{Area: &Area{South: 0, West: -181, North: 1, East: 0}}, "bbox"},
		{"bbox east above 180", Params{Area: &Area{South: 0, West: 0, North: 1, East: 181}}, "bbox"},
		{"bbox NaN latitude", Params{Area: &Area{South: math.NaN(), West: 126.9, North: 37.6, East: 127.1}}, "bbox"},
		{"bbox NaN longitude", Params{Area: &Area{South: 37.4, West: 126.9, North: 37.6, East: math.NaN()}}, "bbox"},
		{"bbox infinite latitude", Params{Area: &Area{South: math.Inf(-1), West: 126.9, North: 37.6, East: 127.1}}, "bbox"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := NewFilter(tt.p)
			if err == nil {
				t.Fatalf("NewFilter(%+v) = %+v, want an error on %s", tt.p, f, tt.field)
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v (%T) is not a *FieldError", err, err)
			}
			if fe.Field != tt.field {
				t.Errorf("error names field %q (%v), want %q", fe.Field, err, tt.field)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("errors.Is(%v, ErrInvalid) = false", err)
			}
			if fe.Reason == "" || err.Error() != fe.Field+": "+fe.Reason {
				t.Errorf("Error() = %q, want %q: reason", err.Error(), fe.Field)
			}
		})
	}
}

func TestNewFilterValid(t *testing.T) {
	area := &Area{South: 37.4, West: 126.8, North: 37.7, East: 127.2}
	p := Params{
		Districts:  []int64{3, 1, 3, 2},
		Categories: []int64{5},
		Facilities: manyIDs(MaxIDs),
		People:     4,
		Date:       "2026-03-04",
		Start:      "20:00",
		End:        "29:00",
		MinPrice:   price(10000),
		MaxPrice:   price(10000),
		Text:       "  강남   Party\tROOM ",
		Area:       area,
	}
	f, err := NewFilter(p)
	if err != nil {
		t.Fatalf("NewFilter error = %v", err)
	}
	if !slices.Equal(f.Districts, []int64{1, 2, 3}) {
		t.Errorf("Districts = %v, want sorted without duplicates [1 2 3]", f.Districts)
	}
	if !slices.Equal(f.Categories, []int64{5}) || len(f.Facilities) != MaxIDs {
		t.Errorf("Categories = %v, Facilities = %v", f.Categories, f.Facilities)
	}
	if f.People != 4 {
		t.Errorf("People = %d, want 4", f.People)
	}
	if f.Date == nil || f.Date.String() != "2026-03-04" {
		t.Errorf("Date = %v, want 2026-03-04", f.Date)
	}
	if f.Window == nil || f.Window.Start() != 1200 || f.Window.End() != 1740 {
		t.Errorf("Window = %v, want 20:00–29:00 (1200..1740)", f.Window)
	}
	if f.MinPrice == nil || *f.MinPrice != 10000 || f.MaxPrice == nil || *f.MaxPrice != 10000 {
		t.Errorf("prices = %v..%v, want 10000..10000", f.MinPrice, f.MaxPrice)
	}
	if !slices.Equal(f.Words, []string{"강남", "party", "room"}) {
		t.Errorf("Words = %q, want [강남 party room]", f.Words)
	}
	if f.Area == nil || *f.Area != *area {
		t.Errorf("Area = %v, want %v", f.Area, area)
	}
	// The filter owns its values.
	p.Districts[0] = 99
	area.North = 0
	if !slices.Equal(f.Districts, []int64{1, 2, 3}) || f.Area.North != 37.7 {
		t.Errorf("filter shares the caller's slices or area: %v %v", f.Districts, f.Area)
	}
}

func TestNewFilterAcceptsLimits(t *testing.T) {
	tests := []struct {
		name string
		p    Params
	}{
		{"empty", Params{}},
		{"people zero means any", Params{People: 0}},
		{"people at capacity limit", Params{People: space.MaxCapacity}},
		{"date without window", Params{Date: "2028-02-29"}},
		{"window of 24 hours", Params{Date: "2026-03-04", Start: "00:00", End: "24:00"}},
		{"overnight of 24 hours", Params{Date: "2026-03-04", Start: "20:00", End: "44:00"}},
		{"start at 23:59", Params{Date: "2026-03-04", Start: "23:59", End: "24:00"}},
		{"zero prices", Params{MinPrice: price(0), MaxPrice: price(0)}},
		{"three words", Params{Text: "강남 파티룸 party"}},
		{"word of 30 Korean characters", Params{Text: strings.Repeat("가", MaxWordRunes)}},
		{"blank text", Params{Text: " \t\n "}},
		{"whole world bbox", Params{Area: &Area{South: -90, West: -180, North: 90, East: 180}}},
		{"point bbox", Params{Area: &Area{South: 37.5, West: 127, North: 37.5, East: 127}}},
		{"25 ids", Params{Districts: manyIDs(MaxIDs), Categories: manyIDs(MaxIDs)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewFilter(tt.p); err != nil {
				t.Errorf("NewFilter(%+v) error = %v", tt.p, err)
			}
		})
	}
}

func TestParseSort(t *testing.T) {
	tests := []struct {
		in      string
		want    Sort
		wantErr bool
	}{
		{"", SortPopular, false},
		{"popular", SortPopular, false},
		{"price_asc", SortPriceAsc, false},
		{"price_desc", SortPriceDesc, false},
		{"rating", SortRating, false},
		{"newest", SortNewest, false},
		{"cheapest", Sort{}, true},
		{"POPULAR", Sort{}, true},
		{"price", Sort{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSort(tt.in)
			if tt.wantErr {
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != "sort" || !errors.Is(err, ErrInvalid) {
					t.Fatalf("ParseSort(%q) error = %v, want a FieldError on sort", tt.in, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseSort(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestSortsListEveryOrderOnce(t *testing.T) {
	if Sorts[0] != SortPopular {
		t.Errorf("Sorts[0] = %v, want the default popular", Sorts[0])
	}
	seen := map[string]bool{}
	for _, s := range Sorts {
		if seen[s.String()] {
			t.Errorf("sort %q listed twice", s)
		}
		seen[s.String()] = true
		if got, err := ParseSort(s.String()); err != nil || got != s {
			t.Errorf("ParseSort(%q) = %v, %v", s, got, err)
		}
	}
	if len(seen) != 5 {
		t.Errorf("Sorts has %d orders, want 5", len(seen))
	}
}

func TestAreaContains(t *testing.T) {
	a := Area{South: 37.4, West: 126.8, North: 37.7, East: 127.2}
	tests := []struct {
		name     string
		lat, lng float64
		want     bool
	}{
		{"inside", 37.5, 127.0, true},
		{"south-west corner", 37.4, 126.8, true},
		{"north-east corner", 37.7, 127.2, true},
		{"south of it", 37.39, 127.0, false},
		{"north of it", 37.71, 127.0, false},
		{"west of it", 37.5, 126.79, false},
		{"east of it", 37.5, 127.21, false},
		{"lat and lng swapped", 127.0, 37.5, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.Contains(tt.lat, tt.lng); got != tt.want {
				t.Errorf("Contains(%v, %v) = %v, want %v", tt.lat, tt.lng, got, tt.want)
			}
		})
	}
}

// Monday 2026-03-02 09:00 in Seoul; the listing is searched for Wednesday 2026-03-04.
var (
	now = calendar.MustDate(2026, time.March, 2).At(9 * 60)
	wed = calendar.MustDate(2026, time.March, 4)
)

func rangeOn(d calendar.Date, from, to int) booking.Range {
	return booking.Range{Start: d.At(from).UTC(), End: d.At(to).UTC()}
}

func mustCapacity(t *testing.T, min, max int) space.Capacity {
	t.Helper()
	c, err := space.NewCapacity(min, max)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustPricing(t *testing.T, h *space.Hourly, pkgs ...space.Package) space.Pricing {
	t.Helper()
	p, err := space.NewPricing(h, pkgs)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// listing is an active party room in Gangnam: district 1, category 2,
// facilities 1, 3 and 5, 2–8 people, open 09:00–22:00 every day except the
// closed date 2026-03-05, 10,000 won an hour for at least 2 hours (list price 20,000).
func listing(t *testing.T) Listing {
	t.Helper()
	opening := map[time.Weekday]calendar.Window{}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		opening[wd] = calendar.MustWindow(9*60, 22*60)
	}
	sched, err := space.NewSchedule(opening, []calendar.Date{wed.AddDays(1)})
	if err != nil {
		t.Fatal(err)
	}
	return Listing{
		ID:         7,
		Status:     space.StatusActive,
		DistrictID: 1,
		CategoryID: 2,
		Capacity:   mustCapacity(t, 2, 8),
		Facilities: []int64{1, 3, 5},
		Title:      "강남역 파티룸 Party Room",
		Subtitle:   "Cozy 루프탑",
		Address:    "서울 강남구 테헤란로 1",
		Lat:        37.498,
		Lng:        127.028,
		Schedule:   sched,
		Pricing:    mustPricing(t, &space.Hourly{PricePerHour: 10000, MinHours: 2}),
	}
}

func TestFilterMatches(t *testing.T) {
	dayPkg := space.Package{ID: 1, Name: "day", Window: calendar.MustWindow(9*60, 15*60), Price: 15000, Weekdays: space.EveryDay}
	tests := []struct {
		name   string
		p      Params
		change func(*Listing)
		want   bool
	}{
		{"no filter", Params{}, nil, true},
		{"hidden space never matches", Params{}, func(l *Listing) { l.Status = space.StatusHidden }, false},
		{"retired space never matches", Params{}, func(l *Listing) { l.Status = space.StatusRetired }, false},
		{"zero status never matches", Params{}, func(l *Listing) { l.Status = space.Status{} }, false},

		{"district listed", Params{Districts: []int64{9, 1}}, nil, true},
		{"district not listed", Params{Districts: []int64{9, 10}}, nil, false},
		{"category listed", Params{Categories: []int64{2}}, nil, true},
		{"category not listed", Params{Categories: []int64{1, 3}}, nil, false},

		{"one facility it has", Params{Facilities: []int64{3}}, nil, true},
		{"all facilities it has", Params{Facilities: []int64{1, 3, 5}}, nil, true},
		{"one facility it lacks among ones it has", Params{Facilities: []int64{1, 4}}, nil, false},
		{"facility on a space with none", Params{Facilities: []int64{1}}, func(l *Listing) { l.Facilities = nil }, false},

		{"people at minimum", Params{People: 2}, nil, true},
		{"people at maximum", Params{People: 8}, nil, true},
		{"people below minimum", Params{People: 1}, nil, false},
		{"people above maximum", Params{People: 9}, nil, false},

		{"min price equal to list price", Params{MinPrice: price(20000)}, nil, true},
		{"min price above list price", Params{MinPrice: price(20001)}, nil, false},
		{"max price equal to list price", Params{MaxPrice: price(20000)}, nil, true},
		{"max price below list price", Params{MaxPrice: price(19999)}, nil, false},
		{"price range around list price", Params{MinPrice: price(10000), MaxPrice: price(30000)}, nil, true},
		{"max price is compared with the cheapest package, not the hourly price",
			Params{MaxPrice: price(15000)}, func(l *Listing) { l.Pricing = mustPricing(t, &space.Hourly{PricePerHour: 10000, MinHours: 2}, dayPkg) }, true},
		{"hourly price alone is not the list price",
			Params{MaxPrice: price(10000)}, nil, false},

		{"Korean word in title", Params{Text: "파티룸"}, nil, true},
		{"Korean substring of a word", Params{Text: "파티"}, nil, true},
		{"Korean single character", Params{Text: "룸"}, nil, true},
		{"word in subtitle", Params{Text: "루프탑"}, nil, true},
		{"word in address", Params{Text: "테헤란로"}, nil, true},
		{"Latin upper case query", Params{Text: "PARTY"}, nil, true},
		{"Latin mixed case substring", Params{Text: "oZ"}, nil, true},
		{"every word present", Params{Text: "강남 party 루프탑"}, nil, true},
		{"one word missing", Params{Text: "강남 노래방"}, nil, false},
		{"absent word", Params{Text: "연습실"}, nil, false},
		{"characters in the wrong order", Params{Text: "룸파티"}, nil, false},
		{"word spanning two fields", Params{Text: "roomcozy"}, nil, false},

		{"inside the bbox", Params{Area: &Area{South: 37.4, West: 126.9, North: 37.6, East: 127.1}}, nil, true},
		{"on the bbox edge", Params{Area: &Area{South: 37.498, West: 127.028, North: 37.6, East: 127.1}}, nil, true},
		{"outside the bbox", Params{Area: &Area{South: 37.5, West: 126.9, North: 37.6, East: 127.1}}, nil, false},

		{"date free", Params{Date: "2026-03-04"}, nil, true},
		{"closed date", Params{Date: "2026-03-05"}, nil, false},
		{"date more than 90 days ahead", Params{Date: "2026-06-01"}, nil, false},
		{"date in the past", Params{Date: "2026-03-01"}, nil, false},
		{"date fully booked", Params{Date: "2026-03-04"}, func(l *Listing) {
			l.Bookings = []booking.Blocking{{Range: rangeOn(wed, 9*60, 22*60), Status: booking.StatusConfirmed}}
		}, false},
		{"date with only single free hours left for a 2-hour minimum", Params{Date: "2026-03-04"}, func(l *Listing) {
			l.Bookings = []booking.Blocking{
				{Range: rangeOn(wed, 9*60, 13*60), Status: booking.StatusConfirmed},
				{Range: rangeOn(wed, 14*60, 22*60), Status: booking.StatusConfirmed},
			}
		}, false},
		{"date booked by a live payment hold", Params{Date: "2026-03-04"}, func(l *Listing) {
			l.Bookings = []booking.Blocking{{Range: rangeOn(wed, 9*60, 22*60), Status: booking.StatusPaymentDue, Deadline: now.Add(10 * time.Minute)}}
		}, false},
		{"date held by an expired payment hold is free", Params{Date: "2026-03-04"}, func(l *Listing) {
			l.Bookings = []booking.Blocking{{Range: rangeOn(wed, 9*60, 22*60), Status: booking.StatusPaymentDue, Deadline: now.Add(-time.Minute)}}
		}, true},
		{"date booked by a cancelled booking is free", Params{Date: "2026-03-04"}, func(l *Listing) {
			l.Bookings = []booking.Blocking{{Range: rangeOn(wed, 9*60, 22*60), Status: booking.StatusCancelledByGuest}}
		}, true},

		{"date and free window", Params{Date: "2026-03-04", Start: "10:00", End: "12:00"}, nil, true},
		{"date and window with a booked hour", Params{Date: "2026-03-04", Start: "10:00", End: "12:00"}, func(l *Listing) {
			l.Bookings = []booking.Blocking{{Range: rangeOn(wed, 11*60, 12*60), Status: booking.StatusConfirmed}}
		}, false},
		{"date and window next to a booking", Params{Date: "2026-03-04", Start: "10:00", End: "12:00"}, func(l *Listing) {
			l.Bookings = []booking.Blocking{{Range: rangeOn(wed, 12*60, 14*60), Status: booking.StatusConfirmed}}
		}, true},
		{"window shorter than the minimum hours", Params{Date: "2026-03-04", Start: "10:00", End: "11:00"}, nil, false},
		{"window not on the hour", Params{Date: "2026-03-04", Start: "10:30", End: "12:30"}, nil, false},
		{"window outside opening hours", Params{Date: "2026-03-04", Start: "21:00", End: "23:00"}, nil, false},
		{"window on a closed date", Params{Date: "2026-03-05", Start: "10:00", End: "12:00"}, nil, false},
		{"window covered by a package", Params{Date: "2026-03-04", Start: "10:30", End: "11:00"}, func(l *Listing) {
			l.Pricing = mustPricing(t, &space.Hourly{PricePerHour: 10000, MinHours: 2}, dayPkg)
		}, true},

		{"every filter at once", Params{
			Districts: []int64{1}, Categories: []int64{2}, Facilities: []int64{1, 5}, People: 4,
			Date: "2026-03-04", Start: "18:00", End: "20:00", MinPrice: price(20000), MaxPrice: price(20000),
			Text: "강남 room", Area: &Area{South: 37, West: 126, North: 38, East: 128},
		}, nil, true},
		{"every filter but one", Params{
			Districts: []int64{1}, Categories: []int64{2}, Facilities: []int64{1, 5}, People: 4,
			Date: "2026-03-04", Start: "18:00", End: "20:00", MinPrice: price(20000), MaxPrice: price(20000),
			Text: "강남 room", Area: &Area{South: 37, West: 126, North: 38, East: 128},
		}, func(l *Listing) { l.CategoryID = 3 }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := NewFilter(tt.p)
			if err != nil {
				t.Fatalf("NewFilter(%+v) error = %v", tt.p, err)
			}
			l := listing(t)
			if tt.change != nil {
				tt.change(&l)
			}
			if got := f.Matches(l, now); got != tt.want {
				t.Errorf("Matches = %v, want %v", got, tt.want)
			}
		})
	}
}
