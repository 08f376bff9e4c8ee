-- Hosting: photos in two sizes with ids of their own, and objects waiting
-- to be deleted.
--
-- space_photos gets an id (hosts reorder and remove photos by it) and a
-- thumbnail key beside the detail-size key; older rows had one size, which
-- serves as both.
--
-- pending_objects lists object-store keys that no row refers to: uploads
-- whose transaction has not committed yet (due an hour later, in case it
-- never does) and objects of removed photos (due at once). The request that
-- wrote a row deletes its objects itself when it can; the sweeper deletes
-- whatever is left once due, so a crash between the store and the database
-- leaves nothing behind for long.

-- +goose Up
ALTER TABLE space_photos
  DROP FOREIGN KEY space_photos_space_fk;
ALTER TABLE space_photos
  DROP PRIMARY KEY,
  ADD COLUMN id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT FIRST,
  ADD PRIMARY KEY (id),
  CHANGE COLUMN object_key detail_key VARCHAR(512) NOT NULL,
  ADD COLUMN thumb_key VARCHAR(512) NOT NULL DEFAULT '' AFTER detail_key,
  ADD UNIQUE KEY space_photos_position (space_id, position),
  ADD CONSTRAINT space_photos_space_fk FOREIGN KEY (space_id) REFERENCES spaces (id) ON DELETE CASCADE;
UPDATE space_photos SET thumb_key = detail_key;

CREATE TABLE pending_objects (
  object_key    VARCHAR(512) NOT NULL,
  due_at        DATETIME(6)  NOT NULL,
  PRIMARY KEY (object_key),
  KEY pending_objects_due (due_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- +goose Down
DROP TABLE pending_objects;
ALTER TABLE space_photos
  DROP FOREIGN KEY space_photos_space_fk;
ALTER TABLE space_photos
  DROP PRIMARY KEY,
  DROP KEY space_photos_position,
  DROP COLUMN id,
  DROP COLUMN thumb_key,
  CHANGE COLUMN detail_key object_key VARCHAR(512) NOT NULL,
  ADD PRIMARY KEY (space_id, position),
  ADD CONSTRAINT space_photos_space_fk FOREIGN KEY (space_id) REFERENCES spaces (id) ON DELETE CASCADE;
