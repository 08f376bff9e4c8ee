-- name: ClaimIdempotencyKey :execresult
-- Inserts the key (1 row affected) or, when it exists, takes its row's
-- exclusive lock and changes nothing (0 rows). Claims of one key queue on
-- that lock, one after the other; a plain INSERT would make them wait with
-- shared locks and then deadlock upgrading them.
INSERT INTO idempotency_keys (user_id, idem_key, request_hash, result, created_at, expires_at)
VALUES (?, ?, ?, '', ?, ?)
ON DUPLICATE KEY UPDATE user_id = user_id;

-- name: GetIdempotencyKey :one
SELECT request_hash, result, expires_at FROM idempotency_keys
WHERE user_id = ? AND idem_key = ?;

-- name: ReclaimIdempotencyKey :exec
-- Reuses an expired key for a new request.
UPDATE idempotency_keys SET request_hash = ?, result = '', created_at = ?, expires_at = ?
WHERE user_id = ? AND idem_key = ?;

-- name: SaveIdempotencyResult :exec
UPDATE idempotency_keys SET result = ? WHERE user_id = ? AND idem_key = ?;

-- name: DeleteExpiredIdempotencyKeys :execrows
-- Oldest first, through idempotency_keys_expiry.
DELETE FROM idempotency_keys WHERE expires_at < ? ORDER BY expires_at LIMIT ?;
