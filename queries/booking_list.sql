-- name: ListSpaceBookingsOverlapping :many
-- Bookings of a space whose range meets [from, to); the caller decides which block.
SELECT start_at, end_at, status, deadline FROM bookings
WHERE space_id = sqlc.arg(space_id) AND start_at < sqlc.arg(to_at) AND end_at > sqlc.arg(from_at)
ORDER BY start_at;
