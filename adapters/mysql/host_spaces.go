package mysql

import (
	"context"
	"fmt"
	"math"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/space"
)

// HostSpaceLister reads a host's own spaces: two queries a page, the spaces
// (through spaces_host) and their first photos.
type HostSpaceLister struct{ q *sqlcgen.Queries }

// NewHostSpaceLister reads from db.
func NewHostSpaceLister(db sqlcgen.DBTX) HostSpaceLister { return HostSpaceLister{q: sqlcgen.New(db)} }

// HostSpaces implements query.HostSpaceLister.
func (l HostSpaceLister) HostSpaces(ctx context.Context, hostID int64, before *query.Keyset, limit int) ([]query.HostSpace, error) {
	beforeID := int64(math.MaxInt64)
	if before != nil {
		beforeID = before.ID
	}
	rows, err := l.q.ListHostSpaces(ctx, sqlcgen.ListHostSpacesParams{HostID: hostID, BeforeID: beforeID, Limit: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("host spaces: %w", err)
	}
	if len(rows) == 0 {
		return []query.HostSpace{}, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	photos, err := l.q.ListSpacePhotosByIDs(ctx, sqlcgen.ListSpacePhotosByIDsParams{Ids: ids, PerSpace: query.CardPhotos})
	if err != nil {
		return nil, fmt.Errorf("host space photos: %w", err)
	}
	bySpace := make(map[int64][]query.Photo, len(rows))
	for _, p := range photos {
		bySpace[p.SpaceID] = append(bySpace[p.SpaceID], photoOf(p.ID, p.DetailKey, p.ThumbKey))
	}
	out := make([]query.HostSpace, len(rows))
	for i, r := range rows {
		status, err := space.ParseStatus(r.Status)
		if err != nil {
			return nil, err
		}
		out[i] = query.HostSpace{Status: status, CreatedAt: r.CreatedAt, SpaceCard: query.SpaceCard{
			ID: r.ID, Title: r.Title, Subtitle: r.Subtitle,
			Category: query.Ref{ID: r.CategoryID, Name: r.CategoryName},
			District: query.Ref{ID: r.DistrictID, Name: r.DistrictName},
			Address:  r.Address, Lat: r.Lat, Lng: r.Lng,
			CapacityMin: int(r.CapacityMin), CapacityMax: int(r.CapacityMax),
			ListPrice: r.ListPrice, Likes: int(r.LikeCount),
			Rating: query.Rating{Count: int(r.RatingCount), Sum: int(r.RatingSum)},
			Photos: append([]query.Photo{}, bySpace[r.ID]...), SortKey: r.ID,
		}}
	}
	return out, nil
}
