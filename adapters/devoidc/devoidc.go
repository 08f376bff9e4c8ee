// Package devoidc runs a real OpenID Connect provider on loopback
// (oauth2-proxy/mockoidc) so the zero-setup demo can sign in without a Kakao
// app, and tests can drive the Kakao adapter against a live provider.
//
// Its authorize endpoint asks for no password. It signs in the user a test
// queued (QueueUser), if any; else the one the standard OIDC login_hint
// parameter names: "demo-guest" (the demo guest), "demo-host" (the demo host,
// who owns some of the seeded spaces) or "new" (a brand-new account each
// time). Without a hint it answers a small page offering those three. It is
// for development only and never used when Kakao is configured.
package devoidc

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html/template"
	mathrand "math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"
)

// Subjects of the demo accounts. The demo seed (adapters/mysql/seed) creates
// users with these subjects, with their points, and gives the demo
// host some spaces; a test there keeps the two packages' strings equal.
const (
	DemoSubject     = "demo-guest"
	DemoHostSubject = "demo-host"
)

// hintNew is the login_hint that makes a new account.
const hintNew = "new"

// The demo accounts as the provider signs them in; the seed stores the same
// profiles, so signing in changes nothing but updated_at.
var (
	demoGuest = User{Subject: DemoSubject, Nickname: "데모 게스트", Email: "demo@ourspace.local"}
	demoHost  = User{Subject: DemoHostSubject, Nickname: "데모 호스트", Email: "host@ourspace.local"}
)

// Provider is a running development OIDC provider.
type Provider struct {
	m *mockoidc.MockOIDC
	// mu serialises authorizations and QueueUser, so the user an
	// authorization queues for itself is the one it pops.
	mu sync.Mutex
	// jwksRequests counts requests to the JWKS endpoint, for tests of
	// the relying party's key cache.
	jwksRequests atomic.Int64
}

// Start listens on addr (e.g. "127.0.0.1:0") and serves discovery, JWKS,
// authorize (PKCE S256 only) and token endpoints. Its issuer is the
// listener's address.
func Start(addr string) (*Provider, error) { return StartPublic(addr, "") }

// StartPublic is Start with the provider announced at publicURL
// (http://host:port, no path) instead of the listener's address: in its
// issuer, and so in discovery, the tokens and the authorize URL a browser
// is sent to. It is for a provider listening where the browser cannot
// name it, as in a container (listening on :8090, published on the host
// as localhost:8090): publicURL must reach this listener both from the
// browser and from the relying party, which fetches discovery, keys and
// tokens from it. Empty publicURL is Start.
func StartPublic(addr, publicURL string) (*Provider, error) {
	announce, err := announcedHost(publicURL)
	if err != nil {
		return nil, err
	}
	m, err := mockoidc.NewServer(nil)
	if err != nil {
		return nil, err
	}
	m.ClientID = "ourspace-dev"
	m.CodeChallengeMethodsSupported = []string{"S256"}
	p := &Provider{m: m}
	if err := m.AddMiddleware(p.chooseUser); err != nil {
		return nil, err
	}
	if err := m.AddMiddleware(p.countJWKS); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("devoidc: listen: %w", err)
	}
	if announce != "" {
		// mockoidc derives every URL it announces from the listener's
		// address (MockOIDC.Addr), so the listener names the public host.
		ln = announcedListener{Listener: ln, addr: hostAddr(announce)}
	}
	if err := m.Start(ln, nil); err != nil {
		_ = ln.Close()
		return nil, err
	}
	return p, nil
}

// announcedHost is the host:port of a public URL, checked: http (the
// provider serves no TLS), a host, and no path, query or fragment (mockoidc
// puts its own paths right after the host).
func announcedHost(publicURL string) (string, error) {
	if publicURL == "" {
		return "", nil
	}
	u, err := url.Parse(publicURL)
	if err != nil || u.Scheme != "http" || u.Host == "" || u.User != nil || strings.Trim(u.Path, "/") != "" ||
		u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("devoidc: public URL %q: want http://host[:port], without a path", publicURL)
	}
	return u.Host, nil
}

// announcedListener is a listener that gives another address as its own.
type announcedListener struct {
	net.Listener
	addr net.Addr
}

func (l announcedListener) Addr() net.Addr { return l.addr }

// hostAddr is a host:port as a net.Addr.
type hostAddr string

func (a hostAddr) Network() string { return "tcp" }
func (a hostAddr) String() string  { return string(a) }

// chooseUser wraps the authorize endpoint: with no user queued, it queues
// the one login_hint names, or answers the chooser page when there is no
// (known) hint.
func (p *Provider) chooseUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, mockoidc.AuthorizationEndpoint) {
			next.ServeHTTP(w, r)
			return
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		p.m.UserQueue.Lock()
		queued := len(p.m.UserQueue.Queue) > 0
		p.m.UserQueue.Unlock()
		if !queued {
			if err := r.ParseForm(); err != nil {
				http.Error(w, "devoidc: unreadable authorization request", http.StatusBadRequest)
				return
			}
			u, ok := hintedUser(r.Form.Get("login_hint"))
			if !ok {
				chooser(w, r)
				return
			}
			p.m.QueueUser(u)
		}
		next.ServeHTTP(w, r)
	})
}

func (p *Provider) countJWKS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, mockoidc.JWKSEndpoint) {
			p.jwksRequests.Add(1)
		}
		next.ServeHTTP(w, r)
	})
}

// JWKSRequests is how many times the provider's signing keys were fetched.
func (p *Provider) JWKSRequests() int64 { return p.jwksRequests.Load() }

// hintedUser is the user a login_hint names.
func hintedUser(hint string) (User, bool) {
	switch hint {
	case DemoSubject:
		return demoGuest, true
	case DemoHostSubject:
		return demoHost, true
	case hintNew:
		b := make([]byte, 8)
		_, _ = rand.Read(b)       // never fails (crypto/rand)
		n := mathrand.IntN(10000) //nolint:gosec // G404: it only tells new users apart on screen
		return User{Subject: "new-" + hex.EncodeToString(b), Nickname: fmt.Sprintf("새 사용자 %04d", n)}, true
	}
	return User{}, false
}

// chooserPage offers the three accounts; html/template escapes the links.
var chooserPage = template.Must(template.New("chooser").Parse(`<!doctype html>
<html lang="ko"><head><meta charset="utf-8">
<title>OurSpace 개발용 로그인 · Development login</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font-family:sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;line-height:1.5}
li{margin:.8rem 0}a{font-weight:bold}small{color:#555}</style></head>
<body><h1>개발용 로그인 <small>Development login</small></h1>
<p>카카오 로그인이 설정되지 않아 개발용 로그인을 씁니다. 누구로 로그인할지 고르세요.<br>
<small>Kakao Login is not configured, so this development provider signs you in. Choose who to be.</small></p>
<ul>
<li><a href="{{.Guest}}">데모 게스트로 로그인</a><br><small>Sign in as the demo guest, with points to book with</small></li>
<li><a href="{{.Host}}">데모 호스트로 로그인</a><br><small>Sign in as the demo host, who owns demo spaces (some take requests for approval)</small></li>
<li><a href="{{.New}}">새 사용자로 로그인</a><br><small>Sign in as a brand-new user</small></li>
</ul>
<p><small>login_hint=demo-guest, demo-host or new on the authorize URL skips this page.</small></p>
</body></html>
`))

// chooser answers the page offering the authorize request again with each
// login_hint, every other parameter kept.
func chooser(w http.ResponseWriter, r *http.Request) {
	link := func(hint string) string {
		q := url.Values{}
		for k, vs := range r.Form {
			q[k] = vs
		}
		q.Set("login_hint", hint)
		return r.URL.Path + "?" + q.Encode()
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.WriteHeader(http.StatusOK)
	_ = chooserPage.Execute(w, struct{ Guest, Host, New string }{link(DemoSubject), link(DemoHostSubject), link(hintNew)})
}

// Issuer is the provider's issuer URL (discovery lives under it).
func (p *Provider) Issuer() string { return p.m.Issuer() }

// ClientID is the client id the provider accepts.
func (p *Provider) ClientID() string { return p.m.ClientID }

// ClientSecret is the client secret the provider accepts.
func (p *Provider) ClientSecret() string { return p.m.ClientSecret }

// QueueUser makes the next authorization sign in as u, whatever its
// login_hint.
func (p *Provider) QueueUser(u User) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.m.QueueUser(u)
}

// SignRS256 signs claims with the provider's own key (with its key id), for
// tests that need tokens the provider would never issue: foreign audience,
// wrong issuer, expired.
func (p *Provider) SignRS256(claims jwt.Claims) (string, error) { return p.m.Keypair.SignJWT(claims) }

// PublicKeyBytes gives the provider's RSA public key modulus bytes, which a
// confused verifier might take as an HMAC secret (the HS256 confusion attack).
func (p *Provider) PublicKeyBytes() []byte { return p.m.Keypair.PublicKey.N.Bytes() }

// Close stops the provider.
func (p *Provider) Close() error { return p.m.Shutdown() }

// User is someone the provider signs in, with Kakao's ID token claims.
type User struct {
	Subject  string
	Nickname string
	Picture  string
	Email    string
}

// ID implements mockoidc.User.
func (u User) ID() string { return u.Subject }

// Userinfo implements mockoidc.User.
func (u User) Userinfo([]string) ([]byte, error) {
	return []byte(fmt.Sprintf(`{"sub":%q}`, u.Subject)), nil
}

type kakaoClaims struct {
	*mockoidc.IDTokenClaims
	Nickname string `json:"nickname,omitempty"`
	Picture  string `json:"picture,omitempty"`
	Email    string `json:"email,omitempty"`
}

// Claims implements mockoidc.User: Kakao puts nickname, picture and e-mail in
// the ID token.
func (u User) Claims(_ []string, base *mockoidc.IDTokenClaims) (jwt.Claims, error) {
	return &kakaoClaims{IDTokenClaims: base, Nickname: u.Nickname, Picture: u.Picture, Email: u.Email}, nil
}
