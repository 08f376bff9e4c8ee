package query_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/query"
)

// referenceData is a ReferenceReader that counts its reads; a test changes
// its lists or makes it fail between calls.
type referenceData struct {
	mu        sync.Mutex
	districts []query.District
	err       error
	gate      chan struct{} // when set, reads wait for it
	reads     atomic.Int64
}

func (r *referenceData) Districts(context.Context) ([]query.District, error) {
	r.reads.Add(1)
	if r.gate != nil {
		<-r.gate
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]query.District(nil), r.districts...), r.err
}

func (r *referenceData) Categories(context.Context) ([]query.Category, error) {
	r.reads.Add(1)
	return []query.Category{{ID: 1, Name: "파티룸"}}, nil
}

func (r *referenceData) Facilities(context.Context) ([]query.Facility, error) {
	r.reads.Add(1)
	return []query.Facility{{ID: 1, Name: "Wi-Fi"}}, nil
}

func (r *referenceData) set(ds []query.District, err error) {
	r.mu.Lock()
	r.districts, r.err = ds, err
	r.mu.Unlock()
}

// movingClock is a clock the test moves forward.
type movingClock struct {
	mu sync.Mutex
	at time.Time
}

func (c *movingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at
}

func (c *movingClock) advance(d time.Duration) {
	c.mu.Lock()
	c.at = c.at.Add(d)
	c.mu.Unlock()
}

var gangnam = []query.District{{ID: 1, Name: "강남구"}}

func TestReferenceListsAreReadOncePerTTL(t *testing.T) {
	ctx := context.Background()
	data := &referenceData{districts: gangnam}
	clock := &movingClock{at: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	h := query.NewReferenceHandler(data, clock, time.Minute)
	for range 100 {
		ds, err := h.Districts(ctx)
		if err != nil || len(ds) != 1 || ds[0].Name != "강남구" {
			t.Fatalf("districts %+v, %v", ds, err)
		}
		ds[0].Name = "changed by a caller" // must not reach the next caller
		if _, err := h.Categories(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := h.Facilities(ctx); err != nil {
			t.Fatal(err)
		}
		clock.advance(time.Second / 2)
	}
	if n := data.reads.Load(); n != 3 {
		t.Fatalf("%d reads for 100 calls of each list within a TTL, want one per list", n)
	}

	data.set(append(gangnam, query.District{ID: 2, Name: "마포구"}), nil)
	if ds, _ := h.Districts(ctx); len(ds) != 1 {
		t.Errorf("a change showed before the TTL passed: %+v", ds)
	}
	clock.advance(10 * time.Second) // 60 s since the first read
	if ds, _ := h.Districts(ctx); len(ds) != 2 {
		t.Errorf("the change is not served after the TTL: %+v", ds)
	}
	if n := data.reads.Load(); n != 4 {
		t.Errorf("%d reads, want 4: one more for the districts", n)
	}
}

func TestReferenceListsOutliveAFailedRead(t *testing.T) {
	ctx := context.Background()
	down := errors.New("database down")
	data := &referenceData{districts: gangnam, err: down}
	clock := &movingClock{at: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	h := query.NewReferenceHandler(data, clock, time.Minute)

	// Nothing read yet: the error is the caller's, and the next call tries again.
	for range 2 {
		if _, err := h.Districts(ctx); !errors.Is(err, down) {
			t.Fatalf("first read: %v, want the reader's error", err)
		}
	}
	data.set(gangnam, nil)
	if ds, err := h.Districts(ctx); err != nil || len(ds) != 1 {
		t.Fatalf("after recovery: %+v, %v", ds, err)
	}

	// Once read, a failed re-read serves the last list and waits a TTL to try again.
	data.set(nil, down)
	clock.advance(time.Minute)
	before := data.reads.Load()
	for range 10 {
		if ds, err := h.Districts(ctx); err != nil || len(ds) != 1 {
			t.Fatalf("with the database down: %+v, %v; want the last list", ds, err)
		}
	}
	if n := data.reads.Load() - before; n != 1 {
		t.Errorf("%d reads while down within a TTL, want 1", n)
	}
	data.set(append(gangnam, query.District{ID: 2, Name: "마포구"}), nil)
	clock.advance(time.Minute)
	if ds, _ := h.Districts(ctx); len(ds) != 2 {
		t.Errorf("not read again a TTL after the failure: %+v", ds)
	}
}

func TestReferenceListIsReadOnceByConcurrentCallers(t *testing.T) {
	ctx := context.Background()
	data := &referenceData{districts: gangnam, gate: make(chan struct{})}
	clock := &movingClock{at: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	h := query.NewReferenceHandler(data, clock, time.Minute)

	// The first read: everyone waits for it.
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if ds, err := h.Districts(ctx); err != nil || len(ds) != 1 {
				t.Errorf("districts %+v, %v", ds, err)
			}
		})
	}
	for data.reads.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	close(data.gate)
	wg.Wait()
	if n := data.reads.Load(); n != 1 {
		t.Fatalf("%d reads by 20 concurrent first callers, want 1", n)
	}

	// A re-read: the others are served the old list meanwhile.
	data.gate = make(chan struct{})
	data.set(append(gangnam, query.District{ID: 2, Name: "마포구"}), nil)
	clock.advance(time.Minute)
	refreshed := make(chan []query.District)
	go func() {
		ds, _ := h.Districts(ctx)
		refreshed <- ds
	}()
	for data.reads.Load() == 1 {
		time.Sleep(time.Millisecond)
	}
	for range 5 {
		if ds, err := h.Districts(ctx); err != nil || len(ds) != 1 {
			t.Errorf("during the re-read: %+v, %v; want the old list at once", ds, err)
		}
	}
	close(data.gate)
	if ds := <-refreshed; len(ds) != 2 {
		t.Errorf("the re-reading caller got %+v", ds)
	}
	if ds, _ := h.Districts(ctx); len(ds) != 2 || data.reads.Load() != 2 {
		t.Errorf("after the re-read: %+v, %d reads", ds, data.reads.Load())
	}
}

// TestSearchCardsAreNamedFromTheListsInMemory: a handler WithNames gives the
// cards the names of their category and district without a read per
// search; a district added since the lists were read makes them be read
// again at once, but not more than once a second.
func TestSearchCardsAreNamedFromTheListsInMemory(t *testing.T) {
	ref := &referenceData{districts: gangnam}
	clock := &movingClock{at: t0}
	names := query.NewReferenceHandler(ref, clock, time.Hour)
	card := func(id, district int64) query.SpaceCard {
		return query.SpaceCard{ID: id, SortKey: id, Category: query.Ref{ID: 1}, District: query.Ref{ID: district}}
	}
	s := &searcher{cards: []query.SpaceCard{card(2, 1), card(1, 1)}}
	h := query.NewSearchSpacesHandler(s, cdn, clock).WithNames(names)
	named := func(want ...string) {
		t.Helper()
		page, err := h.Handle(context.Background(), query.SearchSpaces{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range page.Items {
			got = append(got, c.Category.Name+" "+c.District.Name)
		}
		if !slices.Equal(got, want) {
			t.Errorf("card names %q, want %q", got, want)
		}
	}
	named("파티룸 강남구", "파티룸 강남구")
	named("파티룸 강남구", "파티룸 강남구")
	if n := ref.reads.Load(); n != 2 {
		t.Errorf("%d reads for two searches, want 2 (the two lists once)", n)
	}

	// A new district, and a space in it: the lists are read again now,
	// not after their hour.
	clock.advance(2 * time.Second)
	ref.set([]query.District{{ID: 1, Name: "강남구"}, {ID: 2, Name: "마포구"}}, nil)
	s.cards = append(s.cards, card(0, 2))
	named("파티룸 강남구", "파티룸 강남구", "파티룸 마포구")
	if n := ref.reads.Load(); n != 3 {
		t.Errorf("%d reads, want 3 (the districts read again once)", n)
	}

	// A district no list holds is read for at most once a second.
	s.cards = append(s.cards, card(-1, 9))
	named("파티룸 강남구", "파티룸 강남구", "파티룸 마포구", "파티룸 ")
	named("파티룸 강남구", "파티룸 강남구", "파티룸 마포구", "파티룸 ")
	if n := ref.reads.Load(); n != 3 {
		t.Errorf("%d reads, want still 3 within the second", n)
	}
	clock.advance(2 * time.Second)
	named("파티룸 강남구", "파티룸 강남구", "파티룸 마포구", "파티룸 ")
	if n := ref.reads.Load(); n != 4 {
		t.Errorf("%d reads, want 4 after the second", n)
	}
}
