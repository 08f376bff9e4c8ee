package mysql_test

import (
	"context"
	"testing"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
)

func TestMigrateCreatesEverySchemaTable(t *testing.T) {
	db, _ := mysqltest.NewDatabase(t)
	want := []string{"users", "sessions", "points_ledger", "districts", "categories", "facilities", "spaces",
		"space_photos", "space_facilities", "space_opening_hours", "space_closed_dates", "space_packages",
		"bookings", "reviews", "review_photos", "likes", "idempotency_keys", "clock_hours"}
	for _, table := range want {
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ? AND engine = 'InnoDB'", table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s: found %d InnoDB tables (err %v)", table, n, err)
		}
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
