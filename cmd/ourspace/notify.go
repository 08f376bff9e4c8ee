package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/ourspace/ourspace/adapters/webhook"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/notification"
)

// deliveryInterval is how often the outbox is read: events reach their
// webhook within seconds.
const deliveryInterval = 2 * time.Second

// eventNotifier is where notification events go: the configured webhook,
// or the log when there is none (development, or no integration yet).
func eventNotifier(cfg config) (ports.Notifier, error) {
	if cfg.WebhookURL == "" {
		return logNotifier{}, nil
	}
	return webhook.New(cfg.WebhookURL, []byte(cfg.WebhookSecret), 10*time.Second)
}

// logNotifier "delivers" events by logging them.
type logNotifier struct{}

func (logNotifier) Notify(ctx context.Context, e notification.Event) error {
	slog.InfoContext(ctx, "event", "id", e.ID, "kind", string(e.Kind), "booking_id", e.BookingID,
		"space_id", e.SpaceID, "review_id", e.ReviewID, "recipients", e.Recipients)
	return nil
}
