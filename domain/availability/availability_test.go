package availability

import (
	"testing"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// Monday 2026-03-02, 09:00 in Seoul.
var (
	today = calendar.MustDate(2026, time.March, 2)
	now   = today.At(9 * 60)
	wed   = calendar.MustDate(2026, time.March, 4)
	sat   = calendar.MustDate(2026, time.March, 7)
)

func hm(h, m int) int { return h*60 + m }

func win(from, to int) calendar.Window { return calendar.MustWindow(from, to) }

func everyDay(w calendar.Window) map[time.Weekday]calendar.Window {
	m := map[time.Weekday]calendar.Window{}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		m[wd] = w
	}
	return m
}

func schedule(t *testing.T, opening map[time.Weekday]calendar.Window, closed ...calendar.Date) space.Schedule {
	t.Helper()
	s, err := space.NewSchedule(opening, closed)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func pricing(t *testing.T, hourly *space.Hourly, pkgs ...space.Package) space.Pricing {
	t.Helper()
	p, err := space.NewPricing(hourly, pkgs)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func pkg(id space.PackageID, name string, w calendar.Window, days space.WeekdaySet) space.Package {
	return space.Package{ID: id, Name: name, Window: w, Price: 50000, Weekdays: days}
}

// busyOn is the range [from, to) in minutes after Seoul midnight of d.
func busyOn(d calendar.Date, from, to int) calendar.Range {
	return calendar.Range{Start: d.At(from).UTC(), End: d.At(to).UTC()}
}

var (
	dayPkg       = pkg(1, "day", win(hm(9, 0), hm(15, 0)), space.EveryDay)
	nightPkg     = pkg(2, "night", win(hm(15, 0), hm(22, 0)), space.EveryDay)
	overnightPkg = pkg(3, "overnight", win(hm(20, 0), hm(29, 0)), space.EveryDay)
	weekendPkg   = pkg(4, "weekend", win(hm(10, 0), hm(18, 0)), space.WeekdaysOf(time.Saturday, time.Sunday))
)

// packageSpace sells four packages, opens 09:00–22:00 every day, and has no hourly pricing.
func packageSpace(t *testing.T, closed ...calendar.Date) Space {
	return Space{
		Schedule: schedule(t, everyDay(win(hm(9, 0), hm(22, 0))), closed...),
		Pricing:  pricing(t, nil, dayPkg, nightPkg, overnightPkg, weekendPkg),
	}
}

// hourlySpace opens at the given hours every day and sells by the hour only.
func hourlySpace(t *testing.T, open calendar.Window, minHours int, closed ...calendar.Date) Space {
	return Space{
		Schedule: schedule(t, everyDay(open), closed...),
		Pricing:  pricing(t, &space.Hourly{PricePerHour: 10000, MinHours: minHours}),
	}
}

func reasons(d Day) map[string]Reason {
	out := map[string]Reason{}
	for _, p := range d.Packages {
		out[p.Package.Name] = p.Reason
	}
	return out
}

func hourReasons(d Day) map[int]Reason {
	out := map[int]Reason{}
	for _, h := range d.Hours {
		out[h.Minute] = h.Reason
	}
	return out
}

func TestForDayPackages(t *testing.T) {
	tests := []struct {
		name   string
		closed []calendar.Date
		date   calendar.Date
		busy   []calendar.Range
		now    time.Time
		want   map[string]Reason
	}{
		{
			name: "all free on a weekday; weekend package not offered",
			date: wed, now: now,
			want: map[string]Reason{"day": ReasonNone, "night": ReasonNone, "overnight": ReasonNone, "weekend": ReasonNotOffered},
		},
		{
			name: "weekend package offered on Saturday",
			date: sat, now: now,
			want: map[string]Reason{"day": ReasonNone, "night": ReasonNone, "overnight": ReasonNone, "weekend": ReasonNone},
		},
		{
			name:   "closed date closes every package, before any other reason",
			closed: []calendar.Date{wed}, date: wed, now: now,
			want: map[string]Reason{"day": ReasonClosedDate, "night": ReasonClosedDate, "overnight": ReasonClosedDate, "weekend": ReasonClosedDate},
		},
		{
			name:   "closing another date changes nothing",
			closed: []calendar.Date{wed.AddDays(1)}, date: wed, now: now,
			want: map[string]Reason{"day": ReasonNone, "night": ReasonNone, "overnight": ReasonNone, "weekend": ReasonNotOffered},
		},
		{
			name: "booking inside the day package",
			date: wed, now: now, busy: []calendar.Range{busyOn(wed, hm(10, 0), hm(12, 0))},
			want: map[string]Reason{"day": ReasonBooked, "night": ReasonNone, "overnight": ReasonNone, "weekend": ReasonNotOffered},
		},
		{
			name: "booking back to back with the day package blocks only the night",
			date: wed, now: now, busy: []calendar.Range{busyOn(wed, hm(15, 0), hm(16, 0))},
			want: map[string]Reason{"day": ReasonNone, "night": ReasonBooked, "overnight": ReasonNone, "weekend": ReasonNotOffered},
		},
		{
			name: "booking ending when the day package starts",
			date: wed, now: now, busy: []calendar.Range{busyOn(wed, hm(7, 0), hm(9, 0))},
			want: map[string]Reason{"day": ReasonNone, "night": ReasonNone, "overnight": ReasonNone, "weekend": ReasonNotOffered},
		},
		{
			name: "overnight package blocked by a booking the next morning",
			date: wed, now: now, busy: []calendar.Range{busyOn(wed.AddDays(1), hm(4, 0), hm(6, 0))},
			want: map[string]Reason{"day": ReasonNone, "night": ReasonNone, "overnight": ReasonBooked, "weekend": ReasonNotOffered},
		},
		{
			name: "booking from 05:00 the next morning is back to back with the overnight package",
			date: wed, now: now, busy: []calendar.Range{busyOn(wed.AddDays(1), hm(5, 0), hm(7, 0))},
			want: map[string]Reason{"day": ReasonNone, "night": ReasonNone, "overnight": ReasonNone, "weekend": ReasonNotOffered},
		},
		{
			name: "the previous night's overnight booking does not reach the day package",
			date: wed, now: now, busy: []calendar.Range{busyOn(wed.AddDays(-1), hm(20, 0), hm(29, 0))},
			want: map[string]Reason{"day": ReasonNone, "night": ReasonNone, "overnight": ReasonNone, "weekend": ReasonNotOffered},
		},
		{
			name: "a booking on another date blocks nothing",
			date: wed, now: now, busy: []calendar.Range{busyOn(wed.AddDays(1), hm(9, 0), hm(22, 0))},
			want: map[string]Reason{"day": ReasonNone, "night": ReasonNone, "overnight": ReasonNone, "weekend": ReasonNotOffered},
		},
		{
			name: "lead time: start exactly one hour from now is bookable",
			date: today, now: today.At(hm(8, 0)),
			want: map[string]Reason{"day": ReasonNone, "night": ReasonNone, "overnight": ReasonNone, "weekend": ReasonNotOffered},
		},
		{
			name: "lead time: start less than one hour from now is too soon",
			date: today, now: today.At(hm(8, 1)),
			want: map[string]Reason{"day": ReasonTooSoon, "night": ReasonNone, "overnight": ReasonNone, "weekend": ReasonNotOffered},
		},
		{
			name: "lead time: a package already started is too soon",
			date: today, now: today.At(hm(16, 0)),
			want: map[string]Reason{"day": ReasonTooSoon, "night": ReasonTooSoon, "overnight": ReasonNone, "weekend": ReasonNotOffered},
		},
		{
			name: "a past date is too soon",
			date: today.AddDays(-1), now: now, // Sunday
			want: map[string]Reason{"day": ReasonTooSoon, "night": ReasonTooSoon, "overnight": ReasonTooSoon, "weekend": ReasonTooSoon},
		},
		{
			name: "horizon: 90 days ahead is bookable",
			date: today.AddDays(90), now: now,
			want: map[string]Reason{"day": ReasonNone, "night": ReasonNone, "overnight": ReasonNone, "weekend": ReasonNone}, // 2026-05-31 is a Sunday
		},
		{
			name: "horizon: 91 days ahead is too far",
			date: today.AddDays(91), now: now,
			want: map[string]Reason{"day": ReasonTooFar, "night": ReasonTooFar, "overnight": ReasonTooFar, "weekend": ReasonNotOffered},
		},
		{
			name: "horizon counts from the Seoul date: 00:30 in Seoul is still the previous UTC day",
			date: today.AddDays(90), now: time.Date(2026, 3, 1, 15, 30, 0, 0, time.UTC),
			want: map[string]Reason{"day": ReasonNone, "night": ReasonNone, "overnight": ReasonNone, "weekend": ReasonNone},
		},
		{
			name: "horizon counts from the Seoul date: one more day is too far",
			date: today.AddDays(91), now: time.Date(2026, 3, 1, 15, 30, 0, 0, time.UTC),
			want: map[string]Reason{"day": ReasonTooFar, "night": ReasonTooFar, "overnight": ReasonTooFar, "weekend": ReasonNotOffered},
		},
		{
			name: "just before Seoul midnight today is the earlier date, so 91 days is too far",
			date: today.AddDays(90), now: time.Date(2026, 3, 1, 14, 59, 0, 0, time.UTC),
			want: map[string]Reason{"day": ReasonTooFar, "night": ReasonTooFar, "overnight": ReasonTooFar, "weekend": ReasonTooFar},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			day := ForDay(packageSpace(t, tt.closed...), tt.date, tt.busy, tt.now)
			if day.Date != tt.date {
				t.Errorf("Date = %s, want %s", day.Date, tt.date)
			}
			got := reasons(day)
			if len(got) != len(tt.want) {
				t.Fatalf("packages = %v, want %v", got, tt.want)
			}
			for name, want := range tt.want {
				if got[name] != want {
					t.Errorf("package %s: reason %q, want %q", name, got[name], want)
				}
			}
			for _, p := range day.Packages {
				if p.Available() != (p.Reason == ReasonNone) {
					t.Errorf("package %s: Available() = %v with reason %q", p.Package.Name, p.Available(), p.Reason)
				}
			}
			if len(day.Hours) != 0 || day.MinHours != 0 {
				t.Errorf("package-only space has %d hours, min %d; want none", len(day.Hours), day.MinHours)
			}
		})
	}
}

func TestForDayPackageRanges(t *testing.T) {
	day := ForDay(packageSpace(t), wed, nil, now)
	want := map[string]calendar.Range{
		"day":       {Start: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 4, 6, 0, 0, 0, time.UTC)},
		"night":     {Start: time.Date(2026, 3, 4, 6, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 4, 13, 0, 0, 0, time.UTC)},
		"overnight": {Start: time.Date(2026, 3, 4, 11, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 4, 20, 0, 0, 0, time.UTC)},
	}
	for _, p := range day.Packages {
		w, ok := want[p.Package.Name]
		if !ok {
			continue
		}
		if !p.Range.Start.Equal(w.Start) || !p.Range.End.Equal(w.End) {
			t.Errorf("package %s range = %v, want %v", p.Package.Name, p.Range, w)
		}
		if p.Range.Start.Location() != time.UTC {
			t.Errorf("package %s range is in %s, want UTC", p.Package.Name, p.Range.Start.Location())
		}
	}
	if day.Packages[0].Package.ID != 1 || day.Packages[3].Package.ID != 4 {
		t.Errorf("packages out of display order: %v", day.Packages)
	}
}

func TestForDayPackagesIgnoreOpeningHours(t *testing.T) {
	// Open only on Monday 12:00–14:00; packages lie outside and on closed weekdays.
	s := Space{
		Schedule: schedule(t, map[time.Weekday]calendar.Window{time.Monday: win(hm(12, 0), hm(14, 0))}),
		Pricing:  pricing(t, nil, dayPkg, overnightPkg),
	}
	for _, d := range []calendar.Date{wed, today.AddDays(7)} {
		day := ForDay(s, d, nil, now)
		for _, p := range day.Packages {
			if !p.Available() {
				t.Errorf("%s: package %s unavailable (%s); packages ignore opening hours", d, p.Package.Name, p.Reason)
			}
		}
		if !day.AnyBookable() {
			t.Errorf("%s: AnyBookable = false with free packages", d)
		}
	}
}

func TestForDayHours(t *testing.T) {
	tests := []struct {
		name   string
		open   calendar.Window
		closed []calendar.Date
		date   calendar.Date
		busy   []calendar.Range
		now    time.Time
		want   map[int]Reason
	}{
		{
			name: "every opening hour, free",
			open: win(hm(10, 0), hm(14, 0)), date: wed, now: now,
			want: map[int]Reason{hm(10, 0): ReasonNone, hm(11, 0): ReasonNone, hm(12, 0): ReasonNone, hm(13, 0): ReasonNone},
		},
		{
			name: "open all day gives 24 hours",
			open: win(0, hm(24, 0)), date: wed, now: now,
			want: func() map[int]Reason {
				m := map[int]Reason{}
				for h := 0; h < 24; h++ {
					m[hm(h, 0)] = ReasonNone
				}
				return m
			}(),
		},
		{
			name: "closed date",
			open: win(hm(10, 0), hm(12, 0)), closed: []calendar.Date{wed}, date: wed, now: now,
			want: map[int]Reason{hm(10, 0): ReasonClosedDate, hm(11, 0): ReasonClosedDate},
		},
		{
			name: "booked hours; back-to-back hours stay free",
			open: win(hm(10, 0), hm(14, 0)), date: wed, now: now, busy: []calendar.Range{busyOn(wed, hm(11, 0), hm(13, 0))},
			want: map[int]Reason{hm(10, 0): ReasonNone, hm(11, 0): ReasonBooked, hm(12, 0): ReasonBooked, hm(13, 0): ReasonNone},
		},
		{
			name: "a half-hour booking blocks its whole hour",
			open: win(hm(10, 0), hm(12, 0)), date: wed, now: now, busy: []calendar.Range{busyOn(wed, hm(10, 30), hm(10, 45))},
			want: map[int]Reason{hm(10, 0): ReasonBooked, hm(11, 0): ReasonNone},
		},
		{
			name: "last night's overnight booking blocks the early hours",
			open: win(0, hm(8, 0)), date: wed, now: now, busy: []calendar.Range{busyOn(wed.AddDays(-1), hm(20, 0), hm(29, 0))},
			want: map[int]Reason{0: ReasonBooked, 60: ReasonBooked, 120: ReasonBooked, 180: ReasonBooked, 240: ReasonBooked, 300: ReasonNone, 360: ReasonNone, 420: ReasonNone},
		},
		{
			name: "lead time on today",
			open: win(hm(9, 0), hm(13, 0)), date: today, now: today.At(hm(9, 30)),
			want: map[int]Reason{hm(9, 0): ReasonTooSoon, hm(10, 0): ReasonTooSoon, hm(11, 0): ReasonNone, hm(12, 0): ReasonNone},
		},
		{
			name: "lead time: exactly one hour ahead is free",
			open: win(hm(9, 0), hm(11, 0)), date: today, now: today.At(hm(9, 0)),
			want: map[int]Reason{hm(9, 0): ReasonTooSoon, hm(10, 0): ReasonNone},
		},
		{
			name: "horizon: 91 days ahead",
			open: win(hm(10, 0), hm(12, 0)), date: today.AddDays(91), now: now,
			want: map[int]Reason{hm(10, 0): ReasonTooFar, hm(11, 0): ReasonTooFar},
		},
		{
			name: "horizon: 90 days ahead",
			open: win(hm(10, 0), hm(12, 0)), date: today.AddDays(90), now: now,
			want: map[int]Reason{hm(10, 0): ReasonNone, hm(11, 0): ReasonNone},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			day := ForDay(hourlySpace(t, tt.open, 1, tt.closed...), tt.date, tt.busy, tt.now)
			if day.MinHours != 1 {
				t.Errorf("MinHours = %d, want 1", day.MinHours)
			}
			if len(day.Packages) != 0 {
				t.Errorf("hourly-only space has %d packages", len(day.Packages))
			}
			got := hourReasons(day)
			if len(got) != len(tt.want) {
				t.Fatalf("hours = %v, want %v", got, tt.want)
			}
			for m, want := range tt.want {
				r, ok := got[m]
				if !ok {
					t.Errorf("no hour at %s", calendar.FormatMinute(m))
				} else if r != want {
					t.Errorf("hour %s: reason %q, want %q", calendar.FormatMinute(m), r, want)
				}
			}
			for i, h := range day.Hours {
				if h.Free() != (h.Reason == ReasonNone) {
					t.Errorf("hour %d: Free() = %v with reason %q", h.Minute, h.Free(), h.Reason)
				}
				if i > 0 && h.Minute != day.Hours[i-1].Minute+60 {
					t.Errorf("hours not in order: %d after %d", h.Minute, day.Hours[i-1].Minute)
				}
				start := tt.date.At(h.Minute)
				if !h.Range.Start.Equal(start) || !h.Range.End.Equal(start.Add(time.Hour)) {
					t.Errorf("hour %d: range %v, want one hour from %s", h.Minute, h.Range, start)
				}
				if h.Minute < tt.open.Start() || h.Minute+60 > tt.open.End() {
					t.Errorf("hour %s lies outside opening hours %s", calendar.FormatMinute(h.Minute), tt.open)
				}
			}
		})
	}
}

func TestForDayNoHoursOnClosedWeekday(t *testing.T) {
	s := Space{
		Schedule: schedule(t, map[time.Weekday]calendar.Window{time.Monday: win(hm(9, 0), hm(18, 0))}),
		Pricing:  pricing(t, &space.Hourly{PricePerHour: 10000, MinHours: 2}),
	}
	day := ForDay(s, wed, nil, now)
	if len(day.Hours) != 0 {
		t.Errorf("Wednesday (closed) has hours %v", day.Hours)
	}
	if day.MinHours != 2 {
		t.Errorf("MinHours = %d, want 2", day.MinHours)
	}
	if day.AnyBookable() {
		t.Error("AnyBookable = true on a weekday without opening hours")
	}
	monday := today.AddDays(7)
	if got := len(ForDay(s, monday, nil, now).Hours); got != 9 {
		t.Errorf("Monday has %d hours, want 9", got)
	}
}

func TestForDayClosedFlag(t *testing.T) {
	s := hourlySpace(t, win(hm(9, 0), hm(18, 0)), 1, wed)
	if !ForDay(s, wed, nil, now).Closed {
		t.Error("Closed = false on a closed date")
	}
	if ForDay(s, wed.AddDays(1), nil, now).Closed {
		t.Error("Closed = true on an open date")
	}
}

func TestAnyBookable(t *testing.T) {
	open := win(hm(9, 0), hm(14, 0)) // 09, 10, 11, 12, 13
	tests := []struct {
		name     string
		minHours int
		closed   []calendar.Date
		busy     []calendar.Range
		now      time.Time
		want     bool
	}{
		{"all free", 3, nil, nil, now, true},
		{"whole day as minimum", 5, nil, nil, now, true},
		{"minimum longer than opening hours", 6, nil, nil, now, false},
		{"min 3 with only 2 consecutive free hours", 3, nil, []calendar.Range{busyOn(wed, hm(11, 0), hm(12, 0))}, now, false},
		{"min 2 with 2 consecutive free hours on each side", 2, nil, []calendar.Range{busyOn(wed, hm(11, 0), hm(12, 0))}, now, true},
		{"min 3 with exactly 3 consecutive free hours at the start", 3, nil, []calendar.Range{busyOn(wed, hm(12, 0), hm(13, 0))}, now, true},
		{"min 3 with exactly 3 consecutive free hours at the end", 3, nil, []calendar.Range{busyOn(wed, hm(9, 0), hm(11, 0))}, now, true},
		{"min 2 with alternating free hours", 2, nil, []calendar.Range{busyOn(wed, hm(10, 0), hm(11, 0)), busyOn(wed, hm(12, 0), hm(13, 0))}, now, false},
		{"min 1 with one free hour", 1, nil, []calendar.Range{busyOn(wed, hm(9, 0), hm(13, 0))}, now, true},
		{"fully booked", 1, nil, []calendar.Range{busyOn(wed, hm(9, 0), hm(14, 0))}, now, false},
		{"closed date", 1, []calendar.Date{wed}, nil, now, false},
		{"too soon leaves 2 hours for min 3", 3, nil, nil, wed.At(hm(10, 30)), false},
		{"too soon leaves 2 hours for min 2", 2, nil, nil, wed.At(hm(10, 30)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			day := ForDay(hourlySpace(t, open, tt.minHours, tt.closed...), wed, tt.busy, tt.now)
			if got := day.AnyBookable(); got != tt.want {
				t.Errorf("AnyBookable() = %v, want %v (hours %v)", got, tt.want, hourReasons(day))
			}
		})
	}
}

func TestAnyBookableWithPackages(t *testing.T) {
	both := Space{
		Schedule: schedule(t, everyDay(win(hm(9, 0), hm(12, 0)))),
		Pricing:  pricing(t, &space.Hourly{PricePerHour: 10000, MinHours: 3}, nightPkg),
	}
	tests := []struct {
		name string
		s    Space
		date calendar.Date
		busy []calendar.Range
		want bool
	}{
		{"package free, hours booked", both, wed, []calendar.Range{busyOn(wed, hm(10, 0), hm(11, 0))}, true},
		{"hours free, package booked", both, wed, []calendar.Range{busyOn(wed, hm(16, 0), hm(17, 0))}, true},
		{"package booked and hourly run too short", both, wed, []calendar.Range{busyOn(wed, hm(10, 0), hm(11, 0)), busyOn(wed, hm(16, 0), hm(17, 0))}, false},
		{"only package not offered on weekday", Space{Schedule: schedule(t, nil), Pricing: pricing(t, nil, weekendPkg)}, wed, nil, false},
		{"only package offered on Saturday", Space{Schedule: schedule(t, nil), Pricing: pricing(t, nil, weekendPkg)}, sat, nil, true},
		{"all packages booked, no hourly pricing", Space{Schedule: schedule(t, nil), Pricing: pricing(t, nil, dayPkg)}, wed, []calendar.Range{busyOn(wed, hm(14, 0), hm(16, 0))}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ForDay(tt.s, tt.date, tt.busy, now).AnyBookable(); got != tt.want {
				t.Errorf("AnyBookable() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestWindowBookableHourly(t *testing.T) {
	open := win(hm(9, 0), hm(18, 0))
	tests := []struct {
		name   string
		min    int
		closed []calendar.Date
		busy   []calendar.Range
		now    time.Time
		w      calendar.Window
		want   bool
	}{
		{"inside opening hours", 2, nil, nil, now, win(hm(10, 0), hm(13, 0)), true},
		{"exactly the minimum", 2, nil, nil, now, win(hm(10, 0), hm(12, 0)), true},
		{"the whole opening", 2, nil, nil, now, open, true},
		{"shorter than the minimum", 3, nil, nil, now, win(hm(10, 0), hm(12, 0)), false},
		{"starts before opening", 2, nil, nil, now, win(hm(8, 0), hm(10, 0)), false},
		{"ends after closing", 2, nil, nil, now, win(hm(17, 0), hm(19, 0)), false},
		{"wholly outside opening", 1, nil, nil, now, win(hm(20, 0), hm(22, 0)), false},
		{"crosses midnight", 1, nil, nil, now, win(hm(17, 0), hm(25, 0)), false},
		{"start not on the hour", 1, nil, nil, now, win(hm(10, 30), hm(12, 0)), false},
		{"end not on the hour", 1, nil, nil, now, win(hm(10, 0), hm(11, 30)), false},
		{"one hour booked inside", 2, nil, []calendar.Range{busyOn(wed, hm(11, 0), hm(12, 0))}, now, win(hm(10, 0), hm(13, 0)), false},
		{"booking back to back", 2, nil, []calendar.Range{busyOn(wed, hm(13, 0), hm(14, 0)), busyOn(wed, hm(8, 0), hm(10, 0))}, now, win(hm(10, 0), hm(13, 0)), true},
		{"closed date", 1, []calendar.Date{wed}, nil, now, win(hm(10, 0), hm(12, 0)), false},
		{"first hour too soon", 1, nil, nil, wed.At(hm(9, 30)), win(hm(10, 0), hm(12, 0)), false},
		{"after lead time", 1, nil, nil, wed.At(hm(9, 0)), win(hm(10, 0), hm(12, 0)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			day := ForDay(hourlySpace(t, open, tt.min, tt.closed...), wed, tt.busy, tt.now)
			if got := day.WindowBookable(tt.w); got != tt.want {
				t.Errorf("WindowBookable(%s) = %v, want %v", tt.w, got, tt.want)
			}
		})
	}
}

func TestWindowBookableWithPackages(t *testing.T) {
	both := Space{
		Schedule: schedule(t, everyDay(win(hm(9, 0), hm(15, 0)))),
		Pricing:  pricing(t, &space.Hourly{PricePerHour: 10000, MinHours: 3}, nightPkg, overnightPkg),
	}
	packagesOnly := Space{Schedule: schedule(t, nil), Pricing: pricing(t, nil, dayPkg, weekendPkg)}
	tests := []struct {
		name string
		s    Space
		date calendar.Date
		busy []calendar.Range
		w    calendar.Window
		want bool
	}{
		{"covered by a package, not on the hour", both, wed, nil, win(hm(15, 30), hm(16, 30)), true},
		{"covered by a package, shorter than min hours", both, wed, nil, win(hm(16, 0), hm(17, 0)), true},
		{"exactly a package", both, wed, nil, win(hm(15, 0), hm(22, 0)), true},
		{"crosses midnight inside the overnight package", both, wed, nil, win(hm(22, 0), hm(26, 0)), true},
		{"covering package booked", both, wed, []calendar.Range{busyOn(wed, hm(21, 0), hm(22, 0))}, win(hm(15, 30), hm(16, 30)), false},
		{"one of two covering packages booked", both, wed, []calendar.Range{busyOn(wed, hm(15, 0), hm(16, 0))}, win(hm(20, 0), hm(22, 0)), true},
		{"overnight package blocked next morning", both, wed, []calendar.Range{busyOn(wed.AddDays(1), hm(4, 0), hm(6, 0))}, win(hm(22, 0), hm(26, 0)), false},
		{"spans hourly and package time", both, wed, nil, win(hm(14, 0), hm(16, 0)), false},
		{"wider than any package", both, wed, nil, win(hm(14, 0), hm(23, 0)), false},
		{"packages only, not covered", packagesOnly, wed, nil, win(hm(8, 0), hm(10, 0)), false},
		{"packages only, covered", packagesOnly, wed, nil, win(hm(10, 0), hm(12, 0)), true},
		{"covering package not offered on weekday", packagesOnly, wed, nil, win(hm(15, 0), hm(17, 0)), false},
		{"covering package offered on Saturday", packagesOnly, sat, nil, win(hm(15, 0), hm(17, 0)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ForDay(tt.s, tt.date, tt.busy, now).WindowBookable(tt.w); got != tt.want {
				t.Errorf("WindowBookable(%s) = %v, want %v", tt.w, got, tt.want)
			}
		})
	}
}

func TestHorizonConstants(t *testing.T) {
	if MinLead != time.Hour {
		t.Errorf("MinLead = %s, want 1h", MinLead)
	}
	if MaxDaysAhead != 90 {
		t.Errorf("MaxDaysAhead = %d, want 90", MaxDaysAhead)
	}
}
