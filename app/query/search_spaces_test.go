package query_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/search"
	"github.com/ourspace/ourspace/domain/space"
)

var cdn = ports.PrefixURLs{Base: "https://cdn.example/"}

// cards are n results in popular order: most likes first, then id.
func cards(n int) []query.SpaceCard {
	out := make([]query.SpaceCard, n)
	for i := range out {
		id := int64(i + 1)
		out[i] = query.SpaceCard{ID: id, Title: fmt.Sprintf("space %d", id), Likes: 1000 - i/2, SortKey: int64(1000 - i/2),
			Photos: []query.Photo{{ID: id*10 + 1, Keys: space.PhotoKeys{Detail: fmt.Sprintf("spaces/%d/1.jpg", id), Thumb: fmt.Sprintf("spaces/%d/1-t.jpg", id)}}, {ID: id*10 + 2, Keys: space.PhotoKeys{Detail: fmt.Sprintf("spaces/%d/2.jpg", id)}}}}
	}
	return out
}

func ids(cs []query.SpaceCard) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func TestSearchSpacesDefaultPage(t *testing.T) {
	s := &searcher{cards: cards(25)}
	now := t0.Add(3 * time.Hour)
	h := query.NewSearchSpacesHandler(s, cdn, ports.FixedClock{At: now})
	people := 4
	page, err := h.Handle(context.Background(), query.SearchSpaces{Params: search.Params{People: people, Districts: []int64{3, 1, 3}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.reqs) != 1 {
		t.Fatalf("%d searches, want 1", len(s.reqs))
	}
	req := s.reqs[0]
	if req.Limit != search.DefaultLimit+1 {
		t.Errorf("asked for %d cards, want %d (one more than the page)", req.Limit, search.DefaultLimit+1)
	}
	if req.Sort != search.SortPopular || req.After != nil || !req.Now.Equal(now) {
		t.Errorf("request sort %v, after %v, now %v; want popular, nil, %v", req.Sort, req.After, req.Now, now)
	}
	if req.Filter.People != people || !slices.Equal(req.Filter.Districts, []int64{1, 3}) {
		t.Errorf("filter = %+v, want the validated params", req.Filter)
	}
	if len(page.Items) != search.DefaultLimit || page.NextCursor == "" {
		t.Errorf("page of %d with cursor %q, want %d and a cursor", len(page.Items), page.NextCursor, search.DefaultLimit)
	}
}

func TestSearchSpacesPagesWalkEveryCardOnce(t *testing.T) {
	for _, tt := range []struct {
		cards, limit int
		pages        []int
	}{
		{45, 20, []int{20, 20, 5}},
		{40, 20, []int{20, 20}},
		{20, 0, []int{20}},
		{0, 0, []int{0}},
		{7, 1, []int{1, 1, 1, 1, 1, 1, 1}},
	} {
		t.Run(fmt.Sprintf("%d by %d", tt.cards, tt.limit), func(t *testing.T) {
			s := &searcher{cards: cards(tt.cards)}
			h := query.NewSearchSpacesHandler(s, cdn, ports.FixedClock{At: t0})
			var got []int64
			var sizes []int
			var wantAfter *query.Keyset
			cursor := ""
			for len(sizes) <= tt.cards {
				page, err := h.Handle(context.Background(), query.SearchSpaces{Cursor: cursor, Limit: tt.limit})
				if err != nil {
					t.Fatal(err)
				}
				if after := s.reqs[len(s.reqs)-1].After; !reflect.DeepEqual(after, wantAfter) {
					t.Fatalf("page %d asked after %+v, want after the last card of the page before, %+v", len(sizes)+1, after, wantAfter)
				}
				got = append(got, ids(page.Items)...)
				sizes = append(sizes, len(page.Items))
				if page.NextCursor == "" {
					break
				}
				last := page.Items[len(page.Items)-1]
				wantAfter = &query.Keyset{Key: last.SortKey, ID: last.ID}
				cursor = page.NextCursor
			}
			if !slices.Equal(got, ids(cards(tt.cards))) {
				t.Errorf("walked %v, want every card once in order", got)
			}
			if !slices.Equal(sizes, tt.pages) {
				t.Errorf("page sizes %v, want %v", sizes, tt.pages)
			}
		})
	}
}

func TestSearchSpacesCursorBelongsToItsSort(t *testing.T) {
	s := &searcher{cards: cards(30)}
	h := query.NewSearchSpacesHandler(s, cdn, ports.FixedClock{At: t0})
	page, err := h.Handle(context.Background(), query.SearchSpaces{Sort: "popular", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Handle(context.Background(), query.SearchSpaces{Sort: "", Cursor: page.NextCursor, Limit: 10}); err != nil {
		t.Errorf("popular cursor with the default sort (popular): %v", err)
	}
	asked := len(s.reqs)
	for _, other := range []string{"price_asc", "price_desc", "rating", "newest"} {
		_, err := h.Handle(context.Background(), query.SearchSpaces{Sort: other, Cursor: page.NextCursor, Limit: 10})
		var fe *search.FieldError
		if !errors.As(err, &fe) || fe.Field != "cursor" {
			t.Errorf("popular cursor in %s: %v, want a FieldError on cursor", other, err)
		}
	}
	if _, err := h.Handle(context.Background(), query.SearchSpaces{Cursor: "garbage!", Limit: 10}); !isFieldError(err, "cursor") {
		t.Errorf("garbage cursor: %v, want a FieldError on cursor", err)
	}
	if len(s.reqs) != asked {
		t.Errorf("refused searches still reached the read model")
	}
}

func TestSearchSpacesPhotoKeysBecomeURLs(t *testing.T) {
	s := &searcher{cards: cards(2)}
	h := query.NewSearchSpacesHandler(s, cdn, ports.FixedClock{At: t0})
	page, err := h.Handle(context.Background(), query.SearchSpaces{})
	if err != nil {
		t.Fatal(err)
	}
	got := page.Items[1].Photos
	// A photo stored in one size serves it as its thumbnail too.
	if len(got) != 2 || got[0].URL != "https://cdn.example/spaces/2/1.jpg" || got[0].ThumbURL != "https://cdn.example/spaces/2/1-t.jpg" ||
		got[1].URL != "https://cdn.example/spaces/2/2.jpg" || got[1].ThumbURL != got[1].URL || got[1].ID != 22 {
		t.Errorf("photos = %+v", got)
	}
	if s.cards[1].Photos[0].URL != "" {
		t.Errorf("the read model was changed: %+v", s.cards[1].Photos)
	}
}

func TestSearchSpacesRefusesBadInput(t *testing.T) {
	tests := []struct {
		name  string
		q     query.SearchSpaces
		field string
	}{
		{"negative people", query.SearchSpaces{Params: search.Params{People: -1}}, "people"},
		{"bad date", query.SearchSpaces{Params: search.Params{Date: "2026-02-30"}}, "date"},
		{"window without date", query.SearchSpaces{Params: search.Params{Start: "10:00", End: "12:00"}}, "date"},
		{"zero district", query.SearchSpaces{Params: search.Params{Districts: []int64{0}}}, "district"},
		{"unknown sort", query.SearchSpaces{Sort: "cheapest"}, "sort"},
		{"limit over the maximum", query.SearchSpaces{Limit: search.MaxLimit + 1}, "limit"},
		{"negative limit", query.SearchSpaces{Limit: -1}, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &searcher{cards: cards(3)}
			_, err := query.NewSearchSpacesHandler(s, cdn, ports.FixedClock{At: t0}).Handle(context.Background(), tt.q)
			if !isFieldError(err, tt.field) || !errors.Is(err, search.ErrInvalid) {
				t.Errorf("error = %v, want a FieldError on %q", err, tt.field)
			}
			if len(s.reqs) != 0 {
				t.Error("an invalid search reached the read model")
			}
		})
	}
}

func TestSearchSpacesReadModelFailure(t *testing.T) {
	boom := errors.New("database down")
	_, err := query.NewSearchSpacesHandler(&searcher{err: boom}, cdn, ports.FixedClock{At: t0}).Handle(context.Background(), query.SearchSpaces{})
	if !errors.Is(err, boom) || errors.Is(err, search.ErrInvalid) {
		t.Errorf("error = %v, want %v, not the caller's fault", err, boom)
	}
}

func isFieldError(err error, field string) bool {
	var fe *search.FieldError
	return errors.As(err, &fe) && fe.Field == field
}

func TestSearchSpacesCountsOnTheFirstPageOnly(t *testing.T) {
	for _, tt := range []struct {
		cards int
		want  query.Total
	}{
		{0, query.Total{Count: 0}},
		{25, query.Total{Count: 25}},
		{search.CountLimit, query.Total{Count: search.CountLimit}},
		{search.CountLimit + 1, query.Total{Count: search.CountLimit, Capped: true}},
	} {
		s := &searcher{cards: cards(tt.cards)}
		h := query.NewSearchSpacesHandler(s, cdn, ports.FixedClock{At: t0})
		page, err := h.Handle(context.Background(), query.SearchSpaces{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if !s.reqs[0].Count || page.Total == nil || *page.Total != tt.want {
			t.Errorf("%d matches: first page asked count %v, total %+v; want %+v", tt.cards, s.reqs[0].Count, page.Total, tt.want)
		}
		if page.NextCursor == "" {
			continue
		}
		page, err = h.Handle(context.Background(), query.SearchSpaces{Limit: 10, Cursor: page.NextCursor})
		if err != nil {
			t.Fatal(err)
		}
		if s.reqs[1].Count || page.Total != nil {
			t.Errorf("%d matches: second page asked count %v, total %+v; want neither", tt.cards, s.reqs[1].Count, page.Total)
		}
	}
}

func TestUnitOfListPrice(t *testing.T) {
	hourly := int64(15000)
	for _, tt := range []struct {
		name      string
		hourly    *int64
		minHours  int
		listPrice int64
		want      query.PriceUnit
	}{
		{"packages only", nil, 0, 120000, query.PricedByPackage},
		{"by the hour", &hourly, 2, 30000, query.PricedByHour},
		{"a package cheaper than the minimum hours", &hourly, 2, 25000, query.PricedByPackage},
	} {
		if got := query.UnitOfListPrice(tt.hourly, tt.minHours, tt.listPrice); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSearchSpacesReusesACountForTotalTTL(t *testing.T) {
	s := &searcher{cards: cards(30)}
	clock := &movingClock{at: t0}
	h := query.NewSearchSpacesHandler(s, cdn, clock)
	first := func(p search.Params) *query.Total {
		t.Helper()
		page, err := h.Handle(context.Background(), query.SearchSpaces{Params: p, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		return page.Total
	}
	counted := func() (n int) {
		for _, r := range s.reqs {
			if r.Count {
				n++
			}
		}
		return n
	}
	want := query.Total{Count: 30}
	for _, p := range []search.Params{{People: 2}, {People: 2, Districts: []int64{3, 1}}, {People: 2}, {People: 2, Districts: []int64{1, 3, 3}}} {
		if got := first(p); got == nil || *got != want {
			t.Fatalf("%+v: total %+v, want %+v", p, got, want)
		}
	}
	if counted() != 2 {
		t.Errorf("%d counts for two searches, each twice within the TTL", counted())
	}
	clock.advance(query.TotalTTL)
	if got := first(search.Params{People: 2}); got == nil || *got != want || counted() != 3 {
		t.Errorf("after the TTL: total %+v, %d counts; want counted again", got, counted())
	}
}
