package mysql

import (
	"fmt"
	"log/slog"

	driver "github.com/go-sql-driver/mysql"
)

// LogDriverTo sends the driver's own messages — "unexpected EOF" and
// "closing bad idle connection" while the database restarts — to log as
// warnings, instead of the bare lines the driver prints to stderr by
// default. The driver has one logger for the whole process.
func LogDriverTo(log *slog.Logger) {
	// SetLogger refuses only nil.
	_ = driver.SetLogger(driverLog{log: log})
}

// driverLog is the driver's Logger on top of slog.
type driverLog struct{ log *slog.Logger }

// Print implements driver.Logger.
func (d driverLog) Print(v ...any) {
	d.log.Warn("mysql driver: " + fmt.Sprint(v...))
}
