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
	cards := make([]query.SpaceCard, len(rows))
	for i, r := range rows {
		cards[i] = cardColumns{ID: r.ID, Title: r.Title, Subtitle: r.Subtitle, Address: r.Address, Lat: r.Lat, Lng: r.Lng,
			CapacityMin: r.CapacityMin, CapacityMax: r.CapacityMax, ListPrice: r.ListPrice, HourlyPrice: r.HourlyPrice, MinHours: r.MinHours,
			LikeCount: r.LikeCount, RatingCount: r.RatingCount, RatingSum: r.RatingSum,
			CategoryID: r.CategoryID, CategoryName: r.CategoryName, DistrictID: r.DistrictID, DistrictName: r.DistrictName,
		}.card(r.ID)
	}
	if cards, err = withPhotos(ctx, l.q, cards); err != nil {
		return nil, fmt.Errorf("host spaces: %w", err)
	}
	out := make([]query.HostSpace, len(rows))
	for i, r := range rows {
		status, err := space.ParseStatus(r.Status)
		if err != nil {
			return nil, err
		}
		out[i] = query.HostSpace{SpaceCard: cards[i], Status: status, CreatedAt: r.CreatedAt}
	}
	return out, nil
}
