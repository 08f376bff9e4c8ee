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
