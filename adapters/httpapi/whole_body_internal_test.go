package httpapi

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Each answer through compressJSON as the client sees it on the wire.
func TestJSONGoesOutWholeWithItsLength(t *testing.T) {
	t.Parallel()
	big := `{"items":"` + strings.Repeat("가", wholeBodyLimit/3+10) + `"}` // over the limit
	page := `{"items":"` + strings.Repeat("x", 20<<10) + `"}`             // five times net/http's buffer
	cases := []struct {
		name    string
		method  string
		handler http.HandlerFunc
		// whole: sent with a Content-Length of the body; otherwise chunked.
		whole bool
		body  string
	}{
		{"a search page", http.MethodGet, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			for i := 0; i < len(page); i += 1000 { // as an encoder writes
				_, _ = io.WriteString(w, page[i:min(i+1000, len(page))])
			}
		}, true, page},
		{"a problem", http.MethodGet, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusUnprocessableEntity)
			_, _ = io.WriteString(w, page)
		}, true, page},
		{"over the limit", http.MethodGet, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			for i := 0; i < len(big); i += 4096 {
				_, _ = io.WriteString(w, big[i:min(i+4096, len(big))])
			}
		}, false, big},
		{"flushed", http.MethodGet, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, page[:5000])
			http.NewResponseController(w).Flush()
			_, _ = io.WriteString(w, page[5000:])
		}, false, page},
		{"flushed first", http.MethodGet, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			http.NewResponseController(w).Flush()
			_, _ = io.WriteString(w, page)
		}, false, page},
		{"not JSON", http.MethodGet, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			_, _ = io.WriteString(w, page)
		}, false, page},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(compressJSON(c.handler))
			defer srv.Close()
			resp, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Get(srv.URL + "/v1/x")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			got, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, []byte(c.body)) {
				t.Fatalf("body of %d bytes differs from the %d written", len(got), len(c.body))
			}
			chunked := len(resp.TransferEncoding) > 0 && resp.TransferEncoding[0] == "chunked"
			if c.whole && (chunked || resp.ContentLength != int64(len(got))) {
				t.Errorf("Content-Length %d, Transfer-Encoding %v for %d bytes; want it whole", resp.ContentLength, resp.TransferEncoding, len(got))
			}
			if !c.whole && !chunked {
				t.Errorf("Content-Length %d, Transfer-Encoding %v; want it streamed", resp.ContentLength, resp.TransferEncoding)
			}
		})
	}
}
