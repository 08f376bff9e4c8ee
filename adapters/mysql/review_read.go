package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/review"
	"github.com/ourspace/ourspace/domain/space"
)

// ReviewReader reads reviews for guests: a page in two queries whatever its
// size, the reviews (through reviews_space or reviews_space_rating, with
// their authors' nicknames) and their photos.
type ReviewReader struct{ q *sqlcgen.Queries }

// NewReviewReader reads from db.
func NewReviewReader(db sqlcgen.DBTX) ReviewReader { return ReviewReader{q: sqlcgen.New(db)} }

// SpaceReviews implements query.ReviewReader. A page with reviews carries
// the space's status in its rows; an empty page asks for it instead of
// the photos.
func (r ReviewReader) SpaceReviews(ctx context.Context, req query.SpaceReviewsRequest) ([]query.Review, space.Status, error) {
	items, err := spaceReviews(ctx, r.q, req)
	if err != nil {
		return nil, space.Status{}, err
	}
	if len(items) > 0 {
		return items, items[0].SpaceStatus, nil
	}
	stored, err := r.q.GetReviewedSpaceStatus(ctx, req.SpaceID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, space.Status{}, fmt.Errorf("space %d: %w", req.SpaceID, space.ErrNotFound)
	}
	if err != nil {
		return nil, space.Status{}, err
	}
	status, err := space.ParseStatus(stored)
	return []query.Review{}, status, err
}

// Review implements query.ReviewReader.
func (r ReviewReader) Review(ctx context.Context, id int64) (query.Review, error) {
	row, err := r.q.GetReview(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return query.Review{}, fmt.Errorf("review %d: %w", id, review.ErrNotFound)
	}
	if err != nil {
		return query.Review{}, err
	}
	items, err := withReviewPhotos(ctx, r.q, []sqlcgen.ListSpaceReviewsNewestRow{sqlcgen.ListSpaceReviewsNewestRow(row)})
	if err != nil {
		return query.Review{}, err
	}
	return items[0], nil
}

// spaceReviews reads a page of a space's reviews in two queries (one when
// there are none). The detail page reads its latest reviews in its own
// statement (GetSpaceDetail); TestSpaceDetailAndAvailabilityInTwoStatements
// holds the two to the same answer.
func spaceReviews(ctx context.Context, q *sqlcgen.Queries, req query.SpaceReviewsRequest) ([]query.Review, error) {
	var rows []sqlcgen.ListSpaceReviewsNewestRow
	switch req.Sort {
	case review.SortRating:
		p := sqlcgen.ListSpaceReviewsByRatingParams{SpaceID: req.SpaceID, BeforeRating: review.MaxRating + 1, BeforeID: math.MaxInt64, Limit: int32(req.Limit)}
		if req.After != nil {
			p.BeforeRating, p.BeforeID = int8(req.After.Key), req.After.ID
		}
		byRating, err := q.ListSpaceReviewsByRating(ctx, p)
		if err != nil {
			return nil, fmt.Errorf("reviews of space %d: %w", req.SpaceID, err)
		}
		for _, row := range byRating {
			rows = append(rows, sqlcgen.ListSpaceReviewsNewestRow(row))
		}
	default:
		p := sqlcgen.ListSpaceReviewsNewestParams{SpaceID: req.SpaceID, BeforeID: math.MaxInt64, Limit: int32(req.Limit)}
		if req.After != nil {
			p.BeforeID = req.After.ID
		}
		var err error
		if rows, err = q.ListSpaceReviewsNewest(ctx, p); err != nil {
			return nil, fmt.Errorf("reviews of space %d: %w", req.SpaceID, err)
		}
	}
	return withReviewPhotos(ctx, q, rows)
}

// withReviewPhotos reads the photos of the reviews in one query.
func withReviewPhotos(ctx context.Context, q *sqlcgen.Queries, rows []sqlcgen.ListSpaceReviewsNewestRow) ([]query.Review, error) {
	out := make([]query.Review, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]int64, len(rows))
	for i, row := range rows {
		ids[i] = row.ID
	}
	photos, err := q.ListReviewPhotosByIDs(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("review photos: %w", err)
	}
	byReview := make(map[int64][]query.Photo, len(rows))
	for _, p := range photos {
		byReview[p.ReviewID] = append(byReview[p.ReviewID], query.Photo{Keys: reviewPhotoKeys(p)})
	}
	for i, row := range rows {
		status, err := space.ParseStatus(row.SpaceStatus)
		if err != nil {
			return nil, err
		}
		out[i] = query.Review{ID: row.ID, SpaceID: row.SpaceID, AuthorID: row.AuthorID, AuthorNickname: row.AuthorNickname,
			Rating: int(row.Rating), Body: row.Body, Photos: append([]query.Photo{}, byReview[row.ID]...),
			CreatedAt: row.CreatedAt, EditedAt: row.EditedAt.Time, SpaceStatus: status, SpaceHostID: row.HostID}
		if row.HostReply.Valid {
			out[i].Reply = &query.ReviewReply{Body: row.HostReply.String, RepliedAt: row.RepliedAt.Time}
		}
	}
	return out, nil
}
