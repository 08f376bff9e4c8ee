-- name: GetOldestOverdueBookingDeadline :one
-- The backlog of the background workers, read at each metrics scrape
-- (mysql.ReadBacklog). Here: a hold (payment_due) or request past its
-- deadline that the sweep has not marked expired; asked once per status so
-- each is one range of the index.
SELECT deadline FROM bookings FORCE INDEX (bookings_status_deadline)
WHERE status = sqlc.arg(status) AND deadline <= sqlc.arg(now)
ORDER BY deadline
LIMIT 1;

-- name: GetOldestEndedConfirmedBooking :one
-- A confirmed booking that has ended and is not yet marked completed.
SELECT end_at FROM bookings FORCE INDEX (bookings_status_end)
WHERE status = 'confirmed' AND end_at <= sqlc.arg(now)
ORDER BY end_at
LIMIT 1;

-- name: GetOldestDuePendingObject :one
SELECT due_at FROM pending_objects
WHERE due_at <= sqlc.arg(now)
ORDER BY due_at
LIMIT 1;

-- name: GetOldestDueOutboxEvent :one
-- Claimed events are leased (next_attempt_at moves ahead), so only events
-- no worker holds count.
SELECT next_attempt_at FROM outbox_events FORCE INDEX (outbox_events_due)
WHERE status = 'pending' AND next_attempt_at <= sqlc.arg(now)
ORDER BY next_attempt_at
LIMIT 1;

-- name: GetOldestPendingOutboxEvent :one
-- Reads every pending event (few, unless deliveries fail for long).
SELECT created_at FROM outbox_events FORCE INDEX (outbox_events_due)
WHERE status = 'pending'
ORDER BY created_at
LIMIT 1;

-- name: CountOutboxEventsByStatus :many
SELECT status, COUNT(*) AS events FROM outbox_events
WHERE status IN ('pending', 'dead')
GROUP BY status;
