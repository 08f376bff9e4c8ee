package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/ourspace/ourspace/app/ports"
)

// DefaultReplicaRetry is how long a replica that failed to connect is left
// alone before it is tried again.
const DefaultReplicaRetry = 10 * time.Second

// ReplicaOptions say how a Replica falls back to the primary.
type ReplicaOptions struct {
	// Retry is how long connections go to the primary after the replica
	// failed to connect, before the replica is tried again, and how long
	// a connection to the primary opened in its place is used; default
	// DefaultReplicaRetry.
	Retry time.Duration
	Log   *slog.Logger // default: discarded
}

// Replica is the pool of a read replica that falls back to the primary
// while the replica cannot be reached, so that the reads sent to it (see
// service.Options.ReadReplica) never fail because of the replica alone.
//
// The fallback is in the connector, below database/sql: when a connection
// to the replica cannot be made (refused, timed out, too many connections:
// ports.ErrUnavailable), one is made to the primary instead. Every read
// through the pool is covered, whichever read model runs it, with no code
// of its own. Connections to the replica that died with it fail their next
// use with driver.ErrBadConn, which database/sql retries on a new
// connection, so the read that finds the replica down is served by the
// primary too. A statement already running on the replica when it fails is
// not retried: its caller gets ports.ErrUnavailable (503 with Retry-After).
type Replica struct {
	db     *sql.DB // the reads: the replica, or the primary in its place
	health *sql.DB // the replica alone, for PingContext
	fb     *fallbackConnector
}

// OpenReplica opens the pool of the replica at replicaDSN, falling back to
// the primary at primaryDSN. Nothing connects until the first read.
func OpenReplica(replicaDSN, primaryDSN string, o ReplicaOptions) (*Replica, error) {
	replica, err := newConnector(replicaDSN)
	if err != nil {
		return nil, fmt.Errorf("read replica: %w", err)
	}
	primary, err := newConnector(primaryDSN)
	if err != nil {
		return nil, err
	}
	if o.Retry <= 0 {
		o.Retry = DefaultReplicaRetry
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	fb := &fallbackConnector{replica: replica, primary: primary, retry: o.Retry, log: o.Log}
	health := sql.OpenDB(replica)
	health.SetMaxOpenConns(1)
	health.SetMaxIdleConns(1)
	return &Replica{db: pool(fb), health: health, fb: fb}, nil
}

// DB is the pool the replica's reads go through.
func (r *Replica) DB() *sql.DB { return r.db }

// PingContext reports whether the replica itself answers, never the primary.
func (r *Replica) PingContext(ctx context.Context) error { return r.health.PingContext(ctx) }

// Fallbacks is how many connections were opened on the primary in place of
// the replica.
func (r *Replica) Fallbacks() uint64 { return r.fb.fallbacks.Load() }

// Close closes both pools.
func (r *Replica) Close() error { return errors.Join(r.db.Close(), r.health.Close()) }

// fallbackConnector connects to the replica, or to the primary while the
// replica does not answer: after a failure the replica is left alone for
// retry, then one connection at a time tries it again, so a replica that
// drops packets costs one dial timeout per retry period, not one per read.
type fallbackConnector struct {
	replica, primary driver.Connector
	retry            time.Duration
	log              *slog.Logger
	// downUntil is when the replica may be tried again (Unix nanoseconds);
	// 0 while its last connection attempt succeeded.
	downUntil atomic.Int64
	probing   atomic.Bool // a connection is trying the replica again
	fallbacks atomic.Uint64
}

// Connect implements driver.Connector.
func (c *fallbackConnector) Connect(ctx context.Context) (driver.Conn, error) {
	until := c.downUntil.Load()
	probe := until != 0 && time.Now().UnixNano() >= until && c.probing.CompareAndSwap(false, true)
	if probe {
		defer c.probing.Store(false)
	}
	if until == 0 || probe {
		conn, err := c.replica.Connect(ctx)
		if err == nil {
			if until != 0 && c.downUntil.CompareAndSwap(until, 0) {
				c.log.Info("read replica answers again: discovery reads go to it")
			}
			return conn, nil
		}
		if !errors.Is(err, ports.ErrUnavailable) || ctx.Err() != nil {
			return nil, err // the caller left or ran out of time: no verdict on the replica
		}
		if c.downUntil.Swap(time.Now().Add(c.retry).UnixNano()) == 0 {
			c.log.Warn("read replica unavailable: discovery reads go to the primary", "err", err, "retry_in", c.retry)
		}
	}
	conn, err := c.primary.Connect(ctx)
	if err != nil {
		return nil, err
	}
	dc, ok := conn.(driverConn)
	if !ok {
		_ = conn.Close()
		return nil, fmt.Errorf("mysql: the connection %T lacks an interface database/sql uses", conn)
	}
	c.fallbacks.Add(1)
	return fallbackConn{driverConn: dc, until: time.Now().Add(c.retry)}, nil
}

// Driver implements driver.Connector.
func (c *fallbackConnector) Driver() driver.Driver { return c.replica.Driver() }

// fallbackConn is a connection to the primary standing in for the replica.
// The pool drops it once its retry period is over, so that a new
// connection tries the replica again.
type fallbackConn struct {
	driverConn
	until time.Time
}

// IsValid implements driver.Validator (asked when the pool takes it back).
func (c fallbackConn) IsValid() bool { return time.Now().Before(c.until) && c.driverConn.IsValid() }

// ResetSession implements driver.SessionResetter (asked before its reuse).
func (c fallbackConn) ResetSession(ctx context.Context) error {
	if !time.Now().Before(c.until) {
		return driver.ErrBadConn
	}
	return c.driverConn.ResetSession(ctx)
}
