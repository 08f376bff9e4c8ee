-- name: CreateUsedIDToken :exec
INSERT INTO used_id_tokens (token_key, expires_at, used_at) VALUES (?, ?, ?);

-- name: DeleteUsedIDTokensExpired :exec
DELETE FROM used_id_tokens WHERE expires_at < sqlc.arg(before) ORDER BY expires_at LIMIT ?;
