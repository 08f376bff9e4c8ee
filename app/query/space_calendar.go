package query

import (
	"context"
	"fmt"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/availability"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// SpaceCalendar is a space's days over a period, each summed up.
type SpaceCalendar struct {
	SpaceID int64
	Period  availability.Period
	Days    []availability.DaySummary
}

// SpaceCalendarHandler tells, day by day over up to
// availability.MaxCalendarDays days, whether a space can be booked.
type SpaceCalendarHandler struct {
	spaces   SpaceReader
	bookings BookingReader
	clock    ports.Clock
}

// NewSpaceCalendarHandler wires the use case.
func NewSpaceCalendarHandler(s SpaceReader, b BookingReader, c ports.Clock) SpaceCalendarHandler {
	if s == nil || b == nil || c == nil {
		panic("query: nil dependency for SpaceCalendarHandler")
	}
	return SpaceCalendarHandler{spaces: s, bookings: b, clock: c}
}

// Handle works out the days of space id from from to to (YYYY-MM-DD; see
// availability.NewPeriod for the defaults) in two reads whatever the
// period's length: the space's schedule and the bookings over the period.
// Errors naming from or to are *fault.FieldError.
func (h SpaceCalendarHandler) Handle(ctx context.Context, id int64, from, to string) (SpaceCalendar, error) {
	now := h.clock.Now()
	p, err := availability.NewPeriod(from, to, calendar.DateOf(now))
	if err != nil {
		return SpaceCalendar{}, err
	}
	cal, err := h.spaces.SpaceCalendar(ctx, id, p.From, p.To)
	if err != nil {
		return SpaceCalendar{}, fmt.Errorf("space %d calendar: %w", id, err)
	}
	if !cal.Status.Listed() {
		return SpaceCalendar{}, fmt.Errorf("space %d is %s: %w", id, cal.Status, space.ErrNotFound)
	}
	// Packages may cross midnight, so read bookings up to a day past the period.
	r := booking.Range{Start: p.From.Start().UTC(), End: p.To.AddDays(2).Start().UTC()}
	bs, err := h.bookings.BookingsOverlapping(ctx, id, r)
	if err != nil {
		return SpaceCalendar{}, fmt.Errorf("space %d bookings: %w", id, err)
	}
	days := availability.ForPeriod(availability.Space{Schedule: cal.Schedule, Pricing: cal.Pricing}, p, booking.BusyRanges(bs, now), now)
	out := SpaceCalendar{SpaceID: id, Period: p, Days: make([]availability.DaySummary, len(days))}
	for i, d := range days {
		out.Days[i] = d.Summary()
	}
	return out, nil
}
