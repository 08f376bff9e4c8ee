// Package kakao signs users in with Kakao Login through OpenID Connect, with
// golang.org/x/oauth2 for the authorization-code flow (PKCE S256) and
// coreos/go-oidc for discovery and ID token verification. It speaks plain
// OIDC, so the development provider (adapters/devoidc) drives it too. The
// provider's signing keys are cached (keyset.go).
package kakao

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/user"
)

// DefaultIssuer is Kakao's OpenID Connect issuer.
const DefaultIssuer = "https://kauth.kakao.com"

// Provider is the name users made through this adapter are stored under.
const Provider = "kakao"

// Config are the settings of a Kakao app (REST API key as client id).
type Config struct {
	IssuerURL    string
	ClientID     string
	ClientSecret string
	RedirectURL  string
	// Scopes beyond openid. Kakao puts consented profile items (nickname,
	// picture, e-mail) in the ID token.
	Scopes []string
	// KeyRefresh is the least time between two fetches of the provider's
	// JWKS (default DefaultKeyRefresh): a token naming an unknown key makes
	// at most one fetch per KeyRefresh.
	KeyRefresh time.Duration
	// Now is the clock of token expiry and of the key cache (default
	// time.Now); tests move it.
	Now func() time.Time
}

// Client implements ports.IdentityProvider.
type Client struct {
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
	http     *http.Client
}

// New discovers the provider's endpoints once, at start-up. ID tokens must
// be RS256-signed by a key of the provider's JWKS, from its issuer, for our
// client id, and unexpired.
func New(ctx context.Context, c Config) (*Client, error) {
	if c.IssuerURL == "" || c.ClientID == "" || c.RedirectURL == "" {
		return nil, errors.New("kakao: issuer URL, client id and redirect URL are required")
	}
	if c.KeyRefresh <= 0 {
		c.KeyRefresh = DefaultKeyRefresh
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	hc := &http.Client{Timeout: 10 * time.Second}
	ctx = oidc.ClientContext(ctx, hc)
	p, err := oidc.NewProvider(ctx, c.IssuerURL)
	if err != nil {
		return nil, fmt.Errorf("kakao: discover %s: %w", c.IssuerURL, err)
	}
	var discovered struct {
		JWKSURL string `json:"jwks_uri"`
	}
	if err := p.Claims(&discovered); err != nil {
		return nil, fmt.Errorf("kakao: discovery document of %s: %w", c.IssuerURL, err)
	}
	if discovered.JWKSURL == "" {
		return nil, fmt.Errorf("kakao: %s names no jwks_uri", c.IssuerURL)
	}
	keys := &keySet{url: discovered.JWKSURL, client: hc, now: c.Now, minRefresh: c.KeyRefresh}
	return &Client{
		oauth: oauth2.Config{ClientID: c.ClientID, ClientSecret: c.ClientSecret, RedirectURL: c.RedirectURL,
			Endpoint: p.Endpoint(), Scopes: append([]string{oidc.ScopeOpenID}, c.Scopes...)},
		verifier: oidc.NewVerifier(c.IssuerURL, keys, &oidc.Config{ClientID: c.ClientID,
			SupportedSigningAlgs: []string{oidc.RS256}, Now: c.Now}),
		http: hc,
	}, nil
}

// AuthCodeURL implements ports.IdentityProvider.
func (c *Client) AuthCodeURL(state, nonce, verifier string) string {
	return c.oauth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier))
}

// Exchange implements ports.IdentityProvider.
func (c *Client) Exchange(ctx context.Context, code, verifier, nonce string) (user.Identity, error) {
	tok, err := c.oauth.Exchange(oidc.ClientContext(ctx, c.http), code, oauth2.VerifierOption(verifier))
	var refused *oauth2.RetrieveError
	switch {
	case errors.As(err, &refused):
		return user.Identity{}, fmt.Errorf("%w: code exchange refused: %v", ports.ErrUnauthenticated, err)
	case err != nil: // the provider did not answer: the code may still be good
		return user.Identity{}, fmt.Errorf("%w: code exchange: %v", ports.ErrUnavailable, err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return user.Identity{}, fmt.Errorf("%w: no ID token in the token response", ports.ErrUnauthenticated)
	}
	if nonce == "" {
		return user.Identity{}, fmt.Errorf("%w: a web login needs a nonce", ports.ErrUnauthenticated)
	}
	t, err := c.VerifyIDToken(ctx, raw, nonce)
	return t.Identity, err
}

// claims are the ID token claims we read: standard OIDC plus Kakao's
// nickname and picture.
type claims struct {
	Nickname          string `json:"nickname"`
	Name              string `json:"name"`
	PreferredUsername string `json:"preferred_username"`
	Picture           string `json:"picture"`
	Email             string `json:"email"`
	JTI               string `json:"jti"`
}

// VerifyIDToken implements ports.IdentityProvider.
func (c *Client) VerifyIDToken(ctx context.Context, raw, nonce string) (ports.IDToken, error) {
	failure := &keyFailure{}
	idt, err := c.verifier.Verify(context.WithValue(ctx, keyFailureKey{}, failure), raw)
	switch {
	case err != nil && failure.err != nil:
		return ports.IDToken{}, fmt.Errorf("%w: ID token: %v", ports.ErrUnavailable, failure.err)
	case err != nil:
		return ports.IDToken{}, fmt.Errorf("%w: ID token: %v", ports.ErrUnauthenticated, err)
	}
	if nonce != "" && idt.Nonce != nonce {
		return ports.IDToken{}, fmt.Errorf("%w: ID token nonce does not match", ports.ErrUnauthenticated)
	}
	var cl claims
	if err := idt.Claims(&cl); err != nil {
		return ports.IDToken{}, fmt.Errorf("%w: ID token claims: %v", ports.ErrUnauthenticated, err)
	}
	nickname := cl.Nickname
	for _, alt := range []string{cl.Name, cl.PreferredUsername} {
		if nickname == "" {
			nickname = alt
		}
	}
	id, err := user.NewIdentity(Provider, idt.Subject, nickname, cl.Picture, cl.Email)
	if err != nil {
		return ports.IDToken{}, fmt.Errorf("%w: %v", ports.ErrUnauthenticated, err)
	}
	return ports.IDToken{Identity: id, ReplayKey: replayKey(idt.Issuer, cl.JTI, raw), Expiry: idt.Expiry}, nil
}

// replayKey names a token by its issuer and jti, or, without a jti, by its
// signed part (header and payload): the signature's encoding can be varied
// without breaking it (base64url's unused bits), the signed part cannot.
func replayKey(issuer, jti, raw string) []byte {
	h := sha256.New()
	h.Write([]byte(issuer + "\x00"))
	if jti != "" {
		h.Write([]byte("jti\x00" + jti))
	} else {
		signed := raw[:strings.LastIndexByte(raw, '.')]
		h.Write([]byte("signed\x00" + signed))
	}
	return h.Sum(nil)
}
