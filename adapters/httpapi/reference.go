package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ourspace/ourspace/app/query"
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
	Items encodedItems[District] `json:"items"`
}

// CategoryList lists categories.
type CategoryList struct {
	Items encodedItems[Category] `json:"items"`
}

// FacilityList lists facilities.
type FacilityList struct {
	Items encodedItems[Facility] `json:"items"`
}

// encodedItems is a reference list's items with their JSON, encoded once
// per change of the list (listMemo) rather than on every request: the
// lists are the commonest requests and rarely change. Documented as the
// array it encodes.
type encodedItems[T any] struct {
	json []byte
}

// MarshalJSON implements json.Marshaler.
func (e encodedItems[T]) MarshalJSON() ([]byte, error) { return e.json, nil }

// Schema implements huma.SchemaProvider: the items' array, as Huma would
// describe a []T field.
func (encodedItems[T]) Schema(r huma.Registry) *huma.Schema {
	return r.Schema(reflect.TypeFor[[]T](), true, "")
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

// listMemo keeps a reference list as served, its items encoded and its
// ETag (a hash of them: it changes with the data and with the
// representation — the icons' base URL, a new field — alike, and every
// replica gives the same one), for as long as the use case's items are
// the same.
type listMemo[Q comparable, T any] struct {
	last atomic.Pointer[memoized[Q, T]]
}

type memoized[Q comparable, T any] struct {
	from  []Q
	items encodedItems[T]
	etag  string
}

// get gives from's items, each made by item, encoded, and their ETag.
func (m *listMemo[Q, T]) get(from []Q, item func(Q) T) (encodedItems[T], string, error) {
	if e := m.last.Load(); e != nil && slices.Equal(e.from, from) {
		return e.items, e.etag, nil
	}
	items := make([]T, len(from))
	for i, q := range from {
		items[i] = item(q)
	}
	var b bytes.Buffer
	if err := jsonFormat.Marshal(&b, items); err != nil {
		return encodedItems[T]{}, "", err
	}
	sum := sha256.Sum256(b.Bytes())
	e := &memoized[Q, T]{from: from, items: encodedItems[T]{json: bytes.TrimSuffix(b.Bytes(), []byte("\n"))},
		etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`}
	m.last.Store(e)
	return e.items, e.etag, nil
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
	ref := h.app.Queries.Reference
	registerList(api, huma.Operation{
		OperationID: "list-districts", Method: http.MethodGet, Path: "/v1/districts",
		Summary: "List districts", Description: "The districts spaces are found in, by name.", Tags: []string{"Reference"},
	}, ref.Districts, func(d query.District) District {
		return District{ID: d.ID, Name: d.Name, Lat: d.Lat, Lng: d.Lng, IconURL: h.abs(d.IconURL)}
	}, func(items encodedItems[District]) DistrictList { return DistrictList{Items: items} })
	registerList(api, huma.Operation{
		OperationID: "list-categories", Method: http.MethodGet, Path: "/v1/categories",
		Summary: "List categories", Description: "Kinds of space, in display order.", Tags: []string{"Reference"},
	}, ref.Categories, func(c query.Category) Category {
		return Category{ID: c.ID, Name: c.Name, IconURL: h.abs(c.IconURL)}
	}, func(items encodedItems[Category]) CategoryList { return CategoryList{Items: items} })
	registerList(api, huma.Operation{
		OperationID: "list-facilities", Method: http.MethodGet, Path: "/v1/facilities",
		Summary: "List facilities", Description: "Amenities a space may offer, in display order.", Tags: []string{"Reference"},
	}, ref.Facilities, func(f query.Facility) Facility {
		return Facility{ID: f.ID, Name: f.Name, IconURL: h.abs(f.IconURL)}
	}, func(items encodedItems[Facility]) FacilityList { return FacilityList{Items: items} })
}

// registerList registers the operation of a reference list: the use case's
// items (read serves them from memory), each made by item into what is
// served, and the list B around them.
func registerList[Q comparable, T, B any](api huma.API, op huma.Operation, read func(context.Context) ([]Q, error),
	item func(Q) T, list func(encodedItems[T]) B) {
	op.Errors, op.Responses = []int{500}, referenceResponses()
	var memo listMemo[Q, T]
	huma.Register(api, op, func(ctx context.Context, in *referenceInput) (*referenceOutput[B], error) {
		from, err := read(ctx)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		items, etag, err := memo.get(from, item)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		return referenceList(in, list(items), etag), nil
	})
}
