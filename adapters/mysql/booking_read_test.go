package mysql_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// bookingsOf stores n confirmed bookings of the market's first guest on the
// instant space, one a day from tomorrow.
func bookingsOf(t *testing.T, db *sql.DB, m mysqltest.Market, now time.Time, n int) {
	t.Helper()
	var rows []mysql.BookingRow
	day := m.Packages[m.Day]
	for i := range n {
		d := calendar.DateOf(now).AddDays(1 + i)
		from, to := day.Window.On(d)
		rows = append(rows, mysql.BookingRow{ID: int64(i + 1), SpaceID: m.Instant, GuestID: m.Guests[0], HostID: m.HostID,
			Status: booking.StatusConfirmed.String(), UseDate: d, Start: from, End: to, People: 2, Price: int64(day.Price),
			Refund: space.RefundFlexible, CreatedAt: now})
	}
	if err := mysql.NewBulk(db).Bookings(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
}

func TestBookingListsRunTwoQueriesWhateverThePageSize(t *testing.T) {
	t.Parallel()
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, calendar.Seoul)
	m := mysqltest.NewMarket(t, db, 1, 0, now)
	bookingsOf(t, db, m, now, 60)
	counter := &mysql.CountingDB{DB: db}
	r := mysql.NewBookingReader(counter)
	ctx := context.Background()
	for _, limit := range []int{1, 10, 50, 101} {
		counter.Reset()
		got, err := r.GuestBookings(ctx, query.GuestBookingsRequest{GuestID: m.Guests[0], Tab: booking.TabUpcoming, Now: now.UTC(), Limit: limit})
		if err != nil || len(got) != min(limit, 60) {
			t.Fatalf("guest page of %d: %d items, %v", limit, len(got), err)
		}
		if n := counter.Count(); n != 2 {
			t.Errorf("guest page of %d ran %d queries, want 2", limit, n)
		}
		counter.Reset()
		got, err = r.HostBookings(ctx, query.HostBookingsRequest{HostID: m.HostID, Limit: limit})
		if err != nil || len(got) != min(limit, 60) {
			t.Fatalf("host page of %d: %d items, %v", limit, len(got), err)
		}
		if n := counter.Count(); n != 2 {
			t.Errorf("host page of %d ran %d queries, want 2", limit, n)
		}
	}
}

// TestBookingQueriesUseTheirIndexes reads the plans of the booking lists,
// the conflict check and the sweeper: each must walk its index, not the table.
func TestBookingQueriesUseTheirIndexes(t *testing.T) {
	t.Parallel()
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, calendar.Seoul)
	m := mysqltest.NewMarket(t, db, 1, 0, now)
	bookingsOf(t, db, m, now, 60)
	// Many bookings of other people (the host_id column names the guest
	// here), so the plans are those of a busy marketplace.
	var others []mysql.BookingRow
	for i := range 3000 {
		d := calendar.DateOf(now).AddDays(-i / 10)
		from := d.At(60 * (i % 10))
		others = append(others, mysql.BookingRow{ID: int64(1000 + i), SpaceID: m.Approval, GuestID: m.HostID, HostID: m.Guests[0],
			Status: booking.StatusCompleted.String(), UseDate: d, Start: from, End: from.Add(time.Hour), People: 2, Price: 1000,
			Refund: space.RefundFlexible, CreatedAt: now})
	}
	if err := mysql.NewBulk(db).Bookings(context.Background(), others); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("ANALYZE TABLE bookings"); err != nil {
		t.Fatal(err)
	}
	// Nanoseconds, as the clock gives: the driver must not write them into
	// the statement, or no index range can be used on a DATETIME(6) column.
	at := now.UTC().Add(123456789 * time.Nanosecond)
	for _, tt := range []struct {
		name, sql string
		args      []any
		index     string
	}{
		{"my bookings", `SELECT b.id FROM bookings b JOIN spaces s ON s.id = b.space_id WHERE b.guest_id = ?
			AND (b.start_at < ? OR (b.start_at = ? AND b.id < ?)) ORDER BY b.start_at DESC, b.id DESC LIMIT 21`,
			[]any{m.Guests[0], at, at, 1 << 40}, "bookings_guest_start"},
		// Each booking of a list finds its review (if any) by the unique booking key.
		{"my bookings' reviews", `SELECT b.id, rv.id FROM bookings b JOIN spaces s ON s.id = b.space_id LEFT JOIN reviews rv ON rv.booking_id = b.id
			WHERE b.guest_id = ? AND (b.start_at < ? OR (b.start_at = ? AND b.id < ?)) ORDER BY b.start_at DESC, b.id DESC LIMIT 21`,
			[]any{m.Guests[0], at, at, 1 << 40}, "reviews_booking"},
		{"host's bookings", `SELECT b.id FROM bookings b JOIN spaces s ON s.id = b.space_id WHERE b.host_id = ?
			AND (b.start_at > ? OR (b.start_at = ? AND b.id > ?)) ORDER BY b.start_at, b.id LIMIT 21`,
			[]any{m.HostID, at, at, 0}, "bookings_host_start"},
		{"conflict check", `SELECT start_at, end_at, status, deadline FROM bookings WHERE space_id = ? AND start_at > ? AND start_at < ? AND end_at > ? ORDER BY start_at`,
			[]any{m.Instant, at.Add(-24 * time.Hour), at.Add(48 * time.Hour), at}, "bookings_space_time"},
		// A space's calendar reads the bookings of its whole horizon (92 days and one past) at once.
		{"calendar's bookings", `SELECT start_at, end_at, status, deadline FROM bookings WHERE space_id = ? AND start_at > ? AND start_at < ? AND end_at > ? ORDER BY start_at`,
			[]any{m.Instant, at.Add(-24 * time.Hour), at.Add(94 * 24 * time.Hour), at}, "bookings_space_time"},
		{"calendar's closed dates", `SELECT day FROM space_closed_dates WHERE space_id = ? AND day BETWEEN ? AND ?`,
			[]any{m.Instant, at, at.Add(92 * 24 * time.Hour)}, "PRIMARY"},
		{"expired holds", `SELECT id FROM bookings WHERE status IN ('payment_due', 'requested') AND deadline <= ? ORDER BY deadline LIMIT 200`,
			[]any{at}, "bookings_status_deadline"},
		{"ended bookings", `SELECT id FROM bookings WHERE status = 'confirmed' AND end_at <= ? ORDER BY end_at LIMIT 200`,
			[]any{at.Add(30 * 24 * time.Hour)}, "bookings_status_end"},
		{"expired idempotency keys", `DELETE FROM idempotency_keys WHERE expires_at < ? ORDER BY expires_at LIMIT 200`,
			[]any{at}, "idempotency_keys_expiry"},
		// Either index is a short range: the space's recent bookings, or those confirmed and not ended.
		{"a space's live bookings (retiring)", `SELECT COUNT(*) FROM bookings WHERE space_id = ? AND end_at > ?
			AND (status = 'confirmed' OR (status IN ('payment_due', 'requested') AND deadline > ?))`,
			[]any{m.Approval, at, at}, "bookings_space_time|bookings_status_end"},
		{"due pending objects", `SELECT object_key FROM pending_objects WHERE due_at <= ? ORDER BY due_at LIMIT 200`,
			[]any{at}, "pending_objects_due"},
		{"my notifications", `SELECT n.id FROM notifications n FORCE INDEX (notifications_user) LEFT JOIN spaces s ON s.id = n.space_id
			WHERE n.user_id = ? AND n.id < ? ORDER BY n.id DESC LIMIT 21`, []any{m.HostID, 1 << 40}, "notifications_user"},
		{"unread notifications", `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`,
			[]any{m.HostID}, "notifications_unread"},
		{"due outbox events", `SELECT id FROM outbox_events WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 50`,
			[]any{at}, "outbox_events_due"},
	} {
		if !usesRange(t, db, tt.sql, tt.args, tt.index) {
			t.Errorf("%s does not use a range of %s: %s", tt.name, tt.index, plan(t, db, tt.sql, tt.args))
		}
	}
}

// usesRange reports whether the plan of q walks one of the indexes (names
// joined by |) over a range or looks it up, rather than reading it whole.
func usesRange(t *testing.T, db *sql.DB, q string, args []any, indexes string) bool {
	t.Helper()
	rows, err := db.Query("EXPLAIN "+q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	found := false
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := map[string]string{}
		for i, c := range cols {
			row[c] = vals[i].String
		}
		if strings.Contains("|"+indexes+"|", "|"+row["key"]+"|") && row["type"] != "ALL" && row["type"] != "index" {
			found = true
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return found
}

func plan(t *testing.T, db *sql.DB, q string, args []any) string {
	var out string
	_ = db.QueryRow("EXPLAIN FORMAT=JSON "+q, args...).Scan(&out)
	return out
}
