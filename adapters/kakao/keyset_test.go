package kakao_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/golang-jwt/jwt/v5"

	"github.com/ourspace/ourspace/adapters/devoidc"
	"github.com/ourspace/ourspace/adapters/kakao"
	"github.com/ourspace/ourspace/app/ports"
)

// clock is a settable clock shared by the adapter and the test.
type clock struct {
	mu sync.Mutex
	at time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = c.at.Add(d)
}

// forged is an ID token with the right claims, signed by a key the
// provider never had, under a made-up key id.
func forged(t *testing.T, key *rsa.PrivateKey, claims jwt.MapClaims, kid string) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = kid
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A flood of forged ID tokens, each naming an unknown key id, makes at most
// one request for the provider's keys per minute (go-oidc's RemoteKeySet
// would make one per token).
func TestForgedTokenFloodFetchesKeysAtMostOncePerMinute(t *testing.T) {
	p, err := devoidc.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	clk := &clock{at: time.Now()}
	c, err := kakao.New(context.Background(), kakao.Config{IssuerURL: p.Issuer(), ClientID: p.ClientID(),
		ClientSecret: p.ClientSecret(), RedirectURL: "http://app.test/callback", Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	claims := func() jwt.MapClaims {
		now := clk.now()
		return jwt.MapClaims{"iss": p.Issuer(), "aud": p.ClientID(), "sub": "kakao-1",
			"iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix()}
	}
	good, err := p.SignRS256(claims())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.VerifyIDToken(context.Background(), good, ""); err != nil {
		t.Fatal(err)
	}
	if n := p.JWKSRequests(); n != 1 {
		t.Fatalf("%d JWKS requests for the first token, want 1", n)
	}
	attacker, _ := rsa.GenerateKey(rand.Reader, 2048)
	// flood sends 100 forged tokens from senders goroutines at once.
	flood := func(senders int) {
		t.Helper()
		var wg sync.WaitGroup
		var accepted atomic.Int32
		for s := range senders {
			wg.Go(func() {
				for i := s; i < 100; i += senders {
					tok := forged(t, attacker, claims(), fmt.Sprintf("forged-%d", i))
					if _, err := c.VerifyIDToken(context.Background(), tok, ""); !errors.Is(err, ports.ErrUnauthenticated) {
						accepted.Add(1)
					}
				}
			})
		}
		wg.Wait()
		if accepted.Load() != 0 {
			t.Errorf("%d forged tokens not refused as unauthenticated", accepted.Load())
		}
	}
	flood(1)
	if n := p.JWKSRequests(); n != 1 {
		t.Errorf("%d JWKS requests after 100 forged tokens one after another within the minute, want still 1", n)
	}
	clk.advance(kakao.DefaultKeyRefresh + time.Second)
	flood(100)
	if n := p.JWKSRequests(); n != 2 {
		t.Errorf("%d JWKS requests after a minute and 100 more at once, want 2", n)
	}
	// The provider's own tokens pass all along, from the cache.
	good, _ = p.SignRS256(claims())
	if _, err := c.VerifyIDToken(context.Background(), good, ""); err != nil || p.JWKSRequests() != 2 {
		t.Errorf("a good token after the flood: %v, %d JWKS requests", err, p.JWKSRequests())
	}
}

// provider serves discovery and a JWKS whose keys the test changes.
type provider struct {
	srv      *httptest.Server
	mu       sync.Mutex
	keys     []jose.JSONWebKey
	down     bool
	requests atomic.Int32
}

func newProvider(t *testing.T) *provider {
	t.Helper()
	p := &provider{}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]any{"issuer": p.srv.URL, "authorization_endpoint": p.srv.URL + "/authorize",
			"token_endpoint": p.srv.URL + "/token", "jwks_uri": p.srv.URL + "/jwks", "id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("/jwks", func(w http.ResponseWriter, _ *http.Request) {
		p.requests.Add(1)
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.down {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		_ = json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: p.keys})
	})
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

func (p *provider) publish(kid string, k *rsa.PrivateKey) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.keys = append(p.keys, jose.JSONWebKey{Key: &k.PublicKey, KeyID: kid, Algorithm: "RS256", Use: "sig"})
}

func (p *provider) setDown(down bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = down
}

func (p *provider) client(t *testing.T, clk *clock) *kakao.Client {
	t.Helper()
	c, err := kakao.New(context.Background(), kakao.Config{IssuerURL: p.srv.URL, ClientID: "app",
		RedirectURL: "http://app.test/callback", Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (p *provider) claims(clk *clock) jwt.MapClaims {
	now := clk.now()
	return jwt.MapClaims{"iss": p.srv.URL, "aud": "app", "sub": "kakao-7", "iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix()}
}

// A key the provider adds (rotation) works once the minute since the last
// fetch has passed.
func TestRotatedKeyIsPickedUpAfterTheMinute(t *testing.T) {
	p := newProvider(t)
	oldKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	newKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	p.publish("old", oldKey)
	clk := &clock{at: time.Now()}
	c := p.client(t, clk)
	if _, err := c.VerifyIDToken(context.Background(), forged(t, oldKey, p.claims(clk), "old"), ""); err != nil {
		t.Fatal(err)
	}
	p.publish("new", newKey)
	clk.advance(30 * time.Second)
	signedByNew := forged(t, newKey, p.claims(clk), "new")
	if _, err := c.VerifyIDToken(context.Background(), signedByNew, ""); !errors.Is(err, ports.ErrUnauthenticated) {
		t.Fatalf("the new key within the minute: %v, want ErrUnauthenticated", err)
	}
	clk.advance(31 * time.Second)
	if _, err := c.VerifyIDToken(context.Background(), signedByNew, ""); err != nil {
		t.Errorf("the new key after the minute: %v", err)
	}
	if n := p.requests.Load(); n != 2 {
		t.Errorf("%d JWKS requests, want 2", n)
	}
}

// Keys the provider cannot serve: a token the cache cannot check is
// "unavailable" (503, try again), not "unauthenticated"; the failure is not
// retried more than once a minute either; cached keys keep working.
func TestUnreachableKeysAreUnavailableNotUnauthenticated(t *testing.T) {
	p := newProvider(t)
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	p.publish("k1", key)
	clk := &clock{at: time.Now()}
	c := p.client(t, clk)
	p.setDown(true)
	for range 20 {
		if _, err := c.VerifyIDToken(context.Background(), forged(t, key, p.claims(clk), "k1"), ""); !errors.Is(err, ports.ErrUnavailable) {
			t.Fatalf("keys down: %v, want ErrUnavailable", err)
		}
	}
	if n := p.requests.Load(); n != 1 {
		t.Errorf("%d JWKS requests while down, want 1", n)
	}
	p.setDown(false)
	clk.advance(kakao.DefaultKeyRefresh)
	if _, err := c.VerifyIDToken(context.Background(), forged(t, key, p.claims(clk), "k1"), ""); err != nil {
		t.Fatalf("keys back: %v", err)
	}
	p.setDown(true)
	clk.advance(2 * kakao.DefaultKeyRefresh)
	if _, err := c.VerifyIDToken(context.Background(), forged(t, key, p.claims(clk), "k1"), ""); err != nil {
		t.Errorf("a cached key while the JWKS is down: %v", err)
	}
}

// The replay key names the token: the same for the same token, whatever
// the encoding of its signature (base64url's unused bits), different for
// another token; with a jti, the jti decides.
func TestReplayKey(t *testing.T) {
	p := newProvider(t)
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	p.publish("k1", key)
	clk := &clock{at: time.Now()}
	c := p.client(t, clk)
	replayKey := func(tok string) []byte {
		t.Helper()
		v, err := c.VerifyIDToken(context.Background(), tok, "")
		if err != nil {
			t.Fatal(err)
		}
		return v.ReplayKey
	}
	first := forged(t, key, p.claims(clk), "k1")
	// A 2048-bit signature is 342 base64url characters; the last one
	// carries 2 bits and 4 unused ones, which decoders ignore.
	last := strings.IndexByte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", first[len(first)-1])
	respelled := first[:len(first)-1] + string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[last^1])
	if !bytes.Equal(replayKey(first), replayKey(respelled)) {
		t.Error("the same token with its signature spelled otherwise has another replay key")
	}
	later := p.claims(clk)
	later["iat"] = clk.now().Unix() + 1
	if bytes.Equal(replayKey(first), replayKey(forged(t, key, later, "k1"))) {
		t.Error("two tokens share a replay key")
	}
	withJTI := p.claims(clk)
	withJTI["jti"] = "j-1"
	sameJTI := p.claims(clk)
	sameJTI["jti"], sameJTI["iat"] = "j-1", clk.now().Unix()-1
	if !bytes.Equal(replayKey(forged(t, key, withJTI, "k1")), replayKey(forged(t, key, sameJTI, "k1"))) {
		t.Error("two tokens with one jti have different replay keys")
	}
}

func TestExchangeWithTheProviderDownIsUnavailable(t *testing.T) {
	p, c := setup(t)
	_ = p.Close()
	if _, err := c.Exchange(context.Background(), "some-code", "verifier-verifier-verifier-verifier-verifier", "n"); !errors.Is(err, ports.ErrUnavailable) {
		t.Errorf("exchange with the provider down: %v, want ErrUnavailable", err)
	}
}
