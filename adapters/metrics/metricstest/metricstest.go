// Package metricstest scrapes a Prometheus endpoint in tests and reads its
// samples by name and labels.
package metricstest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// Samples are a scrape's values, keyed as Key writes them.
type Samples map[string]float64

// Key names a sample: name{label="value",…} with the labels sorted, as
// Key("ourspace_http_requests_total", "operation", "get-space", "code", "200").
func Key(name string, labels ...string) string {
	var pairs []string
	for i := 0; i+1 < len(labels); i += 2 {
		pairs = append(pairs, fmt.Sprintf("%s=%q", labels[i], labels[i+1]))
	}
	slices.Sort(pairs)
	return name + "{" + strings.Join(pairs, ",") + "}"
}

// Get is the value of a sample and whether the scrape had it.
func (s Samples) Get(name string, labels ...string) (float64, bool) {
	v, ok := s[Key(name, labels...)]
	return v, ok
}

// Scrape serves GET /metrics from h and reads the answer.
func Scrape(t testing.TB, h http.Handler) Samples {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("scrape: %d %s", rec.Code, rec.Body)
	}
	return Parse(t, rec.Body)
}

// ScrapeURL scrapes a live endpoint.
func ScrapeURL(t testing.TB, url string) Samples {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("scrape %s: %d", url, resp.StatusCode)
	}
	return Parse(t, resp.Body)
}

// Parse reads the Prometheus text format. A histogram gives name_count,
// name_sum and name_bucket{le=…}.
func Parse(t testing.TB, r io.Reader) Samples {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	families, err := p.TextToMetricFamilies(r)
	if err != nil {
		t.Fatalf("parse scrape: %v", err)
	}
	s := Samples{}
	for name, f := range families {
		for _, m := range f.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, l.GetName(), l.GetValue())
			}
			switch f.GetType() {
			case dto.MetricType_COUNTER:
				s[Key(name, labels...)] = m.GetCounter().GetValue()
			case dto.MetricType_GAUGE:
				s[Key(name, labels...)] = m.GetGauge().GetValue()
			case dto.MetricType_UNTYPED:
				s[Key(name, labels...)] = m.GetUntyped().GetValue()
			case dto.MetricType_HISTOGRAM:
				h := m.GetHistogram()
				s[Key(name+"_count", labels...)] = float64(h.GetSampleCount())
				s[Key(name+"_sum", labels...)] = h.GetSampleSum()
				for _, b := range h.GetBucket() {
					s[Key(name+"_bucket", append(slices.Clone(labels), "le", fmt.Sprint(b.GetUpperBound()))...)] = float64(b.GetCumulativeCount())
				}
			}
		}
	}
	return s
}
