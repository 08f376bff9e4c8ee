package command_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/notification"
)

// eventsOf describes the committed events as kind:booking→recipients.
func eventsOf(m *market) []string {
	var out []string
	for _, e := range m.store.Events() {
		out = append(out, fmt.Sprintf("%s:%d→%v", e.Kind, e.BookingID, e.Recipients))
	}
	return out
}

// TestEveryBookingEventIsRecordedForThePeopleConcerned walks bookings
// through every transition and checks who hears of what, once.
func TestEveryBookingEventIsRecordedForThePeopleConcerned(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	// An instant hold tells nobody; paying it tells both.
	hold := m.mustCreate(t, hoursOf(instantSpace, guestID, 8, 14, 3), "")
	m.mustPay(t, guestID, hold.ID)
	// A request tells the host; approving tells the guest; the guest cancels it later.
	req := m.mustCreate(t, hoursOf(approvalSpace, guestID, 8, 10, 3), "")
	if _, err := m.answer.Handle(ctx, command.AnswerBooking{HostID: hostID, BookingID: req.ID, Approve: true}, ""); err != nil {
		t.Fatal(err)
	}
	m.mustPay(t, guestID, req.ID)
	if _, err := m.cancel.Handle(ctx, command.CancelBooking{UserID: guestID, BookingID: req.ID}, ""); err != nil {
		t.Fatal(err)
	}
	// Declined; cancelled by the host; a request nobody answers; a hold nobody pays.
	declined := m.mustCreate(t, hoursOf(approvalSpace, otherGuestID, 9, 10, 3), "")
	if _, err := m.answer.Handle(ctx, command.AnswerBooking{HostID: hostID, BookingID: declined.ID}, ""); err != nil {
		t.Fatal(err)
	}
	byHost := m.mustCreate(t, hoursOf(instantSpace, otherGuestID, 9, 14, 3), "")
	m.mustPay(t, otherGuestID, byHost.ID)
	if _, err := m.cancel.Handle(ctx, command.CancelBooking{UserID: hostID, BookingID: byHost.ID}, ""); err != nil {
		t.Fatal(err)
	}
	unanswered := m.mustCreate(t, hoursOf(approvalSpace, otherGuestID, 10, 10, 3), "")
	unpaid := m.mustCreate(t, hoursOf(instantSpace, otherGuestID, 10, 14, 3), "")
	m.advance(4 * time.Hour)
	if _, err := m.sweep.Handle(ctx); err != nil {
		t.Fatal(err)
	}
	// The paid hold ends on day 8: the sweep then completes it.
	m.advance(9 * 24 * time.Hour)
	if _, err := m.sweep.Handle(ctx); err != nil {
		t.Fatal(err)
	}
	want := []string{
		fmt.Sprintf("booking_confirmed:%d→[%d %d]", hold.ID, guestID, hostID),
		fmt.Sprintf("booking_requested:%d→[%d]", req.ID, hostID),
		fmt.Sprintf("booking_approved:%d→[%d]", req.ID, guestID),
		fmt.Sprintf("booking_confirmed:%d→[%d %d]", req.ID, guestID, hostID),
		fmt.Sprintf("booking_cancelled_by_guest:%d→[%d]", req.ID, hostID),
		fmt.Sprintf("booking_requested:%d→[%d]", declined.ID, hostID),
		fmt.Sprintf("booking_declined:%d→[%d]", declined.ID, otherGuestID),
		fmt.Sprintf("booking_confirmed:%d→[%d %d]", byHost.ID, otherGuestID, hostID),
		fmt.Sprintf("booking_cancelled_by_host:%d→[%d]", byHost.ID, otherGuestID),
		fmt.Sprintf("booking_requested:%d→[%d]", unanswered.ID, hostID),
	}
	got := eventsOf(m)
	if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
		t.Fatalf("events\n%v\nwant first\n%v", got, want)
	}
	// The sweeps' events, in the order the sweeper claims them.
	rest := got[len(want):]
	for _, w := range []string{
		fmt.Sprintf("booking_request_expired:%d→[%d %d]", unanswered.ID, otherGuestID, hostID),
		fmt.Sprintf("booking_expired:%d→[%d]", unpaid.ID, otherGuestID),
		fmt.Sprintf("booking_completed:%d→[%d]", hold.ID, guestID),
	} {
		if !slices.Contains(rest, w) {
			t.Errorf("no %s among the sweeps' events %v", w, rest)
		}
	}
	if len(rest) != 3 {
		t.Errorf("sweeps recorded %v, want 3 events", rest)
	}
	ids := map[string]bool{}
	for _, e := range m.store.Events() {
		if len(e.ID) != 32 || ids[e.ID] {
			t.Errorf("event id %q is not a fresh 128-bit id", e.ID)
		}
		ids[e.ID] = true
	}
}

// TestANotificationThatCannotBeRecordedUndoesTheChange: the event is part
// of the change's transaction, so the change and its notification stand or
// fall together.
func TestANotificationThatCannotBeRecordedUndoesTheChange(t *testing.T) {
	ctx := context.Background()
	m := newMarket(t)
	v := m.mustCreate(t, hoursOf(approvalSpace, guestID, 8, 14, 3), "")
	m.store.Fail["Notifications.Record"] = errors.New("disk full")
	if _, err := m.answer.Handle(ctx, command.AnswerBooking{HostID: hostID, BookingID: v.ID, Approve: true}, ""); err == nil {
		t.Fatal("the approval went through without its notification")
	}
	if b := m.stored(t, v.ID); b.Status != booking.StatusRequested {
		t.Errorf("booking %s after a failed notification, want still requested", b.Status)
	}
	if n := len(m.store.Events()); n != 1 || m.store.Events()[0].Kind != notification.BookingRequested {
		t.Errorf("events %v, want only the request's", eventsOf(m))
	}
}
