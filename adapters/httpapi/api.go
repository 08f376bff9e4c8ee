// Package httpapi is the HTTP adapter: the /v1 API described with Huma (so
// the OpenAPI contract is generated from this code), problem responses,
// request ids and logs, health checks, the offline docs page and static media.
package httpapi

import (
	"maps"
	"net/http"
	"net/url"
	"reflect"
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
	// LoginOnPublicHost sends a web login started on another loopback host
	// (127.0.0.1 while PublicURL says localhost) to PublicURL's host first,
	// so its cookie and callback share a host. For the development default
	// public URL only: behind a proxy that rewrites Host it would loop.
	LoginOnPublicHost bool
	// Objects, when set, is served under /media/ (photos of a store that
	// browsers cannot reach themselves, such as the embedded one).
	Objects ports.ObjectStore
	// Timeouts bound each request (Handler); zero fields take the defaults.
	Timeouts Timeouts
	// RateLimits bound sign-in, refresh, booking writes and uploads per
	// client and per user; the zero value limits nothing.
	RateLimits RateLimits
	// Metrics, when set, measures every request (Handler) and each 429.
	Metrics Metrics
	// ReadReplica, when set, is the read replica /readyz reports on. It
	// does not decide readiness: its reads fall back to the primary.
	ReadReplica Pinger
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
	cfg.Transformers = append(cfg.Transformers, shortProblemValues)
	cfg.Formats = maps.Clone(cfg.Formats) // Huma's DefaultFormats is shared by every API of the process
	cfg.Formats["application/json"], cfg.Formats["json"] = jsonFormat, jsonFormat
	// Huma's own hook adds the $schema link transformer; ours must run after it.
	cfg.CreateHooks = append(cfg.CreateHooks, func(c huma.Config) huma.Config {
		c.Transformers = append(c.Transformers, publicSchemaLinks)
		return c
	})
	return cfg
}

// publicURLKey carries Deps.PublicURL in a request's context to
// publicSchemaLinks: Config has no Deps, Register has no transformers.
type publicURLKey struct{}

// withPublicURL puts the public URL in every operation's context.
func withPublicURL(publicURL string) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		next(huma.WithValue(ctx, publicURLKey{}, publicURL))
	}
}

// publicSchemaLinks points a body's $schema at the configured public URL.
// Huma builds it from the request's Host (or X-Forwarded-Host) header, which
// the caller chooses. Without a public URL the link is left site-relative.
func publicSchemaLinks(ctx huma.Context, _ string, v any) (any, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return v, nil
	}
	body := rv.Elem()
	if body.NumField() == 0 || body.Type().Field(0).Tag.Get("json") != "$schema" || !body.Field(0).CanSet() {
		return v, nil
	}
	link, err := url.Parse(body.Field(0).String())
	if err != nil {
		return v, nil
	}
	base, _ := ctx.Context().Value(publicURLKey{}).(string)
	body.Field(0).SetString(base + link.EscapedPath())
	return v, nil
}

// Register adds every /v1 operation to api. Tests reuse it with humatest.
func Register(api huma.API, d Deps) {
	h := handlers{app: d.App, publicURL: strings.TrimSuffix(d.PublicURL, "/"), cookieKey: d.CookieKey, webRedirect: d.WebLoginRedirect,
		loginOnPublicHost: d.LoginOnPublicHost}
	if h.webRedirect == "" {
		h.webRedirect = h.publicURL + "/auth/complete"
	}
	api.UseMiddleware(withPublicURL(h.publicURL), rateLimit(api, d.RateLimits, d.Metrics, scopeIP), checkQuery(api),
		requireBearer(api, h), rateLimit(api, d.RateLimits, d.Metrics, scopeUser))
	api.UseMiddleware(refuseUnhashableItems(api))
	api.OpenAPI().OnAddOperation = append(api.OpenAPI().OnAddOperation, documentQueryErrors, documentUnavailable, documentRateLimits, documentBodyErrors, documentEmptyQueryValues)
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
	// loginOnPublicHost: see Deps.LoginOnPublicHost.
	loginOnPublicHost bool
}

// abs makes a site-relative URL ("/static/...") absolute; others pass as they are.
func (h handlers) abs(u string) string {
	if strings.HasPrefix(u, "/") {
		return h.publicURL + u
	}
	return u
}
