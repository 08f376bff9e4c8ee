package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
)

// SIGTERM under load: the built binary stops taking connections, finishes
// every request in flight (some held at a stalled database when the signal
// comes, and for longer than a fixed 10 s grace would wait: as long as a
// request may run), stops its background workers and exits 0.
// docs/faults.md keeps the counts this logs.
func TestSIGTERMFinishesRequestsInFlightAndExitsZero(t *testing.T) {
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "ourspace")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db, dsn := mysqltest.NewDatabase(t)
	m := mysqltest.NewMarket(t, db, 1, 0, time.Now())
	proxy := mysqltest.NewProxy(t, dsn)
	port := freePort(t)
	base := "http://127.0.0.1:" + port
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "OURSPACE_HTTP_ADDR=127.0.0.1:"+port, "OURSPACE_MYSQL_DSN="+proxy.DSN,
		"OURSPACE_SEED_DEMO=false", "OURSPACE_DATA_DIR="+t.TempDir(), "OURSPACE_SWEEP_INTERVAL=1s",
		"OURSPACE_REQUEST_TIMEOUT=15s", "OURSPACE_LOG_FORMAT=json", "OURSPACE_ENV=development", "OURSPACE_KAKAO_CLIENT_ID=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var exitErr error
	exited := make(chan struct{})
	go func() { exitErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		select {
		case <-exited:
		default:
			_ = cmd.Process.Kill()
			<-exited
		}
	})
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case <-exited:
			t.Fatalf("the server stopped before it was ready: %v\n%s", exitErr, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready in 20 s:\n%s", stderr.String())
		}
	}

	type result struct {
		start, end time.Time
		status     int
		err        error
	}
	var (
		mu      sync.Mutex
		results []result
		stop    = make(chan struct{})
		load    sync.WaitGroup
	)
	date := time.Now().In(time.FixedZone("KST", 9*3600)).AddDate(0, 0, 2).Format(time.DateOnly)
	paths := []string{fmt.Sprintf("/v1/spaces/%d/availability?date=%s", m.Instant, date), "/v1/spaces?people=2",
		fmt.Sprintf("/v1/spaces/%d", m.Instant)}
	for w := range 8 {
		load.Go(func() {
			client := &http.Client{Timeout: 30 * time.Second}
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				r := result{start: time.Now()}
				resp, err := client.Get(base + paths[(w+i)%len(paths)])
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body) // a cut answer is an error here
					resp.Body.Close()
					r.status = resp.StatusCode
				}
				r.end, r.err = time.Now(), err
				mu.Lock()
				results = append(results, r)
				mu.Unlock()
				if err != nil {
					return // the server is gone
				}
			}
		})
	}
	time.Sleep(500 * time.Millisecond)
	const held = 11 * time.Second // within the request deadline (15 s)
	proxy.Stall()                 // the requests now sent wait for the database
	time.Sleep(300 * time.Millisecond)
	signalled := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(held)
	proxy.Resume()
	select {
	case <-exited:
	case <-time.After(held + 10*time.Second):
		t.Fatalf("still running 10 s after the database answered again:\n%s", stderr.String())
	}
	close(stop)
	load.Wait()

	if exitErr != nil {
		t.Errorf("exit: %v, want 0\n%s", exitErr, stderr.String())
	}
	var before, inFlight, refused int
	for _, r := range results {
		switch {
		case r.start.Before(signalled) && (r.err != nil || r.status != http.StatusOK):
			t.Errorf("a request sent before SIGTERM got %d, %v", r.status, r.err)
		case r.start.Before(signalled):
			before++
			if r.end.After(signalled) {
				inFlight++
			}
		case r.err != nil && !errors.Is(r.err, syscall.ECONNREFUSED) && !errors.Is(r.err, syscall.ECONNRESET) && !errors.Is(r.err, io.EOF):
			t.Errorf("a request sent after SIGTERM: %v, want an answer or a refused connection", r.err)
		case r.err != nil:
			refused++
		case r.status != http.StatusOK:
			t.Errorf("a request sent after SIGTERM got %d", r.status)
		}
	}
	if inFlight == 0 {
		t.Error("no request was in flight at SIGTERM")
	}
	logs := stderr.String()
	for _, want := range []string{`"msg":"shutting down"`, `"msg":"background workers stopped"`} {
		if !strings.Contains(logs, want) {
			t.Errorf("the log lacks %s:\n%s", want, logs)
		}
	}
	t.Logf("%d requests answered 200 before or across SIGTERM, %d of them in flight when it came; after it %d answered, %d found no server",
		before, inFlight, len(results)-before-refused, refused)
}
