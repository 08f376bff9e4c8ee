package booking

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/space"
)

// The booking of the lifecycle tests: made on Tuesday 2026-12-01 at 13:00 in
// Seoul, for Thursday 2026-12-10 10:00–13:00, price 45,000 won.
var (
	lcCreated = time.Date(2026, 12, 1, 13, 0, 0, 0, calendar.Seoul)
	lcDate    = calendar.MustDate(2026, time.December, 10)
	lcStart   = time.Date(2026, 12, 10, 10, 0, 0, 0, calendar.Seoul)
	lcEnd     = time.Date(2026, 12, 10, 13, 0, 0, 0, calendar.Seoul)
	// lcNow is before every deadline of bookingIn.
	lcNow = lcCreated.Add(10 * time.Minute)
)

const lcPrice space.Money = 45_000

// bookingIn is the test booking as it would be stored in status s: a hold
// lasts 15 minutes, a request 3 hours; a confirmed booking was paid under
// the standard policy (created under the flexible one).
func bookingIn(s Status) Booking {
	b := Booking{
		ID: 7, SpaceID: 10, GuestID: 30, HostID: 20,
		Status:    s,
		Date:      lcDate,
		Range:     Range{Start: lcStart.UTC(), End: lcEnd.UTC()},
		People:    4,
		Price:     lcPrice,
		Refund:    space.RefundFlexible,
		Contact:   Contact{Name: "Kim Minji", Phone: "010-1234-5678", Email: "minji@example.com"},
		Purpose:   "team workshop",
		CreatedAt: lcCreated,
		UpdatedAt: lcCreated,
	}
	paidAt := lcCreated.Add(5 * time.Minute)
	switch s {
	case StatusRequested:
		b.Deadline = lcCreated.Add(ApprovalWindow)
	case StatusPaymentDue:
		b.Deadline = lcCreated.Add(PaymentHold)
	case StatusConfirmed, StatusCompleted:
		b.Refund, b.PaidAt, b.UpdatedAt = space.RefundStandard, paidAt, paidAt
	case StatusCancelledByGuest, StatusCancelledByHost:
		b.Refund, b.PaidAt = space.RefundStandard, paidAt
		b.CancelledAt, b.UpdatedAt = paidAt.Add(time.Hour), paidAt.Add(time.Hour)
		b.Refunded = lcPrice / 2
	case StatusDeclined, StatusExpired:
		b.CancelledAt, b.UpdatedAt = lcCreated.Add(time.Hour), lcCreated.Add(time.Hour)
	}
	return b
}

type transition struct {
	name string
	do   func(b *Booking, now time.Time) error
}

var transitions = []transition{
	{"approve", func(b *Booking, now time.Time) error { return b.Approve(now) }},
	{"decline", func(b *Booking, now time.Time) error { return b.Decline(now) }},
	{"pay", func(b *Booking, now time.Time) error { return b.Pay(space.RefundStandard, now) }},
	{"guest cancels", func(b *Booking, now time.Time) error { _, err := b.Cancel(false, now); return err }},
	{"host cancels", func(b *Booking, now time.Time) error { _, err := b.Cancel(true, now); return err }},
	{"expire", func(b *Booking, now time.Time) error { return b.Expire(now) }},
	{"complete", func(b *Booking, now time.Time) error { return b.Complete(now) }},
}

// ended is b after it ends in state s at now.
func ended(b Booking, s Status, now time.Time, refunded space.Money) Booking {
	b.Status, b.Deadline, b.CancelledAt, b.UpdatedAt, b.Refunded = s, time.Time{}, now, now, refunded
	return b
}

// wantRefused checks a refused transition: the wanted error, kind Conflict,
// and the booking left as it was.
func wantRefused(t *testing.T, err error, want error, before, after Booking) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("error = %v, want %v", err, want)
	}
	if k := fault.KindOf(err); k != fault.Conflict {
		t.Errorf("KindOf(%v) = %q, want %q", err, k, fault.Conflict)
	}
	if !reflect.DeepEqual(after, before) {
		t.Errorf("refused transition changed the booking:\n%+v\nwas\n%+v", after, before)
	}
}

// TestTransitions tries every transition in every state at lcNow, before any
// deadline, start or end.
func TestTransitions(t *testing.T) {
	// legal gives, per state and transition, the booking a legal transition
	// leaves; every pair not listed must be refused.
	legal := map[Status]map[string]func(b Booking, now time.Time) Booking{
		StatusRequested: {
			"approve": func(b Booking, now time.Time) Booking {
				b.Status, b.Deadline, b.UpdatedAt = StatusPaymentDue, now.Add(ApprovedPaymentHold), now
				return b
			},
			"decline":       func(b Booking, now time.Time) Booking { return ended(b, StatusDeclined, now, 0) },
			"guest cancels": func(b Booking, now time.Time) Booking { return ended(b, StatusCancelledByGuest, now, 0) },
		},
		StatusPaymentDue: {
			"pay": func(b Booking, now time.Time) Booking {
				b.Status, b.Deadline, b.Refund, b.PaidAt, b.UpdatedAt = StatusConfirmed, time.Time{}, space.RefundStandard, now, now
				return b
			},
			"guest cancels": func(b Booking, now time.Time) Booking { return ended(b, StatusCancelledByGuest, now, 0) },
			"host cancels":  func(b Booking, now time.Time) Booking { return ended(b, StatusCancelledByHost, now, 0) },
		},
		StatusConfirmed: {
			// 9 days before under the standard policy: 50%.
			"guest cancels": func(b Booking, now time.Time) Booking { return ended(b, StatusCancelledByGuest, now, lcPrice/2) },
			"host cancels":  func(b Booking, now time.Time) Booking { return ended(b, StatusCancelledByHost, now, lcPrice) },
		},
	}
	// refusedWith is the error of a refused pair; ErrIllegalChange otherwise.
	refusedWith := map[Status]map[string]error{
		StatusExpired: {"guest cancels": ErrDeadlinePassed, "host cancels": ErrDeadlinePassed},
	}
	for _, s := range allStatuses {
		for _, tr := range transitions {
			t.Run(s.String()+"/"+tr.name, func(t *testing.T) {
				before := bookingIn(s)
				b := bookingIn(s)
				err := tr.do(&b, lcNow)
				if want, ok := legal[s][tr.name]; ok {
					if err != nil {
						t.Fatalf("error = %v, want none", err)
					}
					if w := want(before, lcNow); !reflect.DeepEqual(b, w) {
						t.Errorf("after %s:\n%+v\nwant\n%+v", tr.name, b, w)
					}
					return
				}
				want := refusedWith[s][tr.name]
				if want == nil {
					want = ErrIllegalChange
				}
				wantRefused(t, err, want, before, b)
			})
		}
	}
	if got := len(allStatuses) * len(transitions); got != 56 {
		t.Errorf("tried %d pairs, want 8 states × 7 transitions", got)
	}
}

// TestQuoteCancelFailsLikeCancel checks that a quote is refused exactly when
// the cancellation is, with the same error, and quotes what Cancel refunds.
func TestQuoteCancelFailsLikeCancel(t *testing.T) {
	for _, s := range allStatuses {
		for _, byHost := range []bool{false, true} {
			for _, now := range []time.Time{lcNow, lcCreated.Add(PaymentHold), lcStart, lcEnd} {
				b := bookingIn(s)
				before := bookingIn(s)
				q, qerr := b.QuoteCancel(byHost, now)
				if !reflect.DeepEqual(b, before) {
					t.Errorf("%s: QuoteCancel changed the booking", s)
				}
				c, cerr := b.Cancel(byHost, now)
				if (qerr == nil) != (cerr == nil) || qerr != nil && qerr.Error() != cerr.Error() {
					t.Errorf("%s byHost=%v at %s: QuoteCancel error %v, Cancel error %v", s, byHost, now, qerr, cerr)
				}
				if q != c {
					t.Errorf("%s byHost=%v at %s: QuoteCancel = %+v, Cancel = %+v", s, byHost, now, q, c)
				}
			}
		}
	}
}

func TestDeadlines(t *testing.T) {
	requestDeadline := lcCreated.Add(ApprovalWindow)
	holdDeadline := lcCreated.Add(PaymentHold)
	tests := []struct {
		name   string
		status Status
		tr     string
		now    time.Time
		want   error // nil: legal
		after  Status
	}{
		{"approve 1ns before the deadline", StatusRequested, "approve", requestDeadline.Add(-time.Nanosecond), nil, StatusPaymentDue},
		{"approve at the deadline", StatusRequested, "approve", requestDeadline, ErrDeadlinePassed, StatusRequested},
		{"approve after the deadline", StatusRequested, "approve", requestDeadline.Add(time.Minute), ErrDeadlinePassed, StatusRequested},
		{"decline 1ns before the deadline", StatusRequested, "decline", requestDeadline.Add(-time.Nanosecond), nil, StatusDeclined},
		{"decline at the deadline", StatusRequested, "decline", requestDeadline, ErrDeadlinePassed, StatusRequested},
		{"decline after the deadline", StatusRequested, "decline", requestDeadline.Add(time.Hour), ErrDeadlinePassed, StatusRequested},
		{"pay 1ns before the deadline", StatusPaymentDue, "pay", holdDeadline.Add(-time.Nanosecond), nil, StatusConfirmed},
		{"pay at the deadline", StatusPaymentDue, "pay", holdDeadline, ErrDeadlinePassed, StatusPaymentDue},
		{"pay after the deadline", StatusPaymentDue, "pay", holdDeadline.Add(time.Second), ErrDeadlinePassed, StatusPaymentDue},
		{"guest cancels an expired request", StatusRequested, "guest cancels", requestDeadline, ErrDeadlinePassed, StatusRequested},
		{"guest cancels an expired hold", StatusPaymentDue, "guest cancels", holdDeadline, ErrDeadlinePassed, StatusPaymentDue},
		{"host cancels an expired hold", StatusPaymentDue, "host cancels", holdDeadline, ErrDeadlinePassed, StatusPaymentDue},

		{"expire a request 1ns before the deadline", StatusRequested, "expire", requestDeadline.Add(-time.Nanosecond), ErrIllegalChange, StatusRequested},
		{"expire a request at the deadline", StatusRequested, "expire", requestDeadline, nil, StatusExpired},
		{"expire a request after the deadline", StatusRequested, "expire", requestDeadline.Add(24 * time.Hour), nil, StatusExpired},
		{"expire a hold 1ns before the deadline", StatusPaymentDue, "expire", holdDeadline.Add(-time.Nanosecond), ErrIllegalChange, StatusPaymentDue},
		{"expire a hold at the deadline", StatusPaymentDue, "expire", holdDeadline, nil, StatusExpired},
		{"expire a hold after the deadline", StatusPaymentDue, "expire", holdDeadline.Add(time.Minute), nil, StatusExpired},
		{"expire a confirmed booking after the end", StatusConfirmed, "expire", lcEnd.Add(time.Hour), ErrIllegalChange, StatusConfirmed},

		{"complete 1ns before the end", StatusConfirmed, "complete", lcEnd.Add(-time.Nanosecond), ErrIllegalChange, StatusConfirmed},
		{"complete at the end", StatusConfirmed, "complete", lcEnd, nil, StatusCompleted},
		{"complete after the end", StatusConfirmed, "complete", lcEnd.Add(48 * time.Hour), nil, StatusCompleted},
		{"complete during the use", StatusConfirmed, "complete", lcStart.Add(time.Hour), ErrIllegalChange, StatusConfirmed},
		{"complete an unpaid hold after the end", StatusPaymentDue, "complete", lcEnd.Add(time.Hour), ErrIllegalChange, StatusPaymentDue},
		{"complete a completed booking", StatusCompleted, "complete", lcEnd.Add(time.Hour), ErrIllegalChange, StatusCompleted},

		{"guest cancels 1ns before the start", StatusConfirmed, "guest cancels", lcStart.Add(-time.Nanosecond), nil, StatusCancelledByGuest},
		{"host cancels 1ns before the start", StatusConfirmed, "host cancels", lcStart.Add(-time.Nanosecond), nil, StatusCancelledByHost},
		{"guest cancels at the start", StatusConfirmed, "guest cancels", lcStart, ErrStarted, StatusConfirmed},
		{"host cancels at the start", StatusConfirmed, "host cancels", lcStart, ErrStarted, StatusConfirmed},
		{"guest cancels during the use", StatusConfirmed, "guest cancels", lcStart.Add(90 * time.Minute), ErrStarted, StatusConfirmed},
		{"host cancels during the use", StatusConfirmed, "host cancels", lcEnd.Add(-time.Nanosecond), ErrStarted, StatusConfirmed},
		{"guest cancels after the end", StatusConfirmed, "guest cancels", lcEnd, ErrIllegalChange, StatusConfirmed},
		{"host cancels after the end", StatusConfirmed, "host cancels", lcEnd.Add(time.Hour), ErrIllegalChange, StatusConfirmed},
	}
	byName := map[string]transition{}
	for _, tr := range transitions {
		byName[tr.name] = tr
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := bookingIn(tt.status)
			b := bookingIn(tt.status)
			err := byName[tt.tr].do(&b, tt.now)
			if tt.want != nil {
				wantRefused(t, err, tt.want, before, b)
				return
			}
			if err != nil {
				t.Fatalf("error = %v, want none", err)
			}
			if b.Status != tt.after {
				t.Errorf("Status = %s, want %s", b.Status, tt.after)
			}
			if !b.UpdatedAt.Equal(tt.now) {
				t.Errorf("UpdatedAt = %s, want %s", b.UpdatedAt, tt.now)
			}
			if b.Status == StatusExpired && (!b.Deadline.IsZero() || !b.CancelledAt.Equal(tt.now)) {
				t.Errorf("expired booking has Deadline %s, CancelledAt %s; want zero, %s", b.Deadline, b.CancelledAt, tt.now)
			}
			if b.Status == StatusCompleted && (!b.CancelledAt.IsZero() || b.Refunded != 0 || !b.PaidAt.Equal(before.PaidAt)) {
				t.Errorf("completed booking has CancelledAt %s, Refunded %d, PaidAt %s", b.CancelledAt, b.Refunded, b.PaidAt)
			}
		})
	}
}

func TestApproveHoldIsCappedAtTheStart(t *testing.T) {
	// A request made 2h before its start: the approved hold of 1h fits, then no longer does.
	start := time.Date(2026, 12, 1, 15, 0, 0, 0, calendar.Seoul)
	req := Booking{Status: StatusRequested, Range: Range{Start: start.UTC(), End: start.Add(2 * time.Hour).UTC()},
		Deadline: start, Date: calendar.DateOf(start), Price: lcPrice}
	tests := []struct {
		name     string
		now      time.Time
		deadline time.Time
	}{
		{"2h before the start", start.Add(-2 * time.Hour), start.Add(-time.Hour)},
		{"exactly 1h before the start", start.Add(-time.Hour), start},
		{"30m before the start", start.Add(-30 * time.Minute), start},
		{"1ns before the start", start.Add(-time.Nanosecond), start},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := req
			if err := b.Approve(tt.now); err != nil {
				t.Fatalf("Approve error = %v", err)
			}
			if b.Status != StatusPaymentDue || !b.Deadline.Equal(tt.deadline) {
				t.Errorf("after Approve: %s until %s, want payment_due until %s", b.Status, b.Deadline, tt.deadline)
			}
		})
	}
}

func TestCancelRefunds(t *testing.T) {
	custom, err := space.NewCustomRefundPolicy([]space.RefundRule{{MinDaysBefore: 3, Percent: 30}, {MinDaysBefore: 14, Percent: 80}})
	if err != nil {
		t.Fatal(err)
	}
	thirds, err := space.NewCustomRefundPolicy([]space.RefundRule{{MinDaysBefore: 0, Percent: 33}})
	if err != nil {
		t.Fatal(err)
	}
	// Bookings start at 20:00 Seoul on the use date; the clock is 09:00
	// Seoul daysBefore days earlier unless the case gives another instant.
	useDate := calendar.MustDate(2026, time.December, 20)
	seoulMorning := func(daysBefore int) time.Time { return useDate.AddDays(-daysBefore).At(9 * 60) }
	tests := []struct {
		name       string
		policy     space.RefundPolicy
		price      space.Money
		byHost     bool
		now        time.Time
		daysBefore int
		percent    int
		refund     space.Money
	}{
		{"flexible, 30 days", space.RefundFlexible, 45_000, false, seoulMorning(30), 30, 100, 45_000},
		{"flexible, 7 days", space.RefundFlexible, 45_000, false, seoulMorning(7), 7, 100, 45_000},
		{"flexible, 6 days", space.RefundFlexible, 45_000, false, seoulMorning(6), 6, 50, 22_500},
		{"flexible, 1 day", space.RefundFlexible, 45_000, false, seoulMorning(1), 1, 50, 22_500},
		{"flexible, 1 day, one minute before Seoul midnight", space.RefundFlexible, 45_000, false, useDate.At(-1), 1, 50, 22_500},
		{"flexible, same day", space.RefundFlexible, 45_000, false, seoulMorning(0), 0, 0, 0},
		{"flexible, same day at Seoul midnight", space.RefundFlexible, 45_000, false, useDate.Start(), 0, 0, 0},
		{"flexible, 50% rounded down", space.RefundFlexible, 12_345, false, seoulMorning(3), 3, 50, 6_172},
		{"flexible, 50% of 1 won", space.RefundFlexible, 1, false, seoulMorning(3), 3, 50, 0},
		{"flexible, 50% of 99 won", space.RefundFlexible, 99, false, seoulMorning(3), 3, 50, 49},
		// 23:30 UTC on 13 December is 08:30 on 14 December in Seoul: 6 days
		// before the 20th (7 days by the UTC date).
		{"flexible, days counted in Seoul", space.RefundFlexible, 45_000, false, time.Date(2026, 12, 13, 23, 30, 0, 0, time.UTC), 6, 50, 22_500},
		// 14:59 UTC on 13 December is still the 13th in Seoul (23:59): 7 days.
		{"flexible, last Seoul minute of the 7th day before", space.RefundFlexible, 45_000, false, time.Date(2026, 12, 13, 14, 59, 0, 0, time.UTC), 7, 100, 45_000},
		// 15:00 UTC on 19 December is midnight of the 20th in Seoul: same day.
		{"flexible, Seoul midnight given in UTC", space.RefundFlexible, 45_000, false, time.Date(2026, 12, 19, 15, 0, 0, 0, time.UTC), 0, 0, 0},

		{"standard, 30 days", space.RefundStandard, 45_000, false, seoulMorning(30), 30, 100, 45_000},
		{"standard, 29 days", space.RefundStandard, 45_000, false, seoulMorning(29), 29, 50, 22_500},
		{"standard, 7 days", space.RefundStandard, 45_000, false, seoulMorning(7), 7, 50, 22_500},
		{"standard, 6 days", space.RefundStandard, 45_000, false, seoulMorning(6), 6, 0, 0},
		{"standard, same day", space.RefundStandard, 45_000, false, seoulMorning(0), 0, 0, 0},
		{"standard, 50% rounded down", space.RefundStandard, 12_345, false, seoulMorning(10), 10, 50, 6_172},

		{"custom, 14 days", custom, 45_000, false, seoulMorning(14), 14, 80, 36_000},
		{"custom, 13 days", custom, 45_000, false, seoulMorning(13), 13, 30, 13_500},
		{"custom, 3 days", custom, 45_000, false, seoulMorning(3), 3, 30, 13_500},
		{"custom, 2 days: no rule", custom, 45_000, false, seoulMorning(2), 2, 0, 0},
		{"custom, same day: no rule", custom, 45_000, false, seoulMorning(0), 0, 0, 0},
		{"custom, 30% rounded down", custom, 12_345, false, seoulMorning(5), 5, 30, 3_703},
		{"custom, 80% rounded down", custom, 12_345, false, seoulMorning(20), 20, 80, 9_876},
		{"custom 33%, rounded down", thirds, 10_001, false, seoulMorning(0), 0, 33, 3_300},

		{"host, same day under standard", space.RefundStandard, 45_000, true, seoulMorning(0), 0, 100, 45_000},
		{"host, 6 days under standard", space.RefundStandard, 12_345, true, seoulMorning(6), 6, 100, 12_345},
		{"host, 2 days under custom", custom, 45_000, true, seoulMorning(2), 2, 100, 45_000},
		{"host, 30 days under flexible", space.RefundFlexible, 45_000, true, seoulMorning(30), 30, 100, 45_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := useDate.At(20 * 60)
			b := Booking{ID: 9, Status: StatusConfirmed, Date: useDate, Range: Range{Start: start.UTC(), End: start.Add(2 * time.Hour).UTC()},
				Price: tt.price, Refund: tt.policy, PaidAt: tt.now.Add(-time.Hour)}
			want := Quote{Paid: tt.price, Refund: tt.refund, Percent: tt.percent, DaysBefore: tt.daysBefore}
			q, err := b.QuoteCancel(tt.byHost, tt.now)
			if err != nil {
				t.Fatalf("QuoteCancel error = %v", err)
			}
			if q != want {
				t.Errorf("QuoteCancel = %+v, want %+v", q, want)
			}
			if b.Status != StatusConfirmed || b.Refunded != 0 {
				t.Errorf("QuoteCancel changed the booking to %s, refunded %d", b.Status, b.Refunded)
			}
			c, err := b.Cancel(tt.byHost, tt.now)
			if err != nil {
				t.Fatalf("Cancel error = %v", err)
			}
			if c != want {
				t.Errorf("Cancel = %+v, want %+v", c, want)
			}
			wantStatus := StatusCancelledByGuest
			if tt.byHost {
				wantStatus = StatusCancelledByHost
			}
			if b.Status != wantStatus || b.Refunded != tt.refund || !b.CancelledAt.Equal(tt.now) || !b.UpdatedAt.Equal(tt.now) {
				t.Errorf("after Cancel: %s, refunded %d, cancelled at %s; want %s, %d, %s", b.Status, b.Refunded, b.CancelledAt, wantStatus, tt.refund, tt.now)
			}
		})
	}
}

func TestCancelUnpaidRefundsNothing(t *testing.T) {
	tests := []struct {
		name   string
		status Status
		byHost bool
		want   Status
	}{
		{"guest drops a hold", StatusPaymentDue, false, StatusCancelledByGuest},
		{"host drops a hold", StatusPaymentDue, true, StatusCancelledByHost},
		{"guest withdraws a request", StatusRequested, false, StatusCancelledByGuest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := bookingIn(tt.status)
			q, err := b.Cancel(tt.byHost, lcNow)
			if err != nil {
				t.Fatalf("Cancel error = %v", err)
			}
			// 9 Seoul days from 1 to 10 December; nothing was paid, nothing returns.
			if want := (Quote{DaysBefore: 9}); q != want {
				t.Errorf("Cancel = %+v, want %+v", q, want)
			}
			if b.Status != tt.want || b.Refunded != 0 || !b.PaidAt.IsZero() {
				t.Errorf("after Cancel: %s, refunded %d, paid at %s; want %s, 0, never", b.Status, b.Refunded, b.PaidAt, tt.want)
			}
		})
	}
	b := bookingIn(StatusRequested)
	if _, err := b.Cancel(true, lcNow); !errors.Is(err, ErrIllegalChange) {
		t.Errorf("host cancelling a request: error = %v, want ErrIllegalChange (decline it instead)", err)
	}
}

func TestPayStoresThePolicyInForceAtPayment(t *testing.T) {
	req := packageReq(calendar.MustDate(2026, time.December, 20), int64(dayPkg.ID))
	b, err := New(req, mixedTerms(), reqNow) // created under the flexible policy
	if err != nil {
		t.Fatal(err)
	}
	if b.Refund.Name() != "flexible" {
		t.Fatalf("created under %q, want flexible", b.Refund.Name())
	}
	paidAt := reqNow.Add(5 * time.Minute)
	if err := b.Pay(space.RefundStandard, paidAt); err != nil {
		t.Fatalf("Pay error = %v", err)
	}
	if b.Refund.Name() != "standard" || !reflect.DeepEqual(b.Refund, space.RefundStandard) {
		t.Errorf("Refund after Pay = %q, want the standard policy passed in", b.Refund.Name())
	}
	if b.Status != StatusConfirmed || !b.PaidAt.Equal(paidAt) || !b.Deadline.IsZero() {
		t.Errorf("after Pay: %s, paid %s, deadline %s; want confirmed, %s, none", b.Status, b.PaidAt, b.Deadline, paidAt)
	}
	// 10 days before: 100% under flexible, 50% under standard.
	now := calendar.MustDate(2026, time.December, 10).At(12 * 60)
	q, err := b.QuoteCancel(false, now)
	if err != nil {
		t.Fatalf("QuoteCancel error = %v", err)
	}
	if want := (Quote{Paid: 50_000, Refund: 25_000, Percent: 50, DaysBefore: 10}); q != want {
		t.Errorf("QuoteCancel = %+v, want %+v (the standard policy of payment)", q, want)
	}

	// A hold created under the flexible policy and paid under a policy that
	// refunds nothing refunds nothing.
	none, err := space.NewCustomRefundPolicy([]space.RefundRule{{MinDaysBefore: 0, Percent: 0}})
	if err != nil {
		t.Fatal(err)
	}
	c := bookingIn(StatusPaymentDue)
	if err := c.Pay(none, lcNow); err != nil {
		t.Fatalf("Pay error = %v", err)
	}
	if q, err := c.QuoteCancel(false, lcNow); err != nil || q.Refund != 0 || q.Percent != 0 || q.Paid != lcPrice {
		t.Errorf("QuoteCancel under the no-refund policy of payment = %+v, %v; want nothing back of %d", q, err, lcPrice)
	}
}

func TestEffectiveAndTab(t *testing.T) {
	requestDeadline := lcCreated.Add(ApprovalWindow)
	holdDeadline := lcCreated.Add(PaymentHold)
	tests := []struct {
		name      string
		status    Status
		now       time.Time
		effective Status
		tab       Tab
	}{
		{"request before its deadline", StatusRequested, requestDeadline.Add(-time.Nanosecond), StatusRequested, TabUpcoming},
		{"request at its deadline", StatusRequested, requestDeadline, StatusExpired, TabCancelled},
		{"request after its deadline", StatusRequested, requestDeadline.Add(time.Hour), StatusExpired, TabCancelled},
		{"hold before its deadline", StatusPaymentDue, holdDeadline.Add(-time.Nanosecond), StatusPaymentDue, TabUpcoming},
		{"hold at its deadline", StatusPaymentDue, holdDeadline, StatusExpired, TabCancelled},
		{"hold after its deadline", StatusPaymentDue, lcEnd.Add(time.Hour), StatusExpired, TabCancelled},
		{"confirmed, before the start", StatusConfirmed, lcNow, StatusConfirmed, TabUpcoming},
		{"confirmed, at the start", StatusConfirmed, lcStart, StatusConfirmed, TabUpcoming},
		{"confirmed, 1ns before the end", StatusConfirmed, lcEnd.Add(-time.Nanosecond), StatusConfirmed, TabUpcoming},
		{"confirmed, at the end", StatusConfirmed, lcEnd, StatusCompleted, TabPast},
		{"confirmed, after the end", StatusConfirmed, lcEnd.Add(24 * time.Hour), StatusCompleted, TabPast},
		{"completed", StatusCompleted, lcEnd.Add(time.Hour), StatusCompleted, TabPast},
		{"completed, seen before its end", StatusCompleted, lcNow, StatusCompleted, TabPast},
		{"cancelled by the guest", StatusCancelledByGuest, lcNow, StatusCancelledByGuest, TabCancelled},
		{"cancelled by the guest, after the end", StatusCancelledByGuest, lcEnd.Add(time.Hour), StatusCancelledByGuest, TabCancelled},
		{"cancelled by the host", StatusCancelledByHost, lcNow, StatusCancelledByHost, TabCancelled},
		{"declined", StatusDeclined, lcNow, StatusDeclined, TabCancelled},
		{"expired", StatusExpired, lcNow, StatusExpired, TabCancelled},
		{"expired, after the end", StatusExpired, lcEnd.Add(time.Hour), StatusExpired, TabCancelled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := bookingIn(tt.status)
			if got := b.Effective(tt.now); got != tt.effective {
				t.Errorf("Effective(%s) = %s, want %s", tt.now, got, tt.effective)
			}
			if got := TabOf(b, tt.now); got != tt.tab {
				t.Errorf("TabOf(%s) = %s, want %s", tt.now, got, tt.tab)
			}
			if b.Status != tt.status {
				t.Errorf("Effective changed the stored status to %s", b.Status)
			}
		})
	}
}

func TestParseTab(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Tab
	}{
		{"upcoming", TabUpcoming}, {"past", TabPast}, {"cancelled", TabCancelled},
	} {
		got, err := ParseTab(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseTab(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if got.String() != tt.in {
			t.Errorf("String() = %q, want %q", got.String(), tt.in)
		}
	}
	for _, bad := range []string{"", "Upcoming", "PAST", "canceled", "completed", "expired", "confirmed", " past", "past ", "all"} {
		t.Run("refuses "+bad, func(t *testing.T) {
			got, err := ParseTab(bad)
			wantFieldError(t, err, "status")
			if got != (Tab{}) {
				t.Errorf("ParseTab(%q) = %v with an error, want the zero Tab", bad, got)
			}
		})
	}
}

func TestConflict(t *testing.T) {
	// The requested booking: 10 December 10:00–13:00 Seoul.
	mine := bookingIn(StatusPaymentDue)
	other := func(s Status, fromHour, toHour int, deadline time.Time) Blocking {
		o := Booking{Status: s, Deadline: deadline,
			Range: Range{Start: lcDate.At(fromHour * 60).UTC(), End: lcDate.At(toHour * 60).UTC()}}
		return o.Blocking()
	}
	var none time.Time
	live := lcNow.Add(time.Minute)
	tests := []struct {
		name   string
		others []Blocking
		want   *Range // nil: no conflict
	}{
		{"nothing else", nil, nil},
		{"confirmed right before", []Blocking{other(StatusConfirmed, 8, 10, none)}, nil},
		{"confirmed right after", []Blocking{other(StatusConfirmed, 13, 15, none)}, nil},
		{"back to back on both sides", []Blocking{other(StatusConfirmed, 8, 10, none), other(StatusPaymentDue, 13, 14, live)}, nil},
		{"confirmed overlapping the end", []Blocking{other(StatusConfirmed, 12, 14, none)}, &Range{Start: lcDate.At(12 * 60).UTC(), End: lcDate.At(14 * 60).UTC()}},
		{"confirmed overlapping the start", []Blocking{other(StatusConfirmed, 9, 11, none)}, &Range{Start: lcDate.At(9 * 60).UTC(), End: lcDate.At(11 * 60).UTC()}},
		{"confirmed inside", []Blocking{other(StatusConfirmed, 11, 12, none)}, &Range{Start: lcDate.At(11 * 60).UTC(), End: lcDate.At(12 * 60).UTC()}},
		{"confirmed around", []Blocking{other(StatusConfirmed, 0, 24, none)}, &Range{Start: lcDate.At(0).UTC(), End: lcDate.At(24 * 60).UTC()}},
		{"overnight from the day before", []Blocking{other(StatusConfirmed, -4, 11, none)}, &Range{Start: lcDate.At(-4 * 60).UTC(), End: lcDate.At(11 * 60).UTC()}},
		{"live hold", []Blocking{other(StatusPaymentDue, 10, 13, live)}, &Range{Start: lcDate.At(10 * 60).UTC(), End: lcDate.At(13 * 60).UTC()}},
		{"live request", []Blocking{other(StatusRequested, 11, 15, live)}, &Range{Start: lcDate.At(11 * 60).UTC(), End: lcDate.At(15 * 60).UTC()}},
		{"hold expiring now", []Blocking{other(StatusPaymentDue, 10, 13, lcNow)}, nil},
		{"expired hold", []Blocking{other(StatusPaymentDue, 10, 13, lcNow.Add(-time.Minute))}, nil},
		{"expired request", []Blocking{other(StatusRequested, 10, 13, lcNow.Add(-time.Second))}, nil},
		{"expired", []Blocking{other(StatusExpired, 10, 13, none)}, nil},
		{"cancelled by the guest", []Blocking{other(StatusCancelledByGuest, 10, 13, none)}, nil},
		{"cancelled by the host", []Blocking{other(StatusCancelledByHost, 10, 13, none)}, nil},
		{"declined", []Blocking{other(StatusDeclined, 10, 13, none)}, nil},
		{"completed", []Blocking{other(StatusCompleted, 10, 13, none)}, nil},
		{"an expired hold, then a confirmed booking", []Blocking{other(StatusPaymentDue, 10, 13, lcNow), other(StatusConfirmed, 12, 13, none)},
			&Range{Start: lcDate.At(12 * 60).UTC(), End: lcDate.At(13 * 60).UTC()}},
		{"another day", []Blocking{other(StatusConfirmed, 24+10, 24+13, none)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := mine.Conflict(tt.others, lcNow)
			if tt.want == nil {
				if err != nil {
					t.Errorf("Conflict = %v, want none", err)
				}
				return
			}
			var ce *ConflictError
			if !errors.As(err, &ce) {
				t.Fatalf("Conflict = %v (%T), want a *ConflictError", err, err)
			}
			if ce.Range != *tt.want {
				t.Errorf("conflicting range = %v, want %v", ce.Range, *tt.want)
			}
			if k := fault.KindOf(err); k != fault.Conflict {
				t.Errorf("KindOf = %q, want %q", k, fault.Conflict)
			}
			from := tt.want.Start.In(calendar.Seoul).Format(time.DateTime)
			if !strings.Contains(err.Error(), from) {
				t.Errorf("Error() = %q, want it to name the Seoul start %s", err.Error(), from)
			}
		})
	}
	// The same hold blocks before its deadline and not at it.
	hold := []Blocking{other(StatusPaymentDue, 10, 13, live)}
	if err := mine.Conflict(hold, live.Add(-time.Nanosecond)); err == nil {
		t.Error("a hold 1ns before its deadline does not block")
	}
	if err := mine.Conflict(hold, live); err != nil {
		t.Errorf("a hold at its deadline still blocks: %v", err)
	}
}

func TestBlocking(t *testing.T) {
	b := bookingIn(StatusPaymentDue)
	want := Blocking{Range: b.Range, Status: StatusPaymentDue, Deadline: lcCreated.Add(PaymentHold)}
	if got := b.Blocking(); got != want {
		t.Errorf("Blocking() = %+v, want %+v", got, want)
	}
}
