package mysql_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/review"
	"github.com/ourspace/ourspace/domain/space"
)

// TestDetailCacheFollowsEveryWrite reads a space's detail through the cache
// after each kind of write to it and compares it with a reader that has no
// cache: the cached part is reused (one statement) until a write moves the
// space's content_version, and never shows what a write replaced. A change
// made behind the repositories' back, without the version, stays unseen:
// the version is the whole contract.
func TestDetailCacheFollowsEveryWrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, calendar.Seoul)
	w := mysqltest.NewWorld(t, db, 6, 3, now)
	id, reviews := storeReviews(t, db, w, 5, now)
	target := reviews[len(reviews)-2] // the second newest, without a reply
	store := mysql.NewStore(db)
	media := ports.PrefixURLs{Base: "https://cdn.test/"}
	clock := ports.FixedClock{At: now}
	counter := &mysql.CountingDB{DB: db}
	cache := mysql.NewDetailCache(10, time.Hour)
	cached := query.NewGetSpaceHandler(mysql.NewSpaceReader(counter).WithDetailCache(cache), media, clock)
	fresh := query.NewGetSpaceHandler(mysql.NewSpaceReader(db), media, clock)

	// check reads the detail for viewer 2 through the cache, wanting
	// statements statements, and compares it with a fresh read.
	check := func(step string, statements int64) query.SpaceDetail {
		t.Helper()
		counter.Reset()
		got, err := cached.HandleFor(ctx, 2, id)
		if n := counter.Count(); n != statements {
			t.Errorf("%s: detail in %d statements, want %d", step, n, statements)
		}
		want, wantErr := fresh.HandleFor(ctx, 2, id)
		if (err == nil) != (wantErr == nil) || (err != nil && !errors.Is(err, space.ErrNotFound)) {
			t.Fatalf("%s: cached read err %v, fresh %v", step, err, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: cached detail\n %+v\nwant\n %+v", step, got, want)
		}
		return got
	}
	inTx := func(step string, f func(ports.Repositories) error) {
		t.Helper()
		if err := store.InTx(ctx, f); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	editReview := func(step string, f func(*review.Review) error) {
		inTx(step, func(r ports.Repositories) error {
			rv, err := r.Reviews.ByIDForUpdate(ctx, target.ID)
			if err != nil {
				return err
			}
			if err := f(rv); err != nil {
				return err
			}
			return r.Reviews.Save(ctx, rv)
		})
	}
	editSpace := func(step string, f func(*space.Space) error) {
		inTx(step, func(r ports.Repositories) error {
			s, err := r.Spaces.ByIDForUpdate(ctx, space.ID(id))
			if err != nil {
				return err
			}
			if err := f(s); err != nil {
				return err
			}
			return r.Spaces.Save(ctx, s)
		})
	}

	first := check("first read", 2)
	if len(first.LatestReviews) == 0 || len(first.Photos) == 0 {
		t.Fatalf("the fixture's space should have reviews and photos: %+v", first)
	}
	check("second read", 1)
	if cache.Len() != 1 {
		t.Errorf("cache holds %d details, want 1", cache.Len())
	}

	// Counters and the viewer's like are read fresh: no new version.
	inTx("like", func(r ports.Repositories) error {
		_, err := r.Likes.Like(ctx, 2, id, now)
		return err
	})
	if d := check("after a like", 1); !d.Liked || d.Likes != first.Likes+1 {
		t.Errorf("after a like: liked %v, likes %d (were %d)", d.Liked, d.Likes, first.Likes)
	}

	// Behind the repositories' back the cached part stays as it was.
	if _, err := db.Exec("UPDATE reviews SET body = '몰래 바꾼 글' WHERE space_id = ?", id); err != nil {
		t.Fatal(err)
	}
	counter.Reset()
	if d, err := cached.HandleFor(ctx, 2, id); err != nil || d.LatestReviews[0].Body == "몰래 바꾼 글" {
		t.Errorf("a change without a new content_version was seen (err %v): the cache is not in use", err)
	}

	editReview("reply", func(rv *review.Review) error { return rv.PostReply(1, "감사합니다", now) })
	if d := check("after a reply", 2); d.LatestReviews[1].Reply == nil || d.LatestReviews[1].Reply.Body != "감사합니다" {
		t.Errorf("after a reply: second newest review %+v", d.LatestReviews[1])
	}
	check("read after the reply", 1)
	body, rating := "다시 써 본 리뷰입니다.", 1
	editReview("edit keeping the rating", func(rv *review.Review) error { return rv.Edit(rv.AuthorID, nil, &body, now) })
	check("after an edit", 2)
	editReview("edit of the rating", func(rv *review.Review) error { return rv.Edit(rv.AuthorID, &rating, nil, now) })
	check("after a new rating", 2)
	inTx("delete a review", func(r ports.Repositories) error {
		rv, err := r.Reviews.ByIDForUpdate(ctx, target.ID)
		if err != nil {
			return err
		}
		return r.Reviews.Delete(ctx, rv)
	})
	check("after a deletion", 2)

	title := "새 이름의 연습실"
	editSpace("edit", func(s *space.Space) error { return s.Edit(space.ListingPatch{Title: &title}, now) })
	if d := check("after an edit of the space", 2); d.Title != title {
		t.Errorf("title %q, want %q", d.Title, title)
	}
	editSpace("photos", func(s *space.Space) error {
		return s.AddPhotos([]space.Photo{{Keys: space.PhotoKeys{Detail: "s/new.jpg", Thumb: "s/new-thumb.jpg"}}}, now)
	})
	check("after a new photo", 2)
	editSpace("closed dates", func(s *space.Space) error {
		return s.SetClosedDates([]calendar.Date{calendar.DateOf(now).AddDays(3)}, now)
	})
	check("after closing a day", 2)
	check("read after the writes", 1)
	editSpace("hide", func(s *space.Space) error {
		_, err := s.ChangeStatus(space.StatusHidden, 0, now)
		return err
	})
	if d := check("hidden", 2); d.ID != 0 {
		t.Errorf("a hidden space was shown to a guest: %+v", d)
	}
}
