package httpapi

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"
)

// The operations that take photos, and only they, get the upload deadline,
// chosen by route whatever the request says its body is.
func TestUploadOperationsGetTheUploadDeadline(t *testing.T) {
	mux := http.NewServeMux()
	isUpload := uploadRoute(mux, NewAPI(mux, Deps{}).OpenAPI())
	timeouts := Timeouts{Request: time.Second, Upload: time.Hour}
	var left time.Duration
	h := withDeadline(timeouts, isUpload, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		d, ok := r.Context().Deadline()
		if !ok {
			t.Fatal("no deadline")
		}
		left = time.Until(d)
	}))
	for _, c := range []struct {
		method, path string
		upload       bool
	}{
		{http.MethodPost, "/v1/spaces", true},
		{http.MethodPost, "/v1/spaces/7/photos", true},
		{http.MethodPost, "/v1/bookings/3/review", true},
		{http.MethodGet, "/v1/spaces", false},
		{http.MethodPatch, "/v1/spaces/7", false},
		{http.MethodPost, "/v1/bookings", false},
		{http.MethodGet, "/media/spaces/7/a.jpg", false},
	} {
		r := httptest.NewRequest(c.method, c.path, nil)
		r.Header.Set("Content-Type", "multipart/form-data; boundary=x") // not what decides
		h.ServeHTTP(httptest.NewRecorder(), r)
		want := timeouts.Request
		if c.upload {
			want = timeouts.Upload
		}
		if left > want || left < want-time.Second/2 {
			t.Errorf("%s %s: deadline in %s, want %s", c.method, c.path, left, want)
		}
	}
}

// Every operation documents the 503 with Retry-After that any of them may
// answer while the database is down.
func TestEveryOperationDocumentsUnavailable(t *testing.T) {
	n := 0
	for path, item := range Spec().Paths {
		for method, op := range map[string]*huma.Operation{"GET": item.Get, "POST": item.Post, "PUT": item.Put, "PATCH": item.Patch, "DELETE": item.Delete} {
			if op == nil {
				continue
			}
			n++
			r := op.Responses["503"]
			if r == nil || r.Headers["Retry-After"] == nil || !r.Headers["Retry-After"].Required {
				t.Errorf("%s %s does not document 503 with Retry-After", method, path)
			}
		}
	}
	if n < 30 {
		t.Errorf("only %d operations", n)
	}
}
