package httpapi

import (
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"
)

// bodyErrors are the answers Huma itself gives while reading a request body.
var bodyErrors = map[int]string{
	http.StatusRequestTimeout:        "Request Timeout: the body did not arrive in time",
	http.StatusRequestEntityTooLarge: "Content Too Large: the body is over this operation's limit",
	http.StatusUnsupportedMediaType:  "Unsupported Media Type: the body is not of a content type this operation reads",
}

// documentBodyErrors adds bodyErrors to each operation that takes a body,
// with the problem schema of its other errors, so the spec lists every
// status a client can get (the contract tests refuse any other).
func documentBodyErrors(_ *huma.OpenAPI, op *huma.Operation) {
	if op.RequestBody == nil {
		return
	}
	for _, r := range op.Responses {
		mt := r.Content["application/problem+json"]
		if mt == nil {
			continue
		}
		for status, description := range bodyErrors {
			if key := strconv.Itoa(status); op.Responses[key] == nil {
				op.Responses[key] = &huma.Response{Description: description,
					Content: map[string]*huma.MediaType{"application/problem+json": {Schema: mt.Schema}}}
			}
		}
		return
	}
}

// documentEmptyQueryValues says what Huma does with a query parameter given
// empty (?status=): it is taken as not given, so its default applies.
func documentEmptyQueryValues(_ *huma.OpenAPI, op *huma.Operation) {
	for _, p := range op.Parameters {
		if p.In == "query" {
			p.AllowEmptyValue = true
		}
	}
}
