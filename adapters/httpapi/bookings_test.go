package httpapi_test

import (
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/devoidc"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/domain/calendar"
)

// bookingEnv serves the API on the booking test market, with the host and
// three guests (100,000 points each) signed in.
type bookingEnv struct {
	srv    *httptest.Server
	m      mysqltest.Market
	host   string   // access tokens
	guests []string // of m.Guests, in order
	count  func(string, ...any) int
	date   string // a Seoul use date three days ahead
	env    serverEnv
}

func newBookingEnv(t *testing.T) bookingEnv {
	t.Helper()
	var m mysqltest.Market
	env := newServerEnv(t, func(db *sql.DB) { m = mysqltest.NewMarket(t, db, 3, 100_000, time.Now()) })
	srv, idp := env.srv, env.idp
	e := bookingEnv{srv: srv, m: m, count: env.count, date: calendar.DateOf(time.Now()).AddDays(3).String(), env: env}
	e.host = token(t, srv, idp, "host")
	for _, g := range m.Guests {
		e.guests = append(e.guests, token(t, srv, idp, fmt.Sprintf("guest-%d", g)))
	}
	return e
}

func token(t *testing.T, srv *httptest.Server, idp *devoidc.Provider, subject string) string {
	t.Helper()
	return deviceLogin(t, srv, idp, subject)["access_token"].(string)
}

func (e bookingEnv) newBooking(pkg int64) map[string]any {
	return map[string]any{"space_id": e.m.Instant, "date": e.date, "package_id": pkg, "people": 4,
		"contact": map[string]string{"name": "김민지", "phone": "010-1234-5678", "email": "minji@example.com"}, "purpose": "생일 파티"}
}

func (e bookingEnv) do(t *testing.T, method, path, bearer string, body any, key string) (int, map[string]any, http.Header) {
	t.Helper()
	var h map[string]string
	if key != "" {
		h = map[string]string{"Idempotency-Key": key}
	}
	return callWith(t, method, e.srv.URL+path, bearer, body, h)
}

func (e bookingEnv) balance(t *testing.T, bearer string) float64 {
	t.Helper()
	status, me, _ := e.do(t, http.MethodGet, "/v1/me", bearer, nil, "")
	if status != http.StatusOK {
		t.Fatalf("me: %d %v", status, me)
	}
	return me["points_balance"].(float64)
}

func TestBookPayListQuoteAndCancelOverHTTP(t *testing.T) {
	e := newBookingEnv(t)
	guest, other := e.guests[0], e.guests[1]

	status, b, h := e.do(t, http.MethodPost, "/v1/bookings", guest, e.newBooking(e.m.Day), "k-1")
	if status != http.StatusCreated || b["status"] != "payment_due" || b["price"] != float64(50_000) || b["deadline"] == nil {
		t.Fatalf("create: %d %v", status, b)
	}
	id := int64(b["id"].(float64))
	if h.Get("Location") != fmt.Sprintf("/v1/bookings/%d", id) {
		t.Errorf("Location %q", h.Get("Location"))
	}
	// What the create answered is what is stored, to the microsecond.
	if status, got, _ := e.do(t, http.MethodGet, h.Get("Location"), guest, nil, ""); status != http.StatusOK ||
		got["deadline"] != b["deadline"] || got["created_at"] != b["created_at"] || got["start"] != b["start"] {
		t.Errorf("read back: %d %v, created %v", status, got, b)
	}
	// A retry with the same key answers the same booking; another body under it is refused.
	if status, again, _ := e.do(t, http.MethodPost, "/v1/bookings", guest, e.newBooking(e.m.Day), "k-1"); status != http.StatusCreated || again["id"] != b["id"] || again["deadline"] != b["deadline"] {
		t.Errorf("replay: %d %v", status, again)
	}
	status, p, _ := e.do(t, http.MethodPost, "/v1/bookings", guest, e.newBooking(e.m.Night), "k-1")
	if status != http.StatusUnprocessableEntity || location(p) != "header.Idempotency-Key" {
		t.Errorf("key reused for another body: %d %v", status, p)
	}
	// Someone else asking for the same range learns which range is taken.
	status, p, _ = e.do(t, http.MethodPost, "/v1/bookings", other, e.newBooking(e.m.Day), "")
	if status != http.StatusConflict || p["type"] != "urn:ourspace:problem:booking_conflict" {
		t.Fatalf("conflict: %d %v", status, p)
	}
	taken := p["errors"].([]any)[0].(map[string]any)["value"].(map[string]any)
	if taken["start"] != toUTC(t, b["start"]) || taken["end"] != toUTC(t, b["end"]) {
		t.Errorf("conflict names %v, the booking holds %v–%v", taken, b["start"], b["end"])
	}

	status, paid, _ := e.do(t, http.MethodPost, fmt.Sprintf("/v1/bookings/%d/pay", id), guest, nil, "pay-1")
	if status != http.StatusOK || paid["status"] != "confirmed" || paid["paid_at"] == nil || paid["deadline"] != nil {
		t.Fatalf("pay: %d %v", status, paid)
	}
	if got := e.balance(t, guest); got != 50_000 {
		t.Errorf("balance after paying %v", got)
	}

	// The guest and the host see it; nobody else does.
	for _, who := range []string{guest, e.host} {
		status, got, _ := e.do(t, http.MethodGet, fmt.Sprintf("/v1/bookings/%d", id), who, nil, "")
		space, _ := got["space"].(map[string]any)
		if status != http.StatusOK || got["status"] != "confirmed" || space["title"] == "" || space["photo_url"] != e.srv.URL+"/media/s/1/0.jpg" {
			t.Errorf("get: %d %v", status, got)
		}
	}
	for _, path := range []string{"/v1/bookings/%d", "/v1/bookings/%d/refund-quote"} {
		if status, _, _ := e.do(t, http.MethodGet, fmt.Sprintf(path, id), other, nil, ""); status != http.StatusNotFound {
			t.Errorf("%s by a stranger: %d", path, status)
		}
	}
	if status, _, _ := e.do(t, http.MethodPost, fmt.Sprintf("/v1/bookings/%d/cancel", id), other, nil, ""); status != http.StatusNotFound {
		t.Errorf("cancel by a stranger: %d", status)
	}

	status, list, _ := e.do(t, http.MethodGet, "/v1/me/bookings?status=upcoming", guest, nil, "")
	items, _ := list["items"].([]any)
	if status != http.StatusOK || len(items) != 1 || items[0].(map[string]any)["id"] != b["id"] {
		t.Errorf("my upcoming bookings: %d %v", status, list)
	}
	status, list, _ = e.do(t, http.MethodGet, "/v1/me/hosting/bookings?space="+fmt.Sprint(e.m.Instant)+"&from="+e.date+"&to="+e.date, e.host, nil, "")
	items, _ = list["items"].([]any)
	if status != http.StatusOK || len(items) != 1 || items[0].(map[string]any)["contact"].(map[string]any)["phone"] != "010-1234-5678" {
		t.Errorf("host's bookings: %d %v", status, list)
	}

	// Three Seoul days ahead under the flexible policy: half back.
	status, q, _ := e.do(t, http.MethodGet, fmt.Sprintf("/v1/bookings/%d/refund-quote", id), guest, nil, "")
	if status != http.StatusOK || q["refund"] != float64(25_000) || q["percent"] != float64(50) || q["days_before"] != float64(3) {
		t.Fatalf("quote: %d %v", status, q)
	}
	status, c, _ := e.do(t, http.MethodPost, fmt.Sprintf("/v1/bookings/%d/cancel", id), guest, nil, "")
	if status != http.StatusOK || c["refund"].(map[string]any)["refund"] != q["refund"] || c["booking"].(map[string]any)["status"] != "cancelled_by_guest" {
		t.Fatalf("cancel: %d %v", status, c)
	}
	if got := e.balance(t, guest); got != 75_000 {
		t.Errorf("balance after the refund %v", got)
	}
	status, p, _ = e.do(t, http.MethodPost, fmt.Sprintf("/v1/bookings/%d/cancel", id), guest, nil, "")
	if status != http.StatusConflict || p["type"] != "urn:ourspace:problem:illegal_transition" {
		t.Errorf("second cancel: %d %v", status, p)
	}
	// The range is free again.
	if status, _, _ := e.do(t, http.MethodPost, "/v1/bookings", other, e.newBooking(e.m.Day), ""); status != http.StatusCreated {
		t.Errorf("booking the freed range: %d", status)
	}
	if status, list, _ := e.do(t, http.MethodGet, "/v1/me/bookings?status=cancelled", guest, nil, ""); status != http.StatusOK || len(list["items"].([]any)) != 1 {
		t.Errorf("cancelled tab: %d %v", status, list)
	}
}

func TestBookingProblemsNameTheirField(t *testing.T) {
	e := newBookingEnv(t)
	guest := e.guests[0]
	with := func(change func(map[string]any)) map[string]any {
		b := e.newBooking(e.m.Day)
		change(b)
		return b
	}
	far := calendar.DateOf(time.Now()).AddDays(91).String()
	for _, tt := range []struct {
		name     string
		body     map[string]any
		status   int
		location string
	}{
		{"over capacity", with(func(b map[string]any) { b["people"] = 11 }), 422, "body.people"},
		{"no people", with(func(b map[string]any) { b["people"] = 0 }), 422, "body.people"},
		{"bad phone", with(func(b map[string]any) {
			b["contact"] = map[string]string{"name": "a", "phone": "call-me-maybe", "email": "a@b.co"}
		}), 422, "body.contact.phone"},
		{"bad e-mail", with(func(b map[string]any) {
			b["contact"] = map[string]string{"name": "a", "phone": "01012345678", "email": "nobody"}
		}), 422, "body.contact.email"},
		{"not a date", with(func(b map[string]any) { b["date"] = "2026-13-01" }), 422, "body.date"},
		{"too far ahead", with(func(b map[string]any) { b["date"] = far }), 422, "body.date"},
		{"yesterday", with(func(b map[string]any) { b["date"] = calendar.DateOf(time.Now()).AddDays(-1).String() }), 422, "body.date"},
		{"year one", with(func(b map[string]any) { b["date"] = "0001-01-01" }), 422, "body.date"},
		{"unknown package", with(func(b map[string]any) { b["package_id"] = 999 }), 422, "body.package_id"},
		{"package and hours", with(func(b map[string]any) { b["hours"] = 2 }), 422, "body.hours"},
		{"neither", with(func(b map[string]any) { delete(b, "package_id") }), 422, "body.package_id"},
		{"below minimum hours", with(func(b map[string]any) { delete(b, "package_id"); b["start_hour"] = 10; b["hours"] = 1 }), 422, "body.hours"},
		{"past closing", with(func(b map[string]any) { delete(b, "package_id"); b["start_hour"] = 21; b["hours"] = 2 }), 422, "body.start_hour"},
		{"unknown field", with(func(b map[string]any) { b["price"] = 1 }), 422, "body.price"},
		{"unknown space", with(func(b map[string]any) { b["space_id"] = 999 }), 404, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, p, _ := e.do(t, http.MethodPost, "/v1/bookings", guest, tt.body, "")
			if status != tt.status || (tt.location != "" && location(p) != tt.location) {
				t.Errorf("%d %v, want %d at %s", status, p, tt.status, tt.location)
			}
		})
	}
	if n := e.count("SELECT COUNT(*) FROM bookings"); n != 0 {
		t.Errorf("%d bookings stored by refused requests", n)
	}
	if status, _, _ := e.do(t, http.MethodPost, "/v1/bookings", "", e.newBooking(e.m.Day), ""); status != http.StatusUnauthorized {
		t.Errorf("anonymous booking: %d", status)
	}
	// The host cannot book their own space; a guest cannot answer requests.
	if status, p, _ := e.do(t, http.MethodPost, "/v1/bookings", e.host, e.newBooking(e.m.Day), ""); status != http.StatusConflict || p["type"] != "urn:ourspace:problem:own_space" {
		t.Errorf("host books own space: %d %v", status, p)
	}
	status, b, _ := e.do(t, http.MethodPost, "/v1/bookings", guest, e.newBooking(e.m.Overnight), "")
	if status != http.StatusCreated {
		t.Fatalf("create: %d %v", status, b)
	}
	id := int64(b["id"].(float64))
	if status, _, _ := e.do(t, http.MethodPost, fmt.Sprintf("/v1/bookings/%d/approve", id), guest, nil, ""); status != http.StatusNotFound {
		t.Errorf("guest approves: %d", status)
	}
	if status, p, _ := e.do(t, http.MethodPost, fmt.Sprintf("/v1/bookings/%d/approve", id), e.host, nil, ""); status != http.StatusConflict {
		t.Errorf("approving an instant booking: %d %v", status, p)
	}
	// 90,000 won with 100,000 points, twice: the second is 402 and changes nothing.
	if status, p, _ := e.do(t, http.MethodPost, fmt.Sprintf("/v1/bookings/%d/pay", id), guest, nil, ""); status != http.StatusOK {
		t.Fatalf("pay: %d %v", status, p)
	}
	second := e.newBooking(e.m.Overnight)
	second["date"] = calendar.DateOf(time.Now()).AddDays(5).String()
	status, b, _ = e.do(t, http.MethodPost, "/v1/bookings", guest, second, "")
	if status != http.StatusCreated {
		t.Fatalf("create: %d %v", status, b)
	}
	status, p, _ := e.do(t, http.MethodPost, fmt.Sprintf("/v1/bookings/%d/pay", int64(b["id"].(float64))), guest, nil, "")
	if status != http.StatusPaymentRequired || p["type"] != "urn:ourspace:problem:insufficient_points" {
		t.Errorf("paying without points: %d %v", status, p)
	}
	if got := e.balance(t, guest); got != 10_000 {
		t.Errorf("balance %v after a refused payment, want 10,000", got)
	}
	for _, q := range []string{"status=soon", "limit=0", "cursor=abc"} {
		if status, p, _ := e.do(t, http.MethodGet, "/v1/me/bookings?"+q, guest, nil, ""); status != http.StatusUnprocessableEntity || !strings.HasPrefix(location(p), "query.") {
			t.Errorf("my bookings ?%s: %d %v", q, status, p)
		}
	}
	if status, p, _ := e.do(t, http.MethodGet, "/v1/me/hosting/bookings?from=2026-12-05&to=2026-12-01", e.host, nil, ""); status != http.StatusUnprocessableEntity || location(p) != "query.to" {
		t.Errorf("to before from: %d %v", status, p)
	}
}

func TestApprovalOverHTTP(t *testing.T) {
	e := newBookingEnv(t)
	guest := e.guests[0]
	body := e.newBooking(e.m.ApprovalDay)
	body["space_id"] = e.m.Approval
	status, b, _ := e.do(t, http.MethodPost, "/v1/bookings", guest, body, "")
	if status != http.StatusCreated || b["status"] != "requested" {
		t.Fatalf("request: %d %v", status, b)
	}
	id := int64(b["id"].(float64))
	if status, p, _ := e.do(t, http.MethodPost, fmt.Sprintf("/v1/bookings/%d/pay", id), guest, nil, ""); status != http.StatusConflict {
		t.Errorf("paying a request: %d %v", status, p)
	}
	status, a, _ := e.do(t, http.MethodPost, fmt.Sprintf("/v1/bookings/%d/approve", id), e.host, nil, "")
	if status != http.StatusOK || a["status"] != "payment_due" {
		t.Fatalf("approve: %d %v", status, a)
	}
	if status, p, _ := e.do(t, http.MethodPost, fmt.Sprintf("/v1/bookings/%d/pay", id), guest, nil, ""); status != http.StatusOK || p["status"] != "confirmed" {
		t.Errorf("pay after approval: %d %v", status, p)
	}
	body["date"] = calendar.DateOf(time.Now()).AddDays(4).String()
	status, b, _ = e.do(t, http.MethodPost, "/v1/bookings", e.guests[1], body, "")
	if status != http.StatusCreated {
		t.Fatalf("second request: %d %v", status, b)
	}
	status, d, _ := e.do(t, http.MethodPost, fmt.Sprintf("/v1/bookings/%d/decline", int64(b["id"].(float64))), e.host, nil, "")
	if status != http.StatusOK || d["status"] != "declined" {
		t.Errorf("decline: %d %v", status, d)
	}
}

// location is where a problem's first error points.
func location(p map[string]any) string {
	errs, _ := p["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	l, _ := errs[0].(map[string]any)["location"].(string)
	return l
}

func toUTC(t *testing.T, v any) string {
	t.Helper()
	at, err := time.Parse(time.RFC3339, v.(string))
	if err != nil {
		t.Fatal(err)
	}
	return at.UTC().Format(time.RFC3339)
}
