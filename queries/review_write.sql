-- Reviews: a review is loaded under its row lock (with its booking's end
-- and its space's host, whose rows are locked with it), changed in the
-- domain and written back. The space's rating counters move in the same
-- transaction as every review written or removed.

-- name: GetReviewForUpdate :one
SELECT r.id, r.booking_id, r.space_id, r.author_id, s.host_id, b.end_at, r.rating, r.body,
       r.host_reply, r.replied_at, r.created_at, r.edited_at
FROM reviews r
JOIN bookings b ON b.id = r.booking_id
JOIN spaces s ON s.id = r.space_id
WHERE r.id = ?
FOR UPDATE;

-- name: GetReviewRating :one
SELECT rating FROM reviews WHERE id = ?;

-- name: CountBookingReviews :one
SELECT COUNT(*) FROM reviews WHERE booking_id = ?;

-- name: InsertReview :execresult
INSERT INTO reviews (booking_id, space_id, author_id, rating, body, created_at) VALUES (?, ?, ?, ?, ?, ?);

-- name: InsertReviewPhoto :exec
INSERT INTO review_photos (review_id, position, detail_key, thumb_key) VALUES (?, ?, ?, ?);

-- name: UpdateReview :exec
UPDATE reviews SET rating = ?, body = ?, edited_at = ?, host_reply = ?, replied_at = ? WHERE id = ?;

-- name: DeleteReview :exec
-- Its photos' rows go with it (ON DELETE CASCADE).
DELETE FROM reviews WHERE id = ?;

-- name: AddSpaceRating :exec
-- Moves a space's rating count and sum by a review's change, relative to
-- what is committed (the row lock orders concurrent writers). The score
-- the rating sort uses (rating_score) is a generated column and follows.
-- Every review write runs it, with zero deltas when the rating stays: the
-- space's content_version moves, so a cached detail page is not reused.
UPDATE spaces
SET rating_count = rating_count + CAST(sqlc.arg(count_delta) AS SIGNED),
    rating_sum = rating_sum + CAST(sqlc.arg(sum_delta) AS SIGNED),
    content_version = content_version + 1
WHERE id = sqlc.arg(id);
