-- name: CreateIdempotencyKey :exec
-- Claims a key; a second claim of the same key waits for the first
-- transaction and then fails as a duplicate.
INSERT INTO idempotency_keys (user_id, idem_key, request_hash, result, created_at, expires_at)
VALUES (?, ?, ?, '', ?, ?);

-- name: GetIdempotencyKeyForUpdate :one
SELECT request_hash, result, expires_at FROM idempotency_keys
WHERE user_id = ? AND idem_key = ?
FOR UPDATE;

-- name: ReclaimIdempotencyKey :exec
-- Reuses an expired key for a new request.
UPDATE idempotency_keys SET request_hash = ?, result = '', created_at = ?, expires_at = ?
WHERE user_id = ? AND idem_key = ?;

-- name: SaveIdempotencyResult :exec
UPDATE idempotency_keys SET result = ? WHERE user_id = ? AND idem_key = ?;

-- name: DeleteExpiredIdempotencyKeys :execrows
DELETE FROM idempotency_keys WHERE expires_at < ? LIMIT ?;
