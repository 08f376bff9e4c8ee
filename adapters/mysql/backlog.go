package mysql

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
)

// Backlog is what the background workers have yet to do at an instant;
// a zero time means nothing waits. (adapters/metrics exposes it.)
type Backlog struct {
	BookingsDueSince, ObjectsDueSince, EventsDueSince, OldestPendingEvent time.Time
	PendingEvents, DeadEvents                                             int64
}

// ReadBacklog reads the backlog at now: the oldest deadline or end the
// booking sweep has not marked, the oldest due object, the oldest due and
// the oldest undelivered event, and the outbox's pending and dead events.
// Seven statements, each on an index: the first entry of a range, but for
// the outbox's oldest undelivered event and counts, which read every
// pending (and dead) event.
func ReadBacklog(ctx context.Context, db sqlcgen.DBTX, now time.Time) (Backlog, error) {
	q := sqlcgen.New(db)
	now = now.UTC()
	var b Backlog
	for _, status := range []string{"payment_due", "requested"} {
		t, err := q.GetOldestOverdueBookingDeadline(ctx, sqlcgen.GetOldestOverdueBookingDeadlineParams{
			Status: status, Now: sql.NullTime{Time: now, Valid: true}})
		if err := noRows(err); err != nil {
			return Backlog{}, err
		}
		b.BookingsDueSince = earliest(b.BookingsDueSince, t.Time)
	}
	for _, read := range []struct {
		get  func(context.Context, time.Time) (time.Time, error)
		into *time.Time
	}{
		{q.GetOldestEndedConfirmedBooking, &b.BookingsDueSince},
		{q.GetOldestDuePendingObject, &b.ObjectsDueSince},
		{q.GetOldestDueOutboxEvent, &b.EventsDueSince},
	} {
		t, err := read.get(ctx, now)
		if err := noRows(err); err != nil {
			return Backlog{}, err
		}
		*read.into = earliest(*read.into, t)
	}
	t, err := q.GetOldestPendingOutboxEvent(ctx)
	if err := noRows(err); err != nil {
		return Backlog{}, err
	}
	b.OldestPendingEvent = t
	counts, err := q.CountOutboxEventsByStatus(ctx)
	if err != nil {
		return Backlog{}, err
	}
	for _, c := range counts {
		switch c.Status {
		case "pending":
			b.PendingEvents = c.Events
		case "dead":
			b.DeadEvents = c.Events
		}
	}
	return b, nil
}

// noRows treats an empty range as nothing waiting.
func noRows(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}

// earliest is the earlier of two instants, a zero one standing for none.
func earliest(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}
