package mysql

import (
	"context"
	"fmt"
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
		{"common words", search.Params{Text: "강남 파티"}, query.SearchRequest{}, textPlan{likes: []string{"%강남%", "%파티%"}}, []string{"words"}},
		{"rare words", search.Params{Text: "히든룸"}, query.SearchRequest{}, textPlan{likes: []string{"%히든룸%"}, pageMatch: "+b1788b4e0"},
			[]string{"words", "full-text"}},
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
		textPlan{likes: []string{`%x');drop table spaces;--%`, `%100\%\_\\%`, "%\"`%"}, pageMatch: "+u00078"})
	for _, bad := range []string{"DROP", "drop", "100", "42", "99", "u00078", "`", `"`, "\\"} {
		if strings.Contains(stmt, bad) {
			t.Errorf("input %q is in the statement's text: %s", bad, stmt)
		}
	}
	for _, want := range []any{`%x');drop table spaces;--%`, `%100\%\_\\%`, "+u00078", int64(42), int64(99), int64(7), int64(8)} {
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
		query.SearchRequest{Count: true, After: &query.Keyset{Key: 1, ID: 2}}, textPlan{likes: []string{"%파티%"}, pageMatch: "+b1c0cd2f0", countMatch: "+b1c0cd2f0"})
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
// through the full-text index, narrowed by each word's rarest token (unless
// it is in most spaces), for rarer words and for common words that together
// are rare.
func TestTextPlanFollowsTokenCounts(t *testing.T) {
	tok := func(w string) string { return search.QueryTokens([]string{w})[0] }
	snap := &tokenSnapshot{spaces: 100_000, counts: map[string]int64{
		tok("서울"): 100_000, tok("강남"): 12_761, tok("홍대"): 1_645, tok("파티"): 16_000, tok("티룸"): 15_000,
		tok("역삼"): 1_100, tok("히든"): 900,
	}}
	for _, tt := range []struct {
		q, page, count string
		districts      []int64
	}{
		{q: "서울", page: "", count: ""}, // in most spaces: the count walks too
		{q: "강남", page: "", count: "+" + tok("강남")},
		{q: "파티룸", page: "", count: "+" + tok("티룸")},
		{q: "역삼", page: "", count: "+" + tok("역삼")},
		{q: "히든", page: "+" + tok("히든"), count: "+" + tok("히든")},
		{q: "히든룸", page: "+" + search.QueryTokens([]string{"든룸"})[0], count: "+" + search.QueryTokens([]string{"든룸"})[0]}, // 든룸 is not counted: rarer still
		{q: "강남 홍대", page: fmt.Sprintf("+%s +%s", tok("강남"), tok("홍대")), count: fmt.Sprintf("+%s +%s", tok("강남"), tok("홍대"))},
		{q: "서울 강남", page: "", count: "+" + tok("강남")},
		{q: "서울 서울", page: "", count: ""},
		{q: "강남", districts: []int64{1}, page: "", count: ""},
		{q: "히든", districts: []int64{1}, page: "+" + tok("히든"), count: "+" + tok("히든")},
	} {
		f, err := search.NewFilter(search.Params{Text: tt.q, Districts: tt.districts})
		if err != nil {
			t.Fatal(err)
		}
		p := snap.plan(f, 21, nil)
		if p.pageMatch != tt.page || p.countMatch != tt.count || len(p.likes) != len(f.Words) {
			t.Errorf("%q in %v: page %q, count %q, %d likes; want %q, %q", tt.q, tt.districts, p.pageMatch, p.countMatch, len(p.likes), tt.page, tt.count)
		}
	}
}

// TestTextPlanLearnsFromCounts: words estimated rare that a count found in
// more than search.CountLimit spaces walk the sort's index; words estimated
// common that a count found in few go through the full-text index.
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
	if plan("자연광 스튜디오").pageMatch == "" || plan("홍대 연습실").pageMatch != "" {
		t.Fatal("the estimates are not what the test needs")
	}
	stats.observe(filter(search.Params{Text: "자연광 스튜디오", Districts: []int64{1}}), search.CountLimit+1)
	stats.observe(filter(search.Params{Text: "홍대 연습실"}), 40)
	stats.observe(filter(search.Params{Text: "홍대 연습실 세미나", People: 2}), 3) // says nothing of the words alone
	if p := plan("자연광 스튜디오"); p.pageMatch != "" {
		t.Errorf("more than %d matches: %+v, want a walk", search.CountLimit, p)
	}
	if p := plan("홍대 연습실"); p.pageMatch == "" {
		t.Errorf("40 matches: %+v, want the full-text index", p)
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
