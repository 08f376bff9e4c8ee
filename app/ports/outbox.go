package ports

import (
	"context"
	"time"

	"github.com/ourspace/ourspace/domain/notification"
)

// OutboxEvent is an event waiting in the outbox, with its delivery record.
type OutboxEvent struct {
	Seq      int64 // the outbox row
	Event    notification.Event
	Attempts int // deliveries tried so far
}

// Outbox hands recorded events to the delivery worker.
type Outbox interface {
	// Claim takes up to limit events due at now and hides them from other
	// workers until now+lease (a worker that dies mid-delivery loses its
	// claim when the lease ends; delivery is at least once).
	Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]OutboxEvent, error)
	// Delivered records a delivery.
	Delivered(ctx context.Context, seq int64, now time.Time) error
	// Failed records a failed try: again at next, or dead (given up).
	Failed(ctx context.Context, seq int64, attempts int, next time.Time, dead bool, reason string) error
	// DeleteDelivered removes up to limit events delivered before before,
	// oldest first, and counts them; pending and dead events stay.
	DeleteDelivered(ctx context.Context, before time.Time, limit int) (int64, error)
}

// Notifier delivers an event outside (a webhook, a push service).
type Notifier interface {
	Notify(ctx context.Context, e notification.Event) error
}
