package service_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/command"
)

// TestPruneHistoryDeletesDeliveredEventsAndReadNotifications fills the
// outbox and the notifications with more old rows than one batch holds,
// beside rows that must stay: pruning deletes exactly the delivered events
// older than a week and the notifications read more than 90 days ago, by
// index ranges, and a second run finds nothing.
func TestPruneHistoryDeletesDeliveredEventsAndReadNotifications(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 2, 1000)
	ctx := context.Background()
	now := e.clock.Now()
	day := 24 * time.Hour
	seq := 0
	// events inserts n outbox events in status, delivered (or due) at.
	events := func(n int, status string, at time.Time) {
		t.Helper()
		for n > 0 {
			k := min(n, 200)
			rows, args := make([]string, k), make([]any, 0, 4*k)
			for i := range rows {
				seq++
				rows[i] = "(?, 'booking_confirmed', '{}', ?, 1, ?, ?, ?)"
				var delivered any
				if status == "delivered" {
					delivered = at
				}
				// A delivered event's next_attempt_at is its claim's lease, a minute on.
				args = append(args, fmt.Sprintf("%032d", seq), status, at.Add(time.Minute), at.Add(-time.Hour), delivered)
			}
			if _, err := e.db.ExecContext(ctx, `INSERT INTO outbox_events (event_id, kind, payload, status, attempts, next_attempt_at, created_at, delivered_at)
				VALUES `+strings.Join(rows, ","), args...); err != nil {
				t.Fatal(err)
			}
			n -= k
		}
	}
	// notifications inserts n notifications of guest, created at created,
	// read at read (unread when zero).
	notifications := func(n int, created, read time.Time) {
		t.Helper()
		for range n {
			seq++
			var readAt any
			if !read.IsZero() {
				readAt = read
			}
			if _, err := e.db.ExecContext(ctx, `INSERT INTO notifications (user_id, event_id, kind, created_at, read_at)
				VALUES (?, ?, 'booking_confirmed', ?, ?)`, e.m.Guests[0], fmt.Sprintf("%032d", seq), created, readAt); err != nil {
				t.Fatal(err)
			}
		}
	}
	events(1203, "delivered", now.Add(-8*day)) // more than two batches
	events(5, "delivered", now.Add(-6*day))
	events(3, "pending", now.Add(-10*day)) // overdue, not delivered
	events(2, "dead", now.Add(-30*day))
	notifications(620, now.Add(-100*day), now.Add(-91*day)) // more than one batch
	notifications(4, now.Add(-100*day), now.Add(-89*day))
	notifications(3, now.Add(-400*day), time.Time{}) // never read

	for _, c := range []struct {
		statement, key string
		cutoff         time.Time
	}{
		{"DELETE FROM outbox_events WHERE status = 'delivered' AND next_attempt_at < ? AND delivered_at < ? ORDER BY next_attempt_at LIMIT 500",
			"outbox_events_due", now.Add(-command.DeliveredEventsKept)},
		{"DELETE FROM notifications WHERE read_at < ? ORDER BY read_at LIMIT 500", "notifications_read", now.Add(-command.ReadNotificationsKept)},
	} {
		args := []any{c.cutoff}
		if strings.Count(c.statement, "?") == 2 {
			args = append(args, c.cutoff)
		}
		var id, selectType, table, typ, possibleKeys, keyLen, ref, rows, extra any
		var key []byte
		if err := e.db.QueryRowContext(ctx, "EXPLAIN "+c.statement, args...).Scan(&id, &selectType, &table, &typ, &possibleKeys, &key, &keyLen, &ref, &rows, &extra); err != nil {
			t.Fatalf("EXPLAIN %s: %v", c.statement, err)
		}
		if string(key) != c.key {
			t.Errorf("%s reads key %q (%s, %s rows, %s), want a range of %s", c.statement, key, typ, rows, extra, c.key)
		}
	}

	pruned, err := e.app.Commands.PruneHistory.Handle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if pruned != (command.Pruned{Events: 1203, Notifications: 620}) {
		t.Errorf("pruned %+v, want the 1203 events delivered 8 days ago and the 620 notifications read 91 days ago", pruned)
	}
	for q, want := range map[string]int64{
		"SELECT COUNT(*) FROM outbox_events WHERE status = 'delivered'":          5,
		"SELECT COUNT(*) FROM outbox_events WHERE status IN ('pending', 'dead')": 5,
		"SELECT COUNT(*) FROM notifications WHERE read_at IS NOT NULL":           4,
		"SELECT COUNT(*) FROM notifications WHERE read_at IS NULL":               3,
	} {
		if got := e.count(t, q); got != want {
			t.Errorf("%s: %d, want %d", q, got, want)
		}
	}
	if again, err := e.app.Commands.PruneHistory.Handle(ctx); err != nil || again != (command.Pruned{}) {
		t.Errorf("a second run pruned %+v (%v), want nothing", again, err)
	}
}
