// Command booking is the booking load run of docs/performance.md: many
// guests booking and paying (POST /v1/bookings then POST /pay, each with an
// Idempotency-Key) against a running server, across many spaces or on one
// hot space, for a fixed time; then it checks, in the database, that no two
// blocking bookings of a space overlap and that every guest's balance is
// their ledger's sum, what the server says, and what the run paid.
//
// The guests sign in through the development login (login_hint=new), so the
// server must run without Kakao settings; give it a large
// OURSPACE_WELCOME_POINTS so points never run out. Loopback only.
//
//	go run ./scripts/bench/booking -base http://127.0.0.1:18080 \
//	  -dsn 'root@tcp(127.0.0.1:3306)/ourspace_bench' -guests 200 -conns 32 -duration 30s [-hot]
package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/go-sql-driver/mysql"

	"github.com/ourspace/ourspace/domain/calendar"
)

func main() {
	base := flag.String("base", "http://127.0.0.1:18080", "server under test (loopback)")
	dsn := flag.String("dsn", "root@tcp(127.0.0.1:3306)/ourspace_bench?parseTime=true", "the server's database, for targets and checks")
	guests := flag.Int("guests", 200, "guests signed in")
	conns := flag.Int("conns", 32, "concurrent workers (connections)")
	duration := flag.Duration("duration", 30*time.Second, "length of the measured run")
	hot := flag.Bool("hot", false, "every worker books one space (the most popular instant one)")
	seed := flag.Uint64("seed", uint64(time.Now().UnixNano()), "random seed (default: the clock, so runs pick new dates)")
	flag.Parse()
	u, err := url.Parse(*base)
	if err != nil || (u.Hostname() != "127.0.0.1" && u.Hostname() != "localhost" && u.Hostname() != "::1") {
		log.Fatal("-base must be a loopback URL")
	}
	if !strings.Contains(*dsn, "parseTime") {
		*dsn += map[bool]string{true: "&", false: "?"}[strings.Contains(*dsn, "?")] + "parseTime=true"
	}
	db, err := sql.Open("mysql", *dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()

	targets, err := loadTargets(ctx, db, *hot, *seed)
	if err != nil {
		log.Fatal(err)
	}
	var firstNew int64
	if err := db.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) + 1 FROM bookings").Scan(&firstNew); err != nil {
		log.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: *conns * 2, MaxIdleConnsPerHost: *conns * 2}, Timeout: 30 * time.Second}
	log.Printf("signing in %d guests", *guests)
	tokens := make([]string, *guests)
	for i := range tokens {
		if tokens[i], err = signIn(*base); err != nil {
			log.Fatalf("sign in: %v", err)
		}
	}
	log.Printf("%d targets (space %d first); running %d workers for %s", len(targets), targets[0].space, *conns, *duration)

	var st stats
	deadline := time.Now().Add(*duration)
	today := calendar.DateOf(time.Now())
	var wg sync.WaitGroup
	for w := range *conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(*seed, uint64(w)))
			for time.Now().Before(deadline) {
				t := targets[rng.IntN(len(targets))]
				token := tokens[rng.IntN(len(tokens))]
				date := today.AddDays(2 + rng.IntN(87))
				st.attempt(client, *base, token, t, date, rng)
			}
		}()
	}
	start := time.Now()
	wg.Wait()
	elapsed := time.Since(start)
	st.report(elapsed)
	if err := check(ctx, db, client, *base, tokens, firstNew); err != nil {
		log.Fatalf("CHECK FAILED: %v", err)
	}
	fmt.Println("checks: no overlapping blocking bookings; every balance equals its ledger, the server's answer and the run's payments")
}

// target is a package of an instant, active space, or (pkg 0) its hourly
// pricing: minHours from a random opening hour of the use date's weekday.
type target struct {
	space, pkg int64
	people     int
	minHours   int
	opening    map[time.Weekday][2]int // hours open..close
}

// loadTargets lists every package of instant, active spaces; with hot, the
// packages and hours of one popular instant space sold both ways (hours give
// a hot space many more distinct slots than its packages).
func loadTargets(ctx context.Context, db *sql.DB, hot bool, seed uint64) ([]target, error) {
	q := `SELECT s.id, p.id, s.capacity_min FROM spaces s JOIN space_packages p ON p.space_id = s.id
	      WHERE s.status = 'active' AND NOT s.needs_approval`
	var args []any
	var hotID int64
	if hot {
		// One of the 100 most liked, drawn by the seed: a run fills its
		// space's calendar, so the next run takes another.
		err := db.QueryRowContext(ctx, `SELECT id FROM (SELECT id FROM spaces WHERE status = 'active' AND NOT needs_approval
			AND hourly_price IS NOT NULL AND EXISTS (SELECT 1 FROM space_packages WHERE space_id = spaces.id)
			ORDER BY like_count DESC, id LIMIT 100) top ORDER BY id LIMIT 1 OFFSET ?`, seed%100).Scan(&hotID)
		if err != nil {
			return nil, fmt.Errorf("hot space: %w", err)
		}
		q += " AND s.id = ?"
		args = append(args, hotID)
	}
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []target
	for rows.Next() {
		var t target
		if err := rows.Scan(&t.space, &t.pkg, &t.people); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errors.New("no bookable packages in the database")
	}
	if hot {
		h := target{space: hotID, people: out[0].people, opening: map[time.Weekday][2]int{}}
		if err := db.QueryRowContext(ctx, "SELECT min_hours FROM spaces WHERE id = ?", hotID).Scan(&h.minHours); err != nil {
			return nil, err
		}
		hours, err := db.QueryContext(ctx, "SELECT weekday, open_minute DIV 60, close_minute DIV 60 FROM space_opening_hours WHERE space_id = ?", hotID)
		if err != nil {
			return nil, err
		}
		defer hours.Close()
		for hours.Next() {
			var wd, open, close int
			if err := hours.Scan(&wd, &open, &close); err != nil {
				return nil, err
			}
			h.opening[time.Weekday(wd)] = [2]int{open, close}
		}
		if err := hours.Err(); err != nil {
			return nil, err
		}
		// As many hourly targets as package ones: half the attempts each.
		for range len(out) {
			out = append(out, h)
		}
	}
	return out, nil
}

// signIn plays a browser through the development login as a new user and
// returns an access token.
func signIn(base string) (string, error) {
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := browser.Get(base + "/v1/auth/kakao/login")
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	resp, err = browser.Get(resp.Header.Get("Location") + "&login_hint=new")
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	resp, err = browser.Get(resp.Header.Get("Location"))
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		return "", err
	}
	frag, _ := url.ParseQuery(loc.Fragment)
	var tokens struct {
		AccessToken string `json:"access_token"`
	}
	code, err := post(http.DefaultClient, base+"/v1/auth/login-code", "", "", map[string]string{"code": frag.Get("code")}, &tokens)
	if err != nil {
		return "", fmt.Errorf("login code: %w", err)
	}
	if code != http.StatusOK {
		return "", fmt.Errorf("login code: %d", code)
	}
	return tokens.AccessToken, nil
}

func post(c *http.Client, url, token, key string, body, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(http.MethodPost, url, rd)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err == nil && out != nil && resp.StatusCode < 300 {
		err = json.Unmarshal(raw, out)
	}
	return resp.StatusCode, err
}

type stats struct {
	mu                       sync.Mutex
	roundTrips               []time.Duration // booking + payment, for booked-and-paid attempts
	paid, conflicts, refused atomic.Int64
	payRefused, errors       atomic.Int64
}

func (s *stats) attempt(c *http.Client, base, token string, t target, date calendar.Date, rng *rand.Rand) {
	key := fmt.Sprintf("bench-%x", rng.Uint64())
	body := map[string]any{"space_id": t.space, "date": date.String(), "people": t.people,
		"contact": map[string]string{"name": "부하 테스트", "phone": "010-0000-0000", "email": "load@example.com"}}
	if t.pkg != 0 {
		body["package_id"] = t.pkg
	} else if open, ok := t.opening[date.Weekday()]; ok && open[1]-open[0] >= t.minHours {
		body["start_hour"], body["hours"] = open[0]+rng.IntN(open[1]-open[0]-t.minHours+1), t.minHours
	} else {
		body["start_hour"], body["hours"] = 0, t.minHours // closed that weekday: refused, counted as such
	}
	began := time.Now()
	var b struct {
		ID int64 `json:"id"`
	}
	code, err := post(c, base+"/v1/bookings", token, key, body, &b)
	switch {
	case err != nil || code >= 500:
		s.errors.Add(1)
		return
	case code == http.StatusConflict:
		s.conflicts.Add(1)
		return
	case code == http.StatusUnprocessableEntity:
		s.refused.Add(1) // not sold that weekday, closed date, too soon
		return
	case code != http.StatusCreated:
		s.errors.Add(1)
		return
	}
	code, err = post(c, fmt.Sprintf("%s/v1/bookings/%d/pay", base, b.ID), token, key+"-pay", nil, nil)
	switch {
	case err != nil || code >= 500:
		s.errors.Add(1)
	case code != http.StatusOK:
		s.payRefused.Add(1)
	default:
		s.paid.Add(1)
		s.mu.Lock()
		s.roundTrips = append(s.roundTrips, time.Since(began))
		s.mu.Unlock()
	}
}

func (s *stats) report(elapsed time.Duration) {
	sort.Slice(s.roundTrips, func(i, j int) bool { return s.roundTrips[i] < s.roundTrips[j] })
	pct := func(p float64) float64 {
		if len(s.roundTrips) == 0 {
			return 0
		}
		return float64(s.roundTrips[int(p*float64(len(s.roundTrips)-1))].Microseconds()) / 1000
	}
	attempts := s.paid.Load() + s.conflicts.Load() + s.refused.Load() + s.payRefused.Load() + s.errors.Load()
	fmt.Printf("RESULT seconds=%.1f attempts=%d attempts_per_s=%.1f booked_and_paid=%d booked_and_paid_per_s=%.1f conflicts=%d refused=%d pay_refused=%d errors=%d p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f\n",
		elapsed.Seconds(), attempts, float64(attempts)/elapsed.Seconds(), s.paid.Load(), float64(s.paid.Load())/elapsed.Seconds(),
		s.conflicts.Load(), s.refused.Load(), s.payRefused.Load(), s.errors.Load(), pct(0.5), pct(0.9), pct(0.99))
}

// check verifies the run's invariants in the database and through the API.
func check(ctx context.Context, db *sql.DB, c *http.Client, base string, tokens []string, firstNew int64) error {
	var overlaps int64
	err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM bookings a JOIN bookings b
		ON b.space_id = a.space_id AND b.id <> a.id AND b.start_at < a.end_at AND b.end_at > a.start_at
		WHERE a.id >= ? AND (a.status IN ('confirmed', 'completed') OR (a.status IN ('payment_due', 'requested') AND a.deadline > UTC_TIMESTAMP(6)))
		  AND (b.status IN ('confirmed', 'completed') OR (b.status IN ('payment_due', 'requested') AND b.deadline > UTC_TIMESTAMP(6)))`, firstNew).Scan(&overlaps)
	if err != nil {
		return err
	}
	if overlaps != 0 {
		return fmt.Errorf("%d overlapping pairs of blocking bookings", overlaps)
	}
	for _, token := range tokens {
		req, _ := http.NewRequest(http.MethodGet, base+"/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		var me struct {
			ID            int64 `json:"id"`
			PointsBalance int64 `json:"points_balance"`
		}
		err = json.NewDecoder(resp.Body).Decode(&me)
		resp.Body.Close()
		if err != nil {
			return err
		}
		var ledger, grants, paid int64
		if err := db.QueryRowContext(ctx, `SELECT COALESCE(SUM(amount), 0), COALESCE(SUM(CASE WHEN kind = 'grant' THEN amount END), 0)
			FROM points_ledger WHERE user_id = ?`, me.ID).Scan(&ledger, &grants); err != nil {
			return err
		}
		if err := db.QueryRowContext(ctx, `SELECT COALESCE(SUM(price), 0) FROM bookings WHERE guest_id = ? AND status = 'confirmed'`, me.ID).Scan(&paid); err != nil {
			return err
		}
		if ledger != me.PointsBalance || ledger != grants-paid || ledger < 0 {
			return fmt.Errorf("user %d: ledger %d, server %d, grants %d − paid %d", me.ID, ledger, me.PointsBalance, grants, paid)
		}
	}
	return nil
}
