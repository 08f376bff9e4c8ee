package command

import (
	"context"
	"log/slog"
	"time"

	"github.com/ourspace/ourspace/app/ports"
)

// Delivery of the outbox: at least once, under the event's id.
const (
	deliveryLease = time.Minute // a claimed event is another worker's again after this
	deliveryBatch = 50
	// DefaultDeliveryAttempts is how many tries an event gets before it is dead.
	DefaultDeliveryAttempts = 8
)

// DeliverEventsHandler hands the outbox's events to the notifier: each due
// event is claimed (leased, so replicas share the work and a dead worker's
// claims return), delivered, and marked delivered; a failure is tried again
// after a backoff that doubles from 30 seconds (capped at an hour) until
// maxAttempts, when the event is dead and waits for an operator.
type DeliverEventsHandler struct {
	store       ports.Store
	notifier    ports.Notifier
	clock       ports.Clock
	maxAttempts int
}

// NewDeliverEventsHandler wires the use case; maxAttempts ≤ 0 means the default.
func NewDeliverEventsHandler(store ports.Store, notifier ports.Notifier, clock ports.Clock, maxAttempts int) DeliverEventsHandler {
	if store == nil || notifier == nil || clock == nil {
		panic("command: nil dependency for DeliverEventsHandler")
	}
	if maxAttempts <= 0 {
		maxAttempts = DefaultDeliveryAttempts
	}
	return DeliverEventsHandler{store: store, notifier: notifier, clock: clock, maxAttempts: maxAttempts}
}

// Delivered counts what one run did.
type Delivered struct {
	Delivered, Failed, Dead int
}

// Handle delivers every event due now, batch by batch.
func (h DeliverEventsHandler) Handle(ctx context.Context) (Delivered, error) {
	var total Delivered
	for {
		var claimed []ports.OutboxEvent
		err := h.store.InTx(ctx, func(r ports.Repositories) error {
			var err error
			claimed, err = r.Outbox.Claim(ctx, h.clock.Now(), deliveryLease, deliveryBatch)
			return err
		})
		if err != nil {
			return total, err
		}
		for _, ev := range claimed {
			sendErr := h.notifier.Notify(ctx, ev.Event)
			now := h.clock.Now()
			err := h.store.InTx(ctx, func(r ports.Repositories) error {
				if sendErr == nil {
					return r.Outbox.Delivered(ctx, ev.Seq, now)
				}
				attempts := ev.Attempts + 1
				return r.Outbox.Failed(ctx, ev.Seq, attempts, now.Add(backoff(attempts)), attempts >= h.maxAttempts, sendErr.Error())
			})
			if err != nil {
				return total, err
			}
			switch {
			case sendErr == nil:
				total.Delivered++
			case ev.Attempts+1 >= h.maxAttempts:
				total.Dead++
			default:
				total.Failed++
			}
		}
		if len(claimed) < deliveryBatch {
			return total, nil
		}
	}
}

// backoff is the wait before try attempts+1: 30 s, 1 min, 2 min, … 1 h.
func backoff(attempts int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempts && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// Run delivers every interval until ctx ends, logging what it did.
func (h DeliverEventsHandler) Run(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		d, err := h.Handle(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.ErrorContext(ctx, "event delivery failed", "err", err)
		case d.Failed+d.Dead > 0:
			log.WarnContext(ctx, "event delivery", "delivered", d.Delivered, "failed", d.Failed, "dead", d.Dead)
		case d.Delivered > 0:
			log.InfoContext(ctx, "event delivery", "delivered", d.Delivered)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
