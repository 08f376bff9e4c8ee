-- name: InsertNotification :exec
INSERT INTO notifications (user_id, event_id, kind, booking_id, space_id, review_id, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?);

-- name: InsertOutboxEvent :exec
INSERT INTO outbox_events (event_id, kind, payload, status, next_attempt_at, created_at)
VALUES (?, ?, ?, 'pending', ?, ?);

-- name: ListDueOutboxEvents :many
-- SKIP LOCKED: workers in several replicas claim different rows. The
-- index is forced so a scan never locks rows it will not claim (another
-- worker's SKIP LOCKED would pass over them).
SELECT id, payload, attempts FROM outbox_events FORCE INDEX (outbox_events_due)
WHERE status = 'pending' AND next_attempt_at <= ?
ORDER BY next_attempt_at, id
LIMIT ?
FOR UPDATE SKIP LOCKED;

-- name: LeaseOutboxEvents :exec
UPDATE outbox_events SET next_attempt_at = ? WHERE id IN (sqlc.slice(ids));

-- name: MarkOutboxEventDelivered :exec
UPDATE outbox_events SET status = 'delivered', delivered_at = ?, attempts = attempts + 1 WHERE id = ?;

-- name: MarkOutboxEventFailed :exec
UPDATE outbox_events SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?;

-- name: DeleteDeliveredOutboxEvents :execrows
-- Oldest first, through outbox_events_due: a delivered event's
-- next_attempt_at is its last claim's lease, a minute after it was sent.
DELETE FROM outbox_events
WHERE status = 'delivered' AND next_attempt_at < sqlc.arg(leased_before) AND delivered_at < sqlc.arg(delivered_before)
ORDER BY next_attempt_at
LIMIT ?;

-- name: ListNotifications :many
-- Forced: walking the primary key backwards would read everyone's.
SELECT n.id, n.event_id, n.kind, n.booking_id, n.space_id, n.review_id, n.created_at, n.read_at,
       COALESCE(s.title, '') AS space_title
FROM notifications n FORCE INDEX (notifications_user)
LEFT JOIN spaces s ON s.id = n.space_id
WHERE n.user_id = sqlc.arg(user_id) AND n.id < sqlc.arg(before_id)
ORDER BY n.id DESC
LIMIT ?;

-- name: CountUnreadNotifications :one
SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL;

-- name: MarkNotificationsRead :execrows
UPDATE notifications SET read_at = sqlc.arg(read_at)
WHERE user_id = sqlc.arg(user_id) AND read_at IS NULL AND id IN (sqlc.slice(ids));

-- name: MarkAllNotificationsRead :execrows
UPDATE notifications SET read_at = sqlc.arg(read_at) WHERE user_id = sqlc.arg(user_id) AND read_at IS NULL;

-- name: DeleteReadNotifications :execrows
-- Oldest first, through notifications_read; unread ones are never in range.
DELETE FROM notifications WHERE read_at < ? ORDER BY read_at LIMIT ?;
