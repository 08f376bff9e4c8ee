package mysql_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
)

func TestMigrateCreatesEverySchemaTable(t *testing.T) {
	db, _ := mysqltest.NewDatabase(t)
	want := []string{"users", "sessions", "points_ledger", "districts", "categories", "facilities", "spaces",
		"space_photos", "space_facilities", "space_opening_hours", "space_closed_dates", "space_packages",
		"bookings", "reviews", "review_photos", "likes", "idempotency_keys", "clock_hours", "login_codes",
		"pending_objects", "notifications", "outbox_events", "search_token_counts", "search_postings", "used_id_tokens", "goose_db_version"}
	for _, table := range want {
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ? AND engine = 'InnoDB'", table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s: found %d InnoDB tables (err %v)", table, n, err)
		}
	}
	// And no other: a new table joins the list above.
	var tables int
	if err := db.QueryRow("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()").Scan(&tables); err != nil || tables != len(want) {
		t.Errorf("the schema has %d tables, the list above %d (err %v)", tables, len(want), err)
	}
	// Migrating again is a no-op, as on every start-up.
	if err := mysql.Migrate(context.Background(), db); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	empty, err := mysql.IsEmpty(context.Background(), db)
	if err != nil || !empty {
		t.Fatalf("IsEmpty on a new database = %v, %v; want true", empty, err)
	}
}

// TestMigrateIndexesSpacesNeverIndexed: spaces stored without search token
// counts or postings (before those tables existed) get them on the next
// start, the same as the writes of spaces keep.
func TestMigrateIndexesSpacesNeverIndexed(t *testing.T) {
	db, _ := mysqltest.NewDatabase(t)
	ctx := context.Background()
	mysqltest.NewWorld(t, db, 60, 2, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	index := func() string { return mysqltest.SearchIndex(t, db) }
	want := index()
	for _, table := range []string{"search_postings", "search_token_counts"} {
		if _, err := db.ExecContext(ctx, "DELETE FROM "+table); err != nil {
			t.Fatal(err)
		}
		if err := mysql.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		if got := index(); got != want {
			t.Errorf("after emptying %s and migrating:\n%s\nwant\n%s", table, got, want)
		}
	}
}

// TestConnectionsRunReadCommitted checks what the booking transactions rely
// on: each pooled connection reads what others committed after it locked.
func TestConnectionsRunReadCommitted(t *testing.T) {
	db, _ := mysqltest.NewDatabase(t)
	ctx := context.Background()
	var level string
	// MariaDB names the variable tx_isolation, MySQL 8 transaction_isolation.
	if err := db.QueryRowContext(ctx, "SELECT @@SESSION.tx_isolation").Scan(&level); err != nil {
		if err := db.QueryRowContext(ctx, "SELECT @@SESSION.transaction_isolation").Scan(&level); err != nil {
			t.Fatal(err)
		}
	}
	if level != "READ-COMMITTED" {
		t.Errorf("session isolation %q, want READ-COMMITTED", level)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	var before, after int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM clock_hours").Scan(&before); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO clock_hours (h) VALUES (99)"); err != nil {
		t.Fatal(err)
	}
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM clock_hours").Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after != before+1 {
		t.Errorf("a transaction saw %d rows, then %d after another committed one: not READ COMMITTED", before, after)
	}
}

// Processes that start together on a new schema version (N replicas of a
// release) all migrate at once: each succeeds, and each migration is applied
// once, by whichever holds the lock; the others find nothing left to do.
func TestConcurrentMigrationsApplyTheSchemaOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	base := mysqltest.ServerDSN(t)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "ourspace_test_" + hex.EncodeToString(b)
	dsn, err := mysql.CreateDatabase(ctx, base, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if admin, err := mysql.Open(base); err == nil {
			_, _ = admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS `"+name+"`")
			_ = admin.Close()
		}
	})
	const processes = 6
	pools := make([]*sql.DB, processes)
	for i := range pools {
		db, err := mysql.Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.Close() })
		pools[i] = db
	}
	// One process runs with OURSPACE_MYSQL_MAX_CONNS=1: the lock's
	// connection must not leave goose without one.
	pools[0].SetMaxOpenConns(1)
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	start := make(chan struct{})
	errs := make(chan error, processes)
	var wg sync.WaitGroup
	for _, db := range pools {
		wg.Go(func() {
			<-start
			errs <- mysql.Migrate(ctx, db)
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("a process failed to migrate: %v", err)
		}
	}
	var versions, distinct, migrations int
	if err := pools[0].QueryRow("SELECT COUNT(*), COUNT(DISTINCT version_id) FROM goose_db_version WHERE version_id > 0").Scan(&versions, &distinct); err != nil {
		t.Fatal(err)
	}
	entries, err := fs.Glob(os.DirFS("migrations"), "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	migrations = len(entries)
	if versions != migrations || distinct != migrations {
		t.Errorf("goose_db_version holds %d applications of %d versions, want each of the %d migrations once", versions, distinct, migrations)
	}
}

// Migrate waits while another session holds its database's lock, until
// its context ends; the lock of another database does not hold it up.
func TestMigrateWaitsForTheLockOfItsDatabaseOnly(t *testing.T) {
	t.Parallel()
	db, _ := mysqltest.NewDatabase(t)
	other, _ := mysqltest.NewDatabase(t)
	ctx := context.Background()
	var name string
	if err := db.QueryRow("SELECT DATABASE()").Scan(&name); err != nil {
		t.Fatal(err)
	}
	holder, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	var got int
	if err := holder.QueryRowContext(ctx, "SELECT GET_LOCK(?, 0)", mysql.MigrateLockName(name)).Scan(&got); err != nil || got != 1 {
		t.Fatalf("take the lock: %d %v", got, err)
	}
	if err := mysql.Migrate(ctx, other); err != nil {
		t.Errorf("migrating another database while this one's lock is held: %v", err)
	}
	// The clock starts before the deadline is set, or the wait measured
	// can fall short of it by the time between the two.
	start := time.Now()
	waiting, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if err := mysql.Migrate(waiting, db); !errors.Is(err, context.DeadlineExceeded) || time.Since(start) < 300*time.Millisecond {
		t.Errorf("Migrate while the lock is held: %v after %v, want to wait until its deadline", err, time.Since(start))
	}
	if _, err := holder.ExecContext(ctx, "DO RELEASE_LOCK(?)", mysql.MigrateLockName(name)); err != nil {
		t.Fatal(err)
	}
	if err := mysql.Migrate(ctx, db); err != nil {
		t.Errorf("Migrate once the lock is released: %v", err)
	}
	long := mysql.MigrateLockName(strings.Repeat("d", 64))
	if len(long) > 64 || long == mysql.MigrateLockName(strings.Repeat("d", 63)) {
		t.Errorf("lock name %q of a 64-character database: MySQL takes 64 characters, and names must differ", long)
	}
}
