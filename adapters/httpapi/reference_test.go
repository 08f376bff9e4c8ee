package httpapi_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app/query"
)

// movingClock is a clock the test moves forward.
type movingClock struct {
	mu sync.Mutex
	at time.Time
}

func (c *movingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at
}

func (c *movingClock) advance(d time.Duration) {
	c.mu.Lock()
	c.at = c.at.Add(d)
	c.mu.Unlock()
}

func TestReferenceListsAreRevalidatedWithETags(t *testing.T) {
	t.Parallel()
	db, _ := mysqltest.NewDatabase(t)
	mysqltest.NewWorld(t, db, 3, 1, testNow)
	counter := &mysql.CountingDB{DB: db}
	clock := &movingClock{at: testNow.UTC()}
	a := newApp(db)
	a.Queries.Reference = query.NewReferenceHandler(mysql.NewReferenceReader(counter), clock, query.ReferenceTTL)
	api := newHumaAPI(t)
	httpapi.Register(api, httpapi.Deps{App: a, PublicURL: publicURL})

	first := api.Get("/v1/districts")
	etag := first.Header().Get("ETag")
	if first.Code != http.StatusOK || !strings.HasPrefix(etag, `"`) || len(etag) < 20 {
		t.Fatalf("first request: %d, ETag %q", first.Code, etag)
	}
	if cc := first.Header().Get("Cache-Control"); cc != "public, max-age=60" {
		t.Errorf("Cache-Control %q", cc)
	}
	for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, `"a",W/"b" , ` + etag + `, "c"`, "*", " * "} {
		rec := api.Get("/v1/districts", "If-None-Match: "+inm)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
			t.Errorf("If-None-Match %s: %d with %d body bytes, want 304 and none", inm, rec.Code, rec.Body.Len())
		}
		if rec.Header().Get("ETag") != etag || rec.Header().Get("Cache-Control") == "" {
			t.Errorf("If-None-Match %s: 304 lacks the ETag or Cache-Control: %v", inm, rec.Header())
		}
	}
	for _, inm := range []string{`"other"`, strings.Trim(etag, `"`), etag + "x", `"other" ` + etag, "*, " + etag, `W/`} {
		if rec := api.Get("/v1/districts", "If-None-Match: "+inm); rec.Code != http.StatusOK || rec.Body.String() != first.Body.String() {
			t.Errorf("If-None-Match %s: %d, want 200 with the list", inm, rec.Code)
		}
	}
	if rec := api.Get("/v1/categories", "If-None-Match: "+etag); rec.Code != http.StatusOK || rec.Header().Get("ETag") == etag {
		t.Errorf("the categories answer the districts' ETag: %d, %q", rec.Code, rec.Header().Get("ETag"))
	}

	counter.Reset()
	for i := range 100 {
		path := []string{"/v1/districts", "/v1/categories", "/v1/facilities"}[i%3]
		if rec := api.Get(path); rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", path, rec.Code)
		}
	}
	if n := counter.Count(); n != 1 {
		t.Errorf("%d queries for 100 requests, want 1 (the facilities' first read)", n)
	}

	if _, err := db.Exec(`UPDATE districts SET name = '강남' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	if rec := api.Get("/v1/districts", "If-None-Match: "+etag); rec.Code != http.StatusNotModified {
		t.Errorf("within the TTL the list read before is served: %d", rec.Code)
	}
	clock.advance(query.ReferenceTTL)
	rec := api.Get("/v1/districts", "If-None-Match: "+etag)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"강남"`) {
		t.Fatalf("after the TTL: %d %s, want the renamed district", rec.Code, rec.Body)
	}
	if next := rec.Header().Get("ETag"); next == etag || next == "" {
		t.Errorf("the ETag did not change with the list: %q", next)
	}
	if rec := api.Get("/v1/districts", "If-None-Match: "+rec.Header().Get("ETag")); rec.Code != http.StatusNotModified {
		t.Errorf("the new ETag: %d, want 304", rec.Code)
	}
}

func TestReferenceETagsAgreeAcrossServers(t *testing.T) {
	t.Parallel()
	db, _ := mysqltest.NewDatabase(t)
	mysqltest.NewWorld(t, db, 3, 1, testNow)
	var etags []string
	for _, base := range []string{publicURL, publicURL, "https://other.test"} {
		api := newHumaAPI(t)
		httpapi.Register(api, httpapi.Deps{App: newApp(db), PublicURL: base})
		etags = append(etags, api.Get("/v1/facilities").Header().Get("ETag"))
	}
	if etags[0] == "" || etags[0] != etags[1] {
		t.Errorf("two replicas give ETags %q and %q", etags[0], etags[1])
	}
	if etags[2] == etags[0] {
		t.Error("icon URLs on another base keep the ETag")
	}
}
