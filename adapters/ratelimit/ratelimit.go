// Package ratelimit counts requests against budgets per key (a client
// address, a user): in this process's memory, or in Redis so that several
// replicas share one budget. Both stores run the same algorithm, a token
// bucket (GCRA in Redis): a full budget may be spent at once, then it refills
// evenly over its period.
package ratelimit

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Limit is a budget of Events per Per, all of which may come at once. The
// zero Limit is no limit.
type Limit struct {
	Events int
	Per    time.Duration
}

// Off reports whether l limits nothing.
func (l Limit) Off() bool { return l.Events <= 0 || l.Per <= 0 }

// String writes l as Parse reads it.
func (l Limit) String() string {
	if l.Off() {
		return "off"
	}
	return strconv.Itoa(l.Events) + "/" + l.Per.String()
}

// Parse reads "30/1m" (30 requests a minute), "5/10s" or "100/h"; "off"
// or "0" is no limit.
func Parse(s string) (Limit, error) {
	s = strings.TrimSpace(s)
	if s == "off" || s == "0" {
		return Limit{}, nil
	}
	n, per, ok := strings.Cut(s, "/")
	events, err := strconv.Atoi(n)
	if !ok || err != nil || events <= 0 {
		return Limit{}, fmt.Errorf("rate limit %q: want <requests>/<period> such as 30/1m, or off", s)
	}
	if per != "" && (per[0] < '0' || per[0] > '9') {
		per = "1" + per // "100/h"
	}
	d, err := time.ParseDuration(per)
	if err != nil || d < time.Second {
		return Limit{}, fmt.Errorf("rate limit %q: the period must be a duration of 1s or more, such as 1m", s)
	}
	return Limit{Events: events, Per: d}, nil
}

// Decision is a store's answer for one request.
type Decision struct {
	Allowed bool
	// RetryAfter is how long until the key may make one request again;
	// zero when Allowed.
	RetryAfter time.Duration
}

// Limiter spends one request of key's budget under l, or says how long to
// wait. A store that cannot answer decides for itself (see Redis).
type Limiter interface {
	Allow(ctx context.Context, key string, l Limit) Decision
}
