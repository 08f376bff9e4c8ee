package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/devoidc"
	"github.com/ourspace/ourspace/adapters/httpapi/contracttest"
	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
)

// TestZeroSetupRunBootsSeedsAndServes runs the binary's default command as
// a newcomer would, with no configuration but a free port and a database
// name of its own, and reads the seeded marketplace through the API.
func TestZeroSetupRunBootsSeedsAndServes(t *testing.T) {
	server := mysqltest.ServerDSN(t) // fails loudly when no MySQL answers
	port := freePort(t)
	name := fmt.Sprintf("ourspace_smoke_%d", time.Now().UnixNano())
	t.Setenv("OURSPACE_HTTP_ADDR", "127.0.0.1:"+port)
	t.Setenv("OURSPACE_DATABASE_NAME", name)
	t.Setenv("OURSPACE_MYSQL_DSN", os.Getenv("OURSPACE_TEST_MYSQL_DSN"))
	t.Setenv("OURSPACE_DATA_DIR", t.TempDir())
	t.Cleanup(func() {
		db, err := mysql.Open(server)
		if err == nil {
			_, _ = db.Exec("DROP DATABASE IF EXISTS `" + name + "`")
			_ = db.Close()
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil) }()
	base := "http://127.0.0.1:" + port
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil && resp.StatusCode == http.StatusOK {
			resp.Body.Close()
			break
		}
		if err == nil {
			resp.Body.Close()
		}
		select {
		case err := <-done:
			t.Fatalf("the server stopped before it was ready: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the server was not ready in 2 minutes")
		}
		time.Sleep(100 * time.Millisecond)
	}

	var districts, categories, facilities struct{ Items []map[string]any }
	getJSON(t, base+"/v1/districts", &districts)
	getJSON(t, base+"/v1/categories", &categories)
	getJSON(t, base+"/v1/facilities", &facilities)
	if len(districts.Items) != 25 || len(categories.Items) != 8 || len(facilities.Items) != 10 {
		t.Fatalf("reference data: %d districts, %d categories, %d facilities", len(districts.Items), len(categories.Items), len(facilities.Items))
	}
	total := 0
	cursor := ""
	var firstID float64
	for {
		var page struct {
			Items      []map[string]any
			NextCursor string `json:"next_cursor"`
		}
		getJSON(t, base+"/v1/spaces?limit=100&cursor="+cursor, &page)
		if firstID == 0 && len(page.Items) > 0 {
			firstID = page.Items[0]["id"].(float64)
		}
		total += len(page.Items)
		if page.NextCursor == "" {
			break
		}
		cursor = page.NextCursor
	}
	if total < 280 {
		t.Fatalf("%d active spaces listed, want the demo's 300 or so", total)
	}
	var detail map[string]any
	getJSON(t, fmt.Sprintf("%s/v1/spaces/%d", base, int64(firstID)), &detail)
	photos, _ := detail["photos"].([]any)
	if detail["title"] == "" || len(photos) == 0 {
		t.Fatalf("detail: %v", detail)
	}
	// Its photos are drawn JPEGs in the embedded object store, served here.
	for _, p := range photos {
		u := p.(map[string]any)["thumbnail_url"]
		resp, err := http.Get(u.(string))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/jpeg" || len(body) < 1000 || body[0] != 0xff || body[1] != 0xd8 {
			t.Errorf("photo %s: %d %s, %d bytes", u, resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
		}
	}
	today := time.Now().In(time.FixedZone("KST", 9*3600)).Format(time.DateOnly)
	var avail map[string]any
	getJSON(t, fmt.Sprintf("%s/v1/spaces/%d/availability?date=%s", base, int64(firstID), today), &avail)
	if avail["date"] != today {
		t.Errorf("availability: %v", avail)
	}
	if status := statusOf(t, http.DefaultClient, base+"/docs/"); status != http.StatusOK {
		t.Errorf("docs: %d", status)
	}
	// The development login answers without any Kakao settings, on the
	// default public URL's host (TestDevelopmentLoginStartedOnAnotherLoopbackHost).
	noRedirect := &http.Client{Transport: contracttest.Load(t).Transport(t, nil),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if resp, err := noRedirect.Get("http://localhost:" + port + "/v1/auth/kakao/login"); err != nil {
		t.Errorf("development login: %v", err)
	} else {
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound || !strings.HasPrefix(resp.Header.Get("Location"), "http://127.0.0.1:") {
			t.Errorf("development login: %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shutdown: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Error("the server did not stop on cancel")
	}
}

func TestProductionRefusesTheDevelopmentLogin(t *testing.T) {
	t.Setenv("OURSPACE_ENV", "production")
	t.Setenv("OURSPACE_PUBLIC_URL", "https://ourspace.example")
	t.Setenv("OURSPACE_SESSION_SECRET", strongSecret)
	t.Setenv("OURSPACE_KAKAO_CLIENT_ID", "")
	t.Setenv("OURSPACE_HTTP_ADDR", "127.0.0.1:"+freePort(t))
	err := run(context.Background(), []string{"serve"})
	if err == nil || !strings.Contains(err.Error(), "OURSPACE_KAKAO_CLIENT_ID is required in production") {
		t.Fatalf("err = %v", err)
	}
	t.Setenv("OURSPACE_SESSION_SECRET", "")
	t.Setenv("OURSPACE_KAKAO_CLIENT_ID", "some-app")
	err = run(context.Background(), []string{"serve"})
	if err == nil || !strings.Contains(err.Error(), "OURSPACE_SESSION_SECRET is required") {
		t.Fatalf("err = %v", err)
	}
}

func TestProductionRefusesTheEmbeddedObjectStore(t *testing.T) {
	idp, err := devoidc.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer idp.Close()
	t.Setenv("OURSPACE_ENV", "production")
	t.Setenv("OURSPACE_PUBLIC_URL", "https://ourspace.example")
	t.Setenv("OURSPACE_SESSION_SECRET", strongSecret)
	t.Setenv("OURSPACE_KAKAO_CLIENT_ID", idp.ClientID())
	t.Setenv("OURSPACE_KAKAO_CLIENT_SECRET", idp.ClientSecret())
	t.Setenv("OURSPACE_KAKAO_ISSUER", idp.Issuer())
	t.Setenv("OURSPACE_S3_ENDPOINT", "")
	t.Setenv("OURSPACE_S3_ACCESS_KEY_ID", "")
	t.Setenv("OURSPACE_HTTP_ADDR", "127.0.0.1:"+freePort(t))
	err = run(context.Background(), []string{"serve"})
	if err == nil || !strings.Contains(err.Error(), "OURSPACE_S3_ENDPOINT or OURSPACE_S3_ACCESS_KEY_ID is required in production") {
		t.Fatalf("err = %v", err)
	}
	// A configured store that does not answer stops the start-up too.
	t.Setenv("OURSPACE_S3_ENDPOINT", "http://127.0.0.1:1")
	t.Setenv("OURSPACE_S3_PATH_STYLE", "true")
	err = run(context.Background(), []string{"serve"})
	if err == nil || !strings.Contains(err.Error(), "object store") {
		t.Fatalf("unreachable store: err = %v", err)
	}
}

func TestOpenAPICommandWritesTheCommittedSpecOffline(t *testing.T) {
	// A DSN that cannot connect proves the command touches no database.
	t.Setenv("OURSPACE_MYSQL_DSN", "nobody@tcp(127.0.0.1:1)/none")
	out := t.TempDir() + "/openapi.yaml"
	if err := run(context.Background(), []string{"openapi", "-o", out}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	want, err := os.ReadFile("../../openapi/openapi.yaml")
	if err != nil || string(got) != string(want) {
		t.Fatal("ourspace openapi differs from openapi/openapi.yaml: run make generate")
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// getJSON reads url, holding the exchange to the committed OpenAPI document.
// statusOf is the status of c's GET of url (0 when it got no answer).
func statusOf(t *testing.T, c *http.Client, url string) int {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Errorf("GET %s: %v", url, err)
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := (&http.Client{Transport: contracttest.Load(t).Transport(t, nil)}).Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}
