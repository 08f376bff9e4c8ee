package mysql

import (
	"context"
	"database/sql"
	"sync/atomic"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
)

// CountingDB counts the statements sent through it. Tests and the load
// generator use it to check that list endpoints run a constant number of
// queries whatever the page size.
type CountingDB struct {
	DB sqlcgen.DBTX
	n  atomic.Int64
}

// Count is the number of statements so far.
func (c *CountingDB) Count() int64 { return c.n.Load() }

// Reset sets the count back to zero.
func (c *CountingDB) Reset() { c.n.Store(0) }

// ExecContext implements sqlcgen.DBTX.
func (c *CountingDB) ExecContext(ctx context.Context, q string, args ...interface{}) (sql.Result, error) {
	c.n.Add(1)
	return c.DB.ExecContext(ctx, q, args...)
}

// PrepareContext implements sqlcgen.DBTX.
func (c *CountingDB) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	c.n.Add(1)
	return c.DB.PrepareContext(ctx, q)
}

// QueryContext implements sqlcgen.DBTX.
func (c *CountingDB) QueryContext(ctx context.Context, q string, args ...interface{}) (*sql.Rows, error) {
	c.n.Add(1)
	return c.DB.QueryContext(ctx, q, args...)
}

// QueryRowContext implements sqlcgen.DBTX.
func (c *CountingDB) QueryRowContext(ctx context.Context, q string, args ...interface{}) *sql.Row {
	c.n.Add(1)
	return c.DB.QueryRowContext(ctx, q, args...)
}
