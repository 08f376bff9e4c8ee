package command

import (
	"context"

	"github.com/ourspace/ourspace/app/ports"
)

// SignOutHandler ends sessions.
type SignOutHandler struct {
	store ports.Store
	clock ports.Clock
}

// NewSignOutHandler wires the use case.
func NewSignOutHandler(store ports.Store, clock ports.Clock) SignOutHandler {
	if store == nil || clock == nil {
		panic("command: nil dependency for SignOutHandler")
	}
	return SignOutHandler{store: store, clock: clock}
}

// Handle revokes the session (every refresh token of the family; access
// tokens of it stop working too, see query.AuthenticateHandler).
func (h SignOutHandler) Handle(ctx context.Context, familyID string) error {
	return h.store.InTx(ctx, func(r ports.Repositories) error {
		return r.Sessions.RevokeFamily(ctx, familyID, h.clock.Now())
	})
}
