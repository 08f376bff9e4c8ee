-- Reads that a search page and a detail page make on every request, kept
-- on the space's row (docs/performance.md, "Issue 9, the last two aims").
--
-- card_photos: the first photos of the space's card (query.CardPhotos) as
-- a JSON array of [id, detail_key, thumb_key], rewritten by
-- RefreshCardPhotos in the transaction that writes the photos, so a list
-- of cards is one statement instead of two. 1024 bytes hold five photos:
-- object keys are at most 60 characters (space.MaxObjectKey).
--
-- content_version: moves by one with every write to what a detail page
-- shows of the space beyond its live counters (the space, its photos,
-- facilities, prices, schedule, and its reviews and replies), so a detail
-- cached under one version is known to be current (adapters/mysql/
-- space_read.go).

-- +goose Up
ALTER TABLE spaces
  ADD COLUMN card_photos VARCHAR(1024) NOT NULL DEFAULT '[]',
  ADD COLUMN content_version BIGINT UNSIGNED NOT NULL DEFAULT 0;

UPDATE spaces s
SET s.card_photos = COALESCE((SELECT CONCAT('[', GROUP_CONCAT(JSON_ARRAY(p.id, p.detail_key, p.thumb_key) ORDER BY p.position SEPARATOR ','), ']')
                              FROM space_photos p WHERE p.space_id = s.id AND p.position < 5), '[]');

-- +goose Down
ALTER TABLE spaces DROP COLUMN card_photos, DROP COLUMN content_version;
