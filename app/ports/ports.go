// Package ports declares what the use cases need from the world outside the
// domain besides repositories: the time, and where stored media is served.
package ports

import "time"

// Clock tells the current instant. Tests pin it.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now is time.Now in UTC, to the microsecond: what the database keeps, so an
// instant answered before it is stored (a hold's deadline) equals the one
// read back later.
func (SystemClock) Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// FixedClock always tells the same instant; for tests and fixtures.
type FixedClock struct{ At time.Time }

// Now gives the fixed instant.
func (c FixedClock) Now() time.Time { return c.At }

// MediaURLs turns a stored object's key into the URL a browser loads it from.
type MediaURLs interface {
	URL(key string) string
}

// PrefixURLs serves every object under one public base URL (a CDN, a public
// bucket, or the binary's own demo media).
type PrefixURLs struct{ Base string }

// URL joins the base and the key.
func (p PrefixURLs) URL(key string) string { return p.Base + key }
