package httpapi_test

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2/humatest"

	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/adapters/metrics/metricstest"
	"github.com/ourspace/ourspace/adapters/ratelimit"
)

// newLimitedAPI is the /v1 API with limits kept in memory and no use cases
// behind it: the requests below fail validation, after the limits.
func newLimitedAPI(t *testing.T, limits httpapi.RateLimits) humatest.TestAPI {
	t.Helper()
	limits.Limiter = ratelimit.NewMemory()
	api := newHumaAPI(t)
	httpapi.Register(api, httpapi.Deps{PublicURL: publicURL, RateLimits: limits})
	return api
}

// refreshFrom posts an empty refresh token (422) from a peer, through
// proxies when forwardedFor is given.
func refreshFrom(api humatest.TestAPI, peer string, forwardedFor ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/v1/auth/refresh", strings.NewReader(`{"refresh_token":""}`))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = peer
	for _, f := range forwardedFor {
		req.Header.Add("X-Forwarded-For", f)
	}
	rec := httptest.NewRecorder()
	api.Adapter().ServeHTTP(rec, req)
	return rec
}

func TestBurstPastTheLimitGets429WithRetryAfter(t *testing.T) {
	t.Parallel()
	api := newLimitedAPI(t, httpapi.RateLimits{Refresh: httpapi.Budget{PerIP: ratelimit.Limit{Events: 2, Per: time.Minute}}})
	for i := range 2 {
		if rec := refreshFrom(api, "203.0.113.1:4000"); rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("request %d within the budget: %d %s", i+1, rec.Code, rec.Body)
		}
	}
	rec := refreshFrom(api, "203.0.113.1:4000")
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("3rd request of a budget of 2: %d %s", rec.Code, rec.Body)
	}
	// One request every 30 s once the burst is spent.
	if wait, err := strconv.Atoi(rec.Header().Get("Retry-After")); err != nil || wait < 29 || wait > 30 {
		t.Errorf("Retry-After %q, want about 30 seconds", rec.Header().Get("Retry-After"))
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type %q", ct)
	}
	if p := decode[problem](t, rec); p.Status != http.StatusTooManyRequests || !strings.Contains(p.Detail, "try again in") {
		t.Errorf("problem %+v", p)
	}
	// Another address has a budget of its own.
	if rec := refreshFrom(api, "203.0.113.2:4000"); rec.Code != http.StatusUnprocessableEntity {
		t.Errorf("another client: %d, want its own budget", rec.Code)
	}
	// So does an IPv6 network, whatever address of its /64 it uses.
	refreshFrom(api, "[2001:db8:1:2::1]:4000")
	refreshFrom(api, "[2001:db8:1:2::2]:4000")
	if rec := refreshFrom(api, "[2001:db8:1:2::3]:4000"); rec.Code != http.StatusTooManyRequests {
		t.Errorf("3rd request from one IPv6 /64: %d, want 429", rec.Code)
	}
	// Operations outside the limited groups are never counted.
	for range 5 {
		if rec := api.Get("/v1/spaces/abc"); rec.Code == http.StatusTooManyRequests {
			t.Fatal("an operation without a budget answered 429")
		}
	}
}

func TestForwardedForIsBelievedOnlyFromTrustedProxies(t *testing.T) {
	t.Parallel()
	one := ratelimit.Limit{Events: 1, Per: time.Minute}
	direct := newLimitedAPI(t, httpapi.RateLimits{Refresh: httpapi.Budget{PerIP: one}})
	if rec := refreshFrom(direct, "10.0.0.1:4000", "198.51.100.1"); rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("first request: %d", rec.Code)
	}
	if rec := refreshFrom(direct, "10.0.0.1:4000", "198.51.100.2"); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("no trusted proxies: a new X-Forwarded-For bought a new budget (%d)", rec.Code)
	}

	proxied := newLimitedAPI(t, httpapi.RateLimits{Refresh: httpapi.Budget{PerIP: one},
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}})
	for _, c := range []struct {
		peer, forwarded string
		want            int
	}{
		{"10.0.0.1:4000", "198.51.100.1", http.StatusUnprocessableEntity},
		{"10.0.0.2:4000", "198.51.100.2", http.StatusUnprocessableEntity},           // another client behind the proxies
		{"10.0.0.1:4000", "198.51.100.1", http.StatusTooManyRequests},               // the first one again
		{"10.0.0.1:4000", "198.51.100.9, 198.51.100.1", http.StatusTooManyRequests}, // what it wrote itself is not believed
		{"203.0.113.5:4000", "198.51.100.3", http.StatusUnprocessableEntity},        // an untrusted peer: itself
		{"203.0.113.5:4000", "198.51.100.4", http.StatusTooManyRequests},            // … whatever it forwards
	} {
		if rec := refreshFrom(proxied, c.peer, c.forwarded); rec.Code != c.want {
			t.Errorf("peer %s, X-Forwarded-For %q: %d, want %d", c.peer, c.forwarded, rec.Code, c.want)
		}
	}
}

func TestSpecDocuments429OnTheLimitedOperations(t *testing.T) {
	t.Parallel()
	doc := httpapi.Spec()
	limited := map[string]bool{"kakao-login": true, "kakao-callback": true, "exchange-login-code": true, "kakao-token-login": true,
		"refresh-session": true, "create-booking": true, "pay-booking": true, "cancel-booking": true,
		"create-space": true, "add-space-photos": true, "create-review": true}
	seen := 0
	for path, item := range doc.Paths {
		for _, op := range operationsOf(item) {
			r := op.Responses["429"]
			switch {
			case limited[op.OperationID] && (r == nil || r.Headers["Retry-After"] == nil || r.Content["application/problem+json"] == nil):
				t.Errorf("%s (%s): 429 with Retry-After not documented", op.OperationID, path)
			case !limited[op.OperationID] && r != nil:
				t.Errorf("%s (%s) documents a 429 it never answers", op.OperationID, path)
			case limited[op.OperationID]:
				seen++
			}
		}
	}
	if seen != len(limited) {
		t.Errorf("%d limited operations documented, want %d", seen, len(limited))
	}
}

func TestBudgetsPerSignedInUser(t *testing.T) {
	t.Parallel()
	e := newObservedServer(t, httpapi.RateLimits{Bookings: httpapi.Budget{
		PerIP: ratelimit.Limit{Events: 100, Per: time.Minute}, PerUser: ratelimit.Limit{Events: 2, Per: time.Minute}}})
	alice, bob := token(t, e.srv, e.idp, "alice"), token(t, e.srv, e.idp, "bob")
	book := func(bearer string) (int, http.Header) {
		status, _, h := call(t, http.MethodPost, e.srv.URL+"/v1/bookings", bearer, map[string]any{})
		return status, h
	}
	for i := range 2 {
		if status, _ := book(alice); status != http.StatusUnprocessableEntity {
			t.Fatalf("alice's request %d: %d, want 422 (within her budget)", i+1, status)
		}
	}
	status, h := book(alice)
	if status != http.StatusTooManyRequests || h.Get("Retry-After") == "" {
		t.Fatalf("alice's 3rd request: %d, Retry-After %q; want 429 with it", status, h.Get("Retry-After"))
	}
	// Same address (loopback), another user: her budget is not his.
	if status, _ := book(bob); status != http.StatusUnprocessableEntity {
		t.Errorf("bob after alice ran out: %d, want 422", status)
	}

	s := metricstest.Scrape(t, e.metrics)
	for _, c := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"ourspace_http_rate_limited_total", []string{"group", "bookings", "scope", "user"}, 1},
		{"ourspace_http_requests_total", []string{"operation", "create-booking", "code", "429"}, 1},
		{"ourspace_http_requests_total", []string{"operation", "create-booking", "code", "422"}, 3},
		{"ourspace_http_requests_total", []string{"operation", "kakao-token-login", "code", "200"}, 2},
	} {
		if got, ok := s.Get(c.name, c.labels...); got != c.want {
			t.Errorf("%s = %v (present %v), want %v", metricstest.Key(c.name, c.labels...), got, ok, c.want)
		}
	}
}
