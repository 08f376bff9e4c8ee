-- name: GetBooking :one
SELECT * FROM bookings WHERE id = ?;

-- name: GetBookingForUpdate :one
SELECT * FROM bookings WHERE id = ? FOR UPDATE;

-- name: ClaimExpiredBookings :many
-- Holds and requests past their deadline, locked; rows another sweeper holds
-- are skipped, so replicas share the work.
SELECT * FROM bookings
WHERE status IN ('payment_due', 'requested') AND deadline <= sqlc.arg(now)
ORDER BY deadline
LIMIT ?
FOR UPDATE SKIP LOCKED;

-- name: ClaimEndedBookings :many
-- Confirmed bookings that have ended, locked, skipping rows held elsewhere.
SELECT * FROM bookings
WHERE status = 'confirmed' AND end_at <= sqlc.arg(now)
ORDER BY end_at
LIMIT ?
FOR UPDATE SKIP LOCKED;

-- name: GetSpaceTermsForUpdate :one
-- Locks the space row: every booking of one space is made one at a time.
SELECT id, host_id, status, capacity_min, capacity_max, hourly_price, min_hours, needs_approval, refund_policy, refund_rules
FROM spaces WHERE id = ?
FOR UPDATE;

-- name: GetSpaceRefundPolicy :one
SELECT refund_policy, refund_rules FROM spaces WHERE id = ?;
