package httpapi_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ourspace/ourspace/adapters/httpapi"
)

// pinger answers a ping with err.
type pinger struct{ err error }

func (p pinger) PingContext(context.Context) error { return p.err }

// /readyz follows the primary alone; a read replica's state is reported
// beside it, since its reads fall back to the primary.
func TestReadinessReportsTheReplicaWithoutFailingOnIt(t *testing.T) {
	t.Parallel()
	down := errors.New("connection refused")
	for _, c := range []struct {
		name             string
		primary, replica httpapi.Pinger
		status           int
		body             string
	}{
		{"no replica", pinger{}, nil, http.StatusOK, `{"status":"ready"}`},
		{"both up", pinger{}, pinger{}, http.StatusOK, `{"status":"ready","replica":"ready"}`},
		{"replica down", pinger{}, pinger{down}, http.StatusOK, `{"status":"ready","replica":"unavailable"}`},
		{"primary down", pinger{down}, pinger{}, http.StatusServiceUnavailable, `{"status":"database unavailable"}`},
		{"both down", pinger{down}, pinger{down}, http.StatusServiceUnavailable, `{"status":"database unavailable"}`},
	} {
		h := httpapi.Handler(httpapi.Deps{PublicURL: publicURL, ReadReplica: c.replica}, c.primary, slog.New(slog.DiscardHandler))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
		if rec.Code != c.status || rec.Body.String() != c.body || rec.Header().Get("Content-Type") != "application/json" {
			t.Errorf("%s: %d %s (%s), want %d %s", c.name, rec.Code, rec.Body, rec.Header().Get("Content-Type"), c.status, c.body)
		}
	}
}
