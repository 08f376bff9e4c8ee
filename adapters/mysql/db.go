// Package mysql is the MySQL/MariaDB adapter: connections, migrations, and
// the repositories and read models of app/ written through sqlc.
package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/pressly/goose/v3"
)

//go:embed migrations/*.sql
var migrations embed.FS

// The connection timeouts Open sets unless the DSN does (timeout,
// readTimeout, writeTimeout).
const (
	dialTimeout  = 5 * time.Second
	readTimeout  = time.Minute
	writeTimeout = 30 * time.Second
)

// Open connects with the settings every query here relies on: instants read
// and written in UTC, utf8mb4, DATETIME columns parsed into time.Time, and
// READ COMMITTED transactions (see readCommitted). Parameters are written
// into the statement by the driver (interpolateParams): one round trip a
// statement instead of prepare, execute and close — safe with utf8mb4, whose
// escaping the driver does itself. Every error of a connection that cannot
// serve wraps ports.ErrUnavailable (see classify).
func Open(dsn string) (*sql.DB, error) {
	c, err := newConnector(dsn)
	if err != nil {
		return nil, err
	}
	return pool(c), nil
}

// newConnector makes connections to dsn as Open describes.
func newConnector(dsn string) (driver.Connector, error) {
	cfg, err := mysql.ParseDSN(dsn)
	if err != nil {
		return nil, fmt.Errorf("parse MySQL DSN: %w", err)
	}
	cfg.ParseTime = true
	cfg.Loc = time.UTC
	cfg.Collation = "utf8mb4_unicode_ci"
	if cfg.Params == nil {
		cfg.Params = map[string]string{}
	}
	cfg.Params["time_zone"] = "'+00:00'"
	cfg.MultiStatements = false
	cfg.InterpolateParams = true
	// Requests bound their statements by their context; these bound what
	// has no deadline (the sweepers, a long upload) against a database that
	// stops answering: a dial, and the wait for each reply or write. A reply
	// is awaited for up to a minute, so slow bulk statements (seed, recounts)
	// still finish. A DSN that sets them keeps its own.
	if cfg.Timeout == 0 {
		cfg.Timeout = dialTimeout
	}
	if cfg.ReadTimeout == 0 {
		cfg.ReadTimeout = readTimeout
	}
	if cfg.WriteTimeout == 0 {
		cfg.WriteTimeout = writeTimeout
	}
	// Instants written into statements keep microseconds, as DATETIME(6)
	// does: a literal with nanoseconds cannot be compared through an index
	// range, and every query on a time column would read its whole index.
	if err := cfg.Apply(mysql.TimeTruncate(time.Microsecond)); err != nil {
		return nil, err
	}
	connector, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, err
	}
	return classifying{readCommitted{connector}}, nil
}

// pool is a pool of c's connections with our default bounds.
func pool(c driver.Connector) *sql.DB {
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(32)
	db.SetConnMaxLifetime(30 * time.Minute)
	return db
}

// readCommitted opens connections whose transactions run in READ COMMITTED,
// set once a connection rather than before every transaction (which costs a
// statement each). In it a read after a lock (the space row, the wallet)
// sees what the lock's previous holder committed, and no gap locks are
// taken, so writers of one space serialise on its row and nothing else. The
// statement is the same on MySQL and MariaDB, unlike the variable's name.
type readCommitted struct{ driver.Connector }

// Connect implements driver.Connector.
func (c readCommitted) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.(driver.ExecerContext).ExecContext(ctx, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", nil); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("set isolation level: %w", err)
	}
	return conn, nil
}

// Migrate applies every pending migration embedded in the binary, then
// counts the search tokens of spaces stored before the counts existed
// (migration 00007), which SQL does too slowly. It holds the database's
// migration lock throughout (lockMigrations), so processes starting
// together migrate one after another: the first applies, the others find
// nothing to do.
func Migrate(ctx context.Context, db *sql.DB) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	if db.Stats().MaxOpenConnections == 1 {
		// The lock holds one connection of db; goose needs another.
		db.SetMaxOpenConns(2)
		defer db.SetMaxOpenConns(1)
	}
	unlock, err := lockMigrations(ctx, db)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer unlock()
	p, err := goose.NewProvider(goose.DialectMySQL, db, sub)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	// Every space has tokens (its title is not empty), so spaces without
	// any counts or postings are spaces never indexed.
	var unindexed bool
	if err := db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM spaces) AND "+
		"NOT (EXISTS (SELECT 1 FROM search_token_counts) AND EXISTS (SELECT 1 FROM search_postings))").Scan(&unindexed); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if unindexed {
		if err := NewBulk(db).ReindexSearchTokens(ctx); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	}
	return nil
}

// IsEmpty reports whether the database holds no reference data yet, which is
// when the demo seed runs.
func IsEmpty(ctx context.Context, db *sql.DB) (bool, error) {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM districts").Scan(&n); err != nil {
		return false, err
	}
	return n == 0, nil
}

// isDuplicate reports a unique-key violation (MySQL error 1062).
func isDuplicate(err error) bool {
	var me *mysql.MySQLError
	return errors.As(err, &me) && me.Number == 1062
}
