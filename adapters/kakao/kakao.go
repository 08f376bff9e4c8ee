// Package kakao signs users in with Kakao Login through OpenID Connect, with
// golang.org/x/oauth2 for the authorization-code flow (PKCE S256) and
// coreos/go-oidc for discovery and ID token verification. It speaks plain
// OIDC, so the development provider (adapters/devoidc) drives it too.
package kakao

import (
	"context"
	"errors"
	"fmt"
	"net/http"
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
}

// Client implements ports.IdentityProvider.
type Client struct {
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
	http     *http.Client
}

// New discovers the provider (its endpoints and signing keys) once, at
// start-up. ID tokens must be RS256-signed by a key of the provider's JWKS,
// from its issuer, for our client id, and unexpired.
func New(ctx context.Context, c Config) (*Client, error) {
	if c.IssuerURL == "" || c.ClientID == "" || c.RedirectURL == "" {
		return nil, errors.New("kakao: issuer URL, client id and redirect URL are required")
	}
	hc := &http.Client{Timeout: 10 * time.Second}
	ctx = oidc.ClientContext(ctx, hc)
	p, err := oidc.NewProvider(ctx, c.IssuerURL)
	if err != nil {
		return nil, fmt.Errorf("kakao: discover %s: %w", c.IssuerURL, err)
	}
	return &Client{
		oauth: oauth2.Config{ClientID: c.ClientID, ClientSecret: c.ClientSecret, RedirectURL: c.RedirectURL,
			Endpoint: p.Endpoint(), Scopes: append([]string{oidc.ScopeOpenID}, c.Scopes...)},
		verifier: p.Verifier(&oidc.Config{ClientID: c.ClientID, SupportedSigningAlgs: []string{oidc.RS256}}),
		http:     hc,
	}, nil
}

// AuthCodeURL implements ports.IdentityProvider.
func (c *Client) AuthCodeURL(state, nonce, verifier string) string {
	return c.oauth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier))
}

// Exchange implements ports.IdentityProvider.
func (c *Client) Exchange(ctx context.Context, code, verifier, nonce string) (user.Identity, error) {
	tok, err := c.oauth.Exchange(oidc.ClientContext(ctx, c.http), code, oauth2.VerifierOption(verifier))
	if err != nil {
		return user.Identity{}, fmt.Errorf("%w: code exchange refused: %v", ports.ErrUnauthenticated, err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return user.Identity{}, fmt.Errorf("%w: no ID token in the token response", ports.ErrUnauthenticated)
	}
	if nonce == "" {
		return user.Identity{}, fmt.Errorf("%w: a web login needs a nonce", ports.ErrUnauthenticated)
	}
	return c.VerifyIDToken(ctx, raw, nonce)
}

// claims are the ID token claims we read: standard OIDC plus Kakao's
// nickname and picture.
type claims struct {
	Nickname          string `json:"nickname"`
	Name              string `json:"name"`
	PreferredUsername string `json:"preferred_username"`
	Picture           string `json:"picture"`
	Email             string `json:"email"`
}

// VerifyIDToken implements ports.IdentityProvider.
func (c *Client) VerifyIDToken(ctx context.Context, raw, nonce string) (user.Identity, error) {
	idt, err := c.verifier.Verify(oidc.ClientContext(ctx, c.http), raw)
	if err != nil {
		return user.Identity{}, fmt.Errorf("%w: ID token: %v", ports.ErrUnauthenticated, err)
	}
	if nonce != "" && idt.Nonce != nonce {
		return user.Identity{}, fmt.Errorf("%w: ID token nonce does not match", ports.ErrUnauthenticated)
	}
	var cl claims
	if err := idt.Claims(&cl); err != nil {
		return user.Identity{}, fmt.Errorf("%w: ID token claims: %v", ports.ErrUnauthenticated, err)
	}
	nickname := cl.Nickname
	for _, alt := range []string{cl.Name, cl.PreferredUsername} {
		if nickname == "" {
			nickname = alt
		}
	}
	id, err := user.NewIdentity(Provider, idt.Subject, nickname, cl.Picture, cl.Email)
	if err != nil {
		return user.Identity{}, fmt.Errorf("%w: %v", ports.ErrUnauthenticated, err)
	}
	return id, nil
}
