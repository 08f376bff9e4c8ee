package query

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ourspace/ourspace/app/ports"
)

// ReferenceTTL is how long the reference lists are served from memory before
// they are read again. They change only through migrations, the seed or an
// operator's SQL, so a minute's delay is what such a change costs.
const ReferenceTTL = time.Minute

// ReferenceHandler lists districts, categories and facilities from memory,
// reading each list again at most once per TTL: the lists are read on
// almost every page and almost never change.
type ReferenceHandler struct {
	districts  *cachedList[District]
	categories *cachedList[Category]
	facilities *cachedList[Facility]
}

// NewReferenceHandler wires the use case: each list is read again when it
// is ttl old (ReferenceTTL in the service).
func NewReferenceHandler(r ReferenceReader, clock ports.Clock, ttl time.Duration) ReferenceHandler {
	if r == nil || clock == nil || ttl <= 0 {
		panic("query: NewReferenceHandler needs a reader, a clock and a positive ttl")
	}
	return ReferenceHandler{
		districts:  &cachedList[District]{name: "districts", load: r.Districts, clock: clock, ttl: ttl},
		categories: &cachedList[Category]{name: "categories", load: r.Categories, clock: clock, ttl: ttl},
		facilities: &cachedList[Facility]{name: "facilities", load: r.Facilities, clock: clock, ttl: ttl},
	}
}

// Districts lists the districts by name.
func (h ReferenceHandler) Districts(ctx context.Context) ([]District, error) {
	return h.districts.get(ctx)
}

// Categories lists the categories in display order.
func (h ReferenceHandler) Categories(ctx context.Context) ([]Category, error) {
	return h.categories.get(ctx)
}

// Facilities lists the facilities in display order.
func (h ReferenceHandler) Facilities(ctx context.Context) ([]Facility, error) {
	return h.facilities.get(ctx)
}

// nameCards gives each card the names of its category and district. An id
// the lists in memory do not hold (added since they were read: a space's
// references exist, the schema's foreign keys see to it) makes that list be
// read again at once, at most once a second.
func (h ReferenceHandler) nameCards(ctx context.Context, cards []SpaceCard) error {
	if len(cards) == 0 {
		return nil
	}
	categories, err := h.categories.holding(ctx, func(l []Category) bool {
		return all(cards, func(c SpaceCard) bool {
			return slices.ContainsFunc(l, func(x Category) bool { return x.ID == c.Category.ID })
		})
	})
	if err != nil {
		return err
	}
	districts, err := h.districts.holding(ctx, func(l []District) bool {
		return all(cards, func(c SpaceCard) bool {
			return slices.ContainsFunc(l, func(x District) bool { return x.ID == c.District.ID })
		})
	})
	if err != nil {
		return err
	}
	for i, c := range cards {
		if j := slices.IndexFunc(categories, func(x Category) bool { return x.ID == c.Category.ID }); j >= 0 {
			cards[i].Category.Name = categories[j].Name
		}
		if j := slices.IndexFunc(districts, func(x District) bool { return x.ID == c.District.ID }); j >= 0 {
			cards[i].District.Name = districts[j].Name
		}
	}
	return nil
}

func all[T any](items []T, ok func(T) bool) bool {
	for _, it := range items {
		if !ok(it) {
			return false
		}
	}
	return true
}

// cachedList keeps one list in memory. The caller that finds it older than
// ttl reads it again while concurrent callers are served the old list; until
// a first read succeeds, callers read it one at a time.
type cachedList[T any] struct {
	name  string
	load  func(context.Context) ([]T, error)
	clock ports.Clock
	ttl   time.Duration

	current atomic.Pointer[snapshot[T]]
	loading sync.Mutex // one read at a time
}

type snapshot[T any] struct {
	items []T
	at    time.Time // when it was read, or when a failed read was last tried
}

func (c *cachedList[T]) get(ctx context.Context) ([]T, error) {
	s := c.current.Load()
	if c.fresh(s) {
		return slices.Clone(s.items), nil
	}
	if s == nil {
		c.loading.Lock()
	} else if !c.loading.TryLock() {
		return slices.Clone(s.items), nil // someone is reading it again
	}
	defer c.loading.Unlock()
	if s = c.current.Load(); c.fresh(s) {
		return slices.Clone(s.items), nil
	}
	items, err := c.load(ctx)
	now := c.clock.Now()
	if err != nil {
		if s == nil {
			return nil, fmt.Errorf("list %s: %w", c.name, err)
		}
		// Stale reference data beats an error page; try again after a TTL.
		slog.WarnContext(ctx, "serving the last "+c.name+" read", "read_at", s.at, "err", err)
		c.current.Store(&snapshot[T]{items: s.items, at: now})
		return slices.Clone(s.items), nil
	}
	c.current.Store(&snapshot[T]{items: items, at: now})
	return slices.Clone(items), nil
}

// holding is the list, read again at once if complete says it lacks
// something and the list in memory is more than a second old.
func (c *cachedList[T]) holding(ctx context.Context, complete func([]T) bool) ([]T, error) {
	items, err := c.get(ctx)
	if err != nil || complete(items) {
		return items, err
	}
	c.loading.Lock()
	defer c.loading.Unlock()
	if s := c.current.Load(); s != nil && (complete(s.items) || c.clock.Now().Sub(s.at) < time.Second) {
		return slices.Clone(s.items), nil
	}
	if items, err = c.load(ctx); err != nil {
		return nil, fmt.Errorf("list %s: %w", c.name, err)
	}
	c.current.Store(&snapshot[T]{items: items, at: c.clock.Now()})
	return slices.Clone(items), nil
}

func (c *cachedList[T]) fresh(s *snapshot[T]) bool {
	return s != nil && c.clock.Now().Sub(s.at) < c.ttl
}
