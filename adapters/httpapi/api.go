// Package httpapi is the HTTP adapter: the /v1 API described with Huma (so
// the OpenAPI contract is generated from this code), problem responses,
// request ids and logs, health checks, the offline docs page and static media.
package httpapi

import (
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/ourspace/ourspace/app"
	"github.com/ourspace/ourspace/app/ports"
)

// Version is the API's version in the OpenAPI document.
const Version = "1.0.0"

func init() {
	// Go slices are never null in our responses; keep them T[] in TypeScript.
	huma.DefaultArrayNullable = false
}

// Deps are what the HTTP adapter drives and needs.
type Deps struct {
	App app.Application
	// PublicURL is the absolute base URL of this server, used to make icon
	// and media paths absolute (e.g. http://localhost:8080).
	PublicURL string
	// CookieKey signs the web login cookie (at least 32 random bytes).
	CookieKey []byte
	// WebLoginRedirect is the front-end page a finished web login lands on,
	// with #code=<one-time code>. Default: PublicURL + "/auth/complete".
	WebLoginRedirect string
	// Objects, when set, is served under /media/ (photos of a store that
	// browsers cannot reach themselves, such as the embedded one).
	Objects ports.ObjectStore
}

// Config is the API's OpenAPI description.
func Config() huma.Config {
	cfg := huma.DefaultConfig("OurSpace API", Version)
	cfg.Info.Description = "Find, compare and book rooms by the hour or by package: party rooms, practice rooms, study rooms, studios, meeting and seminar rooms."
	cfg.OpenAPIPath = "/openapi"
	cfg.DocsPath = "" // served offline by docsHandler instead of the CDN-based page
	cfg.SchemasPath = "/schemas"
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer": {Type: "http", Scheme: "bearer", BearerFormat: "JWT",
			Description: "Access token from a sign-in or POST /v1/auth/refresh"},
	}
	return cfg
}

// Register adds every /v1 operation to api. Tests reuse it with humatest.
func Register(api huma.API, d Deps) {
	h := handlers{app: d.App, publicURL: strings.TrimSuffix(d.PublicURL, "/"), cookieKey: d.CookieKey, webRedirect: d.WebLoginRedirect}
	if h.webRedirect == "" {
		h.webRedirect = h.publicURL + "/auth/complete"
	}
	api.UseMiddleware(checkQuery(api), requireBearer(api, h))
	api.OpenAPI().OnAddOperation = append(api.OpenAPI().OnAddOperation, documentQueryErrors)
	h.registerReference(api)
	h.registerSpaces(api)
	h.registerAuth(api)
	h.registerMe(api)
	h.registerBookings(api)
	h.registerHosting(api)
	h.registerReviews(api)
	h.registerLikes(api)
	h.registerNotifications(api)
}

// NewAPI builds the API on a standard library mux.
func NewAPI(mux *http.ServeMux, d Deps) huma.API {
	api := humago.New(mux, Config())
	Register(api, d)
	return api
}

// handlers holds what the operation handlers share.
type handlers struct {
	app         app.Application
	publicURL   string
	cookieKey   []byte
	webRedirect string
}

// abs makes a site-relative URL ("/static/...") absolute; others pass as they are.
func (h handlers) abs(u string) string {
	if strings.HasPrefix(u, "/") {
		return h.publicURL + u
	}
	return u
}
