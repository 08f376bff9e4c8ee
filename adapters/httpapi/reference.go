package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"

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

// referenceCacheControl lets browsers and shared caches reuse a list for a
// minute without asking, then revalidate it with If-None-Match (a 304 has
// no body). The use case serves the lists from memory, read again at most
// every query.ReferenceTTL, so a change reaches clients within two minutes.
const referenceCacheControl = "public, max-age=60"

type referenceInput struct {
	IfNoneMatch string `header:"If-None-Match" doc:"ETags of the lists you hold, or *: 304 Not Modified, without a body, when one is current (weak comparison)"`
}

// referenceOutput is a reference list with what caches need to reuse it.
type referenceOutput[B any] struct {
	Status       int
	ETag         string `header:"ETag" doc:"Hash of the list as served: the same from every server while the list is unchanged. Compressed responses carry it as a weak ETag (W/…)"`
	CacheControl string `header:"Cache-Control"`
	Body         B
}

// referenceResponses documents the 304 of a reference list (a new map for
// each operation: Huma adds the operation's own responses to it).
func referenceResponses() map[string]*huma.Response {
	return map[string]*huma.Response{"304": {Description: "Not Modified: the list you named in If-None-Match is current"}}
}

// referenceList answers with body and its ETag (see etagMemo); 304 when
// the client already holds the list.
func referenceList[B any](in *referenceInput, body B, etag string) *referenceOutput[B] {
	out := &referenceOutput[B]{Status: http.StatusOK, ETag: etag, CacheControl: referenceCacheControl, Body: body}
	if noneMatch(in.IfNoneMatch, out.ETag) {
		out.Status = http.StatusNotModified
	}
	return out
}

// etagMemo gives a reference list's ETag, a hash of the list as served: it
// changes with the data and with the representation (the icons' base URL, a
// new field) alike, and every replica gives the same one. The hash of the
// last items is kept, so a list served unchanged from memory is not encoded
// twice per request (a tenth of such a request's time).
type etagMemo[T comparable] struct {
	last atomic.Pointer[etagged[T]]
}

type etagged[T comparable] struct {
	items []T
	etag  string
}

func (m *etagMemo[T]) etag(items []T, body any) (string, error) {
	if e := m.last.Load(); e != nil && slices.Equal(e.items, items) {
		return e.etag, nil
	}
	b, err := json.Marshal(body)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	e := &etagged[T]{items: items, etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`}
	m.last.Store(e)
	return e.etag, nil
}

// noneMatch reports whether an If-None-Match value is "*" or lists etag,
// comparing weakly (RFC 9110 §13.1.2: W/"x" matches "x"). A value that is
// not a list of entity tags matches nothing, so the client gets the body.
func noneMatch(header, etag string) bool {
	header = strings.Trim(header, " \t")
	if header == "*" {
		return true
	}
	etag = strings.TrimPrefix(etag, "W/")
	for {
		header = strings.TrimLeft(header, " \t,")
		if header == "" {
			return false
		}
		tag := strings.TrimPrefix(header, "W/")
		if !strings.HasPrefix(tag, `"`) {
			return false
		}
		n := strings.IndexByte(tag[1:], '"') + 2 // the quoted tag's length
		if n < 2 {
			return false
		}
		rest := strings.TrimLeft(tag[n:], " \t")
		if rest != "" && rest[0] != ',' {
			return false
		}
		if tag[:n] == etag {
			return true
		}
		header = rest
	}
}

func (h handlers) registerReference(api huma.API) {
	var districts etagMemo[District]
	var categories etagMemo[Category]
	var facilities etagMemo[Facility]
	huma.Register(api, huma.Operation{
		OperationID: "list-districts", Method: http.MethodGet, Path: "/v1/districts",
		Summary: "List districts", Description: "The districts spaces are found in, by name.", Tags: []string{"Reference"},
		Errors: []int{500}, Responses: referenceResponses(),
	}, func(ctx context.Context, in *referenceInput) (*referenceOutput[DistrictList], error) {
		ds, err := h.app.Queries.Reference.Districts(ctx)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		body := DistrictList{Items: make([]District, len(ds))}
		for i, d := range ds {
			body.Items[i] = District{ID: d.ID, Name: d.Name, Lat: d.Lat, Lng: d.Lng, IconURL: h.abs(d.IconURL)}
		}
		etag, err := districts.etag(body.Items, body)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		return referenceList(in, body, etag), nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "list-categories", Method: http.MethodGet, Path: "/v1/categories",
		Summary: "List categories", Description: "Kinds of space, in display order.", Tags: []string{"Reference"},
		Errors: []int{500}, Responses: referenceResponses(),
	}, func(ctx context.Context, in *referenceInput) (*referenceOutput[CategoryList], error) {
		cs, err := h.app.Queries.Reference.Categories(ctx)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		body := CategoryList{Items: make([]Category, len(cs))}
		for i, c := range cs {
			body.Items[i] = Category{ID: c.ID, Name: c.Name, IconURL: h.abs(c.IconURL)}
		}
		etag, err := categories.etag(body.Items, body)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		return referenceList(in, body, etag), nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "list-facilities", Method: http.MethodGet, Path: "/v1/facilities",
		Summary: "List facilities", Description: "Amenities a space may offer, in display order.", Tags: []string{"Reference"},
		Errors: []int{500}, Responses: referenceResponses(),
	}, func(ctx context.Context, in *referenceInput) (*referenceOutput[FacilityList], error) {
		fs, err := h.app.Queries.Reference.Facilities(ctx)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		body := FacilityList{Items: make([]Facility, len(fs))}
		for i, f := range fs {
			body.Items[i] = Facility{ID: f.ID, Name: f.Name, IconURL: h.abs(f.IconURL)}
		}
		etag, err := facilities.etag(body.Items, body)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		return referenceList(in, body, etag), nil
	})
}
