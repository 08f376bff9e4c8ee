-- name: GetBooking :one
SELECT * FROM bookings WHERE id = ?;

-- name: GetBookingForUpdate :one
SELECT * FROM bookings WHERE id = ? FOR UPDATE;

-- name: ClaimExpiredBookings :many
-- Holds and requests past their deadline, locked; rows another sweeper holds
-- are skipped, so replicas share the work. The index is forced: a scan of
-- other rows would lock them for a moment, and another sweeper's SKIP
-- LOCKED would then pass over rows it is due to claim.
SELECT * FROM bookings FORCE INDEX (bookings_status_deadline)
WHERE status IN ('payment_due', 'requested') AND deadline <= sqlc.arg(now)
ORDER BY deadline
LIMIT ?
FOR UPDATE SKIP LOCKED;

-- name: ClaimEndedBookings :many
-- Confirmed bookings that have ended, locked, skipping rows held elsewhere
-- (the index forced for the same reason).
SELECT * FROM bookings FORCE INDEX (bookings_status_end)
WHERE status = 'confirmed' AND end_at <= sqlc.arg(now)
ORDER BY end_at
LIMIT ?
FOR UPDATE SKIP LOCKED;

-- name: GetSpaceTermsForUpdate :one
-- Locks the space row: every booking of one space is made one at a time.
-- The use date's opening hours and closed mark come along (locked too,
-- which only a host's edit of them would wait for).
SELECT s.id, s.host_id, s.status, s.capacity_min, s.capacity_max, s.hourly_price, s.min_hours, s.needs_approval,
       s.refund_policy, s.refund_rules, oh.open_minute, oh.close_minute, cd.day AS closed_day
FROM spaces s
LEFT JOIN space_opening_hours oh ON oh.space_id = s.id AND oh.weekday = sqlc.arg(weekday)
LEFT JOIN space_closed_dates cd ON cd.space_id = s.id AND cd.day = sqlc.arg(day)
WHERE s.id = sqlc.arg(id)
FOR UPDATE;

-- name: GetSpaceRefundPolicy :one
SELECT refund_policy, refund_rules FROM spaces WHERE id = ?;
