package booking

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/space"
)

// The clock of the request tests: Tuesday 2026-12-01, 13:00 in Seoul.
var (
	reqNow    = time.Date(2026, 12, 1, 13, 0, 0, 0, calendar.Seoul)
	reqToday  = calendar.DateOf(reqNow)
	thursday  = calendar.MustDate(2026, time.December, 10)
	saturday  = calendar.MustDate(2026, time.December, 12)
	sunday    = calendar.MustDate(2026, time.December, 13) // the space is closed on Sundays
	christmas = calendar.MustDate(2026, time.December, 25) // a Friday the host closed
)

const (
	reqSpaceID = 10
	reqHostID  = 20
	reqGuestID = 30
)

func hhmm(h, m int) int { return h*60 + m }

// seoulAt is the UTC instant of hour:minute Seoul time on d.
func seoulAt(d calendar.Date, hour, minute int) time.Time { return d.At(hhmm(hour, minute)).UTC() }

var (
	dayPkg       = space.Package{ID: 1, Name: "day", Window: calendar.MustWindow(hhmm(9, 0), hhmm(15, 0)), Price: 50_000, Weekdays: space.EveryDay}
	overnightPkg = space.Package{ID: 2, Name: "overnight", Window: calendar.MustWindow(hhmm(20, 0), hhmm(29, 0)), Price: 120_000, Weekdays: space.EveryDay}
	weekendPkg   = space.Package{ID: 3, Name: "weekend", Window: calendar.MustWindow(hhmm(10, 0), hhmm(18, 0)), Price: 70_000, Weekdays: space.WeekdaysOf(time.Saturday, time.Sunday)}
	afternoonPkg = space.Package{ID: 4, Name: "afternoon", Window: calendar.MustWindow(hhmm(14, 0), hhmm(18, 0)), Price: 40_000, Weekdays: space.EveryDay}
)

func mustPricing(hourly *space.Hourly, pkgs ...space.Package) space.Pricing {
	p, err := space.NewPricing(hourly, pkgs)
	if err != nil {
		panic(err)
	}
	return p
}

// openMonToSat opens w Monday to Saturday; Sundays are closed.
func openMonToSat(w calendar.Window, closed ...calendar.Date) space.Schedule {
	opening := map[time.Weekday]calendar.Window{}
	for wd := time.Monday; wd <= time.Saturday; wd++ {
		opening[wd] = w
	}
	s, err := space.NewSchedule(opening, closed)
	if err != nil {
		panic(err)
	}
	return s
}

func mustCapacity(min, max int) space.Capacity {
	c, err := space.NewCapacity(min, max)
	if err != nil {
		panic(err)
	}
	return c
}

// mixedTerms is an instant space for 2–10 people, open 09:00–22:00 Monday to
// Saturday, closed on Christmas, sold at 15,000 won an hour (at least 2
// hours) and by four packages.
func mixedTerms() SpaceTerms {
	return SpaceTerms{
		SpaceID:  reqSpaceID,
		HostID:   reqHostID,
		Status:   space.StatusActive,
		Capacity: mustCapacity(2, 10),
		Schedule: openMonToSat(calendar.MustWindow(hhmm(9, 0), hhmm(22, 0)), christmas),
		Pricing:  mustPricing(&space.Hourly{PricePerHour: 15_000, MinHours: 2}, dayPkg, overnightPkg, weekendPkg, afternoonPkg),
		Refund:   space.RefundFlexible,
	}
}

// packageTerms is mixedTerms sold by package only.
func packageTerms() SpaceTerms {
	t := mixedTerms()
	t.Pricing = mustPricing(nil, dayPkg, overnightPkg, weekendPkg, afternoonPkg)
	return t
}

// hourlyTerms is mixedTerms sold by the hour only, open over w on Monday to Saturday.
func hourlyTerms(w calendar.Window, minHours int) SpaceTerms {
	t := mixedTerms()
	t.Schedule = openMonToSat(w, christmas)
	t.Pricing = mustPricing(&space.Hourly{PricePerHour: 15_000, MinHours: minHours})
	return t
}

func withTerms(t SpaceTerms, change func(*SpaceTerms)) SpaceTerms {
	change(&t)
	return t
}

func hourlyReq(d calendar.Date, startHour, hours int) Request {
	return Request{
		SpaceID:   reqSpaceID,
		GuestID:   reqGuestID,
		Date:      d,
		StartHour: startHour,
		Hours:     hours,
		People:    4,
		Contact:   Contact{Name: "Kim Minji", Phone: "010-1234-5678", Email: "minji@example.com"},
		Purpose:   "team workshop",
		Message:   "We will bring our own projector.",
	}
}

func packageReq(d calendar.Date, id int64) Request {
	r := hourlyReq(d, 0, 0)
	r.PackageID = id
	return r
}

func withReq(r Request, change func(*Request)) Request {
	change(&r)
	return r
}

// wantFieldError fails unless err is an Invalid *fault.FieldError naming field.
func wantFieldError(t *testing.T, err error, field string) {
	t.Helper()
	var fe *fault.FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("error = %v (%T), want a *fault.FieldError for %q", err, err, field)
	}
	if fe.Field != field {
		t.Errorf("field = %q (%v), want %q", fe.Field, err, field)
	}
	if fe.Reason == "" {
		t.Errorf("field error for %q has no reason", fe.Field)
	}
	if k := fault.KindOf(err); k != fault.Invalid {
		t.Errorf("KindOf(%v) = %q, want %q", err, k, fault.Invalid)
	}
	if !errors.Is(err, fault.ErrInvalid) {
		t.Errorf("errors.Is(%v, fault.ErrInvalid) = false", err)
	}
}

func TestRequestFixtures(t *testing.T) {
	for _, tt := range []struct {
		d    calendar.Date
		want time.Weekday
	}{
		{reqToday, time.Tuesday}, {thursday, time.Thursday}, {saturday, time.Saturday},
		{sunday, time.Sunday}, {christmas, time.Friday},
	} {
		if got := tt.d.Weekday(); got != tt.want {
			t.Errorf("%s is a %s, the tests assume a %s", tt.d, got, tt.want)
		}
	}
}

func TestNewRefusesRulesWithTheirField(t *testing.T) {
	justAfter := reqNow.Add(time.Second)
	tests := []struct {
		name  string
		terms SpaceTerms
		req   Request
		now   time.Time // reqNow when zero
		field string
	}{
		// Head count.
		{"no people", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.People = 0 }), time.Time{}, "people"},
		{"below capacity", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.People = 1 }), time.Time{}, "people"},
		{"above capacity", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.People = 11 }), time.Time{}, "people"},
		{"negative people", mixedTerms(), withReq(packageReq(thursday, 1), func(r *Request) { r.People = -3 }), time.Time{}, "people"},

		// Contact.
		{"no contact name", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Contact.Name = "" }), time.Time{}, "contact.name"},
		{"blank contact name", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Contact.Name = " \t " }), time.Time{}, "contact.name"},
		{"contact name of 101 characters", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Contact.Name = strings.Repeat("김", MaxContactName+1) }), time.Time{}, "contact.name"},
		{"no phone", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Contact.Phone = "" }), time.Time{}, "contact.phone"},
		{"phone with letters", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Contact.Phone = "010-CALL-5678" }), time.Time{}, "contact.phone"},
		{"phone of 7 digits", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Contact.Phone = "123-4567" }), time.Time{}, "contact.phone"},
		{"phone of 16 digits", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Contact.Phone = "+1234567890123456" }), time.Time{}, "contact.phone"},
		{"phone with a plus inside", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Contact.Phone = "010+1234-5678" }), time.Time{}, "contact.phone"},
		{"phone with brackets", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Contact.Phone = "(010) 1234-5678" }), time.Time{}, "contact.phone"},
		{"phone longer than 32 bytes", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Contact.Phone = "010" + strings.Repeat(" ", MaxPhone-10) + "12345678" }), time.Time{}, "contact.phone"},
		{"no email", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Contact.Email = "" }), time.Time{}, "contact.email"},
		{"email without @", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Contact.Email = "minji.example.com" }), time.Time{}, "contact.email"},
		{"email without domain", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Contact.Email = "minji@" }), time.Time{}, "contact.email"},
		{"email with a display name", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Contact.Email = "Minji <minji@example.com>" }), time.Time{}, "contact.email"},
		{"email in angle brackets", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Contact.Email = "<minji@example.com>" }), time.Time{}, "contact.email"},
		{"email of 321 bytes", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) {
			r.Contact.Email = strings.Repeat("a", MaxEmail+1-len("@example.com")) + "@example.com"
		}), time.Time{}, "contact.email"},

		// Free text.
		{"purpose of 201 characters", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Purpose = strings.Repeat("회", MaxPurpose+1) }), time.Time{}, "purpose"},
		{"message of 2001 characters", mixedTerms(), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.Message = strings.Repeat("m", MaxMessage+1) }), time.Time{}, "message"},

		// Packages.
		{"unknown package", mixedTerms(), packageReq(thursday, 99), time.Time{}, "package_id"},
		{"negative package id", mixedTerms(), packageReq(thursday, -1), time.Time{}, "package_id"},
		{"weekend package on a Thursday", mixedTerms(), packageReq(thursday, int64(weekendPkg.ID)), time.Time{}, "package_id"},
		{"package and hours", mixedTerms(), withReq(packageReq(thursday, 1), func(r *Request) { r.StartHour, r.Hours = 10, 2 }), time.Time{}, "hours"},
		{"package and hours without a start", mixedTerms(), withReq(packageReq(thursday, 1), func(r *Request) { r.Hours = 3 }), time.Time{}, "hours"},

		// Hours.
		{"hourly on a package-only space", packageTerms(), hourlyReq(thursday, 10, 2), time.Time{}, "package_id"},
		{"no package and no hours on a package-only space", packageTerms(), hourlyReq(thursday, 0, 0), time.Time{}, "package_id"},
		{"start hour -1", mixedTerms(), hourlyReq(thursday, -1, 2), time.Time{}, "start_hour"},
		{"start hour 24", mixedTerms(), hourlyReq(thursday, 24, 2), time.Time{}, "start_hour"},
		{"neither a package nor hours", mixedTerms(), hourlyReq(thursday, 0, 0), time.Time{}, "package_id"},
		{"a start hour but no hours", mixedTerms(), hourlyReq(thursday, 10, 0), time.Time{}, "package_id"},
		{"below the minimum hours", mixedTerms(), hourlyReq(thursday, 10, 1), time.Time{}, "hours"},
		{"negative hours", mixedTerms(), hourlyReq(thursday, 10, -2), time.Time{}, "hours"},
		{"25 hours", hourlyTerms(calendar.MustWindow(0, hhmm(24, 0)), 1), hourlyReq(thursday, 0, 25), time.Time{}, "hours"},
		{"starting before opening", mixedTerms(), hourlyReq(thursday, 8, 3), time.Time{}, "start_hour"},
		{"starting at midnight, long before opening", mixedTerms(), hourlyReq(thursday, 0, 2), time.Time{}, "start_hour"},
		{"running past closing", mixedTerms(), hourlyReq(thursday, 20, 3), time.Time{}, "start_hour"},
		{"starting at closing", mixedTerms(), hourlyReq(thursday, 22, 2), time.Time{}, "start_hour"},
		{"running past midnight", hourlyTerms(calendar.MustWindow(hhmm(18, 0), hhmm(24, 0)), 2), hourlyReq(thursday, 23, 2), time.Time{}, "start_hour"},
		{"weekday closed", mixedTerms(), hourlyReq(sunday, 10, 2), time.Time{}, "start_hour"},

		// Calendar.
		{"closed date by package", mixedTerms(), packageReq(christmas, 1), time.Time{}, "date"},
		{"closed date by the hour", mixedTerms(), hourlyReq(christmas, 10, 2), time.Time{}, "date"},
		{"closed date overnight", mixedTerms(), packageReq(christmas, 2), time.Time{}, "date"},
		{"package starting in 59m59s", mixedTerms(), packageReq(reqToday, int64(afternoonPkg.ID)), justAfter, "package_id"},
		{"package already started", mixedTerms(), packageReq(reqToday, int64(dayPkg.ID)), time.Time{}, "package_id"},
		{"hours starting in 59m59s", mixedTerms(), hourlyReq(reqToday, 14, 2), justAfter, "start_hour"},
		{"hours starting now", mixedTerms(), hourlyReq(reqToday, 13, 2), time.Time{}, "start_hour"},
		{"package 91 days ahead", mixedTerms(), packageReq(reqToday.AddDays(91), 1), time.Time{}, "date"},
		{"hours 91 days ahead", mixedTerms(), hourlyReq(reqToday.AddDays(91), 10, 2), time.Time{}, "date"},
		{"package a year ahead", mixedTerms(), packageReq(reqToday.AddDays(365), 1), time.Time{}, "date"},
		// A past date breaks the lead time, and is faulted like it.
		{"package on a past date", mixedTerms(), packageReq(reqToday.AddDays(-1), 1), time.Time{}, "date"},
		{"hours on a past date", mixedTerms(), hourlyReq(reqToday.AddDays(-1), 10, 2), time.Time{}, "date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := tt.now
			if now.IsZero() {
				now = reqNow
			}
			b, err := New(tt.req, tt.terms, now)
			wantFieldError(t, err, tt.field)
			if !reflect.DeepEqual(b, Booking{}) {
				t.Errorf("New returned %+v with an error, want the zero Booking", b)
			}
		})
	}
}

func TestNewRefusesUnlistedAndOwnSpaces(t *testing.T) {
	tests := []struct {
		name  string
		terms SpaceTerms
		req   Request
		want  error
		kind  fault.Kind
	}{
		{"hidden space", withTerms(mixedTerms(), func(s *SpaceTerms) { s.Status = space.StatusHidden }), hourlyReq(thursday, 10, 2), space.ErrNotFound, fault.NotFound},
		{"retired space", withTerms(mixedTerms(), func(s *SpaceTerms) { s.Status = space.StatusRetired }), packageReq(thursday, 1), space.ErrNotFound, fault.NotFound},
		{"space with no status", withTerms(mixedTerms(), func(s *SpaceTerms) { s.Status = space.Status{} }), packageReq(thursday, 1), space.ErrNotFound, fault.NotFound},
		{"hidden space of the guest", withTerms(mixedTerms(), func(s *SpaceTerms) { s.Status, s.HostID = space.StatusHidden, reqGuestID }), packageReq(thursday, 1), space.ErrNotFound, fault.NotFound},
		{"own space", withTerms(mixedTerms(), func(s *SpaceTerms) { s.HostID = reqGuestID }), hourlyReq(thursday, 10, 2), ErrOwnSpace, fault.Conflict},
		{"own space with a bad request", withTerms(mixedTerms(), func(s *SpaceTerms) { s.HostID = reqGuestID }), withReq(hourlyReq(thursday, 10, 2), func(r *Request) { r.People = 0 }), ErrOwnSpace, fault.Conflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := New(tt.req, tt.terms, reqNow)
			if !errors.Is(err, tt.want) {
				t.Fatalf("New error = %v, want %v", err, tt.want)
			}
			if k := fault.KindOf(err); k != tt.kind {
				t.Errorf("KindOf(%v) = %q, want %q", err, k, tt.kind)
			}
			var fe *fault.FieldError
			if errors.As(err, &fe) {
				t.Errorf("error %v is a field error", err)
			}
			if !reflect.DeepEqual(b, Booking{}) {
				t.Errorf("New returned %+v with an error, want the zero Booking", b)
			}
		})
	}
}

func TestNewPricesAndPlacesTheBooking(t *testing.T) {
	tests := []struct {
		name        string
		terms       SpaceTerms
		req         Request
		now         time.Time // reqNow when zero
		start, end  time.Time
		price       space.Money
		packageID   int64
		packageName string
	}{
		{"day package", mixedTerms(), packageReq(thursday, 1), time.Time{},
			time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 10, 6, 0, 0, 0, time.UTC), 50_000, 1, "day"},
		{"package outside opening hours", packageTerms(), packageReq(thursday, 2), time.Time{},
			seoulAt(thursday, 20, 0), seoulAt(thursday.AddDays(1), 5, 0), 120_000, 2, "overnight"},
		{"weekend package on a Saturday", mixedTerms(), packageReq(saturday, 3), time.Time{},
			seoulAt(saturday, 10, 0), seoulAt(saturday, 18, 0), 70_000, 3, "weekend"},
		{"package on a weekday the space is closed by the hour", mixedTerms(), packageReq(sunday, 3), time.Time{},
			seoulAt(sunday, 10, 0), seoulAt(sunday, 18, 0), 70_000, 3, "weekend"},
		{"overnight package in December", mixedTerms(), packageReq(thursday, 2), time.Time{},
			time.Date(2026, 12, 10, 11, 0, 0, 0, time.UTC), time.Date(2026, 12, 10, 20, 0, 0, 0, time.UTC), 120_000, 2, "overnight"},
		{"overnight package at the year end", mixedTerms(), packageReq(calendar.MustDate(2026, time.December, 31), 2), time.Time{},
			time.Date(2026, 12, 31, 20, 0, 0, 0, calendar.Seoul), time.Date(2027, 1, 1, 5, 0, 0, 0, calendar.Seoul), 120_000, 2, "overnight"},
		{"overnight package at the end of February", mixedTerms(), packageReq(calendar.MustDate(2027, time.February, 28), 2), time.Time{},
			time.Date(2027, 2, 28, 20, 0, 0, 0, calendar.Seoul), time.Date(2027, 3, 1, 5, 0, 0, 0, calendar.Seoul), 120_000, 2, "overnight"},
		{"overnight package at the end of November", mixedTerms(), packageReq(calendar.MustDate(2026, time.November, 30), 2),
			time.Date(2026, 11, 20, 9, 0, 0, 0, calendar.Seoul),
			time.Date(2026, 11, 30, 20, 0, 0, 0, calendar.Seoul), time.Date(2026, 12, 1, 5, 0, 0, 0, calendar.Seoul), 120_000, 2, "overnight"},
		{"package starting exactly 1h from now", mixedTerms(), packageReq(reqToday, 4), time.Time{},
			seoulAt(reqToday, 14, 0), seoulAt(reqToday, 18, 0), 40_000, 4, "afternoon"},
		{"package 90 days ahead", mixedTerms(), packageReq(reqToday.AddDays(90), 1), time.Time{},
			seoulAt(reqToday.AddDays(90), 9, 0), seoulAt(reqToday.AddDays(90), 15, 0), 50_000, 1, "day"},
		{"overnight package 90 days ahead ends on day 91", mixedTerms(), packageReq(reqToday.AddDays(90), 2), time.Time{},
			seoulAt(reqToday.AddDays(90), 20, 0), seoulAt(reqToday.AddDays(91), 5, 0), 120_000, 2, "overnight"},
		// 15:30 UTC on 30 November is already 1 December in Seoul, so
		// 1 March 2027 is 90 Seoul days ahead (it would be 91 in UTC).
		{"horizon counted in Seoul days", mixedTerms(), packageReq(calendar.MustDate(2027, time.March, 1), 1),
			time.Date(2026, 11, 30, 15, 30, 0, 0, time.UTC),
			seoulAt(calendar.MustDate(2027, time.March, 1), 9, 0), seoulAt(calendar.MustDate(2027, time.March, 1), 15, 0), 50_000, 1, "day"},

		{"three hours", mixedTerms(), hourlyReq(thursday, 10, 3), time.Time{},
			time.Date(2026, 12, 10, 1, 0, 0, 0, time.UTC), time.Date(2026, 12, 10, 4, 0, 0, 0, time.UTC), 45_000, 0, ""},
		{"the minimum run", mixedTerms(), hourlyReq(thursday, 9, 2), time.Time{},
			seoulAt(thursday, 9, 0), seoulAt(thursday, 11, 0), 30_000, 0, ""},
		{"the whole opening", mixedTerms(), hourlyReq(thursday, 9, 13), time.Time{},
			seoulAt(thursday, 9, 0), seoulAt(thursday, 22, 0), 195_000, 0, ""},
		{"run ending at closing", mixedTerms(), hourlyReq(thursday, 19, 3), time.Time{},
			seoulAt(thursday, 19, 0), seoulAt(thursday, 22, 0), 45_000, 0, ""},
		{"run ending exactly at midnight", hourlyTerms(calendar.MustWindow(hhmm(18, 0), hhmm(24, 0)), 2), hourlyReq(thursday, 21, 3), time.Time{},
			time.Date(2026, 12, 10, 21, 0, 0, 0, calendar.Seoul), time.Date(2026, 12, 11, 0, 0, 0, 0, calendar.Seoul), 45_000, 0, ""},
		{"run ending at midnight at the year end", hourlyTerms(calendar.MustWindow(hhmm(18, 0), hhmm(24, 0)), 2), hourlyReq(calendar.MustDate(2026, time.December, 31), 22, 2), time.Time{},
			time.Date(2026, 12, 31, 22, 0, 0, 0, calendar.Seoul), time.Date(2027, 1, 1, 0, 0, 0, 0, calendar.Seoul), 30_000, 0, ""},
		{"24 hours", hourlyTerms(calendar.MustWindow(0, hhmm(24, 0)), 1), hourlyReq(thursday, 0, 24), time.Time{},
			seoulAt(thursday, 0, 0), seoulAt(thursday.AddDays(1), 0, 0), 360_000, 0, ""},
		{"hours starting exactly 1h from now", mixedTerms(), hourlyReq(reqToday, 14, 2), time.Time{},
			seoulAt(reqToday, 14, 0), seoulAt(reqToday, 16, 0), 30_000, 0, ""},
		{"hours 90 days ahead", mixedTerms(), hourlyReq(reqToday.AddDays(90), 10, 2), time.Time{},
			seoulAt(reqToday.AddDays(90), 10, 0), seoulAt(reqToday.AddDays(90), 12, 0), 30_000, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := tt.now
			if now.IsZero() {
				now = reqNow
			}
			b, err := New(tt.req, tt.terms, now)
			if err != nil {
				t.Fatalf("New error = %v", err)
			}
			if !b.Range.Start.Equal(tt.start) || !b.Range.End.Equal(tt.end) {
				t.Errorf("Range = %s – %s, want %s – %s", b.Range.Start, b.Range.End, tt.start.UTC(), tt.end.UTC())
			}
			if b.Range.Start.Location() != time.UTC || b.Range.End.Location() != time.UTC {
				t.Errorf("Range zones = %s, %s, want UTC", b.Range.Start.Location(), b.Range.End.Location())
			}
			if b.Price != tt.price {
				t.Errorf("Price = %d, want %d", b.Price, tt.price)
			}
			if b.PackageID != tt.packageID || b.PackageName != tt.packageName {
				t.Errorf("package = %d %q, want %d %q", b.PackageID, b.PackageName, tt.packageID, tt.packageName)
			}
			if b.Hourly() != (tt.packageID == 0) {
				t.Errorf("Hourly() = %v with package %d", b.Hourly(), b.PackageID)
			}
			if !b.Date.Equal(tt.req.Date) {
				t.Errorf("Date = %s, want the use date %s", b.Date, tt.req.Date)
			}
			if got := calendar.DateOf(b.Range.Start); !got.Equal(tt.req.Date) {
				t.Errorf("the booking starts on %s, want the use date %s", got, tt.req.Date)
			}
		})
	}
}

func TestNewOvernightPackageIsOneRangeAcrossMidnight(t *testing.T) {
	for _, d := range []calendar.Date{
		calendar.MustDate(2026, time.December, 31),
		calendar.MustDate(2027, time.February, 28),
		thursday,
	} {
		t.Run(d.String(), func(t *testing.T) {
			b, err := New(packageReq(d, int64(overnightPkg.ID)), mixedTerms(), reqNow)
			if err != nil {
				t.Fatalf("New error = %v", err)
			}
			if got := b.Range.End.Sub(b.Range.Start); got != 9*time.Hour {
				t.Errorf("overnight range lasts %s, want 9h", got)
			}
			if got, want := calendar.DateOf(b.Range.End), d.AddDays(1); !got.Equal(want) {
				t.Errorf("overnight range ends on %s, want %s", got, want)
			}
			if got := b.Range.End.In(calendar.Seoul).Format("15:04"); got != "05:00" {
				t.Errorf("overnight range ends at %s Seoul, want 05:00", got)
			}
			if !b.Date.Equal(d) {
				t.Errorf("Date = %s, want the first day %s", b.Date, d)
			}
		})
	}
}

func TestNewStatusAndDeadline(t *testing.T) {
	approval := withTerms(mixedTerms(), func(s *SpaceTerms) { s.NeedsApproval = true })
	tests := []struct {
		name     string
		terms    SpaceTerms
		req      Request
		status   Status
		deadline time.Time
	}{
		{"instant, far ahead", mixedTerms(), packageReq(thursday, 1), StatusPaymentDue, reqNow.Add(15 * time.Minute)},
		{"instant, starting in 1h", mixedTerms(), hourlyReq(reqToday, 14, 2), StatusPaymentDue, reqNow.Add(15 * time.Minute)},
		{"approval, far ahead", approval, packageReq(thursday, 1), StatusRequested, reqNow.Add(3 * time.Hour)},
		{"approval, starting in exactly 3h", approval, hourlyReq(reqToday, 16, 2), StatusRequested, reqNow.Add(3 * time.Hour)},
		{"approval, starting in 2h: capped at the start", approval, hourlyReq(reqToday, 15, 2), StatusRequested, seoulAt(reqToday, 15, 0)},
		{"approval, starting in 1h: capped at the start", approval, packageReq(reqToday, 4), StatusRequested, seoulAt(reqToday, 14, 0)},
		{"approval, starting in 4h", approval, hourlyReq(reqToday, 17, 2), StatusRequested, reqNow.Add(3 * time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := New(tt.req, tt.terms, reqNow)
			if err != nil {
				t.Fatalf("New error = %v", err)
			}
			if b.Status != tt.status {
				t.Errorf("Status = %s, want %s", b.Status, tt.status)
			}
			if !b.Deadline.Equal(tt.deadline) {
				t.Errorf("Deadline = %s, want %s", b.Deadline, tt.deadline)
			}
			if b.Deadline.After(b.Range.Start) {
				t.Errorf("Deadline %s is after the start %s", b.Deadline, b.Range.Start)
			}
			if !b.PaidAt.IsZero() || !b.CancelledAt.IsZero() || b.Refunded != 0 {
				t.Errorf("new booking has PaidAt %s, CancelledAt %s, Refunded %d; want none", b.PaidAt, b.CancelledAt, b.Refunded)
			}
			if got := b.Effective(reqNow); got != tt.status {
				t.Errorf("Effective(now) = %s, want %s", got, tt.status)
			}
			if got := b.Effective(tt.deadline); got != StatusExpired {
				t.Errorf("Effective(deadline) = %s, want expired", got)
			}
		})
	}
}

func TestNewKeepsTheRequestDetails(t *testing.T) {
	req := hourlyReq(thursday, 10, 2)
	req.Contact = Contact{Name: "  Kim Minji ", Phone: " 010-1234-5678\t", Email: " minji@example.com "}
	req.Purpose = "  team workshop\n"
	req.Message = "\tWe will bring our own projector. "
	terms := withTerms(mixedTerms(), func(s *SpaceTerms) { s.Refund = space.RefundStandard })
	b, err := New(req, terms, reqNow)
	if err != nil {
		t.Fatalf("New error = %v", err)
	}
	want := Booking{
		SpaceID:   reqSpaceID,
		GuestID:   reqGuestID,
		HostID:    reqHostID,
		Status:    StatusPaymentDue,
		Date:      thursday,
		Range:     Range{Start: seoulAt(thursday, 10, 0), End: seoulAt(thursday, 12, 0)},
		Deadline:  reqNow.Add(PaymentHold),
		People:    4,
		Price:     30_000,
		Refund:    space.RefundStandard,
		Contact:   Contact{Name: "Kim Minji", Phone: "010-1234-5678", Email: "minji@example.com"},
		Purpose:   "team workshop",
		Message:   "We will bring our own projector.",
		CreatedAt: reqNow,
		UpdatedAt: reqNow,
	}
	if !reflect.DeepEqual(b, want) {
		t.Errorf("New =\n%+v\nwant\n%+v", b, want)
	}
	if b.ID != 0 {
		t.Errorf("ID = %d before storing, want 0", b.ID)
	}
}

func TestNewAcceptsDetailsAtTheirLimits(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Request)
	}{
		{"contact name of 100 Korean characters", func(r *Request) { r.Contact.Name = strings.Repeat("김", MaxContactName) }},
		{"contact name of 100 characters inside spaces", func(r *Request) { r.Contact.Name = "  " + strings.Repeat("n", MaxContactName) + "  " }},
		{"contact name of one character", func(r *Request) { r.Contact.Name = "김" }},
		{"phone with a country code", func(r *Request) { r.Contact.Phone = "+82 10 1234 5678" }},
		{"phone of 8 digits", func(r *Request) { r.Contact.Phone = "1234-5678" }},
		{"phone of 15 digits", func(r *Request) { r.Contact.Phone = "+123456789012345" }},
		{"phone of 32 bytes", func(r *Request) { r.Contact.Phone = "010" + strings.Repeat(" ", MaxPhone-11) + "12345678" }},
		{"email of 320 bytes", func(r *Request) {
			r.Contact.Email = strings.Repeat("a", MaxEmail-len("@example.com")) + "@example.com"
		}},
		{"email with a plus", func(r *Request) { r.Contact.Email = "minji+booking@example.co.kr" }},
		{"purpose of 200 Korean characters", func(r *Request) { r.Purpose = strings.Repeat("회", MaxPurpose) }},
		{"no purpose", func(r *Request) { r.Purpose = "" }},
		{"message of 2000 characters", func(r *Request) { r.Message = strings.Repeat("m", MaxMessage) }},
		{"no message", func(r *Request) { r.Message = "" }},
		{"the fewest people", func(r *Request) { r.People = 2 }},
		{"the most people", func(r *Request) { r.People = 10 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := withReq(hourlyReq(thursday, 10, 2), tt.change)
			b, err := New(req, mixedTerms(), reqNow)
			if err != nil {
				t.Fatalf("New error = %v", err)
			}
			if b.Contact.Name != strings.TrimSpace(req.Contact.Name) || b.Contact.Phone != req.Contact.Phone ||
				b.Contact.Email != req.Contact.Email || b.Purpose != req.Purpose || b.Message != req.Message || b.People != req.People {
				t.Errorf("New kept %+v / %q / %q / %d, want the request's details", b.Contact, b.Purpose, b.Message, b.People)
			}
		})
	}
}
