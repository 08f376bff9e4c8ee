package httpapi_test

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2/humatest"

	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/adapters/httpapi/contracttest"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/service"
)

// testNow is a Tuesday afternoon in Seoul; the fixture's bookings lie around it.
var testNow = time.Date(2026, 12, 1, 13, 20, 0, 0, calendar.Seoul)

const publicURL = "http://api.test"

// newApp wires the real use cases to MySQL with a pinned clock.
func newApp(db *sql.DB) app.Application {
	return service.NewApplication(db, service.Options{Clock: ports.FixedClock{At: testNow.UTC()}, Media: ports.PrefixURLs{Base: "https://cdn.test/"}})
}

// newTestAPI serves a random marketplace of n spaces through the /v1 API.
func newTestAPI(t *testing.T, n int) (humatest.TestAPI, *mysqltest.World) {
	t.Helper()
	db, _ := mysqltest.NewDatabase(t)
	w := mysqltest.NewWorld(t, db, n, 11, testNow)
	api := newHumaAPI(t)
	httpapi.Register(api, httpapi.Deps{App: newApp(db), PublicURL: publicURL})
	return api, w
}

// newHumaAPI is humatest's API holding every exchange to the committed
// OpenAPI document: a response the document does not allow fails the test.
func newHumaAPI(t *testing.T) humatest.TestAPI {
	return contracttest.Load(t).HumaTest(t, httpapi.Config())
}

// checked serves h holding every exchange to the committed OpenAPI document.
func checked(t *testing.T, h http.Handler) http.Handler {
	return contracttest.Load(t).Handler(t, h)
}

// problem is an RFC 9457 body as Huma writes it.
type problem struct {
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Message  string `json:"message"`
		Location string `json:"location"`
	} `json:"errors"`
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %T from %s: %v", v, rec.Body.String(), err)
	}
	return v
}
