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

// writer is what every booking write needs: its transactions and the time.
type writer struct {
	store ports.Store
	clock ports.Clock
}

func newWriter(store ports.Store, clock ports.Clock, useCase string) writer {
	if store == nil || clock == nil {
		panic("command: nil dependency for " + useCase)
	}
	return writer{store: store, clock: clock}
}

// write runs a use case in one transaction at one instant, at most once per
// user and idempotency key (see idempotent).
func write[T any](ctx context.Context, w writer, userID int64, key string, request any,
	run func(r ports.Repositories, now time.Time) (T, error)) (T, error) {
	var out T
	err := w.store.InTx(ctx, func(r ports.Repositories) error {
		now := w.clock.Now()
		var err error
		out, err = idempotent(ctx, r, userID, key, request, now, func() (T, error) { return run(r, now) })
		return err
	})
	return out, err
}

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
