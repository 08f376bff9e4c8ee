package httpapi_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/ourspace/ourspace/adapters/accesstoken"
	"github.com/ourspace/ourspace/adapters/devoidc"
	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/adapters/httpapi/contracttest"
	"github.com/ourspace/ourspace/adapters/kakao"
	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/service"
)

// faultEnv is the whole API on a database reached through dsn (a proxy the
// test stalls, or a server it stops), with sign-in through the development
// provider and the access log kept, served by serve (contractServer, or a
// server of the test's own).
type faultEnv struct {
	url  string
	idp  *devoidc.Provider
	logs *syncBuffer
	db   *sql.DB
}

func newFaultEnv(t *testing.T, dsn string, timeouts httpapi.Timeouts, serve func(http.Handler) *httptest.Server) faultEnv {
	t.Helper()
	db, err := mysql.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	idp, err := devoidc.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idp.Close() })
	var handler http.Handler
	srv := serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	client, err := kakao.New(context.Background(), kakao.Config{IssuerURL: idp.Issuer(), ClientID: idp.ClientID(),
		ClientSecret: idp.ClientSecret(), RedirectURL: srv.URL + "/v1/auth/kakao/callback"})
	if err != nil {
		t.Fatal(err)
	}
	tokens, _ := accesstoken.New(bytes.Repeat([]byte("k"), 32))
	a := service.NewApplication(db, service.Options{Media: ports.PrefixURLs{Base: srv.URL + "/media/"}, Identity: client, Tokens: tokens})
	logs := &syncBuffer{}
	handler = httpapi.Handler(httpapi.Deps{App: a, PublicURL: srv.URL, CookieKey: bytes.Repeat([]byte("c"), 32),
		Timeouts: timeouts}, db, slog.New(slog.NewJSONHandler(logs, nil)))
	return faultEnv{url: srv.URL, idp: idp, logs: logs, db: db}
}

// contractServer serves a handler holding every exchange to the committed
// OpenAPI document (which buffers each answer: no connection deadlines).
func contractServer(t *testing.T) func(http.Handler) *httptest.Server {
	return func(h http.Handler) *httptest.Server { return httptest.NewServer(checked(t, h)) }
}

// signIn signs the subject in as a device does, and gives its access token.
func (e faultEnv) signIn(t *testing.T, subject string) string {
	t.Helper()
	now := time.Now()
	idToken, err := e.idp.SignRS256(jwt.MapClaims{"iss": e.idp.Issuer(), "aud": e.idp.ClientID(), "sub": subject,
		"iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix()})
	if err != nil {
		t.Fatal(err)
	}
	got := try(http.DefaultClient, http.MethodPost, e.url+"/v1/auth/kakao/token", "", map[string]string{"id_token": idToken})
	var tokens struct {
		AccessToken string `json:"access_token"`
	}
	if got.status != http.StatusOK || json.Unmarshal([]byte(got.body), &tokens) != nil {
		t.Fatalf("sign in %s: %v", subject, got)
	}
	return tokens.AccessToken
}

// syncBuffer is a log the server writes while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// accessLog is the access log line of the first request to path that
// matches, waiting up to five seconds for it.
func (b *syncBuffer) accessLog(t *testing.T, path string, match func(map[string]any) bool) map[string]any {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		b.mu.Lock()
		lines := strings.Split(b.buf.String(), "\n")
		b.mu.Unlock()
		for _, line := range lines {
			var entry map[string]any
			if json.Unmarshal([]byte(line), &entry) == nil && entry["msg"] == "request" && entry["path"] == path && match(entry) {
				return entry
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no access log line for %s:\n%s", path, strings.Join(lines, "\n"))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// reply is what a client got: a status, or an error instead of an answer.
type reply struct {
	status     int
	retryAfter string
	body       string
	err        error
	took       time.Duration
}

func (r reply) String() string {
	if r.err != nil {
		return fmt.Sprintf("no answer (%v) after %s", r.err, r.took.Round(time.Millisecond))
	}
	return fmt.Sprintf("%d (Retry-After %q) after %s: %s", r.status, r.retryAfter, r.took.Round(time.Millisecond), strings.TrimSpace(r.body))
}

// try makes one request and never fails the test, so goroutines may use it.
func try(client *http.Client, method, url, bearer string, body any, header ...string) reply {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return reply{err: err}
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return reply{err: err, took: time.Since(start)}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After"), body: string(b), err: err, took: time.Since(start)}
}

// A hung database (a proxy in front of it that accepts and stalls) gives
// every kind of request a 503 with Retry-After by its deadline: an anonymous
// read, a signed-in read whose session lookup hangs (not 401: the client
// keeps its tokens), and a booking. The access log says 503. Once the
// database answers again, so does the API.
func TestHungDatabaseAnswers503ByTheDeadline(t *testing.T) {
	t.Parallel()
	db, dsn := mysqltest.NewDatabase(t)
	m := mysqltest.NewMarket(t, db, 1, 100_000, time.Now())
	proxy := mysqltest.NewProxy(t, dsn)
	const deadline = time.Second
	e := newFaultEnv(t, proxy.DSN, httpapi.Timeouts{Request: deadline}, contractServer(t))
	guest := e.signIn(t, fmt.Sprintf("guest-%d", m.Guests[0]))
	date := time.Now().In(time.FixedZone("KST", 9*3600)).AddDate(0, 0, 3).Format(time.DateOnly)
	booking := map[string]any{"space_id": m.Instant, "date": date, "package_id": m.Day, "people": 2,
		"contact": map[string]string{"name": "김민지", "phone": "010-1234-5678", "email": "minji@example.com"}}

	proxy.Stall()
	client := &http.Client{}
	for _, c := range []struct {
		name, method, path, bearer string
		body                       any
	}{
		{"search", http.MethodGet, "/v1/spaces?people=2", "", nil},
		{"detail", http.MethodGet, fmt.Sprintf("/v1/spaces/%d", m.Instant), "", nil},
		{"me", http.MethodGet, "/v1/me", guest, nil},
		{"book", http.MethodPost, "/v1/bookings", guest, booking},
	} {
		got := try(client, c.method, e.url+c.path, c.bearer, c.body, "Idempotency-Key", "hung-"+c.name)
		if got.err != nil || got.status != http.StatusServiceUnavailable || got.retryAfter == "" || got.took > deadline+2*time.Second {
			t.Errorf("%s while the database hangs: %v, want 503 with Retry-After by the deadline", c.name, got)
		}
		path, _, _ := strings.Cut(c.path, "?")
		e.logs.accessLog(t, path, func(l map[string]any) bool { return l["status"] == float64(http.StatusServiceUnavailable) })
	}
	proxy.Resume()
	if got := try(client, http.MethodGet, e.url+"/v1/me", guest, nil); got.status != http.StatusOK {
		t.Errorf("me once the database answers again: %v", got)
	}
	if got := try(client, http.MethodPost, e.url+"/v1/bookings", guest, booking, "Idempotency-Key", "after"); got.status != http.StatusCreated {
		t.Errorf("book once the database answers again: %v", got)
	}
}

// The server's own connection timeouts shorter than a request's deadline
// neither cut the request short nor drop its answer: net/http would cancel
// the request's context when its read deadline passed (as if the client had
// left: a 499 to a client still waiting) and discard an answer written past
// its write deadline. The handler moves both past the request's deadline.
func TestConnectionTimeoutsOutlastTheRequestDeadline(t *testing.T) {
	t.Parallel()
	_, dsn := mysqltest.NewDatabase(t)
	proxy := mysqltest.NewProxy(t, dsn)
	const deadline = 1500 * time.Millisecond
	e := newFaultEnv(t, proxy.DSN, httpapi.Timeouts{Request: deadline}, func(h http.Handler) *httptest.Server {
		srv := httptest.NewUnstartedServer(h)
		srv.Config.ReadTimeout, srv.Config.WriteTimeout = 300*time.Millisecond, 300*time.Millisecond
		srv.Start()
		return srv
	})
	proxy.Stall()
	// The server's connection deadlines need the real connection, which a
	// checking handler would hide; the client's side checks the answer.
	client := &http.Client{Transport: contracttest.Load(t).Transport(t, nil)}
	got := try(client, http.MethodGet, e.url+"/v1/spaces", "", nil)
	if got.err != nil || got.status != http.StatusServiceUnavailable || got.retryAfter == "" || got.took < deadline {
		t.Errorf("search while the database hangs: %v, want 503 with Retry-After at the deadline", got)
	}
	proxy.Resume()
}

// A client that gives up before the answer is logged as 499, with the
// status the handler wrote to no one.
func TestAccessLogSaysWhenTheClientLeft(t *testing.T) {
	t.Parallel()
	_, dsn := mysqltest.NewDatabase(t)
	proxy := mysqltest.NewProxy(t, dsn)
	e := newFaultEnv(t, proxy.DSN, httpapi.Timeouts{}, contractServer(t))
	proxy.Stall()
	defer proxy.Resume()
	// /readyz answers 503 whatever ended its ping, here the client leaving.
	got := try(&http.Client{Timeout: 300 * time.Millisecond}, http.MethodGet, e.url+"/readyz", "", nil)
	if !errors.Is(got.err, context.DeadlineExceeded) && (got.err == nil || !strings.Contains(got.err.Error(), "Timeout")) {
		t.Fatalf("the client should have given up: %v", got)
	}
	line := e.logs.accessLog(t, "/readyz", func(map[string]any) bool { return true })
	if line["status"] != float64(499) || line["handler_status"] != float64(http.StatusServiceUnavailable) {
		t.Errorf("access log: %v, want status 499 and handler_status 503", line)
	}
}
