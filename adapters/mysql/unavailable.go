package mysql

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"

	"github.com/go-sql-driver/mysql"

	"github.com/ourspace/ourspace/app/ports"
)

// unavailableCodes are the server's errors that say it cannot serve now,
// rather than that the statement is wrong.
var unavailableCodes = map[uint16]bool{
	1040: true, // too many connections
	1053: true, // server shutdown in progress
	1203: true, // the user has too many connections
	1927: true, // connection killed (MariaDB)
	2006: true, // server has gone away
	2013: true, // lost connection during query
}

// unavailable reports whether err means the database cannot be reached or
// cannot serve now: a refused or timed-out dial, a connection lost or
// broken mid-statement, a deadline passed waiting for it, or one of
// unavailableCodes. A cancelled context is the caller leaving, not this.
func unavailable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		return unavailableCodes[me.Number]
	}
	var ne net.Error // dial and I/O errors; context.DeadlineExceeded is one too
	return errors.Is(err, driver.ErrBadConn) || errors.Is(err, mysql.ErrInvalidConn) || errors.As(err, &ne)
}

// classify wraps an availability failure in ports.ErrUnavailable (a 503
// with Retry-After to the client) and returns any other error as it is, so
// the sentinels database/sql compares by identity (driver.ErrSkip, io.EOF
// at the end of rows) pass untouched. The driver's error stays in the
// chain: database/sql still finds driver.ErrBadConn to retry on a fresh
// connection, and the log shows the cause.
func classify(err error) error {
	if !unavailable(err) || errors.Is(err, ports.ErrUnavailable) {
		return err
	}
	return fmt.Errorf("%w: database: %w", ports.ErrUnavailable, err)
}

// classifying passes every error of the driver through classify, so every
// read and write path, whichever repository or read model runs it, reports
// an unreachable database the same way. Failing to connect at all is
// always unavailability, whatever the cause.
type classifying struct{ driver.Connector }

// driverConn is what go-sql-driver's connections implement and
// database/sql uses.
type driverConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
	driver.NamedValueChecker
}

// Connect implements driver.Connector.
func (c classifying) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, ports.ErrUnavailable) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: connect to the database: %w", ports.ErrUnavailable, err)
	}
	dc, ok := conn.(driverConn)
	if !ok {
		_ = conn.Close()
		return nil, fmt.Errorf("mysql: the driver's connection %T lacks an interface database/sql uses", conn)
	}
	return classifyingConn{dc}, nil
}

// classifyingConn overrides the methods database/sql calls that can fail
// on the wire; the deprecated context-less ones (Begin, a statement's Exec
// and Query) it never calls when these exist.
type classifyingConn struct{ driverConn }

func (c classifyingConn) Prepare(query string) (driver.Stmt, error) {
	s, err := c.driverConn.Prepare(query)
	return wrapStmt(s, err)
}

func (c classifyingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	s, err := c.driverConn.PrepareContext(ctx, query)
	return wrapStmt(s, err)
}

func (c classifyingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.driverConn.BeginTx(ctx, opts)
	if err != nil {
		return nil, classify(err)
	}
	return classifyingTx{tx}, nil
}

func (c classifyingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	res, err := c.driverConn.ExecContext(ctx, query, args)
	return res, classify(err)
}

func (c classifyingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := c.driverConn.QueryContext(ctx, query, args)
	if err != nil {
		return nil, classify(err)
	}
	return wrapRows(rows), nil
}

func (c classifyingConn) Ping(ctx context.Context) error {
	return classify(c.driverConn.Ping(ctx))
}

type classifyingTx struct{ driver.Tx }

func (t classifyingTx) Commit() error   { return classify(t.Tx.Commit()) }
func (t classifyingTx) Rollback() error { return classify(t.Tx.Rollback()) }

// driverStmt is what go-sql-driver's prepared statements implement (used
// where a statement's arguments cannot be interpolated, and by goose).
type driverStmt interface {
	driver.Stmt
	driver.StmtExecContext
	driver.StmtQueryContext
	driver.NamedValueChecker
}

type classifyingStmt struct{ driverStmt }

func wrapStmt(s driver.Stmt, err error) (driver.Stmt, error) {
	if err != nil {
		return nil, classify(err)
	}
	ds, ok := s.(driverStmt)
	if !ok {
		_ = s.Close()
		return nil, fmt.Errorf("mysql: the driver's statement %T lacks an interface database/sql uses", s)
	}
	return classifyingStmt{ds}, nil
}

func (s classifyingStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	res, err := s.driverStmt.ExecContext(ctx, args)
	return res, classify(err)
}

func (s classifyingStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := s.driverStmt.QueryContext(ctx, args)
	if err != nil {
		return nil, classify(err)
	}
	return wrapRows(rows), nil
}

// driverRows is what go-sql-driver's result sets implement; database/sql
// asks for the column-type interfaces by type assertion, so the wrapper
// must keep them all.
type driverRows interface {
	driver.Rows
	driver.RowsNextResultSet
	driver.RowsColumnTypeDatabaseTypeName
	driver.RowsColumnTypeNullable
	driver.RowsColumnTypePrecisionScale
	driver.RowsColumnTypeScanType
}

type classifyingRows struct{ driverRows }

// wrapRows classifies the errors of a result set read after its first
// packet (the connection lost while rows stream in); rows of another kind
// are returned as they are.
func wrapRows(rows driver.Rows) driver.Rows {
	if dr, ok := rows.(driverRows); ok {
		return classifyingRows{dr}
	}
	return rows
}

// Next implements driver.Rows; io.EOF, the end of the rows, passes as it is.
func (r classifyingRows) Next(dest []driver.Value) error { return classify(r.driverRows.Next(dest)) }

func (r classifyingRows) NextResultSet() error { return classify(r.driverRows.NextResultSet()) }

func (r classifyingRows) Close() error { return classify(r.driverRows.Close()) }
