package mysql

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/search"
)

// SpaceSearcher runs a space search page in one statement whatever its
// size, with or without a viewer or words: the page's cards with their
// photos (kept on the space's row, see RefreshCardPhotos), the viewer's
// likes and, on the first page, the count of matches (built from the
// filters in use, see search_sql.go). A date no space can be booked on
// runs none. Cards carry the ids of their category and district, not their
// names (query.SearchSpacesHandler.WithNames).
type SpaceSearcher struct {
	db    sqlcgen.DBTX
	stats *TokenStats
}

// NewSpaceSearcher searches the spaces in db, planning text searches with
// stats.
func NewSpaceSearcher(db sqlcgen.DBTX, stats *TokenStats) SpaceSearcher {
	if stats == nil {
		panic("mysql: nil TokenStats for SpaceSearcher")
	}
	return SpaceSearcher{db: db, stats: stats}
}

// SearchSpaces implements query.SpaceSearcher.
func (s SpaceSearcher) SearchSpaces(ctx context.Context, req query.SearchRequest) (query.SearchResult, error) {
	var res query.SearchResult
	if req.Count {
		res.Total = &query.Total{}
	}
	stmt, args, ok, err := s.statement(ctx, req)
	if err != nil {
		return query.SearchResult{}, err
	}
	if !ok {
		res.Cards = []query.SpaceCard{}
		return res, nil
	}
	cards, total, err := s.page(ctx, stmt, args)
	if err != nil {
		return query.SearchResult{}, fmt.Errorf("search %s: %w", req.Sort, err)
	}
	sortCards(cards, req.Sort)
	if res.Total != nil {
		res.Total.Count, res.Total.Capped = min(total, search.CountLimit), total > search.CountLimit
		s.stats.observe(req.Filter, total)
	}
	res.Cards = cards
	return res, nil
}

// statement plans the search and builds its statement; false when no
// space can match.
func (s SpaceSearcher) statement(ctx context.Context, req query.SearchRequest) (string, []any, bool, error) {
	text, err := s.stats.plan(ctx, req.Filter, req.Limit)
	if err != nil {
		return "", nil, false, err
	}
	if len(text.postings) > 0 {
		ids, err := candidates(ctx, sqlcgen.New(s.db), text.postings)
		if err != nil || len(ids) == 0 {
			return "", nil, false, err
		}
		text.withCandidates(ids)
	}
	stmt, args, ok := searchStatement(req, text)
	return stmt, args, ok, nil
}

// page runs the search statement: the cards, in no particular order, and
// the count.
func (s SpaceSearcher) page(ctx context.Context, stmt string, args []any) ([]query.SpaceCard, int, error) {
	rows, err := s.db.QueryContext(ctx, stmt, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	cards := []query.SpaceCard{}
	var total int
	for rows.Next() {
		var c cardColumns
		var sortKey int64
		var liked bool
		if err := rows.Scan(&sortKey, &c.ID, &c.Title, &c.Subtitle, &c.Address, &c.Lat, &c.Lng, &c.CapacityMin, &c.CapacityMax,
			&c.ListPrice, &c.HourlyPrice, &c.MinHours, &c.LikeCount, &c.RatingCount, &c.RatingSum,
			&c.CategoryID, &c.DistrictID, &c.Photos, &liked, &total); err != nil {
			return nil, 0, err
		}
		card, err := c.card(sortKey)
		if err != nil {
			return nil, 0, err
		}
		card.Liked = liked
		cards = append(cards, card)
	}
	return cards, total, rows.Err()
}

// cardColumns are the columns of a space that every list of spaces reads
// for its cards, in the one statement of the list: Photos is the space's
// card_photos.
type cardColumns struct {
	ID                       int64
	Title, Subtitle, Address string
	Lat, Lng                 float64
	CapacityMin, CapacityMax int32
	ListPrice                int64
	HourlyPrice              sql.NullInt64
	MinHours                 sql.NullInt32
	LikeCount                int32
	RatingCount, RatingSum   int32
	CategoryID               int64
	CategoryName             string
	DistrictID               int64
	DistrictName             string
	Photos                   string
}

// card gives the card of the columns; an error when its photos cannot be
// read.
func (c cardColumns) card(sortKey int64) (query.SpaceCard, error) {
	photos, err := cardPhotosOf(c.Photos)
	if err != nil {
		return query.SpaceCard{}, fmt.Errorf("space %d: %w", c.ID, err)
	}
	var hourly *int64
	if c.HourlyPrice.Valid {
		hourly = &c.HourlyPrice.Int64
	}
	return query.SpaceCard{
		ID: c.ID, Title: c.Title, Subtitle: c.Subtitle,
		Category: query.Ref{ID: c.CategoryID, Name: c.CategoryName},
		District: query.Ref{ID: c.DistrictID, Name: c.DistrictName},
		Address:  c.Address, Lat: c.Lat, Lng: c.Lng,
		CapacityMin: int(c.CapacityMin), CapacityMax: int(c.CapacityMax),
		ListPrice: c.ListPrice, HourlyPrice: hourly, ListPriceUnit: query.UnitOfListPrice(hourly, int(c.MinHours.Int32), c.ListPrice),
		Likes:  int(c.LikeCount),
		Rating: query.Rating{Count: int(c.RatingCount), Sum: int(c.RatingSum)},
		Photos: photos, SortKey: sortKey,
	}, nil
}

// sortCards puts a page in its sort's order: by key, then id, both
// descending unless the sort is ascending. The statement leaves the order
// of its joined rows to this: an ORDER BY there sorted the page's wide rows
// in a temporary table, about a tenth of the statement's time.
func sortCards(cards []query.SpaceCard, sort search.Sort) {
	slices.SortFunc(cards, func(a, b query.SpaceCard) int {
		c := cmp.Or(cmp.Compare(a.SortKey, b.SortKey), cmp.Compare(a.ID, b.ID))
		if sort.Ascending() {
			return c
		}
		return -c
	})
}
