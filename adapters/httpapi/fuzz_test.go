package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"maps"
	"math"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/adapters/httpapi/contracttest"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
)

// The spec-driven fuzz run's defaults; docs/fuzzing.md records what a run
// of them measured. OURSPACE_FUZZ_SEED, OURSPACE_FUZZ_REQUESTS and
// OURSPACE_FUZZ_DURATION override them to reproduce or to go further.
const (
	fuzzSeed        = 20261201
	fuzzRequests    = 10000
	fuzzShort       = 400 // with go test -short
	fuzzMaxDuration = 3 * time.Minute
	fuzzTimeout     = 10 * time.Second // one request longer than this is a hang
)

// TestFuzzEveryOperation sends a fixed budget of generated requests, valid
// and hostile, to every operation of the committed document, anonymous,
// signed in as a guest or the host, and with a bad token, through the
// contract check. No answer may be 5xx, hang, or break the document.
func TestFuzzEveryOperation(t *testing.T) {
	seed := envUint(t, "OURSPACE_FUZZ_SEED", fuzzSeed)
	budget := int(envUint(t, "OURSPACE_FUZZ_REQUESTS", fuzzRequests))
	if testing.Short() && os.Getenv("OURSPACE_FUZZ_REQUESTS") == "" {
		budget = fuzzShort
	}
	maxDuration := fuzzMaxDuration
	if v := os.Getenv("OURSPACE_FUZZ_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("OURSPACE_FUZZ_DURATION: %v", err)
		}
		maxDuration = d
	}
	t.Logf("fuzz seed %d, %d requests at most, %s at most (reproduce with OURSPACE_FUZZ_SEED=%d)", seed, budget, maxDuration, seed)

	e := newBookingEnv(t)
	spec := contracttest.Load(t)
	ops := fuzzOperations(spec.Doc)
	g := newGenerator(seed, e)
	client := &http.Client{Timeout: fuzzTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	verbose := os.Getenv("OURSPACE_FUZZ_LOG") != "" // every exchange, to see what the generator reaches
	statuses := map[int]int{}
	perOp := map[string]map[int]int{}
	modes := map[string]map[string]bool{} // operation → auth modes it was sent with
	var failures int
	start := time.Now()
	sent := 0
	for ; sent < budget; sent++ {
		if time.Since(start) > maxDuration {
			t.Logf("stopped by the duration cap after %d requests", sent)
			break
		}
		op := ops[sent%len(ops)]
		mode := authModes[(sent/len(ops))%len(authModes)]
		fr := g.request(op, mode)
		req, err := http.NewRequest(op.method, e.srv.URL+fr.target, bytes.NewReader(fr.body))
		if err != nil {
			t.Fatalf("request %d: %v", sent, err)
		}
		req.Header = fr.header
		req.Header.Set("X-Request-Id", fmt.Sprintf("fuzz-%d", sent))
		began := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			failures++
			t.Errorf("request %d (seed %d): %s %s [%s]: no answer after %s: %v", sent, seed, op.method, clipText(fr.target), mode,
				time.Since(began).Round(time.Millisecond), err)
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		statuses[resp.StatusCode]++
		if perOp[op.id] == nil {
			perOp[op.id], modes[op.id] = map[int]int{}, map[string]bool{}
		}
		perOp[op.id][resp.StatusCode]++
		if verbose {
			t.Logf("#%d %s %s [%s] %s → %d %s", sent, op.method, clipText(fr.target), mode, clipText(string(fr.body)), resp.StatusCode, clipText(string(body)))
		}
		modes[op.id][mode] = true
		if resp.StatusCode >= 500 {
			failures++
			if failures <= 25 {
				t.Errorf("request %d (seed %d): %s %s [%s] answered %d: %s\nbody sent (%s): %s", sent, seed, op.method, clipText(fr.target), mode,
					resp.StatusCode, clipText(string(body)), fr.header.Get("Content-Type"), clipText(string(fr.body)))
			}
		}
		g.learn(body)
	}
	elapsed := time.Since(start)
	if sent >= len(ops)*len(authModes) {
		for _, op := range ops {
			if len(modes[op.id]) != len(authModes) {
				t.Errorf("%s was sent with %v only", op.id, slices.Sorted(maps.Keys(modes[op.id])))
			}
		}
	}
	t.Logf("fuzz: %d operations, %d requests in %s (%.0f/s), %d failures; statuses %s", len(ops), sent, elapsed.Round(time.Millisecond),
		float64(sent)/elapsed.Seconds(), failures, histogram(statuses))
	for _, op := range ops {
		t.Logf("  %-26s %s", op.id, histogram(perOp[op.id]))
	}
}

// authModes are how each request signs in, in turn for every operation.
var authModes = []string{"anonymous", "guest", "host", "bad token"}

func histogram(m map[int]int) string {
	var parts []string
	for _, code := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%d×%d", code, m[code]))
	}
	return strings.Join(parts, " ")
}

func envUint(t *testing.T, name string, def uint64) uint64 {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return n
}

func clipText(s string) string {
	if len(s) > 300 {
		return s[:300] + fmt.Sprintf("…(%d bytes)", len(s))
	}
	return s
}

// fuzzOp is one operation of the document.
type fuzzOp struct {
	method, path, id string
	op               *openapi3.Operation
}

// fuzzOperations lists the document's operations in a fixed order.
func fuzzOperations(doc *openapi3.T) []fuzzOp {
	var ops []fuzzOp
	for _, path := range slices.Sorted(maps.Keys(doc.Paths.Map())) {
		item := doc.Paths.Value(path)
		for _, method := range slices.Sorted(maps.Keys(item.Operations())) {
			op := item.GetOperation(method)
			ops = append(ops, fuzzOp{method: method, path: path, id: op.OperationID, op: op})
		}
	}
	return ops
}

// fuzzRequest is a generated request: target is the path and query.
type fuzzRequest struct {
	target string
	header http.Header
	body   []byte
}

// generator makes requests from the document's parameters and bodies.
type generator struct {
	rnd    *rand.Rand
	ids    []int64            // ids seen in answers, and the market's
	named  map[string][]int64 // the market's ids by the field that takes them
	cursor []string           // next_cursor values seen in answers
	// samples are bodies every rule accepts, by operation id (or form part
	// name), to mutate: cross-field rules are seldom met by chance.
	samples map[string]func() any
	wild    float64 // the share of values meant to break a rule, per request
	tokens  map[string]string
	spare   string // signed out by the logout operation, so the others stay signed in
	today   time.Time
	png     []byte
}

func newGenerator(seed uint64, e bookingEnv) *generator {
	g := &generator{rnd: rand.New(rand.NewPCG(seed, seed^0x5eed)), today: time.Now(),
		tokens: map[string]string{"guest": e.guests[0], "host": e.host}, spare: e.guests[2]}
	g.ids = append(g.ids, e.m.Instant, e.m.Approval, e.m.Day, e.m.Night, e.m.Overnight, e.m.ApprovalDay, e.m.HostID, 1, 2, 3)
	g.named = map[string][]int64{"space_id": {e.m.Instant, e.m.Approval}, "space": {e.m.Instant, e.m.Approval},
		"package_id": {e.m.Day, e.m.Night, e.m.Overnight, e.m.ApprovalDay}}
	g.samples = map[string]func() any{
		"create-booking": func() any {
			b := e.newBooking(pick(g, []int64{e.m.Day, e.m.Night, e.m.Overnight}))
			b["date"] = g.today.AddDate(0, 0, 1+g.rnd.IntN(80)).Format(time.DateOnly)
			return b
		},
		"listing":    func() any { return validListing(g.text(12)) },
		"edit-space": func() any { return validListing(g.text(12)) },
	}
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	g.png = b.Bytes()
	return g
}

func (g *generator) chance(p float64) bool { return g.rnd.Float64() < p }

func pick[T any](g *generator, xs []T) T { return xs[g.rnd.IntN(len(xs))] }

// learn keeps the ids an answer shows (spaces, bookings, reviews, photos,
// packages), so later requests reach real resources.
func (g *generator) learn(body []byte) {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return
	}
	var walk func(any, int)
	walk = func(v any, depth int) {
		if depth > 4 {
			return
		}
		switch x := v.(type) {
		case map[string]any:
			for k, val := range x {
				if c, ok := val.(string); ok && k == "next_cursor" && len(g.cursor) < 100 {
					g.cursor = append(g.cursor, c)
				}
				if f, ok := val.(float64); ok && (k == "id" || strings.HasSuffix(k, "_id")) && f > 0 && f < 1e9 &&
					!slices.Contains(g.ids, int64(f)) && len(g.ids) < 400 {
					g.ids = append(g.ids, int64(f))
				}
				walk(val, depth+1)
			}
		case []any:
			for _, it := range x {
				walk(it, depth+1)
			}
		}
	}
	walk(v, 0)
}

func (g *generator) request(op fuzzOp, mode string) fuzzRequest {
	// Half the requests keep every rule they can, to reach past validation.
	g.wild = pick(g, []float64{0, 0, 0.1, 0.3})
	h := http.Header{}
	switch mode {
	case "guest", "host":
		tok := g.tokens[mode]
		if op.id == "logout" {
			tok = g.spare
		}
		h.Set("Authorization", "Bearer "+tok)
	case "bad token":
		h.Set("Authorization", pick(g, []string{"Bearer x", "Bearer " + g.text(40), "Basic Zm9vOmJhcg==", "Bearer", "bearer  ",
			"Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", "Bearer " + strings.Repeat("A", 9000)}))
	}
	path := op.path
	query := url.Values{}
	for _, pr := range op.op.Parameters {
		p := pr.Value
		if !p.Required && g.chance(0.65-g.wild) {
			continue
		}
		var s *openapi3.Schema
		if p.Schema != nil {
			s = p.Schema.Value
		}
		switch p.In {
		case "path":
			path = strings.Replace(path, "{"+p.Name+"}", url.PathEscape(g.pathValue()), 1)
		case "query":
			v := g.value(s, p.Name, 0)
			if arr, ok := v.([]any); ok {
				if g.chance(0.2) { // the documented comma-separated form
					var parts []string
					for _, it := range arr {
						parts = append(parts, scalarText(it))
					}
					query.Add(p.Name, strings.Join(parts, ","))
				} else {
					for _, it := range arr {
						query.Add(p.Name, scalarText(it))
					}
				}
			} else {
				query.Add(p.Name, scalarText(v))
			}
		case "header":
			h.Set(p.Name, headerSafe(scalarText(g.value(s, p.Name, 0))))
		case "cookie":
			h.Add("Cookie", p.Name+"="+url.QueryEscape(scalarText(g.value(s, p.Name, 0))))
		}
	}
	raw := query.Encode()
	switch {
	case !g.chance(g.wild):
	case g.chance(0.1):
		raw += "&unknown_param=1"
	case g.chance(0.1):
		raw += "&limit=1&limit=2"
	case g.chance(0.1):
		raw += pick(g, []string{"&%zz", "&a[]=1", "&=&&", "&q=%C0%AF", "&cursor=%ff%fe"})
	}
	target := path
	if raw = strings.TrimPrefix(raw, "&"); raw != "" {
		target += "?" + raw
	}
	var body []byte
	if rb := op.op.RequestBody; rb != nil {
		body = g.body(op.id, rb.Value, h)
	} else if g.chance(g.wild / 5) {
		body = []byte(`{"unexpected":true}`)
		h.Set("Content-Type", "application/json")
	}
	return fuzzRequest{target: target, header: h, body: body}
}

// pathValue is an id the answers showed, or one no resource has, or no id.
func (g *generator) pathValue() string {
	if !g.chance(g.wild) {
		return strconv.FormatInt(pick(g, g.ids), 10)
	}
	return pick(g, []string{"0", "-1", "999999999", "9223372036854775807", "9223372036854775808", "99999999999999999999",
		"abc", "1.5", "1e3", " 1", "１２", "٣", "0x10", "null", "", "%", "../1", strings.Repeat("9", 400)})
}

func (g *generator) body(op string, rb *openapi3.RequestBody, h http.Header) []byte {
	if g.chance(g.wild / 2) { // a body that is no JSON or form at all
		h.Set("Content-Type", pick(g, []string{"application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}))
		return pick(g, hostileBodies)
	}
	if mt := rb.Content.Get("multipart/form-data"); mt != nil && mt.Schema != nil {
		return g.form(mt, h)
	}
	mt := rb.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	v := g.value(mt.Schema.Value, "", 0)
	if sample := g.samples[op]; sample != nil && g.chance(0.6) {
		v = generic(sample())
	}
	if obj, ok := v.(map[string]any); ok && g.chance(g.wild) {
		g.mutate(obj, mt.Schema.Value)
	}
	b, _ := json.Marshal(v)
	h.Set("Content-Type", "application/json")
	if g.chance(g.wild / 5) {
		h.Set("Content-Type", pick(g, []string{"text/plain", "application/merge-patch+json", "application/json; charset=latin1", "application/xml"}))
	}
	return b
}

// hostileBodies are bodies no schema describes.
var hostileBodies = [][]byte{
	nil, []byte("{"), []byte("null"), []byte("[]"), []byte(`"x"`), []byte("{}"), []byte(`{"a":1,"a":2}`),
	[]byte("\xff\xfe\x00{"), bytes.Repeat([]byte("["), 5000), []byte(`{"x":"` + strings.Repeat("가", 200_000) + `"}`),
	[]byte("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"), []byte("a=1&b=2"), []byte("1e999"),
	bytes.Repeat([]byte(" "), 1<<20+1), // past Huma's 1 MiB default limit
}

// mutate breaks one rule of an object the schema describes.
func (g *generator) mutate(obj map[string]any, s *openapi3.Schema) {
	switch g.rnd.IntN(4) {
	case 0:
		if len(s.Required) > 0 {
			delete(obj, pick(g, s.Required))
		}
	case 1:
		obj["zz_extra"] = g.text(8)
	case 2:
		if len(obj) > 0 {
			obj[pick(g, slices.Sorted(maps.Keys(obj)))] = pick(g, wrongTypes)
		}
	case 3:
		if len(obj) > 0 {
			k := pick(g, slices.Sorted(maps.Keys(obj)))
			var ps *openapi3.Schema
			if r := s.Properties[k]; r != nil {
				ps = r.Value
			}
			obj[k] = g.hostile(ps, k)
		}
	}
}

// form builds a multipart body from the schema: JSON parts (as a file part
// or a plain field), fields, and files that are photos or are not.
func (g *generator) form(mt *openapi3.MediaType, h http.Header) []byte {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	s := mt.Schema.Value
	for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
		ps := s.Properties[name].Value
		if !slices.Contains(s.Required, name) && g.chance(0.3) || g.chance(0.05) {
			continue
		}
		switch {
		case ps.Type.Is("array") && ps.Items != nil && ps.Items.Value.Format == "binary":
			n := g.rnd.IntN(4)
			if g.chance(0.03) {
				n = 21
			}
			for i := range n {
				content, ctype := g.png, "image/png"
				switch g.rnd.IntN(6) {
				case 0:
					content, ctype = []byte(g.text(100)), "image/jpeg"
				case 1:
					content = g.png[:len(g.png)/2]
				case 2:
					content, ctype = nil, ""
				}
				ph := textproto.MIMEHeader{"Content-Disposition": {fmt.Sprintf(`form-data; name=%q; filename="p%d.png"`, name, i)}}
				if ctype != "" {
					ph.Set("Content-Type", ctype)
				}
				pw, _ := w.CreatePart(ph)
				_, _ = pw.Write(content)
			}
		case ps.Type.Is("object"):
			v := g.value(ps, name, 0)
			if sample := g.samples[name]; sample != nil && g.chance(0.6) {
				v = generic(sample())
			}
			if obj, ok := v.(map[string]any); ok && g.chance(g.wild) {
				g.mutate(obj, ps)
			}
			raw, _ := json.Marshal(v)
			if g.chance(g.wild / 3) {
				raw = pick(g, hostileBodies)
			}
			if g.chance(0.5) {
				_ = w.WriteField(name, string(raw))
			} else {
				pw, _ := w.CreatePart(textproto.MIMEHeader{"Content-Disposition": {fmt.Sprintf(`form-data; name=%q; filename="%s.json"`, name, name)},
					"Content-Type": {"application/json"}})
				_, _ = pw.Write(raw)
			}
		default:
			_ = w.WriteField(name, scalarText(g.value(ps, name, 0)))
		}
	}
	if g.chance(0.05) {
		_ = w.WriteField("zz_extra", "1")
	}
	_ = w.Close()
	h.Set("Content-Type", w.FormDataContentType())
	return b.Bytes()
}

// value is a value for s: mostly one it allows, sometimes a hostile one.
func (g *generator) value(s *openapi3.Schema, name string, depth int) any {
	if s == nil {
		return g.text(5)
	}
	for _, alts := range [][]*openapi3.SchemaRef{s.AnyOf, s.OneOf} {
		if len(alts) > 0 {
			return g.value(pick(g, alts).Value, name, depth)
		}
	}
	if len(s.AllOf) > 0 {
		return g.value(s.AllOf[0].Value, name, depth)
	}
	if g.chance(g.wild) {
		return g.hostile(s, name)
	}
	if len(s.Enum) > 0 {
		return pick(g, s.Enum)
	}
	if len(s.Examples) > 0 && g.chance(0.3) {
		return pick(g, s.Examples)
	}
	if name == "cursor" && len(g.cursor) > 0 {
		return pick(g, g.cursor)
	}
	switch {
	case s.Type.Includes("integer"), s.Type.Includes("number"):
		return g.number(s, name)
	case s.Type.Includes("boolean"):
		return g.chance(0.5)
	case s.Type.Includes("array"):
		n := g.rnd.IntN(4)
		if s.MinItems > uint64(n) {
			n = int(s.MinItems)
		}
		if s.MaxItems != nil && uint64(n) > *s.MaxItems {
			n = int(*s.MaxItems)
		}
		out := make([]any, n)
		for i := range out {
			var is *openapi3.Schema
			if s.Items != nil {
				is = s.Items.Value
			}
			out[i] = g.value(is, name, depth+1)
		}
		return out
	case s.Type.Includes("object"):
		out := map[string]any{}
		if depth > 5 {
			return out
		}
		for _, k := range slices.Sorted(maps.Keys(s.Properties)) {
			if k == "$schema" || !slices.Contains(s.Required, k) && g.chance(0.5) {
				continue
			}
			out[k] = g.value(s.Properties[k].Value, k, depth+1)
		}
		return out
	case s.Type.Includes("null"):
		return nil
	}
	return g.str(s, name)
}

func (g *generator) number(s *openapi3.Schema, name string) any {
	lo, hi := 0.0, 100.0
	if s.Min != nil {
		lo = *s.Min
	}
	if s.Max != nil {
		hi = *s.Max
	} else if lo > hi {
		hi = lo + 100
	}
	if ids := g.named[name]; ids != nil && g.chance(0.7) {
		return pick(g, ids)
	}
	if isIDName(name) && g.chance(0.8) {
		return pick(g, g.ids)
	}
	var f float64
	switch g.rnd.IntN(4) {
	case 0:
		f = lo
	case 1:
		f = hi
	default:
		f = lo + g.rnd.Float64()*(hi-lo)
	}
	if s.Type.Includes("integer") {
		return int64(math.Round(f))
	}
	return f
}

func isIDName(name string) bool {
	return name == "id" || strings.HasSuffix(name, "_id") || strings.HasSuffix(name, "_ids") || strings.HasSuffix(name, "Id") ||
		slices.Contains([]string{"space", "district", "category", "facility", "ids", "order"}, name)
}

func (g *generator) str(s *openapi3.Schema, name string) string {
	switch {
	case s.Format == "date":
		return g.today.AddDate(0, 0, g.rnd.IntN(70)-10).Format(time.DateOnly)
	case s.Format == "date-time":
		return g.today.Add(time.Duration(g.rnd.IntN(2000)-500) * time.Hour).UTC().Format(time.RFC3339)
	case strings.Contains(s.Pattern, ":"):
		return fmt.Sprintf("%02d:%02d", g.rnd.IntN(24), pick(g, []int{0, 0, 30, 15}))
	case strings.Contains(s.Pattern, `\x21-\x7e`):
		return fmt.Sprintf("fz-%x", g.rnd.Uint64())
	case s.Format == "email" || name == "email":
		return "guest@example.com"
	case name == "phone":
		return "010-1234-5678"
	case s.Format == "uri":
		return "https://example.com/p"
	}
	n := int(s.MinLength) + g.rnd.IntN(12)
	if s.MaxLength != nil && uint64(n) > *s.MaxLength {
		n = int(*s.MaxLength)
	}
	return g.text(n)
}

var words = []string{"파티룸", "연습실", "스튜디오", "회의실", "강남", "좋아요", "party", "room", "넓고", "깨끗해요", " ", "1", "😀"}

func (g *generator) text(n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(pick(g, words))
	}
	r := []rune(b.String())
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// wrongTypes are values of a type no property of ours has everywhere.
var wrongTypes = []any{nil, true, "7", 7, 1.5, []any{}, map[string]any{}, []any{nil}, "", -1}

// hostile is a value meant to break s: out of its bounds, of another type,
// odd text, or an edge of the calendar.
func (g *generator) hostile(s *openapi3.Schema, name string) any {
	if g.chance(0.25) || s == nil {
		return pick(g, wrongTypes)
	}
	switch {
	case s.Type.Includes("integer"), s.Type.Includes("number"):
		var edges []any
		if s.Min != nil {
			edges = append(edges, *s.Min-1)
		}
		if s.Max != nil {
			edges = append(edges, *s.Max+1)
		}
		return pick(g, append(edges, 0, -1, int64(math.MaxInt64), int64(math.MinInt64), 9007199254740993.0, 1e300, 0.5, math.Copysign(0, -1)))
	case s.Type.Includes("array"):
		n := 12
		if s.MaxItems != nil {
			n = int(*s.MaxItems) + 1
		}
		out := make([]any, n)
		for i := range out {
			out[i] = 1
		}
		return pick(g, []any{out, []any{nil}, []any{[]any{1}}, "1,2"})
	case s.Type.Includes("object"):
		return pick(g, []any{map[string]any{}, map[string]any{"zz": 1}, []any{}, "{}"})
	}
	switch {
	case s.Format == "date" && g.chance(0.7):
		return pick(g, dateEdges)
	case strings.Contains(s.Pattern, ":") && g.chance(0.7):
		return pick(g, []string{"24:00", "23:60", "99:99", "-1:00", "00:00", "9:00", "09:00:00", "０９:００"})
	case name == "cursor" && g.chance(0.7):
		return pick(g, []string{"AAAA", "eyJ4IjoxfQ", "eyJpZCI6LTEsImF0IjoiMDAwMS0wMS0wMSJ9", "%%%", "=", strings.Repeat("A", 5000),
			"eyJpZCI6OTIyMzM3MjAzNjg1NDc3NTgwOCwiYXQiOiI5OTk5LTEyLTMxIn0", "bnVsbA", "W10", "\u0000"})
	}
	long := 70_000
	if s.MaxLength != nil {
		long = int(*s.MaxLength) + 1
	}
	return pick(g, []string{
		"", " ", strings.Repeat("가", long), strings.Repeat("x", 70_000), "\x00", "a\x00b", "\u202eevil", "👩‍👩‍👧‍👦", "e\u0301",
		"\ufeff", "\xff\xfe", "' OR 1=1 --", "../../etc/passwd", "<script>alert(1)</script>", "%00", "NaN", "null", "\t\r\n",
		dateEdges[0], dateEdges[1], "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "24:00", "23:60", "99:99", "-1:00", "00:00",
		"AAAA", "eyJ4IjoxfQ", "eyJpZCI6LTEsImF0IjoiMDAwMS0wMS0wMSJ9", "%%%", strings.Repeat("A", 5000), "0",
	})
}

// generic is v as JSON decodes it, for mutate.
func generic(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// dateEdges are dates at and past the calendar's edges, and not dates.
var dateEdges = []string{"0001-01-01", "9999-12-31", "1999-12-31", "2200-01-01", "2026-02-29", "2028-02-29", "2026-02-30",
	"2026-13-01", "0000-00-00", "2026-1-1", "1970-01-01", "-2026-01-01", "+12026-01-01", "2026-12-01T00:00:00Z", "20261201"}

// scalarText writes a value as a parameter carries it.
func scalarText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// headerSafe drops what no HTTP client may send in a header value.
func headerSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// TestFuzzFindingsStayFixed replays what the fuzz run found, through the
// contract check: each status must be the one given and documented.
func TestFuzzFindingsStayFixed(t *testing.T) {
	e := newBookingEnv(t)
	space := fmt.Sprintf("/v1/spaces/%d", e.m.Instant)
	form := func(listing any, extra string) (string, string) {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		raw, _ := json.Marshal(listing)
		_ = w.WriteField("listing", string(raw))
		pw, _ := w.CreatePart(textproto.MIMEHeader{"Content-Disposition": {`form-data; name="photos"; filename="a.png"`}, "Content-Type": {"image/png"}})
		_, _ = pw.Write(newGenerator(1, e).png)
		if extra != "" {
			_ = w.WriteField(extra, "1")
		}
		_ = w.Close()
		return w.FormDataContentType(), b.String()
	}
	unhashableType, unhashable := form(json.RawMessage(`{"title":"연습실","facility_ids":[1,{}]}`), "")
	extraType, extra := form(validListing("사진 하나"), "photo")
	for _, c := range []struct {
		method, path, contentType, body string
		want                            int
	}{
		// Uploads that are no multipart form were 422, as if a field broke a rule.
		{http.MethodPost, "/v1/spaces", "application/json", `{}`, http.StatusUnsupportedMediaType},
		{http.MethodPost, space + "/photos", "", "photo", http.StatusUnsupportedMediaType},
		{http.MethodPost, "/v1/bookings/1/review", "text/plain", "좋아요", http.StatusUnsupportedMediaType},
		// Huma's 415 for a body of another media type was not in the spec,
		// which offered application/octet-stream for edit-space besides.
		{http.MethodPatch, space, "application/octet-stream", `{"title":"x"}`, http.StatusUnsupportedMediaType},
		{http.MethodPost, "/v1/bookings", "text/plain", `{}`, http.StatusUnsupportedMediaType},
		// Huma's uniqueItems check panicked on an object among the items: 500.
		{http.MethodPatch, space, "application/json", `{"facility_ids":[1,{}]}`, http.StatusUnprocessableEntity},
		{http.MethodPost, "/v1/spaces", unhashableType, unhashable, http.StatusUnprocessableEntity},
		// A part the form does not declare was dropped without a word.
		{http.MethodPost, "/v1/spaces", extraType, extra, http.StatusBadRequest},
		// An empty query value is taken as not given; the spec now says so.
		{http.MethodGet, "/v1/me/bookings?status=&limit=", "", "", http.StatusOK},
	} {
		req, _ := http.NewRequest(c.method, e.srv.URL+c.path, strings.NewReader(c.body))
		req.Header.Set("Authorization", "Bearer "+e.host)
		if c.contentType != "" {
			req.Header.Set("Content-Type", c.contentType)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s %s (%s): %d %s, want %d", c.method, c.path, c.contentType, resp.StatusCode, body, c.want)
		}
	}
}

// FuzzPublicReads is Go's coverage-guided fuzzing over the operations
// anyone may call without a body: an operation, a path id and a raw query
// string. go test runs the seeds; go test -fuzz=FuzzPublicReads explores
// (docs/fuzzing.md). No answer may be 5xx or break the document.
func FuzzPublicReads(f *testing.F) {
	db, _ := mysqltest.NewDatabase(f)
	mysqltest.NewWorld(f, db, 5, 1, testNow)
	handler := httpapi.Handler(httpapi.Deps{App: newApp(db), PublicURL: publicURL}, db, slog.New(slog.DiscardHandler))
	spec := contracttest.Load(f)
	var reads []fuzzOp
	for _, op := range fuzzOperations(spec.Doc) {
		if op.method == http.MethodGet && op.op.Security == nil && !strings.HasPrefix(op.path, "/v1/auth/") {
			reads = append(reads, op)
		}
	}
	for i, seed := range []struct{ id, query string }{
		{"1", "district=1&district=2&people=4&sort=price_asc"}, {"2", "district=1,2&date=2026-12-03&start=10:00&end=12:00"},
		{"3", "date=0001-01-01"}, {"9223372036854775808", "date=9999-12-31&limit=100"}, {"-1", "cursor=%%%"},
		{"abc", "bbox=37.49,127.02,37.51,127.05&q=%ED%8C%8C%ED%8B%B0"}, {"0", "limit=0&limit=1"}, {"1", "sort=rating&min_price=-1"},
	} {
		f.Add(uint8(i), seed.id, seed.query)
	}
	f.Fuzz(func(t *testing.T, opIndex uint8, id, query string) {
		if strings.ContainsFunc(query, func(r rune) bool { return r <= ' ' || r >= 0x7f || r == '#' }) {
			return // no client can send it on a request line
		}
		op := reads[int(opIndex)%len(reads)]
		req, err := http.NewRequest(http.MethodGet, "http://api.test"+strings.ReplaceAll(op.path, "{id}", url.PathEscape(id)), nil)
		if err != nil {
			return
		}
		req.URL.RawQuery = query
		req.RequestURI = req.URL.RequestURI()
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s answered %d: %s", req.URL.RequestURI(), rec.Code, rec.Body)
		}
		if err := spec.Check(contracttest.Exchange{Request: req, RequestBody: []byte{}, Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}); err != nil {
			t.Fatal(err)
		}
	})
}
