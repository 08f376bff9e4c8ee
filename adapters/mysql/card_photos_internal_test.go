package mysql

import (
	"reflect"
	"strings"
	"testing"

	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/space"
)

func TestCardPhotosOfReadsWhatRefreshCardPhotosWrites(t *testing.T) {
	photo := func(id int64, detail, thumb string) query.Photo {
		return query.Photo{ID: id, Keys: space.PhotoKeys{Detail: detail, Thumb: thumb}}
	}
	for _, c := range []struct {
		in   string
		want []query.Photo
	}{
		{`[]`, []query.Photo{}},
		{` [ ] `, []query.Photo{}},
		// MariaDB's JSON_ARRAY puts a space after each comma.
		{`[[1, "spaces/1/1-d.jpg", "spaces/1/1-t.jpg"]]`, []query.Photo{photo(1, "spaces/1/1-d.jpg", "spaces/1/1-t.jpg")}},
		{`[[12,"a.jpg","b.jpg"],[3,"c.jpg",""]]`, []query.Photo{photo(12, "a.jpg", "b.jpg"), photo(3, "c.jpg", "c.jpg")}},
		{"[\n[9223372036854775807,\t\"데모/공간.svg\", \"x\"]\r]", []query.Photo{photo(9223372036854775807, "데모/공간.svg", "x")}},
		{`[[5, "a\"b\\c\/d\u00e9", "t"]]`, []query.Photo{photo(5, `a"b\c/dé`, "t")}},
	} {
		got, err := cardPhotosOf(c.in)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("cardPhotosOf(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{
		``, ` `, `null`, `{}`, `[`, `[]]`, `[] x`, `[,]`, `[[]]`, `[[1]]`, `[[1, "a"]]`, `[[1, "a", "b", "c"]]`,
		`[[1, "a", "b"],]`, `[[1, "a", "b"] [2, "c", "d"]]`, `[["1", "a", "b"]]`, `[[0, "a", "b"]]`, `[[-1, "a", "b"]]`,
		`[[01, "a", "b"]]`, `[[1.5, "a", "b"]]`, `[[1e3, "a", "b"]]`, `[[9223372036854775808, "a", "b"]]`,
		`[[1, a, "b"]]`, `[[1, "a, "b"]]`, `[[1, "a", "b]]`, `[[1, "a\", "b"]]`, `[[1, "a\x", "b"]]`, "[[1, \"a\nb\", \"c\"]]",
		`[[1, null, "b"]]`, `[[1, "a", "b"]`, `[1, "a", "b"]`,
	} {
		if got, err := cardPhotosOf(in); err == nil {
			t.Errorf("cardPhotosOf(%q) = %+v, want an error", in, got)
		}
	}
}

func TestCardPhotosOfAllocatesOnlyTheSlice(t *testing.T) {
	in := "[" + strings.TrimSuffix(strings.Repeat(`[123456, "spaces/123/1-0123456789abcdef.jpg", "spaces/123/1-0123456789abcdef-t.jpg"],`, query.CardPhotos), ",") + "]"
	allocs := testing.AllocsPerRun(100, func() {
		if p, err := cardPhotosOf(in); err != nil || len(p) != query.CardPhotos {
			t.Fatal(p, err)
		}
	})
	if allocs > 1 {
		t.Errorf("%v allocations a card, want 1", allocs)
	}
}

func BenchmarkCardPhotosOf(b *testing.B) {
	in := "[" + strings.TrimSuffix(strings.Repeat(`[123456, "spaces/123/1-0123456789abcdef.jpg", "spaces/123/1-0123456789abcdef-t.jpg"],`, query.CardPhotos), ",") + "]"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cardPhotosOf(in); err != nil {
			b.Fatal(err)
		}
	}
}
