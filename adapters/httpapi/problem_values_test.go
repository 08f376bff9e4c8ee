package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// A problem repeats at most 64 characters of a rejected value, marking the
// cut with …; a 100 KB input never comes back whole, in a value, a
// location or a message.
func TestProblemsEchoAShortPrefixOfARejectedValue(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	guest := e.guests[0]
	huge := strings.Repeat("가", 100_000/3) // multi-byte: the cut must fall between characters
	digits := strings.Repeat("9", 100_000)
	q := url.QueryEscape(huge)
	booking := func(change func(map[string]any)) map[string]any {
		b := e.newBooking(e.m.Day)
		change(b)
		return b
	}
	cases := []struct {
		name, method, path, bearer string
		body                       any
		headers                    map[string]string
		echoed                     bool // errors[].value repeats the input
	}{
		{"text too long (Huma)", http.MethodGet, "/v1/spaces?q=" + q, "", nil, nil, true},
		{"bbox (ours)", http.MethodGet, "/v1/spaces?bbox=" + q, "", nil, nil, true},
		{"date format (Huma)", http.MethodGet, fmt.Sprintf("/v1/spaces/%d/availability?date=%s", e.m.Instant, digits), "", nil, nil, true},
		{"host's bookings from", http.MethodGet, "/v1/me/hosting/bookings?from=" + digits, e.host, nil, nil, true},
		{"list element", http.MethodGet, "/v1/spaces?district=1," + q, "", nil, nil, true},
		{"unknown parameter name", http.MethodGet, "/v1/spaces?" + digits + "=1", "", nil, nil, false},
		{"unknown parameter value", http.MethodGet, "/v1/spaces?x=" + q, "", nil, nil, true},
		{"malformed query", http.MethodGet, "/v1/spaces?cursor=%%%" + digits, "", nil, nil, true},
		{"body field", http.MethodPost, "/v1/bookings", guest, booking(func(b map[string]any) {
			b["contact"] = map[string]string{"name": huge, "phone": "010-1234-5678", "email": "minji@example.com"}
		}), nil, true},
		{"body array", http.MethodPost, "/v1/bookings", guest, booking(func(b map[string]any) {
			b["purpose"] = slices.Repeat([]string{huge[:300]}, 1000) // a string is expected: Huma echoes the array
		}), nil, true},
		{"body date", http.MethodPost, "/v1/bookings", guest, booking(func(b map[string]any) { b["date"] = digits }), nil, true},
		{"closed date", http.MethodPut, fmt.Sprintf("/v1/spaces/%d/closed-dates", e.m.Instant), e.host,
			map[string]any{"dates": []string{huge}}, nil, true},
		{"header", http.MethodPost, "/v1/bookings", guest, e.newBooking(e.m.Day), map[string]string{"Idempotency-Key": digits}, true},
	}
	for _, c := range cases {
		status, body, raw := problemCall(t, c.method, e.srv.URL+c.path, c.bearer, c.body, c.headers)
		if status < 400 || status >= 500 {
			t.Errorf("%s: %d, want a 4xx problem", c.name, status)
			continue
		}
		if len(raw) > 4096 {
			t.Errorf("%s: a %d-byte problem for a 100 KB input: %.300s", c.name, len(raw), raw)
		}
		errs, _ := body["errors"].([]any)
		cut := false
		for _, e := range errs {
			for _, s := range stringsIn(e.(map[string]any)["value"]) {
				if !utf8.ValidString(s) || utf8.RuneCountInString(s) > 65 {
					t.Errorf("%s: value of %d characters: %.100q", c.name, utf8.RuneCountInString(s), s)
				}
				cut = cut || (utf8.RuneCountInString(s) == 65 && strings.HasSuffix(s, "…"))
			}
		}
		if c.echoed && !cut {
			t.Errorf("%s: no value cut to 64 characters and …: %s", c.name, raw)
		}
	}
}

// stringsIn gives the strings of a decoded JSON value, nested or not.
func stringsIn(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, stringsIn(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range x {
			out = append(out, stringsIn(e)...)
		}
		return out
	}
	return nil
}

// problemCall is callWith that also gives the raw body.
func problemCall(t *testing.T, method, target, bearer string, body any, headers map[string]string) (int, map[string]any, string) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, target, rd)
	req.Header.Set("Content-Type", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	return resp.StatusCode, m, string(raw)
}
