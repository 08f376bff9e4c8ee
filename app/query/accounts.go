package query

import (
	"context"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/points"
	"github.com/ourspace/ourspace/domain/user"
)

// AuthenticateHandler turns a bearer token into the caller.
type AuthenticateHandler struct {
	tokens ports.AccessTokens
	store  ports.Store
	clock  ports.Clock
}

// NewAuthenticateHandler wires the use case.
func NewAuthenticateHandler(tokens ports.AccessTokens, store ports.Store, clock ports.Clock) AuthenticateHandler {
	if tokens == nil || store == nil || clock == nil {
		panic("query: nil dependency for AuthenticateHandler")
	}
	return AuthenticateHandler{tokens: tokens, store: store, clock: clock}
}

// Handle verifies the token and that its session, of the token's user, was
// not signed out or revoked; failures wrap ports.ErrUnauthenticated.
func (h AuthenticateHandler) Handle(ctx context.Context, token string) (ports.AccessClaims, error) {
	c, err := h.tokens.Verify(token, h.clock.Now())
	if err != nil {
		return ports.AccessClaims{}, err
	}
	active, err := h.store.Read().Sessions.FamilyActive(ctx, c.FamilyID, c.UserID)
	if err != nil {
		return ports.AccessClaims{}, fmt.Errorf("session lookup: %w", err)
	}
	if !active {
		return ports.AccessClaims{}, fmt.Errorf("%w: session ended", ports.ErrUnauthenticated)
	}
	return c, nil
}

// Me is the signed-in user's profile and balance.
type Me struct {
	ID            int64
	Nickname      string
	PictureURL    string
	Email         string
	PointsBalance int64
	CreatedAt     time.Time
}

// MeHandler reads the caller's profile.
type MeHandler struct{ store ports.Store }

// NewMeHandler wires the use case.
func NewMeHandler(store ports.Store) MeHandler {
	if store == nil {
		panic("query: nil Store")
	}
	return MeHandler{store: store}
}

// Handle reads the user and the sum of the ledger.
func (h MeHandler) Handle(ctx context.Context, userID int64) (Me, error) {
	r := h.store.Read()
	u, err := r.Users.ByID(ctx, user.ID(userID))
	if err != nil {
		return Me{}, err
	}
	balance, err := r.Points.Balance(ctx, userID)
	if err != nil {
		return Me{}, err
	}
	return Me{ID: int64(u.ID), Nickname: u.Identity.Nickname, PictureURL: u.Identity.PictureURL, Email: u.Identity.Email,
		PointsBalance: balance, CreatedAt: u.CreatedAt}, nil
}

// PointsPage is a page of ledger entries, newest first.
type PointsPage struct {
	Items      []points.Entry
	NextCursor string
}

// ListPoints reads the caller's ledger, a page at a time, in one query.
func (h MeHandler) ListPoints(ctx context.Context, userID int64, cursor string, limit int) (PointsPage, error) {
	limit, err := pageSize(limit)
	if err != nil {
		return PointsPage{}, err
	}
	before, err := decodeCursor(cursor, "points")
	if err != nil {
		return PointsPage{}, err
	}
	var beforeID int64
	if before != nil {
		beforeID = before.ID
	}
	es, err := h.store.Read().Points.List(ctx, userID, beforeID, limit+1)
	if err != nil {
		return PointsPage{}, err
	}
	var page PointsPage
	page.Items, page.NextCursor = trimPage(es, limit, "points", func(e points.Entry) Keyset { return Keyset{ID: e.ID} })
	return page, nil
}
