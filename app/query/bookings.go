package query

import (
	"context"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/review"
)

// BookingsHandler reads bookings for the people allowed to see them: the
// guest and the space's host. To anyone else a booking does not exist.
type BookingsHandler struct {
	lister BookingLister
	media  ports.MediaURLs
	clock  ports.Clock
}

// NewBookingsHandler wires the use cases.
func NewBookingsHandler(l BookingLister, m ports.MediaURLs, c ports.Clock) BookingsHandler {
	if l == nil || m == nil || c == nil {
		panic("query: nil dependency for BookingsHandler")
	}
	return BookingsHandler{lister: l, media: m, clock: c}
}

// BookingPage is a page of bookings and the next page's cursor.
type BookingPage struct {
	Items      []BookingView
	NextCursor string
}

// Get reads one booking the caller may see.
func (h BookingsHandler) Get(ctx context.Context, userID, id int64) (BookingView, error) {
	it, err := h.visible(ctx, userID, id)
	if err != nil {
		return BookingView{}, err
	}
	return h.view(it, h.clock.Now()), nil
}

// Quote says what cancelling the booking now would refund the caller's way:
// by policy when the guest asks, in full when the host does.
func (h BookingsHandler) Quote(ctx context.Context, userID, id int64) (RefundQuote, error) {
	it, err := h.visible(ctx, userID, id)
	if err != nil {
		return RefundQuote{}, err
	}
	byHost := userID == it.Booking.HostID
	q, err := it.Booking.QuoteCancel(byHost, h.clock.Now())
	if err != nil {
		return RefundQuote{}, err
	}
	return QuoteOf(q, it.Booking, byHost), nil
}

// Mine lists the caller's bookings in one tab (upcoming, past, cancelled),
// latest use first.
func (h BookingsHandler) Mine(ctx context.Context, guestID int64, tab, cursor string, limit int) (BookingPage, error) {
	t, err := booking.ParseTab(tab)
	if err != nil {
		return BookingPage{}, err
	}
	scope := "my-bookings-" + t.String()
	if limit, err = pageSize(limit); err != nil {
		return BookingPage{}, err
	}
	before, err := decodeTimeCursor(cursor, scope)
	if err != nil {
		return BookingPage{}, err
	}
	now := h.clock.Now()
	items, err := h.lister.GuestBookings(ctx, GuestBookingsRequest{GuestID: guestID, Tab: t, Now: now, Before: before, Limit: limit + 1})
	if err != nil {
		return BookingPage{}, err
	}
	return h.page(items, limit, scope, now), nil
}

// HostBookingsQuery filters a host's bookings.
type HostBookingsQuery struct {
	HostID   int64
	SpaceID  int64  // 0: all the host's spaces
	From, To string // Seoul use dates YYYY-MM-DD; empty: unbounded
	Cursor   string
	Limit    int
}

// Hosting lists the bookings of the caller's spaces, earliest use first.
func (h BookingsHandler) Hosting(ctx context.Context, q HostBookingsQuery) (BookingPage, error) {
	req := HostBookingsRequest{HostID: q.HostID, SpaceID: q.SpaceID}
	var err error
	if req.From, err = optionalDate(q.From, "from"); err != nil {
		return BookingPage{}, err
	}
	if req.To, err = optionalDate(q.To, "to"); err != nil {
		return BookingPage{}, err
	}
	if !req.From.IsZero() && !req.To.IsZero() && req.To.Before(req.From) {
		return BookingPage{}, fault.Field("to", "must not be before from")
	}
	if req.Limit, err = pageSize(q.Limit); err != nil {
		return BookingPage{}, err
	}
	if req.After, err = decodeTimeCursor(q.Cursor, "host-bookings"); err != nil {
		return BookingPage{}, err
	}
	limit := req.Limit
	req.Limit++
	items, err := h.lister.HostBookings(ctx, req)
	if err != nil {
		return BookingPage{}, err
	}
	return h.page(items, limit, "host-bookings", h.clock.Now()), nil
}

func (h BookingsHandler) visible(ctx context.Context, userID, id int64) (BookingItem, error) {
	it, err := h.lister.BookingWithSpace(ctx, id)
	if err != nil {
		return BookingItem{}, err
	}
	if userID != it.Booking.GuestID && userID != it.Booking.HostID {
		return BookingItem{}, booking.ErrNotFound
	}
	return it, nil
}

func (h BookingsHandler) page(items []BookingItem, limit int, scope string, now time.Time) BookingPage {
	items, next := trimPage(items, limit, scope, func(it BookingItem) Keyset {
		return Keyset{Key: it.Booking.Range.Start.UnixMicro(), ID: it.Booking.ID}
	})
	p := BookingPage{Items: make([]BookingView, len(items)), NextCursor: next}
	for i, it := range items {
		p.Items[i] = h.view(it, now)
	}
	return p
}

func (h BookingsHandler) view(it BookingItem, now time.Time) BookingView {
	v := ViewOf(it.Booking, now)
	s := it.Space
	if s.PhotoURL != "" {
		s.PhotoURL = h.media.URL(s.PhotoURL)
	}
	v.Space = &s
	v.ReviewID = it.ReviewID
	v.Reviewable = it.ReviewID == 0 && review.Writable(it.Booking, now)
	return v
}

// optionalDate reads a YYYY-MM-DD parameter that may be absent, within the
// calendar range bookings can have.
func optionalDate(s, field string) (calendar.Date, error) {
	if s == "" {
		return calendar.Date{}, nil
	}
	d, err := calendar.ParseDate(s)
	if err != nil {
		return calendar.Date{}, fault.Field(field, "give a date "+calendar.DateForm)
	}
	return d, nil
}
