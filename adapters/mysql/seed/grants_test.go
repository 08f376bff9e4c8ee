package seed_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/adapters/mysql/seed"
)

// TestAppUserGrantsAreEnough makes an account from deploy/mysql/app-user.sql
// (the one docker-compose gives the API), then migrates, seeds the demo and
// fills a database through it alone: the grants are enough for everything
// the binary does, and no more than its own database.
func TestAppUserGrantsAreEnough(t *testing.T) {
	ctx := context.Background()
	script, err := os.ReadFile("../../../deploy/mysql/app-user.sql")
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	suffix := hex.EncodeToString(b)
	user, dbName := "ourspace_app_"+suffix, "ourspace_test_grants_"+suffix
	// The script names the account and database "ourspace"; this test's are its own.
	script = []byte(strings.NewReplacer("'ourspace'@", "'"+user+"'@", "`ourspace`.*", "`"+dbName+"`.*").Replace(string(script)))

	rootDSN := mysqltest.ServerDSN(t)
	root, err := mysql.Open(rootDSN)
	if err != nil {
		t.Fatal(err)
	}
	// Drop, then close: a deferred Close would run before the cleanup and
	// leave the database and the account behind.
	t.Cleanup(func() {
		if _, err := root.ExecContext(ctx, "DROP DATABASE IF EXISTS `"+dbName+"`"); err != nil {
			t.Errorf("drop %s: %v", dbName, err)
		}
		if _, err := root.ExecContext(ctx, "DROP USER IF EXISTS '"+user+"'@'%'"); err != nil {
			t.Errorf("drop user %s: %v", user, err)
		}
		_ = root.Close()
	})
	dropAbandonedAppUsers(t, root)
	if _, err := root.ExecContext(ctx, "CREATE DATABASE `"+dbName+"` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		t.Fatal(err)
	}
	// Comments off first (they may hold semicolons), then one statement per semicolon.
	var code []string
	for _, l := range strings.Split(string(script), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "--") {
			code = append(code, l)
		}
	}
	statements := 0
	for _, stmt := range strings.Split(strings.Join(code, " "), ";") {
		if stmt = strings.TrimSpace(stmt); stmt == "" {
			continue
		}
		if _, err := root.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("app-user.sql: %v", err)
		}
		statements++
	}
	if statements != 2 {
		t.Fatalf("app-user.sql ran %d statements, want CREATE USER and GRANT", statements)
	}

	cfg, err := gomysql.ParseDSN(rootDSN)
	if err != nil {
		t.Fatal(err)
	}
	cfg.User, cfg.Passwd, cfg.DBName = user, "ourspace-app-local", dbName
	db, err := mysql.Open(cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := mysql.Migrate(ctx, db); err != nil {
		t.Fatalf("migrate as the app user: %v", err)
	}
	bulk := mysql.NewBulk(db)
	if err := seed.Demo(ctx, bulk, photoStore(t), now); err != nil {
		t.Fatalf("demo seed as the app user: %v", err)
	}
	if err := seed.Fill(ctx, bulk, seed.Options{Spaces: 20, Bookings: 50, Now: now, Seed: 1}); err != nil {
		t.Fatalf("fill as the app user: %v", err)
	}
	if n := count(t, db, "SELECT COUNT(*) FROM bookings"); n < 1500 {
		t.Errorf("%d bookings written as the app user, want the demo's and the fill's", n)
	}
	// And no more than its own database.
	if _, err := db.ExecContext(ctx, "CREATE DATABASE `"+dbName+"_other`"); err == nil {
		_, _ = root.ExecContext(ctx, "DROP DATABASE `"+dbName+"_other`")
		t.Error("the app user could create another database")
	}
	if _, err := db.ExecContext(ctx, "SELECT COUNT(*) FROM mysql.user"); err == nil {
		t.Error("the app user could read mysql.user")
	}
}

// dropAbandonedAppUsers drops the accounts of runs killed before their
// cleanup: an account whose test database is gone (mysqltest drops abandoned
// test databases) has no run left to use it.
func dropAbandonedAppUsers(t *testing.T, root *sql.DB) {
	t.Helper()
	rows, err := root.QueryContext(context.Background(), `SELECT u.User FROM mysql.user u
		WHERE u.User LIKE 'ourspace\_app\_%' AND NOT EXISTS (SELECT 1 FROM information_schema.SCHEMATA s
		WHERE s.SCHEMA_NAME = CONCAT('ourspace_test_grants_', SUBSTRING(u.User, 14)))`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var users []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			t.Fatal(err)
		}
		users = append(users, u)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if _, err := root.ExecContext(context.Background(), "DROP USER IF EXISTS '"+u+"'@'%'"); err != nil {
			t.Errorf("drop abandoned user %s: %v", u, err)
		}
	}
}
