package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/httpapi/contracttest"
	"github.com/ourspace/ourspace/adapters/metrics/metricstest"
	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
)

// A read replica that does not answer neither stops the server from
// starting nor makes it unready: discovery reads go to the primary,
// /readyz reports the replica, and the metrics count the fallbacks and
// show every worker's failure count.
func TestServeWithAReplicaThatIsDown(t *testing.T) {
	server := mysqltest.ServerDSN(t)
	apiAddr, metricsAddr := freeLoopbackAddr(t), freeLoopbackAddr(t)
	name := fmt.Sprintf("ourspace_replica_down_%d", time.Now().UnixNano())
	t.Setenv("OURSPACE_HTTP_ADDR", apiAddr)
	t.Setenv("OURSPACE_METRICS_ADDR", metricsAddr)
	t.Setenv("OURSPACE_MYSQL_READ_DSN", "root@tcp(127.0.0.1:1)/") // nothing listens on port 1
	t.Setenv("OURSPACE_DATABASE_NAME", name)
	t.Setenv("OURSPACE_MYSQL_DSN", os.Getenv("OURSPACE_TEST_MYSQL_DSN"))
	t.Setenv("OURSPACE_SEED_DEMO", "false")
	t.Setenv("OURSPACE_DATA_DIR", t.TempDir())
	t.Cleanup(func() {
		if db, err := mysql.Open(server); err == nil {
			_, _ = db.Exec("DROP DATABASE IF EXISTS `" + name + "`")
			_ = db.Close()
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	base := "http://" + apiAddr
	untilServing(t, base, done)

	client := &http.Client{Transport: contracttest.Load(t).Transport(t, nil)}
	for _, path := range []string{"/v1/districts", "/v1/spaces?people=2"} {
		if status := statusOf(t, client, base+path); status != http.StatusOK {
			t.Errorf("GET %s with the replica down: %d, want 200 from the primary", path, status)
		}
	}
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(body) != `{"status":"ready","replica":"unavailable"}` {
		t.Errorf("/readyz with the replica down: %d %s", resp.StatusCode, body)
	}
	s := metricstest.ScrapeURL(t, "http://"+metricsAddr+"/metrics")
	if n, _ := s.Get("ourspace_read_replica_fallbacks_total"); n < 1 {
		t.Errorf("ourspace_read_replica_fallbacks_total = %v, want the reads' connections to the primary counted", n)
	}
	if _, ok := s.Get("go_sql_max_open_connections", "db_name", "ourspace_replica"); !ok {
		t.Error("no pool metrics of the replica")
	}
	for _, worker := range []string{workerBookings, workerObjects, workerOutbox, workerPrune} {
		if n, ok := s.Get("ourspace_worker_failures_total", "worker", worker); !ok || n != 0 {
			t.Errorf("%s failures = %v (present %v), want a series at 0", worker, n, ok)
		}
	}
}
