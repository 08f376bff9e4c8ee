package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/swaggest/swgui/v5emb"
)

// Pinger reports whether the database answers; /readyz uses it.
type Pinger interface {
	PingContext(ctx context.Context) error
}

// Handler is the whole HTTP surface: the API, health checks, docs and
// static media, behind request ids, access logs, panic recovery and gzip
// for JSON bodies.
func Handler(d Deps, db Pinger, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	NewAPI(mux, d)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "application/json")
		if err := db.PingContext(ctx); err != nil {
			logger(r.Context()).WarnContext(r.Context(), "readiness: database does not answer", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"status":"database unavailable"}`))
			return
		}
		_, _ = w.Write([]byte(`{"status":"ready"}`))
	})
	// Swagger UI with its assets embedded in the binary: /docs works offline.
	mux.Handle("/docs/", v5emb.New("OurSpace API", "/openapi.json", "/docs/"))
	mux.Handle("GET /docs", http.RedirectHandler("/docs/", http.StatusMovedPermanently))
	mux.Handle("GET /static/icons/{kind}/{file}", iconHandler())
	mux.Handle("GET /media/demo/", demoPhotoHandler())
	if d.Objects != nil {
		mux.Handle("GET /media/", objectHandler(d.Objects))
	}
	mux.Handle("GET /auth/complete", loginCompleteHandler())
	return withRequestContext(log, compressJSON(mux))
}

// requestIDPattern bounds the ids we accept from callers, so logs stay clean.
var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// withRequestContext gives every request an id (the caller's X-Request-Id
// when sane), a logger carrying it, an access log line, and turns panics into
// bare 500s.
func withRequestContext(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !requestIDPattern.MatchString(id) {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		l := log.With("request_id", id)
		ctx := context.WithValue(r.Context(), loggerKey{}, l)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		defer func() {
			if p := recover(); p != nil {
				l.ErrorContext(ctx, "panic", "panic", p)
				if !rec.wrote {
					rec.Header().Set("Content-Type", "application/problem+json")
					rec.WriteHeader(http.StatusInternalServerError)
					_, _ = rec.Write([]byte(`{"title":"Internal Server Error","status":500,"detail":"internal error"}`))
				}
			}
			l.InfoContext(ctx, "request", "method", r.Method, "path", r.URL.Path, "status", rec.status,
				"duration_ms", float64(time.Since(start).Microseconds())/1000)
		}()
		next.ServeHTTP(rec, r.WithContext(ctx))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	return s.ResponseWriter.Write(b)
}

// Spec gives the OpenAPI document without any server, database or network:
// the operations are registered against handlers that are never called.
func Spec() *huma.OpenAPI {
	api := NewAPI(http.NewServeMux(), Deps{})
	return api.OpenAPI()
}
