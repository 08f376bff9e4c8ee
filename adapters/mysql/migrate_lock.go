package mysql

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"fmt"
	"time"
)

// migrateLockWait is how long one GET_LOCK waits in the server before it
// is asked again; below the connections' one-minute read timeout.
const migrateLockWait = 30 * time.Second

// lockMigrations holds the migration lock of db's database on a connection
// of its own, waiting while another process migrates, until ctx ends. The
// returned function releases it.
//
// It is a named lock of the server (GET_LOCK), not goose's table locker:
// the server releases it when its connection or process dies, so nobody
// waits out a lease after a crash; waiters wake as soon as it is released
// instead of polling; it puts no table in the schema; and it covers the
// token recount after goose as well. MySQL and MariaDB both have it.
func lockMigrations(ctx context.Context, db *sql.DB) (func(), error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	var database sql.NullString
	if err := conn.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&database); err != nil {
		_ = conn.Close()
		return nil, err
	}
	name := migrateLockName(database.String)
	for {
		// 1: held; 0: another session held it all along; NULL: an error
		// (the wait was killed).
		var got sql.NullInt64
		if err := conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, ?)", name, int(migrateLockWait.Seconds())).Scan(&got); err != nil {
			_ = conn.Close()
			return nil, fmt.Errorf("take lock %s: %w", name, err)
		}
		if got.Valid && got.Int64 == 1 {
			break
		}
		if !got.Valid {
			_ = conn.Close()
			return nil, fmt.Errorf("take lock %s: GET_LOCK failed", name)
		}
		if err := ctx.Err(); err != nil {
			_ = conn.Close()
			return nil, fmt.Errorf("take lock %s: %w", name, err)
		}
	}
	return func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if _, err := conn.ExecContext(ctx, "DO RELEASE_LOCK(?)", name); err != nil {
			// The connection still holds the lock: close it rather than
			// give it back to the pool, and the server releases the lock.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		_ = conn.Close()
	}, nil
}

// migrateLockName names the lock after the database, since lock names are
// the server's: two databases on one server (staging and production, the
// tests' databases) migrate independently. MySQL takes at most 64
// characters, so a long database name is hashed.
func migrateLockName(database string) string {
	name := "ourspace_migrate:" + database
	if len(name) > 64 {
		sum := sha256.Sum256([]byte(database))
		name = "ourspace_migrate:" + hex.EncodeToString(sum[:20])
	}
	return name
}
