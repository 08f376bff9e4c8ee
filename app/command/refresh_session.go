package command

import (
	"context"
	"errors"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/session"
)

// Rotation is how refresh tokens rotate.
type Rotation struct {
	// Key derives each refresh token's successor (at least MinRotationKey
	// bytes, the same on every replica).
	Key []byte
	// Grace is how long a rotated token still gets its successor again
	// (two tabs refreshing at once, a retried request) instead of revoking
	// the session; zero turns it off.
	Grace time.Duration
}

// RefreshSessionHandler rotates refresh tokens.
type RefreshSessionHandler struct {
	accounts
	rotation Rotation
}

// NewRefreshSessionHandler wires the use case.
func NewRefreshSessionHandler(store ports.Store, tokens ports.AccessTokens, clock ports.Clock, rotation Rotation) RefreshSessionHandler {
	if len(rotation.Key) < MinRotationKey {
		panic("command: the refresh rotation key is too short")
	}
	if rotation.Grace < 0 {
		panic("command: negative refresh grace")
	}
	return RefreshSessionHandler{accounts: newAccounts(store, tokens, clock, 1), rotation: rotation}
}

// Handle exchanges a refresh token for a new pair in the same session. The
// same token again within the grace window gets the same successor (with a
// fresh access token). Later, a token that was already exchanged revokes the
// whole session (its theft is the likely cause) and gives session.ErrReused.
func (h RefreshSessionHandler) Handle(ctx context.Context, refreshToken string) (Tokens, error) {
	var out Tokens
	reused := false
	err := h.store.InTx(ctx, func(r ports.Repositories) error {
		now := h.clock.Now()
		t, err := r.Sessions.ByHashForUpdate(ctx, hash(refreshToken))
		if err != nil {
			return err
		}
		next := successor(h.rotation.Key, refreshToken)
		switch err := t.CheckRefresh(now, h.rotation.Grace); {
		case errors.Is(err, session.ErrJustRotated):
			s, err := r.Sessions.ByHashForUpdate(ctx, hash(next))
			if err != nil && !errors.Is(err, session.ErrUnknown) {
				return err
			}
			// Only while the successor is itself unused: a chain that moved
			// on is not a retry.
			if err == nil && s.FamilyID == t.FamilyID && s.CheckRefresh(now, 0) == nil {
				out, err = h.withAccess(Tokens{UserID: s.UserID, RefreshToken: next, RefreshExpiresAt: s.ExpiresAt}, s.FamilyID, now)
				return err
			}
			reused = true
			return r.Sessions.RevokeFamily(ctx, t.FamilyID, now)
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
		out, err = h.newTokens(ctx, r, t.UserID, t.FamilyID, next, now)
		return err
	})
	if err == nil && reused {
		return Tokens{}, session.ErrReused
	}
	return out, err
}
