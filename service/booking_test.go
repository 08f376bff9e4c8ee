package service_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app"
	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/points"
	"github.com/ourspace/ourspace/service"
)

// start is a Tuesday morning in Seoul; useDate is three days later.
var (
	start   = time.Date(2026, 12, 1, 10, 0, 0, 0, calendar.Seoul)
	useDate = calendar.MustDate(2026, 12, 4)
)

// testClock is a clock the test moves.
type testClock struct {
	mu sync.Mutex
	at time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	c.at = t.UTC()
	c.mu.Unlock()
}

type env struct {
	app   app.Application
	db    *sql.DB
	m     mysqltest.Market
	clock *testClock
}

func newEnv(t *testing.T, guests int, points int64) env {
	t.Helper()
	db, _ := mysqltest.NewDatabase(t)
	clock := &testClock{at: start.UTC()}
	m := mysqltest.NewMarket(t, db, guests, points, start)
	a := service.NewApplication(db, service.Options{Clock: clock, Media: ports.PrefixURLs{Base: "https://cdn.test/"}})
	return env{app: a, db: db, m: m, clock: clock}
}

func (e env) request(guest int64, pkg int64) booking.Request {
	return booking.Request{SpaceID: e.m.Instant, GuestID: guest, Date: useDate, PackageID: pkg, People: 4,
		Contact: booking.Contact{Name: "김민지", Phone: "010-1234-5678", Email: "minji@example.com"}}
}

func (e env) hours(guest int64, startHour, hours int) booking.Request {
	r := e.request(guest, 0)
	r.StartHour, r.Hours = startHour, hours
	return r
}

func (e env) count(t *testing.T, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := e.db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// checkBooks asserts the invariants that no run may break: no two blocking
// bookings of a space overlap, and no balance is negative.
func (e env) checkBooks(t *testing.T) {
	t.Helper()
	overlaps := e.count(t, `SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.space_id = b.space_id AND a.id < b.id
		AND a.start_at < b.end_at AND b.start_at < a.end_at
		WHERE (a.status = 'confirmed' OR (a.status IN ('payment_due','requested') AND a.deadline > ?))
		  AND (b.status = 'confirmed' OR (b.status IN ('payment_due','requested') AND b.deadline > ?))`, e.clock.Now(), e.clock.Now())
	if overlaps != 0 {
		t.Errorf("%d pairs of blocking bookings overlap", overlaps)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM (SELECT user_id FROM points_ledger GROUP BY user_id HAVING SUM(amount) < 0) neg"); n != 0 {
		t.Errorf("%d wallets are negative", n)
	}
}

func balance(t *testing.T, e env, user int64) int64 {
	t.Helper()
	me, err := e.app.Queries.Me.Handle(context.Background(), user)
	if err != nil {
		t.Fatal(err)
	}
	return me.PointsBalance
}

// parallel runs n calls at once and gives their errors.
func parallel(n int, f func(i int) error) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			errs[i] = f(i)
		}()
	}
	close(gate)
	wg.Wait()
	return errs
}

func TestHundredGuestsBookingOnePackageMakeOneHold(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 100, 1_000_000)
	ctx := context.Background()
	errs := parallel(100, func(i int) error {
		_, err := e.app.Commands.CreateBooking.Handle(ctx, e.request(e.m.Guests[i], e.m.Day), "")
		return err
	})
	won, lost := 0, 0
	for _, err := range errs {
		var ce *booking.ConflictError
		switch {
		case err == nil:
			won++
		case errors.As(err, &ce):
			lost++
			day := e.m.Packages[e.m.Day]
			if from, to := day.Window.On(useDate); !ce.Range.Start.Equal(from) || !ce.Range.End.Equal(to) {
				t.Errorf("conflict names %v, want the package's range", ce.Range)
			}
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if won != 1 || lost != 99 {
		t.Fatalf("%d holds and %d conflicts, want 1 and 99", won, lost)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM bookings"); n != 1 {
		t.Errorf("%d bookings stored, want 1", n)
	}
	e.checkBooks(t)
}

func TestConcurrentHourlyRequestsNeverOverlap(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 100, 1_000_000)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	reqs := make([]booking.Request, 100)
	for i := range reqs {
		h := 2 + rng.IntN(3)
		reqs[i] = e.hours(e.m.Guests[i], 9+rng.IntN(22-9-h+1), h)
	}
	errs := parallel(100, func(i int) error {
		_, err := e.app.Commands.CreateBooking.Handle(ctx, reqs[i], "")
		return err
	})
	var won []calendar.Range
	for i, err := range errs {
		var ce *booking.ConflictError
		asked := calendar.Range{Start: useDate.At(reqs[i].StartHour * 60), End: useDate.At((reqs[i].StartHour + reqs[i].Hours) * 60)}
		switch {
		case err == nil:
			won = append(won, asked)
		case errors.As(err, &ce):
			if !ce.Range.Overlaps(asked) {
				t.Errorf("request %v refused for %v, which it does not overlap", asked, ce.Range)
			}
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if len(won) == 0 {
		t.Fatal("no request won")
	}
	for i := range won {
		for j := i + 1; j < len(won); j++ {
			if won[i].Overlaps(won[j]) {
				t.Errorf("accepted %v and %v overlap", won[i], won[j])
			}
		}
	}
	if n := e.count(t, "SELECT COUNT(*) FROM bookings"); n != int64(len(won)) {
		t.Errorf("%d bookings stored, %d accepted", n, len(won))
	}
	e.checkBooks(t)
}

func TestSameIdempotencyKeyTwentyTimesAtOnceBooksAndPaysOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1, 1_000_000)
	ctx := context.Background()
	guest := e.m.Guests[0]
	ids := make([]int64, 20)
	errs := parallel(20, func(i int) error {
		v, err := e.app.Commands.CreateBooking.Handle(ctx, e.request(guest, e.m.Night), "create-key-1")
		ids[i] = v.ID
		return err
	})
	for i, err := range errs {
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		if ids[i] != ids[0] {
			t.Fatalf("call %d answered booking %d, call 0 booking %d", i, ids[i], ids[0])
		}
	}
	if n := e.count(t, "SELECT COUNT(*) FROM bookings"); n != 1 {
		t.Fatalf("%d bookings stored, want 1", n)
	}
	statuses := make([]string, 20)
	errs = parallel(20, func(i int) error {
		v, err := e.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: guest, BookingID: ids[0]}, "pay-key-1")
		statuses[i] = v.Status
		return err
	})
	for i, err := range errs {
		if err != nil || statuses[i] != "confirmed" {
			t.Fatalf("pay call %d: %q, %v", i, statuses[i], err)
		}
	}
	if n := e.count(t, "SELECT COUNT(*) FROM points_ledger WHERE kind = 'payment' AND booking_id = ?", ids[0]); n != 1 {
		t.Errorf("%d debits, want 1", n)
	}
	if got := balance(t, e, guest); got != 1_000_000-70_000 {
		t.Errorf("balance %d, want %d", got, 1_000_000-70_000)
	}
	// The same key with another request is refused, and changes nothing.
	_, err := e.app.Commands.CreateBooking.Handle(ctx, e.request(guest, e.m.Day), "create-key-1")
	if !errors.Is(err, command.ErrKeyReused) {
		t.Errorf("reused key with another body: %v, want ErrKeyReused", err)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM bookings"); n != 1 {
		t.Errorf("%d bookings after a refused key, want 1", n)
	}
	// A key expires after 24 hours and can then be used afresh.
	e.clock.Set(start.Add(ports.IdempotencyTTL + time.Minute))
	if _, err := e.app.Commands.CreateBooking.Handle(ctx, e.request(guest, e.m.Day), "create-key-1"); err != nil {
		t.Errorf("expired key reused: %v", err)
	}
	e.checkBooks(t)
}

func TestPayingTwoBookingsAtOnceWithPointsForOne(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1, 60_000)
	ctx := context.Background()
	guest := e.m.Guests[0]
	a, err := e.app.Commands.CreateBooking.Handle(ctx, e.request(guest, e.m.Day), "")
	if err != nil {
		t.Fatal(err)
	}
	r := e.request(guest, e.m.Day)
	r.Date = useDate.AddDays(1)
	b, err := e.app.Commands.CreateBooking.Handle(ctx, r, "")
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{a.ID, b.ID}
	errs := parallel(2, func(i int) error {
		_, err := e.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: guest, BookingID: ids[i]}, "")
		return err
	})
	paid, refused := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			paid++
		case errors.Is(err, points.ErrInsufficientFunds):
			refused++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if paid != 1 || refused != 1 {
		t.Fatalf("%d paid, %d refused; want 1 and 1", paid, refused)
	}
	if got := balance(t, e, guest); got != 10_000 {
		t.Errorf("balance %d, want 10,000", got)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM bookings WHERE status = 'payment_due'"); n != 1 {
		t.Errorf("%d bookings still payment_due, want the refused one", n)
	}
	e.checkBooks(t)
}

func TestAnExpiredHoldLetsTheNextGuestInAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 2, 1_000_000)
	ctx := context.Background()
	first, err := e.app.Commands.CreateBooking.Handle(ctx, e.request(e.m.Guests[0], e.m.Day), "")
	if err != nil {
		t.Fatal(err)
	}
	if first.Deadline == nil || !first.Deadline.Equal(start.Add(booking.PaymentHold)) {
		t.Fatalf("hold deadline %v, want %v", first.Deadline, start.Add(booking.PaymentHold))
	}
	e.clock.Set(start.Add(booking.PaymentHold - time.Second))
	var ce *booking.ConflictError
	if _, err := e.app.Commands.CreateBooking.Handle(ctx, e.request(e.m.Guests[1], e.m.Day), ""); !errors.As(err, &ce) {
		t.Fatalf("second guest a second before the deadline: %v, want a conflict", err)
	}
	e.clock.Set(start.Add(booking.PaymentHold)) // no sweeper has run
	if _, err := e.app.Commands.CreateBooking.Handle(ctx, e.request(e.m.Guests[1], e.m.Day), ""); err != nil {
		t.Fatalf("second guest at the deadline: %v", err)
	}
	if _, err := e.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: e.m.Guests[0], BookingID: first.ID}, ""); !errors.Is(err, booking.ErrDeadlinePassed) {
		t.Errorf("paying the expired hold: %v, want ErrDeadlinePassed", err)
	}
	if got := balance(t, e, e.m.Guests[0]); got != 1_000_000 {
		t.Errorf("balance after a refused payment %d, want unchanged", got)
	}
	e.checkBooks(t)
}

func TestCancellationRefundsByPolicyAndHostCancelsInFull(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 2, 1_000_000)
	ctx := context.Background()
	guest, other := e.m.Guests[0], e.m.Guests[1]
	v, err := e.app.Commands.CreateBooking.Handle(ctx, e.request(guest, e.m.Overnight), "")
	if err != nil {
		t.Fatal(err)
	}
	if !v.End.Equal(useDate.At(29*60)) || v.Price != 90_000 {
		t.Fatalf("overnight booking %v–%v for %d", v.Start, v.End, v.Price)
	}
	if _, err := e.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: guest, BookingID: v.ID}, ""); err != nil {
		t.Fatal(err)
	}
	// Someone else may neither see, quote nor cancel it.
	if _, err := e.app.Queries.Bookings.Get(ctx, other, v.ID); !errors.Is(err, booking.ErrNotFound) {
		t.Errorf("another user reads the booking: %v", err)
	}
	if _, err := e.app.Commands.CancelBooking.Handle(ctx, command.CancelBooking{UserID: other, BookingID: v.ID}, ""); !errors.Is(err, booking.ErrNotFound) {
		t.Errorf("another user cancels the booking: %v", err)
	}
	// 3 Seoul days before the use date: flexible refunds 50%.
	q, err := e.app.Queries.Bookings.Quote(ctx, guest, v.ID)
	if err != nil || q.Refund != 45_000 || q.Percent != 50 || q.DaysBefore != 3 {
		t.Fatalf("quote %+v, %v; want 45,000 (50%%, 3 days)", q, err)
	}
	c, err := e.app.Commands.CancelBooking.Handle(ctx, command.CancelBooking{UserID: guest, BookingID: v.ID}, "")
	if err != nil || c.Quote.Refund != q.Refund || c.Booking.Status != "cancelled_by_guest" || c.Booking.Refunded != 45_000 {
		t.Fatalf("cancel %+v, %v", c, err)
	}
	if got := balance(t, e, guest); got != 1_000_000-90_000+45_000 {
		t.Errorf("balance %d after a 50%% refund", got)
	}
	if _, err := e.app.Commands.CancelBooking.Handle(ctx, command.CancelBooking{UserID: guest, BookingID: v.ID}, ""); !errors.Is(err, booking.ErrIllegalChange) {
		t.Errorf("second cancel: %v, want ErrIllegalChange", err)
	}
	// The host cancels another paid booking: 100% back.
	w, err := e.app.Commands.CreateBooking.Handle(ctx, e.request(other, e.m.Day), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: other, BookingID: w.ID}, ""); err != nil {
		t.Fatal(err)
	}
	hq, err := e.app.Queries.Bookings.Quote(ctx, e.m.HostID, w.ID)
	if err != nil || hq.Refund != 50_000 || !hq.ByHost {
		t.Fatalf("host's quote %+v, %v", hq, err)
	}
	if c, err := e.app.Commands.CancelBooking.Handle(ctx, command.CancelBooking{UserID: e.m.HostID, BookingID: w.ID}, ""); err != nil || c.Booking.Status != "cancelled_by_host" {
		t.Fatalf("host cancel %+v, %v", c, err)
	}
	if got := balance(t, e, other); got != 1_000_000 {
		t.Errorf("balance %d after the host cancelled, want all back", got)
	}
	e.checkBooks(t)
}

func TestApprovalSpaceRequestApproveAndDecline(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 2, 1_000_000)
	ctx := context.Background()
	req := e.request(e.m.Guests[0], e.m.ApprovalDay)
	req.SpaceID = e.m.Approval
	v, err := e.app.Commands.CreateBooking.Handle(ctx, req, "")
	if err != nil || v.Status != "requested" || !v.Deadline.Equal(start.Add(booking.ApprovalWindow)) {
		t.Fatalf("request %+v, %v", v, err)
	}
	// A request blocks the range for others while the host decides.
	other := req
	other.GuestID = e.m.Guests[1]
	var ce *booking.ConflictError
	if _, err := e.app.Commands.CreateBooking.Handle(ctx, other, ""); !errors.As(err, &ce) {
		t.Fatalf("booking over a pending request: %v", err)
	}
	// Only the host answers; the guest cannot pay before approval.
	if _, err := e.app.Commands.AnswerBooking.Handle(ctx, command.AnswerBooking{HostID: e.m.Guests[0], BookingID: v.ID, Approve: true}, ""); !errors.Is(err, booking.ErrNotFound) {
		t.Errorf("guest approves: %v", err)
	}
	if _, err := e.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: e.m.Guests[0], BookingID: v.ID}, ""); !errors.Is(err, booking.ErrIllegalChange) {
		t.Errorf("paying a request: %v", err)
	}
	e.clock.Set(start.Add(time.Hour))
	a, err := e.app.Commands.AnswerBooking.Handle(ctx, command.AnswerBooking{HostID: e.m.HostID, BookingID: v.ID, Approve: true}, "")
	if err != nil || a.Status != "payment_due" || !a.Deadline.Equal(start.Add(time.Hour+booking.ApprovedPaymentHold)) {
		t.Fatalf("approve %+v, %v", a, err)
	}
	if p, err := e.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: e.m.Guests[0], BookingID: v.ID}, ""); err != nil || p.Status != "confirmed" {
		t.Fatalf("pay after approval %+v, %v", p, err)
	}
	// Declined and late answers.
	other.Date = useDate.AddDays(1)
	d, err := e.app.Commands.CreateBooking.Handle(ctx, other, "")
	if err != nil {
		t.Fatal(err)
	}
	if x, err := e.app.Commands.AnswerBooking.Handle(ctx, command.AnswerBooking{HostID: e.m.HostID, BookingID: d.ID}, ""); err != nil || x.Status != "declined" {
		t.Fatalf("decline %+v, %v", x, err)
	}
	other.Date = useDate.AddDays(2)
	late, err := e.app.Commands.CreateBooking.Handle(ctx, other, "")
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Set(e.clock.Now().Add(booking.ApprovalWindow))
	if _, err := e.app.Commands.AnswerBooking.Handle(ctx, command.AnswerBooking{HostID: e.m.HostID, BookingID: late.ID, Approve: true}, ""); !errors.Is(err, booking.ErrDeadlinePassed) {
		t.Errorf("approving after 3 hours: %v", err)
	}
	e.checkBooks(t)
}

func TestSweepersMarkExpiredAndCompletedOnceAcrossReplicas(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 30, 10_000_000)
	ctx := context.Background()
	var holds, paid int
	for i, g := range e.m.Guests {
		r := e.request(g, e.m.Day)
		r.Date = useDate.AddDays(i % 10)
		if i >= 10 {
			r.PackageID = e.m.Night
		}
		if i >= 20 {
			r.PackageID, r.StartHour, r.Hours, r.Date = 0, 20, 2, useDate.AddDays(10+i%10)
		}
		v, err := e.app.Commands.CreateBooking.Handle(ctx, r, "")
		if err != nil {
			t.Fatalf("booking %d: %v", i, err)
		}
		if i%2 == 0 {
			if _, err := e.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: g, BookingID: v.ID}, ""); err != nil {
				t.Fatal(err)
			}
			paid++
		} else {
			holds++
		}
	}
	// Long after every booking has ended: holds expire, paid ones complete.
	e.clock.Set(start.AddDate(0, 0, 30))
	results := make([]command.Swept, 4)
	errs := parallel(4, func(i int) error {
		var err error
		results[i], err = e.app.Commands.SweepBookings.Handle(ctx)
		return err
	})
	var expired, completed int
	for i, err := range errs {
		if err != nil {
			t.Fatalf("sweeper %d: %v", i, err)
		}
		expired += results[i].Expired
		completed += results[i].Completed
	}
	if expired != holds || completed != paid {
		t.Errorf("sweepers marked %d expired and %d completed, want %d and %d", expired, completed, holds, paid)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM bookings WHERE status = 'expired' AND cancelled_at IS NOT NULL"); n != int64(holds) {
		t.Errorf("%d expired rows, want %d", n, holds)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM bookings WHERE status = 'completed'"); n != int64(paid) {
		t.Errorf("%d completed rows, want %d", n, paid)
	}
	if s, err := e.app.Commands.SweepBookings.Handle(ctx); err != nil || s.Expired+s.Completed != 0 {
		t.Errorf("a second sweep changed %+v, %v", s, err)
	}
}

func TestMyBookingsTabsAgreeWithTheDomain(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1, 10_000_000)
	ctx := context.Background()
	guest := e.m.Guests[0]
	rng := rand.New(rand.NewPCG(8, 9))
	var all []int64
	for d := 0; d < 12; d++ {
		for _, pkg := range []int64{e.m.Day, e.m.Night} {
			r := e.request(guest, pkg)
			r.Date = calendar.DateOf(start).AddDays(1 + d)
			v, err := e.app.Commands.CreateBooking.Handle(ctx, r, "")
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, v.ID)
			switch rng.IntN(4) {
			case 0: // left as a hold
			case 1:
				_, err = e.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: guest, BookingID: v.ID}, "")
			case 2:
				_, err = e.app.Commands.CancelBooking.Handle(ctx, command.CancelBooking{UserID: guest, BookingID: v.ID}, "")
			case 3:
				if _, err = e.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: guest, BookingID: v.ID}, ""); err == nil {
					_, err = e.app.Commands.CancelBooking.Handle(ctx, command.CancelBooking{UserID: guest, BookingID: v.ID}, "")
				}
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	// Some holds expire and some paid bookings end, with no sweeper run.
	for _, at := range []time.Time{start.Add(time.Minute), start.Add(20 * time.Minute), start.AddDate(0, 0, 6)} {
		e.clock.Set(at)
		for _, tab := range []booking.Tab{booking.TabUpcoming, booking.TabPast, booking.TabCancelled} {
			want := map[int64]bool{}
			for _, id := range all {
				b, err := mysql.NewStore(e.db).Read().Bookings.ByID(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if booking.TabOf(b, at) == tab {
					want[id] = true
				}
			}
			for _, limit := range []int{1, 5, 100} {
				got := walk(t, e, guest, tab, limit)
				if len(got) != len(want) {
					t.Errorf("at %s %s (limit %d): %d bookings, want %d", at, tab, limit, len(got), len(want))
				}
				for i, v := range got {
					if !want[v.ID] {
						t.Errorf("at %s %s: booking %d (%s) listed", at, tab, v.ID, v.Status)
					}
					if i > 0 && (v.Start.After(got[i-1].Start) || (v.Start.Equal(got[i-1].Start) && v.ID > got[i-1].ID)) {
						t.Errorf("%s not latest first at %d", tab, i)
					}
					if v.Space == nil || v.Space.Title == "" || v.Space.PhotoURL != "https://cdn.test/s/1/0.jpg" {
						t.Errorf("booking %d without its space card: %+v", v.ID, v.Space)
					}
				}
			}
		}
	}
}

func walk(t *testing.T, e env, guest int64, tab booking.Tab, limit int) []query.BookingView {
	t.Helper()
	var out []query.BookingView
	cursor := ""
	for range 100 {
		p, err := e.app.Queries.Bookings.Mine(context.Background(), guest, tab.String(), cursor, limit)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) > limit {
			t.Fatalf("page of %d, limit %d", len(p.Items), limit)
		}
		out = append(out, p.Items...)
		if p.NextCursor == "" {
			return out
		}
		cursor = p.NextCursor
	}
	t.Fatal("more than 100 pages")
	return nil
}

func TestHostBookingsFilterBySpaceAndDates(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1, 10_000_000)
	ctx := context.Background()
	guest := e.m.Guests[0]
	for d := 0; d < 5; d++ {
		for _, sp := range []struct{ space, pkg int64 }{{e.m.Instant, e.m.Day}, {e.m.Approval, e.m.ApprovalDay}} {
			r := e.request(guest, sp.pkg)
			r.SpaceID, r.Date = sp.space, useDate.AddDays(d)
			if _, err := e.app.Commands.CreateBooking.Handle(ctx, r, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tt := range []struct {
		space    int64
		from, to string
		want     int
	}{
		{0, "", "", 10},
		{e.m.Instant, "", "", 5},
		{e.m.Approval, useDate.AddDays(1).String(), useDate.AddDays(2).String(), 2},
		{0, useDate.AddDays(4).String(), "", 2},
		{0, "", useDate.String(), 2},
	} {
		var got []query.BookingView
		cursor := ""
		for {
			p, err := e.app.Queries.Bookings.Hosting(ctx, query.HostBookingsQuery{HostID: e.m.HostID, SpaceID: tt.space, From: tt.from, To: tt.to, Cursor: cursor, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, p.Items...)
			if cursor = p.NextCursor; cursor == "" {
				break
			}
		}
		if len(got) != tt.want {
			t.Errorf("space %d %s..%s: %d bookings, want %d", tt.space, tt.from, tt.to, len(got), tt.want)
		}
		for i, v := range got {
			if (tt.space != 0 && v.SpaceID != tt.space) || (i > 0 && v.Start.Before(got[i-1].Start)) || v.ContactPhone == "" {
				t.Errorf("%+v out of place", v)
			}
		}
	}
	// The guest is no host: nothing to see.
	if p, err := e.app.Queries.Bookings.Hosting(ctx, query.HostBookingsQuery{HostID: guest}); err != nil || len(p.Items) != 0 {
		t.Errorf("a guest's hosting list: %d, %v", len(p.Items), err)
	}
	if _, err := e.app.Queries.Bookings.Hosting(ctx, query.HostBookingsQuery{HostID: e.m.HostID, From: "2026-12-05", To: "2026-12-01"}); err == nil {
		t.Error("to before from accepted")
	}
}

func TestBookingRulesAreRefusedWithTheirField(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1, 1_000)
	ctx := context.Background()
	guest := e.m.Guests[0]
	tooMany := e.request(guest, e.m.Day)
	tooMany.People = 11
	own := e.request(e.m.HostID, e.m.Day)
	for name, r := range map[string]booking.Request{"people": tooMany, "start_hour": e.hours(guest, 21, 2), "hours": e.hours(guest, 10, 1)} {
		_, err := e.app.Commands.CreateBooking.Handle(ctx, r, "")
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if got := fieldOf(err); got != name {
			t.Errorf("%s: refused for %q (%v)", name, got, err)
		}
	}
	// A closed date refuses packages and hours; the day after is open.
	closed := useDate.AddDays(5)
	if _, err := e.db.Exec("INSERT INTO space_closed_dates (space_id, day) VALUES (?, ?)", e.m.Instant, closed.String()); err != nil {
		t.Fatal(err)
	}
	for _, r := range []booking.Request{e.request(guest, e.m.Night), e.hours(guest, 10, 2)} {
		r.Date = closed
		if got := fieldOf(must(e.app.Commands.CreateBooking.Handle(ctx, r, ""))); got != "date" {
			t.Errorf("booking a closed date refused for %q", got)
		}
		r.Date = closed.AddDays(1)
		if _, err := e.app.Commands.CreateBooking.Handle(ctx, r, ""); err != nil {
			t.Errorf("booking the day after a closed date: %v", err)
		}
	}
	// Opening hours are the use date's weekday's.
	if _, err := e.db.Exec("UPDATE space_opening_hours SET open_minute = 600 WHERE space_id = ? AND weekday = ?", e.m.Instant, int(useDate.AddDays(7).Weekday())); err != nil {
		t.Fatal(err)
	}
	early := e.hours(guest, 9, 2)
	early.Date = useDate.AddDays(7)
	if got := fieldOf(must(e.app.Commands.CreateBooking.Handle(ctx, early, ""))); got != "start_hour" {
		t.Errorf("an hour before that weekday's opening refused for %q", got)
	}
	early.Date = useDate.AddDays(8)
	if _, err := e.app.Commands.CreateBooking.Handle(ctx, early, ""); err != nil {
		t.Errorf("09:00 on a weekday open at 09:00: %v", err)
	}
	if _, err := e.app.Commands.CreateBooking.Handle(ctx, own, ""); !errors.Is(err, booking.ErrOwnSpace) {
		t.Errorf("host books own space: %v", err)
	}
	far := e.request(guest, e.m.Day)
	far.Date = calendar.DateOf(start).AddDays(91)
	if got := fieldOf(must(e.app.Commands.CreateBooking.Handle(ctx, far, ""))); got != "date" {
		t.Errorf("91 days ahead refused for %q", got)
	}
	// Paying with too few points changes nothing.
	v, err := e.app.Commands.CreateBooking.Handle(ctx, e.request(guest, e.m.Day), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: guest, BookingID: v.ID}, ""); !errors.Is(err, points.ErrInsufficientFunds) {
		t.Errorf("paying 50,000 with 1,000 points: %v", err)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM points_ledger WHERE kind = 'payment'"); n != 0 {
		t.Errorf("%d payments after a refused one", n)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM bookings WHERE id = ? AND status = 'payment_due'", v.ID); n != 1 {
		t.Errorf("the hold changed after a refused payment")
	}
}

func must[T any](_ T, err error) error { return err }

// fieldOf names the field a refusal faults, or gives the error's text.
func fieldOf(err error) string {
	var fe *fault.FieldError
	if errors.As(err, &fe) {
		return fe.Field
	}
	return fmt.Sprint(err)
}
