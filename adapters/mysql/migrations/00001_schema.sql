-- The whole marketplace schema. InnoDB, utf8mb4, and only what MySQL 8.4 and
-- MariaDB 10.11 both understand. Instants are DATETIME(6) in UTC; use dates
-- are Seoul calendar dates; money is whole won in BIGINT.

-- +goose Up
CREATE TABLE users (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  provider      VARCHAR(16)  NOT NULL,
  subject       VARCHAR(255) NOT NULL,
  nickname      VARCHAR(100) NOT NULL,
  picture_url   VARCHAR(1024) NOT NULL DEFAULT '',
  email         VARCHAR(320) NOT NULL DEFAULT '',
  created_at    DATETIME(6)  NOT NULL,
  updated_at    DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY users_provider_subject (provider, subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sessions (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  family_id     CHAR(32)     NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  refresh_hash  BINARY(32)   NOT NULL,
  created_at    DATETIME(6)  NOT NULL,
  expires_at    DATETIME(6)  NOT NULL,
  rotated_at    DATETIME(6)  NULL,
  revoked_at    DATETIME(6)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY sessions_refresh_hash (refresh_hash),
  KEY sessions_family (family_id),
  KEY sessions_user (user_id),
  CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE points_ledger (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id       BIGINT UNSIGNED NOT NULL,
  kind          VARCHAR(16)  NOT NULL,
  amount        BIGINT       NOT NULL,
  booking_id    BIGINT UNSIGNED NULL,
  created_at    DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  KEY points_ledger_user (user_id, id),
  KEY points_ledger_booking (booking_id),
  CONSTRAINT points_ledger_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE districts (
  id            BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(50)  NOT NULL,
  lat           DOUBLE       NOT NULL,
  lng           DOUBLE       NOT NULL,
  icon_url      VARCHAR(1024) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE categories (
  id            BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(50)  NOT NULL,
  icon_url      VARCHAR(1024) NOT NULL,
  position      INT          NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE facilities (
  id            BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(50)  NOT NULL,
  icon_url      VARCHAR(1024) NOT NULL,
  position      INT          NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- spaces keeps denormalised counters (list_price, like_count, rating_*) so
-- search sorts and filters on indexed columns of one table.
CREATE TABLE spaces (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  host_id         BIGINT UNSIGNED NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  title           VARCHAR(100) NOT NULL,
  subtitle        VARCHAR(200) NOT NULL DEFAULT '',
  description     TEXT         NOT NULL,
  address         VARCHAR(255) NOT NULL,
  district_id     BIGINT UNSIGNED NOT NULL,
  category_id     BIGINT UNSIGNED NOT NULL,
  lat             DOUBLE       NOT NULL,
  lng             DOUBLE       NOT NULL,
  capacity_min    INT          NOT NULL,
  capacity_max    INT          NOT NULL,
  hourly_price    BIGINT       NULL,
  min_hours       INT          NULL,
  needs_approval  BOOLEAN      NOT NULL DEFAULT FALSE,
  refund_policy   VARCHAR(16)  NOT NULL,
  refund_rules    VARCHAR(255) NOT NULL DEFAULT '',
  list_price      BIGINT       NOT NULL,
  like_count      INT          NOT NULL DEFAULT 0,
  rating_count    INT          NOT NULL DEFAULT 0,
  rating_sum      INT          NOT NULL DEFAULT 0,
  rating_x100     INT          NOT NULL DEFAULT 0,
  search_text     TEXT         COLLATE utf8mb4_bin NOT NULL,
  search_tokens   TEXT         NOT NULL,
  created_at      DATETIME(6)  NOT NULL,
  updated_at      DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  KEY spaces_popular (status, like_count, id),
  KEY spaces_price (status, list_price, id),
  KEY spaces_rating (status, rating_x100, id),
  KEY spaces_district_category (district_id, category_id, status),
  KEY spaces_category (category_id, status),
  KEY spaces_location (lat, lng),
  KEY spaces_host (host_id, id),
  FULLTEXT KEY spaces_search (search_tokens),
  CONSTRAINT spaces_host_fk FOREIGN KEY (host_id) REFERENCES users (id),
  CONSTRAINT spaces_district_fk FOREIGN KEY (district_id) REFERENCES districts (id),
  CONSTRAINT spaces_category_fk FOREIGN KEY (category_id) REFERENCES categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE space_photos (
  space_id      BIGINT UNSIGNED NOT NULL,
  position      INT          NOT NULL,
  object_key    VARCHAR(512) NOT NULL,
  PRIMARY KEY (space_id, position),
  CONSTRAINT space_photos_space_fk FOREIGN KEY (space_id) REFERENCES spaces (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE space_facilities (
  space_id      BIGINT UNSIGNED NOT NULL,
  facility_id   BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (space_id, facility_id),
  KEY space_facilities_facility (facility_id, space_id),
  CONSTRAINT space_facilities_space_fk FOREIGN KEY (space_id) REFERENCES spaces (id) ON DELETE CASCADE,
  CONSTRAINT space_facilities_facility_fk FOREIGN KEY (facility_id) REFERENCES facilities (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- weekday follows Go's time.Weekday: 0 = Sunday.
CREATE TABLE space_opening_hours (
  space_id      BIGINT UNSIGNED NOT NULL,
  weekday       TINYINT      NOT NULL,
  open_minute   INT          NOT NULL,
  close_minute  INT          NOT NULL,
  PRIMARY KEY (space_id, weekday),
  CONSTRAINT space_opening_hours_space_fk FOREIGN KEY (space_id) REFERENCES spaces (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE space_closed_dates (
  space_id      BIGINT UNSIGNED NOT NULL,
  day           DATE         NOT NULL,
  PRIMARY KEY (space_id, day),
  CONSTRAINT space_closed_dates_space_fk FOREIGN KEY (space_id) REFERENCES spaces (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Windows are minutes after Seoul midnight of the use date; end_minute may
-- pass 1440 for packages that cross midnight. weekdays is a bit set, bit n =
-- time.Weekday(n).
CREATE TABLE space_packages (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  space_id      BIGINT UNSIGNED NOT NULL,
  position      INT          NOT NULL,
  name          VARCHAR(50)  NOT NULL,
  start_minute  INT          NOT NULL,
  end_minute    INT          NOT NULL,
  price         BIGINT       NOT NULL,
  weekdays      INT          NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY space_packages_position (space_id, position),
  CONSTRAINT space_packages_space_fk FOREIGN KEY (space_id) REFERENCES spaces (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- clock_hours lists the hours of a day, so SQL can walk hourly slots.
CREATE TABLE clock_hours (
  h             INT          NOT NULL,
  PRIMARY KEY (h)
) ENGINE=InnoDB;
INSERT INTO clock_hours (h) VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15),(16),(17),(18),(19),(20),(21),(22),(23);

-- deadline is the payment-hold or approval deadline of payment_due and
-- requested bookings; they stop blocking at it even before a job marks them.
CREATE TABLE bookings (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  space_id        BIGINT UNSIGNED NOT NULL,
  guest_id        BIGINT UNSIGNED NOT NULL,
  status          VARCHAR(24)  NOT NULL,
  use_date        DATE         NOT NULL,
  start_at        DATETIME(6)  NOT NULL,
  end_at          DATETIME(6)  NOT NULL,
  deadline        DATETIME(6)  NULL,
  package_id      BIGINT UNSIGNED NULL,
  people          INT          NOT NULL,
  price           BIGINT       NOT NULL,
  refund_policy   VARCHAR(16)  NOT NULL,
  refund_rules    VARCHAR(255) NOT NULL DEFAULT '',
  contact_name    VARCHAR(100) NOT NULL,
  contact_phone   VARCHAR(32)  NOT NULL,
  contact_email   VARCHAR(320) NOT NULL,
  purpose         VARCHAR(200) NOT NULL DEFAULT '',
  message         TEXT         NOT NULL,
  created_at      DATETIME(6)  NOT NULL,
  updated_at      DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  KEY bookings_space_time (space_id, start_at, end_at, status),
  KEY bookings_guest (guest_id, id),
  CONSTRAINT bookings_space_fk FOREIGN KEY (space_id) REFERENCES spaces (id),
  CONSTRAINT bookings_guest_fk FOREIGN KEY (guest_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE reviews (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  booking_id    BIGINT UNSIGNED NOT NULL,
  space_id      BIGINT UNSIGNED NOT NULL,
  author_id     BIGINT UNSIGNED NOT NULL,
  rating        TINYINT      NOT NULL,
  body          TEXT         NOT NULL,
  host_reply    TEXT         NULL,
  replied_at    DATETIME(6)  NULL,
  created_at    DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY reviews_booking (booking_id),
  KEY reviews_space (space_id, id),
  CONSTRAINT reviews_booking_fk FOREIGN KEY (booking_id) REFERENCES bookings (id),
  CONSTRAINT reviews_space_fk FOREIGN KEY (space_id) REFERENCES spaces (id),
  CONSTRAINT reviews_author_fk FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE review_photos (
  review_id     BIGINT UNSIGNED NOT NULL,
  position      INT          NOT NULL,
  object_key    VARCHAR(512) NOT NULL,
  PRIMARY KEY (review_id, position),
  CONSTRAINT review_photos_review_fk FOREIGN KEY (review_id) REFERENCES reviews (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE likes (
  user_id       BIGINT UNSIGNED NOT NULL,
  space_id      BIGINT UNSIGNED NOT NULL,
  created_at    DATETIME(6)  NOT NULL,
  PRIMARY KEY (user_id, space_id),
  KEY likes_space (space_id),
  CONSTRAINT likes_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT likes_space_fk FOREIGN KEY (space_id) REFERENCES spaces (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE idempotency_keys (
  user_id         BIGINT UNSIGNED NOT NULL,
  idem_key        VARCHAR(255) NOT NULL,
  request_hash    BINARY(32)   NOT NULL,
  response_status INT          NOT NULL,
  response_body   MEDIUMBLOB   NOT NULL,
  created_at      DATETIME(6)  NOT NULL,
  expires_at      DATETIME(6)  NOT NULL,
  PRIMARY KEY (user_id, idem_key),
  KEY idempotency_keys_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE likes;
DROP TABLE review_photos;
DROP TABLE reviews;
DROP TABLE bookings;
DROP TABLE clock_hours;
DROP TABLE space_packages;
DROP TABLE space_closed_dates;
DROP TABLE space_opening_hours;
DROP TABLE space_facilities;
DROP TABLE space_photos;
DROP TABLE spaces;
DROP TABLE facilities;
DROP TABLE categories;
DROP TABLE districts;
DROP TABLE points_ledger;
DROP TABLE sessions;
DROP TABLE users;
