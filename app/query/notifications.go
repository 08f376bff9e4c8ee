package query

import (
	"context"
	"fmt"
	"time"
)

// Notification is one of a user's notifications.
type Notification struct {
	ID         int64
	EventID    string
	Kind       string
	BookingID  int64 // 0 when none
	SpaceID    int64
	ReviewID   int64
	SpaceTitle string
	CreatedAt  time.Time
	ReadAt     time.Time // zero while unread
}

// NotificationPage is a page of a user's notifications, newest first, with
// how many of all their notifications are unread.
type NotificationPage struct {
	Items      []Notification
	Unread     int
	NextCursor string
}

// NotificationReader reads a user's notifications before an id (0: the newest).
type NotificationReader interface {
	Notifications(ctx context.Context, userID, beforeID int64, limit int) ([]Notification, error)
	UnreadNotifications(ctx context.Context, userID int64) (int, error)
}

// NotificationsHandler lists the caller's notifications.
type NotificationsHandler struct{ reader NotificationReader }

// NewNotificationsHandler wires the use case.
func NewNotificationsHandler(r NotificationReader) NotificationsHandler {
	if r == nil {
		panic("query: nil dependency for NotificationsHandler")
	}
	return NotificationsHandler{reader: r}
}

// Handle gives a page of the user's notifications and the unread count:
// two queries whatever the page size.
func (h NotificationsHandler) Handle(ctx context.Context, userID int64, cursor string, limit int) (NotificationPage, error) {
	const scope = "notifications"
	limit, err := pageSize(limit)
	if err != nil {
		return NotificationPage{}, err
	}
	before, err := decodeCursor(cursor, scope)
	if err != nil {
		return NotificationPage{}, err
	}
	var beforeID int64
	if before != nil {
		beforeID = before.ID
	}
	items, err := h.reader.Notifications(ctx, userID, beforeID, limit+1)
	if err != nil {
		return NotificationPage{}, fmt.Errorf("notifications of user %d: %w", userID, err)
	}
	unread, err := h.reader.UnreadNotifications(ctx, userID)
	if err != nil {
		return NotificationPage{}, err
	}
	p := NotificationPage{Unread: unread}
	p.Items, p.NextCursor = trimPage(items, limit, scope, func(n Notification) Keyset { return Keyset{Key: n.ID, ID: n.ID} })
	return p, nil
}
