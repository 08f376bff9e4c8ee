package metrics

import (
	"context"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"
)

// Workers counts the failed passes of the background workers
// (ourspace_worker_failures_total by worker).
type Workers struct {
	failures *prometheus.CounterVec
}

// NewWorkers registers the failure count of each named worker, at zero
// until one fails, so that an alert on its rate has a series to read.
func NewWorkers(reg prometheus.Registerer, workers ...string) *Workers {
	w := &Workers{failures: prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "worker_failures_total",
		Help: "Passes of a background worker (booking sweep, object sweep, event delivery) that failed.",
	}, []string{"worker"})}
	for _, name := range workers {
		w.failures.WithLabelValues(name)
	}
	reg.MustRegister(w.failures)
	return w
}

// Logger is log for the worker's loop (the use cases' Run), counting each
// pass it reports as failed. The loops log a failed pass, and only that,
// with the pass's error as the "err" attribute, at warning or error level,
// so the count needs no change to them. Failures are counted whatever
// level log shows.
func (w *Workers) Logger(log *slog.Logger, worker string) *slog.Logger {
	return slog.New(failureCounter{Handler: log.Handler(), failures: w.failures.WithLabelValues(worker)})
}

// failureCounter passes records to Handler and counts those with an err
// attribute at warning level or above.
type failureCounter struct {
	slog.Handler
	failures prometheus.Counter
}

// Enabled implements slog.Handler: warnings and errors always reach
// Handle, to be counted.
func (h failureCounter) Enabled(ctx context.Context, level slog.Level) bool {
	return level >= slog.LevelWarn || h.Handler.Enabled(ctx, level)
}

// Handle implements slog.Handler.
func (h failureCounter) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelWarn {
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "err" {
				h.failures.Inc()
				return false
			}
			return true
		})
	}
	if !h.Handler.Enabled(ctx, r.Level) {
		return nil
	}
	return h.Handler.Handle(ctx, r)
}

// WithAttrs implements slog.Handler.
func (h failureCounter) WithAttrs(attrs []slog.Attr) slog.Handler {
	return failureCounter{Handler: h.Handler.WithAttrs(attrs), failures: h.failures}
}

// WithGroup implements slog.Handler.
func (h failureCounter) WithGroup(name string) slog.Handler {
	return failureCounter{Handler: h.Handler.WithGroup(name), failures: h.failures}
}
