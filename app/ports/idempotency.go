package ports

import (
	"context"
	"time"
)

// IdempotencyTTL is how long a key's result is kept for replays (DOMAIN.md:
// at least 24 hours).
const IdempotencyTTL = 24 * time.Hour

// StoredResult is what a finished request left under its idempotency key.
type StoredResult struct {
	RequestHash []byte
	Result      []byte // the use case's result, as the use case encoded it
}

// IdempotencyKeys remembers the results of retryable writes by user and key,
// inside the caller's transaction.
type IdempotencyKeys interface {
	// Claim reserves (userID, key) for a request hashing to hash until
	// expires. When an unexpired request already finished under the key it
	// gives that request's result instead (replay true); a claim racing an
	// unfinished one waits for it to commit or roll back.
	Claim(ctx context.Context, userID int64, key string, hash []byte, now, expires time.Time) (stored StoredResult, replay bool, err error)
	// Save records the result of the request that claimed the key.
	Save(ctx context.Context, userID int64, key string, result []byte) error
	// DeleteExpired removes up to limit keys that expired before now.
	DeleteExpired(ctx context.Context, now time.Time, limit int) (int64, error)
}
