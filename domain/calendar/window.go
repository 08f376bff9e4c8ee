package calendar

import (
	"errors"
	"fmt"
	"time"
)

// ErrInvalidWindow is returned for a time window that cannot exist.
var ErrInvalidWindow = errors.New("invalid time window")

// Window is a stretch of wall-clock time on a use date, in minutes after Seoul
// midnight: [Start, End). End may pass midnight (up to 24 hours after Start),
// which is how an overnight package such as 20:00–05:00 is written (1200–1740).
type Window struct {
	start int
	end   int
}

// NewWindow validates a window: 0 ≤ start < 24:00, start < end ≤ start + 24h.
func NewWindow(start, end int) (Window, error) {
	if start < 0 || start >= MinutesPerDay || end <= start || end-start > MinutesPerDay {
		return Window{}, fmt.Errorf("%w: %s–%s", ErrInvalidWindow, FormatMinute(start), FormatMinute(end))
	}
	return Window{start, end}, nil
}

// MustWindow is NewWindow for literals; it panics on an invalid window.
func MustWindow(start, end int) Window {
	w, err := NewWindow(start, end)
	if err != nil {
		panic(err)
	}
	return w
}

// Start is the first minute of the window.
func (w Window) Start() int { return w.start }

// End is the minute the window ends at (exclusive).
func (w Window) End() int { return w.end }

// Minutes is the window's length.
func (w Window) Minutes() int { return w.end - w.start }

// CrossesMidnight reports whether the window ends on the next calendar day.
func (w Window) CrossesMidnight() bool { return w.end > MinutesPerDay }

// Contains reports whether other lies wholly inside w.
func (w Window) Contains(other Window) bool { return w.start <= other.start && other.end <= w.end }

// On turns the window into instants on date d.
func (w Window) On(d Date) (time.Time, time.Time) { return d.At(w.start), d.At(w.end) }

// String formats the window as HH:MM–HH:MM (an end past midnight shows as e.g. 29:00).
func (w Window) String() string { return FormatMinute(w.start) + "–" + FormatMinute(w.end) }

// FormatMinute writes minutes after midnight as HH:MM.
func FormatMinute(m int) string {
	if m < 0 || m >= 100*60 {
		return fmt.Sprintf("%02d:%02d", m/60, m%60)
	}
	b := [5]byte{'0' + byte(m/600), '0' + byte(m/60%10), ':', '0' + byte(m%60/10), '0' + byte(m%10)}
	return string(b[:])
}

// ParseClock reads HH:MM (00:00–48:00) into minutes after midnight. Exactly
// two ASCII digits each side: fmt.Sscanf would also take signs, spaces and
// trailing junk ("+9:00", "12:5x").
func ParseClock(s string) (int, error) {
	if len(s) != 5 || s[2] != ':' || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[3]) || !isDigit(s[4]) {
		return 0, fmt.Errorf("%w: %q is not HH:MM", ErrInvalidWindow, s)
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if h > 48 || m > 59 || (h == 48 && m > 0) {
		return 0, fmt.Errorf("%w: %q is not HH:MM", ErrInvalidWindow, s)
	}
	return h*60 + m, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
