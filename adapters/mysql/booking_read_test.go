package mysql_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app/ports"
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

// TestBookingReadsRunOneStatementWhateverThePageSize: a page of either list,
// and one booking, is one statement with its spaces' photos
// (spaces.card_photos), an empty page too.
func TestBookingReadsRunOneStatementWhateverThePageSize(t *testing.T) {
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
		if n := counter.Count(); n != 1 {
			t.Errorf("guest page of %d ran %d statements, want 1", limit, n)
		}
		counter.Reset()
		got, err = r.HostBookings(ctx, query.HostBookingsRequest{HostID: m.HostID, Limit: limit})
		if err != nil || len(got) != min(limit, 60) {
			t.Fatalf("host page of %d: %d items, %v", limit, len(got), err)
		}
		if n := counter.Count(); n != 1 {
			t.Errorf("host page of %d ran %d statements, want 1", limit, n)
		}
	}
	counter.Reset()
	if got, err := r.GuestBookings(ctx, query.GuestBookingsRequest{GuestID: m.Guests[0], Tab: booking.TabPast, Now: now.UTC(), Limit: 10}); err != nil || len(got) != 0 {
		t.Fatalf("empty guest page: %d items, %v", len(got), err)
	}
	if n := counter.Count(); n != 1 {
		t.Errorf("empty guest page ran %d statements, want 1", n)
	}
	counter.Reset()
	if item, err := r.BookingWithSpace(ctx, 1); err != nil || item.Booking.ID != 1 || item.Space.PhotoURL != "s/1/0.jpg" {
		t.Fatalf("booking 1: %+v, %v", item, err)
	}
	if n := counter.Count(); n != 1 {
		t.Errorf("one booking ran %d statements, want 1", n)
	}
}

// TestBookingReadsShowTheSpacesFirstPhoto: every booking read shows its
// space's first photo (its thumbnail, or its one size), following the
// photos' writes through the space repository; none when the space has no
// photos, and an error naming the space when its card_photos cannot be
// read.
func TestBookingReadsShowTheSpacesFirstPhoto(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, calendar.Seoul)
	m := mysqltest.NewMarket(t, db, 1, 0, now)
	bookingsOf(t, db, m, now, 3)
	from, to := m.Packages[m.ApprovalDay].Window.On(calendar.DateOf(now).AddDays(1))
	if err := mysql.NewBulk(db).Bookings(ctx, []mysql.BookingRow{{ID: 100, SpaceID: m.Approval, GuestID: m.Guests[0], HostID: m.HostID,
		Status: booking.StatusConfirmed.String(), UseDate: calendar.DateOf(now).AddDays(1), Start: from, End: to, People: 2, Price: 50_000,
		Refund: space.RefundFlexible, CreatedAt: now}}); err != nil {
		t.Fatal(err)
	}
	r := mysql.NewBookingReader(db)
	store := mysql.NewStore(db)

	// photos reads the photo of every booking of the space, from the
	// booking alone and from both lists.
	photos := func(spaceID int64) ([]string, error) {
		var out []string
		guest, err := r.GuestBookings(ctx, query.GuestBookingsRequest{GuestID: m.Guests[0], Tab: booking.TabUpcoming, Now: now.UTC(), Limit: 100})
		if err != nil {
			return nil, err
		}
		host, err := r.HostBookings(ctx, query.HostBookingsRequest{HostID: m.HostID, SpaceID: spaceID, Limit: 100})
		if err != nil {
			return nil, err
		}
		for _, it := range append(guest, host...) {
			if it.Space.ID != spaceID {
				continue
			}
			one, err := r.BookingWithSpace(ctx, it.Booking.ID)
			if err != nil {
				return nil, err
			}
			out = append(out, it.Space.PhotoURL, one.Space.PhotoURL)
		}
		return out, nil
	}
	// check wants each read of the space's bookings (bookings of them, each
	// in two lists and alone) to show want.
	check := func(step string, spaceID int64, bookings int, want string) {
		t.Helper()
		got, err := photos(spaceID)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if len(got) != 4*bookings {
			t.Fatalf("%s: %d reads of space %d's bookings, want %d", step, len(got), spaceID, 4*bookings)
		}
		for _, g := range got {
			if g != want {
				t.Fatalf("%s: space %d's bookings show photo %q, want %q", step, spaceID, g, want)
			}
		}
		// The photos table agrees: its first photo's thumbnail (or one size).
		if table := photosTable(t, db, spaceID); want != "" && (len(table) == 0 || !strings.HasSuffix(table[0], " "+want)) {
			t.Errorf("%s: space %d's photos table %v, its bookings show %q", step, spaceID, table, want)
		}
	}
	editSpace := func(step string, f func(*space.Space) error) {
		t.Helper()
		err := store.InTx(ctx, func(repos ports.Repositories) error {
			s, err := repos.Spaces.ByIDForUpdate(ctx, space.ID(m.Instant))
			if err != nil {
				return err
			}
			if err := f(s); err != nil {
				return err
			}
			return repos.Spaces.Save(ctx, s)
		})
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	// first moves the space's photo with detail key detail first.
	first := func(detail string) func(*space.Space) error {
		return func(s *space.Space) error {
			var order []space.PhotoID
			for _, p := range s.Photos {
				if p.Keys.Detail == detail {
					order = append([]space.PhotoID{p.ID}, order...)
				} else {
					order = append(order, p.ID)
				}
			}
			return s.ReorderPhotos(order, now)
		}
	}

	check("the market's", m.Instant, 3, "s/1/0.jpg")
	editSpace("add two", func(s *space.Space) error {
		return s.AddPhotos([]space.Photo{{Keys: space.PhotoKeys{Detail: "s/1/a.jpg", Thumb: "s/1/a-t.jpg"}},
			{Keys: space.PhotoKeys{Detail: "s/1/b.jpg"}}}, now)
	})
	check("two added last", m.Instant, 3, "s/1/0.jpg")
	editSpace("move a first", first("s/1/a.jpg"))
	check("a first", m.Instant, 3, "s/1/a-t.jpg")
	editSpace("move b first", first("s/1/b.jpg"))
	check("b, of one size, first", m.Instant, 3, "s/1/b.jpg")
	editSpace("remove b", func(s *space.Space) error {
		_, err := s.RemovePhoto(s.Photos[0].ID, now)
		return err
	})
	check("b removed", m.Instant, 3, "s/1/a-t.jpg")

	// The other space's card_photos emptied, as a space without photos
	// would have it (no write of ours leaves one so): its booking shows none.
	check("the approval space's", m.Approval, 1, "s/2/0.jpg")
	if _, err := db.ExecContext(ctx, "UPDATE spaces SET card_photos = '[]' WHERE id = ?", m.Approval); err != nil {
		t.Fatal(err)
	}
	check("no photos", m.Approval, 1, "")
	check("the other space after", m.Instant, 3, "s/1/a-t.jpg")
	// A value that cannot be read is an error naming its space, from every read.
	if _, err := db.ExecContext(ctx, "UPDATE spaces SET card_photos = '[[1, \"x\"]]' WHERE id = ?", m.Approval); err != nil {
		t.Fatal(err)
	}
	for name, read := range map[string]func() error{
		"one booking": func() error { _, err := r.BookingWithSpace(ctx, 100); return err },
		"guest's": func() error {
			_, err := r.GuestBookings(ctx, query.GuestBookingsRequest{GuestID: m.Guests[0], Tab: booking.TabUpcoming, Now: now.UTC(), Limit: 100})
			return err
		},
		"host's": func() error {
			_, err := r.HostBookings(ctx, query.HostBookingsRequest{HostID: m.HostID, Limit: 100})
			return err
		},
	} {
		if err := read(); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("space %d:", m.Approval)) {
			t.Errorf("%s with an unreadable card_photos: %v, want an error naming space %d", name, err, m.Approval)
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
