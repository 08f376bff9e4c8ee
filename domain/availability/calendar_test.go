package availability

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
)

func TestNewPeriod(t *testing.T) {
	last := calendar.MustDate(calendar.LastYear, time.December, 31)
	ok := []struct {
		name, from, to string
		want           Period
	}{
		{"defaults: the booking horizon from today", "", "", Period{today, today.AddDays(MaxDaysAhead)}},
		{"from only", "2026-04-01", "", Period{calendar.MustDate(2026, time.April, 1), calendar.MustDate(2026, time.April, 1).AddDays(MaxDaysAhead)}},
		{"to only", "", "2026-03-31", Period{today, calendar.MustDate(2026, time.March, 31)}},
		{"one day", "2026-03-04", "2026-03-04", Period{wed, wed}},
		{"the longest", "2026-03-02", today.AddDays(MaxCalendarDays - 1).String(), Period{today, today.AddDays(MaxCalendarDays - 1)}},
		{"the default end stops at the calendar's last date", "2199-12-30", "", Period{last.AddDays(-1), last}},
		{"the calendar's first date", "2000-01-01", "2000-01-01", Period{calendar.MustDate(2000, time.January, 1), calendar.MustDate(2000, time.January, 1)}},
	}
	for _, tt := range ok {
		got, err := NewPeriod(tt.from, tt.to, today)
		if err != nil || got != tt.want {
			t.Errorf("%s: %v %v, want %v", tt.name, got, err, tt.want)
		}
	}
	if n := (Period{today, today.AddDays(MaxDaysAhead)}).Days(); n != MaxDaysAhead+1 {
		t.Errorf("Days() = %d, want %d", n, MaxDaysAhead+1)
	}
	bad := []struct{ name, from, to, field string }{
		{"from before the calendar", "1999-12-31", "", "from"},
		{"from after the calendar", "2200-01-01", "", "from"},
		{"from not a date", "2026-02-30", "", "from"},
		{"to after the calendar", "2199-12-01", "2200-01-01", "to"},
		{"to not a date", "", "tomorrow", "to"},
		{"to before from", "2026-03-04", "2026-03-03", "to"},
		{"one day too long", "2026-03-02", today.AddDays(MaxCalendarDays).String(), "to"},
		{"from wrong and to wrong: from is named", "x", "y", "from"},
	}
	for _, tt := range bad {
		_, err := NewPeriod(tt.from, tt.to, today)
		var fe *fault.FieldError
		if !errors.As(err, &fe) || fe.Field != tt.field || fault.KindOf(err) != fault.Invalid {
			t.Errorf("%s: %v, want a field error naming %s", tt.name, err, tt.field)
		}
	}
}

// ForPeriod gives each day what ForDay gives it with every booking, though
// it hands each day only the bookings near it.
func TestForPeriodMatchesForDay(t *testing.T) {
	s := packageSpace(t, wed)
	busy := []calendar.Range{
		busyOn(today, hm(20, 0), hm(29, 0)),             // overnight of Monday, into Tuesday
		busyOn(today.AddDays(1), hm(2, 0), hm(3, 0)),    // Tuesday early: overnight of Monday again
		busyOn(today.AddDays(3), hm(9, 0), hm(22, 0)),   // all of Thursday's day and night
		busyOn(today.AddDays(40), hm(16, 0), hm(17, 0)), // a night in April
	}
	p := Period{today.AddDays(-1), today.AddDays(MaxDaysAhead + 1)}
	days := ForPeriod(s, p, busy, now)
	if len(days) != p.Days() {
		t.Fatalf("%d days, want %d", len(days), p.Days())
	}
	for i, got := range days {
		d := p.From.AddDays(i)
		if want := ForDay(s, d, busy, now); !reflect.DeepEqual(got, want) {
			t.Errorf("%v: %+v, want %+v", d, got, want)
		}
	}
}

func TestDaySummary(t *testing.T) {
	fri := calendar.MustDate(2026, time.March, 6)
	hourly := hourlySpace(t, win(hm(9, 0), hm(14, 0)), 2, wed) // 09–14: five hours
	tests := []struct {
		name string
		day  Day
		want DaySummary
	}{
		{"free hours", ForDay(hourly, fri, []calendar.Range{busyOn(fri, hm(9, 0), hm(10, 0))}, now),
			DaySummary{Date: fri, Bookable: true, FreeHours: 4}},
		{"a closed date", ForDay(hourly, wed, nil, now), DaySummary{Date: wed, Reason: ReasonClosedDate, Closed: true}},
		{"hours left too short a run", ForDay(hourly, fri, []calendar.Range{busyOn(fri, hm(10, 0), hm(11, 0)), busyOn(fri, hm(12, 0), hm(13, 0))}, now),
			DaySummary{Date: fri, Reason: ReasonBooked, FreeHours: 3}},
		{"yesterday", ForDay(hourly, today.AddDays(-1), nil, now), DaySummary{Date: today.AddDays(-1), Reason: ReasonTooSoon}},
		{"past the horizon", ForDay(hourly, today.AddDays(MaxDaysAhead+1), nil, now),
			DaySummary{Date: today.AddDays(MaxDaysAhead + 1), Reason: ReasonTooFar}},
		{"packages", ForDay(packageSpace(t), sat, []calendar.Range{busyOn(sat, hm(9, 0), hm(11, 0))}, now),
			DaySummary{Date: sat, Bookable: true, Packages: 2}}, // night and overnight; day and weekend are taken
		{"nothing sold on the weekday", ForDay(Space{Schedule: schedule(t, nil), Pricing: pricing(t, nil, weekendPkg)}, fri, nil, now),
			DaySummary{Date: fri, Reason: ReasonNotOpen}},
		{"no hourly run fits the opening hours", ForDay(hourlySpace(t, win(hm(9, 0), hm(10, 0)), 2), fri, nil, now),
			DaySummary{Date: fri, Reason: ReasonNotOpen, FreeHours: 1}},
	}
	for _, tt := range tests {
		if got := tt.day.Summary(); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
