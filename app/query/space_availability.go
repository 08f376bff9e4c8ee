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

// SpaceAvailabilityHandler tells what of a space is bookable on a date.
type SpaceAvailabilityHandler struct {
	spaces   SpaceReader
	bookings BookingReader
	clock    ports.Clock
}

// NewSpaceAvailabilityHandler wires the use case.
func NewSpaceAvailabilityHandler(s SpaceReader, b BookingReader, c ports.Clock) SpaceAvailabilityHandler {
	if s == nil || b == nil || c == nil {
		panic("query: nil dependency for SpaceAvailabilityHandler")
	}
	return SpaceAvailabilityHandler{spaces: s, bookings: b, clock: c}
}

// Handle works out the packages and hours of space id on day.
func (h SpaceAvailabilityHandler) Handle(ctx context.Context, id int64, day calendar.Date) (Availability, error) {
	cal, err := h.spaces.SpaceCalendar(ctx, id, day, day)
	if err != nil {
		return Availability{}, fmt.Errorf("space %d calendar: %w", id, err)
	}
	if !cal.Status.Listed() {
		return Availability{}, fmt.Errorf("space %d is %s: %w", id, cal.Status, space.ErrNotFound)
	}
	// Packages may cross midnight, so read bookings up to a day past the date.
	from := day.Start()
	r := booking.Range{Start: from.UTC(), End: day.AddDays(2).Start().UTC()}
	bs, err := h.bookings.BookingsOverlapping(ctx, id, r)
	if err != nil {
		return Availability{}, fmt.Errorf("space %d bookings: %w", id, err)
	}
	now := h.clock.Now()
	d := availability.ForDay(availability.Space{Schedule: cal.Schedule, Pricing: cal.Pricing}, day, booking.BusyRanges(bs, now), now)
	return Availability{SpaceID: id, Day: d}, nil
}
