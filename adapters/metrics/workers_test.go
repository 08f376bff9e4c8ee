package metrics_test

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/ourspace/ourspace/adapters/metrics"
	"github.com/ourspace/ourspace/adapters/metrics/metricstest"
)

// A worker's log counts the passes it reports as failed (a warning or an
// error carrying err), whatever level the log shows, and passes every
// record on as before.
func TestWorkerLoggerCountsFailedPasses(t *testing.T) {
	reg := metrics.NewRegistry()
	w := metrics.NewWorkers(reg, "booking_sweep", "object_sweep")
	var out bytes.Buffer
	base := slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelError}))
	bookings := w.Logger(base, "booking_sweep").With("pid", 7)
	objects := w.Logger(base, "object_sweep")
	fail := errors.New("connection refused")

	bookings.Error("booking sweep failed", "err", fail)
	bookings.Error("booking sweep failed", "err", fail)
	bookings.Info("booking sweep", "expired", 3)      // a pass that worked
	bookings.Warn("event delivery", "failed", 2)      // no err: not a failed pass
	objects.Warn("object sweep failed", "err", fail)  // below the log's level: counted, not shown
	objects.Debug("object sweep failed", "err", fail) // not a warning: not counted

	s := metricstest.Scrape(t, metrics.Handler(reg, slog.New(slog.DiscardHandler)))
	for worker, want := range map[string]float64{"booking_sweep": 2, "object_sweep": 1} {
		if got, ok := s.Get("ourspace_worker_failures_total", "worker", worker); !ok || got != want {
			t.Errorf("%s failures = %v (present %v), want %v", worker, got, ok, want)
		}
	}
	logged := out.String()
	if strings.Count(logged, "booking sweep failed") != 2 || !strings.Contains(logged, "pid=7") || strings.Contains(logged, "object sweep") ||
		strings.Contains(logged, "expired=3") {
		t.Errorf("the log shows other records than its level allows, or loses attributes:\n%s", logged)
	}
}
