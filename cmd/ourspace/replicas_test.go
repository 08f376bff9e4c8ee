package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/accesstoken"
	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/adapters/webhook"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// apiProcess is one `ourspace serve` process and its JSON log.
type apiProcess struct {
	name, base, logPath string
	cmd                 *exec.Cmd
	exited              chan struct{}
}

func startAPIProcess(t *testing.T, name string, env []string) *apiProcess {
	t.Helper()
	port := freePort(t)
	p := &apiProcess{name: name, base: "http://127.0.0.1:" + port, logPath: filepath.Join(t.TempDir(), name+".log"), exited: make(chan struct{})}
	out, err := os.Create(p.logPath)
	if err != nil {
		t.Fatal(err)
	}
	p.cmd = exec.Command(os.Args[0], "serve")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "OURSPACE_") {
			p.cmd.Env = append(p.cmd.Env, kv)
		}
	}
	p.cmd.Env = append(p.cmd.Env, append(env, childEnv+"=1", "OURSPACE_HTTP_ADDR=127.0.0.1:"+port,
		"OURSPACE_DATA_DIR="+t.TempDir(), "OURSPACE_LOG_FORMAT=json")...)
	p.cmd.Stdout, p.cmd.Stderr = out, out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = p.cmd.Wait()
		_ = out.Close()
		close(p.exited)
	}()
	t.Cleanup(func() { p.stop(t) })
	deadline := time.Now().Add(30 * time.Second)
	poll := &http.Client{Timeout: 2 * time.Second}
	for {
		resp, err := poll.Get(p.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		select {
		case <-p.exited:
			t.Fatalf("process %s exited before it was ready:\n%s", name, p.log())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("process %s not ready in 30 s:\n%s", name, p.log())
		}
	}
}

// stop sends SIGTERM and waits: the process must shut down cleanly.
func (p *apiProcess) stop(t *testing.T) {
	select {
	case <-p.exited:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
		if !p.cmd.ProcessState.Success() {
			t.Errorf("process %s ended with %v:\n%s", p.name, p.cmd.ProcessState, p.log())
		}
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.exited
		t.Errorf("process %s ignored SIGTERM for 20 s", p.name)
	}
}

func (p *apiProcess) log() string {
	b, _ := os.ReadFile(p.logPath)
	return string(b)
}

// sum adds up the integer field of the log lines with message msg.
func (p *apiProcess) sum(t *testing.T, msg, field string) int {
	t.Helper()
	total := 0
	sc := bufio.NewScanner(strings.NewReader(p.log()))
	for sc.Scan() {
		var line map[string]any
		if json.Unmarshal(sc.Bytes(), &line) != nil || line["msg"] != msg {
			continue
		}
		n, _ := line[field].(float64)
		total += int(n)
	}
	return total
}

// hookReceiver records every delivery by event id. Each takes 15 ms, so a
// burst of events outlasts one worker's batch and both processes' workers
// deliver.
type hookReceiver struct {
	secret []byte
	mu     sync.Mutex
	seen   map[string]int    // event id → deliveries
	event  map[string]string // event id → kind and booking id
	bad    int
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var e webhook.Event
	if !webhook.Verify(h.secret, body, r.Header.Get(webhook.SignatureHeader)) || json.Unmarshal(body, &e) != nil {
		h.mu.Lock()
		h.bad++
		h.mu.Unlock()
		http.Error(w, "bad delivery", http.StatusBadRequest)
		return
	}
	time.Sleep(15 * time.Millisecond)
	h.mu.Lock()
	h.seen[e.ID]++
	h.event[e.ID] = fmt.Sprintf("%s %d", e.Kind, e.BookingID)
	h.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

// attempt is one booking request and what became of it.
type attempt struct {
	guest    int64
	via      *apiProcess
	date     string
	slot     string // "day" 09–15, "night" 15–22, "hours" 14–17
	status   int
	id       int64
	problem  string
	from, to int // minutes of the day, for overlap
}

// burstHolds is how many lapsed holds TestTwoProcessesShareOneDatabase adds
// for the sweepers and the outbox workers.
const burstHolds = 300

// TestTwoProcessesShareOneDatabase runs two `ourspace serve` processes on
// one database, with their sweepers and outbox workers. Forty guests try
// to book overlapping slots of one space at once, half through each
// process: the winners never overlap, each loser was refused (409) for a
// winner that overlaps it, and no slot is won twice. The winners then pay
// or let their holds lapse, and 300 more lapsed holds arrive at once: every
// hold is expired once and every event reaches the webhook exactly once,
// though both processes sweep and deliver.
func TestTwoProcessesShareOneDatabase(t *testing.T) {
	began := time.Now()
	db, dsn := mysqltest.NewDatabase(t)
	now := time.Now()
	m := mysqltest.NewMarket(t, db, 40, 1_000_000, now)
	secret := "two-processes-share-one-session-secret"
	keys, err := loadSecrets(config{SessionSecret: secret}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	signer, err := accesstoken.New(keys.accessToken)
	if err != nil {
		t.Fatal(err)
	}
	// A session per guest, signed with the shared secret: a token from one
	// process is good on the other.
	tokens := map[int64]string{}
	for _, g := range m.Guests {
		family, hash := make([]byte, 16), make([]byte, 32)
		_, _ = rand.Read(family)
		_, _ = rand.Read(hash)
		if _, err := db.Exec("INSERT INTO sessions (family_id, user_id, refresh_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
			hex.EncodeToString(family), g, hash, now.UTC(), now.Add(time.Hour).UTC()); err != nil {
			t.Fatal(err)
		}
		if tokens[g], err = signer.Issue(ports.AccessClaims{UserID: g, FamilyID: hex.EncodeToString(family)}, now, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	hookSecret := "webhook-secret-of-two-processes-0123456789"
	rc := &hookReceiver{secret: []byte(hookSecret), seen: map[string]int{}, event: map[string]string{}}
	hook := httptest.NewServer(rc)
	t.Cleanup(hook.Close)
	env := []string{"OURSPACE_MYSQL_DSN=" + dsn, "OURSPACE_SEED_DEMO=false", "OURSPACE_SESSION_SECRET=" + secret,
		"OURSPACE_WEBHOOK_URL=" + hook.URL, "OURSPACE_WEBHOOK_SECRET=" + hookSecret, "OURSPACE_SWEEP_INTERVAL=1s"}
	a, b := startAPIProcess(t, "a", env), startAPIProcess(t, "b", env)
	t.Logf("database, market and two processes ready in %s", time.Since(began).Round(time.Millisecond))

	client := &http.Client{Timeout: 15 * time.Second}
	post := func(p *apiProcess, guest int64, path string, body any) (int, []byte) {
		raw, _ := json.Marshal(body)
		req, _ := http.NewRequest(http.MethodPost, p.base+path, bytes.NewReader(raw))
		req.Header.Set("Authorization", "Bearer "+tokens[guest])
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			t.Errorf("POST %s via %s: %v", path, p.name, err)
			return 0, nil
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, out
	}

	// Four dates, ten guests each: four want the day package (09–15),
	// three the night package (15–22), three the hours 14–17, which
	// overlap both packages.
	today := calendar.DateOf(now)
	attempts := make([]*attempt, 40)
	for i, g := range m.Guests {
		at := &attempt{guest: g, via: a, date: today.AddDays(3 + i/10).String()}
		if i%2 == 1 {
			at.via = b
		}
		switch k := i % 10; {
		case k < 4:
			at.slot, at.from, at.to = "day", 9*60, 15*60
		case k < 7:
			at.slot, at.from, at.to = "night", 15*60, 22*60
		default:
			at.slot, at.from, at.to = "hours", 14*60, 17*60
		}
		attempts[i] = at
	}
	contact := map[string]string{"name": "김민지", "phone": "010-1234-5678", "email": "minji@example.com"}
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for _, at := range attempts {
		wg.Go(func() {
			body := map[string]any{"space_id": m.Instant, "date": at.date, "people": 2, "contact": contact}
			switch at.slot {
			case "day":
				body["package_id"] = m.Day
			case "night":
				body["package_id"] = m.Night
			default:
				body["start_hour"], body["hours"] = 14, 3
			}
			<-gate
			var out struct {
				ID int64 `json:"id"`
			}
			var raw []byte
			at.status, raw = post(at.via, at.guest, "/v1/bookings", body)
			_ = json.Unmarshal(raw, &out)
			at.id, at.problem = out.ID, string(raw)
		})
	}
	booking := time.Now()
	close(gate)
	wg.Wait()
	answered := time.Since(booking)

	var won []*attempt
	for _, at := range attempts {
		switch at.status {
		case http.StatusCreated:
			won = append(won, at)
		case http.StatusConflict:
		default:
			t.Errorf("guest %d via %s (%s %s): %d %s", at.guest, at.via.name, at.date, at.slot, at.status, at.problem)
		}
	}
	overlap := func(x, y *attempt) bool { return x.date == y.date && x.from < y.to && y.from < x.to }
	for i, x := range won {
		for _, y := range won[i+1:] {
			if overlap(x, y) {
				t.Errorf("both won: %s %s (booking %d) and %s %s (booking %d)", x.date, x.slot, x.id, y.date, y.slot, y.id)
			}
		}
	}
	for _, at := range attempts {
		if at.status != http.StatusConflict {
			continue
		}
		refusedFor := false
		for _, w := range won {
			refusedFor = refusedFor || overlap(at, w)
		}
		if !refusedFor {
			t.Errorf("guest %d was refused %s %s though no winner overlaps it", at.guest, at.date, at.slot)
		}
	}
	t.Logf("40 concurrent booking attempts through two processes answered in %s: %d won", answered.Round(time.Millisecond), len(won))
	// Per date either the two packages win or the hours alone: 4 to 8.
	if len(won) < 4 || len(won) > 8 {
		t.Errorf("%d bookings won, want 4 to 8", len(won))
	}
	var overlapping int
	if err := db.QueryRow(`SELECT COUNT(*) FROM bookings x JOIN bookings y ON x.space_id = y.space_id AND x.id < y.id
		AND x.start_at < y.end_at AND y.start_at < x.end_at
		WHERE x.status IN ('confirmed', 'payment_due', 'requested') AND y.status IN ('confirmed', 'payment_due', 'requested')`).Scan(&overlapping); err != nil {
		t.Fatal(err)
	}
	if overlapping != 0 {
		t.Errorf("%d pairs of live bookings overlap in the database", overlapping)
	}

	// Every other winner pays, through the process it did not book with;
	// the other holds lapse at once, for both processes' sweepers.
	paid := map[int64]bool{}
	for i, w := range won {
		if i%2 == 1 {
			continue
		}
		other := a
		if w.via == a {
			other = b
		}
		if status, body := post(other, w.guest, fmt.Sprintf("/v1/bookings/%d/pay", w.id), struct{}{}); status != http.StatusOK {
			t.Fatalf("pay booking %d via %s: %d %s", w.id, other.name, status, body)
		}
		paid[w.id] = true
	}
	// And a burst: 300 more holds that lapsed while no process ran, on
	// later dates, each an event once swept.
	lapsedAt := time.Now().Add(-time.Second)
	var burst []mysql.BookingRow
	for i := range burstHolds {
		d := today.AddDays(10 + i/10)
		burst = append(burst, mysql.BookingRow{ID: int64(10_000 + i), SpaceID: m.Instant, GuestID: m.Guests[i%40], HostID: m.HostID,
			Status: "payment_due", UseDate: d, Start: d.At((9 + i%10) * 60), End: d.At((10 + i%10) * 60), Deadline: &lapsedAt,
			People: 2, Price: 10_000, Refund: space.RefundFlexible, CreatedAt: lapsedAt.Add(-15 * time.Minute)})
	}
	if err := mysql.NewBulk(db).Bookings(context.Background(), burst); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE bookings SET deadline = ? WHERE status = 'payment_due'", lapsedAt.UTC()); err != nil {
		t.Fatal(err)
	}
	lapsed := len(won) - len(paid) + burstHolds
	events := len(won) + burstHolds
	count := func(q string) int {
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	settled := time.Now()
	for {
		rc.mu.Lock()
		received := len(rc.seen)
		rc.mu.Unlock()
		if count("SELECT COUNT(*) FROM bookings WHERE status = 'expired'") == lapsed &&
			count("SELECT COUNT(*) FROM outbox_events WHERE status = 'delivered'") == events && received == events {
			break
		}
		if time.Since(settled) > 20*time.Second {
			t.Fatalf("after 20 s: %d of %d holds expired, %d of %d events delivered, %d received",
				count("SELECT COUNT(*) FROM bookings WHERE status = 'expired'"), lapsed,
				count("SELECT COUNT(*) FROM outbox_events WHERE status = 'delivered'"), events, received)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("%d holds expired and %d events delivered %s after the payments", lapsed, events, time.Since(settled).Round(time.Millisecond))
	// Let a few more rounds of both processes' workers pass: nothing more
	// may be swept or sent.
	time.Sleep(2500 * time.Millisecond)
	a.stop(t)
	b.stop(t)

	if n := count("SELECT COUNT(*) FROM outbox_events"); n != events {
		t.Errorf("%d outbox events, want one per winner and lapsed hold (%d)", n, events)
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.bad != 0 {
		t.Errorf("%d deliveries with a bad signature or body", rc.bad)
	}
	want := map[string]bool{}
	for _, w := range won {
		kind := "booking_expired"
		if paid[w.id] {
			kind = "booking_confirmed"
		}
		want[fmt.Sprintf("%s %d", kind, w.id)] = true
	}
	for _, h := range burst {
		want[fmt.Sprintf("booking_expired %d", h.ID)] = true
	}
	for id, n := range rc.seen {
		if n != 1 {
			t.Errorf("event %s (%s) delivered %d times", id, rc.event[id], n)
		}
		if !want[rc.event[id]] {
			t.Errorf("unexpected event %s: %s", id, rc.event[id])
		}
		delete(want, rc.event[id])
	}
	if len(want) != 0 {
		t.Errorf("events never delivered: %v", want)
	}
	// The workers' own accounts: what each process says it did adds up to
	// the work there was, once.
	expiredA, expiredB := a.sum(t, "booking sweep", "expired"), b.sum(t, "booking sweep", "expired")
	sentA, sentB := a.sum(t, "event delivery", "delivered"), b.sum(t, "event delivery", "delivered")
	t.Logf("sweeps: a expired %d, b %d; deliveries: a %d, b %d", expiredA, expiredB, sentA, sentB)
	if expiredA+expiredB != lapsed {
		t.Errorf("the sweepers expired %d + %d holds, want %d in all", expiredA, expiredB, lapsed)
	}
	if sentA+sentB != events {
		t.Errorf("the workers delivered %d + %d events, want %d in all", sentA, sentB, events)
	}
	// One worker alone needs 15 ms × 300 = 4.5 s for the burst; the other
	// ticks every 2 s, so both must have delivered some.
	if sentA == 0 || sentB == 0 {
		t.Errorf("deliveries a %d, b %d: one process's worker never delivered", sentA, sentB)
	}
	t.Logf("whole test %s", time.Since(began).Round(time.Millisecond))
}
