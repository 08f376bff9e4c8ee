-- name: CreatePointsEntry :execresult
INSERT INTO points_ledger (user_id, kind, amount, booking_id, created_at) VALUES (?, ?, ?, ?, ?);

-- name: GetPointsBalance :one
SELECT CAST(COALESCE(SUM(amount), 0) AS SIGNED) AS balance FROM points_ledger WHERE user_id = ?;

-- name: ListPointsEntries :many
SELECT id, user_id, kind, amount, booking_id, created_at FROM points_ledger
WHERE user_id = sqlc.arg(user_id) AND (sqlc.arg(before_id) = 0 OR id < sqlc.arg(before_id))
ORDER BY id DESC
LIMIT ?;

-- name: LockUserWallet :one
-- Locks the user's row: payments and refunds of one wallet go one at a time.
SELECT id FROM users WHERE id = ? FOR UPDATE;
