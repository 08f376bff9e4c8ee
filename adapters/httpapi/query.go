package httpapi

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// anyQuery marks, in an operation's Metadata, a query string that another
// party writes (the login provider's redirect): parameters we do not
// declare there are not a client's mistake, and refusing them would break
// sign-in.
const anyQuery = "ourspace.any-query"

// checkQuery holds every operation to the query parameters it declares. A
// query string that does not parse is 400, and so is a parameter the
// operation does not take (district[]=1 would otherwise be dropped and
// answer unfiltered) or one that takes a single value given twice (Huma
// would read the first and drop the other). An integer array parameter may
// also come as one comma-separated value (district=1,2, alone or mixed with
// the repeated form); each element must be an integer.
//
// net/http's URL.Query drops malformed pairs silently (?cursor=%%% would
// mean "no cursor"), hence url.ParseQuery.
func checkQuery(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		u := ctx.URL()
		if u.RawQuery == "" {
			next(ctx)
			return
		}
		values, err := url.ParseQuery(u.RawQuery)
		if err != nil {
			_ = huma.WriteErr(api, ctx, http.StatusBadRequest, "malformed query string",
				&huma.ErrorDetail{Location: "query", Message: err.Error(), Value: u.RawQuery})
			return
		}
		op := ctx.Operation()
		declared := map[string]*huma.Param{}
		for _, p := range op.Parameters {
			if p.In == "query" {
				declared[p.Name] = p
			}
		}
		if lenient, _ := op.Metadata[anyQuery].(bool); !lenient {
			var unknown, repeated []error
			for _, name := range slices.Sorted(maps.Keys(values)) {
				switch p := declared[name]; {
				case p == nil:
					unknown = append(unknown, &huma.ErrorDetail{Location: "query." + shortText(name, maxEchoRunes), Value: values[name],
						Message: "unknown query parameter; this operation takes " + takes(declared)})
				case len(values[name]) > 1 && (p.Schema == nil || p.Schema.Type != huma.TypeArray):
					repeated = append(repeated, &huma.ErrorDetail{Location: "query." + name, Value: values[name],
						Message: "takes one value; give the parameter once"})
				}
			}
			if len(unknown) > 0 {
				_ = huma.WriteErr(api, ctx, http.StatusBadRequest, "unknown query parameter", unknown...)
				return
			}
			if len(repeated) > 0 {
				_ = huma.WriteErr(api, ctx, http.StatusBadRequest, "repeated query parameter", repeated...)
				return
			}
		}
		split, errs := splitLists(values, declared)
		if len(errs) > 0 {
			_ = huma.WriteErr(api, ctx, http.StatusUnprocessableEntity, "validation failed", errs...)
			return
		}
		if !split {
			next(ctx)
			return
		}
		u.RawQuery = values.Encode()
		next(queryContext{humaContext: ctx, url: u, values: values})
	}
}

// documentQueryErrors adds checkQuery's 400 to each operation's responses,
// with the problem schema Huma gives its other errors.
func documentQueryErrors(_ *huma.OpenAPI, op *huma.Operation) {
	if op.Responses["400"] != nil {
		return
	}
	for _, r := range op.Responses {
		if mt := r.Content["application/problem+json"]; mt != nil {
			description := "Bad Request: the query string is malformed, has a parameter this operation does not take, or one that takes a single value given twice"
			if lenient, _ := op.Metadata[anyQuery].(bool); lenient {
				description = "Bad Request: the query string is malformed"
			}
			op.Responses["400"] = &huma.Response{Description: description,
				Content: map[string]*huma.MediaType{"application/problem+json": {Schema: mt.Schema}}}
			return
		}
	}
}

// takes lists the declared query parameters for an error message.
func takes(declared map[string]*huma.Param) string {
	if len(declared) == 0 {
		return "no query parameters"
	}
	return strings.Join(slices.Sorted(maps.Keys(declared)), ", ")
}

// splitLists rewrites, in place, the values of exploded integer array
// parameters given as comma-separated lists into one value per element,
// and drops empty values (district= means no district filter, as it did).
// It reports whether it changed anything, and an error per bad element.
func splitLists(values url.Values, declared map[string]*huma.Param) (bool, []error) {
	changed := false
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(values)) {
		vs, p := values[name], declared[name]
		if p == nil || p.Explode == nil || !*p.Explode || p.Schema == nil || p.Schema.Type != huma.TypeArray ||
			p.Schema.Items == nil || p.Schema.Items.Type != huma.TypeInteger {
			continue
		}
		var out []string
		for _, v := range vs {
			if v == "" {
				continue
			}
			for e := range strings.SplitSeq(v, ",") {
				e = strings.TrimSpace(e)
				if _, err := strconv.ParseInt(e, 10, 64); err != nil {
					errs = append(errs, &huma.ErrorDetail{Location: "query." + name, Value: v,
						Message: fmt.Sprintf("each element must be an integer, not %q (repeat the parameter or separate ids with commas)", shortText(e, maxEchoRunes))})
					continue
				}
				out = append(out, e)
			}
		}
		switch {
		case len(out) == 0:
			delete(values, name)
			changed = true
		case !slices.Equal(out, vs):
			values[name] = out
			changed = true
		}
	}
	return changed, errs
}

// humaContext lets queryContext embed a huma.Context without a field named
// Context hiding its Context method.
type humaContext = huma.Context

// queryContext is a request whose query string checkQuery rewrote.
type queryContext struct {
	humaContext
	url    url.URL
	values url.Values
}

// URL gives the rewritten URL.
func (c queryContext) URL() url.URL { return c.url }

// Query gives the first value of a rewritten parameter.
func (c queryContext) Query(name string) string { return c.values.Get(name) }

// Unwrap gives the request's own context (humago.Unwrap follows it).
func (c queryContext) Unwrap() huma.Context { return c.humaContext }
