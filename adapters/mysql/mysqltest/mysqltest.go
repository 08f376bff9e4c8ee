// Package mysqltest gives tests a fresh, migrated database on a real MySQL or
// MariaDB server: OURSPACE_TEST_MYSQL_DSN if set, else the local server on
// 127.0.0.1:3306, else a MySQL container where a Docker engine answers. When
// none answers the test fails; it never skips.
package mysqltest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
)

var (
	once      sync.Once
	server    mysql.Server
	serverErr error
)

// ServerDSN locates the test server once per test binary.
func ServerDSN(t testing.TB) string {
	t.Helper()
	once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		server, serverErr = mysql.Locate(ctx, os.Getenv("OURSPACE_TEST_MYSQL_DSN"), slog.New(slog.DiscardHandler))
		if serverErr == nil {
			dropAbandoned(ctx, server.DSN)
		}
	})
	if serverErr != nil {
		t.Fatalf("tests need MySQL or MariaDB: %v", serverErr)
	}
	return server.DSN
}

// abandonedAfter is how old a test database must be before another test run
// takes it for one a killed run left behind (no run lasts this long; test
// binaries of other packages may be using younger ones right now).
const abandonedAfter = 2 * time.Hour

// dropAbandoned drops the test databases that killed runs left on the server
// (a test drops its own on cleanup, which a kill skips). Best effort.
func dropAbandoned(ctx context.Context, dsn string) {
	db, err := mysql.Open(dsn)
	if err != nil {
		return
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT TABLE_SCHEMA FROM information_schema.TABLES
		WHERE TABLE_SCHEMA LIKE 'ourspace\_test\_%' GROUP BY TABLE_SCHEMA
		HAVING MAX(CREATE_TIME) < NOW() - INTERVAL ? SECOND`, int(abandonedAfter.Seconds()))
	if err != nil {
		return
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if rows.Scan(&name) == nil {
			names = append(names, name)
		}
	}
	if rows.Err() != nil {
		return
	}
	for _, name := range names {
		_, _ = db.ExecContext(ctx, "DROP DATABASE IF EXISTS `"+name+"`")
	}
}

// NewDatabase creates a database of its own for the test, migrates it, and
// drops it when the test ends. It returns the open pool and its DSN.
func NewDatabase(t testing.TB) (*sql.DB, string) {
	t.Helper()
	ctx := context.Background()
	base := ServerDSN(t)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "ourspace_test_" + hex.EncodeToString(b)
	dsn, err := mysql.CreateDatabase(ctx, base, name)
	if err != nil {
		t.Fatalf("create test database: %v", err)
	}
	db, err := mysql.Open(dsn)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() {
		_ = db.Close()
		// Through a connection of its own: the test may have closed its pool
		// (to play a database outage).
		if admin, err := mysql.Open(base); err == nil {
			_, _ = admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS `"+name+"`")
			_ = admin.Close()
		}
	})
	if err := mysql.Migrate(ctx, db); err != nil {
		t.Fatalf("migrate test database: %v", err)
	}
	return db, dsn
}
