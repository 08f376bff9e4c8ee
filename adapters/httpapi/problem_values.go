package httpapi

import (
	"maps"
	"slices"
	"unicode/utf8"

	"github.com/danielgtaylor/huma/v2"
)

// Problems repeat at most this much of a rejected value: enough to
// recognise it, never a 100 KB input sent back whole.
const (
	maxEchoRunes = 64  // characters of one string
	maxEchoTotal = 256 // characters and elements of one value, however nested
)

// shortProblemValues is a transformer cutting the values that problems'
// errors[].value repeat (Huma's validation errors give the whole input).
func shortProblemValues(_ huma.Context, _ string, v any) (any, error) {
	m, ok := v.(*huma.ErrorModel)
	if !ok || len(m.Errors) == 0 {
		return v, nil
	}
	short := *m // errors may be shared: change copies
	short.Errors = make([]*huma.ErrorDetail, len(m.Errors))
	for i, d := range m.Errors {
		if d != nil {
			c := *d
			c.Value = (&echo{left: maxEchoTotal}).of(d.Value)
			d = &c
		}
		short.Errors[i] = d
	}
	return &short, nil
}

// echo shortens a decoded input within a budget: each string is cut to
// maxEchoRunes, and once left runs out the rest is "…".
type echo struct{ left int }

func (e *echo) of(v any) any {
	if e.left <= 0 {
		return "…"
	}
	switch x := v.(type) {
	case string:
		s := shortText(x, min(maxEchoRunes, e.left))
		e.left -= max(1, utf8.RuneCountInString(s))
		return s
	case []string:
		items := make([]any, len(x))
		for i, s := range x {
			items[i] = s
		}
		return e.of(items)
	case []any:
		e.left-- // nesting costs too, or a deep input would come back deep
		out := make([]any, 0, min(len(x), e.left))
		for _, item := range x {
			if e.left <= 0 {
				return append(out, "…")
			}
			out = append(out, e.of(item))
		}
		return out
	case map[string]any:
		e.left--
		out := map[string]any{}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if e.left <= 0 {
				out["…"] = "…"
				break
			}
			key := e.of(k).(string)
			out[key] = e.of(x[k])
		}
		return out
	}
	e.left--
	return v
}

// shortText keeps the first n characters of s, marking a cut with "…".
func shortText(s string, n int) string {
	i := 0
	for at := range s {
		if i == n {
			return s[:at] + "…"
		}
		i++
	}
	return s
}
