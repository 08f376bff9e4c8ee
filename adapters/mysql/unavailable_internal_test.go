package mysql

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	"github.com/go-sql-driver/mysql"

	"github.com/ourspace/ourspace/app/ports"
)

func TestClassifyWrapsOnlyAvailabilityFailures(t *testing.T) {
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	for _, c := range []struct {
		name        string
		err         error
		unavailable bool
	}{
		{"refused dial", dial, true},
		{"bad connection", driver.ErrBadConn, true},
		{"invalid connection", mysql.ErrInvalidConn, true},
		{"deadline", fmt.Errorf("query: %w", context.DeadlineExceeded), true},
		{"too many connections", &mysql.MySQLError{Number: 1040}, true},
		{"lost connection", &mysql.MySQLError{Number: 2013}, true},
		{"server shutdown", &mysql.MySQLError{Number: 1053}, true},
		{"cancelled", context.Canceled, false},
		{"duplicate key", &mysql.MySQLError{Number: 1062}, false},
		{"deadlock", &mysql.MySQLError{Number: 1213}, false},
		{"syntax", &mysql.MySQLError{Number: 1064}, false},
		{"other", errors.New("boom"), false},
	} {
		got := classify(c.err)
		if errors.Is(got, ports.ErrUnavailable) != c.unavailable {
			t.Errorf("%s: classify(%v) = %v, unavailable %v", c.name, c.err, got, c.unavailable)
		}
		if !errors.Is(got, c.err) {
			t.Errorf("%s: the driver's error is lost from the chain: %v", c.name, got)
		}
	}
	// database/sql retries on a fresh connection when it finds ErrBadConn.
	if !errors.Is(classify(driver.ErrBadConn), driver.ErrBadConn) {
		t.Error("ErrBadConn is hidden from database/sql")
	}
	// database/sql compares these by identity.
	for _, sentinel := range []error{nil, io.EOF, driver.ErrSkip, driver.ErrRemoveArgument} {
		if got := classify(sentinel); got != sentinel { //nolint:errorlint // the same value, as database/sql compares
			t.Errorf("classify(%v) = %v, want it untouched", sentinel, got)
		}
	}
	once := classify(dial)
	if got := classify(once); got != once { //nolint:errorlint // the same value, not a new wrapper
		t.Errorf("classified twice: %v", got)
	}
}
