-- A space's reviews, a page in two queries whatever its size: the reviews
-- with their authors' nicknames and their space's status, then their
-- photos. Each order walks its index of (space_id, …, id) backwards.

-- name: ListSpaceReviewsNewest :many
SELECT STRAIGHT_JOIN r.id, r.space_id, r.author_id, u.nickname AS author_nickname, r.rating, r.body,
       r.host_reply, r.replied_at, r.created_at, r.edited_at, s.status AS space_status, s.host_id
FROM reviews r FORCE INDEX (reviews_space)
JOIN users u ON u.id = r.author_id
JOIN spaces s ON s.id = r.space_id
WHERE r.space_id = sqlc.arg(space_id) AND r.id < sqlc.arg(before_id)
ORDER BY r.id DESC
LIMIT ?;

-- name: ListSpaceReviewsByRating :many
SELECT STRAIGHT_JOIN r.id, r.space_id, r.author_id, u.nickname AS author_nickname, r.rating, r.body,
       r.host_reply, r.replied_at, r.created_at, r.edited_at, s.status AS space_status, s.host_id
FROM reviews r FORCE INDEX (reviews_space_rating)
JOIN users u ON u.id = r.author_id
JOIN spaces s ON s.id = r.space_id
WHERE r.space_id = sqlc.arg(space_id)
  AND (r.rating < sqlc.arg(before_rating) OR (r.rating = sqlc.arg(before_rating) AND r.id < sqlc.arg(before_id)))
ORDER BY r.rating DESC, r.id DESC
LIMIT ?;

-- name: GetReview :one
SELECT r.id, r.space_id, r.author_id, u.nickname AS author_nickname, r.rating, r.body,
       r.host_reply, r.replied_at, r.created_at, r.edited_at, s.status AS space_status, s.host_id
FROM reviews r
JOIN users u ON u.id = r.author_id
JOIN spaces s ON s.id = r.space_id
WHERE r.id = ?;

-- name: ListReviewPhotosByIDs :many
SELECT review_id, position, detail_key, thumb_key FROM review_photos
WHERE review_id IN (sqlc.slice(ids))
ORDER BY review_id, position;

-- name: GetReviewedSpaceStatus :one
SELECT status FROM spaces WHERE id = ?;
