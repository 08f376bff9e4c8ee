package mysql

import (
	"context"
	"fmt"
	"math"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/space"
)

// HostSpaceLister reads a host's own spaces: one query a page, the spaces
// (through spaces_host) with their cards' photos (card_photos).
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
	out := make([]query.HostSpace, len(rows))
	for i, r := range rows {
		card, err := cardColumns{ID: r.ID, Title: r.Title, Subtitle: r.Subtitle, Address: r.Address, Lat: r.Lat, Lng: r.Lng,
			CapacityMin: r.CapacityMin, CapacityMax: r.CapacityMax, ListPrice: r.ListPrice, HourlyPrice: r.HourlyPrice, MinHours: r.MinHours,
			LikeCount: r.LikeCount, RatingCount: r.RatingCount, RatingSum: r.RatingSum,
			CategoryID: r.CategoryID, CategoryName: r.CategoryName, DistrictID: r.DistrictID, DistrictName: r.DistrictName,
			Photos: r.CardPhotos,
		}.card(r.ID)
		if err != nil {
			return nil, fmt.Errorf("host spaces: %w", err)
		}
		status, err := space.ParseStatus(r.Status)
		if err != nil {
			return nil, err
		}
		out[i] = query.HostSpace{SpaceCard: card, Status: status, CreatedAt: r.CreatedAt}
	}
	return out, nil
}
