package command_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/app/internal/apptest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/points"
	"github.com/ourspace/ourspace/domain/space"
)

// The booking tests' cast. t0 is 09:00 on Monday 2026-03-02 in Seoul.
const (
	instantSpace  = 1
	approvalSpace = 2
	hostID        = 100
	guestID       = 200
	otherGuestID  = 201
	strangerID    = 300

	// pricePerHour is odd so that half a price is not whole won.
	pricePerHour = 10_001
	threeHours   = 3 * pricePerHour
)

var today = calendar.DateOf(t0)

// market is the booking use cases wired to an in-memory store, with a clock
// the tests move.
type market struct {
	store  *apptest.Store
	spaces apptest.Spaces // shared with the store: tests change terms in place
	clock  *ports.FixedClock

	create command.CreateBookingHandler
	pay    command.PayBookingHandler
	cancel command.CancelBookingHandler
	answer command.AnswerBookingHandler
	sweep  command.SweepBookingsHandler
}

// newMarket has two spaces of one host, open 09:00–22:00 every day and sold
// by the hour (at least 2) under the flexible policy: one books instantly,
// the other needs the host's approval. Every user but the host holds the
// welcome grant.
func newMarket(t *testing.T) *market {
	t.Helper()
	opening := map[time.Weekday]calendar.Window{}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		opening[wd] = calendar.MustWindow(9*60, 22*60)
	}
	sched, err := space.NewSchedule(opening, nil)
	if err != nil {
		t.Fatal(err)
	}
	pricing, err := space.NewPricing(&space.Hourly{PricePerHour: pricePerHour, MinHours: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	capacity, err := space.NewCapacity(1, 10)
	if err != nil {
		t.Fatal(err)
	}
	instant := booking.SpaceTerms{SpaceID: instantSpace, HostID: hostID, Status: space.StatusActive, Capacity: capacity,
		Schedule: sched, Pricing: pricing, Refund: space.RefundFlexible}
	approval := instant
	approval.SpaceID, approval.NeedsApproval = approvalSpace, true

	m := &market{store: apptest.NewStore(), spaces: apptest.Spaces{instantSpace: instant, approvalSpace: approval},
		clock: &ports.FixedClock{At: t0}}
	m.store.WithSpaces(m.spaces)
	m.create = command.NewCreateBookingHandler(m.store, m.clock)
	m.pay = command.NewPayBookingHandler(m.store, m.clock)
	m.cancel = command.NewCancelBookingHandler(m.store, m.clock)
	m.answer = command.NewAnswerBookingHandler(m.store, m.clock)
	m.sweep = command.NewSweepBookingsHandler(m.store, m.clock)
	for _, u := range []int64{guestID, otherGuestID, strangerID} {
		m.grant(t, u, welcome)
	}
	return m
}

func (m *market) advance(d time.Duration) { m.clock.At = m.clock.At.Add(d) }

func (m *market) grant(t *testing.T, userID, amount int64) {
	t.Helper()
	ctx := context.Background()
	e, err := points.NewGrant(userID, amount, m.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := m.store.InTx(ctx, func(r ports.Repositories) error {
		_, err := r.Points.Append(ctx, e)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

func (m *market) balance(t *testing.T, userID int64) int64 {
	t.Helper()
	b, err := m.store.Read().Points.Balance(context.Background(), userID)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// stored is a booking as the store holds it.
func (m *market) stored(t *testing.T, id int64) booking.Booking {
	t.Helper()
	for _, b := range m.store.Bookings() {
		if b.ID == id {
			return b
		}
	}
	t.Fatalf("booking %d not stored", id)
	return booking.Booking{}
}

// hoursOf asks for n hours from start o'clock, days after today.
func hoursOf(spaceID, guest int64, days, start, n int) booking.Request {
	return booking.Request{SpaceID: spaceID, GuestID: guest, Date: today.AddDays(days), StartHour: start, Hours: n, People: 4,
		Contact: booking.Contact{Name: "라이언", Phone: "010-1234-5678", Email: "ryan@example.com"},
		Purpose: "합주", Message: "잘 부탁드립니다"}
}

func (m *market) mustCreate(t *testing.T, req booking.Request, key string) query.BookingView {
	t.Helper()
	v, err := m.create.Handle(context.Background(), req, key)
	if err != nil {
		t.Fatalf("create %+v: %v", req, err)
	}
	return v
}

func (m *market) mustPay(t *testing.T, guest, id int64) query.BookingView {
	t.Helper()
	v, err := m.pay.Handle(context.Background(), command.PayBooking{GuestID: guest, BookingID: id}, "")
	if err != nil {
		t.Fatalf("pay booking %d: %v", id, err)
	}
	return v
}

// paidBooking is a confirmed booking of three hours from 14:00, days ahead.
func (m *market) paidBooking(t *testing.T, days int) query.BookingView {
	t.Helper()
	v := m.mustCreate(t, hoursOf(instantSpace, guestID, days, 14, 3), "")
	return m.mustPay(t, guestID, v.ID)
}

// keysExpiredBy sweeps at instant at and counts the idempotency keys it
// deleted. The clock is put back afterwards, but what the sweep changed
// stays: call it last, or before anything it could expire.
func (m *market) keysExpiredBy(t *testing.T, at time.Time) int64 {
	t.Helper()
	was := m.clock.At
	defer func() { m.clock.At = was }()
	m.clock.At = at
	s, err := m.sweep.Handle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s.Keys
}

func TestCreateBookingStoresAPaymentHold(t *testing.T) {
	m := newMarket(t)
	entries := len(m.store.Entries())
	req := hoursOf(instantSpace, guestID, 8, 14, 3)
	v := m.mustCreate(t, req, "")

	all := m.store.Bookings()
	if len(all) != 1 {
		t.Fatalf("%d bookings stored, want 1", len(all))
	}
	b := all[0]
	day := today.AddDays(8)
	wantStart, wantEnd := day.At(14*60), day.At(17*60)
	if b.ID != v.ID || b.SpaceID != instantSpace || b.GuestID != guestID || b.HostID != hostID {
		t.Errorf("stored ids %d/%d/%d/%d, want %d/%d/%d/%d", b.ID, b.SpaceID, b.GuestID, b.HostID, v.ID, instantSpace, guestID, hostID)
	}
	if b.Status != booking.StatusPaymentDue || b.Price != threeHours || !b.Deadline.Equal(t0.Add(booking.PaymentHold)) {
		t.Errorf("stored %s, price %d, deadline %v; want payment_due, %d, %v", b.Status, b.Price, b.Deadline, threeHours, t0.Add(booking.PaymentHold))
	}
	if !b.Range.Start.Equal(wantStart) || !b.Range.End.Equal(wantEnd) || b.Date != day {
		t.Errorf("stored %s %v–%v, want %s %v–%v", b.Date, b.Range.Start, b.Range.End, day, wantStart, wantEnd)
	}
	if b.Contact != req.Contact || b.Purpose != req.Purpose || b.Message != req.Message || b.People != req.People {
		t.Errorf("stored details %+v %q %q %d, want those of the request", b.Contact, b.Purpose, b.Message, b.People)
	}
	if v.Status != "payment_due" || v.Price != threeHours || v.Deadline == nil || !v.Deadline.Equal(b.Deadline) || v.Date != day.String() {
		t.Errorf("view = %+v, want the payment hold", v)
	}
	if len(m.store.Entries()) != entries {
		t.Error("creating a booking touched the ledger")
	}
}

func TestCreateBookingOnApprovalSpaceIsARequest(t *testing.T) {
	m := newMarket(t)
	v := m.mustCreate(t, hoursOf(approvalSpace, guestID, 8, 14, 3), "")
	b := m.stored(t, v.ID)
	if b.Status != booking.StatusRequested || !b.Deadline.Equal(t0.Add(booking.ApprovalWindow)) || v.Status != "requested" {
		t.Errorf("stored %s until %v, view %s; want requested until %v", b.Status, b.Deadline, v.Status, t0.Add(booking.ApprovalWindow))
	}

	// The host has 3 hours, but never past the start: today at 11:00 is 2
	// hours away.
	soon := m.mustCreate(t, hoursOf(approvalSpace, guestID, 0, 11, 2), "")
	if b := m.stored(t, soon.ID); !b.Deadline.Equal(today.At(11 * 60)) {
		t.Errorf("request starting in 2 hours has deadline %v, want its start %v", b.Deadline, today.At(11*60))
	}
}

func TestCreateBookingConflictStoresNothing(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	first := m.mustCreate(t, hoursOf(instantSpace, guestID, 8, 14, 3), "")
	taken := m.stored(t, first.ID).Range

	overlapping := hoursOf(instantSpace, otherGuestID, 8, 16, 2)
	v, err := m.create.Handle(ctx, overlapping, "retry-me")
	var conflict *booking.ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("overlapping booking: %v, want *booking.ConflictError", err)
	}
	if conflict.Range != taken {
		t.Errorf("conflict names %+v, want the taken range %+v", conflict.Range, taken)
	}
	if len(m.store.Bookings()) != 1 || v.ID != 0 {
		t.Errorf("%d bookings stored and view %+v after a conflict, want 1 and none", len(m.store.Bookings()), v)
	}

	// Back to back is fine.
	m.mustCreate(t, hoursOf(instantSpace, otherGuestID, 8, 17, 2), "")

	// Once the first hold lapses, the same key runs again: the refused
	// attempt left nothing under it.
	m.advance(booking.PaymentHold)
	again, err := m.create.Handle(ctx, overlapping, "retry-me")
	if err != nil {
		t.Fatalf("retry after the hold lapsed: %v", err)
	}
	if again.ID == 0 || again.ID == first.ID || len(m.store.Bookings()) != 3 {
		t.Errorf("retry gave booking %d with %d stored, want a new third booking", again.ID, len(m.store.Bookings()))
	}
}

func TestCreateBookingFailureRollsBack(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	boom := errors.New("disk full")
	m.store.Fail["Bookings.Create"] = boom
	rollbacks := m.store.Rollbacks
	req := hoursOf(instantSpace, guestID, 8, 14, 3)

	if _, err := m.create.Handle(ctx, req, "k1"); !errors.Is(err, boom) {
		t.Fatalf("create with a failing store: %v, want %v", err, boom)
	}
	if n := len(m.store.Bookings()); n != 0 || m.store.Rollbacks != rollbacks+1 {
		t.Errorf("%d bookings, %d rollbacks after the failure; want 0, %d", n, m.store.Rollbacks, rollbacks+1)
	}
	if n := m.keysExpiredBy(t, t0.Add(ports.IdempotencyTTL)); n != 0 {
		t.Errorf("the failed create left %d idempotency keys, want 0", n)
	}

	delete(m.store.Fail, "Bookings.Create")
	v, err := m.create.Handle(ctx, req, "k1")
	if err != nil {
		t.Fatalf("retry with the same key: %v", err)
	}
	if all := m.store.Bookings(); len(all) != 1 || all[0].ID != v.ID {
		t.Errorf("after the retry: %d bookings, want the one retried (%d)", len(all), v.ID)
	}
}

func TestIdempotentCreateReplaysTheFirstResult(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	req := hoursOf(instantSpace, guestID, 8, 14, 3)
	first := m.mustCreate(t, req, "k")

	m.advance(5 * time.Minute)
	second := m.mustCreate(t, req, "k")
	if !reflect.DeepEqual(second, first) {
		t.Errorf("replay = %+v\nwant the first result %+v", second, first)
	}
	if n := len(m.store.Bookings()); n != 1 {
		t.Errorf("%d bookings after a replay, want 1", n)
	}

	// Paid since: the replay still answers what the first request got.
	m.mustPay(t, guestID, first.ID)
	m.advance(time.Hour)
	third := m.mustCreate(t, req, "k")
	if !reflect.DeepEqual(third, first) || third.Status != "payment_due" || third.Deadline == nil {
		t.Errorf("replay after payment = %+v\nwant the first result %+v", third, first)
	}
	if n := len(m.store.Bookings()); n != 1 {
		t.Errorf("%d bookings after replays, want 1", n)
	}

	// Another request under the key is refused.
	changed := req
	changed.People = 5
	if _, err := m.create.Handle(ctx, changed, "k"); !errors.Is(err, command.ErrKeyReused) {
		t.Errorf("another request under the key: %v, want ErrKeyReused", err)
	}
	moved := hoursOf(instantSpace, guestID, 9, 14, 3)
	if _, err := m.create.Handle(ctx, moved, "k"); !errors.Is(err, command.ErrKeyReused) {
		t.Errorf("another date under the key: %v, want ErrKeyReused", err)
	}
	if n := len(m.store.Bookings()); n != 1 {
		t.Errorf("%d bookings after refused reuses, want 1", n)
	}
}

func TestIdempotencyWithoutKeyStoresNothing(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	req := hoursOf(instantSpace, guestID, 8, 14, 3)
	m.mustCreate(t, req, "")
	// Without a key the same request runs again, and now conflicts.
	var conflict *booking.ConflictError
	if _, err := m.create.Handle(ctx, req, ""); !errors.As(err, &conflict) {
		t.Errorf("the same request again without a key: %v, want a conflict (it ran again)", err)
	}
	if n := m.keysExpiredBy(t, t0.Add(2*ports.IdempotencyTTL)); n != 0 {
		t.Errorf("%d idempotency keys stored without a key, want 0", n)
	}
}

func TestIdempotencyKeysArePerUser(t *testing.T) {
	m := newMarket(t)
	mine := m.mustCreate(t, hoursOf(instantSpace, guestID, 8, 14, 3), "shared")
	theirs := m.mustCreate(t, hoursOf(instantSpace, otherGuestID, 8, 18, 2), "shared")
	if theirs.ID == mine.ID || theirs.GuestID != otherGuestID {
		t.Errorf("another user's key gave %+v, want their own booking", theirs)
	}
	if n := len(m.store.Bookings()); n != 2 {
		t.Errorf("%d bookings, want 2", n)
	}
	// Each key still replays its own user's result.
	if again := m.mustCreate(t, hoursOf(instantSpace, guestID, 8, 14, 3), "shared"); again.ID != mine.ID {
		t.Errorf("replay gave booking %d, want %d", again.ID, mine.ID)
	}
	if n := m.keysExpiredBy(t, t0.Add(ports.IdempotencyTTL)); n != 2 {
		t.Errorf("%d keys expired, want 2 (one per user)", n)
	}
}

func TestIdempotencyKeyExpiresAfter24Hours(t *testing.T) {
	m := newMarket(t)
	req := hoursOf(instantSpace, guestID, 8, 14, 3)
	first := m.mustCreate(t, req, "k")

	m.advance(ports.IdempotencyTTL - time.Second)
	if v := m.mustCreate(t, req, "k"); v.ID != first.ID {
		t.Errorf("just before expiry: booking %d, want the replay of %d", v.ID, first.ID)
	}
	m.advance(time.Second)
	fresh := m.mustCreate(t, req, "k")
	if fresh.ID == first.ID || len(m.store.Bookings()) != 2 {
		t.Errorf("after 24 hours: booking %d with %d stored, want a new booking", fresh.ID, len(m.store.Bookings()))
	}
	if fresh.Deadline == nil || !fresh.Deadline.Equal(m.clock.Now().Add(booking.PaymentHold)) {
		t.Errorf("fresh hold deadline %v, want %v", fresh.Deadline, m.clock.Now().Add(booking.PaymentHold))
	}
}

func TestPayBookingDebitsThePriceAndConfirms(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	v := m.mustCreate(t, hoursOf(instantSpace, guestID, 8, 14, 3), "")
	if m.stored(t, v.ID).Refund.Name() != "flexible" {
		t.Fatal("setup: the space's policy is not flexible")
	}
	// The host changes the policy before the guest pays: the payment takes
	// the one in force then.
	terms := m.spaces[instantSpace]
	terms.Refund = space.RefundStandard
	m.spaces[instantSpace] = terms
	m.advance(5 * time.Minute)
	now := m.clock.Now()
	before := len(m.store.Entries())

	paid, err := m.pay.Handle(ctx, command.PayBooking{GuestID: guestID, BookingID: v.ID}, "")
	if err != nil {
		t.Fatal(err)
	}
	added := m.store.Entries()[before:]
	if len(added) != 1 {
		t.Fatalf("%d ledger entries added, want 1", len(added))
	}
	e := added[0]
	if e.Kind != points.KindPayment || e.Amount != -threeHours || e.UserID != guestID || e.BookingID == nil || *e.BookingID != v.ID || !e.CreatedAt.Equal(now) {
		t.Errorf("entry = %+v (booking %v), want a payment of -%d by %d for booking %d", e, e.BookingID, threeHours, guestID, v.ID)
	}
	if got := m.balance(t, guestID); got != welcome-threeHours {
		t.Errorf("balance %d, want %d", got, welcome-threeHours)
	}
	b := m.stored(t, v.ID)
	if b.Status != booking.StatusConfirmed || !b.PaidAt.Equal(now) || !b.Deadline.IsZero() || b.Refund.Name() != "standard" {
		t.Errorf("stored %s paid %v deadline %v policy %q; want confirmed, paid now, no deadline, standard", b.Status, b.PaidAt, b.Deadline, b.Refund.Name())
	}
	if paid.Status != "confirmed" || paid.RefundPolicy != "standard" || paid.Deadline != nil || paid.PaidAt == nil || !paid.PaidAt.Equal(now) {
		t.Errorf("view = %+v, want confirmed under the standard policy", paid)
	}
	if len(paid.RefundRules) != len(space.RefundStandard.Rules()) || paid.RefundRules[0].MinDaysBefore != 30 {
		t.Errorf("view refund rules %+v, want the standard policy's", paid.RefundRules)
	}
}

func TestPayBookingWithTooFewPointsChangesNothing(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	const poor = 202
	m.grant(t, poor, threeHours-1)
	v := m.mustCreate(t, hoursOf(instantSpace, poor, 8, 14, 3), "")
	bookings, entries, rollbacks := m.store.Bookings(), m.store.Entries(), m.store.Rollbacks

	_, err := m.pay.Handle(ctx, command.PayBooking{GuestID: poor, BookingID: v.ID}, "pay-1")
	if !errors.Is(err, points.ErrInsufficientFunds) {
		t.Fatalf("pay with one point too few: %v, want ErrInsufficientFunds", err)
	}
	if m.store.Rollbacks != rollbacks+1 {
		t.Errorf("rollbacks %d, want %d", m.store.Rollbacks, rollbacks+1)
	}
	if !reflect.DeepEqual(m.store.Entries(), entries) || !reflect.DeepEqual(m.store.Bookings(), bookings) {
		t.Error("a refused payment changed the store")
	}
	if b := m.stored(t, v.ID); b.Status != booking.StatusPaymentDue {
		t.Errorf("booking %s, want still payment_due", b.Status)
	}

	// With exactly enough, the same key pays: the refusal stored nothing.
	m.grant(t, poor, 1)
	if _, err := m.pay.Handle(ctx, command.PayBooking{GuestID: poor, BookingID: v.ID}, "pay-1"); err != nil {
		t.Fatalf("pay with exactly enough: %v", err)
	}
	if got := m.balance(t, poor); got != 0 {
		t.Errorf("balance after paying everything: %d, want 0", got)
	}
}

func TestPayBookingOfSomeoneElse(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	v := m.mustCreate(t, hoursOf(instantSpace, guestID, 8, 14, 3), "")
	bookings, entries := m.store.Bookings(), m.store.Entries()
	for _, payer := range []int64{strangerID, hostID} {
		if _, err := m.pay.Handle(ctx, command.PayBooking{GuestID: payer, BookingID: v.ID}, ""); !errors.Is(err, booking.ErrNotFound) {
			t.Errorf("user %d paying another's booking: %v, want booking.ErrNotFound", payer, err)
		}
	}
	if _, err := m.pay.Handle(ctx, command.PayBooking{GuestID: guestID, BookingID: 9999}, ""); !errors.Is(err, booking.ErrNotFound) {
		t.Errorf("paying an unknown booking: %v, want booking.ErrNotFound", err)
	}
	if !reflect.DeepEqual(m.store.Entries(), entries) || !reflect.DeepEqual(m.store.Bookings(), bookings) {
		t.Error("a refused payment changed the store")
	}
}

func TestPayBookingLedgerFailureChangesNothing(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	v := m.mustCreate(t, hoursOf(instantSpace, guestID, 8, 14, 3), "")
	bookings, entries := m.store.Bookings(), m.store.Entries()
	boom := errors.New("ledger down")
	m.store.Fail["Points.Append"] = boom

	if _, err := m.pay.Handle(ctx, command.PayBooking{GuestID: guestID, BookingID: v.ID}, "pay"); !errors.Is(err, boom) {
		t.Fatalf("pay with a failing ledger: %v, want %v", err, boom)
	}
	if !reflect.DeepEqual(m.store.Entries(), entries) || !reflect.DeepEqual(m.store.Bookings(), bookings) {
		t.Error("a failed payment changed the store")
	}

	delete(m.store.Fail, "Points.Append")
	paid, err := m.pay.Handle(ctx, command.PayBooking{GuestID: guestID, BookingID: v.ID}, "pay")
	if err != nil || paid.Status != "confirmed" {
		t.Fatalf("retry with the same key: %+v, %v; want confirmed", paid, err)
	}
}

func TestPayBookingAfterTheHoldLapsed(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	v := m.mustCreate(t, hoursOf(instantSpace, guestID, 8, 14, 3), "")
	entries := m.store.Entries()
	m.advance(booking.PaymentHold)
	if _, err := m.pay.Handle(ctx, command.PayBooking{GuestID: guestID, BookingID: v.ID}, ""); !errors.Is(err, booking.ErrDeadlinePassed) {
		t.Errorf("paying a lapsed hold: %v, want ErrDeadlinePassed", err)
	}
	if !reflect.DeepEqual(m.store.Entries(), entries) {
		t.Error("paying a lapsed hold touched the ledger")
	}
}

func TestCancelBookingByGuestRefundsByPolicy(t *testing.T) {
	// Used 8 days after t0 at 14:00, under the flexible policy: ≥7 days 100%,
	// 1–6 days 50%, the same day nothing.
	for _, tt := range []struct {
		after      time.Duration
		daysBefore int
		percent    int
		refund     int64
	}{
		{0, 8, 100, threeHours},
		{24 * time.Hour, 7, 100, threeHours},
		{2 * 24 * time.Hour, 6, 50, threeHours / 2}, // rounded down
		{7 * 24 * time.Hour, 1, 50, threeHours / 2},
		{8 * 24 * time.Hour, 0, 0, 0},
	} {
		t.Run(tt.after.String(), func(t *testing.T) {
			ctx := context.Background()
			m := newMarket(t)
			v := m.paidBooking(t, 8)
			m.advance(tt.after)
			before := len(m.store.Entries())

			c, err := m.cancel.Handle(ctx, command.CancelBooking{UserID: guestID, BookingID: v.ID}, "")
			if err != nil {
				t.Fatal(err)
			}
			q := c.Quote
			if q.Paid != threeHours || q.Refund != tt.refund || q.Percent != tt.percent || q.DaysBefore != tt.daysBefore || q.ByHost || q.BookingID != v.ID {
				t.Errorf("quote = %+v, want paid %d, refund %d (%d%%) %d days before, by the guest", q, threeHours, tt.refund, tt.percent, tt.daysBefore)
			}
			if c.Booking.Status != "cancelled_by_guest" || c.Booking.Refunded != tt.refund || c.Booking.CancelledAt == nil {
				t.Errorf("view = %+v, want cancelled by the guest, refunded %d", c.Booking, tt.refund)
			}
			b := m.stored(t, v.ID)
			if b.Status != booking.StatusCancelledByGuest || int64(b.Refunded) != tt.refund || !b.CancelledAt.Equal(m.clock.Now()) {
				t.Errorf("stored %s refunded %d cancelled %v, want cancelled_by_guest, %d, now", b.Status, b.Refunded, b.CancelledAt, tt.refund)
			}
			added := m.store.Entries()[before:]
			if tt.refund == 0 {
				if len(added) != 0 {
					t.Errorf("refund of nothing wrote %+v, want no entry", added)
				}
			} else if len(added) != 1 || added[0].Kind != points.KindRefund || added[0].Amount != tt.refund ||
				added[0].UserID != guestID || added[0].BookingID == nil || *added[0].BookingID != v.ID {
				t.Errorf("entries added %+v, want one refund of %d to %d for booking %d", added, tt.refund, guestID, v.ID)
			}
			if got, want := m.balance(t, guestID), welcome-threeHours+tt.refund; got != want {
				t.Errorf("balance %d, want %d", got, want)
			}
		})
	}
}

func TestCancelBookingByHostRefundsEverything(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	v := m.paidBooking(t, 8)
	m.advance(8 * 24 * time.Hour) // the use date itself: a guest would get nothing
	before := len(m.store.Entries())

	c, err := m.cancel.Handle(ctx, command.CancelBooking{UserID: hostID, BookingID: v.ID}, "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Quote.Refund != threeHours || c.Quote.Percent != 100 || !c.Quote.ByHost {
		t.Errorf("quote = %+v, want everything back, by the host", c.Quote)
	}
	if b := m.stored(t, v.ID); b.Status != booking.StatusCancelledByHost || b.Refunded != threeHours {
		t.Errorf("stored %s refunded %d, want cancelled_by_host, %d", b.Status, b.Refunded, threeHours)
	}
	added := m.store.Entries()[before:]
	if len(added) != 1 || added[0].Kind != points.KindRefund || added[0].Amount != threeHours || added[0].UserID != guestID {
		t.Errorf("entries added %+v, want one refund of %d to the guest", added, threeHours)
	}
	if got := m.balance(t, guestID); got != welcome {
		t.Errorf("guest balance %d, want %d (all back)", got, welcome)
	}
	if got := m.balance(t, hostID); got != 0 {
		t.Errorf("host balance %d, want 0", got)
	}
}

func TestCancelUnpaidHoldWritesNoLedgerEntry(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	req := hoursOf(instantSpace, guestID, 8, 14, 3)
	v := m.mustCreate(t, req, "")
	entries := m.store.Entries()

	c, err := m.cancel.Handle(ctx, command.CancelBooking{UserID: guestID, BookingID: v.ID}, "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Quote.Paid != 0 || c.Quote.Refund != 0 || c.Booking.Status != "cancelled_by_guest" || c.Booking.Deadline != nil {
		t.Errorf("cancelled = %+v, want a cancelled hold with nothing paid or refunded", c)
	}
	if !reflect.DeepEqual(m.store.Entries(), entries) {
		t.Error("cancelling an unpaid hold touched the ledger")
	}
	// The range is free again.
	m.mustCreate(t, hoursOf(instantSpace, otherGuestID, 8, 14, 3), "")
}

func TestCancelBookingByStranger(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	v := m.paidBooking(t, 8)
	bookings, entries := m.store.Bookings(), m.store.Entries()
	if _, err := m.cancel.Handle(ctx, command.CancelBooking{UserID: strangerID, BookingID: v.ID}, ""); !errors.Is(err, booking.ErrNotFound) {
		t.Errorf("stranger cancelling: %v, want booking.ErrNotFound", err)
	}
	if !reflect.DeepEqual(m.store.Entries(), entries) || !reflect.DeepEqual(m.store.Bookings(), bookings) {
		t.Error("a refused cancellation changed the store")
	}
}

func TestAnswerBookingApprove(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	v := m.mustCreate(t, hoursOf(approvalSpace, guestID, 8, 14, 3), "")
	m.advance(time.Hour)
	now := m.clock.Now()

	got, err := m.answer.Handle(ctx, command.AnswerBooking{HostID: hostID, BookingID: v.ID, Approve: true}, "")
	if err != nil {
		t.Fatal(err)
	}
	wantDeadline := now.Add(booking.ApprovedPaymentHold)
	if got.Status != "payment_due" || got.Deadline == nil || !got.Deadline.Equal(wantDeadline) {
		t.Errorf("view = %+v, want payment_due until %v", got, wantDeadline)
	}
	if b := m.stored(t, v.ID); b.Status != booking.StatusPaymentDue || !b.Deadline.Equal(wantDeadline) {
		t.Errorf("stored %s until %v, want payment_due until %v", b.Status, b.Deadline, wantDeadline)
	}
	// The approved hold outlasts the 15 minutes of an instant one.
	m.advance(booking.ApprovedPaymentHold - time.Minute)
	if paid := m.mustPay(t, guestID, v.ID); paid.Status != "confirmed" {
		t.Errorf("paying an approved request: %s, want confirmed", paid.Status)
	}
}

func TestAnswerBookingDecline(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	req := hoursOf(approvalSpace, guestID, 8, 14, 3)
	v := m.mustCreate(t, req, "")

	got, err := m.answer.Handle(ctx, command.AnswerBooking{HostID: hostID, BookingID: v.ID}, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "declined" || got.Deadline != nil || got.CancelledAt == nil {
		t.Errorf("view = %+v, want declined without a deadline", got)
	}
	if b := m.stored(t, v.ID); b.Status != booking.StatusDeclined || !b.CancelledAt.Equal(m.clock.Now()) {
		t.Errorf("stored %s, cancelled %v; want declined now", b.Status, b.CancelledAt)
	}
	// A declined request no longer blocks.
	m.mustCreate(t, hoursOf(approvalSpace, otherGuestID, 8, 14, 3), "")
}

func TestAnswerBookingByOthers(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	v := m.mustCreate(t, hoursOf(approvalSpace, guestID, 8, 14, 3), "")
	bookings := m.store.Bookings()
	for _, u := range []int64{guestID, strangerID} {
		for _, approve := range []bool{true, false} {
			if _, err := m.answer.Handle(ctx, command.AnswerBooking{HostID: u, BookingID: v.ID, Approve: approve}, ""); !errors.Is(err, booking.ErrNotFound) {
				t.Errorf("user %d answering (approve %v): %v, want booking.ErrNotFound", u, approve, err)
			}
		}
	}
	if !reflect.DeepEqual(m.store.Bookings(), bookings) {
		t.Error("a refused answer changed the booking")
	}

	// An instant hold is not a request to answer.
	hold := m.mustCreate(t, hoursOf(instantSpace, guestID, 8, 14, 3), "")
	if _, err := m.answer.Handle(ctx, command.AnswerBooking{HostID: hostID, BookingID: hold.ID, Approve: true}, ""); !errors.Is(err, booking.ErrIllegalChange) {
		t.Errorf("approving a payment hold: %v, want ErrIllegalChange", err)
	}
}

func TestSweepBookings(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	lapsedHold := m.mustCreate(t, hoursOf(instantSpace, guestID, 5, 14, 3), "hold-key") // due at t0+15m
	lapsedRequest := m.mustCreate(t, hoursOf(approvalSpace, guestID, 3, 14, 3), "")     // due at t0+3h
	used := m.mustCreate(t, hoursOf(instantSpace, guestID, 0, 11, 2), "")               // ends at t0+4h
	m.mustPay(t, guestID, used.ID)
	upcoming := m.paidBooking(t, 8)
	cancelled := m.mustCreate(t, hoursOf(instantSpace, guestID, 7, 14, 3), "")
	if _, err := m.cancel.Handle(ctx, command.CancelBooking{UserID: guestID, BookingID: cancelled.ID}, ""); err != nil {
		t.Fatal(err)
	}
	m.advance(4 * time.Hour)
	freshHold := m.mustCreate(t, hoursOf(instantSpace, guestID, 6, 14, 3), "later-key") // due at t0+4h15m

	swept, err := m.sweep.Handle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if swept != (command.Swept{Expired: 2, Completed: 1}) {
		t.Errorf("first sweep = %+v, want 2 expired, 1 completed, no keys", swept)
	}
	now := m.clock.Now()
	for _, tt := range []struct {
		name string
		id   int64
		want booking.Status
	}{
		{"lapsed hold", lapsedHold.ID, booking.StatusExpired},
		{"lapsed request", lapsedRequest.ID, booking.StatusExpired},
		{"ended booking", used.ID, booking.StatusCompleted},
		{"upcoming booking", upcoming.ID, booking.StatusConfirmed},
		{"cancelled booking", cancelled.ID, booking.StatusCancelledByGuest},
		{"fresh hold", freshHold.ID, booking.StatusPaymentDue},
	} {
		b := m.stored(t, tt.id)
		if b.Status != tt.want {
			t.Errorf("%s is %s, want %s", tt.name, b.Status, tt.want)
		}
		if tt.want == booking.StatusExpired && (!b.CancelledAt.Equal(now) || !b.Deadline.IsZero()) {
			t.Errorf("%s: cancelled %v, deadline %v; want ended now without a deadline", tt.name, b.CancelledAt, b.Deadline)
		}
	}

	bookings := m.store.Bookings()
	if again, err := m.sweep.Handle(ctx); err != nil || again != (command.Swept{}) {
		t.Errorf("second sweep = %+v, %v; want nothing", again, err)
	}
	if !reflect.DeepEqual(m.store.Bookings(), bookings) {
		t.Error("a sweep with nothing due changed bookings")
	}

	// A day after t0, the first key has expired; the one taken at t0+4h has not.
	m.clock.At = t0.Add(ports.IdempotencyTTL)
	swept, err = m.sweep.Handle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if swept != (command.Swept{Expired: 1, Keys: 1}) {
		t.Errorf("sweep a day later = %+v, want the fresh hold expired and 1 key deleted", swept)
	}
	if v := m.mustCreate(t, hoursOf(instantSpace, guestID, 6, 14, 3), "later-key"); v.ID != freshHold.ID {
		t.Errorf("the unexpired key gave booking %d, want the replay of %d", v.ID, freshHold.ID)
	}
	if again, err := m.sweep.Handle(ctx); err != nil || again != (command.Swept{}) {
		t.Errorf("last sweep = %+v, %v; want nothing", again, err)
	}
}

func TestSweeperRunsUntilShutdownAndLogsWhatItDid(t *testing.T) {
	m := newMarket(t)
	hold := m.mustCreate(t, hoursOf(instantSpace, guestID, 5, 14, 3), "")
	m.advance(booking.PaymentHold)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		m.sweep.Run(ctx, 5*time.Millisecond, log)
	}()
	time.Sleep(50 * time.Millisecond) // several ticks
	stop()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the sweeper did not stop on shutdown")
	}
	if got := m.stored(t, hold.ID).Status; got != booking.StatusExpired {
		t.Errorf("hold is %s after the sweeper ran, want expired", got)
	}
	if n := strings.Count(logs.String(), "booking sweep"); n != 1 || !strings.Contains(logs.String(), "expired=1") {
		t.Errorf("log %q: want one line saying expired=1 (later ticks found nothing to do)", logs.String())
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("shutdown logged an error: %s", logs.String())
	}
}
