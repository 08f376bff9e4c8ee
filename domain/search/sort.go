package search

import "cmp"

// Sort is the order of results.
type Sort struct{ s string }

// The sort orders. Each ends on the space id, so pages are stable.
var (
	SortPopular   = Sort{"popular"}    // most likes first
	SortPriceAsc  = Sort{"price_asc"}  // lowest list price first
	SortPriceDesc = Sort{"price_desc"} // highest list price first
	SortRating    = Sort{"rating"}     // best rating score first (see RatingScore)
	SortNewest    = Sort{"newest"}     // most recently listed first
)

// Sorts lists every sort order, the default first.
var Sorts = []Sort{SortPopular, SortPriceAsc, SortPriceDesc, SortRating, SortNewest}

// ParseSort reads a sort name; empty means the default, popular.
func ParseSort(s string) (Sort, error) {
	if s == "" {
		return SortPopular, nil
	}
	for _, so := range Sorts {
		if so.s == s {
			return so, nil
		}
	}
	return Sort{}, invalid("sort", "unknown sort %q", s)
}

// String is the sort's name.
func (s Sort) String() string { return s.s }

// Ascending reports whether the sort puts smaller keys (and, among equal
// keys, smaller ids) first; the others put larger ones first.
func (s Sort) Ascending() bool { return s == SortPriceAsc }

// Key is the value the sort orders a listing by, before its id. Read models
// are tested against it.
func (s Sort) Key(l Listing) int64 {
	switch s {
	case SortPopular:
		return int64(l.Likes)
	case SortPriceAsc, SortPriceDesc:
		return int64(l.Pricing.ListPrice())
	case SortRating:
		return int64(RatingScore(l.RatingCount, l.RatingSum))
	}
	return int64(l.ID)
}

// Compare orders two listings as the sort does: negative when a comes first.
func (s Sort) Compare(a, b Listing) int {
	c := cmp.Or(cmp.Compare(s.Key(a), s.Key(b)), cmp.Compare(a.ID, b.ID))
	if s.Ascending() {
		return c
	}
	return -c
}

// The rating score's prior: a space is scored as if it had RatingPriorWeight
// more reviews rating it RatingPriorMean. One 5-star review (score 4.16)
// then ranks below forty of 4.9 (4.80), and a space without reviews sits at
// the prior, 4.00. Changing them changes a generated column (migration
// 00007_search_at_scale.sql), which must compute the same.
const (
	RatingPriorMean   = 4
	RatingPriorWeight = 5
)

// RatingScore is the Bayesian average of a space's reviews × 100, rounded
// down: (prior weight × prior mean + sum) / (prior weight + count). The
// rating sort orders by it.
func RatingScore(count, sum int) int {
	return (RatingPriorWeight*RatingPriorMean + sum) * 100 / (RatingPriorWeight + count)
}
