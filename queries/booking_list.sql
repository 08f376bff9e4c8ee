-- name: ListSpaceBookingsOverlapping :many
-- Bookings of a space whose range meets [from, to); the caller decides which
-- block. No booking is longer than booking.MaxLength, so one that meets the
-- range starts after from − MaxLength (earliest_start): the index range stays
-- a day or two wide instead of reaching back through the space's history.
SELECT start_at, end_at, status, deadline FROM bookings
WHERE space_id = sqlc.arg(space_id) AND start_at > sqlc.arg(earliest_start) AND start_at < sqlc.arg(to_at)
  AND end_at > sqlc.arg(from_at)
ORDER BY start_at;

-- name: ListGuestBookings :many
-- A guest's bookings in the chosen tabs, by effective status as
-- booking.TabOf decides at now, latest use first, after a keyset. hold_now is
-- now too (sqlc types a parameter per column it meets: deadline is nullable).
-- review_id is the booking's review (reviews_booking is unique), NULL until reviewed.
-- card_photos gives the space's first photo (see RefreshCardPhotos), so a
-- page is one statement.
SELECT sqlc.embed(b), s.title AS space_title, s.address AS space_address,
       s.district_id, d.name AS district_name, s.category_id, c.name AS category_name,
       rv.id AS review_id, s.card_photos
FROM bookings b
JOIN spaces s ON s.id = b.space_id
JOIN districts d ON d.id = s.district_id
JOIN categories c ON c.id = s.category_id
LEFT JOIN reviews rv ON rv.booking_id = b.id
WHERE b.guest_id = sqlc.arg(guest_id)
  AND ((sqlc.arg(upcoming) = 1 AND ((b.status = 'confirmed' AND b.end_at > sqlc.arg(now))
                                  OR (b.status IN ('payment_due', 'requested') AND b.deadline > sqlc.arg(hold_now))))
    OR (sqlc.arg(past) = 1 AND (b.status = 'completed' OR (b.status = 'confirmed' AND b.end_at <= sqlc.arg(now))))
    OR (sqlc.arg(cancelled) = 1 AND (b.status IN ('cancelled_by_guest', 'cancelled_by_host', 'declined', 'expired')
                                  OR (b.status IN ('payment_due', 'requested') AND b.deadline <= sqlc.arg(hold_now)))))
  AND (b.start_at < sqlc.arg(before_start) OR (b.start_at = sqlc.arg(before_start) AND b.id < sqlc.arg(before_id)))
ORDER BY b.start_at DESC, b.id DESC
LIMIT ?;

-- name: ListHostBookings :many
-- Bookings of a host's spaces (optionally one space) used within
-- [from_day, to_day], earliest first, after a keyset.
SELECT sqlc.embed(b), s.title AS space_title, s.address AS space_address,
       s.district_id, d.name AS district_name, s.category_id, c.name AS category_name,
       rv.id AS review_id, s.card_photos
FROM bookings b
JOIN spaces s ON s.id = b.space_id
JOIN districts d ON d.id = s.district_id
JOIN categories c ON c.id = s.category_id
LEFT JOIN reviews rv ON rv.booking_id = b.id
WHERE b.host_id = sqlc.arg(host_id)
  AND (sqlc.arg(space_id) = 0 OR b.space_id = sqlc.arg(space_id))
  AND b.use_date BETWEEN sqlc.arg(from_day) AND sqlc.arg(to_day)
  AND (b.start_at > sqlc.arg(after_start) OR (b.start_at = sqlc.arg(after_start) AND b.id > sqlc.arg(after_id)))
ORDER BY b.start_at, b.id
LIMIT ?;

-- name: GetBookingWithSpace :one
-- A booking with its space's card and its review's id (a booking has at most
-- one review, by its guest; NULL until reviewed), and its space's
-- card_photos, as the lists give them: one statement.
SELECT sqlc.embed(b), s.title AS space_title, s.address AS space_address,
       s.district_id, d.name AS district_name, s.category_id, c.name AS category_name,
       rv.id AS review_id, s.card_photos
FROM bookings b
JOIN spaces s ON s.id = b.space_id
JOIN districts d ON d.id = s.district_id
JOIN categories c ON c.id = s.category_id
LEFT JOIN reviews rv ON rv.booking_id = b.id
WHERE b.id = ?;
