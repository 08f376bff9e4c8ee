-- Indexes for searches whose filter the plain sort indexes serve badly.
--
-- District and category, the commonest search: with only (district_id,
-- category_id, status) the database either walks a whole sort index checking
-- district and category row by row (about 900 rows for 강남구 파티룸 at 100,000
-- spaces, thousands for page 2 of a rarer pair) or reads every match and sorts
-- it. The three below read a page, or seek to a page's cursor, straight off
-- the index in each sort order. Newest already has spaces_district_category,
-- whose entries end in the primary key.
--
-- Category sorted by price: price follows category (vocal booths are cheap,
-- seminar halls dear), so walking spaces_price from the wrong end for a
-- cheap category reads most of the table (19,000 rows for page 1 of 보컬연습실
-- by price_desc). See docs/performance.md.

-- +goose Up
ALTER TABLE spaces
  ADD KEY spaces_district_category_popular (district_id, category_id, status, like_count, id),
  ADD KEY spaces_district_category_price (district_id, category_id, status, list_price, id),
  ADD KEY spaces_district_category_rating (district_id, category_id, status, rating_x100, id),
  ADD KEY spaces_category_price (category_id, status, list_price, id);

-- +goose Down
ALTER TABLE spaces
  DROP KEY spaces_category_price,
  DROP KEY spaces_district_category_rating,
  DROP KEY spaces_district_category_price,
  DROP KEY spaces_district_category_popular;
