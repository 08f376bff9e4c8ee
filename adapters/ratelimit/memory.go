package ratelimit

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Memory keeps budgets in this process: with several replicas each has its
// own, so a client gets up to one budget per replica.
type Memory struct {
	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
	// now is the clock; tests move it instead of sleeping.
	now func() time.Time
}

type bucket struct {
	limit Limit
	lim   *rate.Limiter
}

// sweepEvery is how often full buckets are forgotten: a full bucket is the
// same as none, so memory follows the clients seen lately, not all ever seen.
const sweepEvery = time.Minute

// NewMemory gives an empty in-process store.
func NewMemory() *Memory {
	return &Memory{buckets: map[string]*bucket{}, now: time.Now}
}

// Allow implements Limiter.
func (m *Memory) Allow(_ context.Context, key string, l Limit) Decision {
	if l.Off() {
		return Decision{Allowed: true}
	}
	now := m.now()
	m.mu.Lock()
	if now.Sub(m.swept) >= sweepEvery {
		m.sweep(now)
	}
	b := m.buckets[key]
	if b == nil || b.limit != l {
		b = &bucket{limit: l, lim: rate.NewLimiter(rate.Limit(float64(l.Events)/l.Per.Seconds()), l.Events)}
		m.buckets[key] = b
	}
	m.mu.Unlock()
	if b.lim.AllowN(now, 1) {
		return Decision{Allowed: true}
	}
	// AllowN spent nothing: the wait is for the missing part of one token.
	missing := 1 - b.lim.TokensAt(now)
	return Decision{RetryAfter: time.Duration(missing / float64(b.lim.Limit()) * float64(time.Second))}
}

// sweep forgets full buckets; the caller holds mu.
func (m *Memory) sweep(now time.Time) {
	for k, b := range m.buckets {
		if b.lim.TokensAt(now) >= float64(b.limit.Events) {
			delete(m.buckets, k)
		}
	}
	m.swept = now
}
