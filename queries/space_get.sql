-- name: ListSpaceCardsByIDs :many
SELECT s.id, s.title, s.subtitle, s.address, s.lat, s.lng, s.capacity_min, s.capacity_max,
       s.list_price, s.like_count, s.rating_count, s.rating_sum,
       s.category_id, c.name AS category_name, s.district_id, d.name AS district_name
FROM spaces s
JOIN categories c ON c.id = s.category_id
JOIN districts d ON d.id = s.district_id
WHERE s.id IN (sqlc.slice(ids));

-- name: GetSpaceDetail :one
-- What a space's detail page shows that moves with its content_version: the
-- space and, in one JSON object, its
-- photos, facilities and newest reviews with their photos (see
-- adapters/mysql/jsonagg.go). The reviews walk reviews_space backwards and
-- stop at the limit; their rows and authors are joined after the limit, so
-- the join cannot turn the walk into a sort of all the space's reviews, and
-- the derived table holds ids only: with the text in it MariaDB materialised
-- it as an on-disk temporary table on every request (7 ms → 1.5 ms).
-- The CASTs bound the JSON elements under 512 bytes, so MariaDB aggregates
-- them in memory; unbounded VARCHAR(512/1024) columns sent each list to an
-- on-disk temporary table on every request (4 a detail → 1, the reviews'
-- text). Object keys are ours and at most space.MaxObjectKey (60) long;
-- facility names fit 50 by the schema; icon URLs must stay within 80.
-- The three latest reviews' text, replies and authors' nicknames come as
-- scalar columns beside the JSON (newest first): in it, they too made the
-- list an on-disk table. Their order is the JSON's, sorted by id in Go.
SELECT s.id, s.content_version, s.host_id, u.nickname AS host_nickname, s.title, s.subtitle, s.description, s.address,
       s.lat, s.lng, s.capacity_min, s.capacity_max, s.needs_approval,
       s.refund_policy, s.refund_rules, s.list_price,
       s.category_id, c.name AS category_name, c.icon_url AS category_icon_url,
       s.district_id, d.name AS district_name, s.created_at,
       JSON_OBJECT(
         'photos', (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', p.id, 'position', p.position, 'detail_key', CAST(p.detail_key AS CHAR(60)), 'thumb_key', CAST(p.thumb_key AS CHAR(60))))
                    FROM space_photos p WHERE p.space_id = s.id),
         'facilities', (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', f.id, 'position', f.position, 'name', CAST(f.name AS CHAR(50)), 'icon_url', CAST(f.icon_url AS CHAR(80))))
                        FROM space_facilities sf JOIN facilities f ON f.id = sf.facility_id WHERE sf.space_id = s.id),
         'latest_reviews', (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', r.id, 'author_id', r.author_id,
                              'rating', r.rating, 'has_reply', r.host_reply IS NOT NULL,
                              'replied_at', DATE_FORMAT(r.replied_at, '%Y-%m-%d %H:%i:%s.%f'),
                              'created_at', DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i:%s.%f'),
                              'edited_at', DATE_FORMAT(r.edited_at, '%Y-%m-%d %H:%i:%s.%f')))
                            FROM (SELECT lr.id
                                  FROM reviews lr FORCE INDEX (reviews_space)
                                  WHERE lr.space_id = sqlc.arg(id)
                                  ORDER BY lr.id DESC
                                  LIMIT ?) latest
                            JOIN reviews r ON r.id = latest.id),
         'review_photos', (SELECT JSON_ARRAYAGG(JSON_OBJECT('review_id', rp.review_id, 'position', rp.position,
                             'detail_key', CAST(rp.detail_key AS CHAR(60)), 'thumb_key', CAST(rp.thumb_key AS CHAR(60))))
                           FROM (SELECT lr.id
                                 FROM reviews lr FORCE INDEX (reviews_space)
                                 WHERE lr.space_id = sqlc.arg(id)
                                 ORDER BY lr.id DESC
                                 LIMIT ?) latest
                           JOIN review_photos rp ON rp.review_id = latest.id)
       ) AS lists,
       COALESCE((SELECT r.body FROM reviews r FORCE INDEX (reviews_space) WHERE r.space_id = s.id ORDER BY r.id DESC LIMIT 1), '') AS review_body_1,
       COALESCE((SELECT r.body FROM reviews r FORCE INDEX (reviews_space) WHERE r.space_id = s.id ORDER BY r.id DESC LIMIT 1 OFFSET 1), '') AS review_body_2,
       COALESCE((SELECT r.body FROM reviews r FORCE INDEX (reviews_space) WHERE r.space_id = s.id ORDER BY r.id DESC LIMIT 1 OFFSET 2), '') AS review_body_3,
       (SELECT r.host_reply FROM reviews r FORCE INDEX (reviews_space) WHERE r.space_id = s.id ORDER BY r.id DESC LIMIT 1) AS review_reply_1,
       (SELECT r.host_reply FROM reviews r FORCE INDEX (reviews_space) WHERE r.space_id = s.id ORDER BY r.id DESC LIMIT 1 OFFSET 1) AS review_reply_2,
       (SELECT r.host_reply FROM reviews r FORCE INDEX (reviews_space) WHERE r.space_id = s.id ORDER BY r.id DESC LIMIT 1 OFFSET 2) AS review_reply_3,
       COALESCE((SELECT a.nickname FROM reviews r FORCE INDEX (reviews_space) JOIN users a ON a.id = r.author_id WHERE r.space_id = s.id ORDER BY r.id DESC LIMIT 1), '') AS review_author_1,
       COALESCE((SELECT a.nickname FROM reviews r FORCE INDEX (reviews_space) JOIN users a ON a.id = r.author_id WHERE r.space_id = s.id ORDER BY r.id DESC LIMIT 1 OFFSET 1), '') AS review_author_2,
       COALESCE((SELECT a.nickname FROM reviews r FORCE INDEX (reviews_space) JOIN users a ON a.id = r.author_id WHERE r.space_id = s.id ORDER BY r.id DESC LIMIT 1 OFFSET 2), '') AS review_author_3
FROM spaces s
JOIN users u ON u.id = s.host_id
JOIN categories c ON c.id = s.category_id
JOIN districts d ON d.id = s.district_id
WHERE s.id = sqlc.arg(id);

-- name: GetSpaceSchedule :one
-- A space's prices and, in one JSON object, its packages, opening hours and
-- closed dates between two days: all that availability needs of a space;
-- and for its detail page the rest that is read fresh on every request
-- (counters, the viewer's like) with the content_version that tells whether
-- a cached GetSpaceDetail is still current.
SELECT s.status, s.hourly_price, s.min_hours, s.content_version, s.like_count, s.rating_count, s.rating_sum,
       EXISTS (SELECT 1 FROM likes l WHERE l.user_id = sqlc.arg(viewer_id) AND l.space_id = s.id) AS liked,
       JSON_OBJECT(
         'packages', (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', p.id, 'position', p.position, 'name', p.name,
                        'start_minute', p.start_minute, 'end_minute', p.end_minute, 'price', p.price, 'weekdays', p.weekdays))
                      FROM space_packages p WHERE p.space_id = s.id),
         'opening_hours', (SELECT JSON_ARRAYAGG(JSON_OBJECT('weekday', h.weekday, 'open_minute', h.open_minute, 'close_minute', h.close_minute))
                           FROM space_opening_hours h WHERE h.space_id = s.id),
         'closed_dates', (SELECT JSON_ARRAYAGG(DATE_FORMAT(cd.day, '%Y-%m-%d'))
                          FROM space_closed_dates cd
                          WHERE cd.space_id = s.id AND cd.day BETWEEN sqlc.arg(from_day) AND sqlc.arg(to_day))
       ) AS lists
FROM spaces s
WHERE s.id = sqlc.arg(id);

-- name: ListSpacePhotos :many
SELECT id, detail_key, thumb_key FROM space_photos WHERE space_id = ? ORDER BY position;

-- name: ListSpacePackages :many
SELECT id, name, start_minute, end_minute, price, weekdays
FROM space_packages WHERE space_id = ? ORDER BY position;

-- name: ListSpaceOpeningHours :many
SELECT weekday, open_minute, close_minute FROM space_opening_hours WHERE space_id = ? ORDER BY weekday;
