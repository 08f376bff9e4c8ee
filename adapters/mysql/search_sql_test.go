package mysql

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
)

var builderNow = time.Date(2026, 12, 1, 13, 20, 0, 0, calendar.Seoul)

func builtFor(t *testing.T, p search.Params, req query.SearchRequest, text textPlan) (string, []any) {
	t.Helper()
	f, err := search.NewFilter(p)
	if err != nil {
		t.Fatal(err)
	}
	req.Filter = f
	if req.Sort == (search.Sort{}) {
		req.Sort = search.SortPopular
	}
	if req.Limit == 0 {
		req.Limit = 21
	}
	if req.Now.IsZero() {
		req.Now = builderNow
	}
	stmt, args, ok := searchStatement(req, text)
	if !ok {
		t.Fatalf("%+v: no statement", p)
	}
	if n := strings.Count(stmt, "?"); n != len(args) {
		t.Fatalf("%+v: %d placeholders, %d arguments", p, n, len(args))
	}
	return stmt, args
}

// TestSearchStatementWritesOnlyTheFiltersInUse builds a statement for each
// filter alone: it holds that filter's conditions and no other's.
func TestSearchStatementWritesOnlyTheFiltersInUse(t *testing.T) {
	price := func(v int64) *int64 { return &v }
	tomorrow := calendar.DateOf(builderNow).AddDays(1).String()
	marks := map[string]string{
		"district":        "s.district_id IN",
		"category":        "s.category_id IN",
		"facility bits":   "s.facility_bits &",
		"facility rows":   "space_facilities sf",
		"people":          "s.capacity_min <=",
		"min price":       "s.list_price >=",
		"max price":       "s.list_price <=",
		"words":           "s.search_text LIKE",
		"full-text":       "MATCH(",
		"candidates":      "s.id IN",
		"area":            "s.lat BETWEEN",
		"date":            "space_closed_dates",
		"hourly slots":    "clock_hours",
		"hourly window":   "oh.open_minute <=",
		"package window":  "p.start_minute <=",
		"cursor":          "s.like_count <",
		"viewer's likes":  "JOIN likes l",
		"count":           "COUNT(*) FROM (SELECT 1",
		"filters in text": "sqlc.",
	}
	for _, tt := range []struct {
		name   string
		params search.Params
		req    query.SearchRequest
		text   textPlan
		want   []string
	}{
		{"nothing", search.Params{}, query.SearchRequest{}, textPlan{}, nil},
		{"district", search.Params{Districts: []int64{3, 1}}, query.SearchRequest{}, textPlan{}, []string{"district"}},
		{"category", search.Params{Categories: []int64{2}}, query.SearchRequest{}, textPlan{}, []string{"category"}},
		{"facilities", search.Params{Facilities: []int64{1, 62}}, query.SearchRequest{}, textPlan{}, []string{"facility bits"}},
		{"facility beyond the bits", search.Params{Facilities: []int64{63}}, query.SearchRequest{}, textPlan{}, []string{"facility rows"}},
		{"people", search.Params{People: 4}, query.SearchRequest{}, textPlan{}, []string{"people"}},
		{"min price", search.Params{MinPrice: price(0)}, query.SearchRequest{}, textPlan{}, []string{"min price"}},
		{"max price", search.Params{MaxPrice: price(50000)}, query.SearchRequest{}, textPlan{}, []string{"max price"}},
		{"common words", search.Params{Text: "강남 파티"}, query.SearchRequest{}, textPlan{page: textCond{likes: []string{"%강남%", "%파티%"}}}, []string{"words"}},
		{"common words counted through the full-text index", search.Params{Text: "강남"}, query.SearchRequest{Count: true},
			textPlan{page: textCond{likes: []string{"%강남%"}}, count: textCond{likes: []string{"%강남%"}, match: "+b1c0cd2f0"}},
			[]string{"words", "full-text", "count"}},
		{"rare words", search.Params{Text: "히든룸"}, query.SearchRequest{}, textPlan{page: textCond{likes: []string{"%히든룸%"}, ids: []int64{5, 9}}},
			[]string{"words", "candidates"}},
		{"area", search.Params{Area: &search.Area{South: 37.4, West: 126.9, North: 37.6, East: 127.1}}, query.SearchRequest{}, textPlan{}, []string{"area"}},
		{"date", search.Params{Date: tomorrow}, query.SearchRequest{}, textPlan{}, []string{"date", "hourly slots"}},
		{"date and hours", search.Params{Date: tomorrow, Start: "10:00", End: "12:00"}, query.SearchRequest{}, textPlan{},
			[]string{"date", "hourly window", "package window"}},
		{"date and minutes", search.Params{Date: tomorrow, Start: "10:30", End: "12:00"}, query.SearchRequest{}, textPlan{},
			[]string{"date", "package window"}},
		{"cursor", search.Params{}, query.SearchRequest{After: &query.Keyset{Key: 3, ID: 40}}, textPlan{}, []string{"cursor"}},
		{"viewer", search.Params{}, query.SearchRequest{Viewer: 7}, textPlan{}, []string{"viewer's likes"}},
		{"count", search.Params{}, query.SearchRequest{Count: true}, textPlan{}, []string{"count"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stmt, _ := builtFor(t, tt.params, tt.req, tt.text)
			for name, mark := range marks {
				if got, want := strings.Contains(stmt, mark), slices.Contains(tt.want, name); got != want {
					t.Errorf("%s written: %v, want %v\n%s", name, got, want, stmt)
				}
			}
		})
	}
}

// TestSearchStatementTakesInputOnlyAsArguments builds statements from
// hostile input: none of it reaches the text, all of it the arguments.
func TestSearchStatementTakesInputOnlyAsArguments(t *testing.T) {
	words := "x');DROP/**/TABLE/**/spaces;-- 100%_\\ \"`"
	stmt, args := builtFor(t, search.Params{Text: words, Districts: []int64{42}}, query.SearchRequest{Viewer: 99, After: &query.Keyset{Key: 7, ID: 8}},
		textPlan{page: textCond{likes: []string{`%x');drop table spaces;--%`, `%100\%\_\\%`, "%\"`%"}, match: "+u00078", ids: []int64{4242}}})
	for _, bad := range []string{"DROP", "drop", "100", "42", "99", "u00078", "`", `"`, "\\"} { // 4242 contains 42
		if strings.Contains(stmt, bad) {
			t.Errorf("input %q is in the statement's text: %s", bad, stmt)
		}
	}
	for _, want := range []any{`%x');drop table spaces;--%`, `%100\%\_\\%`, "+u00078", int64(42), int64(4242), int64(99), int64(7), int64(8)} {
		if !slices.Contains(args, want) {
			t.Errorf("argument %v missing from %v", want, args)
		}
	}
}

// TestSearchStatementCountsWhatItPages: the page and the count are written
// by one WHERE, so they filter alike (the text plan aside).
func TestSearchStatementCountsWhatItPages(t *testing.T) {
	tomorrow := calendar.DateOf(builderNow).AddDays(1).String()
	stmt, _ := builtFor(t, search.Params{Districts: []int64{1, 2}, Facilities: []int64{3}, People: 2, Date: tomorrow, Start: "18:00", End: "22:00", Text: "파티"},
		query.SearchRequest{Count: true, After: &query.Keyset{Key: 1, ID: 2}},
		textPlan{page: textCond{likes: []string{"%파티%"}, ids: []int64{3, 4}}, count: textCond{likes: []string{"%파티%"}, ids: []int64{3, 4}}})
	m := regexp.MustCompile(`FROM spaces s WHERE (.*?) LIMIT \?\) counted.*FROM spaces s WHERE (.*?) ORDER BY`).FindStringSubmatch(stmt)
	if m == nil {
		t.Fatalf("no count and page in %s", stmt)
	}
	if page := strings.TrimSuffix(m[2], " AND "+string(sortSQL[search.SortPopular].after)); page != m[1] {
		t.Errorf("the count filters by\n%s\nthe page by\n%s", m[1], page)
	}
}

func TestSearchStatementKnowsEverySortAndNoOther(t *testing.T) {
	for _, s := range search.Sorts {
		stmt, args := builtFor(t, search.Params{}, query.SearchRequest{Sort: s, After: &query.Keyset{Key: 5, ID: 6}}, textPlan{})
		if !strings.Contains(stmt, string(sortSQL[s].order)) || !slices.Contains(args, any(int64(6))) {
			t.Errorf("%s: %s %v", s, stmt, args)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("an unknown sort was written")
		}
	}()
	searchStatement(query.SearchRequest{Sort: search.Sort{}, Limit: 2, Now: builderNow}, textPlan{})
}

func TestSearchStatementSkipsDatesNoSpaceCanMatch(t *testing.T) {
	f, err := search.NewFilter(search.Params{Date: calendar.DateOf(builderNow).AddDays(200).String()})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok := searchStatement(query.SearchRequest{Filter: f, Sort: search.SortPopular, Limit: 2, Now: builderNow}, textPlan{}); ok {
		t.Error("a statement for a date beyond the booking horizon")
	}
}

// TestTextPlanFollowsTokenCounts: among 100,000 spaces, a page of 21 walks
// the sort's index for words in about 1,000 spaces or more, and goes
// through the candidates of each word's rarest token (unless it is in most
// spaces) for rarer words and for common words that together are rare. The
// count of a walk narrows by the full-text index, unless the words are in
// most spaces or districts narrow the search.
func TestTextPlanFollowsTokenCounts(t *testing.T) {
	tok := func(w string) string { return search.QueryTokens([]string{w})[0] }
	snap := &tokenSnapshot{spaces: 100_000, counts: map[string]int64{
		tok("서울"): 100_000, tok("강남"): 12_761, tok("홍대"): 1_645, tok("파티"): 16_000, tok("티룸"): 15_000,
		tok("역삼"): 1_100, tok("히든"): 900,
	}}
	for _, tt := range []struct {
		q, postings, count string
		districts          []int64
	}{
		{q: "서울", postings: "", count: ""}, // in most spaces: the count walks too
		{q: "강남", postings: "", count: "+" + tok("강남")},
		{q: "파티룸", postings: "", count: "+" + tok("티룸")},
		{q: "역삼", postings: "", count: "+" + tok("역삼")},
		{q: "히든", postings: tok("히든")},
		{q: "히든룸", postings: search.QueryTokens([]string{"든룸"})[0]}, // 든룸 is not counted: rarer still
		{q: "강남 홍대", postings: tok("강남") + " " + tok("홍대")},
		{q: "서울 강남", postings: "", count: "+" + tok("강남")},
		{q: "서울 서울", postings: "", count: ""},
		{q: "강남", districts: []int64{1}, postings: "", count: ""},
		{q: "히든", districts: []int64{1}, postings: tok("히든")},
	} {
		f, err := search.NewFilter(search.Params{Text: tt.q, Districts: tt.districts})
		if err != nil {
			t.Fatal(err)
		}
		p := snap.plan(f, 21, nil)
		if got := strings.Join(p.postings, " "); got != tt.postings || p.count.match != tt.count || p.page.match != "" ||
			len(p.page.likes) != len(f.Words) || len(p.count.likes) != len(f.Words) {
			t.Errorf("%q in %v: postings %q, count %q, page %+v; want %q, %q", tt.q, tt.districts, got, p.count.match, p.page, tt.postings, tt.count)
		}
	}
}

// TestTextPlanGoesByItsCandidates: the page goes through the candidates of
// rare words while they are fewer than sqrt(limit·n/2), the count while
// they are at most maxCountIDs; past that the page walks and the count
// takes the full-text index.
func TestTextPlanGoesByItsCandidates(t *testing.T) {
	f, err := search.NewFilter(search.Params{Text: "히든"})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(n int) []int64 {
		out := make([]int64, n)
		for i := range out {
			out[i] = int64(i + 1)
		}
		return out
	}
	snap := &tokenSnapshot{spaces: 100_000, counts: map[string]int64{}}
	for _, tt := range []struct {
		candidates        int
		page, count, full bool
	}{
		{candidates: 1, page: true, count: true},
		{candidates: 1024, page: true, count: true}, // sqrt(21 · 100,000 / 2) = 1,024.7
		{candidates: 1025, count: true},
		{candidates: maxCountIDs, count: true},
		{candidates: maxCountIDs + 1, full: true},
	} {
		p := snap.plan(f, 21, nil)
		if len(p.postings) != 1 {
			t.Fatalf("plan %+v: want the postings of the one token", p)
		}
		p.withCandidates(ids(tt.candidates))
		if (p.page.ids != nil) != tt.page || (p.count.ids != nil) != tt.count || (p.count.match != "") != tt.full || p.page.match != "" {
			t.Errorf("%d candidates: page ids %d, count ids %d, count match %q", tt.candidates, len(p.page.ids), len(p.count.ids), p.count.match)
		}
	}
}

// TestTextPlanLearnsFromCounts: words estimated rare that a count found in
// more than search.CountLimit spaces walk the sort's index; words estimated
// common that a count found in few go through their candidates.
func TestTextPlanLearnsFromCounts(t *testing.T) {
	tok := func(w string) string { return search.QueryTokens([]string{w})[0] }
	stats := NewTokenStats(nil)
	stats.current.Store(&tokenSnapshot{read: time.Now(), spaces: 100_000, counts: map[string]int64{
		tok("자연"): 6_500, tok("연광"): 6_500, tok("스튜"): 14_000, tok("튜디"): 14_000, tok("디오"): 14_000,
		tok("홍대"): 12_000, tok("연습"): 15_000, tok("습실"): 15_000,
	}})
	plan := func(q string) textPlan {
		f, err := search.NewFilter(search.Params{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		p, err := stats.plan(context.Background(), f, 21)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	filter := func(p search.Params) search.Filter {
		f, err := search.NewFilter(p)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	if len(plan("자연광 스튜디오").postings) == 0 || len(plan("홍대 연습실").postings) != 0 {
		t.Fatal("the estimates are not what the test needs")
	}
	stats.observe(filter(search.Params{Text: "자연광 스튜디오", Districts: []int64{1}}), search.CountLimit+1)
	stats.observe(filter(search.Params{Text: "홍대 연습실"}), 40)
	stats.observe(filter(search.Params{Text: "홍대 연습실 세미나", People: 2}), 3) // says nothing of the words alone
	if p := plan("자연광 스튜디오"); len(p.postings) != 0 {
		t.Errorf("more than %d matches: %+v, want a walk", search.CountLimit, p)
	}
	if p := plan("홍대 연습실"); len(p.postings) == 0 {
		t.Errorf("40 matches: %+v, want the candidates of the postings", p)
	}
	if _, ok := stats.seen["홍대 연습실 세미나"]; ok {
		t.Error("a count with other filters was taken for the words'")
	}
}

func TestTokenDeltas(t *testing.T) {
	got := tokenDeltas([]string{"a", "b", "c"}, []string{"b", "c", "d"})
	if len(got) != 2 || got["a"] != -1 || got["d"] != 1 {
		t.Errorf("deltas %v, want a -1 and d +1", got)
	}
	if got := tokenDeltas(nil, []string{"x"}); got["x"] != 1 || len(got) != 1 {
		t.Errorf("new space: %v", got)
	}
}
