package httpapi_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ourspace/ourspace/app/ports"
)

// jpegPhoto draws a w×h JPEG whose colours depend on seed.
func jpegPhoto(t *testing.T, w, h int, seed uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x) + seed, uint8(y), seed * 3, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngBomb is a tiny PNG whose header claims w×h pixels.
func pngBomb(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		b.WriteString(typ)
		b.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

type upload struct {
	name string
	data []byte
}

// send posts a multipart form: an optional listing part and photos.
func send(t *testing.T, method, url, bearer string, listing any, photos []upload) (int, map[string]any, http.Header) {
	t.Helper()
	fields := map[string]string{}
	if listing != nil {
		raw, _ := json.Marshal(listing)
		if s, ok := listing.(string); ok {
			raw = []byte(s)
		}
		fields["listing"] = string(raw)
	}
	return sendForm(t, method, url, bearer, fields, photos)
}

// sendForm posts a multipart form of text fields and photos.
func sendForm(t *testing.T, method, url, bearer string, fields map[string]string, photos []upload) (int, map[string]any, http.Header) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range photos {
		w, err := mw.CreateFormFile("photos", p.name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write(p.data)
	}
	_ = mw.Close()
	req, _ := http.NewRequest(method, url, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	if m == nil && len(raw) > 0 {
		m = map[string]any{"raw": string(raw)}
	}
	return resp.StatusCode, m, resp.Header
}

// validListing is a listing every rule accepts.
func validListing(title string) map[string]any {
	return map[string]any{
		"title": title, "subtitle": "조용한 연습실", "description": "방음 완비", "category_id": 1, "district_id": 1,
		"address": "서울 강남구 테헤란로 1", "lat": 37.5, "lng": 127.04, "capacity": map[string]int{"min": 1, "max": 6},
		"facility_ids":  []int{1},
		"opening_hours": []map[string]string{{"weekday": "mon", "open": "09:00", "close": "22:00"}, {"weekday": "sat", "open": "10:00", "close": "24:00"}},
		"hourly":        map[string]int{"price_per_hour": 12000, "min_hours": 2},
		"packages":      []map[string]any{{"name": "올나잇", "start": "22:00", "end": "06:00", "price": 80000, "weekdays": []string{"fri", "sat"}}},
		"refund_policy": map[string]any{"name": "flexible"},
	}
}

func errorLocations(m map[string]any) []string {
	var out []string
	errs, _ := m["errors"].([]any)
	for _, e := range errs {
		if em, ok := e.(map[string]any); ok {
			out = append(out, fmt.Sprint(em["location"]))
		}
	}
	return out
}

func photoIDs(m map[string]any) []float64 {
	var out []float64
	ps, _ := m["photos"].([]any)
	for _, p := range ps {
		out = append(out, p.(map[string]any)["id"].(float64))
	}
	return out
}

func (e hostingEnv) stored(t *testing.T, key string) bool {
	t.Helper()
	obj, err := e.env.objects.Get(context.Background(), key)
	if errors.Is(err, ports.ErrObjectNotFound) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	obj.Body.Close()
	return true
}

func TestHostListsEditsAndHidesASpace(t *testing.T) {
	t.Parallel()
	e := newHostingEnv(t)
	host, guest := e.tokens[0], e.tokens[1]

	code, created, hdr := send(t, http.MethodPost, e.srv.URL+"/v1/spaces", host, validListing("새벽빛 합주실 테스트"),
		[]upload{{"a.jpg", jpegPhoto(t, 2000, 1500, 1)}, {"b.png", jpegPhoto(t, 640, 480, 2)}})
	if code != http.StatusCreated || created["status"] != "active" {
		t.Fatalf("create: %d %v", code, created)
	}
	id := int64(created["id"].(float64))
	if hdr.Get("Location") != fmt.Sprintf("/v1/spaces/%d", id) {
		t.Errorf("Location %q", hdr.Get("Location"))
	}
	photos := created["photos"].([]any)
	if len(photos) != 2 {
		t.Fatalf("photos %v", photos)
	}
	// Both sizes load, as JPEGs of the promised sizes.
	for _, p := range photos {
		pm := p.(map[string]any)
		for field, maxSide := range map[string]int{"url": 1600, "thumbnail_url": 480} {
			resp, err := http.Get(pm[field].(string))
			if err != nil {
				t.Fatal(err)
			}
			cfg, format, err := image.DecodeConfig(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || err != nil || format != "jpeg" || max(cfg.Width, cfg.Height) > maxSide {
				t.Errorf("%s %s: %d %s %dx%d %v", field, pm[field], resp.StatusCode, format, cfg.Width, cfg.Height, err)
			}
		}
	}
	// Guests find it in search and detail; the overnight package crosses midnight.
	if !e.searchFinds(t, "새벽빛", id) {
		t.Error("new space not found by its title")
	}
	code, detail, _ := call(t, http.MethodGet, fmt.Sprintf("%s/v1/spaces/%d", e.srv.URL, id), "", nil)
	pk := detail["packages"].([]any)[0].(map[string]any)
	if code != 200 || pk["ends_next_day"] != true || detail["lowest_price"].(float64) != 24000 || len(detail["photos"].([]any)) != 2 {
		t.Errorf("detail: %d %v", code, detail)
	}

	// Reorder: the second photo becomes the cover.
	ids := photoIDs(created)
	code, reordered, _ := call(t, http.MethodPut, fmt.Sprintf("%s/v1/spaces/%d/photos/order", e.srv.URL, id), host,
		map[string]any{"photo_ids": []float64{ids[1], ids[0]}})
	if got := photoIDs(reordered); code != 200 || len(got) != 2 || got[0] != ids[1] {
		t.Errorf("reorder: %d %v", code, reordered)
	}
	// Price change: search follows at once.
	code, patched, _ := call(t, http.MethodPatch, fmt.Sprintf("%s/v1/spaces/%d", e.srv.URL, id), host,
		map[string]any{"hourly": map[string]int{"price_per_hour": 5000, "min_hours": 3}, "title": "새벽빛 합주실 개정"})
	if code != 200 || patched["lowest_price"].(float64) != 15000 || patched["title"] != "새벽빛 합주실 개정" {
		t.Errorf("patch: %d %v", code, patched)
	}
	if got := e.count("SELECT list_price FROM spaces WHERE id = ?", id); got != 15000 {
		t.Errorf("list price %d after the edit", got)
	}
	// "hourly": null stops hourly sales; packages remain.
	code, patched, _ = call(t, http.MethodPatch, fmt.Sprintf("%s/v1/spaces/%d", e.srv.URL, id), host, json.RawMessage(`{"hourly": null}`))
	if code != 200 || patched["hourly"] != nil || patched["lowest_price"].(float64) != 80000 {
		t.Errorf("stop hourly: %d %v", code, patched)
	}

	// Another user: 404 for every write, and nothing changes.
	before := e.count("SELECT COUNT(*) FROM spaces WHERE id = ? AND title = '새벽빛 합주실 개정' AND status = 'active'", id)
	for _, w := range []struct {
		method, path string
		body         any
	}{
		{http.MethodPatch, "", map[string]any{"title": "가로채기"}},
		{http.MethodPut, "/photos/order", map[string]any{"photo_ids": []float64{ids[0], ids[1]}}},
		{http.MethodDelete, fmt.Sprintf("/photos/%d", int64(ids[0])), nil},
		{http.MethodPut, "/closed-dates", map[string]any{"dates": []string{}}},
		{http.MethodPost, "/status", map[string]any{"status": "hidden"}},
	} {
		code, body, _ := call(t, w.method, fmt.Sprintf("%s/v1/spaces/%d%s", e.srv.URL, id, w.path), guest, w.body)
		if code != http.StatusNotFound {
			t.Errorf("%s %s by another user: %d %v", w.method, w.path, code, body)
		}
	}
	if code, body, _ := send(t, http.MethodPost, fmt.Sprintf("%s/v1/spaces/%d/photos", e.srv.URL, id), guest, nil,
		[]upload{{"x.jpg", jpegPhoto(t, 100, 100, 9)}}); code != http.StatusNotFound {
		t.Errorf("add photos by another user: %d %v", code, body)
	}
	if code, _, _ := call(t, http.MethodGet, fmt.Sprintf("%s/v1/me/spaces/%d", e.srv.URL, id), guest, nil); code != http.StatusNotFound {
		t.Errorf("another user's space read as theirs: %d", code)
	}
	after := e.count("SELECT COUNT(*) FROM spaces WHERE id = ? AND title = '새벽빛 합주실 개정' AND status = 'active'", id)
	if before != 1 || after != 1 || e.count("SELECT COUNT(*) FROM space_photos WHERE space_id = ?", id) != 2 {
		t.Errorf("another user's writes changed the space (%d, %d)", before, after)
	}

	// Remove a photo: its objects go; the last one stays.
	cover := photos[0].(map[string]any)
	key := strings.TrimPrefix(cover["url"].(string), e.srv.URL+"/media/")
	if !e.stored(t, key) {
		t.Fatalf("object %s missing before removal", key)
	}
	if code, _, _ := call(t, http.MethodDelete, fmt.Sprintf("%s/v1/spaces/%d/photos/%d", e.srv.URL, id, int64(ids[0])), host, nil); code != http.StatusNoContent {
		t.Errorf("remove photo: %d", code)
	}
	if e.stored(t, key) {
		t.Errorf("object %s outlived its photo", key)
	}
	if n := e.count("SELECT COUNT(*) FROM space_photos WHERE space_id = ?", id); n != 1 {
		t.Errorf("%d photos after removing one of two (ids %v)", n, ids)
	}
	if code, body, _ := call(t, http.MethodDelete, fmt.Sprintf("%s/v1/spaces/%d/photos/%d", e.srv.URL, id, int64(ids[1])), host, nil); code != http.StatusConflict {
		t.Errorf("remove the last photo: %d %v", code, body)
	}

	// Closed dates and hiding.
	code, closed, _ := call(t, http.MethodPut, fmt.Sprintf("%s/v1/spaces/%d/closed-dates", e.srv.URL, id), host,
		map[string]any{"dates": []string{e.date, "2001-01-01", e.date}})
	if code != 200 || fmt.Sprint(closed["closed_dates"]) != fmt.Sprintf("[%s]", e.date) {
		t.Errorf("closed dates: %d %v", code, closed["closed_dates"])
	}
	code, hidden, _ := call(t, http.MethodPost, fmt.Sprintf("%s/v1/spaces/%d/status", e.srv.URL, id), host, map[string]any{"status": "hidden"})
	if code != 200 || hidden["status"] != "hidden" {
		t.Errorf("hide: %d %v", code, hidden)
	}
	if e.searchFinds(t, "새벽빛", id) {
		t.Error("a hidden space is still found")
	}
	if code, _, _ := call(t, http.MethodGet, fmt.Sprintf("%s/v1/spaces/%d", e.srv.URL, id), "", nil); code != http.StatusNotFound {
		t.Errorf("a hidden space's public detail: %d", code)
	}
	code, mine, _ := call(t, http.MethodGet, e.srv.URL+"/v1/me/spaces?limit=100", host, nil)
	found := false
	for _, it := range mine["items"].([]any) {
		if m := it.(map[string]any); int64(m["id"].(float64)) == id {
			found = m["status"] == "hidden" && len(m["photos"].([]any)) == 1
		}
	}
	if code != 200 || !found {
		t.Errorf("my spaces: %d %v", code, mine)
	}
	// Retiring deletes the photos' objects and is final.
	code, retired, _ := call(t, http.MethodPost, fmt.Sprintf("%s/v1/spaces/%d/status", e.srv.URL, id), host, map[string]any{"status": "retired"})
	if code != 200 || retired["status"] != "retired" || len(retired["photos"].([]any)) != 0 {
		t.Errorf("retire: %d %v", code, retired)
	}
	if n := e.count("SELECT COUNT(*) FROM pending_objects"); n != 0 {
		t.Errorf("%d objects left pending", n)
	}
	if code, _, _ := call(t, http.MethodPost, fmt.Sprintf("%s/v1/spaces/%d/status", e.srv.URL, id), host, map[string]any{"status": "active"}); code != http.StatusConflict {
		t.Errorf("reactivate a retired space: %d", code)
	}
}

func TestRetiringASpaceWithBookingsIsRefused(t *testing.T) {
	t.Parallel()
	e := newHostingEnv(t)
	host, guest := e.tokens[0], e.tokens[1]
	code, b, _ := e.do(t, http.MethodPost, "/v1/bookings", guest, e.newBooking(e.m.Day), "k1")
	if code != http.StatusCreated {
		t.Fatalf("book: %d %v", code, b)
	}
	code, body, _ := call(t, http.MethodPost, fmt.Sprintf("%s/v1/spaces/%d/status", e.srv.URL, e.m.Instant), host, map[string]any{"status": "retired"})
	if code != http.StatusConflict || body["type"] != "urn:ourspace:problem:space_has_bookings" {
		t.Errorf("retire with a live booking: %d %v", code, body)
	}
	// Hiding is allowed: the booking stands.
	code, _, _ = call(t, http.MethodPost, fmt.Sprintf("%s/v1/spaces/%d/status", e.srv.URL, e.m.Instant), host, map[string]any{"status": "hidden"})
	if code != 200 || e.count("SELECT COUNT(*) FROM bookings WHERE status = 'payment_due'") != 1 {
		t.Errorf("hide with a live booking: %d", code)
	}
	// The price of a booking never follows a price change.
	price := e.count("SELECT price FROM bookings")
	if code, body, _ := call(t, http.MethodPatch, fmt.Sprintf("%s/v1/spaces/%d", e.srv.URL, e.m.Instant), host,
		map[string]any{"packages": []map[string]any{{"id": e.m.Day, "name": "주간", "start": "09:00", "end": "15:00", "price": 1000}}}); code != 200 {
		t.Fatalf("reprice: %d %v", code, body)
	}
	if e.count("SELECT price FROM bookings") != price || e.count("SELECT price FROM space_packages WHERE id = ?", e.m.Day) != 1000 {
		t.Error("a booking's price followed the package's")
	}
}

func TestBadListingsAndUploads(t *testing.T) {
	t.Parallel()
	e := newHostingEnv(t)
	host := e.tokens[0]
	good := jpegPhoto(t, 300, 200, 5)
	big := append(jpegPhoto(t, 300, 200, 6), bytes.Repeat([]byte{0}, 20<<20)...)
	many := make([]upload, 21)
	for i := range many {
		many[i] = upload{fmt.Sprintf("%d.jpg", i), good}
	}
	broken := validListing("깨진 목록")
	broken["title"] = " "
	broken["capacity"] = map[string]int{"min": 8, "max": 2}
	broken["category_id"] = 999
	delete(broken, "hourly")
	broken["packages"] = []map[string]any{}
	for _, tt := range []struct {
		name    string
		listing any
		photos  []upload
		status  int
		wantLoc []string
	}{
		{"a text file named .jpg", validListing("사진 아님"), []upload{{"cat.jpg", []byte("hello, this is not an image at all")}}, 422, []string{"body.photos[0]"}},
		{"a 20 MiB image", validListing("큰 사진"), []upload{{"ok.jpg", good}, {"big.jpg", big}}, 422, []string{"body.photos[1]"}},
		{"a 30,000 × 30,000 PNG", validListing("폭탄"), []upload{{"bomb.png", pngBomb(30000, 30000)}}, 422, []string{"body.photos[0]"}},
		{"21 photos", validListing("너무 많은 사진"), many, 422, []string{"body.photos"}},
		{"no photos", validListing("사진 없음"), nil, 422, nil},
		{"every broken field at once", broken, []upload{{"ok.jpg", good}}, 422,
			[]string{"body.listing.title", "body.listing.capacity", "body.listing.packages"}},
		{"an unknown category", func() any { l := validListing("없는 분류"); l["category_id"] = 999; return l }(), []upload{{"ok.jpg", good}}, 422, []string{"body.listing.category_id"}},
		{"an unknown field", func() any { l := validListing("모르는 필드"); l["colour"] = "red"; return l }(), []upload{{"ok.jpg", good}}, 422, []string{"body.listing.colour"}},
		{"a listing that is not JSON", "{title:", []upload{{"ok.jpg", good}}, 400, []string{"body.listing"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := send(t, http.MethodPost, e.srv.URL+"/v1/spaces", host, tt.listing, tt.photos)
			if code != tt.status {
				t.Fatalf("%d %v, want %d", code, body, tt.status)
			}
			got := strings.Join(errorLocations(body), " ")
			for _, loc := range tt.wantLoc {
				if !strings.Contains(got, loc) {
					t.Errorf("errors at %q, want one at %s (%v)", got, loc, body)
				}
			}
		})
	}
	if n := e.count("SELECT COUNT(*) FROM spaces WHERE id > ?", e.m.Approval); n != 0 {
		t.Errorf("%d spaces stored by failed requests", n)
	}
	if n := e.count("SELECT COUNT(*) FROM pending_objects"); n != 0 {
		t.Errorf("%d objects pending after failed requests", n)
	}
	// Not signed in.
	if code, _, _ := send(t, http.MethodPost, e.srv.URL+"/v1/spaces", "", validListing("익명"), []upload{{"ok.jpg", good}}); code != http.StatusUnauthorized {
		t.Errorf("anonymous create: %d", code)
	}
	// A declared body over the upload limit is refused before it is read.
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/v1/spaces", strings.NewReader("x"))
	req.ContentLength = 300 << 20
	req.Header.Set("Authorization", "Bearer "+host)
	req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("300 MiB declared: %d", resp.StatusCode)
		}
	}
}

// hostingEnv is the booking market with the host first among the signed-in users.
type hostingEnv struct {
	bookingEnv
	tokens []string // host, then guests
}

func newHostingEnv(t *testing.T) hostingEnv {
	t.Helper()
	b := newBookingEnv(t)
	return hostingEnv{bookingEnv: b, tokens: append([]string{b.host}, b.guests...)}
}

func (e hostingEnv) searchFinds(t *testing.T, q string, id int64) bool {
	t.Helper()
	code, page, _ := call(t, http.MethodGet, e.srv.URL+"/v1/spaces?limit=100&q="+url.QueryEscape(q), "", nil)
	if code != 200 {
		t.Fatalf("search: %d %v", code, page)
	}
	for _, it := range page["items"].([]any) {
		if int64(it.(map[string]any)["id"].(float64)) == id {
			return true
		}
	}
	return false
}
