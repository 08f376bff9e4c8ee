package query_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/space"
)

// likeReader holds one user's likes, newest first, and records its reads.
type likeReader struct {
	user   int64
	likes  []query.LikedSpace // newest first
	among  [][]int64          // the ids of each LikedAmong
	listed int                // LikedSpaces calls
}

var _ query.LikeReader = (*likeReader)(nil)

func (r *likeReader) LikedSpaces(_ context.Context, userID int64, before *query.Keyset, limit int) ([]query.LikedSpace, error) {
	r.listed++
	if userID != r.user {
		return []query.LikedSpace{}, nil
	}
	start := 0
	if before != nil {
		start = slices.IndexFunc(r.likes, func(l query.LikedSpace) bool { return l.LikedAt.UnixMicro() == before.Key && l.ID == before.ID }) + 1
		if start == 0 {
			return nil, errors.New("likeReader: keyset names no like")
		}
	}
	return slices.Clone(r.likes[start:min(start+limit, len(r.likes))]), nil
}

func (r *likeReader) LikedAmong(_ context.Context, userID int64, ids []int64) (map[int64]bool, error) {
	r.among = append(r.among, slices.Clone(ids))
	out := map[int64]bool{}
	for _, l := range r.likes {
		if userID == r.user && slices.Contains(ids, l.ID) {
			out[l.ID] = true
		}
	}
	return out, nil
}

// newLikes has user 5 like spaces 2, 4, … 2n, the higher ids later.
func newLikes(n int) *likeReader {
	r := &likeReader{user: 5}
	for i := n; i >= 1; i-- {
		c := query.SpaceCard{ID: int64(2 * i), Photos: []query.Photo{{ID: 1, Keys: space.PhotoKeys{Detail: "d.jpg", Thumb: "t.jpg"}}}}
		r.likes = append(r.likes, query.LikedSpace{SpaceCard: c, Status: space.StatusActive, LikedAt: t0.Add(time.Duration(i) * time.Minute)})
	}
	return r
}

func TestSearchTellsTheViewerWhatTheyLikeInOneRead(t *testing.T) {
	likes := newLikes(10)
	h := query.NewSearchSpacesHandler(&searcher{cards: cards(25)}, cdn, ports.FixedClock{At: t0}).WithLikes(likes)
	page, err := h.Handle(context.Background(), query.SearchSpaces{Limit: 7, Viewer: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(likes.among) != 1 || !slices.Equal(likes.among[0], ids(page.Items)) {
		t.Fatalf("like reads %v, want one for the page's ids %v", likes.among, ids(page.Items))
	}
	for _, c := range page.Items {
		if c.Liked != (c.ID%2 == 0) {
			t.Errorf("space %d: liked %v", c.ID, c.Liked)
		}
	}
	// Anonymous viewers like nothing and cost no read.
	page, err = h.Handle(context.Background(), query.SearchSpaces{Limit: 7})
	if err != nil || len(likes.among) != 1 || slices.ContainsFunc(page.Items, func(c query.SpaceCard) bool { return c.Liked }) {
		t.Errorf("anonymous: %v, %d reads", err, len(likes.among))
	}
	// A handler wired without likes cannot answer a viewer.
	if _, err := query.NewSearchSpacesHandler(&searcher{cards: cards(3)}, cdn, ports.FixedClock{At: t0}).
		Handle(context.Background(), query.SearchSpaces{Viewer: 5}); err == nil {
		t.Error("a viewer's search without a like reader succeeded")
	}
}

func TestDetailTellsTheViewerWhetherTheyLikeIt(t *testing.T) {
	likes := &likeReader{user: 5, likes: []query.LikedSpace{{SpaceCard: query.SpaceCard{ID: 7}}}}
	h := query.NewGetSpaceHandler(testSpaces(t), cdn, ports.FixedClock{At: seoulNow}).WithLikes(likes)
	for _, tt := range []struct {
		viewer int64
		want   bool
	}{{5, true}, {6, false}, {0, false}} {
		d, err := h.HandleFor(context.Background(), tt.viewer, 7)
		if err != nil || d.Liked != tt.want {
			t.Errorf("viewer %d: liked %v, %v; want %v", tt.viewer, d.Liked, err, tt.want)
		}
	}
	if len(likes.among) != 2 {
		t.Errorf("%d like reads for two signed-in viewers", len(likes.among))
	}
	if _, err := h.HandleFor(context.Background(), 5, 8); !errors.Is(err, space.ErrNotFound) {
		t.Errorf("hidden space: %v", err)
	}
}

func TestMyLikesPageLatestFirst(t *testing.T) {
	likes := newLikes(25)
	h := query.NewLikesHandler(likes, cdn)
	var got []int64
	cursor := ""
	for {
		page, err := h.Handle(context.Background(), 5, cursor, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range page.Items {
			got = append(got, l.ID)
			if !l.Liked || l.Photos[0].URL != "https://cdn.example/d.jpg" || l.Photos[0].ThumbURL != "https://cdn.example/t.jpg" {
				t.Errorf("like %d: %+v", l.ID, l)
			}
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if len(got) != 25 || got[0] != 50 || got[24] != 2 || likes.listed != 3 {
		t.Errorf("likes %v in %d reads", got, likes.listed)
	}
	for _, tt := range []struct {
		cursor string
		limit  int
	}{{"nonsense", 0}, {"", 101}} {
		var fe *fault.FieldError
		if _, err := h.Handle(context.Background(), 5, tt.cursor, tt.limit); !errors.As(err, &fe) {
			t.Errorf("cursor %q limit %d: %v", tt.cursor, tt.limit, err)
		}
	}
}
