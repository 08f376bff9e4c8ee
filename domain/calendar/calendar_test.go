package calendar

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestNewDate(t *testing.T) {
	tests := []struct {
		name    string
		year    int
		month   time.Month
		day     int
		wantErr bool
	}{
		{"ordinary", 2026, time.March, 2, false},
		{"leap day in leap year", 2028, time.February, 29, false},
		{"leap day in common year", 2026, time.February, 29, true},
		{"february 30", 2026, time.February, 30, true},
		{"april 31", 2026, time.April, 31, true},
		{"day zero", 2026, time.March, 0, true},
		{"month thirteen", 2026, 13, 1, true},
		{"month zero", 2026, 0, 1, true},
		{"year zero", 0, time.January, 1, true},
		{"year 10000", 10000, time.January, 1, true},
		{"year 1", 1, time.January, 1, true},
		{"year 9999", 9999, time.December, 31, true},
		{"day before the first", 1999, time.December, 31, true},
		{"first day", 2000, time.January, 1, false},
		{"last day", 2199, time.December, 31, false},
		{"day after the last", 2200, time.January, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := NewDate(tt.year, tt.month, tt.day)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalidDate) {
					t.Fatalf("NewDate(%d, %d, %d) error = %v, want ErrInvalidDate", tt.year, tt.month, tt.day, err)
				}
				if !d.IsZero() {
					t.Errorf("NewDate returned %v with an error, want the zero date", d)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewDate(%d, %d, %d) error = %v", tt.year, tt.month, tt.day, err)
			}
			if d.Year() != tt.year || d.Month() != tt.month || d.Day() != tt.day || d.IsZero() {
				t.Errorf("NewDate = %v, want %04d-%02d-%02d", d, tt.year, tt.month, tt.day)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"2026-03-02", "2026-03-02", false},
		{"2028-02-29", "2028-02-29", false},
		{"2026-12-31", "2026-12-31", false},
		{"2026-02-30", "", true},
		{"2026-02-29", "", true},
		{"2026-04-31", "", true},
		{"2026-13-01", "", true},
		{"2026-00-10", "", true},
		{"2026-01-00", "", true},
		{"0000-01-01", "", true},
		{"2026-3-2", "", true},
		{"2026/03/02", "", true},
		{"20260302", "", true},
		{"02-03-2026", "", true},
		{"2026-03-02T10:00", "", true},
		{" 2026-03-02", "", true},
		{"2026-03-02 ", "", true},
		{"", "", true},
		{"tomorrow", "", true},
		{"0001-01-01", "", true},
		{"9999-12-31", "", true},
		{"1999-12-31", "", true},
		{"2000-01-01", "2000-01-01", false},
		{"2199-12-31", "2199-12-31", false},
		{"2200-01-01", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParseDate(tt.in)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalidDate) {
					t.Fatalf("ParseDate(%q) = %v, %v; want ErrInvalidDate", tt.in, d, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q) error = %v", tt.in, err)
			}
			if got := d.String(); got != tt.want {
				t.Errorf("ParseDate(%q) = %s, want %s", tt.in, got, tt.want)
			}
			if d.IsZero() {
				t.Errorf("ParseDate(%q) gave the zero date", tt.in)
			}
		})
	}
}

func TestMustDatePanicsOnInvalidDate(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustDate(2026, 2, 30) did not panic")
		}
	}()
	MustDate(2026, time.February, 30)
}

func TestDateOfSeoulMidnight(t *testing.T) {
	// Seoul midnight is 15:00 UTC of the previous day.
	tests := []struct {
		name string
		at   time.Time
		want string
	}{
		{"one nanosecond before Seoul midnight", time.Date(2026, 3, 1, 14, 59, 59, 999999999, time.UTC), "2026-03-01"},
		{"Seoul midnight", time.Date(2026, 3, 1, 15, 0, 0, 0, time.UTC), "2026-03-02"},
		{"one minute after Seoul midnight", time.Date(2026, 3, 1, 15, 1, 0, 0, time.UTC), "2026-03-02"},
		{"UTC midnight is Seoul morning", time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), "2026-03-02"},
		{"year end in UTC is new year in Seoul", time.Date(2026, 12, 31, 15, 0, 0, 0, time.UTC), "2027-01-01"},
		{"month end", time.Date(2026, 2, 28, 16, 0, 0, 0, time.UTC), "2026-03-01"},
		{"instant in another zone", time.Date(2026, 3, 1, 10, 0, 0, 0, time.FixedZone("EST", -5*3600)), "2026-03-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DateOf(tt.at).String(); got != tt.want {
				t.Errorf("DateOf(%s) = %s, want %s", tt.at, got, tt.want)
			}
		})
	}
}

func TestDateStartAndAt(t *testing.T) {
	d := MustDate(2026, time.March, 2)
	if got, want := d.Start(), time.Date(2026, 3, 1, 15, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Start = %s, want %s", got.UTC(), want)
	}
	tests := []struct {
		minute int
		want   time.Time
	}{
		{0, time.Date(2026, 3, 1, 15, 0, 0, 0, time.UTC)},
		{9 * 60, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)},
		{20 * 60, time.Date(2026, 3, 2, 11, 0, 0, 0, time.UTC)},
		{29 * 60, time.Date(2026, 3, 2, 20, 0, 0, 0, time.UTC)}, // 05:00 next day in Seoul
	}
	for _, tt := range tests {
		if got := d.At(tt.minute); !got.Equal(tt.want) {
			t.Errorf("At(%d) = %s, want %s", tt.minute, got.UTC(), tt.want)
		}
	}
}

func TestDateWeekday(t *testing.T) {
	tests := []struct {
		d    Date
		want time.Weekday
	}{
		{MustDate(2026, time.January, 1), time.Thursday},
		{MustDate(2026, time.March, 2), time.Monday},
		{MustDate(2026, time.March, 8), time.Sunday},
		{MustDate(2026, time.March, 7), time.Saturday},
	}
	for _, tt := range tests {
		if got := tt.d.Weekday(); got != tt.want {
			t.Errorf("%s.Weekday() = %s, want %s", tt.d, got, tt.want)
		}
	}
}

func TestAddDays(t *testing.T) {
	tests := []struct {
		from Date
		n    int
		want string
	}{
		{MustDate(2026, time.March, 2), 0, "2026-03-02"},
		{MustDate(2026, time.March, 2), 1, "2026-03-03"},
		{MustDate(2026, time.February, 28), 1, "2026-03-01"},
		{MustDate(2028, time.February, 28), 1, "2028-02-29"},
		{MustDate(2026, time.December, 31), 1, "2027-01-01"},
		{MustDate(2026, time.March, 1), -1, "2026-02-28"},
		{MustDate(2026, time.March, 2), 90, "2026-05-31"},
	}
	for _, tt := range tests {
		if got := tt.from.AddDays(tt.n).String(); got != tt.want {
			t.Errorf("%s.AddDays(%d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestDaysUntil(t *testing.T) {
	tests := []struct {
		name     string
		from, to Date
		want     int
	}{
		{"same day", MustDate(2026, time.March, 2), MustDate(2026, time.March, 2), 0},
		{"next day", MustDate(2026, time.March, 2), MustDate(2026, time.March, 3), 1},
		{"previous day", MustDate(2026, time.March, 2), MustDate(2026, time.March, 1), -1},
		{"across end of February", MustDate(2026, time.February, 27), MustDate(2026, time.March, 2), 3},
		{"across leap February", MustDate(2028, time.February, 27), MustDate(2028, time.March, 2), 4},
		{"across a 31-day month", MustDate(2026, time.January, 31), MustDate(2026, time.February, 1), 1},
		{"across the year", MustDate(2026, time.December, 25), MustDate(2027, time.January, 5), 11},
		{"ninety days", MustDate(2026, time.March, 2), MustDate(2026, time.May, 31), 90},
		{"a whole year", MustDate(2026, time.March, 2), MustDate(2027, time.March, 2), 365},
		{"backwards across months", MustDate(2026, time.April, 1), MustDate(2026, time.March, 2), -30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.from.DaysUntil(tt.to); got != tt.want {
				t.Errorf("%s.DaysUntil(%s) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
			if got := tt.from.AddDays(tt.want); !got.Equal(tt.to) {
				t.Errorf("%s.AddDays(%d) = %s, want %s", tt.from, tt.want, got, tt.to)
			}
		})
	}
}

func TestBeforeAndEqual(t *testing.T) {
	a := MustDate(2026, time.March, 31)
	b := MustDate(2026, time.April, 1)
	if !a.Before(b) {
		t.Errorf("%s.Before(%s) = false", a, b)
	}
	if b.Before(a) {
		t.Errorf("%s.Before(%s) = true", b, a)
	}
	if a.Before(a) {
		t.Errorf("%s.Before(itself) = true", a)
	}
	if !a.Equal(MustDate(2026, time.March, 31)) {
		t.Errorf("%s.Equal(same date) = false", a)
	}
	if a.Equal(b) {
		t.Errorf("%s.Equal(%s) = true", a, b)
	}
}

func TestZeroDate(t *testing.T) {
	var d Date
	if !d.IsZero() {
		t.Error("zero Date: IsZero() = false")
	}
	if MustDate(2026, time.March, 2).IsZero() {
		t.Error("2026-03-02: IsZero() = true")
	}
}

func TestDateString(t *testing.T) {
	if got := MustDate(2026, time.January, 5).String(); got != "2026-01-05" {
		t.Errorf("String = %q, want 2026-01-05", got)
	}
}

func TestParseDateEchoesAShortPrefix(t *testing.T) {
	_, err := ParseDate(strings.Repeat("9", 100_000))
	if !errors.Is(err, ErrInvalidDate) || len(err.Error()) > 200 {
		t.Errorf("error of %d bytes for a 100,000-byte input: %.300v", len(err.Error()), err)
	}
}

func TestInRange(t *testing.T) {
	for d, want := range map[Date]bool{
		MustDate(2000, time.January, 1):              true,
		MustDate(2199, time.December, 31):            true,
		MustDate(2000, time.January, 1).AddDays(-1):  false,
		MustDate(2199, time.December, 31).AddDays(1): false,
		DateOf(time.Unix(0, 0)):                      false,
		{}:                                           false,
	} {
		if got := InRange(d); got != want {
			t.Errorf("InRange(%v) = %v, want %v", d, got, want)
		}
	}
}
