package kakao_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/ourspace/ourspace/adapters/devoidc"
	"github.com/ourspace/ourspace/adapters/kakao"
	"github.com/ourspace/ourspace/app/ports"
)

// setup runs a real OIDC provider on loopback and points the adapter at it.
func setup(t *testing.T) (*devoidc.Provider, *kakao.Client) {
	t.Helper()
	p, err := devoidc.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	c, err := kakao.New(context.Background(), kakao.Config{IssuerURL: p.Issuer(), ClientID: p.ClientID(),
		ClientSecret: p.ClientSecret(), RedirectURL: "http://app.test/callback"})
	if err != nil {
		t.Fatal(err)
	}
	return p, c
}

// authorize plays the browser: it follows the login URL and returns the code
// the provider redirects back with.
func authorize(t *testing.T, loginURL, wantState string) string {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// A login hint skips the development provider's account chooser (a
	// user queued by the test wins over it).
	resp, err := client.Get(loginURL + "&login_hint=demo-guest")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || resp.StatusCode != http.StatusFound {
		t.Fatalf("authorize: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if got := loc.Query().Get("state"); got != wantState {
		t.Fatalf("state %q came back as %q", wantState, got)
	}
	return loc.Query().Get("code")
}

func TestCodeFlowWithPKCEAndNonce(t *testing.T) {
	p, c := setup(t)
	p.QueueUser(devoidc.User{Subject: "kakao-1", Nickname: "라이언", Picture: "https://img.test/ryan.png", Email: "ryan@test"})
	loginURL := c.AuthCodeURL("state-1", "nonce-1", "verifier-verifier-verifier-verifier-verifier")
	u, _ := url.Parse(loginURL)
	if u.Query().Get("code_challenge_method") != "S256" || u.Query().Get("nonce") != "nonce-1" || u.Query().Get("code_challenge") == "" {
		t.Fatalf("login URL lacks PKCE or nonce: %s", loginURL)
	}
	code := authorize(t, loginURL, "state-1")
	id, err := c.Exchange(context.Background(), code, "verifier-verifier-verifier-verifier-verifier", "nonce-1")
	if err != nil {
		t.Fatal(err)
	}
	if id.Provider != "kakao" || id.Subject != "kakao-1" || id.Nickname != "라이언" || id.PictureURL != "https://img.test/ryan.png" || id.Email != "ryan@test" {
		t.Fatalf("identity %+v", id)
	}
}

func TestCodeFlowRefusals(t *testing.T) {
	_, c := setup(t)
	verifier := "verifier-verifier-verifier-verifier-verifier"
	t.Run("wrong nonce", func(t *testing.T) {
		code := authorize(t, c.AuthCodeURL("s", "nonce-a", verifier), "s")
		if _, err := c.Exchange(context.Background(), code, verifier, "nonce-b"); !errors.Is(err, ports.ErrUnauthenticated) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("wrong PKCE verifier", func(t *testing.T) {
		code := authorize(t, c.AuthCodeURL("s", "n", verifier), "s")
		if _, err := c.Exchange(context.Background(), code, verifier+"x", "n"); !errors.Is(err, ports.ErrUnauthenticated) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("unknown code", func(t *testing.T) {
		if _, err := c.Exchange(context.Background(), "no-such-code", verifier, "n"); !errors.Is(err, ports.ErrUnauthenticated) {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestIDTokenVerification(t *testing.T) {
	p, c := setup(t)
	now := time.Now()
	base := func() jwt.MapClaims {
		return jwt.MapClaims{"iss": p.Issuer(), "aud": p.ClientID(), "sub": "kakao-9", "nickname": "어피치",
			"iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(), "nonce": "n-1"}
	}
	sign := func(cl jwt.MapClaims) string {
		s, err := p.SignRS256(cl)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	good := sign(base())
	if tok, err := c.VerifyIDToken(context.Background(), good, "n-1"); err != nil || tok.Identity.Subject != "kakao-9" ||
		tok.Identity.Nickname != "어피치" || !tok.Expiry.Equal(time.Unix(now.Add(10*time.Minute).Unix(), 0)) || len(tok.ReplayKey) != 32 {
		t.Fatalf("good token: %+v, %v", tok, err)
	}
	if _, err := c.VerifyIDToken(context.Background(), good, ""); err != nil {
		t.Fatalf("a device token without a nonce to check: %v", err)
	}
	otherKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	withOtherKey := jwt.NewWithClaims(jwt.SigningMethodRS256, base())
	withOtherKey.Header["kid"] = "not-the-providers"
	otherSigned, _ := withOtherKey.SignedString(otherKey)
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, base()).SignedString(jwt.UnsafeAllowNoneSignatureType)
	confused, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, base()).SignedString(p.PublicKeyBytes())
	bad := map[string]string{
		"wrong audience":  sign(with(base(), "aud", "someone-else")),
		"wrong issuer":    sign(with(base(), "iss", "https://evil.test")),
		"expired":         sign(with(base(), "exp", now.Add(-time.Minute).Unix())),
		"no subject":      sign(with(base(), "sub", "")),
		"other key":       otherSigned,
		"alg none":        none,
		"HS256 confusion": confused,
		"garbage":         "not.a.jwt",
	}
	for name, tok := range bad {
		if _, err := c.VerifyIDToken(context.Background(), tok, ""); !errors.Is(err, ports.ErrUnauthenticated) {
			t.Errorf("%s: err = %v, want unauthenticated", name, err)
		}
	}
	if _, err := c.VerifyIDToken(context.Background(), good, "n-2"); !errors.Is(err, ports.ErrUnauthenticated) {
		t.Errorf("wrong nonce: err = %v", err)
	}
}

func with(c jwt.MapClaims, k string, v any) jwt.MapClaims {
	c[k] = v
	return c
}
