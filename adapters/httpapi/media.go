package httpapi

import (
	"errors"
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/ourspace/ourspace/app/ports"
)

// iconGlyphs draws the reference data's icons. They are generated SVG so the
// demo needs no image files and no network; production data may point
// icon_url anywhere.
var iconGlyphs = map[string]string{
	"party-room": "🎉", "practice-room": "💃", "vocal-room": "🎤", "study-room": "📚",
	"photo-studio": "📷", "meeting-room": "🤝", "seminar-room": "🎓", "instrument-room": "🎸",
	"tv": "📺", "wifi": "📶", "pets": "🐶", "bed": "🛏️", "alcohol": "🍺", "parking": "🅿️",
	"projector": "📽️", "whiteboard": "📋", "kitchen": "🍳", "shower": "🚿",
}

var iconName = regexp.MustCompile(`^[a-z0-9-]{1,40}\.svg$`)

func iconHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kind, file := r.PathValue("kind"), r.PathValue("file")
		if (kind != "district" && kind != "category" && kind != "facility") || !iconName.MatchString(file) {
			http.NotFound(w, r)
			return
		}
		glyph, ok := iconGlyphs[strings.TrimSuffix(file, ".svg")]
		if !ok {
			glyph = "📍"
		}
		writeSVG(w, fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">`+
			`<circle cx="24" cy="24" r="23" fill="#f4f0ff" stroke="#704de8" stroke-width="2"/>`+
			`<text x="24" y="32" font-size="24" text-anchor="middle">%s</text></svg>`, glyph))
	})
}

// demoPhotoHandler draws a placeholder photo for every demo object key
// (demo/spaces/<id>/<n>.svg), coloured by the key so photos differ.
func demoPhotoHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := strings.TrimPrefix(r.URL.Path, "/media/")
		if !strings.HasSuffix(key, ".svg") || len(key) > 200 {
			http.NotFound(w, r)
			return
		}
		h := fnv.New32a()
		_, _ = h.Write([]byte(key))
		hue := h.Sum32() % 360
		writeSVG(w, fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600">`+
			`<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(%d,70%%,72%%)"/>`+
			`<stop offset="1" stop-color="hsl(%d,60%%,45%%)"/></linearGradient></defs>`+
			`<rect width="800" height="600" fill="url(#g)"/>`+
			`<text x="400" y="310" font-size="28" fill="white" text-anchor="middle" font-family="sans-serif">%s</text></svg>`,
			hue, (hue+40)%360, html.EscapeString(key)))
	})
}

func writeSVG(w http.ResponseWriter, svg string) {
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write([]byte(svg))
}

// mediaKey bounds the object keys served: our own keys, never a path trick.
var mediaKey = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9/_.-]{0,400}$`)

// objectHandler streams stored photos from the object store. Keys are never
// reused for other content, so browsers may cache them for a long time.
func objectHandler(store ports.ObjectStore) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := strings.TrimPrefix(r.URL.Path, "/media/")
		if !mediaKey.MatchString(key) || strings.Contains(key, "..") {
			http.NotFound(w, r)
			return
		}
		obj, err := store.Get(r.Context(), key)
		if errors.Is(err, ports.ErrObjectNotFound) {
			http.NotFound(w, r)
			return
		}
		if err != nil {
			logger(r.Context()).ErrorContext(r.Context(), "media read failed", "key", key, "err", err)
			w.Header().Set("Retry-After", "5")
			http.Error(w, "media unavailable", http.StatusServiceUnavailable)
			return
		}
		defer obj.Body.Close()
		contentType := obj.ContentType
		if !strings.HasPrefix(contentType, "image/") {
			contentType = "application/octet-stream"
		}
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		if obj.Size > 0 {
			w.Header().Set("Content-Length", strconv.FormatInt(obj.Size, 10))
		}
		_, _ = io.Copy(w, obj.Body)
	})
}
