package httpapi

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// District is a Seoul district (gu).
type District struct {
	ID      int64   `json:"id" example:"1"`
	Name    string  `json:"name" example:"강남구"`
	Lat     float64 `json:"lat" doc:"Latitude of the district centre" example:"37.5172"`
	Lng     float64 `json:"lng" doc:"Longitude of the district centre" example:"127.0473"`
	IconURL string  `json:"icon_url" format:"uri"`
}

// Category is a kind of space.
type Category struct {
	ID      int64  `json:"id" example:"1"`
	Name    string `json:"name" example:"파티룸"`
	IconURL string `json:"icon_url" format:"uri"`
}

// Facility is an amenity of a space.
type Facility struct {
	ID      int64  `json:"id" example:"2"`
	Name    string `json:"name" example:"Wi-Fi"`
	IconURL string `json:"icon_url" format:"uri"`
}

// DistrictList, CategoryList and FacilityList are the reference lists.
type DistrictList struct {
	Items []District `json:"items"`
}

// CategoryList lists categories.
type CategoryList struct {
	Items []Category `json:"items"`
}

// FacilityList lists facilities.
type FacilityList struct {
	Items []Facility `json:"items"`
}

type districtsOutput struct{ Body DistrictList }
type categoriesOutput struct{ Body CategoryList }
type facilitiesOutput struct{ Body FacilityList }

func (h handlers) registerReference(api huma.API) {
	huma.Register(api, huma.Operation{
		OperationID: "list-districts", Method: http.MethodGet, Path: "/v1/districts",
		Summary: "List districts", Description: "The districts spaces are found in, by name.", Tags: []string{"Reference"}, Errors: []int{500},
	}, func(ctx context.Context, _ *struct{}) (*districtsOutput, error) {
		ds, err := h.app.Queries.Reference.Districts(ctx)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		out := &districtsOutput{}
		out.Body.Items = make([]District, len(ds))
		for i, d := range ds {
			out.Body.Items[i] = District{ID: d.ID, Name: d.Name, Lat: d.Lat, Lng: d.Lng, IconURL: h.abs(d.IconURL)}
		}
		return out, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "list-categories", Method: http.MethodGet, Path: "/v1/categories",
		Summary: "List categories", Description: "Kinds of space, in display order.", Tags: []string{"Reference"}, Errors: []int{500},
	}, func(ctx context.Context, _ *struct{}) (*categoriesOutput, error) {
		cs, err := h.app.Queries.Reference.Categories(ctx)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		out := &categoriesOutput{}
		out.Body.Items = make([]Category, len(cs))
		for i, c := range cs {
			out.Body.Items[i] = Category{ID: c.ID, Name: c.Name, IconURL: h.abs(c.IconURL)}
		}
		return out, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "list-facilities", Method: http.MethodGet, Path: "/v1/facilities",
		Summary: "List facilities", Description: "Amenities a space may offer, in display order.", Tags: []string{"Reference"}, Errors: []int{500},
	}, func(ctx context.Context, _ *struct{}) (*facilitiesOutput, error) {
		fs, err := h.app.Queries.Reference.Facilities(ctx)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		out := &facilitiesOutput{}
		out.Body.Items = make([]Facility, len(fs))
		for i, f := range fs {
			out.Body.Items[i] = Facility{ID: f.ID, Name: f.Name, IconURL: h.abs(f.IconURL)}
		}
		return out, nil
	})
}
