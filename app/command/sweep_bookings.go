package command

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/notification"
)

// sweepBatch bounds the rows one sweep transaction locks.
const sweepBatch = 200

// SweepBookingsHandler writes down what time has already decided: holds and
// requests past their deadline become expired, confirmed bookings past
// their end completed. (They stop blocking at their deadline whether or not
// this has run.) It also forgets expired idempotency keys.
type SweepBookingsHandler struct {
	store ports.Store
	clock ports.Clock
}

// NewSweepBookingsHandler wires the use case.
func NewSweepBookingsHandler(store ports.Store, clock ports.Clock) SweepBookingsHandler {
	if store == nil || clock == nil {
		panic("command: nil dependency for SweepBookingsHandler")
	}
	return SweepBookingsHandler{store: store, clock: clock}
}

// Swept counts what one sweep changed.
type Swept struct {
	Expired, Completed int
	Keys               int64
}

// Handle sweeps until nothing is due. Rows that another replica's sweeper
// has locked are skipped, so replicas can sweep at once.
func (h SweepBookingsHandler) Handle(ctx context.Context) (Swept, error) {
	var total Swept
	for {
		var batch Swept
		claimed := 0
		err := h.store.InTx(ctx, func(r ports.Repositories) error {
			batch = Swept{}
			now := h.clock.Now()
			due, err := r.Bookings.ClaimDue(ctx, now, sweepBatch)
			if err != nil {
				return err
			}
			claimed = len(due)
			for _, b := range due {
				var kind notification.Kind
				switch b.Effective(now) {
				case booking.StatusExpired:
					kind = notification.BookingExpired
					if b.Status == booking.StatusRequested {
						kind = notification.BookingRequestExpired
					}
					err = b.Expire(now)
					batch.Expired++
				case booking.StatusCompleted:
					kind = notification.BookingCompleted
					err = b.Complete(now)
					batch.Completed++
				}
				if err != nil {
					return fmt.Errorf("sweep booking %d: %w", b.ID, err)
				}
				if err := r.Bookings.Update(ctx, b); err != nil {
					return err
				}
				if err := notifyBooking(ctx, r, kind, b, now); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return total, err
		}
		// Keys in a transaction of their own: one holding claimed bookings
		// while it waits for a key row would deadlock with a payment
		// holding that key and waiting for the booking.
		err = h.store.InTx(ctx, func(r ports.Repositories) error {
			var err error
			batch.Keys, err = r.Idempotency.DeleteExpired(ctx, h.clock.Now(), sweepBatch)
			return err
		})
		if err != nil {
			return total, err
		}
		total.Expired += batch.Expired
		total.Completed += batch.Completed
		total.Keys += batch.Keys
		if claimed < sweepBatch && batch.Keys < sweepBatch {
			return total, nil
		}
	}
}

// Run sweeps every interval until ctx ends, logging what it changed.
func (h SweepBookingsHandler) Run(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		s, err := h.Handle(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.ErrorContext(ctx, "booking sweep failed", "err", err)
		case s.Expired+s.Completed > 0 || s.Keys > 0:
			log.InfoContext(ctx, "booking sweep", "expired", s.Expired, "completed", s.Completed, "idempotency_keys_deleted", s.Keys)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
