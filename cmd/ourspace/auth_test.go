package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
)

// strongSecret is what `openssl rand -base64 48` prints.
const strongSecret = "q3Nf0v8yJk2mZ4WcX1pR7sT9uB6dE5hL0aG3iK8oQ2wY4zV7xC1nM5bJ9fH6tS0r"

func TestCheckSecret(t *testing.T) {
	refused := map[string]string{
		"one character":        strings.Repeat("x", 48),
		"a short pattern":      strings.Repeat("ab12", 12),
		"the alphabet":         "abcdefghijklmnopqrstuvwxyz0123456789",
		"hex digits, twice":    "0123456789abcdef0123456789abcdef",
		"a word and its count": "secretsecretsecretsecret12345678",
	}
	for name, s := range refused {
		if err := checkSecret(s); err == nil {
			t.Errorf("%s (%q): accepted", name, s)
		}
	}
	if err := checkSecret(strongSecret); err != nil {
		t.Errorf("openssl rand -base64 48: %v", err)
	}
	// Random secrets of the documented kinds always pass.
	for range 500 {
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		for _, s := range []string{base64.StdEncoding.EncodeToString(b), base64.RawURLEncoding.EncodeToString(b), hex.EncodeToString(b)} {
			if err := checkSecret(s); err != nil {
				t.Fatalf("random %q: %v", s, err)
			}
		}
	}
}

func TestProductionRefusesWeakSettings(t *testing.T) {
	discard := slog.New(slog.DiscardHandler)
	t.Setenv("OURSPACE_ENV", "production")
	for _, public := range []string{"", "http://ourspace.example", "https://", "ourspace.example"} {
		t.Setenv("OURSPACE_PUBLIC_URL", public)
		if _, err := loadConfig(); err == nil || !strings.Contains(err.Error(), "OURSPACE_PUBLIC_URL") {
			t.Errorf("production with public URL %q: %v", public, err)
		}
	}
	t.Setenv("OURSPACE_PUBLIC_URL", "https://ourspace.example")
	t.Setenv("OURSPACE_SESSION_SECRET", "0123456789abcdef0123456789abcdef")
	cfg, err := loadConfig()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loadSecrets(cfg, discard); err == nil || !strings.Contains(err.Error(), "guessable") {
		t.Errorf("production with a patterned secret: %v", err)
	}
	cfg.SessionSecret = strongSecret
	if _, err := loadSecrets(cfg, discard); err != nil {
		t.Errorf("production with a random secret: %v", err)
	}
	// Development only warns.
	cfg.Env, cfg.SessionSecret = "development", "0123456789abcdef0123456789abcdef"
	if _, err := loadSecrets(cfg, discard); err != nil {
		t.Errorf("development with a patterned secret: %v", err)
	}
	t.Setenv("OURSPACE_ENV", "development")
	t.Setenv("OURSPACE_REFRESH_GRACE", "2m")
	if _, err := loadConfig(); err == nil || !strings.Contains(err.Error(), "OURSPACE_REFRESH_GRACE") {
		t.Errorf("a two-minute refresh grace: %v", err)
	}
}

// The default public URL is http://localhost:<port>; a login started at
// 127.0.0.1 is sent there first, so its cookie, the provider's callback and
// the code's exchange all happen on one host, and it ends with a session.
// The development provider is set up as docker compose sets it: listening
// on one address and announced at another that reaches it, where the
// browser is sent and the server fetches keys and tokens.
func TestDevelopmentLoginStartedOnAnotherLoopbackHost(t *testing.T) {
	server := mysqltest.ServerDSN(t)
	port := freePort(t)
	oidcPort := freePort(t)
	t.Setenv("OURSPACE_DEV_OIDC_ADDR", "127.0.0.1:"+oidcPort)
	t.Setenv("OURSPACE_DEV_OIDC_PUBLIC_URL", "http://localhost:"+oidcPort)
	name := fmt.Sprintf("ourspace_login_%d", time.Now().UnixNano())
	t.Setenv("OURSPACE_HTTP_ADDR", "127.0.0.1:"+port)
	t.Setenv("OURSPACE_PUBLIC_URL", "")
	t.Setenv("OURSPACE_DATABASE_NAME", name)
	t.Setenv("OURSPACE_MYSQL_DSN", os.Getenv("OURSPACE_TEST_MYSQL_DSN"))
	t.Setenv("OURSPACE_DATA_DIR", t.TempDir())
	t.Setenv("OURSPACE_SEED_DEMO", "false")
	t.Cleanup(func() {
		if db, err := mysql.Open(server); err == nil {
			_, _ = db.Exec("DROP DATABASE IF EXISTS `" + name + "`")
			_ = db.Close()
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("shutdown: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("the server did not stop on cancel")
		}
	})
	waitReady(t, "http://127.0.0.1:"+port, done)

	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(u string) *url.URL {
		t.Helper()
		resp, err := browser.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound {
			t.Fatalf("GET %s: %d %s", u, resp.StatusCode, body)
		}
		loc, err := url.Parse(resp.Header.Get("Location"))
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	authorize := get("http://127.0.0.1:" + port + "/v1/auth/kakao/login")
	for authorize.Path == "/v1/auth/kakao/login" { // to the public URL's host first
		authorize = get(authorize.String())
	}
	if authorize.Host != "localhost:"+oidcPort {
		t.Fatalf("the browser is sent to the provider at %s, want its public URL", authorize)
	}
	q := authorize.Query()
	q.Set("login_hint", "new")
	authorize.RawQuery = q.Encode()
	callback := get(authorize.String())
	if callback.Host != "localhost:"+port {
		t.Fatalf("the provider sends the browser back to %s", callback)
	}
	landing := get(callback.String())
	code := landing.Fragment[len("code="):]
	body, _ := json.Marshal(map[string]string{"code": code})
	resp, err := browser.Post(landing.Scheme+"://"+landing.Host+"/v1/auth/login-code", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var tokens struct {
		AccessToken string `json:"access_token"`
		NewUser     bool   `json:"new_user"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&tokens)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || tokens.AccessToken == "" || !tokens.NewUser {
		t.Fatalf("login code: %d %+v", resp.StatusCode, tokens)
	}
	req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1:"+port+"/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+tokens.AccessToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /v1/me with the new session: %d", resp.StatusCode)
	}
}

// waitReady waits for base/readyz, or for the server to stop.
func waitReady(t *testing.T, base string, done <-chan error) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
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
