package ratelimit_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ourspace/ourspace/adapters/ratelimit"
)

// redisClient connects to OURSPACE_TEST_REDIS_URL, else the Redis on
// 127.0.0.1:6379. The test fails, never skips, when none answers.
func redisClient(t *testing.T) *redis.Client {
	t.Helper()
	url := os.Getenv("OURSPACE_TEST_REDIS_URL")
	if url == "" {
		url = "redis://127.0.0.1:6379/0"
	}
	opts, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	c := redis.NewClient(opts)
	t.Cleanup(func() { _ = c.Close() })
	if err := c.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("no Redis answers at %s (set OURSPACE_TEST_REDIS_URL): %v", url, err)
	}
	return c
}

// uniqueKey keeps runs and parallel tests apart in a shared Redis.
func uniqueKey(t *testing.T) string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return t.Name() + ":" + hex.EncodeToString(b)
}

func TestTwoRedisLimitersShareOneBudget(t *testing.T) {
	// Two replicas: two clients, two limiters, one Redis.
	a := ratelimit.NewRedis(redisClient(t), slog.New(slog.DiscardHandler))
	b := ratelimit.NewRedis(redisClient(t), slog.New(slog.DiscardHandler))
	key, l := uniqueKey(t), ratelimit.Limit{Events: 4, Per: time.Minute}
	ctx := context.Background()
	allowed := 0
	var last ratelimit.Decision
	for i := range 8 {
		lim := a
		if i%2 == 1 {
			lim = b
		}
		if last = lim.Allow(ctx, key, l); last.Allowed {
			allowed++
		}
	}
	if allowed != 4 {
		t.Fatalf("%d of 8 requests allowed across two limiters, want the shared budget of 4", allowed)
	}
	// A request every 15 s once spent: the wait is at most that, and more
	// than the little time the test has taken.
	if last.RetryAfter <= 10*time.Second || last.RetryAfter > 15*time.Second {
		t.Errorf("RetryAfter %v, want about 15s", last.RetryAfter)
	}
	if !a.Allow(ctx, uniqueKey(t), l).Allowed {
		t.Error("another key was refused for this key's requests")
	}
	if a.Failures()+b.Failures() != 0 {
		t.Errorf("%d failures against a Redis that answers", a.Failures()+b.Failures())
	}
}

func TestRedisDownFallsBackToMemory(t *testing.T) {
	// A port nothing listens on: connections are refused at once.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	client := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	t.Cleanup(func() { _ = client.Close() })
	lim := ratelimit.NewRedis(client, slog.New(slog.DiscardHandler))
	l := ratelimit.Limit{Events: 2, Per: time.Minute}
	ctx := context.Background()
	for i := range 2 {
		if !lim.Allow(ctx, "k", l).Allowed {
			t.Fatalf("with Redis down, request %d within the budget was refused (want fail-over to memory)", i+1)
		}
	}
	if d := lim.Allow(ctx, "k", l); d.Allowed || d.RetryAfter <= 0 {
		t.Fatalf("with Redis down, a request past the budget: %+v; want refused by the memory fallback", d)
	}
	if lim.Failures() != 1 {
		t.Errorf("Failures() = %d, want 1 (one try, then memory alone for a while)", lim.Failures())
	}
}
