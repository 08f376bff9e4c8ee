package seed_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"image/jpeg"
	"io"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/ourspace/ourspace/adapters/devoidc"
	"github.com/ourspace/ourspace/adapters/kakao"
	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/adapters/mysql/seed"
	"github.com/ourspace/ourspace/adapters/s3store"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
	"github.com/ourspace/ourspace/domain/user"
)

// now is a Wednesday afternoon in Seoul.
var now = time.Date(2026, time.July, 15, 14, 30, 0, 0, calendar.Seoul)

func count(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// zero fails the test when query counts any row; what names the rule.
func zero(t *testing.T, db *sql.DB, what, query string, args ...any) {
	t.Helper()
	if n := count(t, db, query, args...); n != 0 {
		t.Errorf("%s: %d rows break it", what, n)
	}
}

// blocking is the SQL of a booking that holds its range at the instant ?.
const blocking = `(%[1]s.status = 'confirmed' OR (%[1]s.status IN ('payment_due', 'requested') AND %[1]s.deadline > ?))`

func isBlocking(alias string) string { return strings.ReplaceAll(blocking, "%[1]s", alias) }

// checkInvariants asserts the rules every seeded database keeps.
func checkInvariants(t *testing.T, db *sql.DB, at time.Time) {
	t.Helper()
	zero(t, db, "like_count equals the likes rows",
		`SELECT COUNT(*) FROM spaces s WHERE s.like_count <> (SELECT COUNT(*) FROM likes l WHERE l.space_id = s.id)`)
	zero(t, db, "rating_count and rating_sum equal the reviews",
		`SELECT COUNT(*) FROM spaces s WHERE s.rating_count <> (SELECT COUNT(*) FROM reviews r WHERE r.space_id = s.id)
		 OR s.rating_sum <> (SELECT COALESCE(SUM(r.rating), 0) FROM reviews r WHERE r.space_id = s.id)`)
	zero(t, db, "blocking bookings of a space never overlap",
		`SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.space_id = b.space_id AND a.id < b.id
		 AND a.start_at < b.end_at AND b.start_at < a.end_at WHERE `+isBlocking("a")+` AND `+isBlocking("b"), at.UTC(), at.UTC())
	zero(t, db, "people within the space's capacity",
		`SELECT COUNT(*) FROM bookings b JOIN spaces s ON s.id = b.space_id WHERE b.people < s.capacity_min OR b.people > s.capacity_max`)
	zero(t, db, "one booking a space and date",
		`SELECT COUNT(*) FROM (SELECT space_id, use_date FROM bookings GROUP BY space_id, use_date HAVING COUNT(*) > 1) x`)
	// Seoul midnight of a use date is 15:00 UTC the day before.
	zero(t, db, "bookings lie within their Seoul use date",
		`SELECT COUNT(*) FROM bookings WHERE start_at < DATE_SUB(use_date, INTERVAL 9 HOUR) OR end_at > DATE_ADD(use_date, INTERVAL 15 HOUR) OR start_at >= end_at`)
	zero(t, db, "package bookings match a package of their space",
		`SELECT COUNT(*) FROM bookings b JOIN space_packages p ON p.id = b.package_id
		 WHERE p.space_id <> b.space_id OR p.price <> b.price OR p.weekdays & (1 << (DAYOFWEEK(b.use_date) - 1)) = 0
		 OR b.start_at <> DATE_ADD(DATE_SUB(b.use_date, INTERVAL 9 HOUR), INTERVAL p.start_minute MINUTE)
		 OR b.end_at <> DATE_ADD(DATE_SUB(b.use_date, INTERVAL 9 HOUR), INTERVAL p.end_minute MINUTE)`)
	zero(t, db, "hourly bookings lie inside opening hours at hours × hourly price",
		`SELECT COUNT(*) FROM bookings b JOIN spaces s ON s.id = b.space_id
		 LEFT JOIN space_opening_hours h ON h.space_id = b.space_id AND h.weekday = DAYOFWEEK(b.use_date) - 1
		 WHERE b.package_id IS NULL AND (h.space_id IS NULL OR s.hourly_price IS NULL
		 OR TIMESTAMPDIFF(MINUTE, DATE_SUB(b.use_date, INTERVAL 9 HOUR), b.start_at) < h.open_minute
		 OR TIMESTAMPDIFF(MINUTE, DATE_SUB(b.use_date, INTERVAL 9 HOUR), b.end_at) > h.close_minute
		 OR TIMESTAMPDIFF(MINUTE, b.start_at, b.end_at) < 60 * s.min_hours
		 OR b.price <> TIMESTAMPDIFF(HOUR, b.start_at, b.end_at) * s.hourly_price)`)
	zero(t, db, "no booking on a closed date",
		`SELECT COUNT(*) FROM bookings b JOIN space_closed_dates c ON c.space_id = b.space_id AND c.day = b.use_date`)
	zero(t, db, "holds and requests have deadlines, other states none",
		`SELECT COUNT(*) FROM bookings WHERE (status IN ('payment_due', 'requested')) <> (deadline IS NOT NULL)`)
	zero(t, db, "requests only on spaces that need approval",
		`SELECT COUNT(*) FROM bookings b JOIN spaces s ON s.id = b.space_id WHERE b.status = 'requested' AND NOT s.needs_approval`)
	zero(t, db, "reviews are by the guest of a completed booking, rated 1–5, 10–200 characters",
		`SELECT COUNT(*) FROM reviews r JOIN bookings b ON b.id = r.booking_id
		 WHERE b.status <> 'completed' OR r.author_id <> b.guest_id OR r.space_id <> b.space_id
		 OR r.rating NOT BETWEEN 1 AND 5 OR CHAR_LENGTH(r.body) NOT BETWEEN 10 AND 200
		 OR r.created_at < b.end_at OR r.created_at > DATE_ADD(b.end_at, INTERVAL 14 DAY) OR r.created_at > ?`, at.UTC())
	zero(t, db, "spaces have 1–20 photos numbered from 1",
		`SELECT COUNT(*) FROM spaces s WHERE (SELECT COUNT(*) FROM space_photos p WHERE p.space_id = s.id) NOT BETWEEN 1 AND 20
		 OR EXISTS (SELECT 1 FROM space_photos p WHERE p.space_id = s.id AND p.detail_key NOT REGEXP
		   CONCAT('^(demo/spaces/', s.id, '/', p.position + 1, '[.]svg|spaces/', s.id, '/', p.position + 1, '-[0-9a-f]{16}[.]jpg)$'))`)
	// Lists of cards read their photos from the space's row (RefreshCardPhotos),
	// checked here element by element with MariaDB's JSON functions.
	zero(t, db, "card_photos holds the first five photos of the space, in order",
		`SELECT COUNT(*) FROM spaces s WHERE JSON_VALID(s.card_photos) = 0
		 OR JSON_LENGTH(s.card_photos) <> LEAST(5, (SELECT COUNT(*) FROM space_photos p WHERE p.space_id = s.id))
		 OR EXISTS (SELECT 1 FROM space_photos p WHERE p.space_id = s.id AND p.position < 5 AND NOT (
		   JSON_VALUE(s.card_photos, CONCAT('$[', p.position, '][0]')) = p.id
		   AND JSON_VALUE(s.card_photos, CONCAT('$[', p.position, '][1]')) = p.detail_key
		   AND JSON_VALUE(s.card_photos, CONCAT('$[', p.position, '][2]')) = p.thumb_key))`)
	if n := count(t, db, "SELECT COUNT(*) FROM spaces WHERE card_photos = '[]'"); n != 0 {
		t.Errorf("%d spaces have no card photos", n)
	}
	zero(t, db, "spaces have 2–6 facilities",
		`SELECT COUNT(*) FROM spaces s WHERE (SELECT COUNT(*) FROM space_facilities f WHERE f.space_id = s.id) NOT BETWEEN 2 AND 6`)
	zero(t, db, "spaces lie within about 2 km of their district's centre",
		`SELECT COUNT(*) FROM spaces s JOIN districts d ON d.id = s.district_id
		 WHERE ABS(s.lat - d.lat) * 111320 > 2010 OR ABS(s.lng - d.lng) * 111320 * COS(RADIANS(d.lat)) > 2010`)
	zero(t, db, "money is whole thousands of won",
		`SELECT (SELECT COUNT(*) FROM spaces WHERE hourly_price % 1000 <> 0 OR list_price % 1000 <> 0)
		 + (SELECT COUNT(*) FROM space_packages WHERE price % 1000 <> 0) + (SELECT COUNT(*) FROM bookings WHERE price % 1000 <> 0 OR price <= 0)`)
	zero(t, db, "users are Kakao accounts seed-<id>, or the demo accounts",
		`SELECT COUNT(*) FROM users WHERE provider <> 'kakao' OR nickname = ''
		 OR (subject <> CONCAT('seed-', id) AND subject NOT IN (?, ?))`, seed.DemoGuestSubject, seed.DemoHostSubject)
	zero(t, db, "a booking's host is its space's host",
		`SELECT COUNT(*) FROM bookings b JOIN spaces s ON s.id = b.space_id WHERE b.host_id <> s.host_id`)
	zero(t, db, "no points balance is negative",
		`SELECT COUNT(*) FROM (SELECT user_id FROM points_ledger GROUP BY user_id HAVING SUM(amount) < 0) x`)
	zero(t, db, "spaces are created before now",
		`SELECT COUNT(*) FROM spaces WHERE created_at > ? OR created_at < DATE_SUB(?, INTERVAL 2 YEAR)`, at.UTC(), at.UTC())
	zero(t, db, "bookings are made after their space and no later than now",
		`SELECT COUNT(*) FROM bookings b JOIN spaces s ON s.id = b.space_id WHERE b.created_at < s.created_at OR b.created_at > ?`, at.UTC())
	zero(t, db, "nobody books or likes their own space",
		`SELECT (SELECT COUNT(*) FROM bookings b JOIN spaces s ON s.id = b.space_id WHERE b.guest_id = s.host_id)
		 + (SELECT COUNT(*) FROM likes l JOIN spaces s ON s.id = l.space_id WHERE l.user_id = s.host_id)`)
}

// photoStore is a real S3-compatible server on loopback behind the S3 adapter.
func photoStore(t *testing.T) *s3store.Store {
	t.Helper()
	srv := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
	t.Cleanup(srv.Close)
	s, err := s3store.New(s3store.Config{Endpoint: srv.URL, Bucket: "media", PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureBucket(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDemo(t *testing.T) {
	db, _ := mysqltest.NewDatabase(t)
	photos := photoStore(t)
	if err := seed.Demo(context.Background(), mysql.NewBulk(db), photos, now); err != nil {
		t.Fatal(err)
	}
	checkDemoPhotos(t, db, photos)
	for table, want := range map[string]int{"districts": 25, "categories": 8, "facilities": 10, "bookings": 1500} {
		if got := count(t, db, "SELECT COUNT(*) FROM "+table); got != want {
			t.Errorf("%s: %d rows, want %d", table, got, want)
		}
	}
	for _, kind := range []string{"district", "category", "facility"} {
		table := map[string]string{"district": "districts", "category": "categories", "facility": "facilities"}[kind]
		zero(t, db, kind+" icons are /static/icons/"+kind+"/<slug>.svg",
			`SELECT COUNT(*) FROM `+table+` WHERE icon_url NOT REGEXP ?`, "^/static/icons/"+kind+"/[a-z0-9-]+\\.svg$")
	}
	if n := count(t, db, "SELECT COUNT(*) FROM districts WHERE name = '강남구' AND ABS(lat - 37.517) < 0.02 AND ABS(lng - 127.047) < 0.02"); n != 1 {
		t.Errorf("강남구 with its centre stored %d times, want 1", n)
	}
	if n := count(t, db, "SELECT COUNT(*) FROM spaces"); n < 300 {
		t.Errorf("%d spaces, want at least 300", n)
	}
	if n := count(t, db, "SELECT COUNT(*) FROM spaces WHERE status = 'active'"); n < 280 {
		t.Errorf("%d active spaces, want at least 280", n)
	}
	if n := count(t, db, "SELECT COUNT(DISTINCT category_id) * 100 + COUNT(DISTINCT district_id) FROM spaces"); n != 825 {
		t.Errorf("spaces use %d categories and %d districts, want all 8 and 25", n/100, n%100)
	}
	for what, query := range map[string]string{
		"likes":                          "SELECT COUNT(*) FROM likes",
		"reviews":                        "SELECT COUNT(*) FROM reviews",
		"package bookings":               "SELECT COUNT(*) FROM bookings WHERE package_id IS NOT NULL",
		"hourly bookings":                "SELECT COUNT(*) FROM bookings WHERE package_id IS NULL",
		"hourly-only spaces":             "SELECT COUNT(*) FROM spaces s WHERE hourly_price IS NOT NULL AND NOT EXISTS (SELECT 1 FROM space_packages p WHERE p.space_id = s.id)",
		"package-only spaces":            "SELECT COUNT(*) FROM spaces s WHERE hourly_price IS NULL",
		"overnight packages":             "SELECT COUNT(*) FROM space_packages WHERE start_minute = 1200 AND end_minute = 1740",
		"weekend packages":               "SELECT COUNT(*) FROM space_packages WHERE weekdays = 65",
		"custom refund policies":         "SELECT COUNT(*) FROM spaces WHERE refund_policy = 'custom' AND refund_rules <> ''",
		"spaces needing approval":        "SELECT COUNT(*) FROM spaces WHERE needs_approval",
		"closed dates":                   "SELECT COUNT(*) FROM space_closed_dates",
		"completed past bookings":        "SELECT COUNT(*) FROM bookings WHERE status = 'completed'",
		"cancelled bookings":             "SELECT COUNT(*) FROM bookings WHERE status = 'cancelled_by_guest'",
		"confirmed future bookings":      "SELECT COUNT(*) FROM bookings WHERE status = 'confirmed' AND start_at > ?",
		"holds still blocking":           "SELECT COUNT(*) FROM bookings WHERE status IN ('payment_due', 'requested') AND deadline > ?",
		"holds past their deadline":      "SELECT COUNT(*) FROM bookings WHERE status IN ('payment_due', 'requested') AND deadline <= ?",
		"spaces with more than one like": "SELECT COUNT(*) FROM spaces WHERE like_count > 1",
	} {
		var args []any
		if strings.Contains(query, "?") {
			args = append(args, now.UTC())
		}
		if count(t, db, query, args...) == 0 {
			t.Errorf("no %s", what)
		}
	}
	zero(t, db, "past bookings are mostly completed, future ones mostly confirmed",
		`SELECT (SELECT SUM(status = 'completed') * 10 < COUNT(*) * 7 FROM bookings WHERE end_at <= ?)
		 + (SELECT SUM(status = 'confirmed') * 10 < COUNT(*) * 7 FROM bookings WHERE start_at > ?)`, now.UTC(), now.UTC())
	zero(t, db, "bookings fall from 60 days before now to 89 days after",
		`SELECT COUNT(*) FROM bookings WHERE use_date NOT BETWEEN ? AND ?`,
		calendar.DateOf(now).AddDays(-60).String(), calendar.DateOf(now).AddDays(89).String())
	zero(t, db, "spaces are created in id order",
		`SELECT COUNT(*) FROM (SELECT created_at, LAG(created_at) OVER (ORDER BY id) AS prev FROM spaces) x WHERE x.prev > x.created_at`)
	checkInvariants(t, db, now)
	checkDemoAccounts(t, db, now)
}

// checkDemoAccounts asserts what the development login relies on: the demo
// guest and host exist once each with one welcome grant, signing in as them
// creates nothing, and the host owns active spaces, some taking requests.
func checkDemoAccounts(t *testing.T, db *sql.DB, now time.Time) {
	t.Helper()
	ctx := context.Background()
	if seed.DemoGuestSubject != devoidc.DemoSubject || seed.DemoHostSubject != devoidc.DemoHostSubject {
		t.Errorf("seed's demo subjects %q, %q differ from the development login's %q, %q",
			seed.DemoGuestSubject, seed.DemoHostSubject, devoidc.DemoSubject, devoidc.DemoHostSubject)
	}
	if n := count(t, db, "SELECT COUNT(*) FROM users"); n != 52 {
		t.Errorf("%d users, want the 50 generated and the 2 demo accounts", n)
	}
	var hostID int64
	for _, subject := range []string{seed.DemoGuestSubject, seed.DemoHostSubject} {
		var id int64
		var nickname string
		// Stored under the provider name the Kakao adapter (and so the
		// development login) gives identities.
		err := db.QueryRowContext(ctx, "SELECT id, nickname FROM users WHERE provider = ? AND subject = ?", kakao.Provider, subject).Scan(&id, &nickname)
		if err != nil {
			t.Fatalf("demo account %s: %v", subject, err)
		}
		if subject == seed.DemoHostSubject {
			hostID = id
		}
		if n := count(t, db, "SELECT COUNT(*) FROM points_ledger WHERE user_id = ?", id); n != 1 {
			t.Errorf("%s has %d ledger entries, want the one welcome grant", subject, n)
		}
		if n := count(t, db, "SELECT COUNT(*) FROM points_ledger WHERE user_id = ? AND kind = 'grant' AND amount = ? AND booking_id IS NULL", id, seed.DemoAccountPoints); n != 1 {
			t.Errorf("%s has no grant of %d points", subject, seed.DemoAccountPoints)
		}
		if n := count(t, db, "SELECT COUNT(*) FROM bookings WHERE guest_id = ?", id); subject == seed.DemoHostSubject && n != 0 {
			t.Errorf("%s has %d bookings as a guest, want none", subject, n)
		}
		// Signing in upserts the identity: the seeded row is found, not
		// created, so the login grants no second welcome.
		err = mysql.NewStore(db).InTx(ctx, func(r ports.Repositories) error {
			u, created, err := r.Users.Upsert(ctx, user.Identity{Provider: kakao.Provider, Subject: subject, Nickname: nickname}, now.Add(time.Hour))
			if err != nil {
				return err
			}
			if created || int64(u.ID) != id {
				t.Errorf("signing in as %s: user %d, created %v; want the seeded %d, not created", subject, u.ID, created, id)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := count(t, db, "SELECT COUNT(*) FROM points_ledger"); n != 2 {
		t.Errorf("%d ledger entries, want the demo accounts' two grants", n)
	}
	// The detail reads these in memory only while they stay this short (queries/space_get.sql).
	if n := count(t, db, "SELECT COUNT(*) FROM space_photos WHERE CHAR_LENGTH(detail_key) > ? OR CHAR_LENGTH(thumb_key) > ?", space.MaxObjectKey, space.MaxObjectKey); n != 0 {
		t.Errorf("%d photo keys longer than %d characters", n, space.MaxObjectKey)
	}
	if n := count(t, db, "SELECT COUNT(*) FROM facilities WHERE CHAR_LENGTH(icon_url) > 80"); n != 0 {
		t.Errorf("%d facility icon URLs longer than 80 characters", n)
	}
	// The demo guest's visits: recent, completed, unreviewed, at the demo host's.
	if n := count(t, db, `SELECT COUNT(*) FROM bookings b JOIN users u ON u.id = b.guest_id AND u.subject = ?
		WHERE b.host_id = ? AND b.status = 'completed' AND b.end_at > ?
		  AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.booking_id = b.id)`, seed.DemoGuestSubject, hostID, now.Add(-13*24*time.Hour).UTC()); n < 1 || n > 3 {
		t.Errorf("the demo guest has %d reviewable visits at the demo host's, want 1–3", n)
	}
	if n := count(t, db, "SELECT COUNT(*) FROM spaces WHERE host_id = ? AND status = 'active'", hostID); n != 10 {
		t.Errorf("the demo host owns %d active spaces, want 10", n)
	}
	if n := count(t, db, "SELECT COUNT(*) FROM spaces WHERE host_id = ?", hostID); n != 10 {
		t.Errorf("the demo host owns %d spaces, want 10", n)
	}
	if n := count(t, db, "SELECT COUNT(*) FROM spaces WHERE host_id = ? AND needs_approval", hostID); n < 5 || n > 8 {
		t.Errorf("%d of the demo host's spaces take requests, want about half (5 switched, a few more by chance)", n)
	}
	if n := count(t, db, "SELECT COUNT(*) FROM spaces WHERE host_id = ? AND NOT needs_approval", hostID); n == 0 {
		t.Error("every space of the demo host takes requests; want some instant ones")
	}
	if n := count(t, db, "SELECT COUNT(DISTINCT category_id) FROM spaces WHERE host_id = ?", hostID); n < 3 {
		t.Errorf("the demo host's spaces are of %d categories, want variety", n)
	}
	if n := count(t, db, "SELECT COUNT(*) FROM bookings WHERE host_id = ?", hostID); n == 0 {
		t.Error("the demo host's spaces have no bookings")
	}
	if n := count(t, db, "SELECT COUNT(*) FROM bookings b JOIN spaces s ON s.id = b.space_id WHERE s.host_id = ? AND b.host_id <> ?", hostID, hostID); n != 0 {
		t.Errorf("%d bookings of the demo host's spaces name another host", n)
	}
}

func TestDemoIsDeterministic(t *testing.T) {
	ctx := context.Background()
	var prints [2]int
	var hosted [2]string
	for i := range prints {
		db, _ := mysqltest.NewDatabase(t)
		if err := seed.Demo(ctx, mysql.NewBulk(db), photoStore(t), now); err != nil {
			t.Fatal(err)
		}
		prints[i] = fingerprint(t, db)
		if err := db.QueryRowContext(ctx, `SELECT GROUP_CONCAT(s.id, ':', s.needs_approval ORDER BY s.id) FROM spaces s
			JOIN users u ON u.id = s.host_id WHERE u.subject = ?`, seed.DemoHostSubject).Scan(&hosted[i]); err != nil {
			t.Fatal(err)
		}
	}
	if prints[0] != prints[1] || hosted[0] != hosted[1] {
		t.Errorf("two demo seeds differ: fingerprints %d and %d, the host's spaces %s and %s", prints[0], prints[1], hosted[0], hosted[1])
	}
}

func TestFillTwiceAppends(t *testing.T) {
	db, _ := mysqltest.NewDatabase(t)
	ctx := context.Background()
	b := mysql.NewBulk(db)
	if err := seed.Reference(ctx, b); err != nil {
		t.Fatal(err)
	}
	for round := 1; round <= 2; round++ {
		var progress []string
		err := seed.Fill(ctx, b, seed.Options{Spaces: 500, Bookings: 3000, Now: now, Seed: 3,
			Progress: func(format string, args ...any) { progress = append(progress, format) }})
		if err != nil {
			t.Fatalf("fill %d: %v", round, err)
		}
		if len(progress) == 0 {
			t.Errorf("fill %d reported no progress", round)
		}
		for table, want := range map[string]int{"users": 50 * round, "spaces": 500 * round, "bookings": 3000 * round} {
			if got := count(t, db, "SELECT COUNT(*) FROM "+table); got != want {
				t.Errorf("after fill %d: %d %s, want %d", round, got, table, want)
			}
			// Ids run on from the stored ones without gaps.
			if got := count(t, db, "SELECT COALESCE(MAX(id), 0) FROM "+table); got != want {
				t.Errorf("after fill %d: largest %s id %d, want %d", round, table, got, want)
			}
		}
		if got := count(t, db, "SELECT COUNT(*) FROM reviews"); got != count(t, db, "SELECT MAX(id) FROM reviews") || got == 0 {
			t.Errorf("after fill %d: %d reviews, ids not contiguous from 1", round, got)
		}
	}
	zero(t, db, "the second fill's spaces are hosted, booked and liked by its own users",
		`SELECT (SELECT COUNT(*) FROM spaces WHERE id > 500 AND host_id <= 50)
		 + (SELECT COUNT(*) FROM bookings WHERE space_id > 500 AND guest_id <= 50)
		 + (SELECT COUNT(*) FROM likes WHERE space_id > 500 AND user_id <= 50)`)
	zero(t, db, "each fill creates its spaces in id order",
		`SELECT COUNT(*) FROM (SELECT created_at, LAG(created_at) OVER (PARTITION BY id > 500 ORDER BY id) AS prev FROM spaces) x
		 WHERE x.prev > x.created_at`)
	if count(t, db, "SELECT COUNT(*) FROM bookings WHERE space_id > 500") != 3000 {
		t.Error("the second fill's bookings are not all on its own spaces")
	}
	checkInvariants(t, db, now)
}

// fingerprint sums checksums of the rows a fill writes, to compare fills.
func fingerprint(t *testing.T, db *sql.DB) int {
	return count(t, db, `SELECT
		(SELECT SUM(CRC32(CONCAT_WS('|', id, host_id, status, title, subtitle, description, address, district_id, category_id,
			lat, lng, capacity_min, capacity_max, hourly_price, min_hours, list_price, like_count, rating_sum, created_at))) FROM spaces)
		+ (SELECT SUM(CRC32(CONCAT_WS('|', id, space_id, guest_id, status, start_at, end_at, deadline, package_id, people, price, created_at))) FROM bookings)
		+ (SELECT SUM(CRC32(CONCAT_WS('|', id, booking_id, rating, body, created_at))) FROM reviews)
		+ (SELECT SUM(CRC32(CONCAT_WS('|', user_id, space_id, created_at))) FROM likes)
		+ (SELECT SUM(CRC32(CONCAT_WS('|', id, nickname, email, created_at))) FROM users)`)
}

func TestFillIsDeterministic(t *testing.T) {
	ctx := context.Background()
	prints := map[uint64][]int{}
	for _, s := range []uint64{7, 7, 8} {
		db, _ := mysqltest.NewDatabase(t)
		b := mysql.NewBulk(db)
		if err := seed.Reference(ctx, b); err != nil {
			t.Fatal(err)
		}
		if err := seed.Fill(ctx, b, seed.Options{Spaces: 200, Bookings: 1000, Now: now, Seed: s}); err != nil {
			t.Fatal(err)
		}
		prints[s] = append(prints[s], fingerprint(t, db))
	}
	if prints[7][0] != prints[7][1] {
		t.Errorf("the same seed gave different data: %d and %d", prints[7][0], prints[7][1])
	}
	if prints[7][0] == prints[8][0] {
		t.Error("seeds 7 and 8 gave the same data")
	}
}

func TestFillNeedsReferenceData(t *testing.T) {
	db, _ := mysqltest.NewDatabase(t)
	err := seed.Fill(context.Background(), mysql.NewBulk(db), seed.Options{Spaces: 10, Bookings: 10, Now: now})
	if err == nil {
		t.Fatal("Fill without reference data succeeded")
	}
}

func TestFillRejectsBadOptions(t *testing.T) {
	for _, o := range []seed.Options{{Spaces: -1}, {Bookings: -1}, {Users: -1}, {Bookings: 5}} {
		// The zero Bulk has no database: options must be refused before any is used.
		if err := seed.Fill(context.Background(), mysql.Bulk{}, o); err == nil {
			t.Errorf("Fill(%+v) succeeded", o)
		}
	}
}

// Two spaces cannot take a thousand bookings at one a day: Fill writes what
// fits and says how many it left out.
func TestFillReportsBookingsThatDoNotFit(t *testing.T) {
	db, _ := mysqltest.NewDatabase(t)
	ctx := context.Background()
	b := mysql.NewBulk(db)
	if err := seed.Reference(ctx, b); err != nil {
		t.Fatal(err)
	}
	var notes []string
	err := seed.Fill(ctx, b, seed.Options{Spaces: 2, Bookings: 1000, Now: now,
		Progress: func(format string, args ...any) { notes = append(notes, format) }})
	if err != nil {
		t.Fatal(err)
	}
	n := count(t, db, "SELECT COUNT(*) FROM bookings")
	if n == 0 || n > 2*150 {
		t.Errorf("%d bookings on 2 spaces, want some and at most 300", n)
	}
	if !slices.ContainsFunc(notes, func(s string) bool { return strings.Contains(s, "left out") }) {
		t.Errorf("no progress note on bookings left out in %q", notes)
	}
	checkInvariants(t, db, now)
}

func TestReferenceTables(t *testing.T) {
	slug := regexp.MustCompile(`^[a-z0-9-]+$`)
	for kind, want := range map[string]int{"district": 25, "category": 8, "facility": 10} {
		got := seed.IconSlugs[kind]
		if len(got) != want {
			t.Errorf("%d %s slugs, want %d", len(got), kind, want)
		}
		if len(slices.Compact(slices.Sorted(slices.Values(got)))) != len(got) {
			t.Errorf("%s slugs repeat: %v", kind, got)
		}
		for _, s := range got {
			if !slug.MatchString(s) {
				t.Errorf("%s slug %q is not lower-case ASCII", kind, s)
			}
		}
	}
	for _, s := range []string{"gangnam", "party-room", "wifi"} {
		if !slices.Contains(slices.Concat(seed.IconSlugs["district"], seed.IconSlugs["category"], seed.IconSlugs["facility"]), s) {
			t.Errorf("slug %q missing", s)
		}
	}
}

func TestReferenceNames(t *testing.T) {
	db, _ := mysqltest.NewDatabase(t)
	if err := seed.Reference(context.Background(), mysql.NewBulk(db)); err != nil {
		t.Fatal(err)
	}
	names := func(table string) []string {
		rows, err := db.Query("SELECT name FROM " + table + " ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if got, want := names("categories"), []string{"파티룸", "연습실", "보컬연습실", "스터디룸", "촬영스튜디오", "회의실", "세미나실", "악기연습실"}; !slices.Equal(got, want) {
		t.Errorf("categories %v, want %v", got, want)
	}
	if got, want := names("facilities"), []string{"TV", "Wi-Fi", "반려동물 동반", "침대", "주류 허용", "주차", "빔프로젝터", "화이트보드", "주방", "샤워실"}; !slices.Equal(got, want) {
		t.Errorf("facilities %v, want %v", got, want)
	}
	ds := names("districts")
	if len(ds) != 25 || len(slices.Compact(slices.Sorted(slices.Values(ds)))) != 25 {
		t.Errorf("districts %v, want 25 distinct", ds)
	}
	for _, d := range ds {
		if !strings.HasSuffix(d, "구") {
			t.Errorf("district %q is not a gu", d)
		}
	}
	zero(t, db, "district centres lie in Seoul",
		`SELECT COUNT(*) FROM districts WHERE lat NOT BETWEEN 37.42 AND 37.70 OR lng NOT BETWEEN 126.76 AND 127.19`)
}

// checkDemoPhotos reads every demo photo back from the store: each is a
// 480×320 JPEG, and no two spaces share a cover photo.
func checkDemoPhotos(t *testing.T, db *sql.DB, photos ports.ObjectStore) {
	t.Helper()
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, "SELECT space_id, position, detail_key FROM space_photos ORDER BY space_id, position")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	covers := map[[32]byte]int64{}
	n := 0
	for rows.Next() {
		var spaceID int64
		var position int
		var key string
		if err := rows.Scan(&spaceID, &position, &key); err != nil {
			t.Fatal(err)
		}
		obj, err := photos.Get(ctx, key)
		if err != nil {
			t.Fatalf("photo %s of space %d: %v", key, spaceID, err)
		}
		body, _ := io.ReadAll(obj.Body)
		obj.Body.Close()
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(body))
		if err != nil || cfg.Width != 480 || cfg.Height != 320 || obj.ContentType != "image/jpeg" {
			t.Fatalf("photo %s: %v, %dx%d, %s", key, err, cfg.Width, cfg.Height, obj.ContentType)
		}
		if position == 0 {
			sum := sha256.Sum256(body)
			if other, dup := covers[sum]; dup {
				t.Errorf("spaces %d and %d have the same cover photo", other, spaceID)
			}
			covers[sum] = spaceID
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 320 || len(covers) != 320 {
		t.Errorf("%d photos, %d covers; want a cover for each of the 320 spaces", n, len(covers))
	}
}
