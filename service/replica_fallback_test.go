package service_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/search"
	"github.com/ourspace/ourspace/service"
)

// TestDiscoveryFallsBackToThePrimaryWhileTheReplicaIsDown stops the replica:
// every discovery read still answers, from the primary, and the replica's
// own ping says it is down. Once the replica is back and the retry period
// has passed, discovery reads go to it again.
func TestDiscoveryFallsBackToThePrimaryWhileTheReplicaIsDown(t *testing.T) {
	t.Parallel()
	r := newReplicated(t)
	ctx := context.Background()
	logs := &lockedBuffer{}
	const retry = 300 * time.Millisecond
	rep, err := mysql.OpenReplica(strings.TrimSuffix(r.replica.DSN, "/")+"/ourspace", strings.TrimSuffix(r.primary.DSN, "/")+"/ourspace",
		mysql.ReplicaOptions{Retry: retry, Log: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = rep.Close() })
	primaryAdmin := r.primary.Open(t, "")
	// SHOW STATUS may count itself; what the reads add is measured above that.
	p0 := selects(t, primaryAdmin)
	base := selects(t, primaryAdmin) - p0
	// discovery makes each discovery read once, through a fresh
	// application (the reference lists are cached), and says how many
	// SELECTs the primary ran meanwhile.
	discovery := func(round string) int64 {
		t.Helper()
		before := selects(t, primaryAdmin)
		a := service.NewApplication(r.primaryDB, service.Options{Clock: r.clock, Media: ports.PrefixURLs{Base: "https://cdn.test/"},
			ReadReplica: rep.DB()})
		for name, call := range map[string]func() error{
			"reference": func() error { _, err := a.Queries.Reference.Districts(ctx); return err },
			"search": func() error {
				_, err := a.Queries.SearchSpaces.Handle(ctx, query.SearchSpaces{Params: search.Params{Districts: []int64{1}}})
				return err
			},
			"detail":  func() error { _, err := a.Queries.GetSpace.HandleFor(ctx, r.m.Guests[0], r.m.Instant); return err },
			"reviews": func() error { _, err := a.Queries.Reviews.SpaceReviews(ctx, r.m.Instant, "newest", "", 10); return err },
		} {
			if err := call(); err != nil {
				t.Errorf("%s, %s: %v", round, name, err)
			}
		}
		return selects(t, primaryAdmin) - before - base
	}

	if onPrimary := discovery("replica up"); onPrimary != 0 || rep.Fallbacks() != 0 {
		t.Errorf("replica up: %d SELECTs on the primary, %d fallbacks; want none", onPrimary, rep.Fallbacks())
	}
	if err := rep.PingContext(ctx); err != nil {
		t.Errorf("ping the replica while it is up: %v", err)
	}

	r.replica.Stop(t)
	if onPrimary := discovery("replica down"); onPrimary < 4 || rep.Fallbacks() == 0 {
		t.Errorf("replica down: %d SELECTs on the primary, %d fallbacks; want the reads there", onPrimary, rep.Fallbacks())
	}
	// Within the retry period the replica is not dialled again.
	if onPrimary := discovery("replica still down"); onPrimary < 4 {
		t.Errorf("replica still down: %d SELECTs on the primary", onPrimary)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
	if err := rep.PingContext(pingCtx); err == nil {
		t.Error("the replica's ping succeeded while it is stopped: it must not fall back")
	}
	cancel()

	r.replica.Start(t)
	time.Sleep(retry + 50*time.Millisecond)
	discovery("replica back, first read") // may still take a connection the pool holds
	if onPrimary := discovery("replica back"); onPrimary != 0 {
		t.Errorf("replica back: %d SELECTs on the primary, want the reads on the replica again", onPrimary)
	}
	if err := rep.PingContext(ctx); err != nil {
		t.Errorf("ping the replica once it is back: %v", err)
	}
	for _, msg := range []string{"read replica unavailable: discovery reads go to the primary", "read replica answers again"} {
		if n := strings.Count(logs.String(), msg); n != 1 {
			t.Errorf("logged %q %d times, want once:\n%s", msg, n, logs.String())
		}
	}
}

// lockedBuffer is a log written by pool goroutines and read by the test.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
