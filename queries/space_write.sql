-- Hosting: a space is loaded whole under its row lock, changed in the
-- domain and written back whole.

-- name: GetSpaceForUpdate :one
SELECT id, host_id, status, title, subtitle, description, address, district_id, category_id,
       lat, lng, capacity_min, capacity_max, hourly_price, min_hours, needs_approval,
       refund_policy, refund_rules, created_at, updated_at
FROM spaces WHERE id = ? FOR UPDATE;

-- name: ListSpaceFacilityIDs :many
SELECT facility_id FROM space_facilities WHERE space_id = ? ORDER BY facility_id;

-- name: ListAllSpaceClosedDates :many
SELECT day FROM space_closed_dates WHERE space_id = ? ORDER BY day;

-- name: InsertSpace :execresult
INSERT INTO spaces (host_id, status, title, subtitle, description, address, district_id, category_id,
  lat, lng, capacity_min, capacity_max, hourly_price, min_hours, needs_approval, refund_policy, refund_rules,
  list_price, facility_bits, search_text, search_tokens, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: GetSpaceSearchTokens :one
-- The tokens stored for the space, read before it is written over, so the
-- token counts move by the difference.
SELECT search_tokens FROM spaces WHERE id = ?;

-- name: UpdateSpace :exec
UPDATE spaces SET status = ?, title = ?, subtitle = ?, description = ?, address = ?, district_id = ?,
  category_id = ?, lat = ?, lng = ?, capacity_min = ?, capacity_max = ?, hourly_price = ?, min_hours = ?,
  needs_approval = ?, refund_policy = ?, refund_rules = ?, list_price = ?, facility_bits = ?, search_text = ?,
  search_tokens = ?, updated_at = ?, content_version = content_version + 1
WHERE id = ?;

-- name: RefreshCardPhotos :exec
-- Rewrites the cards' photos kept on the rows of the spaces first_id to
-- last_id (migration 00010): the first per_space photos in order, as a JSON
-- array of [id, detail_key, thumb_key]. Run after the photos are written,
-- in their transaction, and by the seed; the one definition of a card's
-- photos. Five elements fit the column (VARCHAR(1024)) and MySQL's default
-- group_concat_max_len of 1024 bytes (keys are at
-- most 60 characters). Not BETWEEN: sqlc 1.31 binds each of its named
-- arguments twice in this UPDATE (five values for three placeholders).
UPDATE spaces s
SET s.card_photos = COALESCE((SELECT CONCAT('[', GROUP_CONCAT(JSON_ARRAY(p.id, p.detail_key, p.thumb_key) ORDER BY p.position SEPARATOR ','), ']')
                              FROM space_photos p WHERE p.space_id = s.id AND p.position < sqlc.arg(per_space)), '[]')
WHERE s.id >= sqlc.arg(first_id) AND s.id <= sqlc.arg(last_id);

-- name: DeleteSpacePhotos :exec
DELETE FROM space_photos WHERE space_id = ?;

-- name: InsertSpacePhoto :execresult
INSERT INTO space_photos (id, space_id, position, detail_key, thumb_key) VALUES (?, ?, ?, ?, ?);

-- name: DeleteSpacePackages :exec
DELETE FROM space_packages WHERE space_id = ?;

-- name: InsertSpacePackage :execresult
INSERT INTO space_packages (id, space_id, position, name, start_minute, end_minute, price, weekdays)
VALUES (?, ?, ?, ?, ?, ?, ?, ?);

-- name: DeleteSpaceFacilities :exec
DELETE FROM space_facilities WHERE space_id = ?;

-- name: DeleteSpaceOpeningHours :exec
DELETE FROM space_opening_hours WHERE space_id = ?;

-- name: DeleteSpaceClosedDates :exec
DELETE FROM space_closed_dates WHERE space_id = ?;

-- name: CountReferences :one
SELECT (SELECT COUNT(*) FROM districts d WHERE d.id = sqlc.arg(district_id)) AS districts,
       (SELECT COUNT(*) FROM categories c WHERE c.id = sqlc.arg(category_id)) AS categories;

-- name: CountFacilities :one
SELECT COUNT(*) FROM facilities WHERE id IN (sqlc.slice(ids));

-- name: CountLiveSpaceBookings :one
-- Bookings that still block the space: confirmed and not ended, or held /
-- requested before their deadline.
SELECT COUNT(*) FROM bookings
WHERE space_id = sqlc.arg(space_id) AND end_at > sqlc.arg(now)
  AND (status = 'confirmed' OR (status IN ('payment_due', 'requested') AND deadline > sqlc.arg(deadline_after)));

-- name: ListHostSpaces :many
-- A host's own spaces in every status, newest first, paged by id, with
-- their cards' photos (card_photos, see RefreshCardPhotos).
-- STRAIGHT_JOIN and FORCE INDEX: read spaces first, down spaces_host; the
-- optimizer would otherwise start from a small category, or walk the
-- primary key backwards, which for a small host reads the whole table.
SELECT STRAIGHT_JOIN s.id, s.status, s.title, s.subtitle, s.address, s.lat, s.lng, s.capacity_min, s.capacity_max,
       s.list_price, s.hourly_price, s.min_hours, s.like_count, s.rating_count, s.rating_sum,
       s.category_id, c.name AS category_name, s.district_id, d.name AS district_name, s.created_at, s.card_photos
FROM spaces s FORCE INDEX (spaces_host)
JOIN categories c ON c.id = s.category_id
JOIN districts d ON d.id = s.district_id
WHERE s.host_id = sqlc.arg(host_id) AND s.id < sqlc.arg(before_id)
ORDER BY s.id DESC
LIMIT ?;

-- name: AddPendingObject :exec
INSERT INTO pending_objects (object_key, due_at) VALUES (?, ?)
ON DUPLICATE KEY UPDATE due_at = VALUES(due_at);

-- name: RemovePendingObjects :exec
DELETE FROM pending_objects WHERE object_key IN (sqlc.slice(object_keys));

-- name: ListDuePendingObjects :many
SELECT object_key FROM pending_objects WHERE due_at <= ? ORDER BY due_at LIMIT ?;

-- name: ListPendingObjects :many
SELECT object_key FROM pending_objects WHERE object_key IN (sqlc.slice(object_keys));

-- name: LockSearchPostings :many
-- The postings of tokens in one block, locked to be written over (the rows
-- exist: see movePostings).
SELECT token, ids FROM search_postings
WHERE block = sqlc.arg(block) AND token IN (sqlc.slice(tokens))
FOR UPDATE;

-- name: DeleteSearchPostings :exec
-- Rows of a block left without spaces.
DELETE FROM search_postings WHERE block = sqlc.arg(block) AND token IN (sqlc.slice(tokens));
