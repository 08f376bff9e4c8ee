package space

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
)

// validListing is sold both ways, open on weekdays 09:00–22:00, with an
// overnight package; each test breaks the rule it checks.
func validListing() Listing {
	weekday := calendar.MustWindow(9*60, 22*60)
	return Listing{
		Title:       "Sunny studio in Mapo",
		Subtitle:    "Natural light, 10 minutes from Hongik Univ. station",
		Description: "A quiet studio.\nBring your own props.\tTea is free.\r\n",
		Address:     "123 Worldcup-ro, Mapo-gu, Seoul",
		DistrictID:  3,
		CategoryID:  7,
		Lat:         37.5563,
		Lng:         126.9220,
		CapacityMin: 2,
		CapacityMax: 12,
		FacilityIDs: []int64{1, 4, 9},
		Opening: map[time.Weekday]calendar.Window{
			time.Monday: weekday, time.Tuesday: weekday, time.Wednesday: weekday,
			time.Thursday: weekday, time.Friday: weekday,
		},
		Hourly: &Hourly{PricePerHour: 15000, MinHours: 2},
		Packages: []Package{
			{Name: "day", Window: calendar.MustWindow(9*60, 15*60), Price: 60000, Weekdays: EveryDay},
			{Name: "overnight", Window: calendar.MustWindow(1200, 1740), Price: 90000, Weekdays: WeekdaysOf(time.Friday, time.Saturday)},
		},
		Refund: RefundFlexible,
	}
}

// fieldsOf lists the fields of every *fault.FieldError in err, walking
// joined and wrapped errors; anything else fails the test.
func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	var fields []string
	var walk func(error)
	walk = func(e error) {
		switch x := e.(type) { //nolint:errorlint // walks the tree itself, to find every field error
		case nil:
		case interface{ Unwrap() []error }:
			for _, inner := range x.Unwrap() {
				walk(inner)
			}
		case *fault.FieldError:
			fields = append(fields, x.Field)
		default:
			if inner := errors.Unwrap(e); inner != nil {
				walk(inner)
				return
			}
			t.Errorf("error %q (%T) is not a *fault.FieldError", e, e)
		}
	}
	walk(err)
	return fields
}

func TestValidListingsPass(t *testing.T) {
	hourlyOnly := validListing()
	hourlyOnly.Packages = nil

	packagesOnly := validListing()
	packagesOnly.Hourly = nil
	packagesOnly.Opening = nil // packages may lie outside opening hours, or have none

	overnightOnly := validListing()
	overnightOnly.Hourly = nil
	overnightOnly.Packages = []Package{{Name: "overnight 20:00–05:00", Window: calendar.MustWindow(1200, 1740), Price: 1, Weekdays: WeekdaysOf(time.Saturday)}}

	custom, err := NewCustomRefundPolicy([]RefundRule{{3, 100}, {0, 20}})
	if err != nil {
		t.Fatal(err)
	}
	limits := validListing()
	limits.Title = strings.Repeat("가", MaxTitle) // counted in runes, not bytes
	limits.Subtitle = strings.Repeat("나", MaxSubtitle)
	limits.Description = strings.Repeat("다", MaxDescription)
	limits.Address = strings.Repeat("라", MaxAddress)
	limits.Lat, limits.Lng = MinLat, MaxLng
	limits.CapacityMin, limits.CapacityMax = MaxCapacity, MaxCapacity
	limits.FacilityIDs = make([]int64, MaxFacilities)
	for i := range limits.FacilityIDs {
		limits.FacilityIDs[i] = int64(i + 1)
	}
	limits.Hourly = &Hourly{PricePerHour: 1, MinHours: 24}
	limits.Packages = nil
	for i := range MaxPackages {
		limits.Packages = append(limits.Packages, Package{Name: strings.Repeat("x", i+1), Window: calendar.MustWindow(0, 60), Price: 1, Weekdays: WeekdaysOf(time.Sunday)})
	}
	limits.Packages[0].Name = strings.Repeat("마", MaxPackageName)
	limits.Refund = custom
	limits.Opening = map[time.Weekday]calendar.Window{time.Sunday: calendar.MustWindow(0, calendar.MinutesPerDay)}

	empties := validListing()
	empties.Subtitle, empties.Description, empties.FacilityIDs = "", "", nil
	empties.Refund = RefundStandard

	for _, tt := range []struct {
		name string
		l    Listing
	}{
		{"hourly and packages", validListing()},
		{"hourly only", hourlyOnly},
		{"packages only, no opening hours", packagesOnly},
		{"overnight package 20:00–05:00", overnightOnly},
		{"every limit reached", limits},
		{"optional fields empty", empties},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.l.Validate(); err != nil {
				t.Errorf("Validate() = %v, want nil", err)
			}
		})
	}
}

func TestValidateRefusesEachRule(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Listing)
		field  string
	}{
		{"title empty", func(l *Listing) { l.Title = "" }, "title"},
		{"title blank", func(l *Listing) { l.Title = " \t " }, "title"},
		{"title 101 runes", func(l *Listing) { l.Title = strings.Repeat("가", MaxTitle+1) }, "title"},
		{"title with newline", func(l *Listing) { l.Title = "two\nlines" }, "title"},
		{"title with carriage return", func(l *Listing) { l.Title = "two\rlines" }, "title"},
		{"title with control character", func(l *Listing) { l.Title = "bell\x07" }, "title"},
		{"title with NUL", func(l *Listing) { l.Title = "nul\x00" }, "title"},
		{"title invalid UTF-8", func(l *Listing) { l.Title = "bad\xff" }, "title"},
		{"subtitle 201 runes", func(l *Listing) { l.Subtitle = strings.Repeat("나", MaxSubtitle+1) }, "subtitle"},
		{"subtitle with control character", func(l *Listing) { l.Subtitle = "esc\x1b" }, "subtitle"},
		{"description 5001 runes", func(l *Listing) { l.Description = strings.Repeat("다", MaxDescription+1) }, "description"},
		{"description with DEL", func(l *Listing) { l.Description = "del\x7f" }, "description"},
		{"address empty", func(l *Listing) { l.Address = "" }, "address"},
		{"address blank", func(l *Listing) { l.Address = "   " }, "address"},
		{"address 256 runes", func(l *Listing) { l.Address = strings.Repeat("라", MaxAddress+1) }, "address"},
		{"district 0", func(l *Listing) { l.DistrictID = 0 }, "district_id"},
		{"district negative", func(l *Listing) { l.DistrictID = -1 }, "district_id"},
		{"category 0", func(l *Listing) { l.CategoryID = 0 }, "category_id"},
		{"category negative", func(l *Listing) { l.CategoryID = -4 }, "category_id"},
		{"lat south of Korea", func(l *Listing) { l.Lat = MinLat - 0.01 }, "lat"},
		{"lat north of Korea", func(l *Listing) { l.Lat = MaxLat + 0.01 }, "lat"},
		{"lat zero", func(l *Listing) { l.Lat = 0 }, "lat"},
		{"lat NaN", func(l *Listing) { l.Lat = math.NaN() }, "lat"},
		{"lat +Inf", func(l *Listing) { l.Lat = math.Inf(1) }, "lat"},
		{"lng west of Korea", func(l *Listing) { l.Lng = MinLng - 0.01 }, "lng"},
		{"lng east of Korea", func(l *Listing) { l.Lng = MaxLng + 0.01 }, "lng"},
		{"lng NaN", func(l *Listing) { l.Lng = math.NaN() }, "lng"},
		{"capacity 0..5", func(l *Listing) { l.CapacityMin, l.CapacityMax = 0, 5 }, "capacity"},
		{"capacity 5..3", func(l *Listing) { l.CapacityMin, l.CapacityMax = 5, 3 }, "capacity"},
		{"capacity 1..501", func(l *Listing) { l.CapacityMin, l.CapacityMax = 1, 501 }, "capacity"},
		{"facility duplicate", func(l *Listing) { l.FacilityIDs = []int64{1, 2, 1} }, "facility_ids"},
		{"facility 0", func(l *Listing) { l.FacilityIDs = []int64{1, 0} }, "facility_ids"},
		{"facility negative", func(l *Listing) { l.FacilityIDs = []int64{-3} }, "facility_ids"},
		{"facilities broken twice, reported once", func(l *Listing) { l.FacilityIDs = []int64{0, 2, 2} }, "facility_ids"},
		{"51 facilities", func(l *Listing) {
			l.FacilityIDs = nil
			for i := range MaxFacilities + 1 {
				l.FacilityIDs = append(l.FacilityIDs, int64(i+1))
			}
		}, "facility_ids"},
		{"opening not on the hour", func(l *Listing) { l.Opening[time.Monday] = calendar.MustWindow(9*60+30, 22*60) }, "opening_hours"},
		{"closing not on the hour", func(l *Listing) { l.Opening[time.Monday] = calendar.MustWindow(9*60, 21*60+59) }, "opening_hours"},
		{"opening past midnight", func(l *Listing) { l.Opening[time.Friday] = calendar.MustWindow(20*60, 26*60) }, "opening_hours"},
		{"opening on no weekday", func(l *Listing) { l.Opening[time.Weekday(7)] = calendar.MustWindow(9*60, 10*60) }, "opening_hours"},
		{"hourly without opening hours", func(l *Listing) { l.Opening = nil }, "opening_hours"},
		{"hourly price 0", func(l *Listing) { l.Hourly.PricePerHour = 0 }, "hourly"},
		{"hourly price negative", func(l *Listing) { l.Hourly.PricePerHour = -1 }, "hourly"},
		{"hourly min hours 0", func(l *Listing) { l.Hourly.MinHours = 0 }, "hourly"},
		{"hourly min hours 25", func(l *Listing) { l.Hourly.MinHours = 25 }, "hourly"},
		{"no pricing at all", func(l *Listing) { l.Hourly, l.Packages = nil, nil }, "packages"},
		{"no pricing, empty packages", func(l *Listing) { l.Hourly, l.Packages = nil, []Package{} }, "packages"},
		{"11 packages", func(l *Listing) {
			l.Packages = nil
			for i := range MaxPackages + 1 {
				l.Packages = append(l.Packages, Package{Name: strings.Repeat("p", i+1), Window: calendar.MustWindow(0, 60), Price: 1, Weekdays: EveryDay})
			}
		}, "packages"},
		{"package name empty", func(l *Listing) { l.Packages[1].Name = "" }, "packages[1].name"},
		{"package name blank", func(l *Listing) { l.Packages[0].Name = "  " }, "packages[0].name"},
		{"package name 51 runes", func(l *Listing) { l.Packages[0].Name = strings.Repeat("마", MaxPackageName+1) }, "packages[0].name"},
		{"package name with a line break", func(l *Listing) { l.Packages[0].Name = "주간\n야간" }, "packages[0].name"},
		{"package name with a NUL", func(l *Listing) { l.Packages[0].Name = "주간\x00" }, "packages[0].name"},
		{"package name duplicate", func(l *Listing) { l.Packages[1].Name = "day" }, "packages[1].name"},
		{"package name duplicate but for spaces", func(l *Listing) { l.Packages[1].Name = " day " }, "packages[1].name"},
		{"package price 0", func(l *Listing) { l.Packages[0].Price = 0 }, "packages[0].price"},
		{"package price negative", func(l *Listing) { l.Packages[1].Price = -100 }, "packages[1].price"},
		{"package on no weekday", func(l *Listing) { l.Packages[1].Weekdays = 0 }, "packages[1].weekdays"},
		{"package on no real weekday", func(l *Listing) { l.Packages[0].Weekdays = 0x80 }, "packages[0].weekdays"},
		{"package without window", func(l *Listing) { l.Packages[0].Window = calendar.Window{} }, "packages[0]"},
		{"no refund policy", func(l *Listing) { l.Refund = RefundPolicy{} }, "refund_policy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := validListing()
			tt.mutate(&l)
			err := l.Validate()
			if err == nil {
				t.Fatal("Validate() = nil, want an error")
			}
			if !errors.Is(err, fault.ErrInvalid) {
				t.Errorf("errors.Is(%v, fault.ErrInvalid) = false", err)
			}
			var fe *fault.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Validate() = %v, want a *fault.FieldError", err)
			}
			if got := fieldsOf(t, err); !slices.Equal(got, []string{tt.field}) {
				t.Errorf("fields at fault = %q, want [%q] (error: %v)", got, tt.field, err)
			}
		})
	}
}

func TestValidateReportsEveryBrokenField(t *testing.T) {
	l := validListing()
	l.Title = ""
	l.Lat = math.NaN()
	l.CapacityMin, l.CapacityMax = 5, 3
	l.FacilityIDs = []int64{2, 2}
	l.Hourly.MinHours = 0
	l.Packages[0].Price = 0
	l.Packages[1].Name = "day"
	l.Refund = RefundPolicy{}

	want := []string{"title", "lat", "capacity", "facility_ids", "hourly", "packages[0].price", "packages[1].name", "refund_policy"}
	got := fieldsOf(t, l.Validate())
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("fields at fault = %q, want %q", got, want)
	}
}

func TestApplyChangesOnlyTheGivenFields(t *testing.T) {
	title, lat, capMax, approval := "New title", 35.1, 30, true
	facilities := []int64{8}
	refund := RefundStandard
	hourly := Hourly{PricePerHour: 20000, MinHours: 3}
	packages := []Package{{ID: 4, Name: "all day", Window: calendar.MustWindow(9*60, 22*60), Price: 100000, Weekdays: EveryDay}}
	opening := map[time.Weekday]calendar.Window{time.Sunday: calendar.MustWindow(10*60, 18*60)}
	district, category := int64(11), int64(12)
	subtitle, description, address := "sub", "desc", "addr"
	lng, capMin := 129.0, 3

	tests := []struct {
		name  string
		patch ListingPatch
		want  func(*Listing)
	}{
		{"empty patch", ListingPatch{}, func(*Listing) {}},
		{"title", ListingPatch{Title: &title}, func(l *Listing) { l.Title = title }},
		{"texts", ListingPatch{Subtitle: &subtitle, Description: &description, Address: &address}, func(l *Listing) {
			l.Subtitle, l.Description, l.Address = subtitle, description, address
		}},
		{"references", ListingPatch{DistrictID: &district, CategoryID: &category}, func(l *Listing) { l.DistrictID, l.CategoryID = district, category }},
		{"lat and lng", ListingPatch{Lat: &lat, Lng: &lng}, func(l *Listing) { l.Lat, l.Lng = lat, lng }},
		{"capacity max", ListingPatch{CapacityMax: &capMax}, func(l *Listing) { l.CapacityMax = capMax }},
		{"capacity min", ListingPatch{CapacityMin: &capMin}, func(l *Listing) { l.CapacityMin = capMin }},
		{"facilities", ListingPatch{FacilityIDs: &facilities}, func(l *Listing) { l.FacilityIDs = []int64{8} }},
		{"opening", ListingPatch{Opening: &opening}, func(l *Listing) { l.Opening = opening }},
		{"hourly", ListingPatch{Hourly: &hourly}, func(l *Listing) { l.Hourly = &Hourly{PricePerHour: 20000, MinHours: 3} }},
		{"clear hourly", ListingPatch{ClearHourly: true}, func(l *Listing) { l.Hourly = nil }},
		{"clear hourly wins over hourly", ListingPatch{Hourly: &hourly, ClearHourly: true}, func(l *Listing) { l.Hourly = nil }},
		{"packages", ListingPatch{Packages: &packages}, func(l *Listing) { l.Packages = packages }},
		{"refund", ListingPatch{Refund: &refund}, func(l *Listing) { l.Refund = RefundStandard }},
		{"approval", ListingPatch{NeedsApproval: &approval}, func(l *Listing) { l.NeedsApproval = true }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := validListing()
			got := orig.Apply(tt.patch)
			want := validListing()
			tt.want(&want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Apply() =\n%+v\nwant\n%+v", got, want)
			}
			if !reflect.DeepEqual(orig, validListing()) {
				t.Errorf("Apply changed the original listing: %+v", orig)
			}
		})
	}
}

func TestApplyDoesNotAliasTheOriginal(t *testing.T) {
	orig := validListing()
	got := orig.Apply(ListingPatch{})

	got.FacilityIDs[0] = 99
	got.Opening[time.Monday] = calendar.MustWindow(0, 60)
	delete(got.Opening, time.Tuesday)
	got.Opening[time.Sunday] = calendar.MustWindow(0, 60)
	got.Packages[0].Name = "changed"
	got.Hourly.PricePerHour = 1

	if !reflect.DeepEqual(orig, validListing()) {
		t.Errorf("mutating Apply's result changed the original:\n%+v", orig)
	}
}

func TestApplyDoesNotAliasThePatch(t *testing.T) {
	facilities := []int64{5, 6}
	opening := map[time.Weekday]calendar.Window{time.Sunday: calendar.MustWindow(10*60, 18*60)}
	packages := []Package{{Name: "all day", Window: calendar.MustWindow(9*60, 22*60), Price: 100000, Weekdays: EveryDay}}
	hourly := Hourly{PricePerHour: 20000, MinHours: 3}
	got := validListing().Apply(ListingPatch{FacilityIDs: &facilities, Opening: &opening, Packages: &packages, Hourly: &hourly})
	want := got.clone()

	// A caller reusing its patch must not reach into the listing it made.
	facilities[0] = -1
	opening[time.Sunday] = calendar.MustWindow(10*60+30, 18*60)
	opening[time.Monday] = calendar.MustWindow(0, 60)
	packages[0].Price = 0
	hourly.MinHours = 0

	if !reflect.DeepEqual(got, want) {
		t.Errorf("mutating the patch changed Apply's result:\n%+v\nwant\n%+v", got, want)
	}
}
