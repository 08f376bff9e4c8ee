-- Space search, one query per sort order: sqlc cannot bind ORDER BY, and
-- keyset pagination needs each order's own comparison. The WHERE clause is
-- the same in all five and must say what domain/search.Filter.Matches says.
-- The database folds the constant 'filter off' branches, so the indexes of
-- the filters in use are chosen (see docs/performance.md).
-- Keep the five WHERE clauses identical: a test in adapters/mysql checks it.
-- Subqueries tied to the space by s.id alone are COUNT(*) comparisons, not
-- [NOT] EXISTS: MariaDB turns such an EXISTS into IN and may then materialise
-- the whole inner table (a full scan of bookings or space_closed_dates on each
-- search) instead of looking up the few rows of each candidate space.
-- The hourly slots of a day are bounded on clock_hours.h itself (the first
-- whole hour from opening, the last that leaves min_hours before closing), so
-- the hours are read in order through the primary key and the search stops at
-- the first free one, rather than checking every hour of the day.

-- name: SearchSpacesPopular :many
SELECT s.id, CAST(s.like_count AS SIGNED) AS sort_key FROM spaces s
WHERE s.status = 'active'
  AND (CAST(sqlc.arg(district_count) AS SIGNED) = 0 OR s.district_id IN (sqlc.slice(districts)))
  AND (CAST(sqlc.arg(category_count) AS SIGNED) = 0 OR s.category_id IN (sqlc.slice(categories)))
  AND (sqlc.arg(facility_count) = 0 OR sqlc.arg(facility_count) = (
        SELECT COUNT(*) FROM space_facilities sf
        WHERE sf.space_id = s.id AND sf.facility_id IN (sqlc.slice(facilities))))
  AND (sqlc.arg(people) = 0 OR (s.capacity_min <= sqlc.arg(people) AND s.capacity_max >= sqlc.arg(people)))
  AND (sqlc.narg(min_price) IS NULL OR s.list_price >= sqlc.narg(min_price))
  AND (sqlc.narg(max_price) IS NULL OR s.list_price <= sqlc.narg(max_price))
  AND (sqlc.arg(text_tokens) = '' OR MATCH(s.search_tokens) AGAINST (sqlc.arg(text_tokens) IN BOOLEAN MODE))
  AND (sqlc.narg(word1) IS NULL OR s.search_text LIKE sqlc.narg(word1))
  AND (sqlc.narg(word2) IS NULL OR s.search_text LIKE sqlc.narg(word2))
  AND (sqlc.narg(word3) IS NULL OR s.search_text LIKE sqlc.narg(word3))
  AND (CAST(sqlc.arg(in_area) AS SIGNED) = 0 OR (s.lat BETWEEN sqlc.arg(south) AND sqlc.arg(north) AND s.lng BETWEEN sqlc.arg(west) AND sqlc.arg(east)))
  AND (CAST(sqlc.arg(on_day) AS SIGNED) = 0 OR (
        CAST(sqlc.arg(within_horizon) AS SIGNED) = 1
        AND 0 = (SELECT COUNT(*) FROM space_closed_dates cd WHERE cd.space_id = s.id AND cd.day = sqlc.arg(day))
        AND (
          EXISTS (
            SELECT 1 FROM space_packages p
            WHERE p.space_id = s.id
              AND (p.weekdays & sqlc.arg(weekday_bit)) <> 0
              AND (CAST(sqlc.arg(has_window) AS SIGNED) = 0 OR (p.start_minute <= sqlc.arg(win_start) AND p.end_minute >= sqlc.arg(win_end)))
              AND DATE_ADD(sqlc.arg(day_start), INTERVAL p.start_minute MINUTE) >= CAST(sqlc.arg(earliest_start) AS DATETIME(6))
              AND NOT EXISTS (
                SELECT 1 FROM bookings b
                WHERE b.space_id = s.id
                  AND b.start_at < DATE_ADD(sqlc.arg(day_start), INTERVAL p.end_minute MINUTE)
                  AND b.end_at > DATE_ADD(sqlc.arg(day_start), INTERVAL p.start_minute MINUTE)
                  AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(sqlc.arg(now) AS DATETIME(6))))))
          OR (
            s.hourly_price IS NOT NULL
            AND CAST(sqlc.arg(has_window) AS SIGNED) = 0
            AND EXISTS (
              SELECT 1 FROM space_opening_hours oh
              JOIN clock_hours h ON h.h >= (oh.open_minute + 59) DIV 60 AND h.h <= oh.close_minute DIV 60 - s.min_hours
              WHERE oh.space_id = s.id
                AND oh.weekday = sqlc.arg(weekday)
                AND DATE_ADD(sqlc.arg(day_start), INTERVAL h.h HOUR) >= CAST(sqlc.arg(earliest_start) AS DATETIME(6))
                AND NOT EXISTS (
                  SELECT 1 FROM bookings b
                  WHERE b.space_id = s.id
                    AND b.start_at < DATE_ADD(sqlc.arg(day_start), INTERVAL h.h + s.min_hours HOUR)
                    AND b.end_at > DATE_ADD(sqlc.arg(day_start), INTERVAL h.h HOUR)
                    AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(sqlc.arg(now) AS DATETIME(6)))))))
          OR (
            s.hourly_price IS NOT NULL
            AND CAST(sqlc.arg(window_by_hour) AS SIGNED) = 1
            AND CAST(sqlc.arg(win_minutes) AS SIGNED) >= s.min_hours * 60
            AND 0 < (
              SELECT COUNT(*) FROM space_opening_hours oh
              WHERE oh.space_id = s.id
                AND oh.weekday = sqlc.arg(weekday)
                AND oh.open_minute <= sqlc.arg(win_start)
                AND oh.close_minute >= sqlc.arg(win_end))
            AND 0 = (
              SELECT COUNT(*) FROM bookings b
              WHERE b.space_id = s.id
                AND b.start_at < sqlc.arg(win_end_at)
                AND b.end_at > sqlc.arg(win_start_at)
                AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(sqlc.arg(now) AS DATETIME(6)))))))))
  AND (CAST(sqlc.arg(has_cursor) AS SIGNED) = 0 OR s.like_count < CAST(sqlc.arg(after_key) AS SIGNED) OR (s.like_count = CAST(sqlc.arg(after_key) AS SIGNED) AND s.id < sqlc.arg(after_id)))
ORDER BY s.like_count DESC, s.id DESC
LIMIT ?;

-- name: SearchSpacesPriceAsc :many
SELECT s.id, CAST(s.list_price AS SIGNED) AS sort_key FROM spaces s
WHERE s.status = 'active'
  AND (CAST(sqlc.arg(district_count) AS SIGNED) = 0 OR s.district_id IN (sqlc.slice(districts)))
  AND (CAST(sqlc.arg(category_count) AS SIGNED) = 0 OR s.category_id IN (sqlc.slice(categories)))
  AND (sqlc.arg(facility_count) = 0 OR sqlc.arg(facility_count) = (
        SELECT COUNT(*) FROM space_facilities sf
        WHERE sf.space_id = s.id AND sf.facility_id IN (sqlc.slice(facilities))))
  AND (sqlc.arg(people) = 0 OR (s.capacity_min <= sqlc.arg(people) AND s.capacity_max >= sqlc.arg(people)))
  AND (sqlc.narg(min_price) IS NULL OR s.list_price >= sqlc.narg(min_price))
  AND (sqlc.narg(max_price) IS NULL OR s.list_price <= sqlc.narg(max_price))
  AND (sqlc.arg(text_tokens) = '' OR MATCH(s.search_tokens) AGAINST (sqlc.arg(text_tokens) IN BOOLEAN MODE))
  AND (sqlc.narg(word1) IS NULL OR s.search_text LIKE sqlc.narg(word1))
  AND (sqlc.narg(word2) IS NULL OR s.search_text LIKE sqlc.narg(word2))
  AND (sqlc.narg(word3) IS NULL OR s.search_text LIKE sqlc.narg(word3))
  AND (CAST(sqlc.arg(in_area) AS SIGNED) = 0 OR (s.lat BETWEEN sqlc.arg(south) AND sqlc.arg(north) AND s.lng BETWEEN sqlc.arg(west) AND sqlc.arg(east)))
  AND (CAST(sqlc.arg(on_day) AS SIGNED) = 0 OR (
        CAST(sqlc.arg(within_horizon) AS SIGNED) = 1
        AND 0 = (SELECT COUNT(*) FROM space_closed_dates cd WHERE cd.space_id = s.id AND cd.day = sqlc.arg(day))
        AND (
          EXISTS (
            SELECT 1 FROM space_packages p
            WHERE p.space_id = s.id
              AND (p.weekdays & sqlc.arg(weekday_bit)) <> 0
              AND (CAST(sqlc.arg(has_window) AS SIGNED) = 0 OR (p.start_minute <= sqlc.arg(win_start) AND p.end_minute >= sqlc.arg(win_end)))
              AND DATE_ADD(sqlc.arg(day_start), INTERVAL p.start_minute MINUTE) >= CAST(sqlc.arg(earliest_start) AS DATETIME(6))
              AND NOT EXISTS (
                SELECT 1 FROM bookings b
                WHERE b.space_id = s.id
                  AND b.start_at < DATE_ADD(sqlc.arg(day_start), INTERVAL p.end_minute MINUTE)
                  AND b.end_at > DATE_ADD(sqlc.arg(day_start), INTERVAL p.start_minute MINUTE)
                  AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(sqlc.arg(now) AS DATETIME(6))))))
          OR (
            s.hourly_price IS NOT NULL
            AND CAST(sqlc.arg(has_window) AS SIGNED) = 0
            AND EXISTS (
              SELECT 1 FROM space_opening_hours oh
              JOIN clock_hours h ON h.h >= (oh.open_minute + 59) DIV 60 AND h.h <= oh.close_minute DIV 60 - s.min_hours
              WHERE oh.space_id = s.id
                AND oh.weekday = sqlc.arg(weekday)
                AND DATE_ADD(sqlc.arg(day_start), INTERVAL h.h HOUR) >= CAST(sqlc.arg(earliest_start) AS DATETIME(6))
                AND NOT EXISTS (
                  SELECT 1 FROM bookings b
                  WHERE b.space_id = s.id
                    AND b.start_at < DATE_ADD(sqlc.arg(day_start), INTERVAL h.h + s.min_hours HOUR)
                    AND b.end_at > DATE_ADD(sqlc.arg(day_start), INTERVAL h.h HOUR)
                    AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(sqlc.arg(now) AS DATETIME(6)))))))
          OR (
            s.hourly_price IS NOT NULL
            AND CAST(sqlc.arg(window_by_hour) AS SIGNED) = 1
            AND CAST(sqlc.arg(win_minutes) AS SIGNED) >= s.min_hours * 60
            AND 0 < (
              SELECT COUNT(*) FROM space_opening_hours oh
              WHERE oh.space_id = s.id
                AND oh.weekday = sqlc.arg(weekday)
                AND oh.open_minute <= sqlc.arg(win_start)
                AND oh.close_minute >= sqlc.arg(win_end))
            AND 0 = (
              SELECT COUNT(*) FROM bookings b
              WHERE b.space_id = s.id
                AND b.start_at < sqlc.arg(win_end_at)
                AND b.end_at > sqlc.arg(win_start_at)
                AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(sqlc.arg(now) AS DATETIME(6)))))))))
  AND (CAST(sqlc.arg(has_cursor) AS SIGNED) = 0 OR s.list_price > CAST(sqlc.arg(after_key) AS SIGNED) OR (s.list_price = CAST(sqlc.arg(after_key) AS SIGNED) AND s.id > sqlc.arg(after_id)))
ORDER BY s.list_price ASC, s.id ASC
LIMIT ?;

-- name: SearchSpacesPriceDesc :many
SELECT s.id, CAST(s.list_price AS SIGNED) AS sort_key FROM spaces s
WHERE s.status = 'active'
  AND (CAST(sqlc.arg(district_count) AS SIGNED) = 0 OR s.district_id IN (sqlc.slice(districts)))
  AND (CAST(sqlc.arg(category_count) AS SIGNED) = 0 OR s.category_id IN (sqlc.slice(categories)))
  AND (sqlc.arg(facility_count) = 0 OR sqlc.arg(facility_count) = (
        SELECT COUNT(*) FROM space_facilities sf
        WHERE sf.space_id = s.id AND sf.facility_id IN (sqlc.slice(facilities))))
  AND (sqlc.arg(people) = 0 OR (s.capacity_min <= sqlc.arg(people) AND s.capacity_max >= sqlc.arg(people)))
  AND (sqlc.narg(min_price) IS NULL OR s.list_price >= sqlc.narg(min_price))
  AND (sqlc.narg(max_price) IS NULL OR s.list_price <= sqlc.narg(max_price))
  AND (sqlc.arg(text_tokens) = '' OR MATCH(s.search_tokens) AGAINST (sqlc.arg(text_tokens) IN BOOLEAN MODE))
  AND (sqlc.narg(word1) IS NULL OR s.search_text LIKE sqlc.narg(word1))
  AND (sqlc.narg(word2) IS NULL OR s.search_text LIKE sqlc.narg(word2))
  AND (sqlc.narg(word3) IS NULL OR s.search_text LIKE sqlc.narg(word3))
  AND (CAST(sqlc.arg(in_area) AS SIGNED) = 0 OR (s.lat BETWEEN sqlc.arg(south) AND sqlc.arg(north) AND s.lng BETWEEN sqlc.arg(west) AND sqlc.arg(east)))
  AND (CAST(sqlc.arg(on_day) AS SIGNED) = 0 OR (
        CAST(sqlc.arg(within_horizon) AS SIGNED) = 1
        AND 0 = (SELECT COUNT(*) FROM space_closed_dates cd WHERE cd.space_id = s.id AND cd.day = sqlc.arg(day))
        AND (
          EXISTS (
            SELECT 1 FROM space_packages p
            WHERE p.space_id = s.id
              AND (p.weekdays & sqlc.arg(weekday_bit)) <> 0
              AND (CAST(sqlc.arg(has_window) AS SIGNED) = 0 OR (p.start_minute <= sqlc.arg(win_start) AND p.end_minute >= sqlc.arg(win_end)))
              AND DATE_ADD(sqlc.arg(day_start), INTERVAL p.start_minute MINUTE) >= CAST(sqlc.arg(earliest_start) AS DATETIME(6))
              AND NOT EXISTS (
                SELECT 1 FROM bookings b
                WHERE b.space_id = s.id
                  AND b.start_at < DATE_ADD(sqlc.arg(day_start), INTERVAL p.end_minute MINUTE)
                  AND b.end_at > DATE_ADD(sqlc.arg(day_start), INTERVAL p.start_minute MINUTE)
                  AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(sqlc.arg(now) AS DATETIME(6))))))
          OR (
            s.hourly_price IS NOT NULL
            AND CAST(sqlc.arg(has_window) AS SIGNED) = 0
            AND EXISTS (
              SELECT 1 FROM space_opening_hours oh
              JOIN clock_hours h ON h.h >= (oh.open_minute + 59) DIV 60 AND h.h <= oh.close_minute DIV 60 - s.min_hours
              WHERE oh.space_id = s.id
                AND oh.weekday = sqlc.arg(weekday)
                AND DATE_ADD(sqlc.arg(day_start), INTERVAL h.h HOUR) >= CAST(sqlc.arg(earliest_start) AS DATETIME(6))
                AND NOT EXISTS (
                  SELECT 1 FROM bookings b
                  WHERE b.space_id = s.id
                    AND b.start_at < DATE_ADD(sqlc.arg(day_start), INTERVAL h.h + s.min_hours HOUR)
                    AND b.end_at > DATE_ADD(sqlc.arg(day_start), INTERVAL h.h HOUR)
                    AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(sqlc.arg(now) AS DATETIME(6)))))))
          OR (
            s.hourly_price IS NOT NULL
            AND CAST(sqlc.arg(window_by_hour) AS SIGNED) = 1
            AND CAST(sqlc.arg(win_minutes) AS SIGNED) >= s.min_hours * 60
            AND 0 < (
              SELECT COUNT(*) FROM space_opening_hours oh
              WHERE oh.space_id = s.id
                AND oh.weekday = sqlc.arg(weekday)
                AND oh.open_minute <= sqlc.arg(win_start)
                AND oh.close_minute >= sqlc.arg(win_end))
            AND 0 = (
              SELECT COUNT(*) FROM bookings b
              WHERE b.space_id = s.id
                AND b.start_at < sqlc.arg(win_end_at)
                AND b.end_at > sqlc.arg(win_start_at)
                AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(sqlc.arg(now) AS DATETIME(6)))))))))
  AND (CAST(sqlc.arg(has_cursor) AS SIGNED) = 0 OR s.list_price < CAST(sqlc.arg(after_key) AS SIGNED) OR (s.list_price = CAST(sqlc.arg(after_key) AS SIGNED) AND s.id < sqlc.arg(after_id)))
ORDER BY s.list_price DESC, s.id DESC
LIMIT ?;

-- name: SearchSpacesRating :many
SELECT s.id, CAST(s.rating_x100 AS SIGNED) AS sort_key FROM spaces s
WHERE s.status = 'active'
  AND (CAST(sqlc.arg(district_count) AS SIGNED) = 0 OR s.district_id IN (sqlc.slice(districts)))
  AND (CAST(sqlc.arg(category_count) AS SIGNED) = 0 OR s.category_id IN (sqlc.slice(categories)))
  AND (sqlc.arg(facility_count) = 0 OR sqlc.arg(facility_count) = (
        SELECT COUNT(*) FROM space_facilities sf
        WHERE sf.space_id = s.id AND sf.facility_id IN (sqlc.slice(facilities))))
  AND (sqlc.arg(people) = 0 OR (s.capacity_min <= sqlc.arg(people) AND s.capacity_max >= sqlc.arg(people)))
  AND (sqlc.narg(min_price) IS NULL OR s.list_price >= sqlc.narg(min_price))
  AND (sqlc.narg(max_price) IS NULL OR s.list_price <= sqlc.narg(max_price))
  AND (sqlc.arg(text_tokens) = '' OR MATCH(s.search_tokens) AGAINST (sqlc.arg(text_tokens) IN BOOLEAN MODE))
  AND (sqlc.narg(word1) IS NULL OR s.search_text LIKE sqlc.narg(word1))
  AND (sqlc.narg(word2) IS NULL OR s.search_text LIKE sqlc.narg(word2))
  AND (sqlc.narg(word3) IS NULL OR s.search_text LIKE sqlc.narg(word3))
  AND (CAST(sqlc.arg(in_area) AS SIGNED) = 0 OR (s.lat BETWEEN sqlc.arg(south) AND sqlc.arg(north) AND s.lng BETWEEN sqlc.arg(west) AND sqlc.arg(east)))
  AND (CAST(sqlc.arg(on_day) AS SIGNED) = 0 OR (
        CAST(sqlc.arg(within_horizon) AS SIGNED) = 1
        AND 0 = (SELECT COUNT(*) FROM space_closed_dates cd WHERE cd.space_id = s.id AND cd.day = sqlc.arg(day))
        AND (
          EXISTS (
            SELECT 1 FROM space_packages p
            WHERE p.space_id = s.id
              AND (p.weekdays & sqlc.arg(weekday_bit)) <> 0
              AND (CAST(sqlc.arg(has_window) AS SIGNED) = 0 OR (p.start_minute <= sqlc.arg(win_start) AND p.end_minute >= sqlc.arg(win_end)))
              AND DATE_ADD(sqlc.arg(day_start), INTERVAL p.start_minute MINUTE) >= CAST(sqlc.arg(earliest_start) AS DATETIME(6))
              AND NOT EXISTS (
                SELECT 1 FROM bookings b
                WHERE b.space_id = s.id
                  AND b.start_at < DATE_ADD(sqlc.arg(day_start), INTERVAL p.end_minute MINUTE)
                  AND b.end_at > DATE_ADD(sqlc.arg(day_start), INTERVAL p.start_minute MINUTE)
                  AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(sqlc.arg(now) AS DATETIME(6))))))
          OR (
            s.hourly_price IS NOT NULL
            AND CAST(sqlc.arg(has_window) AS SIGNED) = 0
            AND EXISTS (
              SELECT 1 FROM space_opening_hours oh
              JOIN clock_hours h ON h.h >= (oh.open_minute + 59) DIV 60 AND h.h <= oh.close_minute DIV 60 - s.min_hours
              WHERE oh.space_id = s.id
                AND oh.weekday = sqlc.arg(weekday)
                AND DATE_ADD(sqlc.arg(day_start), INTERVAL h.h HOUR) >= CAST(sqlc.arg(earliest_start) AS DATETIME(6))
                AND NOT EXISTS (
                  SELECT 1 FROM bookings b
                  WHERE b.space_id = s.id
                    AND b.start_at < DATE_ADD(sqlc.arg(day_start), INTERVAL h.h + s.min_hours HOUR)
                    AND b.end_at > DATE_ADD(sqlc.arg(day_start), INTERVAL h.h HOUR)
                    AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(sqlc.arg(now) AS DATETIME(6)))))))
          OR (
            s.hourly_price IS NOT NULL
            AND CAST(sqlc.arg(window_by_hour) AS SIGNED) = 1
            AND CAST(sqlc.arg(win_minutes) AS SIGNED) >= s.min_hours * 60
            AND 0 < (
              SELECT COUNT(*) FROM space_opening_hours oh
              WHERE oh.space_id = s.id
                AND oh.weekday = sqlc.arg(weekday)
                AND oh.open_minute <= sqlc.arg(win_start)
                AND oh.close_minute >= sqlc.arg(win_end))
            AND 0 = (
              SELECT COUNT(*) FROM bookings b
              WHERE b.space_id = s.id
                AND b.start_at < sqlc.arg(win_end_at)
                AND b.end_at > sqlc.arg(win_start_at)
                AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(sqlc.arg(now) AS DATETIME(6)))))))))
  AND (CAST(sqlc.arg(has_cursor) AS SIGNED) = 0 OR s.rating_x100 < CAST(sqlc.arg(after_key) AS SIGNED) OR (s.rating_x100 = CAST(sqlc.arg(after_key) AS SIGNED) AND s.id < sqlc.arg(after_id)))
ORDER BY s.rating_x100 DESC, s.id DESC
LIMIT ?;

-- name: SearchSpacesNewest :many
SELECT s.id, CAST(s.id AS SIGNED) AS sort_key FROM spaces s
WHERE s.status = 'active'
  AND (CAST(sqlc.arg(district_count) AS SIGNED) = 0 OR s.district_id IN (sqlc.slice(districts)))
  AND (CAST(sqlc.arg(category_count) AS SIGNED) = 0 OR s.category_id IN (sqlc.slice(categories)))
  AND (sqlc.arg(facility_count) = 0 OR sqlc.arg(facility_count) = (
        SELECT COUNT(*) FROM space_facilities sf
        WHERE sf.space_id = s.id AND sf.facility_id IN (sqlc.slice(facilities))))
  AND (sqlc.arg(people) = 0 OR (s.capacity_min <= sqlc.arg(people) AND s.capacity_max >= sqlc.arg(people)))
  AND (sqlc.narg(min_price) IS NULL OR s.list_price >= sqlc.narg(min_price))
  AND (sqlc.narg(max_price) IS NULL OR s.list_price <= sqlc.narg(max_price))
  AND (sqlc.arg(text_tokens) = '' OR MATCH(s.search_tokens) AGAINST (sqlc.arg(text_tokens) IN BOOLEAN MODE))
  AND (sqlc.narg(word1) IS NULL OR s.search_text LIKE sqlc.narg(word1))
  AND (sqlc.narg(word2) IS NULL OR s.search_text LIKE sqlc.narg(word2))
  AND (sqlc.narg(word3) IS NULL OR s.search_text LIKE sqlc.narg(word3))
  AND (CAST(sqlc.arg(in_area) AS SIGNED) = 0 OR (s.lat BETWEEN sqlc.arg(south) AND sqlc.arg(north) AND s.lng BETWEEN sqlc.arg(west) AND sqlc.arg(east)))
  AND (CAST(sqlc.arg(on_day) AS SIGNED) = 0 OR (
        CAST(sqlc.arg(within_horizon) AS SIGNED) = 1
        AND 0 = (SELECT COUNT(*) FROM space_closed_dates cd WHERE cd.space_id = s.id AND cd.day = sqlc.arg(day))
        AND (
          EXISTS (
            SELECT 1 FROM space_packages p
            WHERE p.space_id = s.id
              AND (p.weekdays & sqlc.arg(weekday_bit)) <> 0
              AND (CAST(sqlc.arg(has_window) AS SIGNED) = 0 OR (p.start_minute <= sqlc.arg(win_start) AND p.end_minute >= sqlc.arg(win_end)))
              AND DATE_ADD(sqlc.arg(day_start), INTERVAL p.start_minute MINUTE) >= CAST(sqlc.arg(earliest_start) AS DATETIME(6))
              AND NOT EXISTS (
                SELECT 1 FROM bookings b
                WHERE b.space_id = s.id
                  AND b.start_at < DATE_ADD(sqlc.arg(day_start), INTERVAL p.end_minute MINUTE)
                  AND b.end_at > DATE_ADD(sqlc.arg(day_start), INTERVAL p.start_minute MINUTE)
                  AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(sqlc.arg(now) AS DATETIME(6))))))
          OR (
            s.hourly_price IS NOT NULL
            AND CAST(sqlc.arg(has_window) AS SIGNED) = 0
            AND EXISTS (
              SELECT 1 FROM space_opening_hours oh
              JOIN clock_hours h ON h.h >= (oh.open_minute + 59) DIV 60 AND h.h <= oh.close_minute DIV 60 - s.min_hours
              WHERE oh.space_id = s.id
                AND oh.weekday = sqlc.arg(weekday)
                AND DATE_ADD(sqlc.arg(day_start), INTERVAL h.h HOUR) >= CAST(sqlc.arg(earliest_start) AS DATETIME(6))
                AND NOT EXISTS (
                  SELECT 1 FROM bookings b
                  WHERE b.space_id = s.id
                    AND b.start_at < DATE_ADD(sqlc.arg(day_start), INTERVAL h.h + s.min_hours HOUR)
                    AND b.end_at > DATE_ADD(sqlc.arg(day_start), INTERVAL h.h HOUR)
                    AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(sqlc.arg(now) AS DATETIME(6)))))))
          OR (
            s.hourly_price IS NOT NULL
            AND CAST(sqlc.arg(window_by_hour) AS SIGNED) = 1
            AND CAST(sqlc.arg(win_minutes) AS SIGNED) >= s.min_hours * 60
            AND 0 < (
              SELECT COUNT(*) FROM space_opening_hours oh
              WHERE oh.space_id = s.id
                AND oh.weekday = sqlc.arg(weekday)
                AND oh.open_minute <= sqlc.arg(win_start)
                AND oh.close_minute >= sqlc.arg(win_end))
            AND 0 = (
              SELECT COUNT(*) FROM bookings b
              WHERE b.space_id = s.id
                AND b.start_at < sqlc.arg(win_end_at)
                AND b.end_at > sqlc.arg(win_start_at)
                AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(sqlc.arg(now) AS DATETIME(6)))))))))
  AND (CAST(sqlc.arg(has_cursor) AS SIGNED) = 0 OR s.id < CAST(sqlc.arg(after_key) AS SIGNED) OR (s.id = CAST(sqlc.arg(after_key) AS SIGNED) AND s.id < sqlc.arg(after_id)))
ORDER BY s.id DESC, s.id DESC
LIMIT ?;
