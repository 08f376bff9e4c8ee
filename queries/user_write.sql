-- name: CreateUser :execresult
INSERT INTO users (provider, subject, nickname, picture_url, email, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?);

-- name: UpdateUserProfile :exec
UPDATE users SET nickname = ?, picture_url = ?, email = ?, updated_at = ? WHERE id = ?;
