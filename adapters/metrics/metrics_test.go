package metrics_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/metrics"
	"github.com/ourspace/ourspace/adapters/metrics/metricstest"
)

func TestMiddlewareCountsAndTimesByOperation(t *testing.T) {
	reg := metrics.NewRegistry()
	m := metrics.NewHTTP(reg)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /things/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "boom" {
			panic("boom")
		}
		w.WriteHeader(http.StatusTeapot)
	})
	mux.HandleFunc("GET /ok", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	h := m.Middleware(func(r *http.Request) string { return r.Pattern }, mux)
	serve := func(path string) {
		defer func() { _ = recover() }() // the recovery outside the middleware
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, path, nil))
	}
	for _, p := range []string{"/things/1", "/things/2", "/ok", "/things/boom"} {
		serve(p)
	}
	m.RateLimited("bookings", "user")

	s := metricstest.Scrape(t, metrics.Handler(reg, slog.New(slog.DiscardHandler)))
	for _, c := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"ourspace_http_requests_total", []string{"operation", "GET /things/{id}", "code", "418"}, 2},
		{"ourspace_http_requests_total", []string{"operation", "GET /ok", "code", "200"}, 1}, // no WriteHeader: 200
		{"ourspace_http_requests_total", []string{"operation", "GET /things/{id}", "code", "500"}, 1},
		{"ourspace_http_request_duration_seconds_count", []string{"operation", "GET /things/{id}"}, 3},
		{"ourspace_http_requests_in_flight", nil, 0},
		{"ourspace_http_rate_limited_total", []string{"group", "bookings", "scope", "user"}, 1},
	} {
		if got, ok := s.Get(c.name, c.labels...); !ok || got != c.want {
			t.Errorf("%s: %v (present %v), want %v", metricstest.Key(c.name, c.labels...), got, ok, c.want)
		}
	}
	if _, ok := s.Get("go_goroutines"); !ok {
		t.Error("no Go runtime metrics")
	}
}

func TestBacklogGaugesAreAgesAtScrapeTime(t *testing.T) {
	reg := metrics.NewRegistry()
	now := time.Now()
	fail := false
	metrics.RegisterBacklog(reg, func(context.Context) (metrics.Backlog, error) {
		if fail {
			return metrics.Backlog{}, errors.New("database down")
		}
		return metrics.Backlog{BookingsDueSince: now.Add(-time.Hour), EventsDueSince: now.Add(-2 * time.Minute),
			OldestPendingEvent: now.Add(-3 * time.Hour), PendingEvents: 4, DeadEvents: 2}, nil
	}, slog.New(slog.DiscardHandler))
	handler := metrics.Handler(reg, slog.New(slog.DiscardHandler))

	s := metricstest.Scrape(t, handler)
	between := func(name string, lo, hi float64) {
		t.Helper()
		if v, ok := s.Get(name); !ok || v < lo || v > hi {
			t.Errorf("%s = %v (present %v), want %v to %v", name, v, ok, lo, hi)
		}
	}
	// Ages grow by the little time the test takes between now and the scrape.
	between("ourspace_bookings_sweep_lag_seconds", 3600, 3660)
	between("ourspace_objects_sweep_lag_seconds", 0, 0) // nothing waits
	between("ourspace_outbox_delivery_lag_seconds", 120, 180)
	between("ourspace_outbox_oldest_pending_age_seconds", 3*3600, 3*3600+60)
	between("ourspace_outbox_pending_events", 4, 4)
	between("ourspace_outbox_dead_events", 2, 2)
	between("ourspace_backlog_read_errors_total", 0, 0)

	fail = true
	s = metricstest.Scrape(t, handler)
	if _, ok := s.Get("ourspace_outbox_pending_events"); ok {
		t.Error("a failed read still gave the backlog's series")
	}
	between("ourspace_backlog_read_errors_total", 1, 1)
	if _, ok := s.Get("go_goroutines"); !ok {
		t.Error("a failed backlog read took the other series with it")
	}
}
