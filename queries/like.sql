-- name: GetLikeTargetForUpdate :one
-- Locks the space's row first: likes of one space take turns on it, and
-- the likes row's foreign key check then needs no shared lock that two
-- likers would each try to upgrade (a deadlock).
SELECT status, like_count FROM spaces WHERE id = ? FOR UPDATE;

-- name: InsertLike :execrows
-- No row when the like exists: liking twice is one like.
INSERT IGNORE INTO likes (user_id, space_id, created_at) VALUES (?, ?, ?);

-- name: DeleteLike :execrows
DELETE FROM likes WHERE user_id = ? AND space_id = ?;

-- name: AddSpaceLikes :exec
UPDATE spaces SET like_count = like_count + sqlc.arg(delta) WHERE id = sqlc.arg(id);

-- name: ListLikedSpaces :many
-- A user's likes with their spaces' cards and the cards' photos
-- (card_photos, see RefreshCardPhotos), newest like first, paged by
-- (created_at, space_id) down likes_user_time. STRAIGHT_JOIN: the
-- optimizer would otherwise start from a small district and sort every
-- like of its spaces; FORCE INDEX keeps the walk on likes_user_time, not
-- the primary key, for users with few likes too.
SELECT STRAIGHT_JOIN l.space_id, l.created_at AS liked_at, s.status, s.title, s.subtitle, s.address, s.lat, s.lng,
       s.capacity_min, s.capacity_max, s.list_price, s.hourly_price, s.min_hours, s.like_count, s.rating_count, s.rating_sum,
       s.category_id, c.name AS category_name, s.district_id, d.name AS district_name, s.card_photos
FROM likes l FORCE INDEX (likes_user_time)
JOIN spaces s ON s.id = l.space_id
JOIN categories c ON c.id = s.category_id
JOIN districts d ON d.id = s.district_id
WHERE l.user_id = sqlc.arg(user_id)
  AND (l.created_at < sqlc.arg(before_at) OR (l.created_at = sqlc.arg(before_at) AND l.space_id < sqlc.arg(before_id)))
ORDER BY l.created_at DESC, l.space_id DESC
LIMIT ?;
