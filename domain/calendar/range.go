package calendar

import (
	"errors"
	"fmt"
	"time"
)

// ErrInvalidRange is returned for an empty or reversed range.
var ErrInvalidRange = errors.New("invalid time range")

// Range is a stretch of time [Start, End) as instants, e.g. a booking's.
type Range struct {
	Start time.Time
	End   time.Time
}

// NewRange validates that a range is not empty and keeps it in UTC.
func NewRange(start, end time.Time) (Range, error) {
	if !start.Before(end) {
		return Range{}, fmt.Errorf("%w: %s – %s", ErrInvalidRange, start, end)
	}
	return Range{start.UTC(), end.UTC()}, nil
}

// Overlaps reports whether two ranges share any instant. Back-to-back ranges
// (one ends when the other starts) do not overlap.
func (r Range) Overlaps(o Range) bool { return r.Start.Before(o.End) && o.Start.Before(r.End) }
