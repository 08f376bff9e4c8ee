// Package devoidc runs a real OpenID Connect provider on loopback
// (oauth2-proxy/mockoidc) so the zero-setup demo can sign in without a Kakao
// app, and tests can drive the Kakao adapter against a live provider. It
// signs everyone in at once as the user queued, else as the demo user: it is
// for development only and never used when Kakao is configured.
package devoidc

import (
	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"
)

// DemoSubject is the subject of the user the demo signs in as.
const DemoSubject = "demo-guest"

// Provider is a running development OIDC provider.
type Provider struct {
	m *mockoidc.MockOIDC
}

// Start listens on addr (e.g. "127.0.0.1:0") and serves discovery, JWKS,
// authorize (PKCE S256 only) and token endpoints.
func Start(addr string) (*Provider, error) {
	m, err := mockoidc.NewServer(nil)
	if err != nil {
		return nil, err
	}
	m.ClientID = "ourspace-dev"
	m.CodeChallengeMethodsSupported = []string{"S256"}
	p := &Provider{m: m}
	// Sign in as the demo user unless a test queued someone.
	if err := m.AddMiddleware(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, mockoidc.AuthorizationEndpoint) {
				m.UserQueue.Lock()
				empty := len(m.UserQueue.Queue) == 0
				m.UserQueue.Unlock()
				if empty {
					m.QueueUser(User{Subject: DemoSubject, Nickname: "데모 게스트", Email: "demo@ourspace.local"})
				}
			}
			next.ServeHTTP(w, r)
		})
	}); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("devoidc: listen: %w", err)
	}
	if err := m.Start(ln, nil); err != nil {
		return nil, err
	}
	return p, nil
}

// Issuer is the provider's issuer URL (discovery lives under it).
func (p *Provider) Issuer() string { return p.m.Issuer() }

// ClientID is the client id the provider accepts.
func (p *Provider) ClientID() string { return p.m.ClientID }

// ClientSecret is the client secret the provider accepts.
func (p *Provider) ClientSecret() string { return p.m.ClientSecret }

// QueueUser makes the next authorization sign in as u.
func (p *Provider) QueueUser(u User) { p.m.QueueUser(u) }

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
