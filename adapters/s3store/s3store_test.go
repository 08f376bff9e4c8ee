package s3store_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/ourspace/ourspace/adapters/s3store"
	"github.com/ourspace/ourspace/app/ports"
)

// newStore talks to a real S3-compatible server on loopback, whose request
// log shows what crossed the wire.
func newStore(t *testing.T) (*s3store.Store, *[]string) {
	t.Helper()
	var seen []string
	fake := gofakes3.New(s3mem.New()).Server()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Method+" "+r.URL.Path)
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	s, err := s3store.New(s3store.Config{Endpoint: srv.URL, Bucket: "media", AccessKeyID: "key", SecretAccessKey: "secret", PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureBucket(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureBucket(context.Background()); err != nil {
		t.Fatalf("ensuring an existing bucket: %v", err)
	}
	return s, &seen
}

func TestPutGetDelete(t *testing.T) {
	s, seen := newStore(t)
	ctx := context.Background()
	photo := bytes.Repeat([]byte{0xff, 0xd8, 0x42}, 1000)
	if err := s.Put(ctx, "spaces/7/a.jpg", "image/jpeg", photo); err != nil {
		t.Fatal(err)
	}
	obj, err := s.Get(ctx, "spaces/7/a.jpg")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(obj.Body)
	obj.Body.Close()
	if !bytes.Equal(got, photo) || obj.ContentType != "image/jpeg" || obj.Size != int64(len(photo)) {
		t.Errorf("read back %d bytes of %s (size %d), want %d of image/jpeg", len(got), obj.ContentType, obj.Size, len(photo))
	}
	if !contains(*seen, "PUT /media/spaces/7/a.jpg") {
		t.Errorf("no path-style PUT reached the server: %v", *seen)
	}
	if err := s.Delete(ctx, "spaces/7/a.jpg"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "spaces/7/a.jpg"); !errors.Is(err, ports.ErrObjectNotFound) {
		t.Errorf("get after delete: %v, want ErrObjectNotFound", err)
	}
	if err := s.Delete(ctx, "spaces/7/a.jpg"); err != nil {
		t.Errorf("deleting a missing key: %v", err)
	}
}

func TestPresignedURLServesTheObject(t *testing.T) {
	s, _ := newStore(t)
	if err := s.Put(context.Background(), "spaces/1/x.png", "image/png", []byte("png bytes")); err != nil {
		t.Fatal(err)
	}
	u := s.URL("spaces/1/x.png")
	if !strings.Contains(u, "X-Amz-Signature=") || !strings.Contains(u, "X-Amz-Expires=3600") {
		t.Fatalf("not a presigned URL: %s", u)
	}
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(body) != "png bytes" {
		t.Errorf("GET presigned: %d %q", resp.StatusCode, body)
	}
}

func TestUnreachableServerIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close() // nothing listens there any more
	s, err := s3store.New(s3store.Config{Endpoint: srv.URL, Bucket: "media", PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(context.Background(), "k", "image/png", []byte("x")); err == nil {
		t.Error("put to a closed server succeeded")
	}
	if _, err := s.Get(context.Background(), "k"); err == nil || errors.Is(err, ports.ErrObjectNotFound) {
		t.Errorf("get from a closed server: %v, want a failure that is not 'not found'", err)
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
