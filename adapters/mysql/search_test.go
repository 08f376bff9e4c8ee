package mysql_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/availability"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
)

func int64p(v int64) *int64 { return &v }

// viewer is the world's guest (user 2), who likes every third space.
const viewer = 2

// TestSearchAgreesWithDomain walks every page of many searches in every sort
// order and checks that SQL returns exactly what search.Filter.Matches
// accepts, in the order search.Sort defines, each once, with the cards'
// fields and photos, the viewer's likes and the first page's count, in one
// statement a page.
func TestSearchAgreesWithDomain(t *testing.T) {
	t.Parallel()
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 13, 20, 0, 0, calendar.Seoul) // a Tuesday afternoon
	w := mysqltest.NewWorld(t, db, 160, 42, now)
	liked := likeSpaces(t, db, w)
	today := calendar.DateOf(now)
	day := func(n int) string { return today.AddDays(n).String() }
	cases := []search.Params{
		{},
		{Districts: []int64{1}},
		{Districts: []int64{1, 3}, Categories: []int64{2}},
		{Facilities: []int64{2}},
		{Facilities: []int64{1, 3}},
		{Facilities: []int64{1, 99}}, // no space has 99: beyond the bit set, looked up
		{People: 5},
		{People: 18},
		{MinPrice: int64p(40000)},
		{MaxPrice: int64p(60000)},
		{MinPrice: int64p(20000), MaxPrice: int64p(90000)},
		{Text: "강남역"},
		{Text: "강남"},
		{Text: "파티"}, // part of 파티룸
		{Text: "COZY"},
		{Text: "stud"}, // part of Studio
		{Text: "100%"},
		{Text: "a_b"},
		{Text: "홍"},
		{Text: "서울"}, // in every address: walks the sort's index
		{Text: "서울 테헤란로"},
		{Text: "감성 테헤란로"},
		{Text: "cozy 파티 서울"},
		{Text: "299"}, // in a few addresses: through its candidates
		{Text: "299 테헤란로"},
		{Text: "테헤란로 감성 299"},
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
		{Districts: []int64{1}, Text: "서울"},
	}
	counter := &mysql.CountingDB{DB: db}
	// The token counts are read through db, once a minute: not a page's statements.
	// The names of categories and districts come from the reference lists,
	// read outside the counter: once an hour, not once a search.
	names := query.NewReferenceHandler(mysql.NewReferenceReader(db), ports.FixedClock{At: now.UTC()}, time.Hour)
	h := query.NewSearchSpacesHandler(mysql.NewSpaceSearcher(counter, mysql.NewTokenStats(db)), ports.PrefixURLs{Base: "https://cdn.test/"}, ports.FixedClock{At: now.UTC()}).WithNames(names)
	byID := map[int64]search.Listing{}
	for _, l := range w.Listings {
		byID[int64(l.ID)] = l
	}
	total := 0
	for i, p := range cases {
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
		who := int64(0)
		if i%2 == 1 {
			who = viewer
		}
		for _, sort := range search.Sorts {
			// One statement a page, and one before it for the postings of
			// rare words (which may find no candidates and need no page);
			// none for a date no space can be booked on.
			fewest, most := int64(1), int64(1)
			if len(f.Words) > 0 {
				most = 2
			}
			if f.Date != nil && today.DaysUntil(*f.Date) > availability.MaxDaysAhead {
				fewest, most = 0, 0
			}
			t.Run(fmt.Sprintf("%s/%+v/viewer %d", sort, p, who), func(t *testing.T) {
				expected := slices.Clone(want)
				slices.SortFunc(expected, sort.Compare)
				var got []int64
				cursor := ""
				for pages := 0; ; pages++ {
					if pages > 200 {
						t.Fatal("pagination does not end")
					}
					counter.Reset()
					page, err := h.Handle(context.Background(), query.SearchSpaces{Params: p, Sort: sort.String(), Cursor: cursor, Limit: 7, Viewer: who})
					if err != nil {
						t.Fatal(err)
					}
					if n := counter.Count(); n < fewest || n > most {
						t.Errorf("page %d of %d cards ran %d statements, want %d to %d", pages, len(page.Items), n, fewest, most)
					}
					if pages == 0 && (page.Total == nil || *page.Total != (query.Total{Count: len(want)})) {
						t.Errorf("first page total %+v, want %d", page.Total, len(want))
					}
					if pages > 0 && page.Total != nil {
						t.Errorf("page %d has a total", pages)
					}
					for _, c := range page.Items {
						got = append(got, c.ID)
						checkCard(t, sort, c, byID[c.ID], who != 0 && liked[c.ID])
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

// likeSpaces has the viewer like every third space, and gives them. The
// like counts stay as the world set them.
func likeSpaces(t *testing.T, db *sql.DB, w *mysqltest.World) map[int64]bool {
	t.Helper()
	liked := map[int64]bool{}
	var rows []mysql.LikeRow
	for _, l := range w.Listings {
		if l.ID%3 == 0 {
			liked[int64(l.ID)] = true
			rows = append(rows, mysql.LikeRow{UserID: viewer, SpaceID: int64(l.ID), CreatedAt: w.Now})
		}
	}
	if err := mysql.NewBulk(db).Likes(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
	return liked
}

// checkCard compares a card with the listing it shows.
func checkCard(t *testing.T, sort search.Sort, c query.SpaceCard, l search.Listing, liked bool) {
	t.Helper()
	if len(c.Photos) != 2 || !strings.HasPrefix(c.Photos[0].URL, "https://cdn.test/s/") || c.Photos[0].ThumbURL != c.Photos[0].URL || c.Photos[0].ID == 0 {
		t.Errorf("space %d photos = %+v", c.ID, c.Photos)
	}
	var hourly *int64
	minHours := 0
	if h, ok := l.Pricing.Hourly(); ok {
		price := int64(h.PricePerHour)
		hourly, minHours = &price, h.MinHours
	}
	wantUnit := query.UnitOfListPrice(hourly, minHours, int64(l.Pricing.ListPrice()))
	if c.ListPrice != int64(l.Pricing.ListPrice()) || c.ListPriceUnit != wantUnit || (c.HourlyPrice == nil) != (hourly == nil) ||
		(hourly != nil && *c.HourlyPrice != *hourly) {
		t.Errorf("space %d prices: list %d %s, hourly %v; want %d %s, %v", c.ID, c.ListPrice, c.ListPriceUnit, c.HourlyPrice,
			l.Pricing.ListPrice(), wantUnit, hourly)
	}
	if c.Likes != l.Likes || c.Rating != (query.Rating{Count: l.RatingCount, Sum: l.RatingSum}) || c.Liked != liked ||
		c.SortKey != sort.Key(l) || c.Title != l.Title || c.Category.Name == "" || c.District.ID != l.DistrictID {
		t.Errorf("space %d card %+v does not show %+v (liked %v)", c.ID, c, l, liked)
	}
}

// TestSearchPageRunsOneStatement pins the statements of a page, whatever
// its size, with and without a viewer and words, with the count (capped
// above search.CountLimit) and without it: one, and one more before it to
// read the postings of rare words.
func TestSearchPageRunsOneStatement(t *testing.T) {
	t.Parallel()
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, calendar.Seoul)
	w := mysqltest.NewWorld(t, db, 1300, 3, now)
	liked := likeSpaces(t, db, w)
	active := 0
	for _, l := range w.Listings {
		if l.Status.String() == "active" {
			active++
		}
	}
	if active <= search.CountLimit {
		t.Fatalf("fixture: %d active spaces, want more than %d", active, search.CountLimit)
	}
	counter := &mysql.CountingDB{DB: db}
	// The searcher itself, not the use case: it keeps counts for a minute,
	// and here every page asks for the count or not as the loop says.
	stats := mysql.NewTokenStats(db)
	searcher := mysql.NewSpaceSearcher(counter, stats)
	for _, limit := range []int{1, 10, 100} {
		for _, who := range []int64{0, viewer} {
			for _, q := range []string{"", "서울", "299", "감성 서울"} {
				for _, count := range []bool{true, false} {
					f, err := search.NewFilter(search.Params{Text: q})
					if err != nil {
						t.Fatal(err)
					}
					counter.Reset()
					res, err := searcher.SearchSpaces(context.Background(), query.SearchRequest{Filter: f, Sort: search.SortPopular, Limit: limit, Now: now, Viewer: who, Count: count})
					if err != nil {
						t.Fatal(err)
					}
					statements := int64(1)
					postings, err := mysql.ReadsPostings(context.Background(), stats, f, limit)
					if err != nil {
						t.Fatal(err)
					}
					if postings {
						statements = 2
					}
					// 299 is in a few addresses: rare at any page size.
					if postings != (q == "299" || (q == "감성 서울" && limit == 100)) {
						t.Errorf("limit %d, q %q: reads postings %v", limit, q, postings)
					}
					if counter.Count() != statements || len(res.Cards) == 0 || (res.Total != nil) != count {
						t.Errorf("limit %d, viewer %d, q %q, count %v: %d cards (total %v) in %d statements, want %d",
							limit, who, q, count, len(res.Cards), res.Total, counter.Count(), statements)
					}
					if q == "" && (len(res.Cards) != limit || (count && *res.Total != (query.Total{Count: search.CountLimit, Capped: true}))) {
						t.Errorf("limit %d: %d cards, total %+v; want %d, %d and more", limit, len(res.Cards), res.Total, limit, search.CountLimit)
					}
					for _, c := range res.Cards {
						if c.Liked != (who != 0 && liked[c.ID]) {
							t.Errorf("viewer %d, space %d: liked %v", who, c.ID, c.Liked)
						}
						if len(c.Photos) != 2 || c.Photos[0].Keys.Detail != fmt.Sprintf("s/%d/0.jpg", c.ID) {
							t.Errorf("space %d: photos %+v", c.ID, c.Photos)
						}
					}
				}
			}
		}
	}
	// A date beyond the booking horizon runs none.
	f, err := search.NewFilter(search.Params{Date: calendar.DateOf(now).AddDays(400).String()})
	if err != nil {
		t.Fatal(err)
	}
	counter.Reset()
	if res, err := searcher.SearchSpaces(context.Background(), query.SearchRequest{Filter: f, Sort: search.SortPopular, Limit: 10, Now: now, Count: true}); err != nil ||
		len(res.Cards) != 0 || counter.Count() != 0 {
		t.Errorf("a date no space can be booked on: %+v, %v in %d statements, want none", res, err, counter.Count())
	}
}

// TestSearchPlansUseTheirIndexes reads the plans of built statements: a
// common word walks the sort's index checking each row (its count narrowed
// by the full-text index), a rare one reads its candidates by their ids and
// sorts them; facilities and capacity are checked in the sort's index,
// which the count reads alone.
func TestSearchPlansUseTheirIndexes(t *testing.T) {
	t.Parallel()
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, calendar.Seoul)
	mysqltest.NewWorld(t, db, 2000, 5, now)
	if _, err := db.Exec("ANALYZE TABLE spaces"); err != nil {
		t.Fatal(err)
	}
	stats := mysql.NewTokenStats(db)
	for _, tt := range []struct {
		name   string
		params search.Params
		sort   search.Sort
		// the index the page's and the count's reads of spaces use, and
		// whether the count reads that index alone
		page, count string
		covered     bool
		sorted      bool // the page sorts the rows it reads
	}{
		// The count may also scan the table: the word is in most rows, so its
		// LIMIT (search.CountLimit+1) ends the scan as soon as an index would;
		// MariaDB picks either, by its sampled statistics.
		{"word in most spaces", search.Params{Text: "서울"}, search.SortPopular, "spaces_popular", "", false, false},
		{"common word", search.Params{Text: "테헤란로"}, search.SortNewest, "PRIMARY", "spaces_search", false, false},
		{"common words", search.Params{Text: "서울 테헤란로"}, search.SortPriceAsc, "spaces_price", "spaces_search", false, false},
		{"rare word", search.Params{Text: "299"}, search.SortPopular, "PRIMARY", "PRIMARY", false, true},
		{"common word in a district", search.Params{Text: "서울", Districts: []int64{2}, Categories: []int64{1}}, search.SortPopular,
			"spaces_district_category_popular", "spaces_district_category", false, false},
		{"people and facilities", search.Params{People: 4, Facilities: []int64{1, 3}}, search.SortRating, "spaces_rating", "spaces_", true, false},
	} {
		f, err := search.NewFilter(tt.params)
		if err != nil {
			t.Fatal(err)
		}
		stmt, args, _, err := mysql.SearchStatement(context.Background(), db, stats, query.SearchRequest{Filter: f, Sort: tt.sort, Limit: 21, Now: now, Count: true})
		if err != nil {
			t.Fatal(err)
		}
		accesses := spacesAccesses(t, db, stmt, args)
		if len(accesses) != 2 {
			t.Fatalf("%s: %d reads of spaces besides the cards' (%v), want the count's and the page's", tt.name, len(accesses), accesses)
		}
		for i, want := range []string{tt.count, tt.page} {
			a := accesses[i]
			if want == "" && i == 0 && a.access == "ALL" {
				continue
			}
			if !strings.HasPrefix(a.key, want) || a.access == "ALL" || (a.key == "spaces_search") != (a.access == "fulltext") {
				t.Errorf("%s: the %s reads spaces by %s %s, want %s: %v", tt.name, []string{"count", "page"}[i], a.access, a.key, want, accesses)
			}
		}
		if page := accesses[1]; strings.Contains(page.extra, "filesort") != tt.sorted {
			t.Errorf("%s: the page sorts what it reads: %v, want %v: %v", tt.name, !tt.sorted, tt.sorted, page)
		}
		if page := accesses[1]; tt.sorted && page.access != "range" {
			t.Errorf("%s: the page reads its candidates by %s, want a range of ids: %v", tt.name, page.access, page)
		}
		if tt.covered && !strings.Contains(accesses[0].extra, "Using index") {
			t.Errorf("%s: the count reads rows, not only %s: %v", tt.name, accesses[0].key, accesses[0])
		}
	}
}

// access is how a plan reads one table.
type access struct {
	id                 int
	access, key, extra string
}

// spacesAccesses gives the reads of spaces as s in the plan of stmt, in the
// order of their SELECTs: the count's (a subquery of the select list)
// before the page's.
func spacesAccesses(t *testing.T, db *sql.DB, stmt string, args []any) []access {
	t.Helper()
	rows, err := db.Query("EXPLAIN "+stmt, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []access
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := map[string]string{}
		for i, c := range cols {
			row[strings.ToLower(c)] = vals[i].String
		}
		if row["table"] == "s" {
			id, _ := strconv.Atoi(row["id"])
			out = append(out, access{id: id, access: row["type"], key: row["key"], extra: row["extra"]})
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(out, func(a, b access) int { return a.id - b.id })
	return out
}

// TestCandidatesAreTheSpacesWithEveryToken reads the postings of one to
// three tokens, common and rare, and compares the intersection with the
// tokens the spaces store.
func TestCandidatesAreTheSpacesWithEveryToken(t *testing.T) {
	t.Parallel()
	db, _ := mysqltest.NewDatabase(t)
	mysqltest.NewWorld(t, db, 600, 11, time.Date(2026, 12, 1, 9, 0, 0, 0, calendar.Seoul))
	rows, err := db.Query("SELECT id, search_tokens FROM spaces")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	spaces := map[int64][]string{}
	for rows.Next() {
		var id int64
		var tokens string
		if err := rows.Scan(&id, &tokens); err != nil {
			t.Fatal(err)
		}
		spaces[id] = strings.Fields(tokens)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	tok := func(w string) string { return search.QueryTokens([]string{w})[0] }
	nonEmpty := 0
	for _, tokens := range [][]string{
		{tok("서울")}, {tok("29")}, {tok("서울"), tok("29")}, {tok("감성"), tok("서울")},
		{tok("감성"), tok("29"), tok("서울")}, {tok("없다")}, {tok("서울"), tok("없다")},
	} {
		var want []int64
		for id, have := range spaces {
			if !slices.ContainsFunc(tokens, func(t string) bool { return !slices.Contains(have, t) }) {
				want = append(want, id)
			}
		}
		slices.Sort(want)
		got, err := mysql.Candidates(context.Background(), db, tokens)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%v: %d candidates %v, %v; want %d", tokens, len(got), got, err, len(want))
		}
		if len(want) > 0 {
			nonEmpty++
		}
	}
	if nonEmpty < 4 {
		t.Fatalf("fixture: only %d token sets have spaces", nonEmpty)
	}
}
