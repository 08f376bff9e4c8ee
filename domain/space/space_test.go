package space

import (
	"errors"
	"testing"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
)

func TestParseStatus(t *testing.T) {
	tests := []struct {
		in      string
		want    Status
		wantErr bool
	}{
		{"active", StatusActive, false},
		{"hidden", StatusHidden, false},
		{"retired", StatusRetired, false},
		{"Active", Status{}, true},
		{"deleted", Status{}, true},
		{"", Status{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseStatus(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseStatus(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseStatus(%q) = %v, want %v", tt.in, got, tt.want)
			}
			if !tt.wantErr && got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
}

func TestNewCapacity(t *testing.T) {
	tests := []struct {
		name     string
		min, max int
		wantErr  bool
	}{
		{"single person", 1, 1, false},
		{"range", 2, 10, false},
		{"largest", 1, 500, false},
		{"min equals max at the limit", 500, 500, false},
		{"zero min", 0, 10, true},
		{"negative min", -1, 10, true},
		{"max below min", 5, 4, true},
		{"max above 500", 1, 501, true},
		{"min above 500", 501, 501, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewCapacity(tt.min, tt.max)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalidCapacity) {
					t.Fatalf("NewCapacity(%d, %d) = %v, %v; want ErrInvalidCapacity", tt.min, tt.max, c, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewCapacity(%d, %d) error = %v", tt.min, tt.max, err)
			}
			if c.Min() != tt.min || c.Max() != tt.max {
				t.Errorf("NewCapacity(%d, %d) = %d..%d", tt.min, tt.max, c.Min(), c.Max())
			}
		})
	}
}

func TestCapacityFits(t *testing.T) {
	c, err := NewCapacity(2, 6)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		people int
		want   bool
	}{
		{0, false}, {1, false}, {2, true}, {4, true}, {6, true}, {7, false},
	}
	for _, tt := range tests {
		if got := c.Fits(tt.people); got != tt.want {
			t.Errorf("Capacity 2..6 Fits(%d) = %v, want %v", tt.people, got, tt.want)
		}
	}
}

func TestWeekdaySet(t *testing.T) {
	weekend := WeekdaysOf(time.Saturday, time.Sunday)
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		wantWeekend := wd == time.Saturday || wd == time.Sunday
		if got := weekend.Has(wd); got != wantWeekend {
			t.Errorf("weekend.Has(%s) = %v, want %v", wd, got, wantWeekend)
		}
		if !EveryDay.Has(wd) {
			t.Errorf("EveryDay.Has(%s) = false", wd)
		}
		if WeekdaysOf().Has(wd) {
			t.Errorf("empty set Has(%s) = true", wd)
		}
	}
	all := WeekdaysOf(time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday)
	if all != EveryDay {
		t.Errorf("WeekdaysOf(all seven) = %#x, want EveryDay %#x", all, EveryDay)
	}
}

func TestPackageOfferedOn(t *testing.T) {
	p := Package{Name: "weekend", Window: calendar.MustWindow(540, 900), Price: 10000, Weekdays: WeekdaysOf(time.Saturday, time.Sunday)}
	tests := []struct {
		d    calendar.Date
		want bool
	}{
		{calendar.MustDate(2026, time.March, 6), false}, // Friday
		{calendar.MustDate(2026, time.March, 7), true},  // Saturday
		{calendar.MustDate(2026, time.March, 8), true},  // Sunday
		{calendar.MustDate(2026, time.March, 9), false}, // Monday
	}
	for _, tt := range tests {
		if got := p.OfferedOn(tt.d); got != tt.want {
			t.Errorf("OfferedOn(%s, %s) = %v, want %v", tt.d, tt.d.Weekday(), got, tt.want)
		}
	}
}

func TestNewSchedule(t *testing.T) {
	tests := []struct {
		name    string
		opening map[time.Weekday]calendar.Window
		wantErr bool
	}{
		{"none open", nil, false},
		{"weekdays 09–22", map[time.Weekday]calendar.Window{time.Monday: calendar.MustWindow(540, 1320), time.Friday: calendar.MustWindow(540, 1320)}, false},
		{"whole day", map[time.Weekday]calendar.Window{time.Sunday: calendar.MustWindow(0, 1440)}, false},
		{"crosses midnight", map[time.Weekday]calendar.Window{time.Saturday: calendar.MustWindow(1200, 1560)}, true},
		{"starts off the hour", map[time.Weekday]calendar.Window{time.Monday: calendar.MustWindow(570, 1320)}, true},
		{"ends off the hour", map[time.Weekday]calendar.Window{time.Monday: calendar.MustWindow(540, 1290)}, true},
		{"weekday out of range", map[time.Weekday]calendar.Window{7: calendar.MustWindow(540, 1320)}, true},
		{"negative weekday", map[time.Weekday]calendar.Window{-1: calendar.MustWindow(540, 1320)}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewSchedule(tt.opening, nil)
			if tt.wantErr && !errors.Is(err, calendar.ErrInvalidWindow) {
				t.Fatalf("NewSchedule error = %v, want ErrInvalidWindow", err)
			}
			if !tt.wantErr && err != nil {
				t.Fatalf("NewSchedule error = %v", err)
			}
		})
	}
}

func TestScheduleOpeningAndClosed(t *testing.T) {
	holiday := calendar.MustDate(2026, time.March, 3) // Tuesday
	s, err := NewSchedule(map[time.Weekday]calendar.Window{
		time.Monday:  calendar.MustWindow(540, 1320),
		time.Tuesday: calendar.MustWindow(600, 1200),
	}, []calendar.Date{holiday})
	if err != nil {
		t.Fatal(err)
	}
	monday := calendar.MustDate(2026, time.March, 2)
	sunday := calendar.MustDate(2026, time.March, 8)

	if w, ok := s.OpeningOn(monday); !ok || w != calendar.MustWindow(540, 1320) {
		t.Errorf("OpeningOn(Monday) = %s, %v; want 09:00–22:00, true", w, ok)
	}
	if w, ok := s.Opening(time.Tuesday); !ok || w != calendar.MustWindow(600, 1200) {
		t.Errorf("Opening(Tuesday) = %s, %v; want 10:00–20:00, true", w, ok)
	}
	if _, ok := s.OpeningOn(sunday); ok {
		t.Error("OpeningOn(Sunday) = open, want closed")
	}
	if _, ok := s.Opening(time.Wednesday); ok {
		t.Error("Opening(Wednesday) = open, want closed")
	}
	if !s.ClosedOn(holiday) {
		t.Errorf("ClosedOn(%s) = false, want true", holiday)
	}
	if s.ClosedOn(monday) || s.ClosedOn(holiday.AddDays(7)) {
		t.Error("ClosedOn a date that is not closed = true")
	}
	var zero Schedule
	if zero.ClosedOn(monday) {
		t.Error("zero Schedule ClosedOn = true")
	}
	if _, ok := zero.OpeningOn(monday); ok {
		t.Error("zero Schedule OpeningOn = open")
	}
}
