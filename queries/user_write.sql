-- name: UpsertUser :execresult
-- Creates the user of a provider subject or refreshes its profile, locking
-- the row either way. Affected rows: 1 = created, 2 = updated, 0 = unchanged
-- (MySQL counts an update that changes nothing as 0). LAST_INSERT_ID(id)
-- makes the existing row's id the insert id.
INSERT INTO users (provider, subject, nickname, picture_url, email, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON DUPLICATE KEY UPDATE
  id = LAST_INSERT_ID(id),
  nickname = VALUES(nickname),
  picture_url = VALUES(picture_url),
  email = VALUES(email),
  updated_at = VALUES(updated_at);
