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

// LikeReader reads likes: a user's likes in two queries a page (the likes
// with their spaces' cards, down likes_user_time, then the cards' photos),
// and which of a page of spaces a user likes in one.
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
	if len(rows) == 0 {
		return []query.LikedSpace{}, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.SpaceID
	}
	photos, err := l.q.ListSpacePhotosByIDs(ctx, sqlcgen.ListSpacePhotosByIDsParams{Ids: ids, PerSpace: query.CardPhotos})
	if err != nil {
		return nil, fmt.Errorf("liked space photos: %w", err)
	}
	bySpace := make(map[int64][]query.Photo, len(rows))
	for _, p := range photos {
		bySpace[p.SpaceID] = append(bySpace[p.SpaceID], photoOf(p.ID, p.DetailKey, p.ThumbKey))
	}
	out := make([]query.LikedSpace, len(rows))
	for i, r := range rows {
		status, err := space.ParseStatus(r.Status)
		if err != nil {
			return nil, err
		}
		out[i] = query.LikedSpace{Status: status, LikedAt: r.LikedAt, SpaceCard: query.SpaceCard{
			ID: r.SpaceID, Title: r.Title, Subtitle: r.Subtitle,
			Category: query.Ref{ID: r.CategoryID, Name: r.CategoryName},
			District: query.Ref{ID: r.DistrictID, Name: r.DistrictName},
			Address:  r.Address, Lat: r.Lat, Lng: r.Lng,
			CapacityMin: int(r.CapacityMin), CapacityMax: int(r.CapacityMax),
			ListPrice: r.ListPrice, Likes: int(r.LikeCount),
			Rating: query.Rating{Count: int(r.RatingCount), Sum: int(r.RatingSum)},
			Photos: append([]query.Photo{}, bySpace[r.SpaceID]...), SortKey: r.LikedAt.UnixMicro(),
		}}
	}
	return out, nil
}

// LikedAmong implements query.LikeReader.
func (l LikeReader) LikedAmong(ctx context.Context, userID int64, spaceIDs []int64) (map[int64]bool, error) {
	out := make(map[int64]bool, len(spaceIDs))
	if len(spaceIDs) == 0 {
		return out, nil
	}
	ids, err := l.q.ListLikedSpaceIDs(ctx, sqlcgen.ListLikedSpaceIDsParams{UserID: userID, SpaceIds: spaceIDs})
	if err != nil {
		return nil, fmt.Errorf("liked among %d spaces: %w", len(spaceIDs), err)
	}
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}
