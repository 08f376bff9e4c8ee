package httpapi_test

import (
	"encoding/base64"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/domain/calendar"
)

// outsideTheCalendar are well-formed dates the API refuses: the edges of
// what Go parses, and the days just outside 2000-01-01 … 2199-12-31.
var outsideTheCalendar = []string{"0001-01-01", "9999-12-31", "1999-12-31", "2200-01-01"}

// locations lists the errors[].location of a problem body.
func locations(body map[string]any) []string {
	errs, _ := body["errors"].([]any)
	var out []string
	for _, e := range errs {
		if m, ok := e.(map[string]any); ok {
			out = append(out, fmt.Sprint(m["location"]))
		}
	}
	return out
}

// operations gives the operations of a path by method.
func operations(item *huma.PathItem) map[string]*huma.Operation {
	out := map[string]*huma.Operation{}
	for method, op := range map[string]*huma.Operation{http.MethodGet: item.Get, http.MethodPost: item.Post,
		http.MethodPut: item.Put, http.MethodPatch: item.Patch, http.MethodDelete: item.Delete} {
		if op != nil {
			out[method] = op
		}
	}
	return out
}

// Every operation of the contract gets ?date= out of the calendar: those
// that take a date answer 422 naming query.date, the others 400 for the
// unknown parameter; none 500. Before the calendar had a range, search and
// availability answered 500 (year 0 or 10000 reached SQL).
func TestEveryOperationAnswersAnOutOfCalendarDateWithoutA500(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	pathParam := regexp.MustCompile(`\{[^}]+\}`)
	dateTaking := 0
	for path, item := range httpapi.Spec().Paths {
		for method, op := range operations(item) {
			takesDate := false
			for _, p := range op.Parameters {
				takesDate = takesDate || (p.In == "query" && p.Name == "date")
			}
			if takesDate {
				dateTaking++
			}
			lenient, _ := op.Metadata["ourspace.any-query"].(bool) // the provider's redirect
			for _, d := range outsideTheCalendar {
				target := pathParam.ReplaceAllString(path, fmt.Sprint(e.m.Instant)) + "?date=" + d
				status, body, _ := e.do(t, method, target, e.host, nil, "")
				got := locations(body)
				switch {
				case takesDate:
					if status != http.StatusUnprocessableEntity || len(got) != 1 || got[0] != "query.date" {
						t.Errorf("%s %s: %d %v, want 422 naming query.date", method, target, status, got)
					}
				case lenient:
					if status >= 500 {
						t.Errorf("%s %s: %d", method, target, status)
					}
				default:
					if status != http.StatusBadRequest || len(got) != 1 || got[0] != "query.date" {
						t.Errorf("%s %s: %d %v, want 400 naming the unknown query.date", method, target, status, got)
					}
				}
			}
		}
	}
	if dateTaking != 2 {
		t.Errorf("%d operations take ?date=, want search and availability; check the table below covers the new one", dateTaking)
	}
}

// Every date the API takes, in a query or a body, is refused out of the
// calendar with a 422 naming the field.
func TestEveryDateOutOfTheCalendarIs422NamingTheField(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	guest := e.guests[0]
	today := calendar.DateOf(time.Now()).String()
	cases := []struct {
		name, method, bearer string
		path                 func(d string) string
		body                 func(d string) any
		location             string
	}{
		{"search", http.MethodGet, "", func(d string) string { return "/v1/spaces?date=" + d }, nil, "query.date"},
		{"search with a window", http.MethodGet, "", func(d string) string { return "/v1/spaces?start=10:00&end=12:00&date=" + d }, nil, "query.date"},
		{"availability", http.MethodGet, "", func(d string) string { return fmt.Sprintf("/v1/spaces/%d/availability?date=%s", e.m.Instant, d) }, nil, "query.date"},
		{"calendar from", http.MethodGet, "", func(d string) string { return fmt.Sprintf("/v1/spaces/%d/calendar?from=%s", e.m.Instant, d) }, nil, "query.from"},
		{"calendar to", http.MethodGet, "", func(d string) string { return fmt.Sprintf("/v1/spaces/%d/calendar?to=%s", e.m.Instant, d) }, nil, "query.to"},
		{"host's bookings from", http.MethodGet, e.host, func(d string) string { return "/v1/me/hosting/bookings?from=" + d }, nil, "query.from"},
		{"host's bookings to", http.MethodGet, e.host, func(d string) string { return "/v1/me/hosting/bookings?to=" + d }, nil, "query.to"},
		{"booking", http.MethodPost, guest, func(string) string { return "/v1/bookings" },
			func(d string) any { b := e.newBooking(e.m.Day); b["date"] = d; return b }, "body.date"},
		{"closed dates", http.MethodPut, e.host, func(string) string { return fmt.Sprintf("/v1/spaces/%d/closed-dates", e.m.Instant) },
			func(d string) any { return map[string]any{"dates": []string{today, d}} }, "body.dates[1]"},
	}
	for _, c := range cases {
		for _, d := range outsideTheCalendar {
			var body any
			if c.body != nil {
				body = c.body(d)
			}
			status, problem, _ := e.do(t, c.method, c.path(d), c.bearer, body, "date-"+c.name+d)
			if got := locations(problem); status != http.StatusUnprocessableEntity || len(got) != 1 || got[0] != c.location {
				t.Errorf("%s, %s: %d %v, want 422 naming %s", c.name, d, status, problem, c.location)
			}
		}
	}
	// The first and last days of the calendar are dates like any other.
	for _, path := range []string{"/v1/spaces?date=2000-01-01", "/v1/spaces?date=2199-12-31",
		fmt.Sprintf("/v1/spaces/%d/availability?date=2199-12-31", e.m.Instant),
		fmt.Sprintf("/v1/spaces/%d/calendar?from=2199-12-31", e.m.Instant), fmt.Sprintf("/v1/spaces/%d/calendar?from=2000-01-01", e.m.Instant),
		"/v1/me/hosting/bookings?from=2000-01-01&to=2199-12-31"} {
		if status, body, _ := e.do(t, http.MethodGet, path, e.host, nil, ""); status != http.StatusOK {
			t.Errorf("%s: %d %v", path, status, body)
		}
	}
}

// A booking's date lies between today and 90 days ahead (Seoul).
func TestBookingsAreTakenWithinTheHorizon(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	today := calendar.DateOf(time.Now())
	for days, want := range map[int]int{-1: http.StatusUnprocessableEntity, 91: http.StatusUnprocessableEntity, 90: http.StatusCreated} {
		b := e.newBooking(e.m.Day)
		b["date"] = today.AddDays(days).String()
		status, body, _ := e.do(t, http.MethodPost, "/v1/bookings", e.guests[1], b, fmt.Sprintf("horizon-%d", days))
		if status != want {
			t.Errorf("%+d days: %d %v, want %d", days, status, body, want)
		}
		if got := locations(body); want == http.StatusUnprocessableEntity && (len(got) != 1 || got[0] != "body.date") {
			t.Errorf("%+d days: %v, want body.date", days, got)
		}
	}
}

// A cursor is opaque, but the bookings' and likes' ones hold an instant: a
// forged one out of the calendar is a bad cursor (422), not a 500 from SQL.
func TestForgedCursorsOutOfTheCalendarAre422(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	guest := e.guests[0]
	cursor := func(scope string, key int64) string {
		return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, `{"s":%q,"k":%d,"i":1}`, scope, key))
	}
	lists := []struct{ path, scope, bearer string }{
		{"/v1/me/bookings?status=upcoming", "my-bookings-upcoming", guest},
		{"/v1/me/bookings?status=past", "my-bookings-past", guest},
		{"/v1/me/bookings?status=cancelled", "my-bookings-cancelled", guest},
		{"/v1/me/hosting/bookings?limit=5", "host-bookings", e.host},
		{"/v1/me/likes?limit=5", "likes", guest},
	}
	keys := []int64{math.MaxInt64, math.MinInt64, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).UnixMicro(),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).UnixMicro(), time.Date(1999, 12, 31, 0, 0, 0, 0, calendar.Seoul).UnixMicro()}
	for _, l := range lists {
		for _, k := range keys {
			status, body, _ := e.do(t, http.MethodGet, l.path+"&cursor="+url.QueryEscape(cursor(l.scope, k)), l.bearer, nil, "")
			if got := locations(body); status != http.StatusUnprocessableEntity || len(got) != 1 || got[0] != "query.cursor" {
				t.Errorf("%s, key %d: %d %v, want 422 naming query.cursor", l.path, k, status, body)
			}
		}
		// An instant in the calendar is a cursor like the ones we hand out.
		status, body, _ := e.do(t, http.MethodGet, l.path+"&cursor="+cursor(l.scope, time.Now().UnixMicro()), l.bearer, nil, "")
		if status != http.StatusOK {
			t.Errorf("%s, a cursor of now: %d %v", l.path, status, body)
		}
	}
}
