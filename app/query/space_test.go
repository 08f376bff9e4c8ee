package query_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/availability"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// 2026-03-02 01:00 in Seoul (a Monday) is still 2026-03-01 in UTC: the
// handlers must count days in Seoul.
var (
	seoulNow = time.Date(2026, 3, 1, 16, 0, 0, 0, time.UTC)
	today    = calendar.MustDate(2026, time.March, 2)
	useDay   = calendar.MustDate(2026, time.March, 4)
)

func hm(h, m int) int { return h*60 + m }

func testCalendar(t *testing.T) query.Calendar {
	t.Helper()
	opening := map[time.Weekday]calendar.Window{}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		opening[wd] = calendar.MustWindow(hm(9, 0), hm(22, 0))
	}
	sched, err := space.NewSchedule(opening, nil)
	if err != nil {
		t.Fatal(err)
	}
	pricing, err := space.NewPricing(&space.Hourly{PricePerHour: 10_000, MinHours: 1}, []space.Package{
		{ID: 1, Name: "evening", Window: calendar.MustWindow(hm(20, 0), hm(22, 0)), Price: 30_000, Weekdays: space.EveryDay},
		{ID: 2, Name: "overnight", Window: calendar.MustWindow(hm(22, 0), hm(29, 0)), Price: 60_000, Weekdays: space.EveryDay},
	})
	if err != nil {
		t.Fatal(err)
	}
	return query.Calendar{Schedule: sched, Pricing: pricing}
}

func testSpaces(t *testing.T) *spaces {
	t.Helper()
	detail := query.SpaceDetail{ID: 7, HostID: 3, Title: "합주실", Photos: []query.Photo{{ID: 1, Keys: space.PhotoKeys{Detail: "spaces/7/a.jpg", Thumb: "spaces/7/a-t.jpg"}}, {ID: 2, Keys: space.PhotoKeys{Detail: "spaces/7/b.jpg", Thumb: "spaces/7/b-t.jpg"}}},
		Category: query.Category{ID: 2, Name: "연습실"}, ListPrice: 10_000}
	hidden := detail
	hidden.ID = 8
	return &spaces{byID: map[int64]listed{
		7: {status: space.StatusActive, detail: detail, calendar: testCalendar(t)},
		8: {status: space.StatusHidden, detail: hidden, calendar: testCalendar(t)},
		9: {status: space.StatusRetired, detail: hidden, calendar: testCalendar(t)},
	}}
}

func TestGetSpace(t *testing.T) {
	r := testSpaces(t)
	h := query.NewGetSpaceHandler(r, cdn, ports.FixedClock{At: seoulNow})
	got, err := h.Handle(context.Background(), 7)
	if err != nil {
		t.Fatal(err)
	}
	want := r.byID[7].detail
	want.Status = space.StatusActive
	want.Photos = slices.Clone(want.Photos)
	want.Photos[0].URL, want.Photos[0].ThumbURL = "https://cdn.example/spaces/7/a.jpg", "https://cdn.example/spaces/7/a-t.jpg"
	want.Photos[1].URL, want.Photos[1].ThumbURL = "https://cdn.example/spaces/7/b.jpg", "https://cdn.example/spaces/7/b-t.jpg"
	if !reflect.DeepEqual(got, want) {
		t.Errorf("detail = %+v, want %+v", got, want)
	}
	if r.gotToday != today {
		t.Errorf("asked with today = %v, want the Seoul date %v", r.gotToday, today)
	}
}

func TestGetSpaceNotListed(t *testing.T) {
	h := query.NewGetSpaceHandler(testSpaces(t), cdn, ports.FixedClock{At: seoulNow})
	for _, id := range []int64{8, 9, 404} {
		if _, err := h.Handle(context.Background(), id); !errors.Is(err, space.ErrNotFound) {
			t.Errorf("space %d: %v, want space.ErrNotFound", id, err)
		}
	}
}

func TestHostedSpaceOnlyForItsHost(t *testing.T) {
	h := query.NewGetSpaceHandler(testSpaces(t), cdn, ports.FixedClock{At: seoulNow})
	for _, id := range []int64{7, 8, 9} {
		d, err := h.Hosted(context.Background(), 3, id)
		if err != nil || d.Title == "" || d.Photos[0].URL == "" {
			t.Errorf("host reading space %d: %+v, %v", id, d, err)
		}
		if _, err := h.Hosted(context.Background(), 4, id); !errors.Is(err, space.ErrNotFound) {
			t.Errorf("another user reading space %d: %v, want space.ErrNotFound", id, err)
		}
	}
}

func TestSpaceAvailabilityNotListed(t *testing.T) {
	for _, id := range []int64{8, 9, 404} {
		b := &bookings{spaceID: id}
		h := query.NewSpaceAvailabilityHandler(testSpaces(t), b, ports.FixedClock{At: seoulNow})
		if _, err := h.Handle(context.Background(), id, useDay); !errors.Is(err, space.ErrNotFound) {
			t.Errorf("space %d: %v, want space.ErrNotFound", id, err)
		}
		if len(b.asked) != 0 {
			t.Errorf("space %d: bookings read for a space guests cannot book", id)
		}
	}
}

// on is [from, to) in minutes after Seoul midnight of d.
func on(d calendar.Date, from, to int) booking.Range {
	return booking.Range{Start: d.At(from).UTC(), End: d.At(to).UTC()}
}

func TestSpaceAvailabilityCountsOnlyBlockingBookings(t *testing.T) {
	b := &bookings{spaceID: 7, all: []booking.Blocking{
		// From the night before into the first opening hour.
		{Range: on(useDay.AddDays(-1), hm(23, 0), hm(34, 0)), Status: booking.StatusConfirmed},
		{Range: on(useDay, hm(10, 0), hm(12, 0)), Status: booking.StatusConfirmed},
		{Range: on(useDay, hm(13, 0), hm(14, 0)), Status: booking.StatusPaymentDue, Deadline: seoulNow.Add(-time.Minute)}, // hold expired
		{Range: on(useDay, hm(15, 0), hm(16, 0)), Status: booking.StatusPaymentDue, Deadline: seoulNow.Add(10 * time.Minute)},
		{Range: on(useDay, hm(17, 0), hm(18, 0)), Status: booking.StatusRequested, Deadline: seoulNow.Add(time.Hour)},
		{Range: on(useDay, hm(18, 0), hm(19, 0)), Status: booking.StatusCancelledByGuest},
		{Range: on(useDay, hm(19, 0), hm(20, 0)), Status: booking.StatusExpired},
		// The next morning, inside the overnight package of the use day.
		{Range: on(useDay.AddDays(1), hm(2, 0), hm(4, 0)), Status: booking.StatusConfirmed},
	}}
	h := query.NewSpaceAvailabilityHandler(testSpaces(t), b, ports.FixedClock{At: seoulNow})
	got, err := h.Handle(context.Background(), 7, useDay)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.asked) != 1 {
		t.Fatalf("bookings read %d times, want once", len(b.asked))
	}
	wantRange := booking.Range{Start: useDay.Start().UTC(), End: useDay.AddDays(2).Start().UTC()}
	if b.asked[0] != wantRange {
		t.Errorf("bookings asked over %v – %v, want %v – %v", b.asked[0].Start, b.asked[0].End, wantRange.Start, wantRange.End)
	}
	if got.SpaceID != 7 || got.Day.Date != useDay {
		t.Errorf("availability of space %d on %v, want 7 on %v", got.SpaceID, got.Day.Date, useDay)
	}

	booked := map[int]bool{hm(9, 0): true, hm(10, 0): true, hm(11, 0): true, hm(15, 0): true, hm(17, 0): true}
	if len(got.Day.Hours) != 13 {
		t.Fatalf("%d hours, want 13 (09:00–22:00)", len(got.Day.Hours))
	}
	for _, hr := range got.Day.Hours {
		want := availability.ReasonNone
		if booked[hr.Minute] {
			want = availability.ReasonBooked
		}
		if hr.Reason != want {
			t.Errorf("%s: reason %q, want %q", calendar.FormatMinute(hr.Minute), hr.Reason, want)
		}
	}
	wantPkg := map[string]availability.Reason{"evening": availability.ReasonNone, "overnight": availability.ReasonBooked}
	for _, p := range got.Day.Packages {
		if p.Reason != wantPkg[p.Package.Name] {
			t.Errorf("package %s: reason %q, want %q", p.Package.Name, p.Reason, wantPkg[p.Package.Name])
		}
	}
	if len(got.Day.Packages) != 2 {
		t.Errorf("%d packages, want 2", len(got.Day.Packages))
	}
}
