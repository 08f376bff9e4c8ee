package calendar

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestNewWindow(t *testing.T) {
	tests := []struct {
		name       string
		start, end int
		wantErr    bool
	}{
		{"day 09:00–15:00", 540, 900, false},
		{"all day 00:00–24:00", 0, 1440, false},
		{"overnight 20:00–05:00", 1200, 1740, false},
		{"exactly 24 hours from 23:00", 1380, 2820, false},
		{"one minute", 600, 601, false},
		{"longer than 24 hours", 1200, 2641, true},
		{"24 hours and one minute from midnight", 0, 1441, true},
		{"empty", 600, 600, true},
		{"end before start", 900, 540, true},
		{"negative start", -60, 60, true},
		{"start at 24:00", 1440, 1500, true},
		{"start after 24:00", 1500, 1560, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := NewWindow(tt.start, tt.end)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalidWindow) {
					t.Fatalf("NewWindow(%d, %d) = %v, %v; want ErrInvalidWindow", tt.start, tt.end, w, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewWindow(%d, %d) error = %v", tt.start, tt.end, err)
			}
			if w.Start() != tt.start || w.End() != tt.end || w.Minutes() != tt.end-tt.start {
				t.Errorf("NewWindow(%d, %d) = start %d end %d minutes %d", tt.start, tt.end, w.Start(), w.End(), w.Minutes())
			}
		})
	}
}

func TestMustWindowPanicsOnInvalidWindow(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustWindow(900, 540) did not panic")
		}
	}()
	MustWindow(900, 540)
}

func TestWindowCrossesMidnight(t *testing.T) {
	tests := []struct {
		w    Window
		want bool
	}{
		{MustWindow(540, 900), false},
		{MustWindow(0, 1440), false}, // ends at midnight, not after it
		{MustWindow(1200, 1740), true},
		{MustWindow(1380, 1441), true},
	}
	for _, tt := range tests {
		if got := tt.w.CrossesMidnight(); got != tt.want {
			t.Errorf("%s.CrossesMidnight() = %v, want %v", tt.w, got, tt.want)
		}
	}
}

func TestWindowContains(t *testing.T) {
	outer := MustWindow(540, 1320) // 09:00–22:00
	tests := []struct {
		name  string
		inner Window
		want  bool
	}{
		{"itself", outer, true},
		{"inside", MustWindow(600, 720), true},
		{"same start", MustWindow(540, 600), true},
		{"same end", MustWindow(1260, 1320), true},
		{"starts before", MustWindow(480, 600), false},
		{"ends after", MustWindow(1260, 1380), false},
		{"wider on both sides", MustWindow(480, 1380), false},
		{"wholly outside", MustWindow(1380, 1440), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outer.Contains(tt.inner); got != tt.want {
				t.Errorf("%s.Contains(%s) = %v, want %v", outer, tt.inner, got, tt.want)
			}
		})
	}
}

func TestWindowOn(t *testing.T) {
	d := MustDate(2026, time.March, 2)
	tests := []struct {
		name       string
		w          Window
		start, end time.Time
	}{
		{"day", MustWindow(540, 900), time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)},
		{"overnight ends next Seoul morning", MustWindow(1200, 1740), time.Date(2026, 3, 2, 11, 0, 0, 0, time.UTC), time.Date(2026, 3, 2, 20, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end := tt.w.On(d)
			if !start.Equal(tt.start) || !end.Equal(tt.end) {
				t.Errorf("%s.On(%s) = %s–%s, want %s–%s", tt.w, d, start.UTC(), end.UTC(), tt.start, tt.end)
			}
		})
	}
	_, end := MustWindow(1200, 1740).On(d)
	if got := DateOf(end).String(); got != "2026-03-03" {
		t.Errorf("overnight window ends on %s, want 2026-03-03", got)
	}
}

func TestWindowString(t *testing.T) {
	tests := []struct {
		w    Window
		want string
	}{
		{MustWindow(540, 900), "09:00–15:00"},
		{MustWindow(1200, 1740), "20:00–29:00"},
		{MustWindow(5, 65), "00:05–01:05"},
	}
	for _, tt := range tests {
		if got := tt.w.String(); got != tt.want {
			t.Errorf("String = %q, want %q", got, tt.want)
		}
	}
}

func TestFormatMinute(t *testing.T) {
	tests := []struct {
		m    int
		want string
	}{
		{0, "00:00"}, {59, "00:59"}, {60, "01:00"}, {1439, "23:59"}, {1440, "24:00"}, {1740, "29:00"},
	}
	for _, tt := range tests {
		if got := FormatMinute(tt.m); got != tt.want {
			t.Errorf("FormatMinute(%d) = %q, want %q", tt.m, got, tt.want)
		}
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in      string
		want    int
		wantErr bool
	}{
		{"00:00", 0, false},
		{"09:00", 540, false},
		{"09:30", 570, false},
		{"23:59", 1439, false},
		{"24:00", 1440, false},
		{"29:00", 1740, false},
		{"48:00", 2880, false},
		{"48:01", 0, true},
		{"49:00", 0, true},
		{"12:60", 0, true},
		{"9:00", 0, true},
		{"09:0", 0, true},
		{"0900", 0, true},
		{"09-00", 0, true},
		{"09:00:00", 0, true},
		{"", 0, true},
		{"ab:cd", 0, true},
		{"12:5x", 0, true},
		{"1x:00", 0, true},
		{" 9:00", 0, true},
		{"+9:00", 0, true},
		{"-1:00", 0, true},
		{"09:+5", 0, true},
		{"09:-0", 0, true},
		{"０９:００", 0, true}, // full-width digits
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseClock(tt.in)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalidWindow) {
					t.Fatalf("ParseClock(%q) = %d, %v; want ErrInvalidWindow", tt.in, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseClock(%q) error = %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseClock(%q) = %d, want %d", tt.in, got, tt.want)
			}
			if back := FormatMinute(got); back != tt.in {
				t.Errorf("FormatMinute(ParseClock(%q)) = %q", tt.in, back)
			}
		})
	}
}

// The hand-written formats say what fmt says, over every minute a window
// can name and every date a booking can have.
func TestFormatsMatchFmt(t *testing.T) {
	for m := -90; m <= 100*60+90; m++ {
		if got, want := FormatMinute(m), fmt.Sprintf("%02d:%02d", m/60, m%60); got != want {
			t.Fatalf("FormatMinute(%d) = %q, want %q", m, got, want)
		}
	}
	for d := MustDate(FirstYear, time.January, 1); d.year <= LastYear; d = d.AddDays(1) {
		if got, want := d.String(), fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day); got != want {
			t.Fatalf("Date.String() = %q, want %q", got, want)
		}
		if d == MustDate(LastYear, time.December, 31) {
			break
		}
	}
	if got := (Date{}).String(); got != "0000-00-00" {
		t.Errorf("zero Date.String() = %q", got)
	}
}
