package mysql_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/review"
	"github.com/ourspace/ourspace/domain/search"
	"github.com/ourspace/ourspace/domain/space"
)

// reviewWorld stores the random world of mysqltest and, through the review
// repository, n reviews of its first active space by three guests, with
// ratings drawn from a few values (many ties), photos on some and replies
// on others. It gives the space and the reviews as the domain has them.
func reviewWorld(t *testing.T, db *sql.DB, n int, now time.Time) (int64, []review.Review) {
	t.Helper()
	return storeReviews(t, db, mysqltest.NewWorld(t, db, 20, 5, now), n, now)
}

// storeReviews stores the reviews of reviewWorld in w.
func storeReviews(t *testing.T, db *sql.DB, w *mysqltest.World, n int, now time.Time) (int64, []review.Review) {
	t.Helper()
	ctx := context.Background()
	var spaceID int64
	for _, l := range w.Listings {
		// Unrated: the world's ratings are counters without review rows.
		if l.Status == space.StatusActive && l.RatingCount == 0 {
			spaceID = int64(l.ID)
			break
		}
	}
	bulk := mysql.NewBulk(db)
	if err := bulk.Users(ctx, []mysql.UserRow{{ID: 10, Provider: "kakao", Subject: "r-10", Nickname: "리뷰어10", CreatedAt: now},
		{ID: 11, Provider: "kakao", Subject: "r-11", Nickname: "리뷰어11", CreatedAt: now}}); err != nil {
		t.Fatal(err)
	}
	authors := []int64{2, 10, 11}
	rng := rand.New(rand.NewPCG(uint64(n), 3))
	var rows []mysql.BookingRow
	for i := range n {
		end := now.Add(-time.Duration(n-i) * time.Hour)
		rows = append(rows, mysql.BookingRow{ID: int64(10_000 + i), SpaceID: spaceID, GuestID: authors[i%3], HostID: 1, Status: "completed",
			UseDate: calendar.DateOf(end), Start: end.Add(-time.Hour), End: end, People: 2, Price: 10_000, Refund: space.RefundFlexible, CreatedAt: end.Add(-48 * time.Hour)})
	}
	if err := bulk.Bookings(ctx, rows); err != nil {
		t.Fatal(err)
	}
	store := mysql.NewStore(db)
	var out []review.Review
	for i, b := range rows {
		var photos []space.PhotoKeys
		for p := range rng.IntN(3) {
			photos = append(photos, space.PhotoKeys{Detail: fmt.Sprintf("r/%d/%d.jpg", i, p), Thumb: fmt.Sprintf("r/%d/%d-thumb.jpg", i, p)})
		}
		rv, err := review.New(booking.Booking{ID: b.ID, SpaceID: b.SpaceID, GuestID: b.GuestID, HostID: 1, Status: booking.StatusCompleted,
			Range: booking.Range{Start: b.Start, End: b.End}}, b.GuestID, 3+rng.IntN(3), fmt.Sprintf("리뷰 %d번입니다. 좋았어요.", i), photos, now)
		if err != nil {
			t.Fatal(err)
		}
		err = store.InTx(ctx, func(r ports.Repositories) error {
			if rv, err = r.Reviews.Create(ctx, rv); err != nil {
				return err
			}
			if i%4 == 0 {
				if err := rv.PostReply(1, fmt.Sprintf("답글 %d", i), now); err != nil {
					return err
				}
				return r.Reviews.Save(ctx, rv)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, *rv)
	}
	if _, err := db.Exec("ANALYZE TABLE reviews, review_photos, spaces"); err != nil {
		t.Fatal(err)
	}
	return spaceID, out
}

// TestSpaceReviewsAgreeWithTheDomainInTwoQueriesAPage walks a space's
// reviews in both orders and several page sizes: every review once, in the
// order review.Sort gives, with nickname, photos and reply, each page in
// two queries whatever its size.
func TestSpaceReviewsAgreeWithTheDomainInTwoQueriesAPage(t *testing.T) {
	t.Parallel()
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, calendar.Seoul)
	spaceID, stored := reviewWorld(t, db, 60, now)
	byID := map[int64]review.Review{}
	for _, r := range stored {
		byID[r.ID] = r
	}
	nicknames := map[int64]string{2: "게스트", 10: "리뷰어10", 11: "리뷰어11"}
	counter := &mysql.CountingDB{DB: db}
	h := query.NewReviewsHandler(mysql.NewReviewReader(counter), ports.PrefixURLs{Base: "https://cdn.test/"})
	for _, sort := range []review.Sort{review.SortNewest, review.SortRating} {
		want := slices.Clone(stored)
		slices.SortFunc(want, func(a, b review.Review) int {
			if ka, kb := sort.Key(a), sort.Key(b); ka != kb {
				return int(kb - ka)
			}
			return int(b.ID - a.ID)
		})
		for _, limit := range []int{1, 7, 100} {
			var got []int64
			cursor := ""
			for {
				counter.Reset()
				page, err := h.SpaceReviews(context.Background(), spaceID, sort.String(), cursor, limit)
				if err != nil {
					t.Fatal(err)
				}
				if counter.Count() != 2 {
					t.Errorf("%s limit %d: a page in %d queries, want 2", sort, limit, counter.Count())
				}
				for _, r := range page.Items {
					got = append(got, r.ID)
					s := byID[r.ID]
					if r.Rating != s.Rating || r.Body != s.Body || r.AuthorNickname != nicknames[s.AuthorID] || len(r.Photos) != len(s.Photos) ||
						(r.Reply == nil) != (s.Reply == nil) || !r.CreatedAt.Equal(s.Created) {
						t.Errorf("review %d read %+v, stored %+v", r.ID, r, s)
					}
					for i, p := range r.Photos {
						if p.URL != "https://cdn.test/"+s.Photos[i].Detail || p.ThumbURL != "https://cdn.test/"+s.Photos[i].Thumb {
							t.Errorf("review %d photo %d: %+v, stored %+v", r.ID, i, p, s.Photos[i])
						}
					}
					if r.Reply != nil && (r.Reply.Body != s.Reply.Body || !r.Reply.RepliedAt.Equal(s.Reply.At)) {
						t.Errorf("review %d reply %+v, stored %+v", r.ID, r.Reply, s.Reply)
					}
				}
				if cursor = page.NextCursor; cursor == "" {
					break
				}
			}
			wantIDs := make([]int64, len(want))
			for i, r := range want {
				wantIDs[i] = r.ID
			}
			if !slices.Equal(got, wantIDs) {
				t.Fatalf("%s limit %d:\n got %v\nwant %v", sort, limit, got, wantIDs)
			}
		}
	}

	// A cursor of one order is refused by the other.
	page, err := h.SpaceReviews(context.Background(), spaceID, "newest", "", 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.SpaceReviews(context.Background(), spaceID, "rating", page.NextCursor, 2); err == nil {
		t.Error("a newest cursor was taken by the rating order")
	}

	// The space's counters agree with its rows, and its detail shows the
	// three newest within its two queries.
	var count, sum, score int
	if err := db.QueryRow("SELECT rating_count, rating_sum, rating_score FROM spaces WHERE id = ?", spaceID).Scan(&count, &sum, &score); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, r := range stored {
		total += r.Rating
	}
	if count != len(stored) || sum != total || score != search.RatingScore(len(stored), total) {
		t.Errorf("space counters %d %d %d; reviews %d, sum %d", count, sum, score, len(stored), total)
	}
	counter.Reset()
	d, err := query.NewGetSpaceHandler(mysql.NewSpaceReader(counter), ports.PrefixURLs{Base: "https://cdn.test/"}, ports.FixedClock{At: now}).Handle(context.Background(), spaceID)
	if err != nil {
		t.Fatal(err)
	}
	if counter.Count() > 2 {
		t.Errorf("detail with reviews ran %d queries, want at most 2", counter.Count())
	}
	newest := page.Items
	if len(d.LatestReviews) != query.LatestReviews || d.LatestReviews[0].ID != newest[0].ID || d.LatestReviews[1].ID != newest[1].ID ||
		d.Rating.Count != len(stored) {
		t.Errorf("detail: %d latest reviews %+v, rating %+v", len(d.LatestReviews), d.LatestReviews, d.Rating)
	}
	// The text, replies, nicknames and photos the detail reads beside its
	// JSON line up with the reviews they belong to.
	for i, r := range d.LatestReviews[:min(len(d.LatestReviews), len(newest))] {
		w := newest[i]
		if r.Body != w.Body || r.AuthorNickname != w.AuthorNickname || r.Rating != w.Rating || (r.Reply == nil) != (w.Reply == nil) ||
			(r.Reply != nil && r.Reply.Body != w.Reply.Body) || len(r.Photos) != len(w.Photos) {
			t.Errorf("latest review %d: %+v, the list has %+v", i, r, w)
		}
		for j := range r.Photos {
			if r.Photos[j].Keys != w.Photos[j].Keys {
				t.Errorf("latest review %d photo %d: %+v, the list has %+v", i, j, r.Photos[j], w.Photos[j])
			}
		}
	}
	for _, r := range d.LatestReviews {
		if len(r.Photos) > 0 && !strings.HasPrefix(r.Photos[0].URL, "https://cdn.test/r/") {
			t.Errorf("latest review %d photo URL %q", r.ID, r.Photos[0].URL)
		}
	}

	// Both orders walk their index backwards, without sorting.
	for q, key := range map[string]string{
		`SELECT STRAIGHT_JOIN r.id FROM reviews r FORCE INDEX (reviews_space) JOIN users u ON u.id = r.author_id JOIN spaces s ON s.id = r.space_id
		 WHERE r.space_id = ? AND r.id < ? ORDER BY r.id DESC LIMIT 21`: "reviews_space",
		`SELECT STRAIGHT_JOIN r.id FROM reviews r FORCE INDEX (reviews_space_rating) JOIN users u ON u.id = r.author_id JOIN spaces s ON s.id = r.space_id
		 WHERE r.space_id = ? AND (r.rating < ? OR (r.rating = ? AND r.id < ?)) ORDER BY r.rating DESC, r.id DESC LIMIT 21`: "reviews_space_rating",
	} {
		args := []any{spaceID, int64(1) << 40}
		if key == "reviews_space_rating" {
			args = []any{spaceID, 4, 4, int64(1) << 40}
		}
		p := plan(t, db, q, args)
		if !strings.Contains(p, `"key": "`+key+`"`) || strings.Contains(p, "filesort") {
			t.Errorf("the %s page does not walk %s without sorting: %s", key, key, p)
		}
	}
}

func TestSpaceReviewsOfUnlistedSpacesAreNotFound(t *testing.T) {
	t.Parallel()
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, calendar.Seoul)
	spaceID, stored := reviewWorld(t, db, 3, now)
	counter := &mysql.CountingDB{DB: db}
	h := query.NewReviewsHandler(mysql.NewReviewReader(counter), ports.PrefixURLs{Base: "https://cdn.test/"})
	ctx := context.Background()

	// A listed space without reviews: an empty page, in two queries too
	// (the reviews, then the space's status instead of photos).
	var empty int64
	if err := db.QueryRow("SELECT id FROM spaces WHERE status = 'active' AND id <> ? LIMIT 1", spaceID).Scan(&empty); err != nil {
		t.Fatal(err)
	}
	counter.Reset()
	page, err := h.SpaceReviews(ctx, empty, "", "", 0)
	if err != nil || len(page.Items) != 0 || page.NextCursor != "" || counter.Count() != 2 {
		t.Errorf("space without reviews: %+v %v in %d queries", page, err, counter.Count())
	}
	if _, err := h.SpaceReviews(ctx, 999_999, "", "", 0); !errors.Is(err, space.ErrNotFound) {
		t.Errorf("unknown space: %v", err)
	}
	if _, err := h.SpaceReviews(ctx, spaceID, "best", "", 0); err == nil {
		t.Error("an unknown sort was taken")
	}

	// Hidden: its reviews are not found by the public, but their author
	// and the space's host still read theirs.
	if _, err := db.Exec("UPDATE spaces SET status = 'hidden' WHERE id = ?", spaceID); err != nil {
		t.Fatal(err)
	}
	if _, err := h.SpaceReviews(ctx, spaceID, "", "", 0); !errors.Is(err, space.ErrNotFound) {
		t.Errorf("reviews of a hidden space: %v", err)
	}
	r := stored[0]
	if _, err := h.Get(ctx, r.ID); !errors.Is(err, review.ErrNotFound) {
		t.Errorf("a review of a hidden space: %v", err)
	}
	for _, who := range []int64{r.AuthorID, 1} {
		if got, err := h.Own(ctx, who, r.ID); err != nil || got.ID != r.ID {
			t.Errorf("review read by user %d: %+v %v", who, got, err)
		}
	}
	if _, err := h.Own(ctx, stored[1].AuthorID, r.ID); !errors.Is(err, review.ErrNotFound) {
		t.Errorf("another guest read a review of a hidden space as their own: %v", err)
	}
	if _, err := h.Get(ctx, 999_999); !errors.Is(err, review.ErrNotFound) {
		t.Errorf("unknown review: %v", err)
	}
}
