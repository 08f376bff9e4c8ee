package service_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/adapters/webhook"
	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/service"
)

var hookSecret = []byte("webhook-test-secret-0123456789")

// receiver is a webhook endpoint on loopback that checks signatures and
// fails on purpose: every third request answers 503, and every fifth
// takes longer than the sender waits.
type receiver struct {
	mu       sync.Mutex
	requests int
	seen     map[string]int // event id → deliveries accepted
	kinds    map[string]string
	forged   int
	down     bool // answer 500 to everything
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	rc.requests++
	n, down := rc.requests, rc.down
	rc.mu.Unlock()
	if !webhook.Verify(hookSecret, body, r.Header.Get(webhook.SignatureHeader)) {
		rc.mu.Lock()
		rc.forged++
		rc.mu.Unlock()
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	switch {
	case down, n%3 == 0:
		http.Error(w, "try later", http.StatusServiceUnavailable)
		return
	case n%5 == 0:
		time.Sleep(300 * time.Millisecond) // past the sender's timeout
	}
	var e webhook.Event
	if err := json.Unmarshal(body, &e); err != nil || e.ID != r.Header.Get(webhook.EventIDHeader) {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	rc.mu.Lock()
	rc.seen[e.ID]++
	rc.kinds[e.ID] = e.Kind
	rc.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func newDeliveryEnv(t *testing.T, attempts int) (env, *receiver) {
	t.Helper()
	db, _ := mysqltest.NewDatabase(t)
	clock := &testClock{at: start.UTC()}
	m := mysqltest.NewMarket(t, db, 3, 1_000_000, start)
	rc := &receiver{seen: map[string]int{}, kinds: map[string]string{}}
	srv := httptest.NewServer(rc)
	t.Cleanup(srv.Close)
	n, err := webhook.New(srv.URL, hookSecret, 100*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	a := service.NewApplication(db, service.Options{Clock: clock, Media: ports.PrefixURLs{Base: "https://cdn.test/"},
		Notifier: n, DeliveryAttempts: attempts})
	return env{app: a, db: db, m: m, clock: clock}, rc
}

// TestOutboxDeliversEveryEventAtLeastOnceThroughAFlakyReceiver: booking
// events recorded with their changes reach a receiver that fails a third
// of the time and times out on some, retried with backoff until each is in.
func TestOutboxDeliversEveryEventAtLeastOnceThroughAFlakyReceiver(t *testing.T) {
	t.Parallel()
	e, rc := newDeliveryEnv(t, 20)
	ctx := context.Background()
	for i, g := range e.m.Guests {
		pkg := []int64{e.m.Day, e.m.Night, e.m.Day}[i] // the first is cancelled, freeing its package
		v, err := e.app.Commands.CreateBooking.Handle(ctx, e.request(g, pkg), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: g, BookingID: v.ID}, ""); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := e.app.Commands.CancelBooking.Handle(ctx, command.CancelBooking{UserID: g, BookingID: v.ID}, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Three payments notify guest and host; one cancellation the host.
	if n := e.count(t, "SELECT COUNT(*) FROM outbox_events"); n != 4 {
		t.Fatalf("%d events in the outbox, want 4", n)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM notifications WHERE user_id = ?", e.m.HostID); n != 4 {
		t.Errorf("the host has %d notifications, want 4", n)
	}
	for round := 0; round < 30 && e.count(t, "SELECT COUNT(*) FROM outbox_events WHERE status <> 'delivered'") > 0; round++ {
		if _, err := e.app.Commands.DeliverEvents.Handle(ctx); err != nil {
			t.Fatal(err)
		}
		e.clock.Set(e.clock.Now().Add(2 * time.Hour)) // past any backoff and lease
	}
	if n := e.count(t, "SELECT COUNT(*) FROM outbox_events WHERE status <> 'delivered'"); n != 0 {
		t.Fatalf("%d events undelivered", n)
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if len(rc.seen) != 4 || rc.forged != 0 {
		t.Errorf("receiver saw %d distinct events (%v), %d forged; want 4, 0", len(rc.seen), rc.kinds, rc.forged)
	}
	if rc.requests <= 4 {
		t.Errorf("%d requests: the receiver's failures were never exercised", rc.requests)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM outbox_events WHERE attempts > 1"); n == 0 {
		t.Error("no event needed a retry")
	}
}

// TestOutboxGivesUpAfterTheLastAttempt: a receiver that is down makes every
// event dead after the configured tries, each try later than the one before.
func TestOutboxGivesUpAfterTheLastAttempt(t *testing.T) {
	t.Parallel()
	e, rc := newDeliveryEnv(t, 3)
	rc.down = true
	ctx := context.Background()
	g := e.m.Guests[0]
	v, err := e.app.Commands.CreateBooking.Handle(ctx, e.request(g, e.m.Day), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: g, BookingID: v.ID}, ""); err != nil {
		t.Fatal(err)
	}
	var waits []time.Duration
	for try := 1; try <= 3; try++ {
		d, err := e.app.Commands.DeliverEvents.Handle(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if try < 3 && d.Failed != 1 || try == 3 && d.Dead != 1 {
			t.Fatalf("try %d: %+v", try, d)
		}
		var next time.Time
		if err := e.db.QueryRow("SELECT next_attempt_at FROM outbox_events").Scan(&next); err != nil {
			t.Fatal(err)
		}
		waits = append(waits, next.Sub(e.clock.Now()))
		// Not due again before its backoff.
		if d, _ := e.app.Commands.DeliverEvents.Handle(ctx); d != (command.Delivered{}) {
			t.Fatalf("try %d: delivered again before the backoff: %+v", try, d)
		}
		e.clock.Set(next)
	}
	if waits[1] <= waits[0] {
		t.Errorf("backoff did not grow: %v", waits)
	}
	var status string
	var attempts int
	if err := e.db.QueryRow("SELECT status, attempts FROM outbox_events").Scan(&status, &attempts); err != nil {
		t.Fatal(err)
	}
	if status != "dead" || attempts != 3 {
		t.Errorf("after 3 failures: %s with %d attempts, want dead with 3", status, attempts)
	}
	rc.down = false
	e.clock.Set(e.clock.Now().Add(24 * time.Hour))
	if d, _ := e.app.Commands.DeliverEvents.Handle(ctx); d != (command.Delivered{}) {
		t.Errorf("a dead event was tried again: %+v", d)
	}
}
