package ratelimit

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// Redis keeps budgets in Redis, one key per client that expires by itself,
// so every replica spends from the same budget. The check is one Lua script
// (GCRA, go-redis/redis_rate) run on Redis's clock: atomic, one round trip,
// and blind to the replicas' clocks.
//
// When Redis fails or is slow, the request is not refused (that would turn a
// cache outage into an outage of sign-in and booking) nor let through
// unlimited: this replica's Memory decides for a while, so each replica
// enforces a budget of its own. Failures are logged at most once a minute
// and counted (Failures).
type Redis struct {
	limiter  *redis_rate.Limiter
	fallback *Memory
	log      *slog.Logger

	failures  atomic.Uint64
	downUntil atomic.Int64 // unix nanoseconds; until then Redis is not asked
	loggedAt  atomic.Int64 // unix nanoseconds of the last failure logged
	degraded  atomic.Bool
}

const (
	// redisTimeout bounds what a request waits for Redis.
	redisTimeout = 250 * time.Millisecond
	// redisBackoff is how long memory decides alone after a failure, so a
	// down Redis costs one timeout every few seconds, not one a request.
	redisBackoff = 5 * time.Second
	// keyPrefix keeps our keys apart from other users of the same Redis
	// (redis_rate adds its own "rate:" before it).
	keyPrefix = "ourspace:"
)

// NewRedis counts in the Redis that client reaches.
func NewRedis(client redis.UniversalClient, log *slog.Logger) *Redis {
	return &Redis{limiter: redis_rate.NewLimiter(client), fallback: NewMemory(), log: log}
}

// Allow implements Limiter.
func (r *Redis) Allow(ctx context.Context, key string, l Limit) Decision {
	if l.Off() {
		return Decision{Allowed: true}
	}
	if time.Now().UnixNano() < r.downUntil.Load() {
		return r.fallback.Allow(ctx, key, l)
	}
	rctx, cancel := context.WithTimeout(ctx, redisTimeout)
	defer cancel()
	res, err := r.limiter.Allow(rctx, keyPrefix+key, redis_rate.Limit{Rate: l.Events, Burst: l.Events, Period: l.Per})
	if err != nil {
		if ctx.Err() == nil { // not the caller giving up
			r.failed(err)
		}
		return r.fallback.Allow(ctx, key, l)
	}
	if r.degraded.Swap(false) {
		r.log.Info("rate limits: Redis answers again; budgets are shared by the replicas")
	}
	if res.Allowed > 0 {
		return Decision{Allowed: true}
	}
	return Decision{RetryAfter: res.RetryAfter}
}

// Failures counts the checks Redis failed to answer since the start.
func (r *Redis) Failures() uint64 { return r.failures.Load() }

func (r *Redis) failed(err error) {
	n := r.failures.Add(1)
	now := time.Now().UnixNano()
	r.downUntil.Store(now + int64(redisBackoff))
	r.degraded.Store(true)
	if last := r.loggedAt.Load(); now-last >= int64(time.Minute) && r.loggedAt.CompareAndSwap(last, now) {
		r.log.Warn("rate limits: Redis does not answer; each replica counts in its own memory until it does",
			"err", err, "failures", n)
	}
}
