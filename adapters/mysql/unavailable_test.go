package mysql_test

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/user"
)

// dbPaths are the ways use cases reach the database: a transaction, a
// repository read outside one, a read model, and a ping (readiness).
func dbPaths(db *sql.DB) map[string]func(context.Context) error {
	store := mysql.NewStore(db)
	readUser := func(ctx context.Context, r ports.Repositories) error {
		_, err := r.Users.ByID(ctx, user.ID(1))
		if errors.Is(err, user.ErrNotFound) {
			return nil
		}
		return err
	}
	return map[string]func(context.Context) error{
		"transaction": func(ctx context.Context) error {
			return store.InTx(ctx, func(r ports.Repositories) error { return readUser(ctx, r) })
		},
		"repository read": func(ctx context.Context) error { return readUser(ctx, store.Read()) },
		"read model": func(ctx context.Context) error {
			_, err := mysql.NewReferenceReader(db).Districts(ctx)
			return err
		},
		"ping": func(ctx context.Context) error { return db.PingContext(ctx) },
	}
}

func TestRefusedConnectionsAreUnavailableOnEveryPath(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close() // nothing listens there now: every dial is refused
	db, err := mysql.Open("root@tcp(" + addr + ")/ourspace")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for name, path := range dbPaths(db) {
		if err := path(context.Background()); !errors.Is(err, ports.ErrUnavailable) {
			t.Errorf("%s: %v, want ports.ErrUnavailable", name, err)
		}
	}
}

// A database that stops answering (a stalled proxy: connections stay open,
// nothing comes back) is unavailable by the caller's deadline on every
// path, and serves again once it answers, without a restart.
func TestHungDatabaseIsUnavailableByTheDeadlineAndRecovers(t *testing.T) {
	t.Parallel()
	_, dsn := mysqltest.NewDatabase(t)
	proxy := mysqltest.NewProxy(t, dsn)
	db, err := mysql.Open(proxy.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	paths := dbPaths(db)
	for name, path := range paths {
		if err := path(context.Background()); err != nil {
			t.Fatalf("%s before the fault: %v", name, err)
		}
	}
	proxy.Stall()
	const deadline = 300 * time.Millisecond
	for name, path := range paths {
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		start := time.Now()
		err := path(ctx)
		cancel()
		if took := time.Since(start); !errors.Is(err, ports.ErrUnavailable) || took > deadline+2*time.Second {
			t.Errorf("%s while hung: %v after %s, want ports.ErrUnavailable by the deadline", name, err, took)
		}
	}
	proxy.Resume()
	for name, path := range paths {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if err := path(ctx); err != nil {
			t.Errorf("%s after the database answers again: %v", name, err)
		}
		cancel()
	}
}

// A connection lost while a statement waits for its answer (the server
// died) is unavailability too, not an unknown error: the driver says
// "invalid connection", which database/sql does not retry.
func TestConnectionLostMidStatementIsUnavailable(t *testing.T) {
	t.Parallel()
	_, dsn := mysqltest.NewDatabase(t)
	proxy := mysqltest.NewProxy(t, dsn)
	db, err := mysql.Open(proxy.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for name, path := range dbPaths(db) {
		if name == "ping" {
			continue // a ping on a broken connection is retried on a new one
		}
		if err := db.PingContext(context.Background()); err != nil { // a connection in the pool
			t.Fatal(err)
		}
		proxy.Stall()
		done := make(chan error, 1)
		go func() { done <- path(context.Background()) }() // no deadline: only the lost connection ends it
		time.Sleep(200 * time.Millisecond)                 // the statement is sent and waits
		proxy.Cut()
		proxy.Resume()
		select {
		case err := <-done:
			if !errors.Is(err, ports.ErrUnavailable) {
				t.Errorf("%s: %v, want ports.ErrUnavailable", name, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still waiting 10 s after its connection was cut", name)
		}
	}
}

// Waiting for a connection of a full pool ends at the caller's deadline: a
// transaction reports it as ports.ErrUnavailable, a read as the deadline
// (database/sql's own error, which the HTTP adapter answers with the same
// 503).
func TestPoolWaitEndsAtTheDeadline(t *testing.T) {
	t.Parallel()
	db, _ := mysqltest.NewDatabase(t)
	db.SetMaxOpenConns(1)
	held, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	const deadline = 200 * time.Millisecond
	for name, path := range dbPaths(db) {
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		start := time.Now()
		err := path(ctx)
		cancel()
		want := errors.Is(err, context.DeadlineExceeded)
		if name == "transaction" {
			want = errors.Is(err, ports.ErrUnavailable)
		}
		if took := time.Since(start); !want || took > deadline+2*time.Second {
			t.Errorf("%s with the pool taken: %v after %s", name, err, took)
		}
	}
}
