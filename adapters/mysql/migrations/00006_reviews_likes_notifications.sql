-- Reviews, likes and notifications.
--
-- reviews: edited_at, and a second key for the "by rating" list of a space.
-- review_photos: two sizes per photo, as space photos.
-- likes: "my likes" pages by (user_id, created_at, space_id).
--
-- notifications are what a user reads in the app: one row per recipient of
-- an event, written in the transaction of the change that caused it.
-- outbox_events is the transactional outbox of those events: one row per
-- event, delivered at least once (webhooks) by a worker that claims due
-- rows, retries with backoff and gives up (dead) after a number of tries.

-- +goose Up
ALTER TABLE reviews
  ADD COLUMN edited_at DATETIME(6) NULL AFTER created_at,
  ADD KEY reviews_space_rating (space_id, rating, id);

ALTER TABLE review_photos
  CHANGE COLUMN object_key detail_key VARCHAR(512) NOT NULL,
  ADD COLUMN thumb_key VARCHAR(512) NOT NULL DEFAULT '' AFTER detail_key;

ALTER TABLE likes
  ADD KEY likes_user_time (user_id, created_at, space_id);

CREATE TABLE notifications (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id       BIGINT UNSIGNED NOT NULL,
  event_id      CHAR(32)     NOT NULL,
  kind          VARCHAR(32)  NOT NULL,
  booking_id    BIGINT UNSIGNED NULL,
  space_id      BIGINT UNSIGNED NULL,
  review_id     BIGINT UNSIGNED NULL,
  created_at    DATETIME(6)  NOT NULL,
  read_at       DATETIME(6)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY notifications_event_user (event_id, user_id),
  KEY notifications_user (user_id, id),
  KEY notifications_unread (user_id, read_at),
  CONSTRAINT notifications_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE outbox_events (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  event_id      CHAR(32)     NOT NULL,
  kind          VARCHAR(32)  NOT NULL,
  payload       JSON         NOT NULL,
  status        VARCHAR(16)  NOT NULL,
  attempts      INT          NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NOT NULL,
  last_error    VARCHAR(512) NOT NULL DEFAULT '',
  created_at    DATETIME(6)  NOT NULL,
  delivered_at  DATETIME(6)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY outbox_events_event (event_id),
  KEY outbox_events_due (status, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- +goose Down
DROP TABLE outbox_events;
DROP TABLE notifications;
ALTER TABLE likes DROP KEY likes_user_time;
ALTER TABLE review_photos
  DROP COLUMN thumb_key,
  CHANGE COLUMN detail_key object_key VARCHAR(512) NOT NULL;
ALTER TABLE reviews
  DROP KEY reviews_space_rating,
  DROP COLUMN edited_at;
