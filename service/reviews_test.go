package service_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/review"
	"github.com/ourspace/ourspace/domain/search"
	"github.com/ourspace/ourspace/domain/space"
)

// The review tests run the use cases on a real database and a real
// S3-compatible server (the hosting tests' environment): concurrent
// reviews of one booking, a space's rating against a recount of its
// reviews after a random run, notifications written with the change or
// not at all, and photos stored and deleted with their review.

const reviewText = "넓고 깨끗해서 다음에도 이용할게요."

// bookOn makes a confirmed booking of a space's package on a date.
func (e hostEnv) bookOn(t *testing.T, id int64, pkg int64, guest int64, d calendar.Date) booked {
	t.Helper()
	ctx := t.Context()
	v, err := e.app.Commands.CreateBooking.Handle(ctx, booking.Request{SpaceID: id, GuestID: guest, Date: d, PackageID: pkg, People: 4,
		Contact: booking.Contact{Name: "김민지", Phone: "010-1234-5678", Email: "minji@example.com"}}, "")
	if err != nil {
		t.Fatalf("book space %d package %d on %s: %v", id, pkg, d, err)
	}
	if _, err := e.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: guest, BookingID: v.ID}, ""); err != nil {
		t.Fatalf("pay booking %d: %v", v.ID, err)
	}
	return booked{id: v.ID, price: v.Price, end: v.End}
}

// reviewPhotoKeys lists the object keys review_photos rows refer to, sorted.
func (e hostEnv) reviewPhotoKeys(t *testing.T) []string {
	t.Helper()
	rows, err := e.db.Query("SELECT detail_key, thumb_key FROM review_photos")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	keys := []string{}
	for rows.Next() {
		var d, th string
		if err := rows.Scan(&d, &th); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, d, th)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(keys)
	return keys
}

// checkRatings compares every space's rating counters with a recount of
// its reviews' rows.
func (e hostEnv) checkRatings(t *testing.T) {
	t.Helper()
	rows, err := e.db.Query(`SELECT s.id, s.rating_count, s.rating_sum, s.rating_score, COUNT(r.id), COALESCE(SUM(r.rating), 0)
		FROM spaces s LEFT JOIN reviews r ON r.space_id = s.id GROUP BY s.id, s.rating_count, s.rating_sum, s.rating_score`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, count, sum, score, n, total int
		if err := rows.Scan(&id, &count, &sum, &score, &n, &total); err != nil {
			t.Fatal(err)
		}
		if want := search.RatingScore(n, total); count != n || sum != total || score != want {
			t.Errorf("space %d: count %d sum %d score %d; its reviews: %d, sum %d, score %d", id, count, sum, score, n, total, want)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestTwentyConcurrentReviewsOfOneBookingWriteOne(t *testing.T) {
	t.Parallel()
	e := newHostEnv(t, 1)
	guest := e.m.Guests[0]
	b := e.bookAndPay(t, space.ID(e.m.Instant), space.PackageID(e.m.Day), guest)
	e.clock.Set(b.end.Add(time.Hour)) // ended; the sweeper has not marked it completed
	photo := photoSet(t, 1, 320, 240)

	errs := parallel(20, func(i int) error {
		_, err := e.app.Commands.CreateReview.Handle(t.Context(), command.CreateReview{AuthorID: guest, BookingID: b.id,
			Rating: 1 + i%5, Body: fmt.Sprintf("%s (%d)", reviewText, i), Photos: photo})
		return err
	})
	var ok, conflicts int
	for i, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, review.ErrAlreadyReviewed) && fault.KindOf(err) == fault.Conflict:
			conflicts++
		default:
			t.Errorf("review %d: %v", i, err)
		}
	}
	puts, _, _, _ := e.s3.counts()
	t.Logf("%d objects uploaded by 20 concurrent reviews (2 each past the early check)", puts)
	if ok != 1 || conflicts != 19 {
		t.Fatalf("%d reviews written and %d refused as already reviewed, want 1 and 19", ok, conflicts)
	}
	var rating, count, sum int64
	if err := e.db.QueryRow("SELECT r.rating, s.rating_count, s.rating_sum FROM reviews r JOIN spaces s ON s.id = r.space_id WHERE r.booking_id = ?", b.id).
		Scan(&rating, &count, &sum); err != nil {
		t.Fatal(err)
	}
	if count != 1 || sum != rating {
		t.Errorf("space rating count %d sum %d after one review rated %d", count, sum, rating)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM notifications WHERE kind = 'review_posted' AND user_id = ?", e.m.HostID); n != 1 {
		t.Errorf("%d review_posted notifications to the host, want 1", n)
	}
	if got, want := e.bucketKeys(t), e.reviewPhotoKeys(t); len(want) != 2 || !slices.Equal(got, want) {
		t.Errorf("bucket holds %v, the review's photo rows %v: the refused reviews' uploads must be gone", got, want)
	}
	if got := e.pending(t); len(got) != 0 {
		t.Errorf("pending keys left: %v", got)
	}
	e.checkRatings(t)
}

// TestRatingsEqualARecountAfterARandomRun writes, edits, deletes and
// writes again reviews of two dozen bookings of three spaces from eight
// goroutines at once; every space's counters then equal a recount.
func TestRatingsEqualARecountAfterARandomRun(t *testing.T) {
	t.Parallel()
	e := newHostEnv(t, 4)
	spaces := map[int64][]int64{e.m.Instant: {e.m.Day, e.m.Night}}
	for range 2 {
		id := e.createSpace(t, 1)
		for _, pk := range e.packageIDs(t, id) {
			spaces[int64(id)] = append(spaces[int64(id)], int64(pk))
		}
	}
	type ref struct{ booking, guest int64 }
	var bookings []ref
	var last time.Time
	for id, pkgs := range spaces {
		for d := range 3 {
			for _, pk := range pkgs {
				guest := e.m.Guests[len(bookings)%len(e.m.Guests)]
				b := e.bookOn(t, id, pk, guest, useDate.AddDays(d))
				bookings = append(bookings, ref{b.id, guest})
				if b.end.After(last) {
					last = b.end
				}
			}
		}
	}
	e.clock.Set(last.Add(time.Hour))

	var mu sync.Mutex
	written := map[int64]int64{} // booking → its review, as last seen
	ops := map[string]int{}
	errs := parallel(8, func(worker int) error {
		rng := rand.New(rand.NewPCG(uint64(worker), 99))
		for range 40 {
			bk := bookings[rng.IntN(len(bookings))]
			mu.Lock()
			id, has := written[bk.booking]
			mu.Unlock()
			var op string
			var err error
			switch {
			case !has || rng.IntN(4) == 0:
				op = "create"
				var got int64
				got, err = e.app.Commands.CreateReview.Handle(t.Context(), command.CreateReview{AuthorID: bk.guest, BookingID: bk.booking,
					Rating: 1 + rng.IntN(5), Body: reviewText})
				if err == nil {
					mu.Lock()
					written[bk.booking] = got
					mu.Unlock()
				}
			case rng.IntN(3) == 0:
				op = "delete"
				err = e.app.Commands.DeleteReview.Handle(t.Context(), bk.guest, id)
				if err == nil {
					mu.Lock()
					delete(written, bk.booking)
					mu.Unlock()
				}
			default:
				op = "edit"
				rating := 1 + rng.IntN(5)
				err = e.app.Commands.EditReview.Handle(t.Context(), command.EditReview{UserID: bk.guest, ReviewID: id, Rating: &rating})
			}
			// Racing another worker over one booking is refused, never broken.
			if err != nil && !errors.Is(err, review.ErrAlreadyReviewed) && !errors.Is(err, review.ErrNotFound) {
				return fmt.Errorf("%s review of booking %d: %w", op, bk.booking, err)
			}
			mu.Lock()
			if err == nil {
				ops[op]++
			}
			mu.Unlock()
		}
		return nil
	})
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	t.Logf("ops %v", ops)
	if ops["create"] < 10 || ops["edit"] < 10 || ops["delete"] < 5 {
		t.Errorf("the run did too little to tell: %v", ops)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM reviews"); n == 0 {
		t.Error("no reviews left to count")
	}
	e.checkRatings(t)
	// Search and detail show what the reviews say.
	for id := range spaces {
		d, err := e.app.Queries.GetSpace.Handle(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		n := e.count(t, "SELECT COUNT(*) FROM reviews WHERE space_id = ?", id)
		sum := e.count(t, "SELECT COALESCE(SUM(rating), 0) FROM reviews WHERE space_id = ?", id)
		if int64(d.Rating.Count) != n || int64(d.Rating.Sum) != sum || len(d.LatestReviews) != int(min(n, 3)) {
			t.Errorf("space %d detail: rating %+v, %d latest reviews; its rows: %d reviews, sum %d", id, d.Rating, len(d.LatestReviews), n, sum)
		}
	}
}

func TestReviewNotificationsAreWrittenWithTheChangeOrNotAtAll(t *testing.T) {
	t.Parallel()
	e := newHostEnv(t, 1)
	ctx := t.Context()
	guest := e.m.Guests[0]
	b := e.bookAndPay(t, space.ID(e.m.Instant), space.PackageID(e.m.Day), guest)
	e.clock.Set(b.end.Add(24 * time.Hour))
	notes := func(kind string, user int64) int64 {
		return e.count(t, "SELECT COUNT(*) FROM notifications WHERE kind = ? AND user_id = ?", kind, user)
	}

	// The outbox refuses the event: the review, its rating, its photos'
	// rows and its notification roll back together, and its uploads go.
	if _, err := e.db.ExecContext(ctx, `CREATE TRIGGER outbox_refuse BEFORE INSERT ON outbox_events FOR EACH ROW
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected: no events'`); err != nil {
		t.Fatal(err)
	}
	_, err := e.app.Commands.CreateReview.Handle(ctx, command.CreateReview{AuthorID: guest, BookingID: b.id, Rating: 5,
		Body: reviewText, Photos: photoSet(t, 1, 320, 240)})
	if err == nil || !strings.Contains(err.Error(), "injected: no events") {
		t.Fatalf("review with the outbox failing: %v", err)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM reviews") + e.count(t, "SELECT COUNT(*) FROM notifications WHERE kind LIKE 'review%'") +
		e.count(t, "SELECT rating_count FROM spaces WHERE id = ?", e.m.Instant); n != 0 {
		t.Errorf("a failed review left %d rows, notifications or ratings", n)
	}
	if got := e.bucketKeys(t); len(got) != 0 {
		t.Errorf("a failed review left objects: %v", got)
	}
	// A refused review (bad rating) writes nothing either.
	if _, err := e.app.Commands.CreateReview.Handle(ctx, command.CreateReview{AuthorID: guest, BookingID: b.id, Rating: 6, Body: reviewText}); !errors.Is(err, fault.ErrInvalid) {
		t.Errorf("rating 6: %v", err)
	}
	if _, err := e.db.ExecContext(ctx, "DROP TRIGGER outbox_refuse"); err != nil {
		t.Fatal(err)
	}

	id, err := e.app.Commands.CreateReview.Handle(ctx, command.CreateReview{AuthorID: guest, BookingID: b.id, Rating: 4, Body: reviewText})
	if err != nil {
		t.Fatal(err)
	}
	if n := notes("review_posted", e.m.HostID); n != 1 {
		t.Errorf("%d review_posted notifications to the host, want 1", n)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM notifications WHERE review_id = ? AND booking_id = ? AND space_id = ?", id, b.id, e.m.Instant); n != 1 {
		t.Errorf("the notification does not name the review, booking and space (%d)", n)
	}
	// Nobody replies for the host; the host replies once, and may edit.
	for _, who := range []int64{guest, 999} {
		if err := e.app.Commands.ReplyReview.Post(ctx, who, id, "감사합니다"); !errors.Is(err, review.ErrNotFound) {
			t.Errorf("reply by user %d: %v", who, err)
		}
	}
	if err := e.app.Commands.ReplyReview.Post(ctx, e.m.HostID, id, "찾아주셔서 감사합니다!"); err != nil {
		t.Fatal(err)
	}
	if err := e.app.Commands.ReplyReview.Post(ctx, e.m.HostID, id, "또 감사합니다"); !errors.Is(err, review.ErrAlreadyReplied) {
		t.Errorf("second reply: %v", err)
	}
	if err := e.app.Commands.ReplyReview.Edit(ctx, e.m.HostID, id, "다시 한번 감사합니다!"); err != nil {
		t.Fatal(err)
	}
	if n := notes("review_replied", guest); n != 1 {
		t.Errorf("%d review_replied notifications to the guest, want 1 (edits notify nobody)", n)
	}
	if n := notes("review_posted", guest) + notes("review_replied", e.m.HostID); n != 0 {
		t.Errorf("%d notifications to the one who acted", n)
	}
	r, err := e.app.Queries.Reviews.Get(ctx, id)
	if err != nil || r.Reply == nil || r.Reply.Body != "다시 한번 감사합니다!" || r.Rating != 4 || r.AuthorNickname == "" {
		t.Errorf("review read back: %+v %v", r, err)
	}
}

func TestReviewPhotosAreStoredAndDeletedWithTheReview(t *testing.T) {
	t.Parallel()
	e := newHostEnv(t, 2)
	ctx := t.Context()
	guest, other := e.m.Guests[0], e.m.Guests[1]
	b := e.bookAndPay(t, space.ID(e.m.Instant), space.PackageID(e.m.Day), guest)

	// Before the booking ends, and with six photos, nothing is uploaded.
	if _, err := e.app.Commands.CreateReview.Handle(ctx, command.CreateReview{AuthorID: guest, BookingID: b.id, Rating: 5,
		Body: reviewText, Photos: photoSet(t, 1, 320, 240)}); !errors.Is(err, review.ErrNotCompleted) {
		t.Errorf("review before the end: %v", err)
	}
	e.clock.Set(b.end.Add(2 * time.Hour))
	if _, err := e.app.Commands.CreateReview.Handle(ctx, command.CreateReview{AuthorID: guest, BookingID: b.id, Rating: 5,
		Body: reviewText, Photos: photoSet(t, 6, 320, 240)}); fieldOf(err) != "photos" {
		t.Errorf("six photos: %v", err)
	}
	if _, err := e.app.Commands.CreateReview.Handle(ctx, command.CreateReview{AuthorID: other, BookingID: b.id, Rating: 5,
		Body: reviewText, Photos: photoSet(t, 1, 320, 240)}); !errors.Is(err, booking.ErrNotFound) {
		t.Errorf("review by another guest: %v", err)
	}
	if puts, _, _, _ := e.s3.counts(); puts != 0 {
		t.Errorf("refused reviews uploaded %d objects", puts)
	}

	id, err := e.app.Commands.CreateReview.Handle(ctx, command.CreateReview{AuthorID: guest, BookingID: b.id, Rating: 5,
		Body: reviewText, Photos: photoSet(t, 2, 800, 600)})
	if err != nil {
		t.Fatal(err)
	}
	keys := e.reviewPhotoKeys(t)
	if got := e.bucketKeys(t); len(keys) != 4 || !slices.Equal(got, keys) {
		t.Fatalf("bucket %v, rows %v", got, keys)
	}
	r, err := e.app.Queries.Reviews.Get(ctx, id)
	if err != nil || len(r.Photos) != 2 || !strings.HasPrefix(r.Photos[0].URL, "https://cdn.test/photos/") || !strings.HasSuffix(r.Photos[0].ThumbURL, "-thumb.jpg") {
		t.Errorf("review photos: %+v %v", r.Photos, err)
	}
	// Editing keeps the photos; another user can neither edit nor delete.
	rating := 2
	if err := e.app.Commands.EditReview.Handle(ctx, command.EditReview{UserID: other, ReviewID: id, Rating: &rating}); !errors.Is(err, review.ErrNotFound) {
		t.Errorf("edit by another user: %v", err)
	}
	if err := e.app.Commands.DeleteReview.Handle(ctx, e.m.HostID, id); !errors.Is(err, review.ErrNotFound) {
		t.Errorf("delete by the host: %v", err)
	}
	if err := e.app.Commands.EditReview.Handle(ctx, command.EditReview{UserID: guest, ReviewID: id, Rating: &rating}); err != nil {
		t.Fatal(err)
	}
	if got := e.reviewPhotoKeys(t); !slices.Equal(got, keys) {
		t.Errorf("an edit changed the photos: %v", got)
	}
	e.checkRatings(t)

	if err := e.app.Commands.DeleteReview.Handle(ctx, guest, id); err != nil {
		t.Fatal(err)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM reviews") + e.count(t, "SELECT COUNT(*) FROM review_photos"); n != 0 {
		t.Errorf("%d rows left after deleting the review", n)
	}
	if got := e.bucketKeys(t); len(got) != 0 {
		t.Errorf("objects left after deleting the review: %v", got)
	}
	if got := e.pending(t); len(got) != 0 {
		t.Errorf("pending keys left: %v", got)
	}
	e.checkRatings(t)

	// Within the window the booking may be reviewed again; after it, not,
	// and the review can no longer change.
	id, err = e.app.Commands.CreateReview.Handle(ctx, command.CreateReview{AuthorID: guest, BookingID: b.id, Rating: 3, Body: reviewText})
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Set(b.end.Add(review.Window))
	if err := e.app.Commands.EditReview.Handle(ctx, command.EditReview{UserID: guest, ReviewID: id, Rating: &rating}); !errors.Is(err, review.ErrWindowClosed) {
		t.Errorf("edit after the window: %v", err)
	}
	if err := e.app.Commands.DeleteReview.Handle(ctx, guest, id); !errors.Is(err, review.ErrWindowClosed) {
		t.Errorf("delete after the window: %v", err)
	}
	e.checkRatings(t)
}
