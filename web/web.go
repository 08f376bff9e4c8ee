// Package web serves the web front end (built by Vite into dist/app and
// embedded in the binary) at /, next to the API, from one origin.
package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
)

// dist holds the production build in dist/app when it was built before
// `go build`, and only a README otherwise.
//
//go:embed all:dist
var dist embed.FS

// apiPrefixes are the paths the API owns: never answered with the app,
// even when nothing there matches (an unknown /v1 path stays a 404 problem).
var apiPrefixes = []string{"/v1/", "/docs", "/media/", "/static/", "/healthz", "/readyz", "/openapi", "/schemas/", "/metrics", "/auth/"}

// appRoutes are paths under an API prefix that belong to the app once it is
// built: the web login's landing page (OURSPACE_WEB_LOGIN_REDIRECT's default).
var appRoutes = map[string]bool{"/auth/complete": true}

// Built reports whether the binary carries a built app.
func Built() bool {
	_, err := fs.Stat(dist, "dist/app/index.html")
	return err == nil
}

// Config is what the app learns from the server when its page loads, so one
// build serves every deployment (OURSPACE_MAP_TILE_URL, …).
type Config struct {
	// MapTileURL is the Leaflet tile URL template ({z}/{x}/{y}, {s} and
	// {r} as Leaflet takes them); empty: the app's own default
	// (OpenStreetMap's, or VITE_MAP_TILE_URL at build time); "none": no
	// tiles, the result markers on a plain background.
	MapTileURL string `json:"mapTileUrl,omitempty" env:"MAP_TILE_URL"`
	// MapAttribution is the tiles' credit, plain text; empty with a
	// MapTileURL of another provider is refused by Check.
	MapAttribution string `json:"mapAttribution,omitempty" env:"MAP_ATTRIBUTION"`
}

// Check refuses a tile URL that is not an absolute http(s) URL template
// with {z}, {x} and {y}, or one of another provider without its credit.
func (c Config) Check() error {
	if c.MapTileURL == "" || c.MapTileURL == "none" {
		return nil
	}
	u, err := url.Parse(strings.NewReplacer("{", "", "}", "").Replace(c.MapTileURL))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("OURSPACE_MAP_TILE_URL %q: want an http(s) URL template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png, or none", c.MapTileURL)
	}
	for _, v := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(c.MapTileURL, v) {
			return fmt.Errorf("OURSPACE_MAP_TILE_URL %q lacks %s", c.MapTileURL, v)
		}
	}
	if c.MapAttribution == "" && !strings.HasSuffix(u.Hostname(), "openstreetmap.org") {
		return fmt.Errorf("OURSPACE_MAP_ATTRIBUTION: give the credit the tiles of %s require", u.Hostname())
	}
	return nil
}

// Handler answers the app's files and client-side routes itself and passes
// everything else to api. Without a built app it answers / with a page
// saying how to build it, and passes everything else to api.
func Handler(api http.Handler) http.Handler { return HandlerWith(api, Config{}) }

// HandlerWith is Handler giving the app cfg: its page carries it.
func HandlerWith(api http.Handler, cfg Config) http.Handler {
	app, err := fs.Sub(dist, "dist/app")
	if err != nil || !Built() {
		return notBuilt(api)
	}
	return serve(app, api, cfg)
}

// withConfig puts cfg into the page as a JSON data block the app reads
// (id ourspace-config) before it starts; never executed, so no script
// policy is needed for it. json.Marshal escapes <, > and &, so no value
// can close the block.
func withConfig(index []byte, cfg Config) []byte {
	data, err := json.Marshal(cfg)
	if err != nil || string(data) == "{}" {
		return index
	}
	block := []byte(`<script id="ourspace-config" type="application/json">` + string(data) + "</script>")
	if i := bytes.Index(index, []byte("</head>")); i >= 0 {
		return append(append(append([]byte{}, index[:i]...), block...), index[i:]...)
	}
	return append(block, index...)
}

// serve answers from app, a built app's files with index.html at the top.
func serve(app fs.FS, api http.Handler, cfg Config) http.Handler {
	index, err := fs.ReadFile(app, "index.html")
	if err != nil {
		return notBuilt(api)
	}
	index = withConfig(index, cfg)
	files := http.FileServerFS(app)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if (r.Method != http.MethodGet && r.Method != http.MethodHead) || (isAPI(p) && !appRoutes[p]) {
			api.ServeHTTP(w, r)
			return
		}
		name := strings.TrimPrefix(path.Clean(p), "/")
		if st, err := fs.Stat(app, name); err == nil && !st.IsDir() && name != "index.html" {
			if strings.HasPrefix(name, "assets/") { // content-hashed names: cache for good
				w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			} else {
				w.Header().Set("Cache-Control", "public, max-age=300")
			}
			files.ServeHTTP(w, r)
			return
		}
		// A client-side route (/search, /spaces/12, …): the app's page, which
		// routes itself. Never cached, so a new build is picked up at once.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Referrer-Policy", "no-referrer") // /auth/complete carries a login code in its fragment
		http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(index))
	})
}

func isAPI(p string) bool {
	if p == "/v1" {
		return true
	}
	for _, prefix := range apiPrefixes {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}

const notBuiltPage = `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>OurSpace</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family:sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">
<h1>OurSpace</h1>
<p>The web app is not built into this binary. Run <code>make run</code> (it builds it), or
<code>make web</code> before <code>go build</code>.</p>
<p>The API is here: <a href="/docs/">/docs</a>, <a href="/v1/spaces">/v1/spaces</a>.</p>
</body></html>`

func notBuilt(api http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			api.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write([]byte(notBuiltPage))
	})
}
