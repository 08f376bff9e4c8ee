// Package metrics exposes the service's Prometheus metrics: HTTP requests by
// operation, the database pool, rate limiting, and the backlog of the
// background workers (bookings and objects to sweep, events to deliver).
package metrics

import (
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// namespace begins every metric of ours.
const namespace = "ourspace"

// NewRegistry gives a registry with the Go runtime and process metrics
// (go_*, process_*): a registry of our own, not the global one, so tests
// and several servers in one process do not collide.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// Handler serves reg in the Prometheus exposition format. A collector that
// fails is logged and left out; the rest is still served.
func Handler(reg *prometheus.Registry, log *slog.Logger) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{
		ErrorLog:          errorLog{log},
		ErrorHandling:     promhttp.ContinueOnError,
		Registry:          reg, // promhttp_metric_handler_errors_total
		EnableOpenMetrics: true,
	})
}

// RegisterDB adds the pool statistics of db (go_sql_*: open, in use and
// idle connections, waits for a connection and their total duration).
func RegisterDB(reg prometheus.Registerer, db *sql.DB, name string) {
	reg.MustRegister(collectors.NewDBStatsCollector(db, name))
}

// RegisterRateLimitFailures adds ourspace_rate_limit_store_failures_total,
// read from the shared store's own count (ratelimit.Redis.Failures).
func RegisterRateLimitFailures(reg prometheus.Registerer, failures func() uint64) {
	reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
		Namespace: namespace, Name: "rate_limit_store_failures_total",
		Help: "Rate-limit checks the shared store (Redis) failed to answer; this replica's memory decided them.",
	}, func() float64 { return float64(failures()) }))
}

// RegisterReadReplicaFallbacks adds ourspace_read_replica_fallbacks_total,
// read from the replica pool's own count (mysql.Replica.Fallbacks).
func RegisterReadReplicaFallbacks(reg prometheus.Registerer, fallbacks func() uint64) {
	reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
		Namespace: namespace, Name: "read_replica_fallbacks_total",
		Help: "Connections opened on the primary in place of the read replica, which did not answer; discovery reads ran on them.",
	}, func() float64 { return float64(fallbacks()) }))
}

// errorLog writes promhttp's errors to slog.
type errorLog struct{ log *slog.Logger }

func (e errorLog) Println(v ...any) { e.log.Warn("metrics: " + fmt.Sprint(v...)) }
