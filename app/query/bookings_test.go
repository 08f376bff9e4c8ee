package query_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/search"
	"github.com/ourspace/ourspace/domain/space"
)

// The bookings' cast; t0 is 09:00 on 2026-03-02 in Seoul.
const (
	bkHost     = 100
	bkGuest    = 200
	bkOther    = 201
	bkStranger = 300
	bkPrice    = 30_003
)

var bkToday = calendar.DateOf(t0)

// lister is a BookingLister over a few bookings. Like the database it
// filters and orders them itself (a guest's latest use first, a host's
// earliest first), pages by keyset, hands out copies, and records what it
// was asked.
type lister struct {
	items     []query.BookingItem
	guestReqs []query.GuestBookingsRequest
	hostReqs  []query.HostBookingsRequest
}

var _ query.BookingLister = (*lister)(nil)

func (l *lister) BookingWithSpace(_ context.Context, id int64) (query.BookingItem, error) {
	for _, it := range l.items {
		if it.Booking.ID == id {
			return it, nil
		}
	}
	return query.BookingItem{}, fmt.Errorf("booking %d: %w", id, booking.ErrNotFound)
}

func keyOf(it query.BookingItem) query.Keyset {
	return query.Keyset{Key: it.Booking.Range.Start.UnixMicro(), ID: it.Booking.ID}
}

func compareKeys(a, b query.Keyset) int {
	if a.Key != b.Key {
		return int(a.Key - b.Key)
	}
	return int(a.ID - b.ID)
}

func (l *lister) GuestBookings(_ context.Context, req query.GuestBookingsRequest) ([]query.BookingItem, error) {
	l.guestReqs = append(l.guestReqs, req)
	all := slices.Clone(l.items)
	slices.SortFunc(all, func(a, b query.BookingItem) int { return compareKeys(keyOf(b), keyOf(a)) })
	var out []query.BookingItem
	for _, it := range all {
		if it.Booking.GuestID != req.GuestID || booking.TabOf(it.Booking, req.Now) != req.Tab ||
			(req.Before != nil && compareKeys(keyOf(it), *req.Before) >= 0) {
			continue
		}
		if len(out) == req.Limit {
			break
		}
		out = append(out, it)
	}
	return out, nil
}

func (l *lister) HostBookings(_ context.Context, req query.HostBookingsRequest) ([]query.BookingItem, error) {
	l.hostReqs = append(l.hostReqs, req)
	all := slices.Clone(l.items)
	slices.SortFunc(all, func(a, b query.BookingItem) int { return compareKeys(keyOf(a), keyOf(b)) })
	var out []query.BookingItem
	for _, it := range all {
		b := it.Booking
		if b.HostID != req.HostID || (req.SpaceID != 0 && b.SpaceID != req.SpaceID) ||
			(!req.From.IsZero() && b.Date.Before(req.From)) || (!req.To.IsZero() && req.To.Before(b.Date)) ||
			(req.After != nil && compareKeys(keyOf(it), *req.After) <= 0) {
			continue
		}
		if len(out) == req.Limit {
			break
		}
		out = append(out, it)
	}
	return out, nil
}

// bookingItem is a booking of three hours from hour o'clock, days after
// today, of space 7 with its photo stored under an object key. Holds and
// requests are due 15 minutes after t0; confirmed bookings were paid at t0.
func bookingItem(id, guest int64, status booking.Status, days, hour int) query.BookingItem {
	d := bkToday.AddDays(days)
	b := booking.Booking{ID: id, SpaceID: 7, GuestID: guest, HostID: bkHost, Status: status, Date: d,
		Range: booking.Range{Start: d.At(hour * 60).UTC(), End: d.At((hour + 3) * 60).UTC()},
		Price: bkPrice, Refund: space.RefundFlexible, People: 4, CreatedAt: t0.Add(-time.Hour),
		Contact: booking.Contact{Name: "라이언", Phone: "010-1234-5678", Email: "ryan@example.com"}}
	switch status {
	case booking.StatusPaymentDue, booking.StatusRequested:
		b.Deadline = t0.Add(booking.PaymentHold)
	case booking.StatusConfirmed:
		b.PaidAt = t0
	case booking.StatusCancelledByGuest:
		b.CancelledAt = t0
	}
	return query.BookingItem{Booking: b, Space: query.BookingSpace{ID: 7, Title: "합주실", Address: "서울 마포구",
		District: query.Ref{ID: 14, Name: "마포구"}, Category: query.Ref{ID: 2, Name: "연습실"}, PhotoURL: "spaces/7/a.jpg"}}
}

func bookingsAt(l *lister, at time.Time) query.BookingsHandler {
	return query.NewBookingsHandler(l, cdn, ports.FixedClock{At: at})
}

// faultField names the field of a *fault.FieldError, or "" for any other error.
func faultField(err error) string {
	var fe *fault.FieldError
	if errors.As(err, &fe) {
		return fe.Field
	}
	return ""
}

func viewIDs(vs []query.BookingView) []int64 {
	out := make([]int64, len(vs))
	for i, v := range vs {
		out[i] = v.ID
	}
	return out
}

func TestGetBookingForGuestAndHost(t *testing.T) {
	ctx := context.Background()
	noPhoto := bookingItem(2, bkGuest, booking.StatusConfirmed, 9, 14)
	noPhoto.Space.PhotoURL = ""
	l := &lister{items: []query.BookingItem{bookingItem(1, bkGuest, booking.StatusConfirmed, 8, 14), noPhoto}}
	h := bookingsAt(l, t0)

	v, err := h.Get(ctx, bkGuest, 1)
	if err != nil {
		t.Fatal(err)
	}
	if v.ID != 1 || v.GuestID != bkGuest || v.HostID != bkHost || v.Status != "confirmed" || v.Price != bkPrice || v.RefundPolicy != "flexible" {
		t.Errorf("guest's view = %+v, want the confirmed booking 1", v)
	}
	if v.Space == nil || v.Space.PhotoURL != "https://cdn.example/spaces/7/a.jpg" || v.Space.Title != "합주실" || v.Space.District.Name != "마포구" {
		t.Fatalf("space card = %+v, want the card with its photo key made a URL", v.Space)
	}
	if l.items[0].Space.PhotoURL != "spaces/7/a.jpg" {
		t.Errorf("the read model's item was changed to %q", l.items[0].Space.PhotoURL)
	}
	hv, err := h.Get(ctx, bkHost, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(hv, v) {
		t.Errorf("host's view = %+v\nwant the guest's %+v", hv, v)
	}
	if v, err := h.Get(ctx, bkGuest, 2); err != nil || v.Space == nil || v.Space.PhotoURL != "" {
		t.Errorf("booking without a photo: %+v, %v; want an empty photo URL", v.Space, err)
	}

	for _, tt := range []struct {
		name     string
		user, id int64
	}{
		{"stranger", bkStranger, 1},
		{"another guest", bkOther, 1},
		{"unknown booking", bkGuest, 99},
	} {
		v, err := h.Get(ctx, tt.user, tt.id)
		if !errors.Is(err, booking.ErrNotFound) || v.ID != 0 {
			t.Errorf("%s: %+v, %v; want booking.ErrNotFound", tt.name, v, err)
		}
	}
}

func TestGetBookingShowsTheEffectiveStatus(t *testing.T) {
	ctx := context.Background()
	hold := bookingItem(1, bkGuest, booking.StatusPaymentDue, 8, 14) // due at t0+15m
	today := bookingItem(2, bkGuest, booking.StatusConfirmed, 0, 11) // ends at t0+5h
	l := &lister{items: []query.BookingItem{hold, today}}

	v, err := bookingsAt(l, t0.Add(booking.PaymentHold-time.Second)).Get(ctx, bkGuest, 1)
	if err != nil {
		t.Fatal(err)
	}
	if v.Status != "payment_due" || v.Deadline == nil || !v.Deadline.Equal(hold.Booking.Deadline) {
		t.Errorf("before its deadline: %s until %v, want payment_due until %v", v.Status, v.Deadline, hold.Booking.Deadline)
	}
	v, err = bookingsAt(l, t0.Add(booking.PaymentHold)).Get(ctx, bkGuest, 1)
	if err != nil {
		t.Fatal(err)
	}
	if v.Status != "expired" || v.Deadline != nil {
		t.Errorf("at its deadline: %s until %v, want expired without a deadline", v.Status, v.Deadline)
	}
	v, err = bookingsAt(l, t0.Add(5*time.Hour)).Get(ctx, bkHost, 2)
	if err != nil {
		t.Fatal(err)
	}
	if v.Status != "completed" {
		t.Errorf("ended confirmed booking shows %s, want completed", v.Status)
	}
}

func TestQuoteBooking(t *testing.T) {
	ctx := context.Background()
	confirmed := bookingItem(1, bkGuest, booking.StatusConfirmed, 3, 14)
	cancelled := bookingItem(2, bkGuest, booking.StatusCancelledByGuest, 3, 18)
	hold := bookingItem(3, bkGuest, booking.StatusPaymentDue, 4, 14)
	l := &lister{items: []query.BookingItem{confirmed, cancelled, hold}}
	h := bookingsAt(l, t0)

	// Flexible policy, 3 days before: half, rounded down.
	q, err := h.Quote(ctx, bkGuest, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := (query.RefundQuote{BookingID: 1, Paid: bkPrice, Refund: bkPrice / 2, Percent: 50, DaysBefore: 3}); q != want {
		t.Errorf("guest's quote = %+v, want %+v", q, want)
	}
	q, err = h.Quote(ctx, bkHost, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := (query.RefundQuote{BookingID: 1, Paid: bkPrice, Refund: bkPrice, Percent: 100, DaysBefore: 3, ByHost: true}); q != want {
		t.Errorf("host's quote = %+v, want %+v", q, want)
	}
	// Two days later, the day before: still half for the guest.
	if q, err := bookingsAt(l, t0.Add(2*24*time.Hour)).Quote(ctx, bkGuest, 1); err != nil || q.Percent != 50 || q.DaysBefore != 1 {
		t.Errorf("quote the day before: %+v, %v; want 50%% 1 day before", q, err)
	}
	// An unpaid hold refunds nothing.
	if q, err := h.Quote(ctx, bkGuest, 3); err != nil || q.Paid != 0 || q.Refund != 0 {
		t.Errorf("quote of an unpaid hold: %+v, %v; want nothing paid or refunded", q, err)
	}

	for _, user := range []int64{bkGuest, bkHost} {
		if q, err := h.Quote(ctx, user, 2); !errors.Is(err, booking.ErrIllegalChange) || q != (query.RefundQuote{}) {
			t.Errorf("user %d quoting a cancelled booking: %+v, %v; want ErrIllegalChange", user, q, err)
		}
	}
	if _, err := bookingsAt(l, t0.Add(booking.PaymentHold)).Quote(ctx, bkGuest, 3); !errors.Is(err, booking.ErrDeadlinePassed) {
		t.Errorf("quoting a lapsed hold: %v, want ErrDeadlinePassed", err)
	}
	if _, err := h.Quote(ctx, bkStranger, 1); !errors.Is(err, booking.ErrNotFound) {
		t.Errorf("stranger quoting: %v, want booking.ErrNotFound", err)
	}
}

// guestItems are n upcoming bookings of the guest on consecutive days, one
// cancelled one, and another guest's booking.
func guestItems(n int) []query.BookingItem {
	var out []query.BookingItem
	for i := range n {
		out = append(out, bookingItem(int64(i+1), bkGuest, booking.StatusConfirmed, 2+i, 14))
	}
	return append(out,
		bookingItem(100, bkGuest, booking.StatusCancelledByGuest, 5, 18),
		bookingItem(101, bkOther, booking.StatusConfirmed, 3, 18))
}

func TestMinePagesLatestUseFirst(t *testing.T) {
	for _, tt := range []struct {
		items, limit int
		pages        []int
	}{
		{5, 2, []int{2, 2, 1}},
		{4, 2, []int{2, 2}},
		{3, 0, []int{3}},
		{0, 5, []int{0}},
	} {
		t.Run(fmt.Sprintf("%d by %d", tt.items, tt.limit), func(t *testing.T) {
			ctx := context.Background()
			l := &lister{items: guestItems(tt.items)}
			h := bookingsAt(l, t0)
			wantLimit := tt.limit + 1
			if tt.limit == 0 {
				wantLimit = search.DefaultLimit + 1
			}
			var got []int64
			var sizes []int
			var wantBefore *query.Keyset
			cursor := ""
			for len(sizes) <= tt.items {
				page, err := h.Mine(ctx, bkGuest, "upcoming", cursor, tt.limit)
				if err != nil {
					t.Fatal(err)
				}
				req := l.guestReqs[len(l.guestReqs)-1]
				if req.GuestID != bkGuest || req.Tab != booking.TabUpcoming || !req.Now.Equal(t0) || req.Limit != wantLimit {
					t.Fatalf("asked %+v, want guest %d, upcoming, now, limit %d", req, bkGuest, wantLimit)
				}
				if !reflect.DeepEqual(req.Before, wantBefore) {
					t.Fatalf("page %d asked before %+v, want the last item of the page before, %+v", len(sizes)+1, req.Before, wantBefore)
				}
				got = append(got, viewIDs(page.Items)...)
				sizes = append(sizes, len(page.Items))
				if page.NextCursor == "" {
					break
				}
				last := page.Items[len(page.Items)-1]
				wantBefore = &query.Keyset{Key: last.Start.UnixMicro(), ID: last.ID}
				cursor = page.NextCursor
			}
			var want []int64
			for i := tt.items; i >= 1; i-- {
				want = append(want, int64(i))
			}
			if !slices.Equal(got, want) {
				t.Errorf("walked %v, want %v: each upcoming booking once, latest first", got, want)
			}
			if !slices.Equal(sizes, tt.pages) {
				t.Errorf("page sizes %v, want %v", sizes, tt.pages)
			}
		})
	}
}

func TestMineShowsCardsAsURLs(t *testing.T) {
	l := &lister{items: guestItems(2)}
	page, err := bookingsAt(l, t0).Mine(context.Background(), bkGuest, "cancelled", "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].ID != 100 || page.Items[0].Status != "cancelled_by_guest" {
		t.Fatalf("cancelled tab = %v, want booking 100", viewIDs(page.Items))
	}
	if s := page.Items[0].Space; s == nil || s.PhotoURL != "https://cdn.example/spaces/7/a.jpg" {
		t.Errorf("card = %+v, want its photo as a URL", s)
	}
}

func TestMineRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	l := &lister{items: guestItems(5)}
	h := bookingsAt(l, t0)
	upcoming, err := h.Mine(ctx, bkGuest, "upcoming", "", 2)
	if err != nil || upcoming.NextCursor == "" {
		t.Fatalf("setup: %+v, %v", upcoming, err)
	}
	hosting, err := h.Hosting(ctx, query.HostBookingsQuery{HostID: bkHost, Limit: 2})
	if err != nil || hosting.NextCursor == "" {
		t.Fatalf("setup: %+v, %v", hosting, err)
	}
	found, err := query.NewSearchSpacesHandler(&searcher{cards: cards(3)}, cdn, ports.FixedClock{At: t0}).
		Handle(ctx, query.SearchSpaces{Limit: 1})
	if err != nil || found.NextCursor == "" {
		t.Fatalf("setup: %+v, %v", found, err)
	}
	asked := len(l.guestReqs)

	for _, tt := range []struct {
		name, tab, cursor string
		limit             int
		field             string
	}{
		{"no tab", "", "", 10, "status"},
		{"unknown tab", "all", "", 10, "status"},
		{"tab in capitals", "Upcoming", "", 10, "status"},
		{"negative limit", "upcoming", "", -1, "limit"},
		{"limit too large", "upcoming", "", search.MaxLimit + 1, "limit"},
		{"garbage cursor", "upcoming", "!!not base64!!", 10, "cursor"},
		{"hosting cursor", "upcoming", hosting.NextCursor, 10, "cursor"},
		{"search cursor", "upcoming", found.NextCursor, 10, "cursor"},
		{"cursor of another tab", "past", upcoming.NextCursor, 10, "cursor"},
	} {
		page, err := h.Mine(ctx, bkGuest, tt.tab, tt.cursor, tt.limit)
		if got := faultField(err); got != tt.field {
			t.Errorf("%s: error %v (field %q), want a field error on %q", tt.name, err, got, tt.field)
		}
		if len(page.Items) != 0 || page.NextCursor != "" {
			t.Errorf("%s: page %+v handed out with the error", tt.name, page)
		}
	}
	if len(l.guestReqs) != asked {
		t.Errorf("the read model was asked %d times for refused input", len(l.guestReqs)-asked)
	}
	if _, err := h.Mine(ctx, bkGuest, "upcoming", upcoming.NextCursor, search.MaxLimit); err != nil {
		t.Errorf("the list's own cursor at the largest limit: %v", err)
	}
}

func TestHostingFiltersAndPagesEarliestFirst(t *testing.T) {
	ctx := context.Background()
	items := guestItems(5) // all of bkHost's space 7
	other := bookingItem(200, bkGuest, booking.StatusConfirmed, 4, 9)
	other.Booking.SpaceID, other.Booking.HostID = 8, bkOther
	l := &lister{items: append(items, other)}
	h := bookingsAt(l, t0)

	q := query.HostBookingsQuery{HostID: bkHost, SpaceID: 7, From: "2026-03-04", To: "2026-03-07", Limit: 2}
	var got []int64
	var wantAfter *query.Keyset
	for len(got) <= len(items) {
		page, err := h.Hosting(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		req := l.hostReqs[len(l.hostReqs)-1]
		if req.HostID != bkHost || req.SpaceID != 7 || req.From != calendar.MustDate(2026, time.March, 4) ||
			req.To != calendar.MustDate(2026, time.March, 7) || req.Limit != 3 || !reflect.DeepEqual(req.After, wantAfter) {
			t.Fatalf("asked %+v (after %+v), want host %d, space 7, 03-04..03-07, limit 3, after %+v", req, req.After, bkHost, wantAfter)
		}
		got = append(got, viewIDs(page.Items)...)
		if page.NextCursor == "" {
			break
		}
		last := page.Items[len(page.Items)-1]
		wantAfter = &query.Keyset{Key: last.Start.UnixMicro(), ID: last.ID}
		q.Cursor = page.NextCursor
	}
	// Days 2–5 after today (03-04..03-07) of space 7, any guest and state, by
	// start: not booking 5 (03-08) nor space 8's.
	if want := []int64{1, 2, 101, 3, 4, 100}; !slices.Equal(got, want) {
		t.Errorf("walked %v, want %v", got, want)
	}

	// A cursor of "my bookings" is not one of this list.
	mine, err := h.Mine(ctx, bkGuest, "upcoming", "", 1)
	if err != nil || mine.NextCursor == "" {
		t.Fatalf("setup: %+v, %v", mine, err)
	}
	if _, err := h.Hosting(ctx, query.HostBookingsQuery{HostID: bkHost, Cursor: mine.NextCursor}); faultField(err) != "cursor" {
		t.Errorf("my-bookings cursor in hosting: %v, want a field error on cursor", err)
	}
	for _, limit := range []int{-1, search.MaxLimit + 1} {
		if _, err := h.Hosting(ctx, query.HostBookingsQuery{HostID: bkHost, Limit: limit}); faultField(err) != "limit" {
			t.Errorf("limit %d: %v, want a field error on limit", limit, err)
		}
	}
}

func TestHostingDates(t *testing.T) {
	ctx := context.Background()
	date := calendar.MustDate
	for _, tt := range []struct {
		from, to         string
		field            string // "" when accepted
		wantFrom, wantTo calendar.Date
	}{
		{"", "", "", calendar.Date{}, calendar.Date{}},
		{"2026-03-01", "", "", date(2026, time.March, 1), calendar.Date{}},
		{"", "2026-03-31", "", calendar.Date{}, date(2026, time.March, 31)},
		{"2026-03-05", "2026-03-05", "", date(2026, time.March, 5), date(2026, time.March, 5)},
		{"2000-01-01", "2199-12-31", "", date(2000, time.January, 1), date(2199, time.December, 31)},
		{"2026-3-5", "", "from", calendar.Date{}, calendar.Date{}},
		{"2026-02-30", "", "from", calendar.Date{}, calendar.Date{}},
		{"tomorrow", "", "from", calendar.Date{}, calendar.Date{}},
		{"2026-03-05T00:00:00Z", "", "from", calendar.Date{}, calendar.Date{}},
		{"1999-12-31", "", "from", calendar.Date{}, calendar.Date{}},
		{"", "2026-13-01", "to", calendar.Date{}, calendar.Date{}},
		{"", "2200-01-01", "to", calendar.Date{}, calendar.Date{}},
		{"2026-03-05", "2026-03-04", "to", calendar.Date{}, calendar.Date{}},
		{"2026-03-05", "2025-12-31", "to", calendar.Date{}, calendar.Date{}},
	} {
		l := &lister{}
		_, err := bookingsAt(l, t0).Hosting(ctx, query.HostBookingsQuery{HostID: bkHost, From: tt.from, To: tt.to})
		if got := faultField(err); got != tt.field || (tt.field == "" && err != nil) {
			t.Errorf("from %q to %q: %v (field %q), want field %q", tt.from, tt.to, err, got, tt.field)
			continue
		}
		if tt.field != "" {
			if len(l.hostReqs) != 0 {
				t.Errorf("from %q to %q: the read model was asked despite the error", tt.from, tt.to)
			}
			continue
		}
		if len(l.hostReqs) != 1 {
			t.Fatalf("from %q to %q: %d reads, want 1", tt.from, tt.to, len(l.hostReqs))
		}
		if req := l.hostReqs[0]; req.From != tt.wantFrom || req.To != tt.wantTo || req.Limit != search.DefaultLimit+1 {
			t.Errorf("from %q to %q: asked %s..%s limit %d, want %s..%s limit %d", tt.from, tt.to, req.From, req.To, req.Limit,
				tt.wantFrom, tt.wantTo, search.DefaultLimit+1)
		}
	}
}
