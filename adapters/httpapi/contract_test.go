package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"maps"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/adapters/httpapi/contracttest"
)

// recordingTB keeps the failures the contract check reports instead of
// failing the test, so a test can see that it reports them.
type recordingTB struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recordingTB) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.errors
	r.errors = nil
	return e
}

func gzipped(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_, _ = zw.Write([]byte(s))
	_ = zw.Close()
	return b.String()
}

// TestContractCheckIsLive sends answers that break the committed document
// through the wrappers every component test uses, and one that keeps it:
// the check must name the operation, the status and what is wrong.
func TestContractCheckIsLive(t *testing.T) {
	t.Parallel()
	spec := contracttest.Load(t)
	type answer struct {
		status int
		header string
		body   string
	}
	cases := []struct {
		name, method, path, auth string
		answer                   answer
		want                     string // "" when the exchange keeps the contract
	}{
		{"a valid list", "GET", "/v1/categories", "", answer{200, "application/json", `{"items":[]}`}, ""},
		{"a valid problem", "GET", "/v1/spaces/7", "", answer{404, "application/problem+json", `{"title":"Not Found","status":404}`}, ""},
		{"a body of the wrong shape", "GET", "/v1/categories", "", answer{200, "application/json", `{"items":"none"}`},
			"operation list-categories) answered 200"},
		{"a field missing", "GET", "/v1/categories", "", answer{200, "application/json", `{}`}, `"items"`},
		{"gzip of a wrong body", "GET", "/v1/categories", "", answer{200, "application/json\ngzip", gzipped(`{"items":1}`)}, "answered 200"},
		{"an undocumented status", "GET", "/v1/categories", "", answer{418, "application/problem+json", `{"status":418}`},
			"status 418 is not documented"},
		{"an undocumented 304", "GET", "/v1/spaces/7", "", answer{304, "", ""}, "status 304 is not documented"},
		{"a content type not documented", "GET", "/v1/categories", "", answer{200, "text/html", `<p>hi</p>`}, "text/html"},
		{"success without the bearer the document asks", "GET", "/v1/me", "", answer{200, "application/json", `{}`},
			"the document refuses this request, yet it succeeded"},
		{"success on a query the document refuses", "GET", "/v1/spaces?limit=0", "", answer{200, "application/json", `{"items":[]}`},
			"the document refuses this request"},
		{"an operation the document lacks", "GET", "/v1/secret", "", answer{200, "application/json", `{}`}, "no documented operation"},
		{"outside the API", "GET", "/healthz", "", answer{200, "application/json", `{"status":"ok"}`}, ""},
		{"the mux cleaning a path", "GET", "/v1/spaces/./reviews", "", answer{307, "", ""}, ""},
		{"HEAD of a GET operation", "HEAD", "/v1/categories", "", answer{200, "application/json", ""}, ""},
		{"HEAD with an undocumented status", "HEAD", "/v1/categories", "", answer{418, "", ""}, "status 418 is not documented"},
		{"ids separated by commas, as documented", "GET", "/v1/spaces?district=1,2&district=", "", answer{200, "application/json", `{"items":[]}`}, ""},
		{"an empty value, taken as not given", "GET", "/v1/spaces?sort=", "", answer{200, "application/json", `{"items":[]}`}, ""},
		{"a value no list may hold", "GET", "/v1/spaces?district=1,x", "", answer{200, "application/json", `{"items":[]}`},
			"the document refuses this request"},
	}
	for _, c := range cases {
		served := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			ct, enc, _ := strings.Cut(c.answer.header, "\n")
			if ct != "" {
				w.Header().Set("Content-Type", ct)
			}
			if enc != "" {
				w.Header().Set("Content-Encoding", enc)
			}
			w.WriteHeader(c.answer.status)
			_, _ = w.Write([]byte(c.answer.body))
		})
		check := func(how string, got []string) {
			t.Helper()
			switch {
			case c.want == "" && len(got) > 0:
				t.Errorf("%s, %s: reported %q", c.name, how, got)
			case c.want != "" && (len(got) != 1 || !strings.Contains(got[0], c.want)):
				t.Errorf("%s, %s: reported %q, want one failure saying %q", c.name, how, got, c.want)
			}
		}
		rec := &recordingTB{TB: t}
		w := httptest.NewRecorder()
		spec.Handler(rec, served).ServeHTTP(w, httptest.NewRequest(c.method, c.path, nil))
		check("server side", rec.take())
		if w.Code != c.answer.status || w.Body.String() != c.answer.body {
			t.Errorf("%s: the wrapper changed the answer to %d %q", c.name, w.Code, w.Body)
		}

		srv := httptest.NewServer(served)
		client := &http.Client{Transport: spec.Transport(rec, nil)}
		req, _ := http.NewRequest(c.method, srv.URL+c.path, nil)
		req.Header.Set("Accept-Encoding", "identity")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		srv.Close()
		check("client side", rec.take())
	}
}

// TestContractCheckCoversHumaTest registers a handler that answers the
// committed list-categories operation with another shape on the humatest
// API the component tests use.
func TestContractCheckCoversHumaTest(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{TB: t}
	api := contracttest.Load(t).HumaTest(rec, httpapi.Config())
	huma.Get(api, "/v1/categories", func(context.Context, *struct{}) (*struct{ Body struct{ Items string } }, error) {
		out := &struct{ Body struct{ Items string } }{}
		out.Body.Items = "not a list"
		return out, nil
	})
	if resp := api.Get("/v1/categories"); resp.Code != http.StatusOK {
		t.Fatalf("%d %s", resp.Code, resp.Body)
	}
	got := rec.take()
	if len(got) != 1 || !strings.Contains(got[0], "list-categories") || !strings.Contains(got[0], "doesn't match") {
		t.Errorf("reported %q, want the wrong items named", got)
	}
}

// TestContractCheckValidatesMultipartRequests sends review forms through the
// check: a form the document allows is taken, one it refuses may not succeed.
func TestContractCheckValidatesMultipartRequests(t *testing.T) {
	t.Parallel()
	spec := contracttest.Load(t)
	created := `{"id":1,"space_id":1,"author_nickname":"x","rating":5,"body":"좋은 공간이었습니다!","photos":[],"created_at":"2026-12-01T00:00:00Z"}`
	for _, c := range []struct {
		name   string
		fields map[string]string
		want   string // "" when the exchange keeps the contract
	}{
		{"a valid form", map[string]string{"rating": "5", "body": "좋은 공간이었습니다!", "photos": "\x89PNG"}, ""},
		{"rating out of range", map[string]string{"rating": "9", "body": "좋은 공간이었습니다!"}, "the document refuses this request"},
		{"body missing", map[string]string{"rating": "5"}, "the document refuses this request"},
	} {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for _, k := range slices.Sorted(maps.Keys(c.fields)) {
			if k == "photos" {
				h := textproto.MIMEHeader{"Content-Disposition": {`form-data; name="photos"; filename="a.png"`}, "Content-Type": {"image/png"}}
				p, _ := mw.CreatePart(h)
				_, _ = p.Write([]byte(c.fields[k]))
				continue
			}
			_ = mw.WriteField(k, c.fields[k])
		}
		_ = mw.Close()
		rec := &recordingTB{TB: t}
		served := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(created))
		})
		req := httptest.NewRequest(http.MethodPost, "/v1/bookings/1/review", &b)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer x")
		spec.Handler(rec, served).ServeHTTP(httptest.NewRecorder(), req)
		got := rec.take()
		if (c.want == "") != (len(got) == 0) || !strings.Contains(strings.Join(got, "\n"), c.want) {
			t.Errorf("%s: reported %q, want %q", c.name, got, c.want)
		}
	}
}
