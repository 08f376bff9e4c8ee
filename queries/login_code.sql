-- name: CreateLoginCode :exec
INSERT INTO login_codes (code_hash, browser_hash, user_id, new_user, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?);

-- name: UseLoginCode :execresult
UPDATE login_codes SET used_at = sqlc.arg(used_at)
WHERE code_hash = sqlc.arg(code_hash) AND browser_hash = sqlc.arg(browser_hash)
  AND used_at IS NULL AND expires_at > sqlc.arg(now);

-- name: GetLoginCodeUser :one
SELECT user_id, new_user FROM login_codes WHERE code_hash = ?;
