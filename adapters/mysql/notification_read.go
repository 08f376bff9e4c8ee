package mysql

import (
	"context"
	"math"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/query"
)

// NotificationReader reads users' notifications.
type NotificationReader struct{ q *sqlcgen.Queries }

// NewNotificationReader reads from db.
func NewNotificationReader(db sqlcgen.DBTX) NotificationReader {
	return NotificationReader{q: sqlcgen.New(db)}
}

// Notifications implements query.NotificationReader through notifications_user.
func (r NotificationReader) Notifications(ctx context.Context, userID, beforeID int64, limit int) ([]query.Notification, error) {
	if beforeID <= 0 {
		beforeID = math.MaxInt64
	}
	rows, err := r.q.ListNotifications(ctx, sqlcgen.ListNotificationsParams{UserID: userID, BeforeID: beforeID, Limit: int32(limit)})
	if err != nil {
		return nil, err
	}
	out := make([]query.Notification, len(rows))
	for i, n := range rows {
		out[i] = query.Notification{ID: n.ID, EventID: n.EventID, Kind: n.Kind, BookingID: n.BookingID.Int64,
			SpaceID: n.SpaceID.Int64, ReviewID: n.ReviewID.Int64, SpaceTitle: n.SpaceTitle, CreatedAt: n.CreatedAt}
		if n.ReadAt.Valid {
			out[i].ReadAt = n.ReadAt.Time
		}
	}
	return out, nil
}

// UnreadNotifications implements query.NotificationReader through notifications_unread.
func (r NotificationReader) UnreadNotifications(ctx context.Context, userID int64) (int, error) {
	n, err := r.q.CountUnreadNotifications(ctx, userID)
	return int(n), err
}
