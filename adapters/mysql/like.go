package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/like"
	"github.com/ourspace/ourspace/domain/space"
)

// likeRepository implements like.Repository. A transaction locks the
// space's row before it touches likes (see GetLikeTargetForUpdate), so the
// likes of one space take turns and the count moves with each row written.
type likeRepository struct{ q *sqlcgen.Queries }

// TargetForUpdate implements like.Repository.
func (r likeRepository) TargetForUpdate(ctx context.Context, spaceID int64) (like.Target, error) {
	row, err := r.q.GetLikeTargetForUpdate(ctx, spaceID)
	if errors.Is(err, sql.ErrNoRows) {
		return like.Target{}, fmt.Errorf("space %d: %w", spaceID, space.ErrNotFound)
	}
	if err != nil {
		return like.Target{}, fmt.Errorf("lock space %d: %w", spaceID, err)
	}
	status, err := space.ParseStatus(row.Status)
	if err != nil {
		return like.Target{}, err
	}
	return like.Target{ID: spaceID, Status: status, Count: int(row.LikeCount)}, nil
}

// Like implements like.Repository: the count moves only when a row was
// really inserted.
func (r likeRepository) Like(ctx context.Context, userID, spaceID int64, now time.Time) (bool, error) {
	n, err := r.q.InsertLike(ctx, sqlcgen.InsertLikeParams{UserID: userID, SpaceID: spaceID, CreatedAt: now.UTC()})
	if err != nil {
		return false, fmt.Errorf("insert like: %w", err)
	}
	if n == 0 {
		return false, nil
	}
	return true, r.count(ctx, spaceID, +1)
}

// Unlike implements like.Repository: the count moves only when a row was
// really deleted.
func (r likeRepository) Unlike(ctx context.Context, userID, spaceID int64) (bool, error) {
	n, err := r.q.DeleteLike(ctx, sqlcgen.DeleteLikeParams{UserID: userID, SpaceID: spaceID})
	if err != nil {
		return false, fmt.Errorf("delete like: %w", err)
	}
	if n == 0 {
		return false, nil
	}
	return true, r.count(ctx, spaceID, -1)
}

func (r likeRepository) count(ctx context.Context, spaceID int64, delta int32) error {
	if err := r.q.AddSpaceLikes(ctx, sqlcgen.AddSpaceLikesParams{Delta: delta, ID: spaceID}); err != nil {
		return fmt.Errorf("space %d like count: %w", spaceID, err)
	}
	return nil
}

// LikeReader reads a user's likes in one query a page: the likes with
// their spaces' cards and the cards' photos (card_photos), down
// likes_user_time.
type LikeReader struct{ q *sqlcgen.Queries }

// NewLikeReader reads from db.
func NewLikeReader(db sqlcgen.DBTX) LikeReader { return LikeReader{q: sqlcgen.New(db)} }

// LikedSpaces implements query.LikeReader.
func (l LikeReader) LikedSpaces(ctx context.Context, userID int64, before *query.Keyset, limit int) ([]query.LikedSpace, error) {
	p := sqlcgen.ListLikedSpacesParams{UserID: userID, BeforeAt: farFuture, BeforeID: math.MaxInt64, Limit: int32(limit)}
	if before != nil {
		p.BeforeAt, p.BeforeID = time.UnixMicro(before.Key).UTC(), before.ID
	}
	rows, err := l.q.ListLikedSpaces(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("liked spaces: %w", err)
	}
	out := make([]query.LikedSpace, len(rows))
	for i, r := range rows {
		card, err := cardColumns{ID: r.SpaceID, Title: r.Title, Subtitle: r.Subtitle, Address: r.Address, Lat: r.Lat, Lng: r.Lng,
			CapacityMin: r.CapacityMin, CapacityMax: r.CapacityMax, ListPrice: r.ListPrice, HourlyPrice: r.HourlyPrice, MinHours: r.MinHours,
			LikeCount: r.LikeCount, RatingCount: r.RatingCount, RatingSum: r.RatingSum,
			CategoryID: r.CategoryID, CategoryName: r.CategoryName, DistrictID: r.DistrictID, DistrictName: r.DistrictName,
			Photos: r.CardPhotos,
		}.card(r.LikedAt.UnixMicro())
		if err != nil {
			return nil, fmt.Errorf("liked spaces: %w", err)
		}
		status, err := space.ParseStatus(r.Status)
		if err != nil {
			return nil, err
		}
		out[i] = query.LikedSpace{SpaceCard: card, Status: status, LikedAt: r.LikedAt}
	}
	return out, nil
}
