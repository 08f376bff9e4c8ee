package query

import (
	"context"
	"fmt"
)

// ReferenceHandler lists districts, categories and facilities.
type ReferenceHandler struct{ reader ReferenceReader }

// NewReferenceHandler wires the use case.
func NewReferenceHandler(r ReferenceReader) ReferenceHandler {
	if r == nil {
		panic("query: nil ReferenceReader")
	}
	return ReferenceHandler{reader: r}
}

// Districts lists the districts by name.
func (h ReferenceHandler) Districts(ctx context.Context) ([]District, error) {
	ds, err := h.reader.Districts(ctx)
	if err != nil {
		return nil, fmt.Errorf("list districts: %w", err)
	}
	return ds, nil
}

// Categories lists the categories in display order.
func (h ReferenceHandler) Categories(ctx context.Context) ([]Category, error) {
	cs, err := h.reader.Categories(ctx)
	if err != nil {
		return nil, fmt.Errorf("list categories: %w", err)
	}
	return cs, nil
}

// Facilities lists the facilities in display order.
func (h ReferenceHandler) Facilities(ctx context.Context) ([]Facility, error) {
	fs, err := h.reader.Facilities(ctx)
	if err != nil {
		return nil, fmt.Errorf("list facilities: %w", err)
	}
	return fs, nil
}
