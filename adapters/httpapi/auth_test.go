package httpapi_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/ourspace/ourspace/adapters/accesstoken"
	"github.com/ourspace/ourspace/adapters/devoidc"
	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/adapters/kakao"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/adapters/s3store"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/session"
	"github.com/ourspace/ourspace/service"
)

// newAuthEnv serves the API on a real database, signing in through a real
// OpenID Connect provider on loopback.
func newAuthEnv(t *testing.T) (*httptest.Server, *devoidc.Provider, func(string, ...any) int) {
	t.Helper()
	return newSignInServer(t, func(db *sql.DB) { mysqltest.NewWorld(t, db, 2, 1, testNow) })
}

// newSignInServer serves the whole HTTP surface on a fresh database that
// fill stores data in, with the system clock and the development provider.
func newSignInServer(t *testing.T, fill func(*sql.DB)) (*httptest.Server, *devoidc.Provider, func(string, ...any) int) {
	t.Helper()
	e := newServerEnv(t, fill)
	return e.srv, e.idp, e.count
}

// serverEnv is the whole API on loopback: MySQL, the dev OIDC provider and
// an S3-compatible object store.
type serverEnv struct {
	srv     *httptest.Server
	idp     *devoidc.Provider
	count   func(string, ...any) int
	db      *sql.DB
	objects *s3store.Store
	s3      *httptest.Server
}

func newServerEnv(t *testing.T, fill func(*sql.DB)) serverEnv {
	t.Helper()
	return newServerEnvWith(t, fill, envOptions{})
}

// envOptions change the server of newServerEnvWith.
type envOptions struct {
	clock ports.Clock  // default: the system clock
	log   *slog.Logger // default: discarded
	// publicURL makes the public URL from the server's (default: itself);
	// loginOnPublicHost is Deps.LoginOnPublicHost.
	publicURL         func(srvURL string) string
	loginOnPublicHost bool
	// db and idp, when set, are the database and provider to use instead
	// of new ones (a second replica of another env); fill is not called.
	db  *sql.DB
	idp *devoidc.Provider
}

func newServerEnvWith(t *testing.T, fill func(*sql.DB), o envOptions) serverEnv {
	t.Helper()
	db := o.db
	if db == nil {
		db, _ = mysqltest.NewDatabase(t)
		fill(db)
	}
	idp, err := devoidc.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idp.Close() })
	if o.idp != nil {
		idp = o.idp
	}
	var handler http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	public := srv.URL
	if o.publicURL != nil {
		public = o.publicURL(srv.URL)
	}
	if o.log == nil {
		o.log = slog.New(slog.DiscardHandler)
	}
	client, err := kakao.New(context.Background(), kakao.Config{IssuerURL: idp.Issuer(), ClientID: idp.ClientID(),
		ClientSecret: idp.ClientSecret(), RedirectURL: public + "/v1/auth/kakao/callback"})
	if err != nil {
		t.Fatal(err)
	}
	tokens, _ := accesstoken.New(bytes.Repeat([]byte("k"), 32))
	s3, objects := newObjectStore(t)
	a := service.NewApplication(db, service.Options{Clock: o.clock, Media: ports.PrefixURLs{Base: public + "/media/"}, Identity: client,
		Tokens: tokens, RefreshKey: bytes.Repeat([]byte("r"), 32), Objects: objects})
	handler = checked(t, httpapi.Handler(httpapi.Deps{App: a, PublicURL: public, CookieKey: bytes.Repeat([]byte("c"), 32), Objects: objects,
		LoginOnPublicHost: o.loginOnPublicHost}, db, o.log))
	count := func(q string, args ...any) int {
		var n int
		if err := db.QueryRow(q, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	return serverEnv{srv: srv, idp: idp, count: count, db: db, objects: objects, s3: s3}
}

// newObjectStore serves an in-memory S3-compatible store on loopback.
func newObjectStore(t *testing.T) (*httptest.Server, *s3store.Store) {
	t.Helper()
	s3 := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
	t.Cleanup(s3.Close)
	store, err := s3store.New(s3store.Config{Endpoint: s3.URL, Bucket: "media", PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := store.EnsureBucket(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s3, store
}

func call(t *testing.T, method, url, bearer string, body any) (int, map[string]any, http.Header) {
	t.Helper()
	return callWith(t, method, url, bearer, body, nil)
}

// callWith is call with extra request headers.
func callWith(t *testing.T, method, url, bearer string, body any, headers map[string]string) (int, map[string]any, http.Header) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	return resp.StatusCode, m, resp.Header
}

// newBrowser is a client with a cookie jar that does not follow redirects.
func newBrowser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// webLogin plays a browser through login, provider and callback and
// returns the one-time code the front end receives, and the browser.
func webLogin(t *testing.T, srv *httptest.Server, tamper func(*http.Request)) (int, string, *http.Client) {
	t.Helper()
	browser := newBrowser()
	resp, err := browser.Get(srv.URL + "/v1/auth/kakao/login")
	if err != nil || resp.StatusCode != http.StatusFound {
		t.Fatalf("login: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, err = browser.Get(resp.Header.Get("Location") + "&login_hint=demo-guest") // the provider signs in at once
	if err != nil || resp.StatusCode != http.StatusFound {
		t.Fatalf("authorize: %v %v", resp, err)
	}
	resp.Body.Close()
	req, _ := http.NewRequest(http.MethodGet, resp.Header.Get("Location"), nil)
	if tamper != nil {
		tamper(req)
	}
	resp, err = browser.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		return resp.StatusCode, "", browser
	}
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if loc.Path != "/auth/complete" {
		t.Fatalf("callback redirected to %s", loc)
	}
	frag, _ := url.ParseQuery(loc.Fragment)
	return resp.StatusCode, frag.Get("code"), browser
}

// exchangeCode posts a login code from browser, with its cookies, as the
// landing page does.
func exchangeCode(t *testing.T, browser *http.Client, srv *httptest.Server, code string) (int, map[string]any, http.Header) {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"code": code})
	resp, err := browser.Post(srv.URL+"/v1/auth/login-code", "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m, resp.Header
}

func TestWebLoginCreatesTheUserAndGrantsPointsOnce(t *testing.T) {
	srv, idp, count := newAuthEnv(t)
	idp.QueueUser(devoidc.User{Subject: "k-100", Nickname: "라이언", Picture: "https://img.test/r.png", Email: "r@test"})
	_, code, browser := webLogin(t, srv, nil)
	status, tokens, _ := exchangeCode(t, browser, srv, code)
	if status != http.StatusOK || tokens["new_user"] != true || tokens["token_type"] != "Bearer" || tokens["refresh_token"] == "" {
		t.Fatalf("exchange: %d %v", status, tokens)
	}
	if status, _, _ := exchangeCode(t, browser, srv, code); status != http.StatusUnauthorized {
		t.Errorf("a login code works twice: %d", status)
	}
	status, me, _ := call(t, http.MethodGet, srv.URL+"/v1/me", tokens["access_token"].(string), nil)
	if status != http.StatusOK || me["nickname"] != "라이언" || me["points_balance"] != float64(100_000) || me["email"] != "r@test" {
		t.Fatalf("me: %d %v", status, me)
	}
	// A second login updates the profile and grants nothing.
	idp.QueueUser(devoidc.User{Subject: "k-100", Nickname: "라이언2"})
	_, code, browser = webLogin(t, srv, nil)
	_, tokens2, _ := exchangeCode(t, browser, srv, code)
	if tokens2["new_user"] != false || tokens2["user_id"] != tokens["user_id"] {
		t.Fatalf("second login: %v", tokens2)
	}
	_, me, _ = call(t, http.MethodGet, srv.URL+"/v1/me", tokens2["access_token"].(string), nil)
	if me["nickname"] != "라이언2" || me["points_balance"] != float64(100_000) {
		t.Errorf("after second login: %v", me)
	}
	if n := count("SELECT COUNT(*) FROM points_ledger l JOIN users u ON u.id = l.user_id WHERE u.subject = 'k-100'"); n != 1 {
		t.Errorf("%d ledger entries, want the one welcome grant", n)
	}
	status, ledger, _ := call(t, http.MethodGet, srv.URL+"/v1/me/points", tokens2["access_token"].(string), nil)
	items, _ := ledger["items"].([]any)
	if status != http.StatusOK || len(items) != 1 || items[0].(map[string]any)["kind"] != "grant" || items[0].(map[string]any)["amount"] != float64(100_000) {
		t.Errorf("ledger: %d %v", status, ledger)
	}
}

func TestWebLoginRefusesForeignState(t *testing.T) {
	srv, _, count := newAuthEnv(t)
	cases := map[string]func(*http.Request){
		"wrong state": func(r *http.Request) {
			q := r.URL.Query()
			q.Set("state", "forged")
			r.URL.RawQuery = q.Encode()
		},
		"provider error": func(r *http.Request) { r.URL.RawQuery = "error=access_denied&state=" + r.URL.Query().Get("state") },
	}
	for name, tamper := range cases {
		if status, _, _ := webLogin(t, srv, tamper); status != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, status)
		}
	}
	if n := count("SELECT COUNT(*) FROM login_codes"); n != 0 {
		t.Errorf("%d login codes issued for refused logins", n)
	}
}

func TestCallbackWithoutTheBrowsersCookieIsRefused(t *testing.T) {
	srv, _, _ := newAuthEnv(t)
	// The attacker's browser starts the login; the victim's browser (no
	// cookie, or a forged one) lands on the callback.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, _ := noRedirect.Get(srv.URL + "/v1/auth/kakao/login")
	resp.Body.Close()
	resp, _ = noRedirect.Get(resp.Header.Get("Location") + "&login_hint=demo-guest")
	resp.Body.Close()
	callback := resp.Header.Get("Location")
	for name, cookie := range map[string]string{"none": "", "forged": "ourspace_login=eyJzIjoieCJ9.AAAA"} {
		req, _ := http.NewRequest(http.MethodGet, callback, nil)
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
		}
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s cookie: %d, want 401", name, resp.StatusCode)
		}
	}
}

func TestDeviceIDTokenLogin(t *testing.T) {
	srv, idp, count := newAuthEnv(t)
	now := time.Now()
	claims := func() jwt.MapClaims {
		return jwt.MapClaims{"iss": idp.Issuer(), "aud": idp.ClientID(), "sub": "k-dev", "nickname": "무지",
			"iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(), "nonce": "n-1"}
	}
	sign := func(c jwt.MapClaims) string {
		s, err := idp.SignRS256(c)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	mutate := func(k string, v any) string { c := claims(); c[k] = v; return sign(c) }
	otherKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	foreign := jwt.NewWithClaims(jwt.SigningMethodRS256, claims())
	foreign.Header["kid"] = "x"
	foreignSigned, _ := foreign.SignedString(otherKey)
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims()).SignedString(jwt.UnsafeAllowNoneSignatureType)
	confused, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims()).SignedString(idp.PublicKeyBytes())
	refused := map[string]map[string]string{
		"wrong audience":  {"id_token": mutate("aud", "another-app")},
		"wrong issuer":    {"id_token": mutate("iss", "https://kauth.evil.test")},
		"expired":         {"id_token": mutate("exp", now.Add(-time.Minute).Unix())},
		"other key":       {"id_token": foreignSigned},
		"alg none":        {"id_token": none},
		"HS256 confusion": {"id_token": confused},
		"wrong nonce":     {"id_token": sign(claims()), "nonce": "n-2"},
	}
	for name, body := range refused {
		status, p, _ := call(t, http.MethodPost, srv.URL+"/v1/auth/kakao/token", "", body)
		if status != http.StatusUnauthorized || p["status"] != float64(401) {
			t.Errorf("%s: %d %v, want a 401 problem", name, status, p)
		}
	}
	if n := count("SELECT COUNT(*) FROM users WHERE subject = 'k-dev'"); n != 0 {
		t.Fatalf("refused tokens created %d users", n)
	}
	status, tokens, _ := call(t, http.MethodPost, srv.URL+"/v1/auth/kakao/token", "", map[string]string{"id_token": sign(claims()), "nonce": "n-1"})
	if status != http.StatusOK || tokens["new_user"] != true {
		t.Fatalf("good token: %d %v", status, tokens)
	}
}

func TestConcurrentFirstLoginsMakeOneUserAndOneGrant(t *testing.T) {
	srv, idp, count := newAuthEnv(t)
	now := time.Now()
	var wg sync.WaitGroup
	statuses := make([]int, 8)
	for i := range statuses {
		// Eight devices, eight tokens (each signs in once) of one account.
		tok, _ := idp.SignRS256(jwt.MapClaims{"iss": idp.Issuer(), "aud": idp.ClientID(), "sub": "k-race",
			"iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(), "jti": fmt.Sprintf("race-%d", i)})
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i], _, _ = call(t, http.MethodPost, srv.URL+"/v1/auth/kakao/token", "", map[string]string{"id_token": tok})
		}()
	}
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusOK {
			t.Errorf("login %d: %d", i, s)
		}
	}
	if u, g := count("SELECT COUNT(*) FROM users WHERE subject = 'k-race'"),
		count("SELECT COUNT(*) FROM points_ledger l JOIN users u ON u.id = l.user_id WHERE u.subject = 'k-race'"); u != 1 || g != 1 {
		t.Errorf("%d users and %d grants, want 1 and 1", u, g)
	}
}

// deviceLogin signs sub in with a fresh device ID token (its own jti).
func deviceLogin(t *testing.T, srv *httptest.Server, idp *devoidc.Provider, sub string) map[string]any {
	t.Helper()
	now := time.Now()
	tok, _ := idp.SignRS256(jwt.MapClaims{"iss": idp.Issuer(), "aud": idp.ClientID(), "sub": sub,
		"iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(), "jti": rand.Text()})
	status, tokens, _ := call(t, http.MethodPost, srv.URL+"/v1/auth/kakao/token", "", map[string]string{"id_token": tok})
	if status != http.StatusOK {
		t.Fatalf("login: %d %v", status, tokens)
	}
	return tokens
}

func TestRefreshRotatesAndReuseRevokesTheSession(t *testing.T) {
	clock := &testClock{at: time.Now()}
	e := newServerEnvWith(t, func(db *sql.DB) { mysqltest.NewWorld(t, db, 2, 1, testNow) }, envOptions{clock: clock})
	srv, idp := e.srv, e.idp
	first := deviceLogin(t, srv, idp, "k-rot")
	status, second, _ := call(t, http.MethodPost, srv.URL+"/v1/auth/refresh", "", map[string]any{"refresh_token": first["refresh_token"]})
	if status != http.StatusOK || second["refresh_token"] == first["refresh_token"] || second["user_id"] != first["user_id"] {
		t.Fatalf("refresh: %d %v", status, second)
	}
	if status, _, _ := call(t, http.MethodGet, srv.URL+"/v1/me", second["access_token"].(string), nil); status != http.StatusOK {
		t.Fatalf("new access token: %d", status)
	}
	// The first refresh token comes back after the grace window: stolen.
	// The whole session ends.
	clock.advance(session.DefaultRefreshGrace + time.Second)
	if status, _, _ := call(t, http.MethodPost, srv.URL+"/v1/auth/refresh", "", map[string]any{"refresh_token": first["refresh_token"]}); status != http.StatusUnauthorized {
		t.Fatalf("reused refresh token: %d, want 401", status)
	}
	if status, _, _ := call(t, http.MethodPost, srv.URL+"/v1/auth/refresh", "", map[string]any{"refresh_token": second["refresh_token"]}); status != http.StatusUnauthorized {
		t.Errorf("the rotated-to token survived reuse detection: %d", status)
	}
	for _, tok := range []any{first["access_token"], second["access_token"]} {
		if status, _, _ := call(t, http.MethodGet, srv.URL+"/v1/me", tok.(string), nil); status != http.StatusUnauthorized {
			t.Errorf("access token of a revoked session: %d, want 401", status)
		}
	}
	// Another session of the same user is untouched.
	other := deviceLogin(t, srv, idp, "k-rot")
	if status, _, _ := call(t, http.MethodGet, srv.URL+"/v1/me", other["access_token"].(string), nil); status != http.StatusOK {
		t.Errorf("a separate session was revoked too: %d", status)
	}
	if status, _, _ := call(t, http.MethodPost, srv.URL+"/v1/auth/refresh", "", map[string]any{"refresh_token": "unknown"}); status != http.StatusUnauthorized {
		t.Errorf("unknown refresh token: %d", status)
	}
}

func TestLogoutRevokesTheSession(t *testing.T) {
	srv, idp, _ := newAuthEnv(t)
	tokens := deviceLogin(t, srv, idp, "k-out")
	access := tokens["access_token"].(string)
	if status, _, _ := call(t, http.MethodPost, srv.URL+"/v1/auth/logout", "", nil); status != http.StatusUnauthorized {
		t.Errorf("logout without a token: %d", status)
	}
	if status, _, _ := call(t, http.MethodPost, srv.URL+"/v1/auth/logout", access, nil); status != http.StatusNoContent {
		t.Fatalf("logout: %d", status)
	}
	if status, _, _ := call(t, http.MethodGet, srv.URL+"/v1/me", access, nil); status != http.StatusUnauthorized {
		t.Errorf("access token after logout: %d", status)
	}
	if status, _, _ := call(t, http.MethodPost, srv.URL+"/v1/auth/refresh", "", map[string]any{"refresh_token": tokens["refresh_token"]}); status != http.StatusUnauthorized {
		t.Errorf("refresh after logout: %d", status)
	}
}

func TestMeNeedsAValidBearerToken(t *testing.T) {
	srv, _, _ := newAuthEnv(t)
	forged, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"iss": accesstoken.Issuer, "aud": accesstoken.Audience,
		"sub": "1", "sid": "x", "exp": time.Now().Add(time.Minute).Unix()}).SignedString([]byte(strings.Repeat("w", 32)))
	for name, header := range map[string]string{"none": "", "garbage": "Bearer abc", "basic": "Basic dXNlcjpwYXNz", "forged": "Bearer " + forged} {
		for _, path := range []string{"/v1/me", "/v1/me/points"} {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
			if header != "" {
				req.Header.Set("Authorization", header)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var p problem
			_ = json.NewDecoder(resp.Body).Decode(&p)
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized || p.Status != 401 || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("%s %s: %d %+v %q", name, path, resp.StatusCode, p, resp.Header.Get("WWW-Authenticate"))
			}
		}
	}
}

// testClock is a clock the test moves while the server reads it.
type testClock struct {
	mu sync.Mutex
	at time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = c.at.Add(d)
}

// Two tabs refreshing at once, or a retry of a refresh whose answer was
// lost: within the grace window the same refresh token gets the same
// successor and working access tokens, and the session lives on; after it,
// the token's return revokes the session.
func TestRefreshAgainWithinTheGraceWindow(t *testing.T) {
	clock := &testClock{at: time.Now()}
	e := newServerEnvWith(t, func(db *sql.DB) { mysqltest.NewWorld(t, db, 2, 1, testNow) }, envOptions{clock: clock})
	first := deviceLogin(t, e.srv, e.idp, "k-tabs")
	refresh := func(token any) (int, map[string]any) {
		status, body, _ := call(t, http.MethodPost, e.srv.URL+"/v1/auth/refresh", "", map[string]any{"refresh_token": token})
		return status, body
	}
	var wg sync.WaitGroup
	answers := make([]map[string]any, 2)
	statuses := make([]int, 2)
	for i := range answers {
		wg.Go(func() { statuses[i], answers[i] = refresh(first["refresh_token"]) })
	}
	wg.Wait()
	if statuses[0] != http.StatusOK || statuses[1] != http.StatusOK || answers[0]["refresh_token"] != answers[1]["refresh_token"] {
		t.Fatalf("two tabs at once: %d %v and %d %v, want the same successor twice", statuses[0], answers[0], statuses[1], answers[1])
	}
	clock.advance(session.DefaultRefreshGrace - time.Second)
	status, retried := refresh(first["refresh_token"])
	if status != http.StatusOK || retried["refresh_token"] != answers[0]["refresh_token"] {
		t.Fatalf("a retry within the window: %d %v", status, retried)
	}
	for _, a := range append(answers, retried) {
		if status, _, _ := call(t, http.MethodGet, e.srv.URL+"/v1/me", a["access_token"].(string), nil); status != http.StatusOK {
			t.Errorf("an access token of the window: %d", status)
		}
	}
	if n := e.count("SELECT COUNT(*) FROM sessions WHERE revoked_at IS NULL AND user_id = ?", first["user_id"]); n != 2 {
		t.Errorf("%d live refresh tokens, want the first (rotated) and its one successor", n)
	}
	clock.advance(2 * time.Second)
	if status, _ := refresh(first["refresh_token"]); status != http.StatusUnauthorized {
		t.Fatalf("after the window: %d, want 401", status)
	}
	if status, _ := refresh(answers[0]["refresh_token"]); status != http.StatusUnauthorized {
		t.Errorf("the successor after the reuse: %d, want 401 (session revoked)", status)
	}
}

// A device ID token signs in once, on whichever replica sees it.
func TestDeviceIDTokenWorksOnceAcrossReplicas(t *testing.T) {
	a := newServerEnv(t, func(db *sql.DB) { mysqltest.NewWorld(t, db, 2, 1, testNow) })
	b := newServerEnvWith(t, nil, envOptions{db: a.db, idp: a.idp})
	now := time.Now()
	tok, _ := a.idp.SignRS256(jwt.MapClaims{"iss": a.idp.Issuer(), "aud": a.idp.ClientID(), "sub": "k-once",
		"iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix()})
	if status, body, h := call(t, http.MethodPost, a.srv.URL+"/v1/auth/kakao/token", "", map[string]string{"id_token": tok}); status != http.StatusOK ||
		h.Get("Cache-Control") != "no-store" {
		t.Fatalf("first use: %d %v, Cache-Control %q", status, body, h.Get("Cache-Control"))
	}
	for name, srv := range map[string]*httptest.Server{"other replica": b.srv, "same replica": a.srv} {
		if status, p, _ := call(t, http.MethodPost, srv.URL+"/v1/auth/kakao/token", "", map[string]string{"id_token": tok}); status != http.StatusUnauthorized || p["status"] != float64(401) {
			t.Errorf("replay on the %s: %d %v, want a 401 problem", name, status, p)
		}
	}
	if n := a.count("SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.subject = 'k-once'"); n != 1 {
		t.Errorf("%d sessions, want the one of the first use", n)
	}
}

// A login code taken to another browser (which lacks the cookie of the
// login) is refused, and still works in its own.
func TestLoginCodeWorksOnlyInTheBrowserThatSignedIn(t *testing.T) {
	srv, _, count := newAuthEnv(t)
	_, code, browser := webLogin(t, srv, nil)
	_, _, elsewhere := webLogin(t, srv, nil) // a browser with a login cookie of its own
	if status, body, _ := exchangeCode(t, elsewhere, srv, code); status != http.StatusUnauthorized {
		t.Errorf("in another signed-in browser: %d %v, want 401", status, body)
	}
	if status, body, _ := call(t, http.MethodPost, srv.URL+"/v1/auth/login-code", "", map[string]string{"code": code}); status != http.StatusUnauthorized {
		t.Errorf("without any cookie: %d %v, want 401", status, body)
	}
	if n := count("SELECT COUNT(*) FROM sessions"); n != 0 {
		t.Fatalf("%d sessions opened by refused exchanges", n)
	}
	status, tokens, h := exchangeCode(t, browser, srv, code)
	if status != http.StatusOK || tokens["access_token"] == nil {
		t.Fatalf("in its own browser: %d %v", status, tokens)
	}
	if c := h.Get("Set-Cookie"); !strings.HasPrefix(c, "ourspace_login=;") || !strings.Contains(c, "Max-Age=0") {
		t.Errorf("the spent login cookie is not cleared: %q", c)
	}
}

// Every answer that carries tokens or a login code says no-store.
func TestTokenResponsesAreNotCached(t *testing.T) {
	srv, idp, _ := newAuthEnv(t)
	browser := newBrowser()
	// visit gives the status and headers of the browser's GET of target.
	visit := func(target string) (int, http.Header) {
		t.Helper()
		resp, err := browser.Get(target)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode, resp.Header
	}
	want := func(what string, status int, h http.Header, wantStatus int) {
		t.Helper()
		if status != wantStatus || h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %d, Cache-Control %q; want %d, no-store", what, status, h.Get("Cache-Control"), wantStatus)
		}
	}
	status, h := visit(srv.URL + "/v1/auth/kakao/login")
	want("login", status, h, http.StatusFound)
	_, h = visit(h.Get("Location") + "&login_hint=demo-guest")
	status, h = visit(h.Get("Location"))
	want("callback (the code in Location)", status, h, http.StatusFound)
	landing, _ := url.Parse(h.Get("Location"))
	frag, _ := url.ParseQuery(landing.Fragment)
	if status, _, h := exchangeCode(t, browser, srv, frag.Get("code")); status != http.StatusOK || h.Get("Cache-Control") != "no-store" {
		t.Errorf("login code: %d, Cache-Control %q", status, h.Get("Cache-Control"))
	}
	tokens := deviceLogin(t, srv, idp, "k-cache")
	if status, _, h := call(t, http.MethodPost, srv.URL+"/v1/auth/refresh", "", map[string]any{"refresh_token": tokens["refresh_token"]}); status != http.StatusOK ||
		h.Get("Cache-Control") != "no-store" {
		t.Errorf("refresh: %d, Cache-Control %q", status, h.Get("Cache-Control"))
	}
}

// An access token whose session belongs to another user (a token made with
// a leaked or reused key, a bug) is refused.
func TestAccessTokenNamingAnotherUsersSessionIsRefused(t *testing.T) {
	srv, idp, _ := newAuthEnv(t)
	victim := deviceLogin(t, srv, idp, "k-victim")
	intruder := deviceLogin(t, srv, idp, "k-intruder")
	var claims jwt.MapClaims
	if _, _, err := jwt.NewParser().ParseUnverified(victim["access_token"].(string), &claims); err != nil {
		t.Fatal(err)
	}
	sign := func(sub any) string {
		tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"iss": accesstoken.Issuer, "aud": accesstoken.Audience,
			"sub": fmt.Sprint(sub), "sid": claims["sid"], "exp": time.Now().Add(time.Minute).Unix()}).SignedString(bytes.Repeat([]byte("k"), 32))
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	if status, _, _ := call(t, http.MethodGet, srv.URL+"/v1/me", sign(victim["user_id"]), nil); status != http.StatusOK {
		t.Fatalf("the session's own user: %d", status)
	}
	if status, me, _ := call(t, http.MethodGet, srv.URL+"/v1/me", sign(intruder["user_id"]), nil); status != http.StatusUnauthorized {
		t.Errorf("another user with the victim's session: %d %v, want 401", status, me)
	}
}

// A login reached on another loopback host than the (development default)
// public URL's is sent to the public URL's host before any cookie is set;
// the public host itself, and any other host, start it at once.
func TestLoginOnAnotherLoopbackHostMovesToThePublicHost(t *testing.T) {
	for _, on := range []bool{true, false} {
		e := newServerEnvWith(t, func(*sql.DB) {}, envOptions{loginOnPublicHost: on,
			publicURL: func(u string) string { return strings.Replace(u, "127.0.0.1", "localhost", 1) }})
		_, port, _ := strings.Cut(strings.TrimPrefix(e.srv.URL, "http://"), ":")
		for host, moved := range map[string]bool{"127.0.0.1:" + port: on, "[::1]:" + port: on, "localhost:" + port: false, "evil.example": false} {
			req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/v1/auth/kakao/login", nil)
			req.Host = host
			resp, err := newBrowser().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			loc := resp.Header.Get("Location")
			if got := loc == "http://localhost:"+port+"/v1/auth/kakao/login"; got != moved || (moved == (resp.Header.Get("Set-Cookie") != "")) {
				t.Errorf("LoginOnPublicHost %v, Host %s: Location %q, Set-Cookie %q; moved %v, want %v", on, host, loc, resp.Header.Get("Set-Cookie"), got, moved)
			}
		}
	}
}

// Every refused step of the web login says why in the log.
func TestWebLoginRefusalsAreLogged(t *testing.T) {
	var buf logBuffer
	e := newServerEnvWith(t, func(*sql.DB) {}, envOptions{log: slog.New(slog.NewJSONHandler(&buf, nil))})
	// The callback without the login's cookie (started on another host).
	resp, err := newBrowser().Get(e.srv.URL + "/v1/auth/kakao/callback?code=c&state=s")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	// A login code without the browser's cookie.
	status, _, _ := call(t, http.MethodPost, e.srv.URL+"/v1/auth/login-code", "", map[string]string{"code": "c"})
	if resp.StatusCode != http.StatusUnauthorized || status != http.StatusUnauthorized {
		t.Fatalf("statuses %d, %d; want 401, 401", resp.StatusCode, status)
	}
	logged := buf.String()
	for _, want := range []string{`"step":"login cookie"`, `"step":"login code"`, "no login cookie"} {
		if !strings.Contains(logged, want) {
			t.Errorf("the log lacks %s:\n%s", want, logged)
		}
	}
}

// logBuffer is a bytes.Buffer for a logger that the server's goroutines
// write while the test reads.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
