package review

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/space"
)

const (
	guest    = 7
	host     = 3
	stranger = 9
)

var end = time.Date(2026, 12, 4, 6, 0, 0, 0, time.UTC)

func completed() booking.Booking {
	return booking.Booking{ID: 11, SpaceID: 5, GuestID: guest, HostID: host, Status: booking.StatusCompleted,
		Range: booking.Range{Start: end.Add(-6 * time.Hour), End: end}}
}

const goodBody = "넓고 깨끗해서 좋았어요!"

func written(t *testing.T) *Review {
	t.Helper()
	r, err := New(completed(), guest, 4, goodBody, []space.PhotoKeys{{Detail: "photos/a.jpg", Thumb: "photos/a-thumb.jpg"}}, end.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	r.ID = 100
	return r
}

func fields(err error) []string {
	var out []string
	var walk func(error)
	walk = func(err error) {
		switch x := err.(type) { //nolint:errorlint // walks the tree itself, to find every field error
		case nil:
		case *fault.FieldError:
			out = append(out, x.Field)
		case interface{ Unwrap() []error }:
			for _, e := range x.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(x.Unwrap())
		}
	}
	walk(err)
	return out
}

func TestNewWritesAReviewOfACompletedBooking(t *testing.T) {
	photos := []space.PhotoKeys{{Detail: "d1", Thumb: "t1"}, {Detail: "d2", Thumb: "t2"}}
	now := end.Add(time.Hour)
	r, err := New(completed(), guest, 5, goodBody, photos, now)
	if err != nil {
		t.Fatal(err)
	}
	if r.BookingID != 11 || r.SpaceID != 5 || r.AuthorID != guest || r.HostID != host || !r.BookingEnd.Equal(end) ||
		r.Rating != 5 || r.Body != goodBody || len(r.Photos) != 2 || r.Reply != nil || !r.Created.Equal(now) || !r.Edited.IsZero() {
		t.Errorf("review %+v", r)
	}
	photos[0].Detail = "changed"
	if r.Photos[0].Detail != "d1" {
		t.Error("New aliases the caller's photos")
	}
}

func TestNewBeforeTheSweeperMarksTheBookingCompleted(t *testing.T) {
	b := completed()
	b.Status = booking.StatusConfirmed
	if _, err := New(b, guest, 3, goodBody, nil, end); err != nil {
		t.Errorf("a confirmed booking that has ended: %v", err)
	}
	if _, err := New(b, guest, 3, goodBody, nil, end.Add(-time.Second)); !errors.Is(err, ErrNotCompleted) || fault.KindOf(err) != fault.Conflict {
		t.Errorf("a confirmed booking not yet ended: %v, want ErrNotCompleted", err)
	}
}

func TestNewRefusesBookingsNotCompleted(t *testing.T) {
	for _, st := range []booking.Status{booking.StatusRequested, booking.StatusPaymentDue, booking.StatusCancelledByGuest,
		booking.StatusCancelledByHost, booking.StatusDeclined, booking.StatusExpired} {
		b := completed()
		b.Status, b.Deadline = st, end.Add(48*time.Hour)
		if _, err := New(b, guest, 3, goodBody, nil, end.Add(time.Hour)); !errors.Is(err, ErrNotCompleted) {
			t.Errorf("%s booking: %v, want ErrNotCompleted", st, err)
		}
	}
}

func TestNewOnlyByTheGuest(t *testing.T) {
	for _, who := range []int64{host, stranger} {
		_, err := New(completed(), who, 5, goodBody, nil, end.Add(time.Hour))
		if !errors.Is(err, booking.ErrNotFound) || fault.KindOf(err) != fault.NotFound {
			t.Errorf("user %d: %v, want booking not found", who, err)
		}
	}
}

func TestTheWindowIsFourteenDaysAfterTheEnd(t *testing.T) {
	if _, err := New(completed(), guest, 5, goodBody, nil, end.Add(Window-time.Microsecond)); err != nil {
		t.Errorf("just inside the window: %v", err)
	}
	_, err := New(completed(), guest, 5, goodBody, nil, end.Add(Window))
	if !errors.Is(err, ErrWindowClosed) || fault.KindOf(err) != fault.Conflict {
		t.Errorf("at the window's close: %v, want ErrWindowClosed", err)
	}
	r := written(t)
	if !r.Open(end.Add(Window-time.Second)) || r.Open(end.Add(Window)) {
		t.Error("Open disagrees with the window")
	}
	rating := 2
	if err := r.Edit(guest, &rating, nil, end.Add(Window+time.Hour)); !errors.Is(err, ErrWindowClosed) {
		t.Errorf("edit after the window: %v", err)
	}
	if _, err := r.Delete(guest, end.Add(15*24*time.Hour)); !errors.Is(err, ErrWindowClosed) {
		t.Errorf("delete after the window: %v", err)
	}
	if r.Rating != 4 {
		t.Errorf("a refused edit changed the rating to %d", r.Rating)
	}
}

func TestContentRules(t *testing.T) {
	now := end.Add(time.Hour)
	five := make([]space.PhotoKeys, 5)
	cases := []struct {
		name   string
		rating int
		body   string
		photos []space.PhotoKeys
		want   []string
	}{
		{"rating 0", 0, goodBody, nil, []string{"rating"}},
		{"rating 6", 6, goodBody, nil, []string{"rating"}},
		{"rating -1 and a short body", -1, "짧아요", nil, []string{"rating", "body"}},
		{"one character", 3, "a", nil, []string{"body"}},
		{"nine characters", 3, "123456789", nil, []string{"body"}},
		{"ten blanks and one letter", 3, "          a ", nil, []string{"body"}},
		{"2,001 characters", 3, strings.Repeat("가", 2001), nil, []string{"body"}},
		{"a NUL byte", 3, goodBody + "\x00", nil, []string{"body"}},
		{"an escape sequence", 3, "\x1b[31m빨간 글씨입니다", nil, []string{"body"}},
		{"DEL", 3, goodBody + "\x7f", nil, []string{"body"}},
		{"a C1 control", 3, goodBody + "\u0085", nil, []string{"body"}},
		{"not UTF-8", 3, goodBody + "\xff", nil, []string{"body"}},
		{"six photos", 3, goodBody, make([]space.PhotoKeys, 6), []string{"photos"}},
		{"everything at once", 9, "", make([]space.PhotoKeys, 7), []string{"rating", "body", "photos"}},
	}
	for _, c := range cases {
		_, err := New(completed(), guest, c.rating, c.body, c.photos, now)
		got := fields(err)
		if strings.Join(got, ",") != strings.Join(c.want, ",") || !errors.Is(err, fault.ErrInvalid) {
			t.Errorf("%s: fields %v (%v), want %v", c.name, got, err, c.want)
		}
	}
	ok := []struct {
		name   string
		rating int
		body   string
		photos []space.PhotoKeys
	}{
		{"ten characters", 1, "0123456789", nil},
		{"2,000 characters", 5, strings.Repeat("가", 2000), nil},
		{"lines, tabs and carriage returns", 3, "첫 줄\r\n둘째 줄\t탭도 있어요", nil},
		{"markup is text", 4, "<script>alert(1)</script>", nil},
		{"five photos", 2, goodBody, five},
	}
	for _, c := range ok {
		r, err := New(completed(), guest, c.rating, c.body, c.photos, now)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if r.Body != c.body {
			t.Errorf("%s: stored %q, want it as given", c.name, r.Body)
		}
	}
}

func TestEditByTheAuthor(t *testing.T) {
	r := written(t)
	now := end.Add(3 * 24 * time.Hour)
	rating, body := 2, "생각해 보니 좀 시끄러웠어요."
	if err := r.Edit(stranger, &rating, &body, now); !errors.Is(err, ErrNotFound) {
		t.Errorf("edit by a stranger: %v", err)
	}
	if err := r.Edit(host, &rating, &body, now); !errors.Is(err, ErrNotFound) {
		t.Errorf("edit by the host: %v", err)
	}
	bad, short := 0, "짧음"
	err := r.Edit(guest, &bad, &short, now)
	if got := fields(err); strings.Join(got, ",") != "rating,body" {
		t.Errorf("bad edit: %v", err)
	}
	if r.Rating != 4 || r.Body != goodBody || !r.Edited.IsZero() {
		t.Errorf("a refused edit changed the review: %+v", r)
	}
	same := r.Rating
	if err := r.Edit(guest, &same, nil, now); err != nil || !r.Edited.IsZero() {
		t.Errorf("an edit that changes nothing: %v, edited %v", err, r.Edited)
	}
	if err := r.Edit(guest, &rating, nil, now); err != nil {
		t.Fatal(err)
	}
	if r.Rating != 2 || r.Body != goodBody || !r.Edited.Equal(now) {
		t.Errorf("after editing the rating: %+v", r)
	}
	if err := r.Edit(guest, nil, &body, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if r.Rating != 2 || r.Body != body || !r.Edited.Equal(now.Add(time.Hour)) {
		t.Errorf("after editing the text: %+v", r)
	}
}

func TestDeleteByTheAuthorGivesThePhotos(t *testing.T) {
	r := written(t)
	now := end.Add(24 * time.Hour)
	for _, who := range []int64{host, stranger} {
		if _, err := r.Delete(who, now); !errors.Is(err, ErrNotFound) {
			t.Errorf("delete by %d: %v", who, err)
		}
	}
	photos, err := r.Delete(guest, now)
	if err != nil || len(photos) != 1 || photos[0].Detail != "photos/a.jpg" {
		t.Errorf("delete: %v %v", photos, err)
	}
}

func TestReplyByTheHostOnceThenEdit(t *testing.T) {
	r := written(t)
	now := end.Add(30 * 24 * time.Hour) // long after the guest's window
	for _, who := range []int64{guest, stranger} {
		if err := r.PostReply(who, "감사합니다", now); !errors.Is(err, ErrNotFound) {
			t.Errorf("reply by %d: %v", who, err)
		}
	}
	if err := r.EditReply(host, "수정", now); !errors.Is(err, ErrNoReply) {
		t.Errorf("edit before any reply: %v", err)
	}
	for _, body := range []string{"", "   \n", "a\x00b", strings.Repeat("가", MaxReply+1)} {
		if err := r.PostReply(host, body, now); strings.Join(fields(err), ",") != "body" {
			t.Errorf("reply %q: %v, want a body field error", body, err)
		}
	}
	if r.Reply != nil {
		t.Fatal("a refused reply was kept")
	}
	if err := r.PostReply(host, "감사합니다!", now); err != nil {
		t.Fatal(err)
	}
	if r.Reply == nil || r.Reply.Body != "감사합니다!" || !r.Reply.At.Equal(now) {
		t.Errorf("reply %+v", r.Reply)
	}
	if err := r.PostReply(host, "또 감사합니다", now); !errors.Is(err, ErrAlreadyReplied) || fault.KindOf(err) != fault.Conflict {
		t.Errorf("second reply: %v, want ErrAlreadyReplied", err)
	}
	if err := r.EditReply(guest, "가로채기", now); !errors.Is(err, ErrNotFound) {
		t.Errorf("reply edited by the guest: %v", err)
	}
	if err := r.EditReply(host, "\x07", now); strings.Join(fields(err), ",") != "body" {
		t.Errorf("reply edited to a bell: %v", err)
	}
	later := now.Add(time.Hour)
	if err := r.EditReply(host, "다시 감사드려요", later); err != nil {
		t.Fatal(err)
	}
	if r.Reply.Body != "다시 감사드려요" || !r.Reply.At.Equal(later) {
		t.Errorf("edited reply %+v", r.Reply)
	}
}

func TestSorts(t *testing.T) {
	for in, want := range map[string]Sort{"": SortNewest, "newest": SortNewest, "rating": SortRating} {
		if got, err := ParseSort(in); err != nil || got != want {
			t.Errorf("ParseSort(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseSort("oldest"); strings.Join(fields(err), ",") != "sort" {
		t.Errorf("unknown sort: %v", err)
	}
	r := Review{ID: 42, Rating: 3}
	if SortNewest.Key(r) != 42 || SortRating.Key(r) != 3 {
		t.Errorf("keys %d %d", SortNewest.Key(r), SortRating.Key(r))
	}
}

// Writable says beforehand what New will allow: completed, within the window.
func TestWritableAgreesWithNew(t *testing.T) {
	confirmed := completed()
	confirmed.Status = booking.StatusConfirmed
	cancelled := completed()
	cancelled.Status = booking.StatusCancelledByGuest
	for _, c := range []struct {
		name string
		b    booking.Booking
		now  time.Time
		want bool
	}{
		{"completed, an hour after", completed(), end.Add(time.Hour), true},
		{"ended, not yet swept", confirmed, end, true},
		{"not ended", confirmed, end.Add(-time.Second), false},
		{"cancelled", cancelled, end.Add(time.Hour), false},
		{"the window's last instant", completed(), end.Add(Window - time.Microsecond), true},
		{"the window closed", completed(), end.Add(Window), false},
	} {
		if got := Writable(c.b, c.now); got != c.want {
			t.Errorf("%s: Writable = %v, want %v", c.name, got, c.want)
		}
		if _, err := New(c.b, guest, 4, goodBody, nil, c.now); (err == nil) != c.want {
			t.Errorf("%s: New says %v", c.name, err)
		}
	}
}
