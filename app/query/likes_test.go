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

// newLikes has user 5 like spaces 2, 4, … 2n, the higher ids later.
func newLikes(n int) *likeReader {
	r := &likeReader{user: 5}
	for i := n; i >= 1; i-- {
		c := query.SpaceCard{ID: int64(2 * i), Photos: []query.Photo{{ID: 1, Keys: space.PhotoKeys{Detail: "d.jpg", Thumb: "t.jpg"}}}}
		r.likes = append(r.likes, query.LikedSpace{SpaceCard: c, Status: space.StatusActive, LikedAt: t0.Add(time.Duration(i) * time.Minute)})
	}
	return r
}

func TestSearchTellsTheViewerWhatTheyLike(t *testing.T) {
	s := &searcher{cards: cards(25), likes: map[int64][]int64{5: {2, 4, 6, 30}}}
	h := query.NewSearchSpacesHandler(s, cdn, ports.FixedClock{At: t0})
	page, err := h.Handle(context.Background(), query.SearchSpaces{Limit: 7, Viewer: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.reqs) != 1 || s.reqs[0].Viewer != 5 {
		t.Fatalf("reads %+v, want one for viewer 5", s.reqs)
	}
	for _, c := range page.Items {
		if c.Liked != (c.ID == 2 || c.ID == 4 || c.ID == 6) {
			t.Errorf("space %d: liked %v", c.ID, c.Liked)
		}
	}
	// Anonymous viewers like nothing.
	page, err = h.Handle(context.Background(), query.SearchSpaces{Limit: 7})
	if err != nil || s.reqs[1].Viewer != 0 || slices.ContainsFunc(page.Items, func(c query.SpaceCard) bool { return c.Liked }) {
		t.Errorf("anonymous: %v, read %+v", err, s.reqs[1])
	}
}

func TestDetailTellsTheViewerWhetherTheyLikeIt(t *testing.T) {
	r := testSpaces(t)
	r.likes = map[int64][]int64{5: {7, 8}}
	h := query.NewGetSpaceHandler(r, cdn, ports.FixedClock{At: seoulNow})
	for _, tt := range []struct {
		viewer int64
		want   bool
	}{{5, true}, {6, false}, {0, false}} {
		d, err := h.HandleFor(context.Background(), tt.viewer, 7)
		if err != nil || d.Liked != tt.want {
			t.Errorf("viewer %d: liked %v, %v; want %v", tt.viewer, d.Liked, err, tt.want)
		}
	}
	// The like comes with the detail: one read a request, for its viewer.
	if len(r.details) != 3 || r.details[0].Viewer != 5 || r.details[1].Viewer != 6 || r.details[2].Viewer != 0 {
		t.Errorf("detail reads %+v, want one for each of viewers 5, 6 and 0", r.details)
	}
	if _, err := h.HandleFor(context.Background(), 5, 8); !errors.Is(err, space.ErrNotFound) {
		t.Errorf("hidden space: %v", err)
	}
	// Its host reads it without a like, whoever likes it.
	if d, err := h.Hosted(context.Background(), 3, 8); err != nil || d.Liked {
		t.Errorf("hosted: liked %v, %v", d.Liked, err)
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
