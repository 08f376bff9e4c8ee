package service_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/space"
)

// likeCounts reads a space's stored count and its likes rows.
func (e env) likeCounts(t *testing.T, spaceID int64) (count, rows int64) {
	t.Helper()
	return e.count(t, "SELECT like_count FROM spaces WHERE id = ?", spaceID), e.count(t, "SELECT COUNT(*) FROM likes WHERE space_id = ?", spaceID)
}

// TestHundredUsersLikingAndUnlikingKeepTheCount has 100 users like and
// unlike one space at once, each several times in a random order: the
// count equals the likes stored, which are those of the users whose last
// word was a like. No transaction may fail (none deadlocks: each locks
// the space's row before it touches likes).
func TestHundredUsersLikingAndUnlikingKeepTheCount(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 100, 0)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(11, 12))
	ops := make([][]bool, len(e.m.Guests)) // true: like
	for i := range ops {
		for range 2 + rng.IntN(5) {
			ops[i] = append(ops[i], rng.IntN(2) == 0)
		}
	}
	errs := parallel(len(e.m.Guests), func(i int) error {
		for _, likes := range ops[i] {
			do := e.app.Commands.LikeSpace.Unlike
			if likes {
				do = e.app.Commands.LikeSpace.Like
			}
			st, err := do(ctx, e.m.Guests[i], e.m.Instant)
			if err != nil {
				return err
			}
			if st.Liked != likes || st.Count < 0 || st.Count > len(e.m.Guests) {
				return errors.New("unexpected state")
			}
		}
		return nil
	})
	want := int64(0)
	for i, err := range errs {
		if err != nil {
			t.Errorf("user %d: %v", e.m.Guests[i], err)
		}
		last := ops[i][len(ops[i])-1]
		if last {
			want++
		}
		liked := e.count(t, "SELECT COUNT(*) FROM likes WHERE user_id = ? AND space_id = ?", e.m.Guests[i], e.m.Instant) == 1
		if liked != last {
			t.Errorf("user %d: liked %v after a last like %v", e.m.Guests[i], liked, last)
		}
	}
	count, rows := e.likeCounts(t, e.m.Instant)
	if count != rows || rows != want {
		t.Errorf("like_count %d, %d likes stored, %d users' last word was a like", count, rows, want)
	}
	t.Logf("%d of %d users like the space", want, len(e.m.Guests))
}

// TestLikingTwiceIsOneLikeAndPopularFollowsAtOnce likes and unlikes the
// approval space until it passes the instant space in the popular sort and
// falls back behind it: every search sees the counts of the last like.
func TestLikingTwiceIsOneLikeAndPopularFollowsAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 5, 0)
	ctx := context.Background()
	like, unlike := e.app.Commands.LikeSpace.Like, e.app.Commands.LikeSpace.Unlike
	g := e.m.Guests

	popular := func(viewer int64) []query.SpaceCard {
		t.Helper()
		page, err := e.app.Queries.SearchSpaces.Handle(ctx, query.SearchSpaces{Sort: "popular", Viewer: viewer})
		if err != nil {
			t.Fatal(err)
		}
		return page.Items
	}
	order := func(cards []query.SpaceCard) []int64 {
		ids := make([]int64, len(cards))
		for i, c := range cards {
			ids[i] = c.ID
		}
		return ids
	}

	// Two likes of the instant space, one of them twice.
	for _, u := range []int64{g[0], g[0], g[1]} {
		if _, err := like(ctx, u, e.m.Instant); err != nil {
			t.Fatal(err)
		}
	}
	if count, rows := e.likeCounts(t, e.m.Instant); count != 2 || rows != 2 {
		t.Fatalf("after liking twice and once: like_count %d, %d rows", count, rows)
	}
	if st, err := like(ctx, g[1], e.m.Instant); err != nil || !st.Liked || st.Count != 2 {
		t.Errorf("liking again: %+v %v", st, err)
	}
	if got := order(popular(0)); len(got) != 2 || got[0] != e.m.Instant {
		t.Fatalf("popular %v, want the instant space first", got)
	}

	// Three likes of the approval space pass it: the very next search says so.
	for i, u := range []int64{g[2], g[3], g[4]} {
		st, err := like(ctx, u, e.m.Approval)
		if err != nil || !st.Liked || st.Count != i+1 {
			t.Fatalf("like %d: %+v %v", i, st, err)
		}
	}
	cards := popular(g[3])
	if got := order(cards); got[0] != e.m.Approval || cards[0].Likes != 3 || cards[1].Likes != 2 {
		t.Errorf("popular %v (%d, %d likes), want the approval space first with 3", got, cards[0].Likes, cards[1].Likes)
	}
	if !cards[0].Liked || cards[1].Liked {
		t.Errorf("liked flags for user %d: %v, %v", g[3], cards[0].Liked, cards[1].Liked)
	}
	// Two taken back (one of them twice): behind again.
	for _, u := range []int64{g[2], g[3], g[3]} {
		if _, err := unlike(ctx, u, e.m.Approval); err != nil {
			t.Fatal(err)
		}
	}
	cards = popular(g[3])
	if got := order(cards); got[0] != e.m.Instant || cards[1].Likes != 1 || cards[1].Liked {
		t.Errorf("after unliking: popular %v, approval space %+v", got, cards[1])
	}
	for _, id := range []int64{e.m.Instant, e.m.Approval} {
		if count, rows := e.likeCounts(t, id); count != rows {
			t.Errorf("space %d: like_count %d, %d rows", id, count, rows)
		}
	}

	// A hidden space cannot be liked, but a like of it can be taken back.
	if _, err := e.db.Exec("UPDATE spaces SET status = 'hidden' WHERE id = ?", e.m.Instant); err != nil {
		t.Fatal(err)
	}
	if _, err := like(ctx, g[2], e.m.Instant); !errors.Is(err, space.ErrNotFound) {
		t.Errorf("liking a hidden space: %v", err)
	}
	if st, err := unlike(ctx, g[0], e.m.Instant); err != nil || st.Liked || st.Count != 1 {
		t.Errorf("unliking a hidden space: %+v %v", st, err)
	}
	if _, err := unlike(ctx, g[0], 999); !errors.Is(err, space.ErrNotFound) {
		t.Errorf("unliking an unknown space: %v", err)
	}
}
