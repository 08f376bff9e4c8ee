package mysql

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/availability"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
)

// SpaceSearcher runs space searches in three queries whatever the page size:
// the ids of the page, their cards, and their photos.
type SpaceSearcher struct{ q *sqlcgen.Queries }

// NewSpaceSearcher searches the spaces in db.
func NewSpaceSearcher(db sqlcgen.DBTX) SpaceSearcher { return SpaceSearcher{q: sqlcgen.New(db)} }

// hit is the row every sort query returns; each query's row type converts to it.
type hit struct {
	ID      int64
	SortKey int64
}

// hitsOf reads any sort query's rows as hits.
func hitsOf[R ~struct {
	ID      int64
	SortKey int64
}](rows []R, err error) ([]hit, error) {
	if err != nil {
		return nil, err
	}
	out := make([]hit, len(rows))
	for i, r := range rows {
		out[i] = hit(r)
	}
	return out, nil
}

// SearchSpaces implements query.SpaceSearcher.
func (s SpaceSearcher) SearchSpaces(ctx context.Context, req query.SearchRequest) ([]query.SpaceCard, error) {
	p := searchParams(req)
	var hits []hit
	var err error
	switch req.Sort {
	case search.SortPopular:
		hits, err = hitsOf(s.q.SearchSpacesPopular(ctx, p))
	case search.SortPriceAsc:
		hits, err = hitsOf(s.q.SearchSpacesPriceAsc(ctx, sqlcgen.SearchSpacesPriceAscParams(p)))
	case search.SortPriceDesc:
		hits, err = hitsOf(s.q.SearchSpacesPriceDesc(ctx, sqlcgen.SearchSpacesPriceDescParams(p)))
	case search.SortRating:
		hits, err = hitsOf(s.q.SearchSpacesRating(ctx, sqlcgen.SearchSpacesRatingParams(p)))
	case search.SortNewest:
		hits, err = hitsOf(s.q.SearchSpacesNewest(ctx, sqlcgen.SearchSpacesNewestParams(p)))
	default:
		return nil, fmt.Errorf("unknown sort %q", req.Sort)
	}
	if err != nil {
		return nil, fmt.Errorf("search %s: %w", req.Sort, err)
	}
	if len(hits) == 0 {
		return []query.SpaceCard{}, nil
	}
	return s.cards(ctx, hits)
}

// cards reads the cards and photos of the hits, in the hits' order.
func (s SpaceSearcher) cards(ctx context.Context, hits []hit) ([]query.SpaceCard, error) {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	rows, err := s.q.ListSpaceCardsByIDs(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("space cards: %w", err)
	}
	photos, err := s.q.ListSpacePhotosByIDs(ctx, sqlcgen.ListSpacePhotosByIDsParams{Ids: ids, PerSpace: query.CardPhotos})
	if err != nil {
		return nil, fmt.Errorf("space photos: %w", err)
	}
	byID := make(map[int64]sqlcgen.ListSpaceCardsByIDsRow, len(rows))
	for _, r := range rows {
		byID[r.ID] = r
	}
	bySpace := make(map[int64][]query.Photo, len(hits))
	for _, p := range photos {
		bySpace[p.SpaceID] = append(bySpace[p.SpaceID], photoOf(p.ID, p.DetailKey, p.ThumbKey))
	}
	out := make([]query.SpaceCard, 0, len(hits))
	for _, h := range hits {
		r, ok := byID[h.ID]
		if !ok { // retired between the two queries
			continue
		}
		out = append(out, query.SpaceCard{
			ID: r.ID, Title: r.Title, Subtitle: r.Subtitle,
			Category: query.Ref{ID: r.CategoryID, Name: r.CategoryName},
			District: query.Ref{ID: r.DistrictID, Name: r.DistrictName},
			Address:  r.Address, Lat: r.Lat, Lng: r.Lng,
			CapacityMin: int(r.CapacityMin), CapacityMax: int(r.CapacityMax),
			ListPrice: r.ListPrice, Likes: int(r.LikeCount),
			Rating:  query.Rating{Count: int(r.RatingCount), Sum: int(r.RatingSum)},
			Photos:  append([]query.Photo{}, bySpace[h.ID]...),
			SortKey: h.SortKey,
		})
	}
	return out, nil
}

// searchParams turns a validated filter into the sort queries' parameters.
// Every filter that is off sets its flag so the database folds it away.
func searchParams(req query.SearchRequest) sqlcgen.SearchSpacesPopularParams {
	f := req.Filter
	p := sqlcgen.SearchSpacesPopularParams{
		DistrictCount: int64(len(f.Districts)), Districts: f.Districts,
		CategoryCount: int64(len(f.Categories)), Categories: f.Categories,
		FacilityCount: int64(len(f.Facilities)), Facilities: f.Facilities,
		People: int32(f.People),
		Limit:  int32(req.Limit),
		// Parameters of filters that are off still need valid values.
		Day: zeroDay, DayStart: zeroDay, EarliestStart: zeroDay, Now: req.Now.UTC(),
		WinStartAt: zeroDay, WinEndAt: zeroDay,
	}
	if f.MinPrice != nil {
		p.MinPrice = sql.NullInt64{Int64: int64(*f.MinPrice), Valid: true}
	}
	if f.MaxPrice != nil {
		p.MaxPrice = sql.NullInt64{Int64: int64(*f.MaxPrice), Valid: true}
	}
	if len(f.Words) > 0 {
		toks := search.QueryTokens(f.Words)
		p.TextTokens = "+" + strings.Join(toks, " +")
		words := []*sql.NullString{&p.Word1, &p.Word2, &p.Word3}
		for i, w := range f.Words {
			*words[i] = sql.NullString{String: "%" + escapeLike(w) + "%", Valid: true}
		}
	}
	if a := f.Area; a != nil {
		p.InArea, p.South, p.North, p.West, p.East = 1, a.South, a.North, a.West, a.East
	}
	if f.Date != nil {
		d := *f.Date
		p.OnDay = 1
		if calendar.DateOf(req.Now).DaysUntil(d) <= availability.MaxDaysAhead {
			p.WithinHorizon = 1
		}
		p.Day = timeOfDate(d)
		p.DayStart = d.Start().UTC()
		p.Weekday = int8(d.Weekday())
		p.WeekdayBit = 1 << d.Weekday()
		p.EarliestStart = req.Now.Add(availability.MinLead).UTC()
		if w := f.Window; w != nil {
			p.HasWindow, p.WinStart, p.WinEnd, p.WinMinutes = 1, int32(w.Start()), int32(w.End()), int64(w.Minutes())
			start, end := w.On(d)
			p.WinStartAt, p.WinEndAt = start.UTC(), end.UTC()
			if w.Start()%60 == 0 && w.End()%60 == 0 && !w.CrossesMidnight() && !start.Before(p.EarliestStart) {
				p.WindowByHour = 1
			}
		}
	}
	if req.After != nil {
		p.HasCursor, p.AfterKey, p.AfterID = 1, req.After.Key, req.After.ID
	}
	return p
}
