package mysql

import (
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/ourspace/ourspace/app/query"
)

// DetailCache keeps, per space, the part of its detail page that only a
// new content_version can change (GetSpaceDetail: the text, photos,
// facilities and latest reviews), with the version it was read at. A
// detail then costs one cheap statement instead of two when the version it
// reads first is the one kept (SpaceReader.SpaceDetail). Each process
// keeps its own; no replica can serve another's stale copy, because the
// version is read from the database on every request.
//
// What the version does not follow — the nicknames of the host and of the
// reviews' authors, names and icons of the category and facilities — is
// refreshed once an entry is older than its time to live.
type DetailCache struct {
	lru *expirable.LRU[int64, cachedDetail]
}

type cachedDetail struct {
	version int64
	detail  query.SpaceDetail
}

// DefaultDetailCacheSize and DefaultDetailCacheTTL are the cache's bounds
// unless configured: a detail's cached part is a few kilobytes, so the
// default costs tens of megabytes at most.
const (
	DefaultDetailCacheSize = 10_000
	DefaultDetailCacheTTL  = time.Minute
)

// NewDetailCache keeps up to size spaces' details, the least recently used
// going first, each for at most ttl.
func NewDetailCache(size int, ttl time.Duration) *DetailCache {
	return &DetailCache{lru: expirable.NewLRU[int64, cachedDetail](size, nil, ttl)}
}

// get gives the cached part of space id's detail if it was read at
// version; a nil cache holds nothing.
func (c *DetailCache) get(id, version int64) (query.SpaceDetail, bool) {
	if c == nil {
		return query.SpaceDetail{}, false
	}
	e, ok := c.lru.Get(id)
	if !ok || e.version != version {
		return query.SpaceDetail{}, false
	}
	return e.detail, true
}

// put keeps d, read at version, unless a newer version is kept already (a
// slower request must not put back what a faster one replaced).
func (c *DetailCache) put(id, version int64, d query.SpaceDetail) {
	if c == nil {
		return
	}
	if e, ok := c.lru.Peek(id); ok && e.version > version {
		return
	}
	c.lru.Add(id, cachedDetail{version: version, detail: d})
}

// Len is how many spaces' details are kept.
func (c *DetailCache) Len() int {
	if c == nil {
		return 0
	}
	return c.lru.Len()
}
