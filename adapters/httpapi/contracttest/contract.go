// Package contracttest holds HTTP tests to the committed OpenAPI document,
// openapi/openapi.yaml. A test wraps the handler, the humatest API or the
// client it uses, and every exchange through it is checked with kin-openapi:
// the response must be one the operation documents, with a body and headers
// its schema allows, and a request the document refuses must not succeed.
// docs/fuzzing.md lists what is not checked and why.
package contracttest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// MaxBufferedBody is the largest request body a wrapper reads to validate;
// a larger one (an upload near the server's own limit) passes unread, so
// its body is not checked and the server still sees what the client sent.
const MaxBufferedBody = 32 << 20

// Spec is the committed document with a router over its operations.
type Spec struct {
	Doc    *openapi3.T
	router routers.Router
}

var (
	loadOnce sync.Once
	loaded   *Spec
	errLoad  error
)

// Load reads openapi/openapi.yaml from the module's root, once per test
// binary, and fails the test when it cannot be read or is not valid.
func Load(tb testing.TB) *Spec {
	tb.Helper()
	loadOnce.Do(func() { loaded, errLoad = load() })
	if errLoad != nil {
		tb.Fatalf("contract: %v", errLoad)
	}
	return loaded
}

func load() (*Spec, error) {
	path, err := specPath()
	if err != nil {
		return nil, err
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		return nil, fmt.Errorf("%s is not a valid OpenAPI document: %w", path, err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("route %s: %w", path, err)
	}
	return &Spec{Doc: doc, router: router}, nil
}

// specPath finds openapi/openapi.yaml beside go.mod, above the package a
// test runs in.
func specPath() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "openapi", "openapi.yaml"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// Exchange is one request and the response it got, as the wire carried them.
type Exchange struct {
	Request *http.Request
	// RequestBody is the request's body; nil when it was too large to read.
	RequestBody []byte
	Status      int
	Header      http.Header
	Body        []byte
}

// Check reports how ex breaks the contract, or nil. Requests to paths the
// document does not describe (health checks, docs, media) are outside it,
// except that nothing under /v1/ may succeed undocumented.
func (s *Spec) Check(ex Exchange) (err error) {
	defer func() {
		// A validator's bug must fail the test, not the server under it.
		if p := recover(); p != nil {
			err = fmt.Errorf("contract: %s %s: the validator panicked: %v", ex.Request.Method, ex.Request.URL.RequestURI(), p)
		}
	}()
	r := ex.Request
	if p := r.URL.Path; path.Clean(p) != p {
		// Dot or empty segments: the mux redirects to the clean path, and
		// no operation sees the request.
		return s.unrouted(ex, fmt.Errorf("%q is not a clean path", p))
	}
	route, params, err := s.router.FindRoute(r)
	if r.Method == http.MethodHead && errors.Is(err, routers.ErrMethodNotAllowed) {
		// HEAD is GET without the body (RFC 9110 9.3.2); the mux serves it so.
		get := r.Clone(context.Background())
		get.Method = http.MethodGet
		route, params, err = s.router.FindRoute(get)
	}
	if err != nil {
		return s.unrouted(ex, err)
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("contract: %s %s (operation %s) answered %d: %s", r.Method, r.URL.RequestURI(),
			route.Operation.OperationID, ex.Status, fmt.Sprintf(format, args...))
	}
	responses := route.Operation.Responses
	documented := responses.Status(ex.Status)
	if documented == nil {
		documented = responses.Default()
	}
	if documented == nil {
		return fail("status %d is not documented; the operation lists %s", ex.Status, strings.Join(slices.Sorted(maps.Keys(responses.Map())), ", "))
	}

	ctx := context.Background()
	opts := &openapi3filter.Options{AuthenticationFunc: bearerPresent, MultiError: true, IncludeResponseStatus: true,
		ExcludeReadOnlyValidations: true} // a client may echo $schema back; the server ignores it
	if ex.RequestBody == nil {
		opts.ExcludeRequestBody = true
	}
	if r.Method == http.MethodHead {
		opts.ExcludeResponseBody = true // validated as GET, less the body
	}
	in := &openapi3filter.RequestValidationInput{Request: tolerated(r, route, ex.RequestBody), PathParams: params, Route: route, Options: opts}
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil && ex.Status < 400 {
		return fail("the document refuses this request, yet it succeeded: %v", err)
	}

	body, err := decoded(ex.Header, ex.Body)
	if err != nil {
		return fail("%v", err)
	}
	if len(documented.Value.Content) == 0 && len(body) > 0 && r.Method != http.MethodHead {
		return fail("a body of %d bytes where the document declares none", len(body))
	}
	if err := openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: ex.Status, Header: ex.Header,
		Body: io.NopCloser(bytes.NewReader(body)), Options: opts,
	}); err != nil {
		return fail("%v\nbody: %s", err, clip(body))
	}
	return nil
}

// unrouted checks an exchange no operation of the document describes.
func (s *Spec) unrouted(ex Exchange, why error) error {
	if r := ex.Request; strings.HasPrefix(r.URL.Path, "/v1/") && ex.Status >= 200 && ex.Status < 300 {
		return fmt.Errorf("contract: %s %s is no documented operation (%w) but answered %d", r.Method, r.URL.Path, why, ex.Status)
	}
	return nil
}

// tolerated is a copy of r to validate, less what the server is known to
// take beyond the document's schemas, each said in the document's words or
// by Huma (docs/fuzzing.md lists them): an integer list parameter given as
// comma-separated ids, empty values of such a list, a body of any
// application/*+json type (JSON by RFC 6839, and read so), null for an
// optional JSON property (Huma reads it as absent), and a JSON form part
// sent as a plain field.
func tolerated(r *http.Request, route *routers.Route, body []byte) *http.Request {
	out := r.Clone(context.Background())
	if out.Method == http.MethodHead {
		out.Method = http.MethodGet
	}
	q := out.URL.Query()
	changed := false
	for _, pr := range route.Operation.Parameters {
		p := pr.Value
		if p.In != "query" || q[p.Name] == nil || p.Schema == nil || !p.Schema.Value.Type.Is("array") ||
			p.Schema.Value.Items == nil || !p.Schema.Value.Items.Value.Type.Is("integer") || (p.Explode != nil && !*p.Explode) {
			continue
		}
		var ids []string
		for _, v := range q[p.Name] {
			for id := range strings.SplitSeq(v, ",") {
				if id = strings.TrimSpace(id); id != "" {
					ids = append(ids, id)
				}
			}
		}
		if ids == nil {
			q.Del(p.Name)
		} else {
			q[p.Name] = ids
		}
		changed = true
	}
	if changed {
		out.URL.RawQuery = q.Encode()
	}
	out.Body = io.NopCloser(bytes.NewReader(body))
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err == nil && strings.HasPrefix(mt, "application/") &&
		strings.HasSuffix(mt, "+json") && route.Operation.RequestBody != nil && route.Operation.RequestBody.Value.Content.Get(mt) == nil {
		out.Header.Set("Content-Type", "application/json")
	}
	if b, ct, ok := jsonFormFields(r.Header.Get("Content-Type"), body, route); ok {
		out.Body = io.NopCloser(bytes.NewReader(b))
		out.ContentLength = int64(len(b))
		out.Header.Set("Content-Type", ct)
	}
	if rb := route.Operation.RequestBody; rb != nil && strings.HasPrefix(out.Header.Get("Content-Type"), "application/json") {
		if mt := rb.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
			var v any
			if json.Unmarshal(body, &v) == nil {
				if b, err := json.Marshal(dropOptionalNulls(v, mt.Schema.Value)); err == nil {
					out.Body = io.NopCloser(bytes.NewReader(b))
					out.ContentLength = int64(len(b))
				}
			}
		}
	}
	return out
}

// jsonFormFields rewrites a multipart body whose plain form fields (no
// Content-Type, so text/plain by RFC 7578, as browsers send strings) hold a
// JSON part the document wants as an object: they are marked
// application/json, as the server reads them. ok is false when nothing
// needed it.
func jsonFormFields(contentType string, body []byte, route *routers.Route) (out []byte, ct string, ok bool) {
	mediaType, params, err := mime.ParseMediaType(contentType)
	rb := route.Operation.RequestBody
	if err != nil || mediaType != "multipart/form-data" || rb == nil {
		return nil, "", false
	}
	mt := rb.Value.Content.Get(mediaType)
	if mt == nil || mt.Schema == nil {
		return nil, "", false
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if w.SetBoundary(params["boundary"]) != nil {
		return nil, "", false
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, "", false
		}
		h := textproto.MIMEHeader{}
		maps.Copy(h, part.Header)
		prop := mt.Schema.Value.Properties[part.FormName()]
		if ct := h.Get("Content-Type"); (ct == "" || strings.HasPrefix(ct, "text/plain")) && prop != nil && prop.Value.Type.Is("object") {
			h.Set("Content-Type", "application/json")
			ok = true
		}
		pw, err := w.CreatePart(h)
		if err != nil {
			return nil, "", false
		}
		if _, err := io.Copy(pw, part); err != nil {
			return nil, "", false
		}
	}
	if w.Close() != nil {
		return nil, "", false
	}
	return buf.Bytes(), w.FormDataContentType(), ok
}

// dropOptionalNulls removes the null values of properties that s does not
// require, at every depth s describes.
func dropOptionalNulls(v any, s *openapi3.Schema) any {
	if s == nil {
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		for k, pv := range x {
			ps := s.Properties[k]
			if pv == nil && !slices.Contains(s.Required, k) {
				delete(x, k)
			} else if ps != nil {
				x[k] = dropOptionalNulls(pv, ps.Value)
			}
		}
	case []any:
		if s.Items != nil {
			for i := range x {
				x[i] = dropOptionalNulls(x[i], s.Items.Value)
			}
		}
	}
	return v
}

// bearerPresent is the document's bearer scheme as a request can be held
// to it: a token is there. Whether it is valid is the server's to say (401).
func bearerPresent(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	h := in.RequestValidationInput.Request.Header.Get("Authorization")
	if in.SecurityScheme.Type == "http" && in.SecurityScheme.Scheme == "bearer" {
		if scheme, token, ok := strings.Cut(h, " "); ok && strings.EqualFold(scheme, "bearer") && token != "" {
			return nil
		}
		return errors.New("no bearer token")
	}
	return fmt.Errorf("security scheme %q is not known to the contract check", in.SecuritySchemeName)
}

// decoded undoes the gzip the server may apply to JSON bodies.
func decoded(h http.Header, body []byte) ([]byte, error) {
	if h.Get("Content-Encoding") != "gzip" || len(body) == 0 {
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("Content-Encoding gzip, but the body is not: %w", err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("Content-Encoding gzip, but the body is not: %w", err)
	}
	return plain, nil
}

// clip keeps failure messages readable.
func clip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}
