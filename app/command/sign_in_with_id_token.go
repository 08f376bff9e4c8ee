package command

import (
	"context"
	"fmt"

	"github.com/ourspace/ourspace/app/ports"
)

// SignInWithIDTokenHandler signs in with an ID token that a Kakao SDK got on
// a device (the device flow).
type SignInWithIDTokenHandler struct {
	accounts
	idp ports.IdentityProvider
}

// NewSignInWithIDTokenHandler wires the use case.
func NewSignInWithIDTokenHandler(idp ports.IdentityProvider, store ports.Store, tokens ports.AccessTokens, clock ports.Clock, welcome int64) SignInWithIDTokenHandler {
	if idp == nil {
		panic("command: nil IdentityProvider")
	}
	return SignInWithIDTokenHandler{accounts: newAccounts(store, tokens, clock, welcome), idp: idp}
}

// Handle verifies the token (and its nonce, when given) and opens a session.
func (h SignInWithIDTokenHandler) Handle(ctx context.Context, rawIDToken, nonce string) (Tokens, error) {
	id, err := h.idp.VerifyIDToken(ctx, rawIDToken, nonce)
	if err != nil {
		return Tokens{}, fmt.Errorf("verify ID token: %w", err)
	}
	return h.signIn(ctx, id)
}
