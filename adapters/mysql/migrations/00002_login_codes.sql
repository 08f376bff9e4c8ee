-- One-time codes that hand a finished web login to the front end, which
-- exchanges them for tokens. Stored by SHA-256 hash.

-- +goose Up
CREATE TABLE login_codes (
  code_hash     BINARY(32)   NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  new_user      BOOLEAN      NOT NULL,
  created_at    DATETIME(6)  NOT NULL,
  expires_at    DATETIME(6)  NOT NULL,
  used_at       DATETIME(6)  NULL,
  PRIMARY KEY (code_hash),
  KEY login_codes_expiry (expires_at),
  CONSTRAINT login_codes_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE login_codes;
