package httpapi

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// DevCORSOrigins are the origins a development run allows by default: the
// Vite dev server of web/ (npm run dev).
var DevCORSOrigins = []string{"http://localhost:5173", "http://127.0.0.1:5173"}

// corsMaxAge is how long a browser may reuse a preflight's answer.
const corsMaxAge = 10 * 60

// CORS lets pages on the allowed origins ("*" for any) call the API from a
// browser: it answers preflight requests itself (before routing, which
// would answer OPTIONS with 405) and marks the answers of allowed origins
// readable. Credentials are not allowed: the API authenticates with bearer
// tokens, and the login cookie only travels within this origin.
func CORS(origins []string, next http.Handler) http.Handler {
	anyOrigin := slices.Contains(origins, "*")
	allowed := func(origin string) bool {
		return origin != "" && (anyOrigin || slices.Contains(origins, strings.TrimSuffix(origin, "/")))
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Add("Vary", "Origin")
		preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
		if !allowed(origin) {
			if preflight {
				http.Error(w, "origin not allowed", http.StatusForbidden)
				return
			}
			next.ServeHTTP(w, r) // same-origin and server-side callers send Origin too; the browser enforces the rest
			return
		}
		h.Set("Access-Control-Allow-Origin", origin)
		if preflight {
			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
			h.Set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key, If-None-Match, X-Request-Id")
			h.Set("Access-Control-Max-Age", strconv.Itoa(corsMaxAge))
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.Set("Access-Control-Expose-Headers", "Location, Retry-After, X-Request-Id, ETag")
		next.ServeHTTP(w, r)
	})
}
