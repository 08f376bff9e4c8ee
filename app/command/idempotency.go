package command

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/fault"
)

// ErrKeyReused refuses an idempotency key sent again with another request.
var ErrKeyReused = fault.Field("idempotency_key", "this key was used for a different request; send a new key")

// idempotent runs a write at most once per user and key, inside the caller's
// transaction: the first request's result is stored with the key, a retry of
// the same request gets that result back without running again, and another
// request under the key is refused. An empty key runs the write as it is. A
// failed write stores nothing (its transaction rolls back), so a retry runs
// it afresh.
func idempotent[T any](ctx context.Context, r ports.Repositories, userID int64, key string, request any, now time.Time,
	run func() (T, error)) (T, error) {
	var zero T
	if key == "" {
		return run()
	}
	hash := requestHash(request)
	stored, replay, err := r.Idempotency.Claim(ctx, userID, key, hash, now, now.Add(ports.IdempotencyTTL))
	if err != nil {
		return zero, fmt.Errorf("claim idempotency key: %w", err)
	}
	if replay {
		if !bytes.Equal(stored.RequestHash, hash) {
			return zero, ErrKeyReused
		}
		var out T
		if err := json.Unmarshal(stored.Result, &out); err != nil {
			return zero, fmt.Errorf("stored result of idempotency key: %w", err)
		}
		return out, nil
	}
	out, err := run()
	if err != nil {
		return zero, err
	}
	result, err := json.Marshal(out)
	if err != nil {
		return zero, err
	}
	if err := r.Idempotency.Save(ctx, userID, key, result); err != nil {
		return zero, fmt.Errorf("save idempotency key: %w", err)
	}
	return out, nil
}

// requestHash identifies a request by its type and every field's value (fmt
// prints unexported fields too, and the requests hold no maps or pointers).
func requestHash(request any) []byte {
	h := sha256.Sum256(fmt.Appendf(nil, "%T:%+v", request, request))
	return h[:]
}
