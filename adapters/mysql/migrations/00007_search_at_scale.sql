-- Search at scale: what lets the search statement, built from the filters in
-- use (adapters/mysql/search_sql.go), check every filter on the space's row
-- or its sort index, and choose its text plan.
--
-- facility_bits: bit n is set when the space has facility n (ids 1–62, so
-- the mask stays a positive BIGINT to the driver; a larger id is looked up
-- in space_facilities). Written with the facility rows, in the same
-- transaction, so "has all of these facilities" is one mask test on the
-- row (or its sort index) instead of a subquery per space.
--
-- rating_score: the Bayesian average of the reviews × 100 that the rating
-- sort orders by, (5 × 4 + sum) / (5 + count), the same as
-- domain/search.RatingScore (prior mean 4, weight 5). Generated, so it
-- moves with rating_count and rating_sum wherever they are written.
-- rating_x100 (the plain average) goes: nothing orders by it any more.
--
-- The sort indexes carry the columns of the commonest row filters (facility
-- bits, capacity) after their key: a search filtering by them walks the
-- index in order and reads only the page's rows, and its count reads the
-- index alone.
--
-- search_token_counts: how many spaces (in any status) have each search
-- token (domain/search.Tokens), kept in step with spaces.search_tokens by
-- every write of a space. The search reads the frequent ones to choose, per
-- text query, between walking the sort's index checking each row (common
-- words) and the full-text index (rare words). It is filled for the spaces
-- stored before this migration by mysql.Migrate right after it (see
-- Bulk.RecountSearchTokens): splitting every space's tokens in SQL took
-- over ten minutes at 100,000 spaces, counting them in Go a second or two.

-- +goose Up
ALTER TABLE spaces
  ADD COLUMN facility_bits BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER list_price,
  ADD COLUMN rating_score INT GENERATED ALWAYS AS ((20 + rating_sum) * 100 DIV (5 + rating_count)) STORED AFTER rating_sum;

UPDATE spaces s
JOIN (SELECT space_id, BIT_OR(1 << facility_id) AS bits FROM space_facilities
      WHERE facility_id BETWEEN 1 AND 62 GROUP BY space_id) f ON f.space_id = s.id
SET s.facility_bits = f.bits;

ALTER TABLE spaces
  DROP KEY spaces_popular,
  DROP KEY spaces_price,
  DROP KEY spaces_rating,
  DROP KEY spaces_district_category_rating;

ALTER TABLE spaces
  DROP COLUMN rating_x100,
  ADD KEY spaces_popular (status, like_count, id, facility_bits, capacity_min, capacity_max),
  ADD KEY spaces_price (status, list_price, id, facility_bits, capacity_min, capacity_max),
  ADD KEY spaces_rating (status, rating_score, id, facility_bits, capacity_min, capacity_max),
  ADD KEY spaces_district_category_rating (district_id, category_id, status, rating_score, id);

CREATE TABLE search_token_counts (
  token         VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  spaces        INT          NOT NULL,
  PRIMARY KEY (token)
) ENGINE=InnoDB;

-- +goose Down
DROP TABLE search_token_counts;

ALTER TABLE spaces
  DROP KEY spaces_popular,
  DROP KEY spaces_price,
  DROP KEY spaces_rating,
  DROP KEY spaces_district_category_rating;

ALTER TABLE spaces
  ADD COLUMN rating_x100 INT NOT NULL DEFAULT 0 AFTER rating_sum;

UPDATE spaces SET rating_x100 = rating_sum * 100 DIV rating_count WHERE rating_count > 0;

ALTER TABLE spaces
  DROP COLUMN rating_score,
  DROP COLUMN facility_bits,
  ADD KEY spaces_popular (status, like_count, id),
  ADD KEY spaces_price (status, list_price, id),
  ADD KEY spaces_rating (status, rating_x100, id),
  ADD KEY spaces_district_category_rating (district_id, category_id, status, rating_x100, id);
