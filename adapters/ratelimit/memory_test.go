package ratelimit

import (
	"context"
	"testing"
	"time"
)

// clock is a hand-moved time for Memory.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newTestMemory() (*Memory, *clock) {
	c := &clock{t: time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)}
	m := NewMemory()
	m.now = c.now
	return m, c
}

func TestMemorySpendsTheBurstThenRefillsEvenly(t *testing.T) {
	m, c := newTestMemory()
	l := Limit{Events: 3, Per: time.Minute} // a request every 20 s once spent
	ctx := context.Background()
	for i := range 3 {
		if d := m.Allow(ctx, "a", l); !d.Allowed {
			t.Fatalf("request %d of a burst of 3 refused: %+v", i+1, d)
		}
	}
	d := m.Allow(ctx, "a", l)
	if d.Allowed || d.RetryAfter != 20*time.Second {
		t.Fatalf("4th request: %+v, want refused with 20s to wait", d)
	}
	c.t = c.t.Add(15 * time.Second)
	if d := m.Allow(ctx, "a", l); d.Allowed || d.RetryAfter != 5*time.Second {
		t.Fatalf("15 s later: %+v, want refused with 5s left", d)
	}
	c.t = c.t.Add(5 * time.Second)
	if d := m.Allow(ctx, "a", l); !d.Allowed {
		t.Fatalf("20 s later: %+v, want one more request", d)
	}
	if d := m.Allow(ctx, "a", l); d.Allowed {
		t.Fatalf("right after: %+v, want refused again", d)
	}
}

func TestMemoryKeysHaveTheirOwnBudgets(t *testing.T) {
	m, _ := newTestMemory()
	l := Limit{Events: 1, Per: time.Minute}
	ctx := context.Background()
	if !m.Allow(ctx, "a", l).Allowed || m.Allow(ctx, "a", l).Allowed {
		t.Fatal("a: want one request allowed, the next refused")
	}
	if !m.Allow(ctx, "b", l).Allowed {
		t.Fatal("b was refused for a's requests")
	}
}

func TestMemoryOffAllowsEverything(t *testing.T) {
	m, _ := newTestMemory()
	for range 100 {
		if !m.Allow(context.Background(), "a", Limit{}).Allowed {
			t.Fatal("the zero Limit refused a request")
		}
	}
	if len(m.buckets) != 0 {
		t.Errorf("%d buckets kept for no limit", len(m.buckets))
	}
}

func TestMemoryForgetsFullBuckets(t *testing.T) {
	m, c := newTestMemory()
	l := Limit{Events: 2, Per: time.Minute}
	ctx := context.Background()
	m.Allow(ctx, "idle", l)
	c.t = c.t.Add(50 * time.Second)
	m.Allow(ctx, "busy", l)
	c.t = c.t.Add(20 * time.Second) // idle is full again, busy is not
	m.Allow(ctx, "busy", l)
	if _, ok := m.buckets["idle"]; ok || len(m.buckets) != 1 {
		t.Fatalf("after the sweep: %d buckets, idle kept %v; want only busy", len(m.buckets), ok)
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Limit{
		"30/1m": {30, time.Minute}, "5/10s": {5, 10 * time.Second}, "100/h": {100, time.Hour},
		"off": {}, "0": {},
	} {
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "30", "30/", "-1/1m", "x/1m", "30/500ms", "30/soon"} {
		if l, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", in, l)
		}
	}
	if s := (Limit{30, time.Minute}).String(); s != "30/1m0s" {
		t.Errorf("String() = %q", s)
	}
}
