-- Sign-in hardening.
--
-- used_id_tokens: the device ID tokens that signed in, by a key the Kakao
-- adapter derives from the token (SHA-256 of issuer and jti, or of the
-- signed part), kept until the token expires so a replay is refused on
-- every replica. Expired rows are forgotten by later sign-ins.
--
-- login_codes.browser_hash: the SHA-256 of the secret the signing-in
-- browser holds in its login cookie; the code is exchanged only with it.
-- Codes issued before this migration (they live two minutes) get the
-- column's implicit zeros and can no longer be exchanged: sign in again.

-- +goose Up
CREATE TABLE used_id_tokens (
  token_key   BINARY(32)  NOT NULL,
  expires_at  DATETIME(6) NOT NULL,
  used_at     DATETIME(6) NOT NULL,
  PRIMARY KEY (token_key),
  KEY used_id_tokens_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE login_codes ADD COLUMN browser_hash BINARY(32) NOT NULL AFTER code_hash;

-- +goose Down
ALTER TABLE login_codes DROP COLUMN browser_hash;
DROP TABLE used_id_tokens;
