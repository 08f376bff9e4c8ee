-- name: GetUserByID :one
SELECT id, provider, subject, nickname, picture_url, email, created_at FROM users WHERE id = ?;
