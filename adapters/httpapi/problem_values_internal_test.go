package httpapi

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
)

// Long strings, arrays and objects, however nested, come back short; small
// values come back as they were.
func TestEchoCutsStringsArraysAndObjects(t *testing.T) {
	long := strings.Repeat("가", 1000)
	many := make([]any, 1000)
	wide := map[string]any{}
	for i := range many {
		many[i] = long
		wide[strings.Repeat("k", i+1)] = many
	}
	var deep any = long
	for range 10_000 {
		deep = []any{deep}
	}
	for _, v := range []any{long, many, wide, deep, []string{long, long}, map[string]any{"a": map[string]any{"b": many}}} {
		b, _ := json.Marshal((&echo{left: maxEchoTotal}).of(v))
		if len(b) > 4096 || strings.Contains(string(b), strings.Repeat("가", maxEchoRunes+1)) {
			t.Errorf("%T: %d bytes: %.200s", v, len(b), b)
		}
	}
	if got := shortText(long, maxEchoRunes); got != strings.Repeat("가", maxEchoRunes)+"…" {
		t.Errorf("shortText: %q", got)
	}
	for _, v := range []any{"2026-13-01", 42, true, nil, []any{"a", 1.5}, map[string]any{"start": "09:00"}} {
		before, _ := json.Marshal(v)
		after, _ := json.Marshal((&echo{left: maxEchoTotal}).of(v))
		if string(before) != string(after) {
			t.Errorf("a small value changed: %s → %s", before, after)
		}
	}
	// The transformer leaves the error it is given as it was (errors may be shared).
	d := &huma.ErrorDetail{Location: "body.name", Value: long}
	m := &huma.ErrorModel{Status: 422, Errors: []*huma.ErrorDetail{d, nil}}
	out, _ := shortProblemValues(nil, "422", m)
	if d.Value != long || out.(*huma.ErrorModel).Errors[0].Value == long || out.(*huma.ErrorModel).Errors[1] != nil {
		t.Errorf("the transformer changed its input or kept the long value: %+v", out)
	}
}
