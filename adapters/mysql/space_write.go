package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/search"
	"github.com/ourspace/ourspace/domain/space"
)

// spaceRepository implements space.Repository. A space is written whole:
// its row, then its children replaced. Photos and packages keep their ids
// (bookings and clients refer to them); new ones get fresh ids.
type spaceRepository struct {
	q  *sqlcgen.Queries
	db sqlcgen.DBTX
}

// ByIDForUpdate implements space.Repository.
func (r spaceRepository) ByIDForUpdate(ctx context.Context, id space.ID) (*space.Space, error) {
	row, err := r.q.GetSpaceForUpdate(ctx, int64(id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("space %d: %w", id, space.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	status, err := space.ParseStatus(row.Status)
	if err != nil {
		return nil, err
	}
	refund, err := refundPolicy(row.RefundPolicy, row.RefundRules)
	if err != nil {
		return nil, err
	}
	s := &space.Space{ID: id, HostID: row.HostID, Status: status, Created: row.CreatedAt, Updated: row.UpdatedAt,
		Listing: space.Listing{
			Title: row.Title, Subtitle: row.Subtitle, Description: row.Description, Address: row.Address,
			DistrictID: row.DistrictID, CategoryID: row.CategoryID, Lat: row.Lat, Lng: row.Lng,
			CapacityMin: int(row.CapacityMin), CapacityMax: int(row.CapacityMax),
			Refund: refund, NeedsApproval: row.NeedsApproval,
		}}
	if row.HourlyPrice.Valid {
		s.Listing.Hourly = &space.Hourly{PricePerHour: space.Money(row.HourlyPrice.Int64), MinHours: int(row.MinHours.Int32)}
	}
	photos, err := r.q.ListSpacePhotos(ctx, int64(id))
	if err != nil {
		return nil, err
	}
	for _, p := range photos {
		s.Photos = append(s.Photos, space.Photo{ID: space.PhotoID(p.ID), Keys: photoOf(p.ID, p.DetailKey, p.ThumbKey).Keys})
	}
	if s.Listing.FacilityIDs, err = r.q.ListSpaceFacilityIDs(ctx, int64(id)); err != nil {
		return nil, err
	}
	packages, err := r.q.ListSpacePackages(ctx, int64(id))
	if err != nil {
		return nil, err
	}
	pricing, err := pricingOf(row.HourlyPrice, row.MinHours, packages)
	if err != nil {
		return nil, fmt.Errorf("space %d pricing: %w", id, err)
	}
	s.Listing.Packages = pricing.Packages()
	hours, err := r.q.ListSpaceOpeningHours(ctx, int64(id))
	if err != nil {
		return nil, err
	}
	s.Listing.Opening = make(map[time.Weekday]calendar.Window, len(hours))
	for _, h := range hours {
		if s.Listing.Opening[time.Weekday(h.Weekday)], err = calendar.NewWindow(int(h.OpenMinute), int(h.CloseMinute)); err != nil {
			return nil, err
		}
	}
	closed, err := r.q.ListAllSpaceClosedDates(ctx, int64(id))
	if err != nil {
		return nil, err
	}
	for _, c := range closed {
		s.Closed = append(s.Closed, dateOfTime(c))
	}
	return s, nil
}

// Create implements space.Repository.
func (r spaceRepository) Create(ctx context.Context, s *space.Space) (*space.Space, error) {
	p := r.rowOf(s)
	res, err := r.q.InsertSpace(ctx, sqlcgen.InsertSpaceParams{
		HostID: s.HostID, Status: p.Status, Title: p.Title, Subtitle: p.Subtitle, Description: p.Description,
		Address: p.Address, DistrictID: p.DistrictID, CategoryID: p.CategoryID, Lat: p.Lat, Lng: p.Lng,
		CapacityMin: p.CapacityMin, CapacityMax: p.CapacityMax, HourlyPrice: p.HourlyPrice, MinHours: p.MinHours,
		NeedsApproval: p.NeedsApproval, RefundPolicy: p.RefundPolicy, RefundRules: p.RefundRules,
		ListPrice: p.ListPrice, FacilityBits: p.FacilityBits, SearchText: p.SearchText, SearchTokens: p.SearchTokens,
		CreatedAt: s.Created.UTC(), UpdatedAt: s.Updated.UTC()})
	if err != nil {
		return nil, fmt.Errorf("insert space: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return nil, err
	}
	if err := writeSearchTokens(ctx, r.db, id, nil, strings.Fields(p.SearchTokens)); err != nil {
		return nil, err
	}
	out := *s
	out.ID = space.ID(id)
	if err := r.writeChildren(ctx, &out); err != nil {
		return nil, err
	}
	if err := r.refreshCard(ctx, out.ID); err != nil {
		return nil, err
	}
	return &out, nil
}

// Save implements space.Repository. Ids the children are given are written
// back into s.
func (r spaceRepository) Save(ctx context.Context, s *space.Space) error {
	p := r.rowOf(s)
	p.ID = int64(s.ID)
	old, err := r.q.GetSpaceSearchTokens(ctx, p.ID)
	if err != nil {
		return fmt.Errorf("space %d search tokens: %w", s.ID, err)
	}
	if err := r.q.UpdateSpace(ctx, p); err != nil {
		return fmt.Errorf("update space %d: %w", s.ID, err)
	}
	if err := writeSearchTokens(ctx, r.db, p.ID, strings.Fields(old), strings.Fields(p.SearchTokens)); err != nil {
		return err
	}
	id := int64(s.ID)
	for _, del := range []func(context.Context, int64) error{
		r.q.DeleteSpacePhotos, r.q.DeleteSpacePackages, r.q.DeleteSpaceFacilities,
		r.q.DeleteSpaceOpeningHours, r.q.DeleteSpaceClosedDates,
	} {
		if err := del(ctx, id); err != nil {
			return fmt.Errorf("space %d: %w", s.ID, err)
		}
	}
	if err := r.writeChildren(ctx, s); err != nil {
		return err
	}
	return r.refreshCard(ctx, s.ID)
}

// refreshCard rewrites the photos the space's row keeps for its card from
// the photos just written, in the same transaction: every list of cards
// reads them there (RefreshCardPhotos, migration 00010).
func (r spaceRepository) refreshCard(ctx context.Context, id space.ID) error {
	err := r.q.RefreshCardPhotos(ctx, sqlcgen.RefreshCardPhotosParams{PerSpace: query.CardPhotos, FirstID: int64(id), LastID: int64(id)})
	if err != nil {
		return fmt.Errorf("space %d card photos: %w", id, err)
	}
	return nil
}

// rowOf gives the space's own columns, derived ones (list price, facility
// bits, search text and tokens) computed here so they never lag behind the
// listing; the facility rows and token counts are written in the same
// transaction.
func (r spaceRepository) rowOf(s *space.Space) sqlcgen.UpdateSpaceParams {
	l := s.Listing
	text := search.Text(l.Title, l.Subtitle, l.Address)
	bits, _ := facilityBits(l.FacilityIDs)
	p := sqlcgen.UpdateSpaceParams{
		Status: s.Status.String(), Title: l.Title, Subtitle: l.Subtitle, Description: l.Description,
		Address: l.Address, DistrictID: l.DistrictID, CategoryID: l.CategoryID, Lat: l.Lat, Lng: l.Lng,
		CapacityMin: int32(l.CapacityMin), CapacityMax: int32(l.CapacityMax), NeedsApproval: l.NeedsApproval,
		RefundPolicy: l.Refund.Name(), RefundRules: refundRulesText(l.Refund),
		ListPrice: int64(l.Pricing().ListPrice()), FacilityBits: bits, SearchText: text,
		SearchTokens: strings.Join(search.Tokens(text), " "), UpdatedAt: s.Updated.UTC(),
	}
	if h := l.Hourly; h != nil {
		p.HourlyPrice = sql.NullInt64{Int64: int64(h.PricePerHour), Valid: true}
		p.MinHours = sql.NullInt32{Int32: int32(h.MinHours), Valid: true}
	}
	return p
}

// writeChildren inserts photos and packages one by one (new ones learn
// their id) and the rest in one multi-row statement each.
func (r spaceRepository) writeChildren(ctx context.Context, s *space.Space) error {
	id := int64(s.ID)
	for i, ph := range s.Photos {
		res, err := r.q.InsertSpacePhoto(ctx, sqlcgen.InsertSpacePhotoParams{
			ID: int64(ph.ID), SpaceID: id, Position: int32(i), DetailKey: ph.Keys.Detail, ThumbKey: ph.Keys.Thumb})
		if err != nil {
			return fmt.Errorf("space %d photo: %w", id, err)
		}
		if ph.ID == 0 {
			n, err := res.LastInsertId()
			if err != nil {
				return err
			}
			s.Photos[i].ID = space.PhotoID(n)
		}
	}
	for i, pk := range s.Listing.Packages {
		res, err := r.q.InsertSpacePackage(ctx, sqlcgen.InsertSpacePackageParams{
			ID: int64(pk.ID), SpaceID: id, Position: int32(i), Name: pk.Name, StartMinute: int32(pk.Window.Start()),
			EndMinute: int32(pk.Window.End()), Price: int64(pk.Price), Weekdays: int32(pk.Weekdays)})
		if err != nil {
			return fmt.Errorf("space %d package: %w", id, err)
		}
		if pk.ID == 0 {
			n, err := res.LastInsertId()
			if err != nil {
				return err
			}
			s.Listing.Packages[i].ID = space.PackageID(n)
		}
	}
	facilities := &inserter{tx: r.db, cols: 2, head: "INSERT INTO space_facilities (space_id, facility_id)"}
	for _, f := range s.Listing.FacilityIDs {
		if err := facilities.add(ctx, id, f); err != nil {
			return err
		}
	}
	hours := &inserter{tx: r.db, cols: 4, head: "INSERT INTO space_opening_hours (space_id, weekday, open_minute, close_minute)"}
	for wd, w := range s.Listing.Opening {
		if err := hours.add(ctx, id, int(wd), w.Start(), w.End()); err != nil {
			return err
		}
	}
	closed := &inserter{tx: r.db, cols: 2, head: "INSERT INTO space_closed_dates (space_id, day)"}
	for _, d := range s.Closed {
		if err := closed.add(ctx, id, timeOfDate(d)); err != nil {
			return err
		}
	}
	for _, in := range []*inserter{facilities, hours, closed} {
		if err := in.flush(ctx); err != nil {
			return err
		}
	}
	return nil
}

// CheckReferences implements space.Repository.
func (r spaceRepository) CheckReferences(ctx context.Context, l space.Listing) error {
	refs, err := r.q.CountReferences(ctx, sqlcgen.CountReferencesParams{DistrictID: l.DistrictID, CategoryID: l.CategoryID})
	if err != nil {
		return err
	}
	var errs []error
	if refs.Districts == 0 {
		errs = append(errs, fault.Field("district_id", fmt.Sprintf("no district %d", l.DistrictID)))
	}
	if refs.Categories == 0 {
		errs = append(errs, fault.Field("category_id", fmt.Sprintf("no category %d", l.CategoryID)))
	}
	if len(l.FacilityIDs) > 0 {
		n, err := r.q.CountFacilities(ctx, l.FacilityIDs)
		if err != nil {
			return err
		}
		if n != int64(len(l.FacilityIDs)) {
			errs = append(errs, fault.Field("facility_ids", "names a facility that does not exist"))
		}
	}
	return errors.Join(errs...)
}

// LiveBookings implements space.Repository.
func (r spaceRepository) LiveBookings(ctx context.Context, id space.ID, now time.Time) (int, error) {
	n, err := r.q.CountLiveSpaceBookings(ctx, sqlcgen.CountLiveSpaceBookingsParams{SpaceID: int64(id), Now: now.UTC(), DeadlineAfter: sql.NullTime{Time: now.UTC(), Valid: true}})
	return int(n), err
}

// pendingObjects implements ports.PendingObjects.
type pendingObjects struct{ q *sqlcgen.Queries }

func (p pendingObjects) Add(ctx context.Context, keys []string, due time.Time) error {
	for _, k := range keys {
		if err := p.q.AddPendingObject(ctx, sqlcgen.AddPendingObjectParams{ObjectKey: k, DueAt: due.UTC()}); err != nil {
			return fmt.Errorf("pending object: %w", err)
		}
	}
	return nil
}

func (p pendingObjects) Listed(ctx context.Context, keys []string) ([]string, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	return p.q.ListPendingObjects(ctx, keys)
}

func (p pendingObjects) Remove(ctx context.Context, keys []string) error {
	if len(keys) == 0 {
		return nil // an empty IN list matches nothing on both servers, but says NULL
	}
	return p.q.RemovePendingObjects(ctx, keys)
}

func (p pendingObjects) Due(ctx context.Context, now time.Time, limit int) ([]string, error) {
	return p.q.ListDuePendingObjects(ctx, sqlcgen.ListDuePendingObjectsParams{DueAt: now.UTC(), Limit: int32(limit)})
}
