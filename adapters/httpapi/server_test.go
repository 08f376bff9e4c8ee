package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
)

func newServer(t *testing.T) (*httptest.Server, *bytes.Buffer, func()) {
	t.Helper()
	db, _ := mysqltest.NewDatabase(t)
	mysqltest.NewWorld(t, db, 5, 1, testNow)
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	srv := httptest.NewServer(checked(t, httpapi.Handler(httpapi.Deps{App: newApp(db), PublicURL: publicURL}, db, log)))
	t.Cleanup(srv.Close)
	return srv, logs, func() { _ = db.Close() }
}

// received is what a test reads of a response besides its body, which the
// helper that sent the request has read and closed.
type received struct {
	StatusCode    int
	Header        http.Header
	ContentLength int64
}

func receivedOf(resp *http.Response) received {
	return received{StatusCode: resp.StatusCode, Header: resp.Header, ContentLength: resp.ContentLength}
}

func get(t *testing.T, url string, header ...string) (received, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return receivedOf(resp), string(b)
}

func TestRequestIDsReachResponsesAndLogs(t *testing.T) {
	srv, logs, _ := newServer(t)
	resp, _ := get(t, srv.URL+"/v1/categories", "X-Request-Id", "trace-abc.1")
	if got := resp.Header.Get("X-Request-Id"); got != "trace-abc.1" {
		t.Errorf("caller's request id not echoed: %q", got)
	}
	resp, _ = get(t, srv.URL+"/v1/categories", "X-Request-Id", "bad id <script>")
	generated := resp.Header.Get("X-Request-Id")
	if len(generated) != 16 {
		t.Errorf("unsafe request id should be replaced by a generated one, got %q", generated)
	}
	var sawCaller, sawGenerated bool
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var entry map[string]any
		if err := json.Unmarshal([]byte(line), &entry); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		if entry["msg"] == "request" && entry["path"] == "/v1/categories" && entry["status"] == float64(200) {
			sawCaller = sawCaller || entry["request_id"] == "trace-abc.1"
			sawGenerated = sawGenerated || entry["request_id"] == generated
		}
	}
	if !sawCaller || !sawGenerated {
		t.Errorf("access log lacks request ids:\n%s", logs)
	}
}

func TestHealthDocsSpecAndIcons(t *testing.T) {
	srv, _, _ := newServer(t)
	cases := []struct{ path, contentType, contains string }{
		{"/healthz", "application/json", `"ok"`},
		{"/readyz", "application/json", `"ready"`},
		{"/docs/", "text/html", "swagger-ui"},
		{"/openapi.json", "application/", `"list-spaces"`},
		{"/openapi.yaml", "application/", "operationId: list-spaces"},
		{"/static/icons/facility/wifi.svg", "image/svg+xml", "<svg"},
		{"/media/demo/spaces/1/0.svg", "image/svg+xml", "<svg"},
	}
	for _, c := range cases {
		resp, body := get(t, srv.URL+c.path)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), c.contentType) || !strings.Contains(body, c.contains) {
			t.Errorf("%s: %d %q, body lacks %q", c.path, resp.StatusCode, resp.Header.Get("Content-Type"), c.contains)
		}
	}
	// The docs page loads its scripts from this server, not a CDN.
	_, page := get(t, srv.URL+"/docs/")
	if strings.Contains(page, "cdn.jsdelivr") || strings.Contains(page, "unpkg.com") {
		t.Error("docs page refers to a CDN")
	}
	for _, asset := range []string{"swagger-ui-bundle.js", "swagger-ui.css"} {
		if resp, _ := get(t, srv.URL+"/docs/"+asset); resp.StatusCode != http.StatusOK {
			t.Errorf("docs asset %s: %d", asset, resp.StatusCode)
		}
	}
	if resp, _ := get(t, srv.URL+"/static/icons/facility/..%2f..%2fetc.svg"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("odd icon path: %d, want 404", resp.StatusCode)
	}
}

func TestDatabaseFailureIsABare500AndNotReady(t *testing.T) {
	srv, logs, closeDB := newServer(t)
	closeDB()
	resp, body := get(t, srv.URL+"/v1/districts")
	if resp.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", resp.StatusCode)
	}
	if strings.Contains(body, "sql") || strings.Contains(body, "closed") || !strings.Contains(body, "internal error") {
		t.Errorf("500 body leaks internals or lacks the generic text: %s", body)
	}
	if !strings.Contains(logs.String(), "sql: database is closed") {
		t.Error("the cause is not logged")
	}
	if resp, _ := get(t, srv.URL+"/readyz"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the database down: %d, want 503", resp.StatusCode)
	}
}
