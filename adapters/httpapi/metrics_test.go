package httpapi_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ourspace/ourspace/adapters/accesstoken"
	"github.com/ourspace/ourspace/adapters/devoidc"
	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/adapters/kakao"
	"github.com/ourspace/ourspace/adapters/metrics"
	"github.com/ourspace/ourspace/adapters/metrics/metricstest"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/adapters/ratelimit"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/service"
)

// observedServer is the whole HTTP surface on a small world, with rate
// limits in memory and metrics, signing in through the development provider.
type observedServer struct {
	srv     *httptest.Server
	idp     *devoidc.Provider
	metrics http.Handler // GET /metrics
}

func newObservedServer(t *testing.T, limits httpapi.RateLimits) observedServer {
	t.Helper()
	db, _ := mysqltest.NewDatabase(t)
	mysqltest.NewWorld(t, db, 3, 5, testNow)
	idp, err := devoidc.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idp.Close() })
	var handler http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	client, err := kakao.New(context.Background(), kakao.Config{IssuerURL: idp.Issuer(), ClientID: idp.ClientID(),
		ClientSecret: idp.ClientSecret(), RedirectURL: srv.URL + "/v1/auth/kakao/callback"})
	if err != nil {
		t.Fatal(err)
	}
	tokens, _ := accesstoken.New(bytes.Repeat([]byte("k"), 32))
	a := service.NewApplication(db, service.Options{Media: ports.PrefixURLs{Base: srv.URL + "/media/"}, Identity: client, Tokens: tokens})
	log := slog.New(slog.DiscardHandler)
	reg := metrics.NewRegistry()
	metrics.RegisterDB(reg, db, "ourspace")
	if limits.Limiter == nil {
		limits.Limiter = ratelimit.NewMemory()
	}
	handler = checked(t, httpapi.Handler(httpapi.Deps{App: a, PublicURL: srv.URL, CookieKey: bytes.Repeat([]byte("c"), 32),
		RateLimits: limits, Metrics: metrics.NewHTTP(reg)}, db, log))
	return observedServer{srv: srv, idp: idp, metrics: metrics.Handler(reg, log)}
}

func TestMetricsCountRequestsByOperationNeverByPath(t *testing.T) {
	t.Parallel()
	e := newObservedServer(t, httpapi.RateLimits{})
	get := func(path string, want int) {
		t.Helper()
		resp, err := http.Get(e.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Fatalf("GET %s: %d, want %d", path, resp.StatusCode, want)
		}
	}
	for range 3 {
		get("/v1/districts", http.StatusOK)
	}
	get("/v1/spaces/999999", http.StatusNotFound)
	get("/v1/spaces/999998", http.StatusNotFound)
	get("/healthz", http.StatusOK)
	get("/no/such/page", http.StatusNotFound)
	get("/wp-login.php", http.StatusNotFound)

	s := metricstest.Scrape(t, e.metrics)
	for _, c := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"ourspace_http_requests_total", []string{"operation", "list-districts", "code", "200"}, 3},
		{"ourspace_http_requests_total", []string{"operation", "get-space", "code", "404"}, 2},
		{"ourspace_http_requests_total", []string{"operation", "GET /healthz", "code", "200"}, 1},
		{"ourspace_http_requests_total", []string{"operation", "unmatched", "code", "404"}, 2},
		{"ourspace_http_request_duration_seconds_count", []string{"operation", "list-districts"}, 3},
		{"ourspace_http_request_duration_seconds_bucket", []string{"operation", "list-districts", "le", "+Inf"}, 3},
		{"ourspace_http_requests_in_flight", nil, 0},
		{"go_sql_max_open_connections", []string{"db_name", "ourspace"}, 32},
	} {
		if got, ok := s.Get(c.name, c.labels...); !ok || got != c.want {
			t.Errorf("%s = %v (present %v), want %v", metricstest.Key(c.name, c.labels...), got, ok, c.want)
		}
	}
	if _, ok := s.Get("go_sql_wait_count_total", "db_name", "ourspace"); !ok {
		t.Error("no database pool wait count")
	}
	for k := range s {
		if strings.Contains(k, "999999") || strings.Contains(k, "wp-login") {
			t.Errorf("a raw path became a label: %s", k)
		}
	}
}

// operationsOf lists a path's operations.
func operationsOf(item *huma.PathItem) []*huma.Operation {
	var ops []*huma.Operation
	for _, op := range []*huma.Operation{item.Get, item.Post, item.Put, item.Patch, item.Delete} {
		if op != nil {
			ops = append(ops, op)
		}
	}
	return ops
}
