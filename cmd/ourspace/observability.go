package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"net/netip"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/adapters/metrics"
	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/ratelimit"
)

// OpsConfig is the rate limits' and the metrics' part of config
// (docs/operations.md).
type OpsConfig struct {
	// MetricsAddr is where GET /metrics is served, on a listener of its
	// own so that it is not public with the API; unset, nowhere.
	MetricsAddr string `env:"OURSPACE_METRICS_ADDR"`
	// RedisURL shares rate-limit budgets between replicas; unset, each
	// process counts in its own memory.
	RedisURL string `env:"OURSPACE_REDIS_URL"`
	// TrustedProxies are the proxies whose X-Forwarded-For is believed.
	TrustedProxies prefixList `env:"OURSPACE_TRUSTED_PROXIES"`

	// RateLimitEnabled false turns every limit off (benchmarks).
	RateLimitEnabled bool `env:"OURSPACE_RATE_LIMIT_ENABLED" envDefault:"true"`
	// The budgets, as ratelimit.Parse reads them ("30/1m", "off"); check
	// puts them in budgets.
	RateLimitSignInIP     string `env:"OURSPACE_RATE_LIMIT_SIGNIN_IP" envDefault:"60/1m"`
	RateLimitRefreshIP    string `env:"OURSPACE_RATE_LIMIT_REFRESH_IP" envDefault:"120/1m"`
	RateLimitBookingsIP   string `env:"OURSPACE_RATE_LIMIT_BOOKINGS_IP" envDefault:"120/1m"`
	RateLimitBookingsUser string `env:"OURSPACE_RATE_LIMIT_BOOKINGS_USER" envDefault:"30/1m"`
	RateLimitUploadsIP    string `env:"OURSPACE_RATE_LIMIT_UPLOADS_IP" envDefault:"60/1m"`
	RateLimitUploadsUser  string `env:"OURSPACE_RATE_LIMIT_UPLOADS_USER" envDefault:"20/1m"`
	budgets               httpapi.RateLimits
}

// check refuses settings that cannot work, before anything starts, and
// reads the budgets.
func (c *OpsConfig) check() error {
	for _, l := range []struct {
		name, value string
		into        *ratelimit.Limit
	}{
		{"OURSPACE_RATE_LIMIT_SIGNIN_IP", c.RateLimitSignInIP, &c.budgets.SignIn.PerIP},
		{"OURSPACE_RATE_LIMIT_REFRESH_IP", c.RateLimitRefreshIP, &c.budgets.Refresh.PerIP},
		{"OURSPACE_RATE_LIMIT_BOOKINGS_IP", c.RateLimitBookingsIP, &c.budgets.Bookings.PerIP},
		{"OURSPACE_RATE_LIMIT_BOOKINGS_USER", c.RateLimitBookingsUser, &c.budgets.Bookings.PerUser},
		{"OURSPACE_RATE_LIMIT_UPLOADS_IP", c.RateLimitUploadsIP, &c.budgets.Uploads.PerIP},
		{"OURSPACE_RATE_LIMIT_UPLOADS_USER", c.RateLimitUploadsUser, &c.budgets.Uploads.PerUser},
	} {
		v, err := ratelimit.Parse(l.value)
		if err != nil {
			return fmt.Errorf("%s: %w", l.name, err)
		}
		*l.into = v
	}
	c.budgets.TrustedProxies = c.TrustedProxies
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			return fmt.Errorf("OURSPACE_METRICS_ADDR %q: want host:port, e.g. :9464", c.MetricsAddr)
		}
	}
	if c.RedisURL != "" {
		if _, err := redis.ParseURL(c.RedisURL); err != nil {
			// Not the error itself: it may quote the URL and its password.
			return errors.New("OURSPACE_REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://:password@redis:6379/0")
		}
	}
	return nil
}

// prefixList reads comma-separated networks ("10.0.0.0/8, fd00::/8"); a
// bare address is a network of one.
type prefixList []netip.Prefix

// UnmarshalText implements encoding.TextUnmarshaler for the environment.
func (l *prefixList) UnmarshalText(b []byte) error {
	*l = nil
	for s := range strings.SplitSeq(string(b), ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return fmt.Errorf("OURSPACE_TRUSTED_PROXIES: %q is neither a network (10.0.0.0/8) nor an address", s)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		*l = append(*l, p.Masked())
	}
	return nil
}

// operations are the rate limits and the metrics of a running server.
type operations struct {
	limits  httpapi.RateLimits
	metrics httpapi.Metrics  // nil without OURSPACE_METRICS_ADDR
	workers *metrics.Workers // nil without OURSPACE_METRICS_ADDR
	close   func()
}

// The background workers, as ourspace_worker_failures_total names them.
const (
	workerBookings = "booking_sweep"
	workerObjects  = "object_sweep"
	workerOutbox   = "event_delivery"
	workerPrune    = "history_prune"
)

// workerLog is the log of a background worker, counting its failed passes
// when there are metrics.
func (o operations) workerLog(log *slog.Logger, worker string) *slog.Logger {
	if o.workers == nil {
		return log
	}
	return o.workers.Logger(log, worker)
}

// startOperations sets up the rate limits and, when OURSPACE_METRICS_ADDR
// is set, the metrics and their listener. db is the primary: the pool it
// reports and where the workers' backlog is read; replica, when not nil,
// the read replica's pool.
func startOperations(ctx context.Context, c OpsConfig, db *sql.DB, replica *mysql.Replica, log *slog.Logger) (operations, error) {
	var reg *prometheus.Registry
	ops := operations{close: func() {}}
	if c.MetricsAddr != "" {
		reg = metrics.NewRegistry()
		metrics.RegisterDB(reg, db, "ourspace")
		if replica != nil {
			metrics.RegisterDB(reg, replica.DB(), "ourspace_replica")
			metrics.RegisterReadReplicaFallbacks(reg, replica.Fallbacks)
		}
		metrics.RegisterBacklog(reg, func(ctx context.Context) (metrics.Backlog, error) {
			b, err := mysql.ReadBacklog(ctx, db, time.Now())
			return metrics.Backlog(b), err
		}, log)
		ops.metrics = metrics.NewHTTP(reg)
		ops.workers = metrics.NewWorkers(reg, workerBookings, workerObjects, workerOutbox, workerPrune)
	}
	limits, closeLimits, err := rateLimits(ctx, c, reg, log)
	if err != nil {
		return operations{}, err
	}
	ops.limits = limits
	if reg == nil {
		ops.close = closeLimits
		return ops, nil
	}
	stopMetrics, err := serveMetrics(c.MetricsAddr, reg, log)
	if err != nil {
		closeLimits()
		return operations{}, err
	}
	ops.close = func() { stopMetrics(); closeLimits() }
	return ops, nil
}

// rateLimits builds the budgets and where they are counted: Redis when
// OURSPACE_REDIS_URL is set, this process's memory otherwise.
func rateLimits(ctx context.Context, c OpsConfig, reg prometheus.Registerer, log *slog.Logger) (httpapi.RateLimits, func(), error) {
	if !c.RateLimitEnabled {
		log.Warn("rate limits are off (OURSPACE_RATE_LIMIT_ENABLED=false)")
		return httpapi.RateLimits{}, func() {}, nil
	}
	limits := c.budgets
	if c.RedisURL == "" {
		limits.Limiter = ratelimit.NewMemory()
		log.Info("rate limits are counted in this process's memory; set OURSPACE_REDIS_URL to share them between replicas",
			"trusted_proxies", len(c.TrustedProxies))
		return limits, func() {}, nil
	}
	opts, err := redis.ParseURL(c.RedisURL)
	if err != nil {
		return httpapi.RateLimits{}, nil, errors.New("OURSPACE_REDIS_URL must be a redis:// or rediss:// URL")
	}
	opts.ContextTimeoutEnabled = true // each check's deadline bounds its socket reads and writes
	client := redis.NewClient(opts)
	lim := ratelimit.NewRedis(client, log)
	limits.Limiter = lim
	if reg != nil {
		metrics.RegisterRateLimitFailures(reg, lim.Failures)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := client.Ping(pingCtx).Err(); err != nil {
		// Not fatal: limits fall back to memory until Redis answers.
		log.Warn("rate limits: Redis does not answer yet; each replica counts in its own memory until it does", "addr", opts.Addr, "err", err)
	} else {
		log.Info("rate limits are shared between replicas through Redis", "addr", opts.Addr, "trusted_proxies", len(c.TrustedProxies))
	}
	return limits, func() { _ = client.Close() }, nil
}

// serveMetrics serves GET /metrics on addr until the returned func is
// called.
func serveMetrics(addr string, reg *prometheus.Registry, log *slog.Logger) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics: listen on %s (OURSPACE_METRICS_ADDR): %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics.Handler(reg, log))
	// Profiles on the same private listener: what a load run needs to see
	// where a request's CPU goes (docs/performance.md), never on the API's.
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics listener stopped", "err", err)
		}
	}()
	log.Info("metrics listening", "addr", ln.Addr().String(), "path", "/metrics")
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}, nil
}
