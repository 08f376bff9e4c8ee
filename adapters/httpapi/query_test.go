package httpapi_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"testing"

	"github.com/ourspace/ourspace/adapters/httpapi"
)

func TestUnknownAndMalformedQueriesAre400(t *testing.T) {
	t.Parallel()
	srv, _, _ := newServer(t)
	cases := map[string]string{
		"/v1/spaces?district[]=1":                                  "query.district[]",
		"/v1/spaces?limit=5&Sort=price_asc":                        "query.Sort",
		"/v1/spaces?cursor=%%%":                                    "query",
		"/v1/spaces?limit=5;sort=newest":                           "query",
		"/v1/districts?v=2":                                        "query.v",
		"/v1/spaces/1?date=2026-12-02":                             "query.date",
		"/v1/spaces/1/availability?date=2026-12-02&day=2026-12-03": "query.day",
		"/v1/me/bookings?tab=past":                                 "query.tab", // before the missing token
		"/v1/spaces/1/reviews?page=2":                              "query.page",
	}
	for path, location := range cases {
		resp, body := get(t, srv.URL+path)
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %d %s, want a 400 problem: %s", path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
			continue
		}
		p := decodeString[problem](t, body)
		if len(p.Errors) == 0 || p.Errors[0].Location != location {
			t.Errorf("%s: problem %+v does not name %s", path, p, location)
		}
	}
	// Every unknown parameter is named, in order.
	_, body := get(t, srv.URL+"/v1/spaces?zeta=1&district=1&alpha=2")
	if p := decodeString[problem](t, body); len(p.Errors) != 2 || p.Errors[0].Location != "query.alpha" || p.Errors[1].Location != "query.zeta" {
		t.Errorf("two unknown parameters: %+v", p)
	}

	// Declared parameters, empty query strings and the routes outside the API
	// pass; so does the provider's redirect with parameters of its own.
	for path, status := range map[string]int{
		"/v1/spaces?limit=2&sort=newest&district=1": http.StatusOK,
		"/v1/spaces?":                    http.StatusOK,
		"/v1/districts":                  http.StatusOK,
		"/healthz?probe=1":               http.StatusOK,
		"/docs/?x=1":                     http.StatusOK,
		"/openapi.json?v=1":              http.StatusOK,
		"/auth/complete?from=kakao":      http.StatusOK,
		"/media/demo/spaces/1/0.svg?v=2": http.StatusOK,
		"/v1/auth/kakao/callback?code=c&state=s&error_description=x&iss=https%3A%2F%2Fkauth.kakao.com": http.StatusUnauthorized, // no login cookie
	} {
		if resp, body := get(t, srv.URL+path); resp.StatusCode != status {
			t.Errorf("%s: %d, want %d: %s", path, resp.StatusCode, status, body)
		}
	}
}

func TestArrayFiltersTakeRepeatedAndCommaSeparatedValues(t *testing.T) {
	t.Parallel()
	api, _ := newTestAPI(t, 60)
	var district map[int64]int64 // space id → district id, from the last call
	ids := func(query string) []int64 {
		t.Helper()
		rec := api.Get("/v1/spaces?limit=100&sort=newest&" + query)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", query, rec.Code, rec.Body)
		}
		var out []int64
		district = map[int64]int64{}
		for _, it := range decode[httpapi.SpaceList](t, rec).Items {
			out = append(out, it.ID)
			district[it.ID] = it.District.ID
		}
		return out
	}
	repeated := ids("district=1&district=3")
	for id, d := range district {
		if d != 1 && d != 3 {
			t.Errorf("space %d is in district %d", id, d)
		}
	}
	if len(repeated) == 0 || len(repeated) == len(ids("")) {
		t.Fatalf("the fixture should have some but not all spaces in districts 1 and 3: %d", len(repeated))
	}
	for _, q := range []string{"district=1,3", "district=3,1", "district=1&district=3,1", "district=%201%20,%203", "district=&district=1,3"} {
		if got := ids(q); !slices.Equal(got, repeated) {
			t.Errorf("%s: %v, want %v", q, got, repeated)
		}
	}
	if got, want := ids("facility=1,2&category=1,2"), ids("facility=1&facility=2&category=1&category=2"); !slices.Equal(got, want) {
		t.Errorf("facilities and categories, comma-separated: %v, repeated: %v", got, want)
	}
	if got := ids("district="); len(got) != len(ids("")) {
		t.Errorf("an empty district filters: %d results", len(got))
	}

	for query, location := range map[string]string{
		"district=1,x":              "query.district",
		"district=1,,3":             "query.district",
		"district=1,":               "query.district",
		"district=1&district=2,3.5": "query.district",
		"category=1,a":              "query.category",
		"facility=,2":               "query.facility",
		"district=0,1":              "query.district",
	} {
		rec := api.Get("/v1/spaces?" + query)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422: %s", query, rec.Code, rec.Body)
			continue
		}
		if p := decode[problem](t, rec); len(p.Errors) == 0 || p.Errors[0].Location != location {
			t.Errorf("%s: problem %+v does not name %s", query, p, location)
		}
	}
}

func decodeString[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("decode %T from %s: %v", v, s, err)
	}
	return v
}

// A query string that does not parse is 400 on every operation, before
// sign-in is checked, even where the provider writes the query string.
func TestMalformedQueryStringsAre400OnEveryOperation(t *testing.T) {
	t.Parallel()
	srv, _, _ := newServer(t)
	pathParam := regexp.MustCompile(`\{[^}]+\}`)
	n := 0
	for path, item := range httpapi.Spec().Paths {
		for method := range operations(item) {
			for _, query := range []string{"cursor=%%%", "date=%zz", "%zz", "limit=5;x", "date=2026-12-02%"} {
				n++
				target := srv.URL + pathParam.ReplaceAllString(path, "1") + "?" + query
				status, body, _ := call(t, method, target, "", nil)
				if got := locations(body); status != http.StatusBadRequest || len(got) != 1 || got[0] != "query" {
					t.Errorf("%s %s: %d %v, want a 400 problem naming the query", method, target, status, body)
				}
			}
		}
	}
	if n < 5*30 {
		t.Errorf("only %d requests: the contract lost its operations?", n/5)
	}
}

// A parameter that takes one value, given twice, is 400: Huma would read
// the first and drop the other. Array parameters may repeat.
func TestRepeatedSingleValueParametersAre400(t *testing.T) {
	t.Parallel()
	srv, _, _ := newServer(t)
	for path, location := range map[string]string{
		"/v1/spaces?date=2026-12-02&date=2026-12-03":              "query.date",
		"/v1/spaces?limit=1&limit=100":                            "query.limit",
		"/v1/spaces?sort=newest&district=1&sort=price_asc":        "query.sort",
		"/v1/spaces/1/availability?date=2026-12-02&date=":         "query.date",
		"/v1/spaces/1/reviews?cursor=a&cursor=b":                  "query.cursor",
		"/v1/me/bookings?status=past&status=upcoming":             "query.status", // before the missing token
		"/v1/me/hosting/bookings?from=2026-12-01&from=2026-12-02": "query.from",
	} {
		resp, body := get(t, srv.URL+path)
		p := decodeString[problem](t, body)
		if resp.StatusCode != http.StatusBadRequest || len(p.Errors) != 1 || p.Errors[0].Location != location {
			t.Errorf("%s: %d %+v, want 400 naming %s", path, resp.StatusCode, p, location)
		}
	}
	for _, path := range []string{"/v1/spaces?district=1&district=2&facility=1&facility=2", "/v1/spaces?category=1&category=2,3"} {
		if resp, body := get(t, srv.URL+path); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d %s", path, resp.StatusCode, body)
		}
	}
}
