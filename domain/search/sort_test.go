package search

import (
	"slices"
	"testing"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

func TestRatingScoreWeighsTheNumberOfReviews(t *testing.T) {
	for _, tt := range []struct {
		name       string
		count, sum int
		want       int
	}{
		{"no reviews: the prior", 0, 0, 400},
		{"one 5-star", 1, 5, 416},
		{"forty of 4.9", 40, 196, 480},
		{"one 1-star", 1, 1, 350},
		{"a thousand 5-stars", 1000, 5000, 499},
	} {
		if got := RatingScore(tt.count, tt.sum); got != tt.want {
			t.Errorf("%s: RatingScore(%d, %d) = %d, want %d", tt.name, tt.count, tt.sum, got, tt.want)
		}
	}
	if RatingScore(1, 5) >= RatingScore(40, 196) {
		t.Error("one 5-star review beats forty of 4.9")
	}
}

func TestSortCompareOrdersByKeyThenID(t *testing.T) {
	pricing := func(won space.Money) space.Pricing {
		p, err := space.NewPricing(nil, []space.Package{{Name: "p", Window: calendar.MustWindow(600, 720), Price: won, Weekdays: space.EveryDay}})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	ls := []Listing{
		{ID: 1, Likes: 3, Pricing: pricing(30000), RatingCount: 1, RatingSum: 5},
		{ID: 2, Likes: 3, Pricing: pricing(10000), RatingCount: 40, RatingSum: 196},
		{ID: 3, Likes: 7, Pricing: pricing(30000)},
		{ID: 4, Likes: 0, Pricing: pricing(20000), RatingCount: 2, RatingSum: 2},
	}
	for _, tt := range []struct {
		sort Sort
		want []space.ID
	}{
		{SortPopular, []space.ID{3, 2, 1, 4}},
		{SortPriceAsc, []space.ID{2, 4, 1, 3}},
		{SortPriceDesc, []space.ID{3, 1, 4, 2}},
		{SortRating, []space.ID{2, 1, 3, 4}},
		{SortNewest, []space.ID{4, 3, 2, 1}},
	} {
		got := slices.Clone(ls)
		slices.SortFunc(got, tt.sort.Compare)
		var ids []space.ID
		for _, l := range got {
			ids = append(ids, l.ID)
		}
		if !slices.Equal(ids, tt.want) {
			t.Errorf("%s: %v, want %v", tt.sort, ids, tt.want)
		}
	}
}
