package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// SpaceInput is a complete listing as a host writes it.
type SpaceInput struct {
	Title         string            `json:"title" minLength:"1" maxLength:"100" example:"강남역 5분 감성 파티룸"`
	Subtitle      string            `json:"subtitle,omitempty" maxLength:"200"`
	Description   string            `json:"description,omitempty" maxLength:"5000"`
	CategoryID    int64             `json:"category_id" minimum:"1"`
	DistrictID    int64             `json:"district_id" minimum:"1"`
	Address       string            `json:"address" minLength:"1" maxLength:"255"`
	Lat           float64           `json:"lat" minimum:"33" maximum:"38.7" doc:"Latitude, within South Korea"`
	Lng           float64           `json:"lng" minimum:"124.5" maximum:"132" doc:"Longitude, within South Korea"`
	Capacity      CapacityIn        `json:"capacity"`
	FacilityIDs   []int64           `json:"facility_ids,omitempty" maxItems:"50" uniqueItems:"true"`
	OpeningHours  []OpeningHoursOut `json:"opening_hours,omitempty" maxItems:"7" doc:"Weekly hours for hourly booking, whole hours (close may be 24:00); absent weekdays are closed"`
	Hourly        *HourlyIn         `json:"hourly,omitempty" doc:"Sell by the hour inside the opening hours"`
	Packages      []PackageIn       `json:"packages,omitempty" maxItems:"10" doc:"Named windows sold whole; give hourly, packages or both"`
	RefundPolicy  RefundPolicyIn    `json:"refund_policy"`
	NeedsApproval bool              `json:"needs_approval,omitempty" doc:"Bookings wait for your approval instead of being paid at once"`
}

// CapacityIn is the head count a space takes.
type CapacityIn struct {
	Min int `json:"min" minimum:"1" maximum:"500" example:"2"`
	Max int `json:"max" minimum:"1" maximum:"500" example:"12"`
}

// HourlyIn is pricing by the hour.
type HourlyIn struct {
	PricePerHour int64 `json:"price_per_hour" minimum:"1" maximum:"100000000" example:"15000"`
	MinHours     int   `json:"min_hours" minimum:"1" maximum:"24" example:"2"`
}

// PackageIn is a package as a host writes it. An end at or before the
// start ends on the next day (an overnight package).
type PackageIn struct {
	ID       int64    `json:"id,omitempty" minimum:"1" doc:"An existing package's id, to keep it when editing"`
	Name     string   `json:"name" minLength:"1" maxLength:"50" example:"야간"`
	Start    string   `json:"start" pattern:"^[0-2][0-9]:[0-5][0-9]$" example:"15:00"`
	End      string   `json:"end" pattern:"^[0-2][0-9]:[0-5][0-9]$" example:"22:00"`
	Price    int64    `json:"price" minimum:"1" maximum:"100000000" example:"120000"`
	Weekdays []string `json:"weekdays,omitempty" uniqueItems:"true" enum:"sun,mon,tue,wed,thu,fri,sat" doc:"Weekdays of the use date it is sold on; absent: every day"`
}

// RefundPolicyIn chooses a refund policy; rules only for custom.
type RefundPolicyIn struct {
	Name  string          `json:"name" enum:"flexible,standard,custom"`
	Rules []RefundRuleOut `json:"rules,omitempty" maxItems:"10" doc:"Custom only: refund percent when cancelled at least min_days_before days before the use date"`
}

// SpacePatch changes some fields of a listing (JSON merge patch: absent
// fields stay; "hourly": null stops hourly sales). Lists replace the whole list.
type SpacePatch struct {
	Title         *string            `json:"title,omitempty" minLength:"1" maxLength:"100"`
	Subtitle      *string            `json:"subtitle,omitempty" maxLength:"200"`
	Description   *string            `json:"description,omitempty" maxLength:"5000"`
	CategoryID    *int64             `json:"category_id,omitempty" minimum:"1"`
	DistrictID    *int64             `json:"district_id,omitempty" minimum:"1"`
	Address       *string            `json:"address,omitempty" minLength:"1" maxLength:"255"`
	Lat           *float64           `json:"lat,omitempty" minimum:"33" maximum:"38.7"`
	Lng           *float64           `json:"lng,omitempty" minimum:"124.5" maximum:"132"`
	Capacity      *CapacityIn        `json:"capacity,omitempty"`
	FacilityIDs   *[]int64           `json:"facility_ids,omitempty" maxItems:"50" uniqueItems:"true"`
	OpeningHours  *[]OpeningHoursOut `json:"opening_hours,omitempty" maxItems:"7"`
	Hourly        *HourlyIn          `json:"hourly,omitempty" doc:"An object sets hourly pricing; null stops hourly sales"`
	Packages      *[]PackageIn       `json:"packages,omitempty" maxItems:"10" doc:"The whole list; give ids to keep existing packages"`
	RefundPolicy  *RefundPolicyIn    `json:"refund_policy,omitempty"`
	NeedsApproval *bool              `json:"needs_approval,omitempty"`
}

// HostSpaceSummary is one of the caller's own spaces.
type HostSpaceSummary struct {
	SpaceSummary
	Status    string    `json:"status" enum:"active,hidden,retired"`
	CreatedAt time.Time `json:"created_at"`
}

// HostSpaceList is a page of the caller's spaces.
type HostSpaceList struct {
	Items      []HostSpaceSummary `json:"items"`
	NextCursor string             `json:"next_cursor,omitempty"`
}

// createSpaceForm is the multipart body of POST /v1/spaces. listing is
// declared a string here (Huma parses form fields as parameters); the
// spec declares it the SpaceInput JSON part it is (see registerHosting).
type createSpaceForm struct {
	Listing string          `form:"listing" required:"true" doc:"The listing as JSON (SpaceInput)"`
	Photos  []huma.FormFile `form:"photos" required:"true" contentType:"image/jpeg,image/png,image/webp,application/octet-stream" doc:"1–20 photos, JPEG, PNG or WebP, at most 10 MiB each, in display order"`
}

type photosForm struct {
	Photos []huma.FormFile `form:"photos" required:"true" contentType:"image/jpeg,image/png,image/webp,application/octet-stream" doc:"Photos to add after the others, JPEG, PNG or WebP, at most 10 MiB each"`
}

type createSpaceInput struct {
	RawBody huma.MultipartFormFiles[createSpaceForm]
}

type spaceOutput struct {
	Location string `header:"Location"`
	Body     SpaceDetail
}

type hostedSpaceInput struct {
	ID int64 `path:"id" minimum:"1" doc:"Space id"`
}

type patchSpaceInput struct {
	ID      int64 `path:"id" minimum:"1" doc:"Space id"`
	Body    SpacePatch
	RawBody []byte
}

type addPhotosInput struct {
	ID      int64 `path:"id" minimum:"1" doc:"Space id"`
	RawBody huma.MultipartFormFiles[photosForm]
}

type photoOrderInput struct {
	ID   int64 `path:"id" minimum:"1" doc:"Space id"`
	Body struct {
		PhotoIDs []int64 `json:"photo_ids" minItems:"1" maxItems:"20" doc:"Every photo id of the space, once, in the new order"`
	}
}

type photoIDInput struct {
	ID      int64 `path:"id" minimum:"1" doc:"Space id"`
	PhotoID int64 `path:"photoId" minimum:"1" doc:"Photo id"`
}

type closedDatesInput struct {
	ID   int64 `path:"id" minimum:"1" doc:"Space id"`
	Body struct {
		Dates []string `json:"dates" maxItems:"366" doc:"Seoul dates the space is closed on (YYYY-MM-DD, 2000-01-01 to 2199-12-31); replaces the list. Past dates are dropped."`
	}
}

type spaceStatusInput struct {
	ID   int64 `path:"id" minimum:"1" doc:"Space id"`
	Body struct {
		Status string `json:"status" enum:"active,hidden,retired" doc:"active: listed; hidden: out of search and not bookable, bookings made stand; retired: final, refused while bookings still block the space, photos deleted"`
	}
}

type mySpacesInput struct {
	Cursor string `query:"cursor" maxLength:"200"`
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"20"`
}

type hostSpaceListOutput struct{ Body HostSpaceList }

// uploadBodyLimit is the largest upload request: 20 photos of 10 MiB and
// the listing. The photo count and sizes are checked again one by one.
const uploadBodyLimit = space.MaxPhotos*space.MaxPhotoBytes + 1<<20

// uploadReadTimeout lets a slow connection send 200 MiB.
const uploadReadTimeout = 10 * time.Minute

func (h handlers) registerHosting(api huma.API) {
	tags := []string{"Hosting"}
	create := huma.Operation{
		OperationID: "create-space", Method: http.MethodPost, Path: "/v1/spaces", Tags: tags, Security: bearer,
		Summary: "List a new space", DefaultStatus: http.StatusCreated, Errors: []int{401, 413, 422, 500, 503},
		Description: "A multipart form: `listing` (a SpaceInput JSON part) and 1–20 `photos`. Anyone signed in may host; the space is listed at once. " +
			"Photos are checked by decoding them (JPEG, PNG or WebP, at most 10 MiB and 50 megapixels), stripped of metadata and kept in two sizes. " +
			"Every broken rule is reported at once, each naming its field; nothing is stored unless everything is.",
		MaxBodyBytes: uploadBodyLimit, BodyReadTimeout: uploadReadTimeout,
		Middlewares: huma.Middlewares{requireForm(api), limitBody(api, uploadBodyLimit)},
	}
	huma.Register(api, create, func(ctx context.Context, in *createSpaceInput) (*spaceOutput, error) {
		if err := onlyDeclaredParts(in.RawBody); err != nil {
			return nil, err
		}
		form := in.RawBody.Data()
		listing, err := listingPart(form.Listing, in.RawBody.Form)
		if err != nil {
			return nil, err
		}
		body, err := h.decodeListing(api, listing)
		if err != nil {
			return nil, err
		}
		l, err := listingOf(body)
		if err != nil {
			return nil, problem(ctx, err, "body.listing")
		}
		raws, err := readPhotos(form.Photos)
		if err != nil {
			return nil, err
		}
		id, err := h.app.Commands.CreateSpace.Handle(ctx, caller(ctx).UserID, l, raws)
		if err != nil {
			return nil, problem(ctx, err, "body.listing")
		}
		return h.hostedSpace(ctx, id, http.StatusCreated)
	})
	// The listing part is JSON: say so in the spec, so clients send (and
	// generated types check) a SpaceInput object.
	if mt := api.OpenAPI().Paths["/v1/spaces"].Post.RequestBody.Content["multipart/form-data"]; mt != nil {
		mt.Schema.Properties["listing"] = api.OpenAPI().Components.Schemas.Schema(reflect.TypeOf(SpaceInput{}), true, "")
		// A plain form field (text/plain, as browsers send strings) is read the same.
		mt.Encoding["listing"] = &huma.Encoding{ContentType: "application/json, text/plain"}
	}

	huma.Register(api, huma.Operation{
		OperationID: "get-my-space", Method: http.MethodGet, Path: "/v1/me/spaces/{id}", Tags: tags, Security: bearer,
		Summary: "One of my spaces", Description: "The detail of a space you host, in any status (guests see only active ones).",
		Errors: []int{401, 404, 500},
	}, func(ctx context.Context, in *hostedSpaceInput) (*spaceOutput, error) {
		return h.hostedSpace(ctx, space.ID(in.ID), 0)
	})
	huma.Register(api, huma.Operation{
		OperationID: "list-my-spaces", Method: http.MethodGet, Path: "/v1/me/spaces", Tags: tags, Security: bearer,
		Summary: "My spaces", Description: "The spaces you host in every status, newest first.", Errors: []int{401, 422, 500},
	}, func(ctx context.Context, in *mySpacesInput) (*hostSpaceListOutput, error) {
		p, err := h.app.Queries.HostSpaces.Handle(ctx, caller(ctx).UserID, in.Cursor, in.Limit)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		out := HostSpaceList{Items: make([]HostSpaceSummary, len(p.Items)), NextCursor: p.NextCursor}
		for i, s := range p.Items {
			out.Items[i] = HostSpaceSummary{SpaceSummary: h.summary(s.SpaceCard), Status: s.Status.String(), CreatedAt: s.CreatedAt}
		}
		return &hostSpaceListOutput{Body: out}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "edit-space", Method: http.MethodPatch, Path: "/v1/spaces/{id}", Tags: tags, Security: bearer,
		Summary: "Edit a space", Errors: []int{401, 404, 409, 422, 500},
		Description: "Changes the fields given (merge patch). New prices apply to new bookings only; search shows them at once. " +
			"Another user's space is 404; a retired space is 409.",
	}, func(ctx context.Context, in *patchSpaceInput) (*spaceOutput, error) {
		p, err := patchOf(in.Body, in.RawBody)
		if err != nil {
			return nil, problem(ctx, err, "body")
		}
		if err := h.app.Commands.EditSpace.Edit(ctx, caller(ctx).UserID, space.ID(in.ID), p); err != nil {
			return nil, problem(ctx, err, "body")
		}
		return h.hostedSpace(ctx, space.ID(in.ID), 0)
	})
	documentSpacePatch(api)
	huma.Register(api, huma.Operation{
		OperationID: "add-space-photos", Method: http.MethodPost, Path: "/v1/spaces/{id}/photos", Tags: tags, Security: bearer,
		Summary: "Add photos", Errors: []int{401, 404, 409, 413, 422, 500, 503},
		Description:  "Adds photos after the others, up to 20 in all, with the same checks as when listing.",
		MaxBodyBytes: uploadBodyLimit, BodyReadTimeout: uploadReadTimeout,
		Middlewares: huma.Middlewares{requireForm(api), limitBody(api, uploadBodyLimit)},
	}, func(ctx context.Context, in *addPhotosInput) (*spaceOutput, error) {
		if err := onlyDeclaredParts(in.RawBody); err != nil {
			return nil, err
		}
		raws, err := readPhotos(in.RawBody.Data().Photos)
		if err != nil {
			return nil, err
		}
		if err := h.app.Commands.SpacePhotos.Add(ctx, caller(ctx).UserID, space.ID(in.ID), raws); err != nil {
			return nil, problem(ctx, err, "body")
		}
		return h.hostedSpace(ctx, space.ID(in.ID), 0)
	})
	huma.Register(api, huma.Operation{
		OperationID: "order-space-photos", Method: http.MethodPut, Path: "/v1/spaces/{id}/photos/order", Tags: tags, Security: bearer,
		Summary: "Reorder photos", Errors: []int{401, 404, 409, 422, 500}, Description: "The first photo is the space's cover.",
	}, func(ctx context.Context, in *photoOrderInput) (*spaceOutput, error) {
		order := make([]space.PhotoID, len(in.Body.PhotoIDs))
		for i, id := range in.Body.PhotoIDs {
			order[i] = space.PhotoID(id)
		}
		if err := h.app.Commands.SpacePhotos.Reorder(ctx, caller(ctx).UserID, space.ID(in.ID), order); err != nil {
			return nil, problem(ctx, err, "body")
		}
		return h.hostedSpace(ctx, space.ID(in.ID), 0)
	})
	huma.Register(api, huma.Operation{
		OperationID: "delete-space-photo", Method: http.MethodDelete, Path: "/v1/spaces/{id}/photos/{photoId}", Tags: tags, Security: bearer,
		Summary: "Remove a photo", DefaultStatus: http.StatusNoContent, Errors: []int{401, 404, 409, 500},
		Description: "Removes a photo and deletes its files. The last photo cannot be removed (409): add another first.",
	}, func(ctx context.Context, in *photoIDInput) (*struct{}, error) {
		if err := h.app.Commands.SpacePhotos.Remove(ctx, caller(ctx).UserID, space.ID(in.ID), space.PhotoID(in.PhotoID)); err != nil {
			return nil, problem(ctx, err, "path")
		}
		return nil, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "set-space-closed-dates", Method: http.MethodPut, Path: "/v1/spaces/{id}/closed-dates", Tags: tags, Security: bearer,
		Summary: "Set closed dates", Errors: []int{401, 404, 409, 422, 500},
		Description: "Replaces the dates the space is closed on (at most a year ahead). Bookings already made on those dates stand: cancel them if need be.",
	}, func(ctx context.Context, in *closedDatesInput) (*spaceOutput, error) {
		days := make([]calendar.Date, len(in.Body.Dates))
		for i, s := range in.Body.Dates {
			d, err := calendar.ParseDate(s)
			if err != nil {
				return nil, huma.Error422UnprocessableEntity("invalid date", &huma.ErrorDetail{
					Location: fmt.Sprintf("body.dates[%d]", i), Message: "want " + calendar.DateForm, Value: s})
			}
			days[i] = d
		}
		if err := h.app.Commands.EditSpace.SetClosedDates(ctx, caller(ctx).UserID, space.ID(in.ID), days); err != nil {
			return nil, problem(ctx, err, "body")
		}
		return h.hostedSpace(ctx, space.ID(in.ID), 0)
	})
	huma.Register(api, huma.Operation{
		OperationID: "set-space-status", Method: http.MethodPost, Path: "/v1/spaces/{id}/status", Tags: tags, Security: bearer,
		Summary: "List, hide or retire a space", Errors: []int{401, 404, 409, 422, 500},
		Description: "hidden takes the space out of search and booking; bookings already made stand and are honoured. " +
			"retired is final: refused (409 space_has_bookings) while any booking still blocks the space — cancel those first, which refunds the guests in full — and it deletes the photos.",
	}, func(ctx context.Context, in *spaceStatusInput) (*spaceOutput, error) {
		to, err := space.ParseStatus(in.Body.Status)
		if err != nil {
			return nil, huma.Error422UnprocessableEntity("invalid status", &huma.ErrorDetail{Location: "body.status", Message: err.Error()})
		}
		if err := h.app.Commands.EditSpace.ChangeStatus(ctx, caller(ctx).UserID, space.ID(in.ID), to); err != nil {
			return nil, problem(ctx, err, "body")
		}
		return h.hostedSpace(ctx, space.ID(in.ID), 0)
	})
}

// hostedSpace answers with the caller's space as its host sees it.
func (h handlers) hostedSpace(ctx context.Context, id space.ID, status int) (*spaceOutput, error) {
	d, err := h.app.Queries.GetSpace.Hosted(ctx, caller(ctx).UserID, int64(id))
	if err != nil {
		return nil, problem(ctx, err, "path")
	}
	out := &spaceOutput{Body: h.detail(d)}
	if status == http.StatusCreated {
		out.Location = "/v1/spaces/" + strconv.FormatInt(int64(id), 10)
	}
	return out, nil
}

// decodeListing parses and validates the listing part against SpaceInput's
// schema, as Huma does for JSON bodies: unknown fields and broken tags are
// reported at body.listing.<field>.
func (h handlers) decodeListing(api huma.API, raw string) (SpaceInput, error) {
	var in SpaceInput
	var parsed any
	if err := json.Unmarshal([]byte(raw), &parsed); err != nil {
		return in, huma.Error400BadRequest("the listing part is not JSON", &huma.ErrorDetail{Location: "body.listing", Message: err.Error()})
	}
	reg := api.OpenAPI().Components.Schemas
	schema := reg.Schema(reflect.TypeOf(SpaceInput{}), true, "")
	res := &huma.ValidateResult{}
	pb := huma.NewPathBuffer([]byte("body.listing"), 0)
	huma.Validate(reg, schema, pb, huma.ModeWriteToServer, parsed, res)
	if len(res.Errors) > 0 {
		return in, huma.Error422UnprocessableEntity("validation failed", res.Errors...)
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	if err := dec.Decode(&in); err != nil {
		return in, huma.Error422UnprocessableEntity("validation failed", &huma.ErrorDetail{Location: "body.listing", Message: err.Error()})
	}
	return in, nil
}

// listingPart is the listing as a text field or, as curl -F 'listing=@f.json'
// sends it, a file part (at most 1 MiB).
func listingPart(field string, form *multipart.Form) (string, error) {
	if field != "" || form == nil || len(form.File["listing"]) == 0 {
		return field, nil
	}
	f, err := form.File["listing"][0].Open()
	if err != nil {
		return "", huma.Error400BadRequest("could not read the listing part", &huma.ErrorDetail{Location: "body.listing", Message: err.Error()})
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return "", huma.Error400BadRequest("could not read the listing part", &huma.ErrorDetail{Location: "body.listing", Message: err.Error()})
	}
	return string(b), nil
}

// readPhotos reads the uploaded files, each cut one byte past the limit so
// the processor can tell an oversized photo without our reading all of it.
func readPhotos(files []huma.FormFile) ([][]byte, error) {
	out := make([][]byte, len(files))
	for i, f := range files {
		b, err := io.ReadAll(io.LimitReader(f, space.MaxPhotoBytes+1))
		_ = f.Close()
		if err != nil {
			return nil, huma.Error400BadRequest("could not read a photo", &huma.ErrorDetail{Location: fmt.Sprintf("body.photos[%d]", i), Message: err.Error()})
		}
		out[i] = b
	}
	return out, nil
}

// limitBody caps a request body before Huma reads it: Huma limits JSON
// bodies itself but reads multipart forms whole. A declared length over
// the cap is refused at once.
func limitBody(api huma.API, limit int64) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		r, w := humago.Unwrap(ctx)
		if r.ContentLength > limit {
			_ = huma.WriteErr(api, ctx, http.StatusRequestEntityTooLarge, fmt.Sprintf("the request is larger than %d bytes", limit))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next(ctx)
	}
}

// requireForm answers 415 to an upload whose body is not a multipart form,
// which Huma would report as a 422 validation failure of the whole body.
func requireForm(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		if mt, _, err := mime.ParseMediaType(ctx.Header("Content-Type")); err != nil || mt != "multipart/form-data" {
			_ = huma.WriteErr(api, ctx, http.StatusUnsupportedMediaType, "send a multipart/form-data body",
				&huma.ErrorDetail{Location: "header.Content-Type", Value: ctx.Header("Content-Type")})
			return
		}
		next(ctx)
	}
}

// onlyDeclaredParts refuses a form part the operation does not declare (400,
// as checkQuery refuses an unknown query parameter): Huma would drop it.
func onlyDeclaredParts[T any](body huma.MultipartFormFiles[T]) error {
	if body.Form == nil {
		return nil
	}
	declared := map[string]bool{}
	for f := range reflect.TypeFor[T]().Fields() {
		declared[f.Tag.Get("form")] = true
	}
	var unknown []error
	for _, name := range slices.Sorted(maps.Keys(body.Form.Value)) {
		if !declared[name] {
			unknown = append(unknown, &huma.ErrorDetail{Location: "body." + name, Message: "unknown form part"})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(body.Form.File)) {
		if !declared[name] {
			unknown = append(unknown, &huma.ErrorDetail{Location: "body." + name, Message: "unknown form part"})
		}
	}
	if len(unknown) > 0 {
		return huma.Error400BadRequest("unknown form part", unknown...)
	}
	return nil
}

// documentSpacePatch says in the spec what edit-space takes: JSON only (the
// raw body is kept for reading "hourly": null, not another media type), and
// null for hourly, which Huma cannot declare on an object field. The null
// branch carries enum [null] because Huma's validator checks no "null" type.
func documentSpacePatch(api huma.API) {
	if op := api.OpenAPI().Paths["/v1/spaces/{id}"].Patch; op != nil && op.RequestBody != nil {
		delete(op.RequestBody.Content, "application/octet-stream")
	}
	patch := api.OpenAPI().Components.Schemas.Map()["SpacePatch"]
	if patch == nil || patch.Properties["hourly"] == nil || patch.Properties["hourly"].Ref == "" {
		return
	}
	hourly := patch.Properties["hourly"]
	null := &huma.Schema{Type: "null", Enum: []any{nil}}
	null.PrecomputeMessages()
	patch.Properties["hourly"] = &huma.Schema{Description: hourly.Description, AnyOf: []*huma.Schema{{Ref: hourly.Ref}, null}}
	patch.Properties["hourly"].PrecomputeMessages()
}
