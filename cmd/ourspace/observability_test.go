package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ourspace/ourspace/adapters/metrics/metricstest"
	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/adapters/ratelimit"
)

func TestRateLimitSettingsFromTheEnvironment(t *testing.T) {
	t.Setenv("OURSPACE_RATE_LIMIT_BOOKINGS_USER", "5/10s")
	t.Setenv("OURSPACE_RATE_LIMIT_SIGNIN_IP", "off")
	t.Setenv("OURSPACE_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7 ,fd00::/8")
	c, err := loadConfig()
	if err != nil {
		t.Fatal(err)
	}
	b := c.budgets
	if b.Bookings.PerUser != (ratelimit.Limit{Events: 5, Per: 10 * time.Second}) || !b.SignIn.PerIP.Off() ||
		b.Refresh.PerIP != (ratelimit.Limit{Events: 120, Per: time.Minute}) || !c.RateLimitEnabled {
		t.Errorf("budgets: %+v", b)
	}
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.7/32"), netip.MustParsePrefix("fd00::/8")}
	if fmt.Sprint(b.TrustedProxies) != fmt.Sprint(want) {
		t.Errorf("trusted proxies %v, want %v", b.TrustedProxies, want)
	}
	for name, bad := range map[string]string{
		"OURSPACE_RATE_LIMIT_REFRESH_IP": "lots", "OURSPACE_TRUSTED_PROXIES": "10.0.0.0/8,proxy.local",
		"OURSPACE_METRICS_ADDR": "9464", "OURSPACE_REDIS_URL": "http://user:hunter2@redis:6379",
	} {
		t.Run(name, func(t *testing.T) {
			t.Setenv(name, bad)
			_, err := loadConfig()
			if err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("%s=%q: %v, want an error naming it", name, bad, err)
			}
			if err != nil && strings.Contains(err.Error(), "hunter2") {
				t.Errorf("the error shows the Redis password: %v", err)
			}
		})
	}
}

// TestServeLimitsThroughRedisAndServesMetricsApart runs the server with
// rate limits in Redis behind a trusted proxy and metrics on a listener of
// their own: a burst past the budget is refused, Redis holds the count,
// and the scrape shows it; the API's port has no /metrics.
func TestServeLimitsThroughRedisAndServesMetricsApart(t *testing.T) {
	server := mysqltest.ServerDSN(t)
	redisURL := os.Getenv("OURSPACE_TEST_REDIS_URL")
	if redisURL == "" {
		redisURL = "redis://127.0.0.1:6379/0"
	}
	opts, err := redis.ParseURL(redisURL)
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewClient(opts)
	defer rdb.Close()
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("no Redis answers at %s (set OURSPACE_TEST_REDIS_URL): %v", redisURL, err)
	}
	apiAddr, metricsAddr := freeLoopbackAddr(t), freeLoopbackAddr(t)
	name := fmt.Sprintf("ourspace_ops_%d", time.Now().UnixNano())
	t.Setenv("OURSPACE_HTTP_ADDR", apiAddr)
	t.Setenv("OURSPACE_METRICS_ADDR", metricsAddr)
	t.Setenv("OURSPACE_REDIS_URL", redisURL)
	t.Setenv("OURSPACE_TRUSTED_PROXIES", "127.0.0.0/8")
	t.Setenv("OURSPACE_RATE_LIMIT_REFRESH_IP", "2/1m")
	t.Setenv("OURSPACE_DATABASE_NAME", name)
	t.Setenv("OURSPACE_MYSQL_DSN", os.Getenv("OURSPACE_TEST_MYSQL_DSN"))
	t.Setenv("OURSPACE_SEED_DEMO", "false")
	t.Setenv("OURSPACE_DATA_DIR", t.TempDir())
	t.Cleanup(func() {
		if db, err := mysql.Open(server); err == nil {
			_, _ = db.Exec("DROP DATABASE IF EXISTS `" + name + "`")
			_ = db.Close()
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	base := "http://" + apiAddr
	untilServing(t, base, done)

	// A client of its own behind the proxy (this test, on loopback), so
	// runs sharing the Redis do not share a budget.
	client := fmt.Sprintf("198.18.%d.%d", rand.IntN(256), 1+rand.IntN(254))
	refresh := func() (status int, retryAfter string) {
		req, _ := http.NewRequest(http.MethodPost, base+"/v1/auth/refresh", strings.NewReader(`{"refresh_token":"nope"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Forwarded-For", client)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode, resp.Header.Get("Retry-After")
	}
	for i := range 2 {
		if status, _ := refresh(); status != http.StatusUnauthorized {
			t.Fatalf("refresh %d within the budget: %d", i+1, status)
		}
	}
	if status, retryAfter := refresh(); status != http.StatusTooManyRequests || retryAfter == "" {
		t.Fatalf("3rd refresh of a budget of 2: %d, Retry-After %q", status, retryAfter)
	}
	if n, err := rdb.Exists(context.Background(), "rate:ourspace:refresh:ip:"+client).Result(); err != nil || n != 1 {
		t.Errorf("the client's count is not in Redis: %d %v", n, err)
	}
	if status := statusOf(t, http.DefaultClient, base+"/v1/districts"); status != http.StatusOK {
		t.Fatalf("districts: %d", status)
	}

	s := metricstest.ScrapeURL(t, "http://"+metricsAddr+"/metrics")
	for _, c := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"ourspace_http_requests_total", []string{"operation", "refresh-session", "code", "401"}, 2},
		{"ourspace_http_requests_total", []string{"operation", "refresh-session", "code", "429"}, 1},
		{"ourspace_http_requests_total", []string{"operation", "list-districts", "code", "200"}, 1},
		{"ourspace_http_rate_limited_total", []string{"group", "refresh", "scope", "ip"}, 1},
		{"ourspace_rate_limit_store_failures_total", nil, 0},
		{"ourspace_outbox_dead_events", nil, 0},
		{"ourspace_bookings_sweep_lag_seconds", nil, 0},
		{"ourspace_backlog_read_errors_total", nil, 0},
	} {
		if got, ok := s.Get(c.name, c.labels...); !ok || got != c.want {
			t.Errorf("%s = %v (present %v), want %v", metricstest.Key(c.name, c.labels...), got, ok, c.want)
		}
	}
	if _, ok := s.Get("go_sql_open_connections", "db_name", "ourspace"); !ok {
		t.Error("no database pool metrics")
	}
	if status := statusOf(t, http.DefaultClient, base+"/metrics"); status != http.StatusNotFound {
		t.Errorf("GET /metrics on the API's port: %d, want 404", status)
	}
}

// freeLoopbackAddr is a free port on 127.0.0.1.
func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// untilServing waits for /readyz, or for run to stop.
func untilServing(t *testing.T, base string, done <-chan error) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case err := <-done:
			t.Fatalf("the server stopped before it was ready: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the server was not ready in 2 minutes")
		}
		time.Sleep(100 * time.Millisecond)
	}
}
