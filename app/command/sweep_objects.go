package command

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/ourspace/ourspace/app/ports"
)

// SweepObjectsHandler deletes objects that no row refers to once due: the
// uploads of requests that never committed and removed photos that their
// request could not delete.
type SweepObjectsHandler struct {
	store   ports.Store
	objects ports.ObjectStore
	clock   ports.Clock
}

// NewSweepObjectsHandler wires the use case.
func NewSweepObjectsHandler(store ports.Store, objects ports.ObjectStore, clock ports.Clock) SweepObjectsHandler {
	if store == nil || objects == nil || clock == nil {
		panic("command: nil dependency for SweepObjectsHandler")
	}
	return SweepObjectsHandler{store: store, objects: objects, clock: clock}
}

// Handle deletes every due object and forgets it; it counts the deleted.
// An object the store refuses to delete stays listed for the next sweep.
func (h SweepObjectsHandler) Handle(ctx context.Context) (int, error) {
	total := 0
	for {
		due, err := h.store.Read().Pending.Due(ctx, h.clock.Now(), sweepBatch)
		if err != nil {
			return total, err
		}
		var gone []string
		var failed error
		for _, k := range due {
			if err := h.objects.Delete(ctx, k); err != nil {
				failed = fmt.Errorf("delete object %s: %w", k, err)
				break
			}
			gone = append(gone, k)
		}
		if err := h.store.InTx(ctx, func(r ports.Repositories) error { return r.Pending.Remove(ctx, gone) }); err != nil {
			return total, err
		}
		total += len(gone)
		if failed != nil {
			return total, failed
		}
		if len(due) < sweepBatch {
			return total, nil
		}
	}
}

// Run sweeps every interval until ctx ends, logging what it deleted.
func (h SweepObjectsHandler) Run(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		n, err := h.Handle(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.WarnContext(ctx, "object sweep failed", "err", err, "deleted", n)
		case n > 0:
			log.InfoContext(ctx, "object sweep", "deleted", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
