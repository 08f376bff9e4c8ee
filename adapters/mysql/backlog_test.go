package mysql_test

import (
	"context"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
)

// TestBacklogReadsWhatTheWorkersHaveYetToDo stores bookings, objects and
// events on both sides of now and reads the oldest of each that is due, in
// seven statements.
func TestBacklogReadsWhatTheWorkersHaveYetToDo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := mysqltest.NewDatabase(t)
	now := time.Now().UTC().Truncate(time.Second)
	mysqltest.NewWorld(t, db, 10, 3, now)
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	// Nothing due: every booking ended in a state the sweep leaves alone.
	exec("UPDATE bookings SET status = 'cancelled_by_guest'")
	counter := &mysql.CountingDB{DB: db}
	b, err := mysql.ReadBacklog(ctx, counter, now)
	if err != nil {
		t.Fatal(err)
	}
	if b != (mysql.Backlog{}) {
		t.Fatalf("nothing waits, but the backlog is %+v", b)
	}
	if n := counter.Count(); n != 7 {
		t.Errorf("%d statements, want 7", n)
	}

	var ids []int64
	rows, err := db.QueryContext(ctx, "SELECT id FROM bookings ORDER BY id LIMIT 4")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 4 {
		t.Fatalf("the world has %d bookings, want at least 4", len(ids))
	}
	exec("UPDATE bookings SET status = 'payment_due', deadline = ? WHERE id = ?", now.Add(-90*time.Second), ids[0])
	exec("UPDATE bookings SET status = 'requested', deadline = ? WHERE id = ?", now.Add(-3*time.Minute), ids[1])
	exec("UPDATE bookings SET status = 'confirmed', end_at = ? WHERE id = ?", now.Add(-2*time.Minute), ids[2])
	exec("UPDATE bookings SET status = 'payment_due', deadline = ? WHERE id = ?", now.Add(time.Minute), ids[3]) // not due
	exec("INSERT INTO pending_objects (object_key, due_at) VALUES ('due', ?), ('later', ?)", now.Add(-5*time.Minute), now.Add(time.Hour))
	exec(`INSERT INTO outbox_events (event_id, kind, payload, status, attempts, next_attempt_at, created_at) VALUES
		('e1', 'booking_confirmed', '{}', 'pending', 3, ?, ?),
		('e2', 'booking_confirmed', '{}', 'pending', 0, ?, ?),
		('e3', 'booking_confirmed', '{}', 'dead', 8, ?, ?),
		('e4', 'booking_confirmed', '{}', 'delivered', 1, ?, ?)`,
		now.Add(10*time.Minute), now.Add(-2*time.Hour), // backing off
		now.Add(-20*time.Second), now.Add(-time.Hour), // due, unclaimed
		now.Add(-5*time.Hour), now.Add(-5*time.Hour),
		now.Add(-6*time.Hour), now.Add(-6*time.Hour))

	b, err = mysql.ReadBacklog(ctx, db, now)
	if err != nil {
		t.Fatal(err)
	}
	want := mysql.Backlog{
		BookingsDueSince:   now.Add(-3 * time.Minute), // the request, the oldest of three due
		ObjectsDueSince:    now.Add(-5 * time.Minute),
		EventsDueSince:     now.Add(-20 * time.Second),
		OldestPendingEvent: now.Add(-2 * time.Hour),
		PendingEvents:      2,
		DeadEvents:         1,
	}
	if !b.BookingsDueSince.Equal(want.BookingsDueSince) || !b.ObjectsDueSince.Equal(want.ObjectsDueSince) ||
		!b.EventsDueSince.Equal(want.EventsDueSince) || !b.OldestPendingEvent.Equal(want.OldestPendingEvent) ||
		b.PendingEvents != want.PendingEvents || b.DeadEvents != want.DeadEvents {
		t.Fatalf("backlog\n got %+v\nwant %+v", b, want)
	}

	// The ended booking alone: the booking lag follows the end, not only deadlines.
	exec("UPDATE bookings SET status = 'expired' WHERE id IN (?, ?)", ids[0], ids[1])
	b, err = mysql.ReadBacklog(ctx, db, now)
	if err != nil {
		t.Fatal(err)
	}
	if !b.BookingsDueSince.Equal(now.Add(-2 * time.Minute)) {
		t.Errorf("with only the ended booking due: %v, want %v", b.BookingsDueSince, now.Add(-2*time.Minute))
	}
}
