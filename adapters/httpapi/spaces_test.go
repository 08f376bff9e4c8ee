package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
	"github.com/ourspace/ourspace/domain/space"
)

func TestReferenceEndpoints(t *testing.T) {
	api, _ := newTestAPI(t, 5)
	for path, want := range map[string]int{"/v1/districts": 3, "/v1/categories": 3, "/v1/facilities": 4} {
		rec := api.Get(path)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
		}
		body := decode[struct {
			Items []struct {
				ID      int64  `json:"id"`
				Name    string `json:"name"`
				IconURL string `json:"icon_url"`
			} `json:"items"`
		}](t, rec)
		if len(body.Items) != want {
			t.Errorf("%s: %d items, want %d", path, len(body.Items), want)
		}
		for _, it := range body.Items {
			if it.Name == "" || !strings.HasPrefix(it.IconURL, publicURL+"/") {
				t.Errorf("%s: item %+v lacks a name or an absolute icon URL", path, it)
			}
		}
	}
}

func listAll(t *testing.T, get func(string) (int, httpapi.SpaceList, string), q url.Values) []httpapi.SpaceSummary {
	t.Helper()
	var all []httpapi.SpaceSummary
	seen := map[int64]bool{}
	for pages := 0; ; pages++ {
		if pages > 100 {
			t.Fatal("pagination does not end")
		}
		code, page, raw := get("/v1/spaces?" + q.Encode())
		if code != http.StatusOK {
			t.Fatalf("GET /v1/spaces?%s: %d %s", q.Encode(), code, raw)
		}
		for _, it := range page.Items {
			if seen[it.ID] {
				t.Fatalf("space %d returned twice", it.ID)
			}
			seen[it.ID] = true
			all = append(all, it)
		}
		if page.NextCursor == "" {
			return all
		}
		q.Set("cursor", page.NextCursor)
	}
}

func TestListSpacesFiltersSortsAndPages(t *testing.T) {
	api, w := newTestAPI(t, 90)
	byID := map[int64]search.Listing{}
	for _, l := range w.Listings {
		byID[int64(l.ID)] = l
	}
	get := func(path string) (int, httpapi.SpaceList, string) {
		rec := api.Get(path)
		if rec.Code != http.StatusOK {
			return rec.Code, httpapi.SpaceList{}, rec.Body.String()
		}
		return rec.Code, decode[httpapi.SpaceList](t, rec), ""
	}
	today := calendar.DateOf(testNow)
	tomorrow := today.AddDays(1).String()
	p := func(v int64) *int64 { return &v }
	cases := []struct {
		query  string
		params search.Params
	}{
		{"", search.Params{}},
		{"district=1&district=3", search.Params{Districts: []int64{1, 3}}},
		{"category=2", search.Params{Categories: []int64{2}}},
		{"facility=1&facility=2", search.Params{Facilities: []int64{1, 2}}},
		{"people=6", search.Params{People: 6}},
		{"date=" + tomorrow, search.Params{Date: tomorrow}},
		{"date=" + tomorrow + "&start=15:00&end=22:00", search.Params{Date: tomorrow, Start: "15:00", End: "22:00"}},
		{"min_price=30000&max_price=90000", search.Params{MinPrice: p(30000), MaxPrice: p(90000)}},
		{"max_price=0", search.Params{MaxPrice: p(0)}},
		{"q=" + url.QueryEscape("강남"), search.Params{Text: "강남"}},
		{"q=" + url.QueryEscape("studio 감성"), search.Params{Text: "studio 감성"}},
		{"bbox=37.45,126.9,37.6,127.1", search.Params{Area: &search.Area{South: 37.45, West: 126.9, North: 37.6, East: 127.1}}},
		{"district=2&category=1&people=2&date=" + tomorrow, search.Params{Districts: []int64{2}, Categories: []int64{1}, People: 2, Date: tomorrow}},
	}
	for _, c := range cases {
		for _, sort := range search.Sorts {
			t.Run(c.query+"/"+sort.String(), func(t *testing.T) {
				f, err := search.NewFilter(c.params)
				if err != nil {
					t.Fatal(err)
				}
				want := map[int64]bool{}
				for _, l := range w.Listings {
					if f.Matches(l, testNow.UTC()) {
						want[int64(l.ID)] = true
					}
				}
				q, _ := url.ParseQuery(c.query)
				q.Set("sort", sort.String())
				q.Set("limit", "9")
				items := listAll(t, get, q)
				if len(items) != len(want) {
					t.Fatalf("%d results, want %d", len(items), len(want))
				}
				for i, it := range items {
					if !want[it.ID] {
						t.Errorf("space %d should not match", it.ID)
					}
					if i > 0 && sort.Compare(byID[items[i-1].ID], byID[it.ID]) >= 0 {
						t.Errorf("items %d and %d out of %s order", items[i-1].ID, it.ID, sort)
					}
					if len(it.Photos) == 0 || it.Photos[0].ThumbnailURL == "" || it.Category.Name == "" || it.District.Name == "" || it.LowestPrice <= 0 {
						t.Errorf("space %d: incomplete summary %+v", it.ID, it)
					}
				}
			})
		}
	}
	t.Run("default page", func(t *testing.T) {
		code, page, raw := get("/v1/spaces")
		if code != http.StatusOK || len(page.Items) != search.DefaultLimit || page.NextCursor == "" {
			t.Fatalf("default page: %d, %d items, cursor %q %s", code, len(page.Items), page.NextCursor, raw)
		}
	})
	t.Run("total and cards", func(t *testing.T) {
		active := 0
		for _, l := range w.Listings {
			if l.Status == space.StatusActive {
				active++
			}
		}
		rec := api.Get("/v1/spaces?sort=rating&limit=100")
		page, raw := decode[httpapi.SpaceList](t, rec), rec.Body.String()
		if page.Total == nil || page.Total.Count != active || page.Total.Capped || len(page.Items) != active {
			t.Fatalf("total %+v and %d items, want %d: %s", page.Total, len(page.Items), active, raw)
		}
		for _, it := range page.Items {
			l := byID[it.ID]
			hourly, isHourly := l.Pricing.Hourly()
			unit := "package"
			if isHourly && hourly.PricePerHour*space.Money(hourly.MinHours) == l.Pricing.ListPrice() {
				unit = "hourly"
			}
			if (it.HourlyPrice != nil) != isHourly || (isHourly && *it.HourlyPrice != int64(hourly.PricePerHour)) || it.LowestPriceUnit != unit {
				t.Errorf("space %d: hourly price %v, unit %s; want %+v, %s", it.ID, it.HourlyPrice, it.LowestPriceUnit, hourly, unit)
			}
			if (it.Rating == nil) != (l.RatingCount == 0) || (it.Rating != nil && it.Rating.Count != l.RatingCount) {
				t.Errorf("space %d: rating %+v, want %d reviews (null for none)", it.ID, it.Rating, l.RatingCount)
			}
		}
		if !strings.Contains(raw, `"rating":null`) || !strings.Contains(raw, `"hourly_price":null`) {
			t.Errorf("no null rating or hourly price in %s", raw)
		}
		_, next, _ := get("/v1/spaces?sort=rating&limit=10&cursor=" + url.QueryEscape(decode[httpapi.SpaceList](t, api.Get("/v1/spaces?sort=rating&limit=10")).NextCursor))
		if next.Total != nil || len(next.Items) != 10 {
			t.Errorf("second page: total %+v, %d items; want no total, 10 items", next.Total, len(next.Items))
		}
	})
}

func TestBadInputIsAProblemNamingTheField(t *testing.T) {
	api, _ := newTestAPI(t, 10)
	page := decode[httpapi.SpaceList](t, api.Get("/v1/spaces?limit=2&sort=price_asc"))
	if page.NextCursor == "" {
		t.Fatal("need a cursor for the test")
	}
	cases := map[string]string{
		"/v1/spaces?sort=cheapest":                            "query.sort",
		"/v1/spaces?people=-1":                                "query.people",
		"/v1/spaces?people=0":                                 "query.people",
		"/v1/spaces?people=abc":                               "query.people",
		"/v1/spaces?date=2026-13-01":                          "query.date",
		"/v1/spaces?date=2026-02-30":                          "query.date",
		"/v1/spaces?date=tomorrow":                            "query.date",
		"/v1/spaces?cursor=garbage!":                          "query.cursor",
		"/v1/spaces?cursor=" + page.NextCursor:                "query.cursor", // minted for price_asc, used with popular
		"/v1/spaces?min_price=5000&max_price=1000":            "query.min_price",
		"/v1/spaces?min_price=-1":                             "query.min_price",
		"/v1/spaces?limit=0":                                  "query.limit",
		"/v1/spaces?limit=101":                                "query.limit",
		"/v1/spaces?bbox=1,2,3":                               "query.bbox",
		"/v1/spaces?bbox=38,127,37,128":                       "query.bbox",
		"/v1/spaces?date=2026-12-02&start=10:00":              "query.end",
		"/v1/spaces?start=10:00&end=12:00":                    "query.date",
		"/v1/spaces?date=2026-12-02&start=12:00&end=10:00":    "query.end",
		"/v1/spaces?date=2026-12-02&start=1000&end=1200":      "query.start",
		"/v1/spaces?q=" + url.QueryEscape("a b c d"):          "query.q",
		"/v1/spaces?district=abc":                             "query.district",
		"/v1/spaces?district=0":                               "query.district",
		"/v1/spaces/0":                                        "path.id",
		"/v1/spaces/abc":                                      "path.id",
		"/v1/spaces/1/availability":                           "query.date",
		"/v1/spaces/1/availability?date=2026-02-30":           "query.date",
		"/v1/spaces/1/calendar?from=2026-02-30":               "query.from",
		"/v1/spaces/1/calendar?to=soon":                       "query.to",
		"/v1/spaces/1/calendar?from=2026-12-10&to=2026-12-09": "query.to",
		"/v1/spaces/1/calendar?from=2026-12-01&to=2027-03-03": "query.to", // 93 days
	}
	for path, field := range cases {
		t.Run(path, func(t *testing.T) {
			rec := api.Get(path)
			if rec.Code < 400 || rec.Code >= 500 {
				t.Fatalf("status %d, want 4xx: %s", rec.Code, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("content type %q", ct)
			}
			p := decode[problem](t, rec)
			if len(p.Errors) == 0 || p.Errors[0].Location != field {
				t.Errorf("problem %+v does not name %s", p, field)
			}
		})
	}
}

func TestGetSpaceAndAvailability(t *testing.T) {
	api, w := newTestAPI(t, 40)
	var active, inactive []space.ID
	for _, l := range w.Listings {
		if l.Status == space.StatusActive {
			active = append(active, l.ID)
		} else {
			inactive = append(inactive, l.ID)
		}
	}
	if len(active) == 0 || len(inactive) == 0 {
		t.Fatal("fixture needs active and inactive spaces")
	}
	for _, id := range active {
		l := w.Listings[id-1]
		rec := api.Get(fmt.Sprintf("/v1/spaces/%d", id))
		if rec.Code != http.StatusOK {
			t.Fatalf("space %d: %d %s", id, rec.Code, rec.Body)
		}
		d := decode[httpapi.SpaceDetail](t, rec)
		if d.Title != l.Title || d.LowestPrice != int64(l.Pricing.ListPrice()) || len(d.Packages) != len(l.Pricing.Packages()) ||
			d.Capacity.Min != l.Capacity.Min() || d.Host.Name == "" || d.RefundPolicy.Name != "flexible" || len(d.Photos) != 2 {
			t.Errorf("space %d detail %+v does not match the fixture", id, d)
		}
		if _, ok := l.Pricing.Hourly(); ok != (d.Hourly != nil) {
			t.Errorf("space %d: hourly present = %v, want %v", id, d.Hourly != nil, ok)
		}
		for _, p := range d.Packages {
			if p.Name == "p2" && (!p.EndsNextDay || p.Start != "20:00" || p.End != "05:00") {
				t.Errorf("overnight package shown as %+v", p)
			}
		}
		day := calendar.DateOf(testNow).AddDays(1).String()
		rec = api.Get(fmt.Sprintf("/v1/spaces/%d/availability?date=%s", id, day))
		if rec.Code != http.StatusOK {
			t.Fatalf("availability %d: %d %s", id, rec.Code, rec.Body)
		}
		a := decode[httpapi.Availability](t, rec)
		if a.Date != day || len(a.Packages) != len(l.Pricing.Packages()) {
			t.Errorf("availability %+v", a)
		}
		for _, p := range a.Packages {
			if p.Available != (p.Reason == "") {
				t.Errorf("package %+v: available and reason disagree", p)
			}
		}
		if a.Hourly != nil {
			for _, s := range a.Hourly.Slots {
				if s.Free != (s.Reason == "") {
					t.Errorf("slot %+v: free and reason disagree", s)
				}
			}
		}
	}
	for _, path := range []string{"/v1/spaces/999999", fmt.Sprintf("/v1/spaces/%d", inactive[0]),
		"/v1/spaces/999999/availability?date=2026-12-02", fmt.Sprintf("/v1/spaces/%d/availability?date=2026-12-02", inactive[0]),
		"/v1/spaces/999999/calendar", fmt.Sprintf("/v1/spaces/%d/calendar", inactive[0])} {
		if rec := api.Get(path); rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, rec.Code)
		}
	}
}

// The calendar tells each day of the horizon in one request: a booking
// takes its package and hours, a closed date closes the day, and the
// period can be chosen.
func TestSpaceCalendarOverHTTP(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	guest := e.guests[0]
	if status, b, _ := e.do(t, http.MethodPost, "/v1/bookings", guest, e.newBooking(e.m.Day), "cal-1"); status != http.StatusCreated {
		t.Fatalf("booking: %d %v", status, b)
	}
	useDate, _ := calendar.ParseDate(e.date)
	closed := useDate.AddDays(1).String()
	if status, body, _ := e.do(t, http.MethodPut, fmt.Sprintf("/v1/spaces/%d/closed-dates", e.m.Instant), e.host,
		map[string]any{"dates": []string{closed}}, ""); status != http.StatusOK {
		t.Fatalf("closed dates: %d %v", status, body)
	}
	get := func(query string) httpapi.SpaceCalendar {
		t.Helper()
		status, body, _ := e.do(t, http.MethodGet, fmt.Sprintf("/v1/spaces/%d/calendar%s", e.m.Instant, query), "", nil, "")
		if status != http.StatusOK {
			t.Fatalf("calendar%s: %d %v", query, status, body)
		}
		var c httpapi.SpaceCalendar
		raw, _ := json.Marshal(body)
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	today := calendar.DateOf(time.Now())
	c := get("")
	if c.SpaceID != e.m.Instant || c.From != today.String() || c.To != today.AddDays(90).String() || len(c.Days) != 91 {
		t.Fatalf("calendar %s – %s with %d days, want %s – %s with 91", c.From, c.To, len(c.Days), today, today.AddDays(90))
	}
	byDate := map[string]httpapi.CalendarDay{}
	for i, d := range c.Days {
		if d.Date != today.AddDays(i).String() {
			t.Fatalf("day %d is %s", i, d.Date)
		}
		byDate[d.Date] = d
	}
	// 09:00–22:00 by the hour; the 09–15 package and its six hours are taken.
	if got, want := byDate[e.date], (httpapi.CalendarDay{Date: e.date, Bookable: true, Packages: 2, FreeHours: 7}); got != want {
		t.Errorf("the booked day: %+v, want %+v", got, want)
	}
	if got, want := byDate[closed], (httpapi.CalendarDay{Date: closed, Reason: "closed_date", Closed: true}); got != want {
		t.Errorf("the closed day: %+v, want %+v", got, want)
	}
	free := useDate.AddDays(2).String()
	if got, want := byDate[free], (httpapi.CalendarDay{Date: free, Bookable: true, Packages: 3, FreeHours: 13}); got != want {
		t.Errorf("a free day: %+v, want %+v", got, want)
	}
	// A chosen period, past and future days included.
	one := get("?from=" + today.AddDays(-1).String() + "&to=" + e.date)
	if len(one.Days) != 5 || one.Days[0].Bookable || one.Days[0].Reason != "too_soon" || one.Days[4] != byDate[e.date] {
		t.Errorf("yesterday to the booked day: %+v", one)
	}
	far := get("?from=" + today.AddDays(60).String())
	if last := far.Days[len(far.Days)-1]; len(far.Days) != 91 || last.Bookable || last.Reason != "too_far_ahead" {
		t.Errorf("from 60 days ahead: %d days, the last %+v", len(far.Days), last)
	}
}
