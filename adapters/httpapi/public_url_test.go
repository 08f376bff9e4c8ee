package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// forged sends a request whose Host (and proxy headers) name another site.
func forged(t *testing.T, method, target, bearer string, body any, header ...string) (received, string) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, target, rd)
	req.Host = "evil.example"
	req.Header.Set("Content-Type", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return receivedOf(resp), string(raw)
}

// Absolute URLs in responses ($schema, icons, photos) come from the
// configured public URL, whatever Host, X-Forwarded-Host or Forwarded the
// caller sends; Huma's own $schema would name the caller's host.
func TestAbsoluteURLsComeFromThePublicURLNotTheHostHeader(t *testing.T) {
	t.Parallel()
	srv, _, _ := newServer(t)
	_, list := get(t, srv.URL+"/v1/spaces?limit=1")
	var spaces struct{ Items []struct{ ID int64 } }
	if err := json.Unmarshal([]byte(list), &spaces); err != nil || len(spaces.Items) == 0 {
		t.Fatalf("no space to look at: %v %s", err, list)
	}
	paths := map[string]int{
		"/v1/categories":   http.StatusOK,
		"/v1/spaces":       http.StatusOK,
		"/v1/spaces/99999": http.StatusNotFound, // a problem
		"/v1/spaces?x=1":   http.StatusBadRequest,
		"/v1/me":           http.StatusUnauthorized,
		fmt.Sprint("/v1/spaces/", spaces.Items[0].ID): http.StatusOK,
	}
	proxies := [][]string{nil, {"X-Forwarded-Host", "evil.example"}, {"Forwarded", `host="evil.example";proto=https`}}
	for path, status := range paths {
		for _, proxy := range proxies {
			resp, body := forged(t, http.MethodGet, srv.URL+path, "", nil, proxy...)
			if resp.StatusCode != status {
				t.Errorf("%s %v: %d, want %d: %s", path, proxy, resp.StatusCode, status, body)
				continue
			}
			var v struct {
				Schema string `json:"$schema"`
			}
			_ = json.Unmarshal([]byte(body), &v)
			if !strings.HasPrefix(v.Schema, publicURL+"/schemas/") {
				t.Errorf("%s %v: $schema %q, want it under %s", path, proxy, v.Schema, publicURL)
			}
			if strings.Contains(body, "evil.example") || strings.Contains(strings.Join(resp.Header.Values("Link"), " "), "evil.example") {
				t.Errorf("%s %v: the forged host is in the response: %s", path, proxy, body)
			}
		}
	}
}

// A created booking's Location and $schema do not take the forged host.
func TestCreatedBookingIgnoresTheHostHeader(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	resp, body := forged(t, http.MethodPost, e.srv.URL+"/v1/bookings", e.guests[0], e.newBooking(e.m.Day), "Idempotency-Key", "forged-host")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	if strings.Contains(body, "evil.example") || strings.Contains(resp.Header.Get("Location"), "evil.example") ||
		!strings.Contains(body, `"$schema":"`+e.srv.URL+`/schemas/`) {
		t.Errorf("Location %q, body %s", resp.Header.Get("Location"), body)
	}
}
