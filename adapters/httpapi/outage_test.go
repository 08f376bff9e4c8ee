package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
)

// exchange is one request of the load and when it ran.
type exchange struct {
	what       string
	start, end time.Time
	reply
}

// The database stops under load and starts again: while it is down every
// answer is a 503 with Retry-After (never a 500, a 401 to a signed-in
// guest, or no answer); once it is back the API serves again by itself; and
// every booking that was answered 2xx is stored, once, though clients
// retried each 503 with the same Idempotency-Key. docs/faults.md keeps the
// counts this logs.
func TestDatabaseStoppedAndRestartedUnderLoad(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	server := mysqltest.StartServer(t, mysqltest.ServerOptions{})
	dsn, err := mysql.CreateDatabase(ctx, server.DSN, "ourspace")
	if err != nil {
		t.Fatal(err)
	}
	setup, err := mysql.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := mysql.Migrate(ctx, setup); err != nil {
		t.Fatal(err)
	}
	const workers = 4
	m := mysqltest.NewMarket(t, setup, workers, 100_000, time.Now())
	_ = setup.Close()
	e := newFaultEnv(t, dsn, httpapi.Timeouts{Request: 2 * time.Second}, contractServer(t))
	tokens := make([]string, workers)
	for i, g := range m.Guests {
		tokens[i] = e.signIn(t, fmt.Sprintf("guest-%d", g))
	}

	var (
		mu         sync.Mutex
		log        []exchange
		booked     = map[int64]string{} // booking id → idempotency key
		stop       = make(chan struct{})
		wg         sync.WaitGroup
		seoul      = time.FixedZone("KST", 9*3600)
		packages   = []int64{m.Day, m.Night}
		succeeded  = make([]int, workers) // 2xx bookings per worker, for recovery
		afterRetry int                    // bookings answered 201 on a retry of a 503
	)
	record := func(x exchange) {
		mu.Lock()
		defer mu.Unlock()
		log = append(log, x)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	for w := range workers {
		wg.Go(func() {
			// Worker w books slots of its own: two packages a day, days
			// w+1, w+1+workers, … within the 90-day horizon.
			for slot := 0; ; slot++ {
				day := 1 + w + workers*(slot/len(packages))
				if day > 89 {
					return
				}
				select {
				case <-stop:
					return
				default:
				}
				body := map[string]any{"space_id": m.Instant, "package_id": packages[slot%len(packages)], "people": 2,
					"date":    time.Now().In(seoul).AddDate(0, 0, day).Format(time.DateOnly),
					"contact": map[string]string{"name": "김민지", "phone": "010-1234-5678", "email": "minji@example.com"}}
				key := fmt.Sprintf("w%d-s%d", w, slot)
				// A client retries a 503 under the same key until it has an
				// answer; meanwhile it reads its profile (the session lookup)
				// and the space's availability.
				retried := false
				for done := false; !done; {
					start := time.Now()
					r := try(client, http.MethodPost, e.url+"/v1/bookings", tokens[w], body, "Idempotency-Key", key)
					record(exchange{"book", start, time.Now(), r})
					if r.status == http.StatusCreated {
						var b struct{ ID int64 }
						_ = json.Unmarshal([]byte(r.body), &b)
						mu.Lock()
						booked[b.ID] = key
						succeeded[w]++
						if retried {
							afterRetry++
						}
						mu.Unlock()
					}
					done, retried = r.status != http.StatusServiceUnavailable, true
					for what, path := range map[string]string{"me": "/v1/me",
						"availability": fmt.Sprintf("/v1/spaces/%d/availability?date=%s", m.Instant, body["date"])} {
						start := time.Now()
						r := try(client, http.MethodGet, e.url+path, tokens[w], nil)
						record(exchange{what, start, time.Now(), r})
					}
					time.Sleep(20 * time.Millisecond)
				}
			}
		})
	}
	countBooked := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(booked)
	}
	waitFor := func(what string, within time.Duration, done func() bool) {
		t.Helper()
		for deadline := time.Now().Add(within); !done(); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Errorf("%s: not within %s", what, within)
				return
			}
		}
	}
	waitFor("bookings before the outage", 10*time.Second, func() bool { return countBooked() >= 2*workers })

	server.Stop(t)
	down := time.Now()
	time.Sleep(1500 * time.Millisecond)
	up := time.Now()
	server.Start(t)
	started := time.Now()
	before := make([]int, workers)
	mu.Lock()
	copy(before, succeeded)
	mu.Unlock()
	waitFor("every client booking again after the restart", 15*time.Second, func() bool {
		mu.Lock()
		defer mu.Unlock()
		for w := range workers {
			if succeeded[w] < before[w]+2 {
				return false
			}
		}
		return true
	})
	close(stop)
	wg.Wait()

	counts := map[string]int{}
	var during, recovered int
	var firstAfter time.Time
	var bad []string
	for _, x := range log {
		counts[fmt.Sprintf("%s %d", x.what, x.status)]++
		isDuring := x.start.After(down) && x.end.Before(up)
		if isDuring {
			during++
		}
		switch {
		case x.err != nil, x.status != http.StatusOK && x.status != http.StatusCreated && x.status != http.StatusServiceUnavailable,
			x.status == http.StatusServiceUnavailable && x.retryAfter == "", isDuring && x.status != http.StatusServiceUnavailable:
			bad = append(bad, fmt.Sprintf("%s at %s (down %t): %v", x.what, x.start.Format("15:04:05.000"), isDuring, x.reply))
		}
		if x.start.After(started) && x.status/100 == 2 {
			recovered++
			if firstAfter.IsZero() || x.end.Before(firstAfter) {
				firstAfter = x.end
			}
		}
	}
	if len(bad) > 0 {
		t.Errorf("%d answers were not 2xx, or 503 with Retry-After (always 503 while the database was down), e.g.:\n%s",
			len(bad), strings.Join(bad[:min(len(bad), 5)], "\n"))
	}
	if during == 0 {
		t.Error("no request ran while the database was down")
	}

	// Every booking answered 2xx is stored, and nothing else: a retried
	// 503 never made a second booking.
	db := server.Open(t, "ourspace")
	var stored int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM bookings").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	missing := 0
	for id := range booked {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM bookings WHERE id = ?", id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			missing++
			t.Errorf("booking %d (key %s) was answered 201 but is not stored", id, booked[id])
		}
	}
	if stored != len(booked) {
		t.Errorf("%d bookings stored, %d answered 201", stored, len(booked))
	}
	t.Logf("%d requests: %v; %d ran entirely while the database was down; %d bookings answered 201 (%d on a retry after 503), "+
		"%d stored, %d missing; first 2xx %s after the restarted server answered, %d 2xx after it",
		len(log), counts, during, len(booked), afterRetry, stored, missing, firstAfter.Sub(started).Round(time.Millisecond), recovered)
}
