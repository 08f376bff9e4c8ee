package s3local_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/ourspace/ourspace/adapters/s3local"
	"github.com/ourspace/ourspace/adapters/s3store"
)

func store(t *testing.T, srv *s3local.Server) *s3store.Store {
	t.Helper()
	s, err := s3store.New(s3store.Config{Endpoint: srv.Endpoint(), Bucket: "ourspace-media", PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureBucket(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestObjectsSurviveARestart(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	srv, err := s3local.Start(dir, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := store(t, srv).Put(ctx, "spaces/1/a.jpg", "image/jpeg", []byte("jpeg bytes")); err != nil {
		t.Fatal(err)
	}
	// A second process on the same directory is refused, not left waiting.
	if _, err := s3local.Start(dir, "127.0.0.1:0"); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Errorf("second server on one directory: %v", err)
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := s3local.Start(dir, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	obj, err := store(t, again).Get(ctx, "spaces/1/a.jpg")
	if err != nil {
		t.Fatalf("after a restart: %v", err)
	}
	body, _ := io.ReadAll(obj.Body)
	obj.Body.Close()
	if string(body) != "jpeg bytes" || obj.ContentType != "image/jpeg" {
		t.Errorf("after a restart: %q as %s", body, obj.ContentType)
	}
}
