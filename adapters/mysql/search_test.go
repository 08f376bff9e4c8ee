package mysql_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
)

func int64p(v int64) *int64 { return &v }

// TestSearchAgreesWithDomain walks every page of many searches in every sort
// order and checks that SQL returns exactly what search.Filter.Matches
// accepts, in order, each once, with three queries a page.
func TestSearchAgreesWithDomain(t *testing.T) {
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 13, 20, 0, 0, calendar.Seoul) // a Tuesday afternoon
	w := mysqltest.NewWorld(t, db, 160, 42, now)
	today := calendar.DateOf(now)
	day := func(n int) string { return today.AddDays(n).String() }
	cases := []search.Params{
		{},
		{Districts: []int64{1}},
		{Districts: []int64{1, 3}, Categories: []int64{2}},
		{Facilities: []int64{2}},
		{Facilities: []int64{1, 3}},
		{People: 5},
		{People: 18},
		{MinPrice: int64p(40000)},
		{MaxPrice: int64p(60000)},
		{MinPrice: int64p(20000), MaxPrice: int64p(90000)},
		{Text: "강남역"},
		{Text: "강남"},
		{Text: "COZY"},
		{Text: "100%"},
		{Text: "a_b"},
		{Text: "홍"},
		{Text: "감성 테헤란로"},
		{Text: "없는단어"},
		{Area: &search.Area{South: 37.45, West: 126.9, North: 37.6, East: 127.1}},
		{Date: day(0)},
		{Date: day(1)},
		{Date: day(2)},
		{Date: day(3)},
		{Date: day(95)},
		{Date: day(-1)},
		{Date: day(0), Start: "15:00", End: "17:00"},
		{Date: day(1), Start: "10:00", End: "13:00"},
		{Date: day(1), Start: "15:00", End: "22:00"},
		{Date: day(2), Start: "20:00", End: "29:00"},
		{Date: day(2), Start: "10:30", End: "12:00"},
		{Districts: []int64{2}, Categories: []int64{1, 3}, Date: day(1), People: 3},
		{People: 2, Facilities: []int64{2}, Text: "스튜디오"},
	}
	counter := &mysql.CountingDB{DB: db}
	h := query.NewSearchSpacesHandler(mysql.NewSpaceSearcher(counter), ports.PrefixURLs{Base: "https://cdn.test/"}, ports.FixedClock{At: now.UTC()})
	total := 0
	for _, p := range cases {
		f, err := search.NewFilter(p)
		if err != nil {
			t.Fatalf("%+v: %v", p, err)
		}
		var want []search.Listing
		for _, l := range w.Listings {
			if f.Matches(l, now.UTC()) {
				want = append(want, l)
			}
		}
		total += len(want)
		for _, sort := range search.Sorts {
			t.Run(fmt.Sprintf("%s/%+v", sort, p), func(t *testing.T) {
				expected := slices.Clone(want)
				slices.SortFunc(expected, func(a, b search.Listing) int { return compare(sort, a, b) })
				var got []int64
				cursor := ""
				for pages := 0; ; pages++ {
					if pages > 200 {
						t.Fatal("pagination does not end")
					}
					counter.Reset()
					page, err := h.Handle(context.Background(), query.SearchSpaces{Params: p, Sort: sort.String(), Cursor: cursor, Limit: 7})
					if err != nil {
						t.Fatal(err)
					}
					wantQueries := int64(3)
					if len(page.Items) == 0 {
						wantQueries = 1
					}
					if counter.Count() != wantQueries {
						t.Errorf("page %d ran %d queries, want %d", pages, counter.Count(), wantQueries)
					}
					for _, c := range page.Items {
						got = append(got, c.ID)
						if len(c.Photos) != 2 || !strings.HasPrefix(c.Photos[0].URL, "https://cdn.test/s/") || c.Photos[0].ThumbURL != c.Photos[0].URL || c.Photos[0].ID == 0 {
							t.Errorf("space %d photos = %+v", c.ID, c.Photos)
						}
					}
					if page.NextCursor == "" {
						break
					}
					cursor = page.NextCursor
				}
				wantIDs := make([]int64, len(expected))
				for i, l := range expected {
					wantIDs[i] = int64(l.ID)
				}
				if !slices.Equal(got, wantIDs) {
					t.Errorf("got %d spaces %v\nwant %d spaces %v", len(got), got, len(wantIDs), wantIDs)
				}
			})
		}
	}
	// The world must make the filters bite: neither everything nor nothing.
	if total == 0 || total == len(cases)*len(w.Listings) {
		t.Fatalf("degenerate fixture: %d matches over %d searches", total, len(cases))
	}
}

func compare(s search.Sort, a, b search.Listing) int {
	key := func(l search.Listing) int64 {
		switch s {
		case search.SortPopular:
			return int64(l.Likes)
		case search.SortPriceAsc, search.SortPriceDesc:
			return int64(l.Pricing.ListPrice())
		case search.SortRating:
			return int64(l.RatingX100)
		}
		return int64(l.ID)
	}
	ka, kb := key(a), key(b)
	if s == search.SortPriceAsc {
		if ka != kb {
			return int(ka - kb)
		}
		return int(a.ID - b.ID)
	}
	if ka != kb {
		return int(kb - ka)
	}
	return int(b.ID - a.ID)
}

func TestSearchQueryCountDoesNotGrowWithPageSize(t *testing.T) {
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, calendar.Seoul)
	mysqltest.NewWorld(t, db, 200, 3, now)
	counter := &mysql.CountingDB{DB: db}
	h := query.NewSearchSpacesHandler(mysql.NewSpaceSearcher(counter), ports.PrefixURLs{}, ports.FixedClock{At: now})
	for _, limit := range []int{1, 10, 100} {
		counter.Reset()
		page, err := h.Handle(context.Background(), query.SearchSpaces{Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) != limit || counter.Count() != 3 {
			t.Errorf("limit %d: %d items in %d queries, want %d items in 3", limit, len(page.Items), counter.Count(), limit)
		}
	}
}

// TestSortQueriesShareOneWhereClause guards the hand-written SQL: the five
// sort queries must filter identically.
func TestSortQueriesShareOneWhereClause(t *testing.T) {
	b, err := os.ReadFile("../../queries/space_search.sql")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?s)-- name: (SearchSpaces\w+).*?\nWHERE (.*?)\n  AND \(CAST\(sqlc.arg\(has_cursor\)`)
	ms := re.FindAllStringSubmatch(string(b), -1)
	if len(ms) != len(search.Sorts) {
		t.Fatalf("found %d sort queries, want %d", len(ms), len(search.Sorts))
	}
	for _, m := range ms[1:] {
		if m[2] != ms[0][2] {
			t.Errorf("%s filters differently from %s", m[1], ms[0][1])
		}
	}
}
