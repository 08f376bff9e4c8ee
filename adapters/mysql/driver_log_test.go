package mysql_test

import (
	"bytes"
	"log"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	driver "github.com/go-sql-driver/mysql"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
)

// lockedBuffer is a bytes.Buffer safe for the driver's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestDriverMessagesGoToTheLog: a pooled connection the server killed is
// found dead by the driver, which says so — through our log, as a warning.
// Not parallel: the driver's logger is the process's.
func TestDriverMessagesGoToTheLog(t *testing.T) {
	var out lockedBuffer
	mysql.LogDriverTo(slog.New(slog.NewTextHandler(&out, nil)))
	defer func() { _ = driver.SetLogger(log.New(os.Stderr, "[mysql] ", log.Ldate|log.Ltime|log.Lshortfile)) }()

	admin, dsn := mysqltest.NewDatabase(t)
	db, err := mysql.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var id int64
	if err := db.QueryRow("SELECT CONNECTION_ID()").Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("KILL CONNECTION ?", id); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the server closes the socket
	var one int
	if err := db.QueryRow("SELECT 1").Scan(&one); err != nil {
		t.Fatalf("the pool did not replace the killed connection: %v", err)
	}
	if got := out.String(); !strings.Contains(got, "level=WARN") || !strings.Contains(got, "mysql driver:") {
		t.Errorf("the driver's message about the dead connection is not in the log: %q", got)
	}
}
