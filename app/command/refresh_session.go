package command

import (
	"context"
	"errors"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/session"
)

// RefreshSessionHandler rotates refresh tokens.
type RefreshSessionHandler struct{ accounts }

// NewRefreshSessionHandler wires the use case.
func NewRefreshSessionHandler(store ports.Store, tokens ports.AccessTokens, clock ports.Clock) RefreshSessionHandler {
	return RefreshSessionHandler{newAccounts(store, tokens, clock, 1)}
}

// Handle exchanges a refresh token for a new pair in the same session. A
// token that was already exchanged revokes the whole session (its theft is
// the likely cause) and gives session.ErrReused.
func (h RefreshSessionHandler) Handle(ctx context.Context, refreshToken string) (Tokens, error) {
	var out Tokens
	reused := false
	err := h.store.InTx(ctx, func(r ports.Repositories) error {
		now := h.clock.Now()
		t, err := r.Sessions.ByHashForUpdate(ctx, hash(refreshToken))
		if err != nil {
			return err
		}
		switch err := t.CheckRefresh(now); {
		case errors.Is(err, session.ErrReused):
			// Commit the revocation, then report the reuse.
			reused = true
			return r.Sessions.RevokeFamily(ctx, t.FamilyID, now)
		case err != nil:
			return err
		}
		if err := r.Sessions.MarkRotated(ctx, t.ID, now); err != nil {
			return err
		}
		out, err = h.newTokens(ctx, r, t.UserID, t.FamilyID, now)
		return err
	})
	if err == nil && reused {
		return Tokens{}, session.ErrReused
	}
	return out, err
}
