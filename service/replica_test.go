package service_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app"
	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
	"github.com/ourspace/ourspace/domain/space"
	"github.com/ourspace/ourspace/service"
)

// replicated is a private primary (binary log, server 1) and a private
// replica of it (server 2), a migrated market written on the primary and
// replicated, and pools on both.
type replicated struct {
	primary, replica     *mysqltest.Server
	primaryDB, replicaDB *sql.DB
	m                    mysqltest.Market
	clock                *testClock
	review               int64 // a review by m.Guests[0] of the instant space
}

func newReplicated(t *testing.T) replicated {
	t.Helper()
	ctx := context.Background()
	began := time.Now()
	r := replicated{clock: &testClock{at: start.UTC()}}
	r.primary = mysqltest.StartServer(t, mysqltest.ServerOptions{ServerID: 1, LogBin: true})
	r.replica = mysqltest.StartServer(t, mysqltest.ServerOptions{ServerID: 2})
	r.replica.ReplicateFrom(t, r.primary)
	dsn, err := mysql.CreateDatabase(ctx, r.primary.DSN, "ourspace")
	if err != nil {
		t.Fatal(err)
	}
	if r.primaryDB, err = mysql.Open(dsn); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.primaryDB.Close() })
	if err := mysql.Migrate(ctx, r.primaryDB); err != nil {
		t.Fatal(err)
	}
	r.m = mysqltest.NewMarket(t, r.primaryDB, 3, 1_000_000, start)
	// A used booking and its review, for the reviews' routes.
	guest, used := r.m.Guests[0], calendar.DateOf(start).AddDays(-7)
	bulk := mysql.NewBulk(r.primaryDB)
	if err := bulk.Bookings(ctx, []mysql.BookingRow{{ID: 900, SpaceID: r.m.Instant, GuestID: guest, HostID: r.m.HostID,
		Status: "completed", UseDate: used, Start: used.At(10 * 60), End: used.At(12 * 60), People: 2, Price: 20_000,
		Refund: space.RefundFlexible, CreatedAt: start.AddDate(0, 0, -8)}}); err != nil {
		t.Fatal(err)
	}
	if err := bulk.Reviews(ctx, []mysql.ReviewRow{{ID: 1, BookingID: 900, SpaceID: r.m.Instant, AuthorID: guest, Rating: 5,
		Body: "주인에게 쓴 후기", CreatedAt: start.AddDate(0, 0, -6)}}); err != nil {
		t.Fatal(err)
	}
	r.review = 1
	r.replica.WaitReplicated(t, r.primary, 20*time.Second)
	r.replicaDB = r.replica.Open(t, "ourspace")
	t.Logf("two servers started, replication set up, schema and market replicated in %s", time.Since(began).Round(time.Millisecond))
	return r
}

// app is a fresh application (fresh caches) reading discovery from the replica.
func (r replicated) app() app.Application {
	return service.NewApplication(r.primaryDB, service.Options{Clock: r.clock, Media: ports.PrefixURLs{Base: "https://cdn.test/"},
		ReadReplica: r.replicaDB})
}

func (r replicated) replicaExec(t *testing.T, q string, args ...any) {
	t.Helper()
	if _, err := r.replicaDB.ExecContext(context.Background(), q, args...); err != nil {
		t.Fatalf("on the replica: %s: %v", q, err)
	}
}

// selects counts the SELECT statements a server has run.
func selects(t *testing.T, admin *sql.DB) int64 {
	t.Helper()
	var name string
	var n int64
	if err := admin.QueryRow("SHOW GLOBAL STATUS LIKE 'Com_select'").Scan(&name, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestReadReplicaTakesDiscoveryAndThePrimaryTheRest pins which server each
// read use case asks, by the SELECTs each server counts around one call.
func TestReadReplicaTakesDiscoveryAndThePrimaryTheRest(t *testing.T) {
	t.Parallel()
	r := newReplicated(t)
	a := r.app()
	ctx := context.Background()
	guest, host := r.m.Guests[0], r.m.HostID
	primaryAdmin, replicaAdmin := r.primary.Open(t, ""), r.replica.Open(t, "")
	// SHOW STATUS may count itself; what a call adds is measured above that.
	p0, r0 := selects(t, primaryAdmin), selects(t, replicaAdmin)
	pBase, rBase := selects(t, primaryAdmin)-p0, selects(t, replicaAdmin)-r0
	cases := []struct {
		name      string
		onReplica bool
		call      func() error
	}{
		{"reference districts", true, func() error { _, err := a.Queries.Reference.Districts(ctx); return err }},
		{"search", true, func() error {
			_, err := a.Queries.SearchSpaces.Handle(ctx, query.SearchSpaces{Params: search.Params{Districts: []int64{1}}, Viewer: guest})
			return err
		}},
		{"listed space detail", true, func() error { _, err := a.Queries.GetSpace.HandleFor(ctx, guest, r.m.Instant); return err }},
		{"a space's reviews", true, func() error {
			_, err := a.Queries.Reviews.SpaceReviews(ctx, r.m.Instant, "newest", "", 10)
			return err
		}},
		{"one review", true, func() error { _, err := a.Queries.Reviews.Get(ctx, r.review); return err }},
		{"availability", false, func() error {
			_, err := a.Queries.SpaceAvailability.Handle(ctx, r.m.Instant, useDate)
			return err
		}},
		{"host's own space", false, func() error { _, err := a.Queries.GetSpace.Hosted(ctx, host, r.m.Approval); return err }},
		{"author's own review", false, func() error { _, err := a.Queries.Reviews.Own(ctx, guest, r.review); return err }},
		{"my bookings", false, func() error { _, err := a.Queries.Bookings.Mine(ctx, guest, "past", "", 10); return err }},
		{"host's bookings", false, func() error {
			_, err := a.Queries.Bookings.Hosting(ctx, query.HostBookingsQuery{HostID: host, Limit: 10})
			return err
		}},
		{"my spaces", false, func() error { _, err := a.Queries.HostSpaces.Handle(ctx, host, "", 10); return err }},
		{"my likes", false, func() error { _, err := a.Queries.Likes.Handle(ctx, guest, "", 10); return err }},
		{"me", false, func() error { _, err := a.Queries.Me.Handle(ctx, guest); return err }},
		{"my points", false, func() error { _, err := a.Queries.Me.ListPoints(ctx, guest, "", 10); return err }},
		{"my notifications", false, func() error { _, err := a.Queries.Notifications.Handle(ctx, guest, "", 10); return err }},
	}
	for _, c := range cases {
		p, rp := selects(t, primaryAdmin), selects(t, replicaAdmin)
		if err := c.call(); err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		onPrimary, onReplica := selects(t, primaryAdmin)-p-pBase, selects(t, replicaAdmin)-rp-rBase
		switch {
		case c.onReplica && (onReplica == 0 || onPrimary != 0):
			t.Errorf("%s ran %d SELECTs on the primary and %d on the replica; want all on the replica", c.name, onPrimary, onReplica)
		case !c.onReplica && (onPrimary == 0 || onReplica != 0):
			t.Errorf("%s ran %d SELECTs on the primary and %d on the replica; want all on the primary", c.name, onPrimary, onReplica)
		}
	}
}

// TestReadReplicaLagShowsInDiscoveryOnly: with the replica's SQL thread
// stopped, a space the host just listed is missing from search and detail
// but there for its host; after catch-up it is found. A row changed on the
// replica alone shows in discovery and not in its owner's views. A booking
// made while replication is stopped is in "my bookings", availability and
// the balance at once.
func TestReadReplicaLagShowsInDiscoveryOnly(t *testing.T) {
	t.Parallel()
	r := newReplicated(t)
	ctx := context.Background()
	guest := r.m.Guests[1]
	listed := func(a app.Application, id int64) bool {
		t.Helper()
		page, err := a.Queries.SearchSpaces.Handle(ctx, query.SearchSpaces{Params: search.Params{Districts: []int64{1}}, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page.Items {
			if c.ID == id {
				return true
			}
		}
		return false
	}

	// Lag: the replica applies nothing while the host lists a new space.
	r.replicaExec(t, "STOP SLAVE SQL_THREAD")
	capacity, _ := space.NewCapacity(1, 8)
	pricing, _ := space.NewPricing(&space.Hourly{PricePerHour: 15_000, MinHours: 1}, nil)
	opening := map[time.Weekday]calendar.Window{time.Friday: calendar.MustWindow(10*60, 20*60)}
	const fresh = 3
	if err := mysql.NewBulk(r.primaryDB).Spaces(ctx, []mysql.SpaceRow{{ID: fresh, HostID: r.m.HostID, Status: space.StatusActive,
		Title: "방금 올린 스튜디오", Description: "설명", Address: "서울 강남구 테헤란로 2", DistrictID: 1, CategoryID: 1, Lat: 37.5, Lng: 127.04,
		Capacity: capacity, Opening: opening, Pricing: pricing, Refund: space.RefundFlexible, PhotoKeys: []string{"s/3/0.jpg"},
		CreatedAt: start}}); err != nil {
		t.Fatal(err)
	}
	a := r.app()
	if listed(a, fresh) {
		t.Error("search lists a space the replica has not applied yet: it did not read the replica")
	}
	if _, err := a.Queries.GetSpace.HandleFor(ctx, 0, fresh); !errors.Is(err, space.ErrNotFound) {
		t.Errorf("detail of the unreplicated space: %v, want not found (from the replica)", err)
	}
	if d, err := a.Queries.GetSpace.Hosted(ctx, r.m.HostID, fresh); err != nil || d.Title != "방금 올린 스튜디오" {
		t.Errorf("the host's view of the space just listed: %q, %v; want it from the primary", d.Title, err)
	}
	r.replicaExec(t, "START SLAVE SQL_THREAD")
	caught := time.Now()
	r.replica.WaitReplicated(t, r.primary, 10*time.Second)
	t.Logf("replica caught up in %s", time.Since(caught).Round(time.Millisecond))
	if !listed(r.app(), fresh) {
		t.Error("after catch-up search does not list the new space")
	}

	// Divergence: rows changed on the replica alone (not binlogged).
	r.replicaExec(t, "SET SESSION sql_log_bin = 0")
	r.replicaExec(t, "UPDATE spaces SET title = '복제본의 제목' WHERE id = ?", r.m.Instant)
	r.replicaExec(t, "UPDATE reviews SET body = '복제본의 후기' WHERE id = ?", r.review)
	r.replicaExec(t, "INSERT INTO districts (id, name, lat, lng, icon_url) VALUES (99, '복제본구', 37.5, 127, '/i/99')")
	a = r.app()
	if d, err := a.Queries.GetSpace.HandleFor(ctx, guest, r.m.Instant); err != nil || d.Title != "복제본의 제목" {
		t.Errorf("public detail title %q, %v; want the replica's", d.Title, err)
	}
	if d, err := a.Queries.GetSpace.Hosted(ctx, r.m.HostID, r.m.Instant); err != nil || d.Title == "복제본의 제목" {
		t.Errorf("the host's view title %q, %v; want the primary's", d.Title, err)
	}
	if p, err := a.Queries.Reviews.SpaceReviews(ctx, r.m.Instant, "newest", "", 10); err != nil || len(p.Items) != 1 || p.Items[0].Body != "복제본의 후기" {
		t.Errorf("public reviews %+v, %v; want the replica's body", p.Items, err)
	}
	if rv, err := a.Queries.Reviews.Own(ctx, r.m.Guests[0], r.review); err != nil || rv.Body != "주인에게 쓴 후기" {
		t.Errorf("the author's own review %q, %v; want the primary's body", rv.Body, err)
	}
	if ds, err := a.Queries.Reference.Districts(ctx); err != nil || len(ds) != 2 {
		t.Errorf("districts %+v, %v; want the replica's two", ds, err)
	}

	// Read-your-writes: replication stopped entirely, the guest books and pays.
	r.replicaExec(t, "STOP SLAVE")
	before, err := a.Queries.Me.Handle(ctx, guest)
	if err != nil {
		t.Fatal(err)
	}
	e := env{app: a, db: r.primaryDB, m: r.m, clock: r.clock}
	v, err := a.Commands.CreateBooking.Handle(ctx, e.request(guest, r.m.Day), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: guest, BookingID: v.ID}, ""); err != nil {
		t.Fatal(err)
	}
	mine, err := a.Queries.Bookings.Mine(ctx, guest, "upcoming", "", 10)
	if err != nil || len(mine.Items) != 1 || mine.Items[0].ID != v.ID || mine.Items[0].Status != "confirmed" {
		t.Errorf("my bookings right after booking: %+v, %v; want booking %d confirmed", mine.Items, err, v.ID)
	}
	day, err := a.Queries.SpaceAvailability.Handle(ctx, r.m.Instant, useDate)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range day.Day.Packages {
		if int64(p.Package.ID) == r.m.Day && p.Available() {
			t.Error("availability still offers the package just booked: it read the stopped replica")
		}
	}
	if after, err := a.Queries.Me.Handle(ctx, guest); err != nil || after.PointsBalance != before.PointsBalance-50_000 {
		t.Errorf("balance %d after paying 50,000 from %d (%v)", after.PointsBalance, before.PointsBalance, err)
	}
	var onReplica int
	if err := r.replicaDB.QueryRow("SELECT COUNT(*) FROM bookings WHERE id = ?", v.ID).Scan(&onReplica); err != nil || onReplica != 0 {
		t.Fatalf("the stopped replica has the booking (%d, %v): the test proves nothing", onReplica, err)
	}
	r.replicaExec(t, "START SLAVE")
	r.replica.WaitReplicated(t, r.primary, 10*time.Second)
	if err := r.replicaDB.QueryRow("SELECT COUNT(*) FROM bookings WHERE id = ?", v.ID).Scan(&onReplica); err != nil || onReplica != 1 {
		t.Errorf("after START SLAVE the replica has %d of the booking (%v)", onReplica, err)
	}
}
