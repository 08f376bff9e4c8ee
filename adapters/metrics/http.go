package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/felixge/httpsnoop"
	"github.com/prometheus/client_golang/prometheus"
)

// HTTP counts and times requests by operation. Operations are named by the
// caller (an OpenAPI operation id or a route pattern), never by raw paths,
// so the number of series stays bounded whatever clients send.
type HTTP struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
	limited  *prometheus.CounterVec
}

// NewHTTP registers the request metrics with reg.
func NewHTTP(reg prometheus.Registerer) *HTTP {
	m := &HTTP{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "http_requests_total",
			Help: "HTTP requests answered, by operation and status code.",
		}, []string{"operation", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "http_request_duration_seconds",
			Help:    "Time from a request's arrival to the end of its response, by operation.",
			Buckets: prometheus.DefBuckets,
		}, []string{"operation"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: namespace, Name: "http_requests_in_flight",
			Help: "Requests being served now.",
		}),
		limited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "http_rate_limited_total",
			Help: "Requests refused with 429, by group of operations and by what was counted (ip or user).",
		}, []string{"group", "scope"}),
	}
	reg.MustRegister(m.requests, m.duration, m.inFlight, m.limited)
	return m
}

// Middleware measures every request next serves. operation names the
// request once next has served it (a router fills in what it matched).
// A panic is counted as a 500 and passed on to the recovery outside.
func (m *HTTP) Middleware(operation func(*http.Request) string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		status, wrote := http.StatusOK, false
		ww := httpsnoop.Wrap(w, httpsnoop.Hooks{WriteHeader: func(next httpsnoop.WriteHeaderFunc) httpsnoop.WriteHeaderFunc {
			return func(code int) {
				if !wrote && code >= 200 { // 1xx are interim
					status, wrote = code, true
				}
				next(code)
			}
		}})
		m.inFlight.Inc()
		defer func() {
			m.inFlight.Dec()
			p := recover()
			if p != nil {
				status = http.StatusInternalServerError
			}
			op := operation(r)
			m.requests.WithLabelValues(op, strconv.Itoa(status)).Inc()
			m.duration.WithLabelValues(op).Observe(time.Since(start).Seconds())
			if p != nil {
				panic(p)
			}
		}()
		next.ServeHTTP(ww, r)
	})
}

// RateLimited counts a request refused with 429.
func (m *HTTP) RateLimited(group, scope string) {
	m.limited.WithLabelValues(group, scope).Inc()
}
