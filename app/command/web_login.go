package command

import (
	"context"
	"fmt"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/session"
)

// WebLoginStart is a browser login about to leave for the provider. The
// HTTP adapter keeps State, Nonce and Verifier (in a signed, short-lived,
// HttpOnly cookie) until the callback, and Browser until the login code is
// exchanged: the code works only with it, so only in this browser.
type WebLoginStart struct {
	URL      string
	State    string
	Nonce    string
	Verifier string
	Browser  string
}

// WebLoginHandler runs the authorization-code flow with PKCE, state and nonce.
type WebLoginHandler struct {
	accounts
	idp ports.IdentityProvider
}

// NewWebLoginHandler wires the use case.
func NewWebLoginHandler(idp ports.IdentityProvider, store ports.Store, tokens ports.AccessTokens, clock ports.Clock, welcome int64) WebLoginHandler {
	if idp == nil {
		panic("command: nil IdentityProvider")
	}
	return WebLoginHandler{accounts: newAccounts(store, tokens, clock, welcome), idp: idp}
}

// Start draws fresh state, nonce and PKCE verifier and gives the provider URL.
func (h WebLoginHandler) Start() WebLoginStart {
	s := WebLoginStart{State: randomToken(), Nonce: randomToken(), Verifier: randomToken(), Browser: randomToken()}
	s.URL = h.idp.AuthCodeURL(s.State, s.Nonce, s.Verifier)
	return s
}

// Complete exchanges the provider's code (the caller has checked state),
// verifies the ID token's nonce, upserts the user and gives a one-time login
// code that the front end exchanges for tokens (ExchangeLoginCode) with the
// browser secret of the login's start. Tokens never travel in a URL.
func (h WebLoginHandler) Complete(ctx context.Context, code, verifier, nonce, browser string) (string, error) {
	if browser == "" {
		return "", fmt.Errorf("%w: the login has no browser secret", ports.ErrUnauthenticated)
	}
	id, err := h.idp.Exchange(ctx, code, verifier, nonce)
	if err != nil {
		return "", fmt.Errorf("exchange code: %w", err)
	}
	loginCode := randomToken()
	err = h.store.InTx(ctx, func(r ports.Repositories) error {
		now := h.clock.Now()
		u, created, err := h.upsertUser(ctx, r, id, now)
		if err != nil {
			return err
		}
		return r.LoginCodes.CreateLoginCode(ctx, hash(loginCode), hash(browser), int64(u.ID), created, now, now.Add(session.LoginCodeTTL))
	})
	if err != nil {
		return "", err
	}
	return loginCode, nil
}

// ExchangeLoginCode trades a one-time login code for tokens, in the browser
// that signed in: browser is the secret it was given at Start. From another
// browser the code is refused (and stays usable by its own).
func (h WebLoginHandler) ExchangeLoginCode(ctx context.Context, loginCode, browser string) (Tokens, error) {
	if browser == "" {
		return Tokens{}, fmt.Errorf("%w: no browser secret", session.ErrBadLoginCode)
	}
	var out Tokens
	err := h.store.InTx(ctx, func(r ports.Repositories) error {
		now := h.clock.Now()
		userID, created, err := r.LoginCodes.ConsumeLoginCode(ctx, hash(loginCode), hash(browser), now)
		if err != nil {
			return err
		}
		out, err = h.newTokens(ctx, r, userID, "", randomToken(), now)
		out.NewUser = created
		return err
	})
	return out, err
}
