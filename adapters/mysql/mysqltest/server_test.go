package mysqltest_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
)

// TestPrivateServerStopsAndStartsAgainWithItsData: a private server answers
// as root without a password, with the options asked for; once stopped no
// connection succeeds; started again on the same port it answers with the
// rows written before.
func TestPrivateServerStopsAndStartsAgainWithItsData(t *testing.T) {
	t.Parallel()
	began := time.Now()
	s := mysqltest.StartServer(t, mysqltest.ServerOptions{ServerID: 7, LogBin: true})
	t.Logf("started in %s", time.Since(began).Round(time.Millisecond))
	if s.Port == 3306 || s.Port == 0 {
		t.Fatalf("port %d", s.Port)
	}
	ctx := context.Background()
	db := s.Open(t, "")
	var id, logBin int
	var user string
	if err := db.QueryRowContext(ctx, "SELECT @@server_id, @@log_bin, CURRENT_USER()").Scan(&id, &logBin, &user); err != nil {
		t.Fatal(err)
	}
	if id != 7 || logBin != 1 || user != "root@127.0.0.1" {
		t.Fatalf("server_id %d, log_bin %d, user %s; want 7, 1, root@127.0.0.1", id, logBin, user)
	}
	for _, q := range []string{"CREATE DATABASE kept", "CREATE TABLE kept.t (n INT PRIMARY KEY)", "INSERT INTO kept.t VALUES (42)"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}

	s.Stop(t)
	fresh, err := sql.Open("mysql", s.DSN+"?timeout=1s")
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if err := fresh.PingContext(ctx); err == nil {
		t.Fatal("a stopped server answered")
	}

	began = time.Now()
	s.Start(t)
	t.Logf("restarted in %s", time.Since(began).Round(time.Millisecond))
	var n int
	if err := s.Open(t, "kept").QueryRowContext(ctx, "SELECT n FROM t").Scan(&n); err != nil || n != 42 {
		t.Fatalf("after the restart: %d, %v", n, err)
	}
}
