package command

import (
	"context"
	"log/slog"
	"time"

	"github.com/ourspace/ourspace/app/ports"
)

// How long history is kept before PruneHistoryHandler deletes it.
const (
	// DeliveredEventsKept: a delivered event is only there to look into a
	// delivery; receivers de-duplicate by the event's id, which is never
	// reused.
	DeliveredEventsKept = 7 * 24 * time.Hour
	// ReadNotificationsKept: counted from when the notification was read.
	// Unread notifications are kept, however old.
	ReadNotificationsKept = 90 * 24 * time.Hour
	// pruneBatch bounds the rows one pruning transaction deletes.
	pruneBatch = 500
)

// PruneHistoryHandler deletes what is no longer needed and would otherwise
// grow without end: outbox events delivered more than DeliveredEventsKept
// ago, and notifications read more than ReadNotificationsKept ago. Events
// still to deliver and dead ones (an operator's to look at) stay.
type PruneHistoryHandler struct {
	store ports.Store
	clock ports.Clock
}

// NewPruneHistoryHandler wires the use case.
func NewPruneHistoryHandler(store ports.Store, clock ports.Clock) PruneHistoryHandler {
	if store == nil || clock == nil {
		panic("command: nil dependency for PruneHistoryHandler")
	}
	return PruneHistoryHandler{store: store, clock: clock}
}

// Pruned counts what one run deleted.
type Pruned struct {
	Events, Notifications int64
}

// Handle deletes until nothing is due, pruneBatch rows a transaction, so
// no transaction holds many locks or a long undo log. Replicas may prune at
// once: each deletes the oldest rows, and one waits for the other's.
func (h PruneHistoryHandler) Handle(ctx context.Context) (Pruned, error) {
	var total Pruned
	for {
		now := h.clock.Now()
		var batch Pruned
		err := h.store.InTx(ctx, func(r ports.Repositories) error {
			var err error
			batch.Events, err = r.Outbox.DeleteDelivered(ctx, now.Add(-DeliveredEventsKept), pruneBatch)
			return err
		})
		if err != nil {
			return total, err
		}
		err = h.store.InTx(ctx, func(r ports.Repositories) error {
			var err error
			batch.Notifications, err = r.Notifications.DeleteRead(ctx, now.Add(-ReadNotificationsKept), pruneBatch)
			return err
		})
		if err != nil {
			return total, err
		}
		total.Events += batch.Events
		total.Notifications += batch.Notifications
		if batch.Events < pruneBatch && batch.Notifications < pruneBatch {
			return total, nil
		}
	}
}

// Run prunes every interval until ctx ends, logging what it deleted.
func (h PruneHistoryHandler) Run(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		p, err := h.Handle(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.ErrorContext(ctx, "history pruning failed", "err", err)
		case p.Events+p.Notifications > 0:
			log.InfoContext(ctx, "history pruned", "delivered_events", p.Events, "read_notifications", p.Notifications)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
