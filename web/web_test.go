package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func TestServeRoutesAppAndAPI(t *testing.T) {
	app := fstest.MapFS{
		"index.html":        {Data: []byte("<!doctype html><div id=root></div>")},
		"assets/app-abc.js": {Data: []byte("console.log(1)")},
		"favicon.svg":       {Data: []byte("<svg/>")},
	}
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		_, _ = io.WriteString(w, "api")
	})
	h := serve(app, api, Config{})
	cases := []struct {
		method, path string
		want         string // "index", "api" or a file's content
	}{
		{"GET", "/", "index"},
		{"GET", "/search?district=1", "index"},
		{"GET", "/spaces/12", "index"},
		{"GET", "/me/bookings", "index"},
		{"GET", "/auth/complete", "index"}, // the web login lands in the app
		{"GET", "/assets/app-abc.js", "console.log(1)"},
		{"GET", "/favicon.svg", "<svg/>"},
		{"GET", "/v1/spaces", "api"},
		{"GET", "/v1", "api"},
		{"GET", "/v1/nothing-here", "api"}, // stays the API's 404, never the app
		{"GET", "/docs/", "api"},
		{"GET", "/media/spaces/1/a.jpg", "api"},
		{"GET", "/static/icons/category/x.svg", "api"},
		{"GET", "/healthz", "api"},
		{"GET", "/readyz", "api"},
		{"GET", "/openapi.json", "api"},
		{"GET", "/schemas/SpaceList.json", "api"},
		{"GET", "/auth/other", "api"},
		{"POST", "/search", "api"},
		{"OPTIONS", "/v1/spaces", "api"},
	}
	for _, c := range cases {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(c.method, c.path, nil))
		body := w.Body.String()
		switch c.want {
		case "index":
			if w.Code != http.StatusOK || !strings.Contains(body, "id=root") {
				t.Errorf("%s %s: %d %q, want the app's index.html", c.method, c.path, w.Code, body)
			}
			if w.Header().Get("Cache-Control") != "no-cache" {
				t.Errorf("%s %s: Cache-Control %q, want no-cache", c.method, c.path, w.Header().Get("Cache-Control"))
			}
		case "api":
			if w.Code != http.StatusTeapot {
				t.Errorf("%s %s: %d %q, want it passed to the API", c.method, c.path, w.Code, body)
			}
		default:
			if w.Code != http.StatusOK || body != c.want {
				t.Errorf("%s %s: %d %q, want %q", c.method, c.path, w.Code, body, c.want)
			}
		}
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/assets/app-abc.js", nil))
	if !strings.Contains(w.Header().Get("Cache-Control"), "immutable") {
		t.Errorf("hashed asset Cache-Control %q, want immutable", w.Header().Get("Cache-Control"))
	}
}

func TestNotBuiltAnswersRootAndPassesTheRest(t *testing.T) {
	api := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) })
	h := notBuilt(api)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "make run") {
		t.Fatalf("GET /: %d %q, want the how-to-build page", w.Code, w.Body.String())
	}
	for _, p := range []string{"/v1/spaces", "/search", "/auth/complete"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", p, nil))
		if w.Code != http.StatusTeapot {
			t.Errorf("GET %s: %d, want it passed to the API", p, w.Code)
		}
	}
}

// The page carries the server's settings for the app, inside <head>, and no
// value can break out of the data block.
func TestPagesCarryTheConfig(t *testing.T) {
	app := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><head><title>t</title></head><body><div id=root></div></body>")}}
	api := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) })
	cfg := Config{MapTileURL: "https://tiles.example/{z}/{x}/{y}.png?a=1&b=2", MapAttribution: "</script><script>alert(1)</script> © 예시"}
	for _, path := range []string{"/", "/search", "/index.html"} {
		w := httptest.NewRecorder()
		serve(app, api, cfg).ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		body := w.Body.String()
		want := `<script id="ourspace-config" type="application/json">{"mapTileUrl":"https://tiles.example/{z}/{x}/{y}.png?a=1\u0026b=2",` +
			`"mapAttribution":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e © 예시"}</script></head>`
		if !strings.Contains(body, want) || strings.Count(body, "<script") != 1 {
			t.Errorf("%s: %s\nwant it to hold %s", path, body, want)
		}
	}
	// Without settings the page is the build's own.
	w := httptest.NewRecorder()
	serve(app, api, Config{}).ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if got := w.Body.String(); got != string(app["index.html"].Data) {
		t.Errorf("without settings: %s", got)
	}
}

func TestConfigCheck(t *testing.T) {
	for _, c := range []struct {
		cfg Config
		ok  bool
	}{
		{Config{}, true},
		{Config{MapTileURL: "none"}, true},
		{Config{MapTileURL: "https://tile.openstreetmap.org/{z}/{x}/{y}.png"}, true},
		{Config{MapTileURL: "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"}, true},
		{Config{MapTileURL: "http://tiles.local:8081/{z}/{x}/{y}.png", MapAttribution: "© 우리 지도"}, true},
		{Config{MapTileURL: "https://tiles.example/{z}/{x}/{y}.png"}, false}, // no credit
		{Config{MapTileURL: "tiles/{z}/{x}/{y}.png", MapAttribution: "x"}, false},
		{Config{MapTileURL: "javascript:alert(1)//{z}{x}{y}", MapAttribution: "x"}, false},
		{Config{MapTileURL: "https://tiles.example/{z}/{x}.png", MapAttribution: "x"}, false},
	} {
		if err := c.cfg.Check(); (err == nil) != c.ok {
			t.Errorf("%+v: %v, want ok %v", c.cfg, err, c.ok)
		}
	}
}
