package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/domain/review"
	"github.com/ourspace/ourspace/domain/space"
)

// reviewRepository implements review.Repository inside a transaction. Every
// write moves the space's rating counters by its own change, relative to
// the committed row (AddSpaceRating), so they always equal a recount of the
// space's reviews, and moves its content_version (a cached detail page
// shows the latest reviews).
type reviewRepository struct{ q *sqlcgen.Queries }

// Create implements review.Repository. The space's row is updated before
// the review is inserted: the insert's foreign-key check would otherwise
// take a shared lock on it that two reviews of one space could not both
// upgrade (a deadlock).
func (r reviewRepository) Create(ctx context.Context, rv *review.Review) (*review.Review, error) {
	if err := r.moveRating(ctx, rv.SpaceID, 1, rv.Rating); err != nil {
		return nil, err
	}
	res, err := r.q.InsertReview(ctx, sqlcgen.InsertReviewParams{BookingID: rv.BookingID, SpaceID: rv.SpaceID,
		AuthorID: rv.AuthorID, Rating: int8(rv.Rating), Body: rv.Body, CreatedAt: rv.Created.UTC()})
	if isDuplicate(err) {
		return nil, fmt.Errorf("booking %d: %w", rv.BookingID, review.ErrAlreadyReviewed)
	}
	if err != nil {
		return nil, fmt.Errorf("insert review: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return nil, err
	}
	out := *rv
	out.ID = id
	for i, p := range rv.Photos {
		if err := r.q.InsertReviewPhoto(ctx, sqlcgen.InsertReviewPhotoParams{ReviewID: id, Position: int32(i),
			DetailKey: p.Detail, ThumbKey: p.Thumb}); err != nil {
			return nil, fmt.Errorf("review %d photo: %w", id, err)
		}
	}
	return &out, nil
}

// Reviewed implements review.Repository.
func (r reviewRepository) Reviewed(ctx context.Context, bookingID int64) (bool, error) {
	n, err := r.q.CountBookingReviews(ctx, bookingID)
	return n > 0, err
}

// ByIDForUpdate implements review.Repository. The booking's and the
// space's rows are locked with the review's; the space's must be written
// anyway when the rating changes.
func (r reviewRepository) ByIDForUpdate(ctx context.Context, id int64) (*review.Review, error) {
	row, err := r.q.GetReviewForUpdate(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("review %d: %w", id, review.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	rv := &review.Review{ID: row.ID, BookingID: row.BookingID, SpaceID: row.SpaceID, AuthorID: row.AuthorID,
		HostID: row.HostID, BookingEnd: row.EndAt, Rating: int(row.Rating), Body: row.Body, Created: row.CreatedAt,
		Edited: row.EditedAt.Time}
	if row.HostReply.Valid {
		rv.Reply = &review.Reply{Body: row.HostReply.String, At: row.RepliedAt.Time}
	}
	photos, err := r.q.ListReviewPhotosByIDs(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	for _, p := range photos {
		rv.Photos = append(rv.Photos, reviewPhotoKeys(p))
	}
	return rv, nil
}

// Save implements review.Repository. Photos are not written: a review
// keeps the ones it was written with.
func (r reviewRepository) Save(ctx context.Context, rv *review.Review) error {
	stored, err := r.q.GetReviewRating(ctx, rv.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("review %d: %w", rv.ID, review.ErrNotFound)
	}
	if err != nil {
		return err
	}
	p := sqlcgen.UpdateReviewParams{Rating: int8(rv.Rating), Body: rv.Body, EditedAt: nullTime(rv.Edited), ID: rv.ID}
	if rv.Reply != nil {
		p.HostReply = sql.NullString{String: rv.Reply.Body, Valid: true}
		p.RepliedAt = nullTime(rv.Reply.At)
	}
	if err := r.q.UpdateReview(ctx, p); err != nil {
		return fmt.Errorf("update review %d: %w", rv.ID, err)
	}
	// Also when the rating stays: an edit or a reply changes the space's
	// detail page, and AddSpaceRating moves its content_version.
	return r.moveRating(ctx, rv.SpaceID, 0, rv.Rating-int(stored))
}

// Delete implements review.Repository.
func (r reviewRepository) Delete(ctx context.Context, rv *review.Review) error {
	stored, err := r.q.GetReviewRating(ctx, rv.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("review %d: %w", rv.ID, review.ErrNotFound)
	}
	if err != nil {
		return err
	}
	if err := r.q.DeleteReview(ctx, rv.ID); err != nil {
		return fmt.Errorf("delete review %d: %w", rv.ID, err)
	}
	return r.moveRating(ctx, rv.SpaceID, -1, -int(stored))
}

func (r reviewRepository) moveRating(ctx context.Context, spaceID int64, count, sum int) error {
	if err := r.q.AddSpaceRating(ctx, sqlcgen.AddSpaceRatingParams{CountDelta: int64(count), SumDelta: int64(sum), ID: spaceID}); err != nil {
		return fmt.Errorf("space %d rating: %w", spaceID, err)
	}
	return nil
}

// reviewPhotoKeys is a review photo's keys as space photos keep theirs.
func reviewPhotoKeys(p sqlcgen.ReviewPhoto) space.PhotoKeys {
	return photoOf(0, p.DetailKey, p.ThumbKey).Keys
}
