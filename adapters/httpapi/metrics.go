package httpapi

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Metrics receives what the HTTP layer measures (adapters/metrics.HTTP).
type Metrics interface {
	// Middleware measures the requests next serves, naming each by
	// operation once next has served it.
	Middleware(operation func(*http.Request) string, next http.Handler) http.Handler
	// RateLimited counts a request refused with 429.
	RateLimited(group, scope string)
}

// unmatched names requests no route took (404s, 405s): one series for
// every path a scanner tries.
const unmatched = "unmatched"

// operations names a request for metrics after the mux served it: its
// OpenAPI operation id, else the route pattern that matched (GET /healthz,
// /docs/), else unmatched. Never the raw path, whose values are unbounded.
func operations(api huma.API) func(*http.Request) string {
	ids := map[string]string{}
	for path, item := range api.OpenAPI().Paths {
		for method, op := range map[string]*huma.Operation{http.MethodGet: item.Get, http.MethodPost: item.Post,
			http.MethodPut: item.Put, http.MethodPatch: item.Patch, http.MethodDelete: item.Delete} {
			if op != nil {
				ids[method+" "+path] = op.OperationID // the pattern humago registers
			}
		}
	}
	return func(r *http.Request) string {
		if id, ok := ids[r.Pattern]; ok {
			return id
		}
		if r.Pattern == "" {
			return unmatched
		}
		return r.Pattern
	}
}
