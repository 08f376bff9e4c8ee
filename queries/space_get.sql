-- name: ListSpaceCardsByIDs :many
SELECT s.id, s.title, s.subtitle, s.address, s.lat, s.lng, s.capacity_min, s.capacity_max,
       s.list_price, s.like_count, s.rating_count, s.rating_sum,
       s.category_id, c.name AS category_name, s.district_id, d.name AS district_name
FROM spaces s
JOIN categories c ON c.id = s.category_id
JOIN districts d ON d.id = s.district_id
WHERE s.id IN (sqlc.slice(ids));

-- name: ListSpacePhotosByIDs :many
SELECT space_id, position, id, detail_key, thumb_key FROM space_photos
WHERE space_id IN (sqlc.slice(ids)) AND position < sqlc.arg(per_space)
ORDER BY space_id, position;

-- name: GetSpaceDetail :one
SELECT s.id, s.host_id, u.nickname AS host_nickname, s.status, s.title, s.subtitle, s.description, s.address,
       s.lat, s.lng, s.capacity_min, s.capacity_max, s.hourly_price, s.min_hours, s.needs_approval,
       s.refund_policy, s.refund_rules, s.list_price, s.like_count, s.rating_count, s.rating_sum,
       s.category_id, c.name AS category_name, c.icon_url AS category_icon_url,
       s.district_id, d.name AS district_name, s.created_at
FROM spaces s
JOIN users u ON u.id = s.host_id
JOIN categories c ON c.id = s.category_id
JOIN districts d ON d.id = s.district_id
WHERE s.id = ?;

-- name: ListSpacePhotos :many
SELECT id, detail_key, thumb_key FROM space_photos WHERE space_id = ? ORDER BY position;

-- name: ListSpaceFacilities :many
SELECT f.id, f.name, f.icon_url
FROM space_facilities sf JOIN facilities f ON f.id = sf.facility_id
WHERE sf.space_id = ?
ORDER BY f.position, f.id;

-- name: ListSpacePackages :many
SELECT id, name, start_minute, end_minute, price, weekdays
FROM space_packages WHERE space_id = ? ORDER BY position;

-- name: ListSpaceOpeningHours :many
SELECT weekday, open_minute, close_minute FROM space_opening_hours WHERE space_id = ? ORDER BY weekday;

-- name: ListSpaceClosedDates :many
SELECT day FROM space_closed_dates
WHERE space_id = ? AND day BETWEEN sqlc.arg(from_day) AND sqlc.arg(to_day)
ORDER BY day;
