package mysql

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/notification"
)

// notificationRepository implements notification.Repository and
// ports.Outbox: notifications per recipient and the outbox of events.
type notificationRepository struct{ q *sqlcgen.Queries }

// eventJSON is an event as the outbox keeps it and webhooks send it.
type eventJSON struct {
	ID         string    `json:"id"`
	Kind       string    `json:"kind"`
	BookingID  int64     `json:"booking_id,omitempty"`
	SpaceID    int64     `json:"space_id,omitempty"`
	ReviewID   int64     `json:"review_id,omitempty"`
	Recipients []int64   `json:"recipients"`
	At         time.Time `json:"occurred_at"`
}

// Record implements notification.Repository.
func (r notificationRepository) Record(ctx context.Context, e notification.Event) error {
	at := e.At.UTC()
	for _, u := range e.Recipients {
		if err := r.q.InsertNotification(ctx, sqlcgen.InsertNotificationParams{UserID: u, EventID: e.ID, Kind: string(e.Kind),
			BookingID: nullID(e.BookingID), SpaceID: nullID(e.SpaceID), ReviewID: nullID(e.ReviewID), CreatedAt: at}); err != nil {
			return fmt.Errorf("notify user %d: %w", u, err)
		}
	}
	payload, err := json.Marshal(eventJSON{ID: e.ID, Kind: string(e.Kind), BookingID: e.BookingID, SpaceID: e.SpaceID,
		ReviewID: e.ReviewID, Recipients: e.Recipients, At: at})
	if err != nil {
		return err
	}
	return r.q.InsertOutboxEvent(ctx, sqlcgen.InsertOutboxEventParams{EventID: e.ID, Kind: string(e.Kind), Payload: payload,
		NextAttemptAt: at, CreatedAt: at})
}

// MarkRead implements notification.Repository.
func (r notificationRepository) MarkRead(ctx context.Context, userID int64, ids []int64, now time.Time) (int, error) {
	at := sql.NullTime{Time: now.UTC(), Valid: true}
	if ids == nil {
		n, err := r.q.MarkAllNotificationsRead(ctx, sqlcgen.MarkAllNotificationsReadParams{ReadAt: at, UserID: userID})
		return int(n), err
	}
	if len(ids) == 0 {
		return 0, nil
	}
	n, err := r.q.MarkNotificationsRead(ctx, sqlcgen.MarkNotificationsReadParams{ReadAt: at, UserID: userID, Ids: ids})
	return int(n), err
}

// DeleteRead implements notification.Repository.
func (r notificationRepository) DeleteRead(ctx context.Context, before time.Time, limit int) (int64, error) {
	return r.q.DeleteReadNotifications(ctx, sqlcgen.DeleteReadNotificationsParams{ReadAt: sql.NullTime{Time: before.UTC(), Valid: true},
		Limit: int32(limit)})
}

// Claim implements ports.Outbox.
func (r notificationRepository) Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]ports.OutboxEvent, error) {
	rows, err := r.q.ListDueOutboxEvents(ctx, sqlcgen.ListDueOutboxEventsParams{NextAttemptAt: now.UTC(), Limit: int32(limit)})
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	out := make([]ports.OutboxEvent, len(rows))
	ids := make([]int64, len(rows))
	for i, row := range rows {
		var e eventJSON
		if err := json.Unmarshal(row.Payload, &e); err != nil {
			return nil, fmt.Errorf("outbox event %d: %w", row.ID, err)
		}
		out[i] = ports.OutboxEvent{Seq: row.ID, Attempts: int(row.Attempts), Event: notification.Event{ID: e.ID,
			Kind: notification.Kind(e.Kind), BookingID: e.BookingID, SpaceID: e.SpaceID, ReviewID: e.ReviewID,
			Recipients: e.Recipients, At: e.At}}
		ids[i] = row.ID
	}
	if err := r.q.LeaseOutboxEvents(ctx, sqlcgen.LeaseOutboxEventsParams{NextAttemptAt: now.Add(lease).UTC(), Ids: ids}); err != nil {
		return nil, err
	}
	return out, nil
}

// Delivered implements ports.Outbox.
func (r notificationRepository) Delivered(ctx context.Context, seq int64, now time.Time) error {
	return r.q.MarkOutboxEventDelivered(ctx, sqlcgen.MarkOutboxEventDeliveredParams{DeliveredAt: sql.NullTime{Time: now.UTC(), Valid: true}, ID: seq})
}

// Failed implements ports.Outbox.
func (r notificationRepository) Failed(ctx context.Context, seq int64, attempts int, next time.Time, dead bool, reason string) error {
	status := "pending"
	if dead {
		status = "dead"
	}
	if len(reason) > 500 {
		reason = reason[:500]
	}
	return r.q.MarkOutboxEventFailed(ctx, sqlcgen.MarkOutboxEventFailedParams{Status: status, Attempts: int32(attempts),
		NextAttemptAt: next.UTC(), LastError: reason, ID: seq})
}

// DeleteDelivered implements ports.Outbox.
func (r notificationRepository) DeleteDelivered(ctx context.Context, before time.Time, limit int) (int64, error) {
	return r.q.DeleteDeliveredOutboxEvents(ctx, sqlcgen.DeleteDeliveredOutboxEventsParams{LeasedBefore: before.UTC(),
		DeliveredBefore: sql.NullTime{Time: before.UTC(), Valid: true}, Limit: int32(limit)})
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }
