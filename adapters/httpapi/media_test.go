package httpapi_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/adapters/s3store"
)

// TestMediaIsServedFromTheObjectStore reads photos through /media/ from a
// real S3-compatible server on loopback.
func TestMediaIsServedFromTheObjectStore(t *testing.T) {
	s3 := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
	defer s3.Close()
	store, err := s3store.New(s3store.Config{Endpoint: s3.URL, Bucket: "media", PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := store.EnsureBucket(ctx); err != nil {
		t.Fatal(err)
	}
	if err := store.Put(ctx, "spaces/3/photo-1.jpg", "image/jpeg", []byte("jpeg bytes")); err != nil {
		t.Fatal(err)
	}
	if err := store.Put(ctx, "spaces/3/evil.html", "text/html", []byte("<script>")); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(checked(t, httpapi.Handler(httpapi.Deps{PublicURL: "http://api.test", Objects: store}, nil, slog.New(slog.DiscardHandler))))
	defer srv.Close()

	for _, tt := range []struct {
		path, contentType, body string
		status                  int
	}{
		{"/media/spaces/3/photo-1.jpg", "image/jpeg", "jpeg bytes", 200},
		{"/media/spaces/3/evil.html", "application/octet-stream", "<script>", 200}, // never rendered as a page
		{"/media/spaces/3/none.jpg", "", "", 404},
		{"/media/spaces/../../etc/passwd", "", "", 404},
		{"/media/demo/spaces/1/0.svg", "image/svg+xml", "", 200}, // the bulk seed's drawn placeholders
	} {
		resp, err := http.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || (tt.contentType != "" && resp.Header.Get("Content-Type") != tt.contentType) ||
			(tt.body != "" && string(body) != tt.body) {
			t.Errorf("GET %s: %d %s %q", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
		if tt.status == 200 && resp.Header.Get("X-Content-Type-Options") != "nosniff" && tt.contentType != "image/svg+xml" {
			t.Errorf("GET %s without nosniff", tt.path)
		}
	}
	// The store going away is a temporary condition, not a bug.
	s3.Close()
	resp, err := http.Get(srv.URL + "/media/spaces/3/photo-1.jpg")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("store down: %d, Retry-After %q; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}
