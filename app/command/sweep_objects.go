package command

import (
	"context"
	"errors"
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
// An object the store refuses to delete is tried again after
// sweepRetryAfter, behind the others, so one bad key never blocks the rest.
func (h SweepObjectsHandler) Handle(ctx context.Context) (int, error) {
	total := 0
	var failed []error
	for {
		now := h.clock.Now()
		due, err := h.store.Read().Pending.Due(ctx, now, sweepBatch)
		if err != nil {
			return total, err
		}
		var gone, refused []string
		for _, k := range due {
			if err := h.objects.Delete(ctx, k); err != nil {
				failed = append(failed, fmt.Errorf("delete object %s: %w", k, err))
				refused = append(refused, k)
				continue
			}
			gone = append(gone, k)
		}
		if err := h.store.InTx(ctx, func(r ports.Repositories) error {
			if err := r.Pending.Remove(ctx, gone); err != nil {
				return err
			}
			return r.Pending.Add(ctx, refused, now.Add(sweepRetryAfter))
		}); err != nil {
			return total, err
		}
		total += len(gone)
		if len(due) < sweepBatch {
			return total, errors.Join(failed...)
		}
	}
}

// sweepRetryAfter is how long an object the store refused to delete waits.
const sweepRetryAfter = 10 * time.Minute

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
