-- name: CreateSessionToken :execresult
INSERT INTO sessions (family_id, user_id, refresh_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?);

-- name: GetSessionTokenByHashForUpdate :one
SELECT id, family_id, user_id, expires_at, rotated_at, revoked_at FROM sessions
WHERE refresh_hash = ?
FOR UPDATE;

-- name: MarkSessionTokenRotated :exec
UPDATE sessions SET rotated_at = ? WHERE id = ?;

-- name: RevokeSessionFamily :exec
UPDATE sessions SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL;

-- name: IsSessionFamilyActive :one
SELECT EXISTS (SELECT 1 FROM sessions WHERE family_id = ? AND user_id = ? AND revoked_at IS NULL) AS active;
