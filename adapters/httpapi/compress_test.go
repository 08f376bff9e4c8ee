package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
)

// fetch sends a request without net/http's transparent gzip, so the test
// sees the bytes on the wire.
func fetch(t *testing.T, method, url string, header ...string) (received, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return receivedOf(resp), b
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLargeJSONIsGzippedForClientsThatAcceptIt(t *testing.T) {
	t.Parallel()
	srv, _, _ := newServer(t)
	for _, path := range []string{"/v1/spaces?limit=5", "/openapi.json", "/v1/spaces?a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9" /* a problem */} {
		plain, want := fetch(t, http.MethodGet, srv.URL+path)
		if plain.Header.Get("Content-Encoding") != "" || len(want) < 1024 {
			t.Fatalf("%s without Accept-Encoding: %q, %d bytes; the test needs over 1 KB plain", path, plain.Header.Get("Content-Encoding"), len(want))
		}
		resp, body := fetch(t, http.MethodGet, srv.URL+path, "Accept-Encoding", "br;q=1, gzip;q=0.8")
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s: Content-Encoding %q, want gzip (%s)", path, resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"))
		}
		if resp.StatusCode != plain.StatusCode || resp.Header.Get("Content-Type") != plain.Header.Get("Content-Type") {
			t.Errorf("%s: %d %s compressed, %d %s plain", path, resp.StatusCode, resp.Header.Get("Content-Type"), plain.StatusCode, plain.Header.Get("Content-Type"))
		}
		if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: Vary %q", path, resp.Header.Get("Vary"))
		}
		if resp.ContentLength != -1 && resp.ContentLength != int64(len(body)) {
			t.Errorf("%s: Content-Length %d for %d bytes", path, resp.ContentLength, len(body))
		}
		if got := gunzip(t, body); !bytes.Equal(got, want) {
			t.Errorf("%s: decompressed body differs from the plain one:\n%s\n%s", path, got, want)
		}
		if len(body) >= len(want) {
			t.Errorf("%s: %d bytes compressed, %d plain", path, len(body), len(want))
		}
	}
}

func TestSmallBodiesMediaAndRefusingClientsGetPlain(t *testing.T) {
	t.Parallel()
	srv, _, _ := newServer(t)
	cases := []struct{ method, path, acceptEncoding string }{
		{http.MethodGet, "/healthz", "gzip"},
		{http.MethodGet, "/v1/spaces/999999", "gzip"}, // a small problem
		{http.MethodGet, "/v1/spaces?limit=5", ""},
		{http.MethodGet, "/v1/spaces?limit=5", "gzip;q=0, identity"},
		{http.MethodGet, "/v1/spaces?limit=5", "br"},
		{http.MethodHead, "/v1/spaces?limit=5", "gzip"},
		{http.MethodGet, "/media/demo/spaces/1/0.svg", "gzip"},
		{http.MethodGet, "/static/icons/facility/wifi.svg", "gzip"},
		{http.MethodGet, "/docs/", "gzip"},
	}
	for _, c := range cases {
		resp, body := fetch(t, c.method, srv.URL+c.path, "Accept-Encoding", c.acceptEncoding)
		if resp.StatusCode >= 500 || resp.Header.Get("Content-Encoding") != "" {
			t.Errorf("%s %s (Accept-Encoding %q): %d, Content-Encoding %q, want plain", c.method, c.path, c.acceptEncoding, resp.StatusCode, resp.Header.Get("Content-Encoding"))
		}
		if c.method == http.MethodGet && resp.ContentLength >= 0 && resp.ContentLength != int64(len(body)) {
			t.Errorf("%s: Content-Length %d for %d bytes", c.path, resp.ContentLength, len(body))
		}
		if strings.HasPrefix(c.path, "/media/") && (!bytes.HasPrefix(body, []byte("<svg")) || resp.Header.Get("Vary") != "") {
			t.Errorf("%s: image changed or varied: %q, Vary %q", c.path, body[:min(len(body), 20)], resp.Header.Get("Vary"))
		}
	}
}

func TestCompressedListsKeepTheirETagWeak(t *testing.T) {
	t.Parallel()
	db, _ := mysqltest.NewDatabase(t)
	mysqltest.NewWorld(t, db, 3, 1, testNow)
	for i := 4; i <= 30; i++ { // a list over 1 KB, as Seoul's 25 districts make
		if _, err := db.Exec(`INSERT INTO districts (id, name, lat, lng, icon_url) VALUES (?, ?, 37.5, 127, ?)`,
			i, fmt.Sprintf("구 %d", i), fmt.Sprintf("/static/icons/district/%d.svg", i)); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(checked(t, httpapi.Handler(httpapi.Deps{App: newApp(db), PublicURL: publicURL}, db, slog.New(slog.DiscardHandler))))
	t.Cleanup(srv.Close)

	plain, want := fetch(t, http.MethodGet, srv.URL+"/v1/districts")
	strong := plain.Header.Get("ETag")
	resp, body := fetch(t, http.MethodGet, srv.URL+"/v1/districts", "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(gunzip(t, body), want) {
		t.Fatalf("%d bytes of districts not gzipped: %q", len(want), resp.Header.Get("Content-Encoding"))
	}
	if !strings.HasPrefix(strong, `"`) || resp.Header.Get("ETag") != "W/"+strong {
		t.Errorf("ETag %q plain and %q compressed, want the compressed one weak", strong, resp.Header.Get("ETag"))
	}
	for _, inm := range []string{strong, "W/" + strong} {
		resp, body := fetch(t, http.MethodGet, srv.URL+"/v1/districts", "Accept-Encoding", "gzip", "If-None-Match", inm)
		if resp.StatusCode != http.StatusNotModified || len(body) != 0 || resp.Header.Get("Content-Encoding") != "" || resp.Header.Get("ETag") == "" {
			t.Errorf("If-None-Match %s with gzip: %d, %d bytes, Content-Encoding %q, ETag %q; want a bare 304 with the ETag",
				inm, resp.StatusCode, len(body), resp.Header.Get("Content-Encoding"), resp.Header.Get("ETag"))
		}
	}
}
