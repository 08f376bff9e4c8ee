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

// Timeouts bound the time a request may take, its work and its connection.
type Timeouts struct {
	// Request is the deadline of every request, which reaches the database
	// through its context. Default 10 s.
	Request time.Duration
	// Upload is the deadline of the operations that take photos (a
	// multipart body of up to 200 MiB): sending the body over a slow link
	// and the work after it. Default 10 min.
	Upload time.Duration
}

// The defaults of Timeouts.
const (
	DefaultRequestTimeout = 10 * time.Second
	DefaultUploadTimeout  = 10 * time.Minute
)

// connGrace is how long a request's connection outlasts its deadline: time
// to write the 503 the deadline led to, or a large answer to a slow client.
const connGrace = 20 * time.Second

// Handler is the whole HTTP surface: the API, health checks, docs and
// static media, behind request ids, access logs, panic recovery, deadlines
// and gzip for JSON bodies.
func Handler(d Deps, db Pinger, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	api := NewAPI(mux, d)
	isUpload := uploadRoute(mux, api.OpenAPI())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	})
	mux.HandleFunc("GET /readyz", readyHandler(db, d.ReadReplica))
	// Swagger UI with its assets embedded in the binary: /docs works offline.
	mux.Handle("/docs/", v5emb.New("OurSpace API", "/openapi.json", "/docs/"))
	mux.Handle("GET /docs", http.RedirectHandler("/docs/", http.StatusMovedPermanently))
	mux.Handle("GET /static/icons/{kind}/{file}", iconHandler())
	mux.Handle("GET /media/demo/", demoPhotoHandler())
	if d.Objects != nil {
		mux.Handle("GET /media/", objectHandler(d.Objects))
	}
	mux.Handle("GET /auth/complete", loginCompleteHandler())
	var routes http.Handler = mux
	if d.Metrics != nil {
		routes = d.Metrics.Middleware(operations(api), mux)
	}
	return withRequestContext(log, withDeadline(d.Timeouts, isUpload, compressJSON(routes)))
}

// readyHandler answers /readyz: ready while the primary answers its ping,
// 503 otherwise. A read replica's state is reported beside it ("replica":
// "ready" or "unavailable") but does not decide: its reads fall back to the
// primary (mysql.Replica), so a process whose replica is down still serves,
// and a replica outage must not take every process out of the load
// balancer. Both are pinged at once, within one 2 s bound.
func readyHandler(db, replica Pinger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		replicaErr := make(chan error, 1)
		if replica != nil {
			go func() { replicaErr <- replica.PingContext(ctx) }()
		}
		w.Header().Set("Content-Type", "application/json")
		if err := db.PingContext(ctx); err != nil {
			logger(r.Context()).WarnContext(r.Context(), "readiness: database does not answer", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"status":"database unavailable"}`))
			return
		}
		if replica == nil {
			_, _ = w.Write([]byte(`{"status":"ready"}`))
			return
		}
		if err := <-replicaErr; err != nil {
			logger(r.Context()).WarnContext(r.Context(), "readiness: read replica does not answer; its reads go to the primary", "err", err)
			_, _ = w.Write([]byte(`{"status":"ready","replica":"unavailable"}`))
			return
		}
		_, _ = w.Write([]byte(`{"status":"ready","replica":"ready"}`))
	}
}

// uploadRoute tells the requests mux routes to an operation of doc that
// takes a multipart body (photos); Huma registers each as "METHOD path".
func uploadRoute(mux *http.ServeMux, doc *huma.OpenAPI) func(*http.Request) bool {
	uploads := map[string]bool{}
	for path, item := range doc.Paths {
		for method, op := range map[string]*huma.Operation{http.MethodPost: item.Post, http.MethodPut: item.Put, http.MethodPatch: item.Patch} {
			if op != nil && op.RequestBody != nil && op.RequestBody.Content["multipart/form-data"] != nil {
				uploads[method+" "+path] = true
			}
		}
	}
	return func(r *http.Request) bool {
		if r.Method != http.MethodPost && r.Method != http.MethodPut && r.Method != http.MethodPatch {
			return false // without looking the route up again
		}
		_, pattern := mux.Handler(r)
		return uploads[pattern]
	}
}

// documentUnavailable documents on every operation the 503 any of them
// answers while a dependency is down or did not answer by the request's
// deadline, with its Retry-After.
func documentUnavailable(_ *huma.OpenAPI, op *huma.Operation) {
	for _, r := range op.Responses {
		if mt := r.Content["application/problem+json"]; mt != nil {
			op.Responses["503"] = &huma.Response{
				Description: "Service Unavailable: the database or another service we depend on is down or did not answer in time; retry after Retry-After",
				Headers: map[string]*huma.Param{"Retry-After": {Required: true, Description: "Seconds to wait before retrying",
					Schema: &huma.Schema{Type: huma.TypeInteger}}},
				Content: map[string]*huma.MediaType{"application/problem+json": {Schema: mt.Schema}}}
			return
		}
	}
}

// withDeadline gives every request a deadline, the upload operations a
// longer one (chosen by route, not by what the client sends), and sets the
// connection's deadlines past it: net/http cancels a request's context when
// a read deadline passes while it watches the connection for the client
// leaving, which would pass for the client gone, and a write deadline that
// passed drops the answer, so both must outlast the request by enough to
// write the 503 its deadline leads to.
func withDeadline(t Timeouts, isUpload func(*http.Request) bool, next http.Handler) http.Handler {
	if t.Request <= 0 {
		t.Request = DefaultRequestTimeout
	}
	if t.Upload <= 0 {
		t.Upload = DefaultUploadTimeout
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		timeout := t.Request
		if isUpload(r) {
			timeout = t.Upload
		}
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		// The server's connection deadlines are moved only when they would
		// fall within the request's deadline and its grace: moving them
		// takes locks in the network poller, a measurable part of a short
		// request, and the usual server's outlast a usual request.
		need := timeout + connGrace
		srv, _ := r.Context().Value(http.ServerContextKey).(*http.Server)
		if srv == nil || srv.ReadTimeout > 0 && srv.ReadTimeout < need || srv.WriteTimeout > 0 && srv.WriteTimeout < need {
			rc := http.NewResponseController(w)
			end := time.Now().Add(need)
			_ = rc.SetReadDeadline(end)
			_ = rc.SetWriteDeadline(end)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// requestIDPattern bounds the ids we accept from callers, so logs stay clean.
var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// withRequestContext gives every request an id (the caller's X-Request-Id
// when sane), a logger carrying it, an access log line, and turns panics into
// bare 500s. The log line says what the client got: the status written, or
// 499 when the client left (or the connection failed) before the answer was
// out, with the status the handler meant to send.
func withRequestContext(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !requestIDPattern.MatchString(id) {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		ctx := context.WithValue(r.Context(), loggerKey{}, requestLog{base: log, id: id})
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		defer func() {
			if p := recover(); p != nil {
				log.ErrorContext(ctx, "panic", "request_id", id, "panic", p)
				if !rec.wrote {
					rec.Header().Set("Content-Type", "application/problem+json")
					rec.WriteHeader(http.StatusInternalServerError)
					_, _ = rec.Write([]byte(`{"title":"Internal Server Error","status":500,"detail":"internal error"}`))
				}
			}
			status, attrs := rec.status, []any{}
			if r.Context().Err() != nil || rec.writeErr != nil {
				status, attrs = statusClientClosed, append(attrs, "handler_status", rec.status)
				if rec.writeErr != nil {
					attrs = append(attrs, "write_error", rec.writeErr.Error())
				}
			}
			if !log.Enabled(ctx, slog.LevelInfo) {
				return
			}
			log.InfoContext(ctx, "request", append([]any{"request_id", id, "method", r.Method, "path", r.URL.Path, "status", status,
				"duration_ms", float64(time.Since(start).Microseconds()) / 1000}, attrs...)...)
		}()
		next.ServeHTTP(rec, r.WithContext(ctx))
	})
}

// statusClientClosed is nginx's status for a client that left before the
// answer: logged, and written by problem where a use case saw it leave.
const statusClientClosed = 499

type statusRecorder struct {
	http.ResponseWriter
	status   int
	wrote    bool
	writeErr error // the first failed write: the client did not get the answer
}

// Unwrap lets http.ResponseController reach the connection.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	n, err := s.ResponseWriter.Write(b)
	if err != nil && s.writeErr == nil {
		s.writeErr = err
	}
	return n, err
}

// Spec gives the OpenAPI document without any server, database or network:
// the operations are registered against handlers that are never called.
func Spec() *huma.OpenAPI {
	api := NewAPI(http.NewServeMux(), Deps{})
	return api.OpenAPI()
}
