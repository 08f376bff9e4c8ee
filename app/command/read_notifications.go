package command

import (
	"context"

	"github.com/ourspace/ourspace/app/ports"
)

// ReadNotificationsHandler marks a user's notifications read.
type ReadNotificationsHandler struct {
	store ports.Store
	clock ports.Clock
}

// NewReadNotificationsHandler wires the use case.
func NewReadNotificationsHandler(store ports.Store, clock ports.Clock) ReadNotificationsHandler {
	if store == nil || clock == nil {
		panic("command: nil dependency for ReadNotificationsHandler")
	}
	return ReadNotificationsHandler{store: store, clock: clock}
}

// Handle marks the user's notifications of ids read, or all of them when
// ids is nil; ids of other users' notifications change nothing. It counts
// the notifications that were unread.
func (h ReadNotificationsHandler) Handle(ctx context.Context, userID int64, ids []int64) (int, error) {
	var n int
	err := h.store.InTx(ctx, func(r ports.Repositories) error {
		var err error
		n, err = r.Notifications.MarkRead(ctx, userID, ids, h.clock.Now())
		return err
	})
	return n, err
}
