package mysql

import (
	"context"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/query"
)

// ReferenceReader reads districts, categories and facilities.
type ReferenceReader struct{ q *sqlcgen.Queries }

// NewReferenceReader reads reference data from db.
func NewReferenceReader(db sqlcgen.DBTX) ReferenceReader { return ReferenceReader{q: sqlcgen.New(db)} }

// Districts lists districts by name.
func (r ReferenceReader) Districts(ctx context.Context) ([]query.District, error) {
	rows, err := r.q.ListDistricts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]query.District, len(rows))
	for i, d := range rows {
		out[i] = query.District{ID: d.ID, Name: d.Name, Lat: d.Lat, Lng: d.Lng, IconURL: d.IconUrl}
	}
	return out, nil
}

// Categories lists categories in display order.
func (r ReferenceReader) Categories(ctx context.Context) ([]query.Category, error) {
	rows, err := r.q.ListCategories(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]query.Category, len(rows))
	for i, c := range rows {
		out[i] = query.Category{ID: c.ID, Name: c.Name, IconURL: c.IconUrl}
	}
	return out, nil
}

// Facilities lists facilities in display order.
func (r ReferenceReader) Facilities(ctx context.Context) ([]query.Facility, error) {
	rows, err := r.q.ListFacilities(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]query.Facility, len(rows))
	for i, f := range rows {
		out[i] = query.Facility{ID: f.ID, Name: f.Name, IconURL: f.IconUrl}
	}
	return out, nil
}
