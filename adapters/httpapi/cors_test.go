package httpapi_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ourspace/ourspace/adapters/httpapi"
)

func TestCORS(t *testing.T) {
	var reached int
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached++
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusMethodNotAllowed) // what the API's router answers
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	})
	h := httpapi.CORS([]string{"http://localhost:5173", "https://app.example"}, next)

	do := func(method, origin string, headers map[string]string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, "/v1/spaces", nil)
		if origin != "" {
			r.Header.Set("Origin", origin)
		}
		for k, v := range headers {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}

	t.Run("preflight of an allowed origin is answered, not routed", func(t *testing.T) {
		reached = 0
		w := do(http.MethodOptions, "http://localhost:5173", map[string]string{
			"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type, idempotency-key"})
		if w.Code != http.StatusNoContent || reached != 0 {
			t.Fatalf("status %d, reached next %d times; want 204 answered by CORS", w.Code, reached)
		}
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != "http://localhost:5173" {
			t.Errorf("Allow-Origin %q", got)
		}
		for _, want := range []string{"POST", "PATCH", "DELETE"} {
			if !strings.Contains(w.Header().Get("Access-Control-Allow-Methods"), want) {
				t.Errorf("Allow-Methods %q lacks %s", w.Header().Get("Access-Control-Allow-Methods"), want)
			}
		}
		for _, want := range []string{"Authorization", "Content-Type", "Idempotency-Key"} {
			if !strings.Contains(w.Header().Get("Access-Control-Allow-Headers"), want) {
				t.Errorf("Allow-Headers %q lacks %s", w.Header().Get("Access-Control-Allow-Headers"), want)
			}
		}
		if w.Header().Get("Access-Control-Allow-Credentials") != "" {
			t.Error("credentials must not be allowed")
		}
	})

	t.Run("a simple request of an allowed origin is readable", func(t *testing.T) {
		w := do(http.MethodGet, "https://app.example", nil)
		if w.Code != http.StatusOK || w.Header().Get("Access-Control-Allow-Origin") != "https://app.example" {
			t.Fatalf("status %d, Allow-Origin %q", w.Code, w.Header().Get("Access-Control-Allow-Origin"))
		}
		if !strings.Contains(w.Header().Get("Access-Control-Expose-Headers"), "Location") {
			t.Errorf("Expose-Headers %q lacks Location", w.Header().Get("Access-Control-Expose-Headers"))
		}
		if w.Header().Get("Vary") != "Origin" {
			t.Errorf("Vary %q, want Origin", w.Header().Get("Vary"))
		}
	})

	t.Run("another origin gets no CORS headers and its preflight is refused", func(t *testing.T) {
		w := do(http.MethodGet, "https://evil.example", nil)
		if w.Code != http.StatusOK || w.Header().Get("Access-Control-Allow-Origin") != "" {
			t.Fatalf("status %d, Allow-Origin %q; want 200 without it", w.Code, w.Header().Get("Access-Control-Allow-Origin"))
		}
		w = do(http.MethodOptions, "https://evil.example", map[string]string{"Access-Control-Request-Method": "GET"})
		if w.Code != http.StatusForbidden || w.Header().Get("Access-Control-Allow-Origin") != "" {
			t.Fatalf("preflight status %d, Allow-Origin %q; want 403 without it", w.Code, w.Header().Get("Access-Control-Allow-Origin"))
		}
	})

	t.Run("without Origin nothing changes", func(t *testing.T) {
		w := do(http.MethodOptions, "", nil)
		if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Vary") != "" {
			t.Fatalf("status %d, Vary %q; want the router's 405 untouched", w.Code, w.Header().Get("Vary"))
		}
	})

	t.Run("* allows any origin", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodOptions, "/v1/me", nil)
		r.Header.Set("Origin", "https://anywhere.example")
		r.Header.Set("Access-Control-Request-Method", "GET")
		w := httptest.NewRecorder()
		httpapi.CORS([]string{"*"}, next).ServeHTTP(w, r)
		if w.Code != http.StatusNoContent || w.Header().Get("Access-Control-Allow-Origin") != "https://anywhere.example" {
			t.Fatalf("status %d, Allow-Origin %q", w.Code, w.Header().Get("Access-Control-Allow-Origin"))
		}
	})
}
