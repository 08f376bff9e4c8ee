package query_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/availability"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/space"
)

// The calendar reads the schedule once and the bookings once, over the whole
// period and a day past it, and sums every day up as the domain does.
func TestSpaceCalendarReadsOnceForThePeriod(t *testing.T) {
	s := testSpaces(t)
	b := &bookings{spaceID: 7, all: []booking.Blocking{
		// The whole of the use day: every hour and both packages.
		{Range: on(useDay, hm(9, 0), hm(29, 0)), Status: booking.StatusConfirmed},
		// The next day's morning hours only.
		{Range: on(useDay.AddDays(1), hm(9, 0), hm(12, 0)), Status: booking.StatusConfirmed},
		// A lapsed hold blocks nothing.
		{Range: on(useDay.AddDays(2), hm(9, 0), hm(29, 0)), Status: booking.StatusPaymentDue, Deadline: seoulNow.Add(-1)},
	}}
	h := query.NewSpaceCalendarHandler(s, b, ports.FixedClock{At: seoulNow})
	got, err := h.Handle(context.Background(), 7, "", "")
	if err != nil {
		t.Fatal(err)
	}
	last := today.AddDays(availability.MaxDaysAhead)
	if got.SpaceID != 7 || got.Period != (availability.Period{From: today, To: last}) || len(got.Days) != availability.MaxDaysAhead+1 {
		t.Fatalf("space %d, %v, %d days; want space 7 from %v to %v", got.SpaceID, got.Period, len(got.Days), today, last)
	}
	if s.gotDay != today || s.gotTo != last {
		t.Errorf("schedule read from %v to %v, want %v to %v", s.gotDay, s.gotTo, today, last)
	}
	wantRange := booking.Range{Start: today.Start().UTC(), End: last.AddDays(2).Start().UTC()}
	if len(b.asked) != 1 || b.asked[0] != wantRange {
		t.Errorf("bookings read over %v, want once over %v", b.asked, wantRange)
	}
	byDate := map[string]availability.DaySummary{}
	for i, d := range got.Days {
		if d.Date != today.AddDays(i) {
			t.Fatalf("day %d is %v", i, d.Date)
		}
		byDate[d.Date.String()] = d
	}
	// 09:00–22:00 is 13 hours; two packages.
	for date, want := range map[string]availability.DaySummary{
		useDay.String():            {Date: useDay, Reason: availability.ReasonBooked},
		useDay.AddDays(1).String(): {Date: useDay.AddDays(1), Bookable: true, Packages: 2, FreeHours: 10},
		useDay.AddDays(2).String(): {Date: useDay.AddDays(2), Bookable: true, Packages: 2, FreeHours: 13},
	} {
		if byDate[date] != want {
			t.Errorf("%s: %+v, want %+v", date, byDate[date], want)
		}
	}
	// Today: seoulNow is 01:00, so every hour and package is still ahead.
	if d := got.Days[0]; !d.Bookable || d.FreeHours != 13 {
		t.Errorf("today: %+v", d)
	}
}

func TestSpaceCalendarRefusesABadPeriodBeforeReading(t *testing.T) {
	for _, c := range []struct{ from, to, field string }{
		{"1999-12-31", "", "from"},
		{"2026-03-10", "2026-03-09", "to"},
		{"2026-03-02", "2026-06-02", "to"}, // 93 days
	} {
		b := &bookings{spaceID: 7}
		s := testSpaces(t)
		_, err := query.NewSpaceCalendarHandler(s, b, ports.FixedClock{At: seoulNow}).Handle(context.Background(), 7, c.from, c.to)
		var fe *fault.FieldError
		if !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("%s – %s: %v, want a field error naming %s", c.from, c.to, err, c.field)
		}
		if len(b.asked) != 0 || !s.gotDay.IsZero() {
			t.Errorf("%s – %s: read the space or its bookings", c.from, c.to)
		}
	}
}

func TestSpaceCalendarNotListed(t *testing.T) {
	for _, id := range []int64{8, 9, 404} {
		b := &bookings{spaceID: id}
		h := query.NewSpaceCalendarHandler(testSpaces(t), b, ports.FixedClock{At: seoulNow})
		if _, err := h.Handle(context.Background(), id, "", ""); !errors.Is(err, space.ErrNotFound) {
			t.Errorf("space %d: %v, want space.ErrNotFound", id, err)
		}
		if len(b.asked) != 0 {
			t.Errorf("space %d: bookings read for a space guests cannot book", id)
		}
	}
}
