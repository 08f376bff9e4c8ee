package query

import (
	"context"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/review"
	"github.com/ourspace/ourspace/domain/space"
)

// Review is a review as readers see it: plain text, stored as written.
type Review struct {
	ID             int64
	SpaceID        int64
	AuthorID       int64
	AuthorNickname string
	Rating         int
	Body           string
	Photos         []Photo // detail and thumbnail keys; the use case adds URLs
	Reply          *ReviewReply
	CreatedAt      time.Time
	EditedAt       time.Time // zero unless edited
	SpaceStatus    space.Status
	SpaceHostID    int64
}

// ReviewReply is the host's answer to a review.
type ReviewReply struct {
	Body      string
	RepliedAt time.Time // when written or last edited
}

// ReviewPage is a page of a space's reviews and the next page's cursor.
type ReviewPage struct {
	Items      []Review
	NextCursor string
}

// LatestReviews is how many reviews a space's detail shows.
const LatestReviews = 3

// SpaceReviewsRequest is one page of a space's reviews.
type SpaceReviewsRequest struct {
	SpaceID int64
	Sort    review.Sort
	After   *Keyset // Key: the sort's key (review.Sort.Key)
	Limit   int
}

// ReviewReader reads reviews with their authors' nicknames, photo keys and
// replies.
type ReviewReader interface {
	// SpaceReviews reads a page of a space's reviews in the sort's order,
	// and the space's status, in at most two queries whatever the page's
	// size; space.ErrNotFound (wrapped) when there is no such space.
	SpaceReviews(ctx context.Context, req SpaceReviewsRequest) ([]Review, space.Status, error)
	// Review reads one review; review.ErrNotFound (wrapped) when unknown.
	Review(ctx context.Context, id int64) (Review, error)
}

// ReviewsHandler reads reviews. Reviews of a space are public while the
// space is listed; its host and each review's author see theirs always.
type ReviewsHandler struct {
	reader ReviewReader
	own    ReviewReader // for Own: sees the caller's own writes
	media  ports.MediaURLs
}

// NewReviewsHandler wires the use cases.
func NewReviewsHandler(r ReviewReader, m ports.MediaURLs) ReviewsHandler {
	if r == nil || m == nil {
		panic("query: nil dependency for ReviewsHandler")
	}
	return ReviewsHandler{reader: r, own: r, media: m}
}

// WithOwnReader reads the author's and host's view (Own) through r instead:
// the primary, when the public reads go to a replica that may lag behind
// the review or reply just written.
func (h ReviewsHandler) WithOwnReader(r ReviewReader) ReviewsHandler {
	if r == nil {
		panic("query: nil ReviewReader")
	}
	h.own = r
	return h
}

// SpaceReviews lists a listed space's reviews, newest first or by rating
// (highest first); hidden, retired and unknown spaces are not found.
func (h ReviewsHandler) SpaceReviews(ctx context.Context, spaceID int64, sort, cursor string, limit int) (ReviewPage, error) {
	s, err := review.ParseSort(sort)
	if err != nil {
		return ReviewPage{}, err
	}
	scope := "space-reviews-" + s.String()
	if limit, err = pageSize(limit); err != nil {
		return ReviewPage{}, err
	}
	after, err := decodeCursor(cursor, scope)
	if err != nil {
		return ReviewPage{}, err
	}
	items, status, err := h.reader.SpaceReviews(ctx, SpaceReviewsRequest{SpaceID: spaceID, Sort: s, After: after, Limit: limit + 1})
	if err != nil {
		return ReviewPage{}, fmt.Errorf("reviews of space %d: %w", spaceID, err)
	}
	if !status.Listed() {
		return ReviewPage{}, fmt.Errorf("reviews of space %d, which is %s: %w", spaceID, status, space.ErrNotFound)
	}
	var p ReviewPage
	p.Items, p.NextCursor = trimPage(items, limit, scope, func(r Review) Keyset {
		return Keyset{Key: s.Key(review.Review{ID: r.ID, Rating: r.Rating}), ID: r.ID}
	})
	p.Items = reviewsWithURLs(h.media, p.Items)
	return p, nil
}

// Get reads a review of a listed space.
func (h ReviewsHandler) Get(ctx context.Context, id int64) (Review, error) {
	return h.read(ctx, h.reader, id, func(r Review) bool { return r.SpaceStatus.Listed() })
}

// Own reads a review for its author or its space's host, whatever the
// space's status; to anyone else it is not found.
func (h ReviewsHandler) Own(ctx context.Context, userID, id int64) (Review, error) {
	return h.read(ctx, h.own, id, func(r Review) bool { return r.AuthorID == userID || r.SpaceHostID == userID })
}

func (h ReviewsHandler) read(ctx context.Context, from ReviewReader, id int64, visible func(Review) bool) (Review, error) {
	r, err := from.Review(ctx, id)
	if err != nil {
		return Review{}, fmt.Errorf("review %d: %w", id, err)
	}
	if !visible(r) {
		return Review{}, fmt.Errorf("review %d is not visible here: %w", id, review.ErrNotFound)
	}
	return reviewsWithURLs(h.media, []Review{r})[0], nil
}

// reviewsWithURLs gives the reviews with their photos' URLs filled in.
func reviewsWithURLs(m ports.MediaURLs, rs []Review) []Review {
	if rs == nil {
		return nil
	}
	out := make([]Review, len(rs))
	for i, r := range rs {
		r.Photos = withURLs(m, r.Photos)
		out[i] = r
	}
	return out
}
