package httpapi

import (
	"io"

	gojson "github.com/goccy/go-json"

	"github.com/danielgtaylor/huma/v2"
)

// jsonFormat writes JSON bodies with goccy/go-json instead of
// encoding/json: the same bytes (TestJSONFormatWritesWhatEncodingJSONWrites
// compares them for every type the API answers with), in a third of the
// time for a search page. Encoding was a seventh of a search request's CPU
// and a fifth of a reference list's; with it the server spends 8–10 % less
// CPU per request (docs/performance.md). Like Huma's default, it leaves <,
// > and & unescaped. Request bodies are still read by encoding/json.
var jsonFormat = huma.Format{
	Marshal: func(w io.Writer, v any) error {
		enc := gojson.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	},
	Unmarshal: huma.DefaultJSONFormat.Unmarshal,
}
