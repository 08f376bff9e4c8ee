package booking

import (
	"errors"
	"testing"
	"time"
)

var base = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)

func at(hour int) time.Time { return base.Add(time.Duration(hour) * time.Hour) }

func rng(from, to int) Range { return Range{Start: at(from), End: at(to)} }

func TestNewRange(t *testing.T) {
	seoul := time.FixedZone("KST", 9*3600)
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, seoul)
	end := time.Date(2026, 3, 2, 12, 0, 0, 0, seoul)

	r, err := NewRange(start, end)
	if err != nil {
		t.Fatalf("NewRange error = %v", err)
	}
	if !r.Start.Equal(start) || !r.End.Equal(end) {
		t.Errorf("NewRange = %v, want %s–%s", r, start, end)
	}
	if r.Start.Location() != time.UTC || r.End.Location() != time.UTC {
		t.Errorf("NewRange kept zones %s/%s, want UTC", r.Start.Location(), r.End.Location())
	}

	for _, tt := range []struct {
		name       string
		start, end time.Time
	}{
		{"empty", start, start},
		{"reversed", end, start},
		{"same instant in other zones", start, start.UTC()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewRange(tt.start, tt.end); !errors.Is(err, ErrInvalidRange) {
				t.Errorf("NewRange(%s, %s) error = %v, want ErrInvalidRange", tt.start, tt.end, err)
			}
		})
	}
}

func TestRangeOverlaps(t *testing.T) {
	a := rng(10, 12)
	tests := []struct {
		name string
		b    Range
		want bool
	}{
		{"same", rng(10, 12), true},
		{"back to back after", rng(12, 14), false},
		{"back to back before", rng(8, 10), false},
		{"overlaps the end", rng(11, 13), true},
		{"overlaps the start", rng(9, 11), true},
		{"inside", Range{Start: at(10).Add(30 * time.Minute), End: at(11)}, true},
		{"contains", rng(9, 13), true},
		{"one nanosecond into the end", Range{Start: at(12).Add(-time.Nanosecond), End: at(14)}, true},
		{"well before", rng(1, 3), false},
		{"well after", rng(20, 22), false},
		{"same instants in another zone", Range{Start: at(11).In(time.FixedZone("KST", 9*3600)), End: at(13).In(time.FixedZone("KST", 9*3600))}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.Overlaps(tt.b); got != tt.want {
				t.Errorf("%v.Overlaps(%v) = %v, want %v", a, tt.b, got, tt.want)
			}
			if got := tt.b.Overlaps(a); got != tt.want {
				t.Errorf("overlap is not symmetric: %v.Overlaps(%v) = %v", tt.b, a, got)
			}
		})
	}
}

func TestParseStatus(t *testing.T) {
	names := []string{"requested", "payment_due", "confirmed", "completed",
		"cancelled_by_guest", "cancelled_by_host", "declined", "expired"}
	want := []Status{StatusRequested, StatusPaymentDue, StatusConfirmed, StatusCompleted,
		StatusCancelledByGuest, StatusCancelledByHost, StatusDeclined, StatusExpired}
	for i, name := range names {
		got, err := ParseStatus(name)
		if err != nil || got != want[i] {
			t.Errorf("ParseStatus(%q) = %v, %v; want %v", name, got, err, want[i])
		}
		if got.String() != name {
			t.Errorf("String() = %q, want %q", got.String(), name)
		}
	}
	for _, bad := range []string{"", "CONFIRMED", "cancelled", "paid"} {
		if got, err := ParseStatus(bad); err == nil {
			t.Errorf("ParseStatus(%q) = %v, want an error", bad, got)
		}
	}
}

func TestStatusBlocksAt(t *testing.T) {
	now := at(0)
	later := now.Add(15 * time.Minute)
	earlier := now.Add(-time.Minute)
	var none time.Time
	tests := []struct {
		status   Status
		deadline time.Time
		want     bool
	}{
		{StatusConfirmed, none, true},
		{StatusConfirmed, earlier, true},
		{StatusPaymentDue, later, true},
		{StatusPaymentDue, now, false}, // stops blocking at its expiry instant
		{StatusPaymentDue, earlier, false},
		{StatusPaymentDue, none, false},
		{StatusRequested, later, true},
		{StatusRequested, now, false},
		{StatusRequested, earlier, false},
		{StatusCompleted, later, false},
		{StatusCancelledByGuest, later, false},
		{StatusCancelledByHost, later, false},
		{StatusDeclined, later, false},
		{StatusExpired, later, false},
		{Status{}, later, false},
	}
	for _, tt := range tests {
		name := tt.status.String() + "/"
		switch {
		case tt.deadline.IsZero():
			name += "no deadline"
		case tt.deadline.After(now):
			name += "deadline after"
		case tt.deadline.Equal(now):
			name += "deadline now"
		default:
			name += "deadline before"
		}
		t.Run(name, func(t *testing.T) {
			if got := tt.status.BlocksAt(tt.deadline, now); got != tt.want {
				t.Errorf("%s.BlocksAt(%s, %s) = %v, want %v", tt.status, tt.deadline, now, got, tt.want)
			}
		})
	}
}

func TestBusyRanges(t *testing.T) {
	now := at(0)
	bs := []Blocking{
		{Range: rng(1, 2), Status: StatusConfirmed},
		{Range: rng(2, 3), Status: StatusPaymentDue, Deadline: now.Add(10 * time.Minute)},
		{Range: rng(3, 4), Status: StatusPaymentDue, Deadline: now.Add(-time.Second)},
		{Range: rng(4, 5), Status: StatusRequested, Deadline: now.Add(3 * time.Hour)},
		{Range: rng(5, 6), Status: StatusRequested, Deadline: now},
		{Range: rng(6, 7), Status: StatusCancelledByGuest},
		{Range: rng(7, 8), Status: StatusCompleted},
	}
	got := BusyRanges(bs, now)
	want := []Range{rng(1, 2), rng(2, 3), rng(4, 5)}
	if len(got) != len(want) {
		t.Fatalf("BusyRanges = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("BusyRanges[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	if got := BusyRanges(nil, now); len(got) != 0 {
		t.Errorf("BusyRanges(nil) = %v, want empty", got)
	}
	// The same hold, seen after it expired, no longer blocks.
	if got := BusyRanges(bs[1:2], now.Add(10*time.Minute)); len(got) != 0 {
		t.Errorf("expired hold still busy: %v", got)
	}
}

func TestFirstConflict(t *testing.T) {
	busy := []Range{rng(1, 3), rng(5, 7), rng(6, 9)}
	tests := []struct {
		name    string
		r       Range
		want    Range
		wantHit bool
	}{
		{"free gap", rng(3, 5), Range{}, false},
		{"hits first", rng(2, 4), rng(1, 3), true},
		{"hits the first of two", rng(6, 7), rng(5, 7), true},
		{"hits only the later", rng(8, 10), rng(6, 9), true},
		{"after everything", rng(9, 10), Range{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, hit := FirstConflict(tt.r, busy)
			if hit != tt.wantHit || got != tt.want {
				t.Errorf("FirstConflict(%v) = %v, %v; want %v, %v", tt.r, got, hit, tt.want, tt.wantHit)
			}
		})
	}
	if _, hit := FirstConflict(rng(1, 2), nil); hit {
		t.Error("FirstConflict with no busy ranges hit something")
	}
}
