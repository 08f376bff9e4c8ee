package contracttest

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/humatest"
)

// Handler serves next and fails tb for each exchange that breaks the
// contract. The response is held until it is checked, so a failure is
// reported before the client sees the answer (and before the test ends).
func (s *Spec) Handler(tb testing.TB, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := readBody(r)
		orig := r.Clone(r.Context()) // the mux below may change r
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		if err := s.Check(Exchange{Request: orig, RequestBody: body, Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}); err != nil {
			tb.Errorf("%v", err)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

// readBody reads a request body of a sane size and puts it back; a larger
// one, or one that says it is, is left to the server unread (nil).
func readBody(r *http.Request) []byte {
	if r.Body == nil || r.Body == http.NoBody {
		return []byte{}
	}
	if r.ContentLength > MaxBufferedBody {
		return nil
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, MaxBufferedBody+1))
	r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(b), r.Body))
	if err != nil || len(b) > MaxBufferedBody {
		return nil
	}
	return b
}

// Transport is base (http.DefaultTransport when nil) checking each exchange
// on the client's side, for tests that reach a whole server over the network.
func (s *Spec) Transport(tb testing.TB, base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return roundTripper(func(r *http.Request) (*http.Response, error) {
		body := readBody(r)
		resp, err := base.RoundTrip(r)
		if err != nil {
			return nil, err
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		resp.Body = io.NopCloser(bytes.NewReader(got))
		if err := s.Check(Exchange{Request: r, RequestBody: body, Status: resp.StatusCode, Header: resp.Header, Body: got}); err != nil {
			tb.Errorf("%v", err)
		}
		return resp, nil
	})
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// HumaTest is humatest.New with every request checked: operations are
// registered on it as usual.
func (s *Spec) HumaTest(tb testing.TB, cfg huma.Config) humatest.TestAPI {
	_, api := humatest.New(tb, cfg)
	return humatest.Wrap(tb, checkedAPI{API: api, adapter: checkedAdapter{Adapter: api.Adapter(), h: s.Handler(tb, api.Adapter())}})
}

// checkedAPI is a huma.API whose adapter serves through the contract check.
type checkedAPI struct {
	huma.API
	adapter huma.Adapter
}

func (a checkedAPI) Adapter() huma.Adapter { return a.adapter }

type checkedAdapter struct {
	huma.Adapter
	h http.Handler
}

func (a checkedAdapter) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.h.ServeHTTP(w, r) }
