package command

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/session"
)

// usedIDTokenSlack keeps a used ID token remembered this long past its
// expiry, so a replica whose clock lags still refuses its replay.
const usedIDTokenSlack = 5 * time.Minute

// forgetBatch bounds how many expired memories one sign-in forgets.
const forgetBatch = 100

// SignInWithIDTokenHandler signs in with an ID token that a Kakao SDK got on
// a device (the device flow). Each token signs in once.
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

// Handle verifies the token (and its nonce, when given), refuses one that
// signed in before (a replay: ports.ErrUnauthenticated wrapping
// session.ErrIDTokenReused) and opens a session.
func (h SignInWithIDTokenHandler) Handle(ctx context.Context, rawIDToken, nonce string) (Tokens, error) {
	tok, err := h.idp.VerifyIDToken(ctx, rawIDToken, nonce)
	if err != nil {
		return Tokens{}, fmt.Errorf("verify ID token: %w", err)
	}
	// Forgetting runs on its own, so the sign-in's transaction holds no
	// lock on other tokens' memories.
	err = h.store.InTx(ctx, func(r ports.Repositories) error {
		return r.IDTokens.ForgetExpiredIDTokens(ctx, h.clock.Now().Add(-usedIDTokenSlack), forgetBatch)
	})
	if err != nil {
		return Tokens{}, fmt.Errorf("forget expired ID tokens: %w", err)
	}
	return h.signIn(ctx, tok.Identity, func(r ports.Repositories, now time.Time) error {
		err := r.IDTokens.UseIDToken(ctx, tok.ReplayKey, tok.Expiry, now)
		if errors.Is(err, session.ErrIDTokenReused) {
			return fmt.Errorf("%w: %w", ports.ErrUnauthenticated, err)
		}
		return err
	})
}
