// Package review holds a guest's review of a completed booking and the
// host's reply to it: who may write, change or remove them, and until when.
package review

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/space"
)

// The rules of DOMAIN.md "Reviews and likes".
const (
	MinRating = 1
	MaxRating = 5
	// MinBody and MaxBody bound a review's text in characters (runes). The
	// minimum counts the text without surrounding blanks, so ten spaces
	// are not a review; the maximum counts it as stored.
	MinBody = 10
	MaxBody = 2000
	// MaxReply bounds a host's reply, which must not be blank either.
	MaxReply  = 2000
	MaxPhotos = 5
	// Window is how long after a booking ends its guest may review it, and
	// edit or delete that review. A deleted review frees the booking: its
	// guest may review it again while the window is open (still one review
	// per booking at a time).
	Window = 14 * 24 * time.Hour
)

// Errors of reviews. Someone else's review or booking is not found, never
// forbidden, so nobody learns what exists.
var (
	ErrNotFound        = fault.New(fault.NotFound, "review_not_found", "review not found")
	ErrNotCompleted    = fault.New(fault.Conflict, "booking_not_completed", "a booking can be reviewed once it is completed")
	ErrWindowClosed    = fault.New(fault.Conflict, "review_window_closed", "a review is written, edited or deleted within 14 days of the booking's end")
	ErrAlreadyReviewed = fault.New(fault.Conflict, "already_reviewed", "this booking already has a review: edit it instead")
	ErrAlreadyReplied  = fault.New(fault.Conflict, "already_replied", "the review already has a reply: edit it instead")
	ErrNoReply         = fault.New(fault.NotFound, "reply_not_found", "the review has no reply to edit")
)

// Review is a guest's rating and text about a completed booking, with up to
// five photos and at most one reply of the space's host. The review is
// stored as written and returned as plain text: clients escape it.
type Review struct {
	ID         int64
	BookingID  int64
	SpaceID    int64
	AuthorID   int64 // the booking's guest
	HostID     int64 // the space's host: the one who may reply
	BookingEnd time.Time
	Rating     int
	Body       string
	Photos     []space.PhotoKeys // in the author's order
	Reply      *Reply            // nil until the host replies
	Created    time.Time
	Edited     time.Time // zero unless edited
}

// Reply is the host's answer to a review.
type Reply struct {
	Body string
	At   time.Time // when it was written or last edited
}

// New writes a review of booking b by authorID. Only the booking's guest
// may (anyone else: booking.ErrNotFound), once the booking is completed
// (by its effective status: the sweeper may not have marked it yet), and
// until Window after its end. Every broken rule of the content is reported
// at once, each as a *fault.FieldError.
func New(b booking.Booking, authorID int64, rating int, body string, photos []space.PhotoKeys, now time.Time) (*Review, error) {
	if b.GuestID != authorID {
		return nil, fmt.Errorf("booking %d is not user %d's: %w", b.ID, authorID, booking.ErrNotFound)
	}
	if b.Effective(now) != booking.StatusCompleted {
		return nil, fmt.Errorf("%w: the booking is %s", ErrNotCompleted, b.Effective(now))
	}
	if err := open(b.Range.End, now); err != nil {
		return nil, err
	}
	errs := []error{checkRating(rating), checkBody(body)}
	if len(photos) > MaxPhotos {
		errs = append(errs, fault.Field("photos", fmt.Sprintf("a review has at most %d photos", MaxPhotos)))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &Review{BookingID: b.ID, SpaceID: b.SpaceID, AuthorID: authorID, HostID: b.HostID, BookingEnd: b.Range.End,
		Rating: rating, Body: body, Photos: slices.Clone(photos), Created: now}, nil
}

// Edit changes the rating and text, by the author within the window. A nil
// value stays as it is; a review given its own values is not marked
// edited. Photos stay: they are given when the review is written.
func (r *Review) Edit(userID int64, rating *int, body *string, now time.Time) error {
	if err := r.writable(userID, now); err != nil {
		return err
	}
	next := *r
	if rating != nil {
		next.Rating = *rating
	}
	if body != nil {
		next.Body = *body
	}
	if err := errors.Join(checkRating(next.Rating), checkBody(next.Body)); err != nil {
		return err
	}
	if next.Rating == r.Rating && next.Body == r.Body {
		return nil // nothing changed: not marked edited
	}
	r.Rating, r.Body, r.Edited = next.Rating, next.Body, now
	return nil
}

// Delete checks that userID may delete the review now (its author, within
// the window) and gives its photos, whose objects the caller deletes once
// the review is gone.
func (r *Review) Delete(userID int64, now time.Time) ([]space.PhotoKeys, error) {
	if err := r.writable(userID, now); err != nil {
		return nil, err
	}
	return slices.Clone(r.Photos), nil
}

// PostReply is the host's answer, once; at any time (the window binds the
// guest only).
func (r *Review) PostReply(userID int64, body string, now time.Time) error {
	if userID != r.HostID {
		return fmt.Errorf("review %d is not of user %d's space: %w", r.ID, userID, ErrNotFound)
	}
	if r.Reply != nil {
		return ErrAlreadyReplied
	}
	if err := checkReply(body); err != nil {
		return err
	}
	r.Reply = &Reply{Body: body, At: now}
	return nil
}

// EditReply replaces the host's reply, which must exist.
func (r *Review) EditReply(userID int64, body string, now time.Time) error {
	if userID != r.HostID {
		return fmt.Errorf("review %d is not of user %d's space: %w", r.ID, userID, ErrNotFound)
	}
	if r.Reply == nil {
		return ErrNoReply
	}
	if err := checkReply(body); err != nil {
		return err
	}
	r.Reply = &Reply{Body: body, At: now}
	return nil
}

// Writable reports whether b's guest may review it at now, unless it has a
// review already: it is completed (by its effective status) and its end
// was less than Window ago. New holds every review to the same.
func Writable(b booking.Booking, now time.Time) bool {
	return b.Effective(now) == booking.StatusCompleted && open(b.Range.End, now) == nil
}

// Open reports whether the review can still be edited or deleted at now.
func (r *Review) Open(now time.Time) bool { return open(r.BookingEnd, now) == nil }

func (r *Review) writable(userID int64, now time.Time) error {
	if userID != r.AuthorID {
		return fmt.Errorf("review %d is not user %d's: %w", r.ID, userID, ErrNotFound)
	}
	return open(r.BookingEnd, now)
}

func open(end, now time.Time) error {
	if !now.Before(end.Add(Window)) {
		return fmt.Errorf("%w (it closed at %s)", ErrWindowClosed, end.Add(Window).UTC().Format(time.RFC3339))
	}
	return nil
}

func checkRating(rating int) error {
	if rating < MinRating || rating > MaxRating {
		return fault.Field("rating", fmt.Sprintf("must be a whole number from %d to %d", MinRating, MaxRating))
	}
	return nil
}

func checkBody(body string) error {
	if err := checkText(body); err != nil {
		return fault.Field("body", err.Error())
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(body)); n < MinBody {
		return fault.Field("body", fmt.Sprintf("write at least %d characters (not counting surrounding blanks); got %d", MinBody, n))
	}
	if n := utf8.RuneCountInString(body); n > MaxBody {
		return fault.Field("body", fmt.Sprintf("write at most %d characters; got %d", MaxBody, n))
	}
	return nil
}

func checkReply(body string) error {
	if err := checkText(body); err != nil {
		return fault.Field("body", err.Error())
	}
	if strings.TrimSpace(body) == "" {
		return fault.Field("body", "a reply must not be blank")
	}
	if n := utf8.RuneCountInString(body); n > MaxReply {
		return fault.Field("body", fmt.Sprintf("write at most %d characters; got %d", MaxReply, n))
	}
	return nil
}

// checkText refuses what plain text must not hold: bytes that are not
// UTF-8, and control characters other than line breaks and tabs.
func checkText(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("must be UTF-8 text")
	}
	for i, c := range s {
		if unicode.IsControl(c) && c != '\n' && c != '\r' && c != '\t' {
			return fmt.Errorf("control character U+%04X at byte %d is not allowed", c, i)
		}
	}
	return nil
}

// Sort is the order of a space's reviews.
type Sort struct{ s string }

// The orders of a space's reviews; each ends on the id, newest first, so
// pages are stable.
var (
	SortNewest = Sort{"newest"} // most recent first
	SortRating = Sort{"rating"} // highest rating first, the most recent first among equals
)

// ParseSort reads a sort name; empty means newest.
func ParseSort(s string) (Sort, error) {
	switch s {
	case "", SortNewest.s:
		return SortNewest, nil
	case SortRating.s:
		return SortRating, nil
	}
	return Sort{}, fault.Field("sort", fmt.Sprintf("unknown sort %q: use newest or rating", s))
}

// String is the sort's name.
func (s Sort) String() string { return s.s }

// Key is what a list in this order is sorted on, descending, before the
// review id (descending too). Read models are tested against it.
func (s Sort) Key(r Review) int64 {
	if s == SortRating {
		return int64(r.Rating)
	}
	return r.ID
}

// Repository stores reviews inside the caller's transaction. It keeps the
// space's rating count, sum and average in step with its reviews in the
// same transaction, so they cannot be forgotten by a use case.
type Repository interface {
	// Create stores a new review and its photos, gives it its id, and adds
	// its rating to its space's; ErrAlreadyReviewed when the booking has
	// one.
	Create(ctx context.Context, r *Review) (*Review, error)
	// Reviewed reports whether a booking has a review, as committed now.
	Reviewed(ctx context.Context, bookingID int64) (bool, error)
	// ByIDForUpdate reads a review with its booking's end and its space's
	// host, and locks it until the transaction ends; ErrNotFound when
	// unknown.
	ByIDForUpdate(ctx context.Context, id int64) (*Review, error)
	// Save writes the rating, text, edit time and reply, and moves the
	// space's rating by the change of this review's.
	Save(ctx context.Context, r *Review) error
	// Delete removes the review, its photos' rows and its rating from its
	// space's.
	Delete(ctx context.Context, r *Review) error
}
