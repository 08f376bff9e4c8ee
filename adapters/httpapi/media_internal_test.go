package httpapi

import (
	"testing"

	"github.com/ourspace/ourspace/adapters/mysql/seed"
)

// Every category and facility the demo seeds has its own glyph; districts
// share the pin.
func TestEveryDemoIconHasAGlyph(t *testing.T) {
	for _, kind := range []string{"category", "facility"} {
		for _, slug := range seed.IconSlugs[kind] {
			if _, ok := iconGlyphs[slug]; !ok {
				t.Errorf("%s icon %q has no glyph", kind, slug)
			}
		}
	}
}
