package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/review"
	"github.com/ourspace/ourspace/domain/space"
)

// Review is a guest's review of a space they used. Its text is plain text
// as written, line breaks included: clients escape it when showing it.
type Review struct {
	ID             int64         `json:"id" example:"311"`
	SpaceID        int64         `json:"space_id"`
	AuthorNickname string        `json:"author_nickname" example:"라이언"`
	Rating         int           `json:"rating" minimum:"1" maximum:"5" example:"5"`
	Body           string        `json:"body" doc:"Plain text as written; escape it when showing it" example:"넓고 깨끗해서 좋았어요!"`
	Photos         []ReviewPhoto `json:"photos" doc:"Up to 5 photos, in the author's order"`
	Reply          *ReviewReply  `json:"reply,omitempty" doc:"The host's answer; absent until the host replies"`
	CreatedAt      time.Time     `json:"created_at"`
	EditedAt       *time.Time    `json:"edited_at,omitempty" doc:"When the author last changed the rating or text; absent if never"`
}

// ReviewPhoto is a review's photo in the two sizes kept, as a space's.
type ReviewPhoto struct {
	URL          string `json:"url" doc:"Detail size, at most 1600 px on its longer side"`
	ThumbnailURL string `json:"thumbnail_url" doc:"Card size, at most 480 px on its longer side"`
}

// ReviewReply is the space's host's answer to a review.
type ReviewReply struct {
	Body      string    `json:"body" doc:"Plain text as written; escape it when showing it"`
	RepliedAt time.Time `json:"replied_at" doc:"When the reply was written or last edited"`
}

// ReviewList is a page of a space's reviews.
type ReviewList struct {
	Items      []Review `json:"items"`
	NextCursor string   `json:"next_cursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page"`
}

// ReviewPatch changes a review's rating or text (absent fields stay).
type ReviewPatch struct {
	Rating *int    `json:"rating,omitempty" minimum:"1" maximum:"5"`
	Body   *string `json:"body,omitempty" minLength:"10" maxLength:"2000" doc:"Plain text; line breaks and tabs are kept, other control characters are refused"`
}

// ReplyInput is a host's reply to a review.
type ReplyInput struct {
	Body string `json:"body" minLength:"1" maxLength:"2000" doc:"Plain text, not blank; line breaks and tabs are kept, other control characters are refused" example:"찾아주셔서 감사합니다!"`
}

// reviewForm is the multipart body of POST /v1/bookings/{id}/review.
// rating and body are read as text and checked by the domain, so a broken
// rule is reported at body.rating or body.body like any other; the spec
// declares their real types (see registerReviews). The text's field is
// not named Body: Huma takes a field of that name for the request body and
// would leave the form value out.
type reviewForm struct {
	Rating string          `form:"rating" required:"false" doc:"1–5"`
	Text   string          `form:"body" required:"false" doc:"10–2,000 characters of plain text"`
	Photos []huma.FormFile `form:"photos" required:"false" contentType:"image/jpeg,image/png,image/webp,application/octet-stream" doc:"0–5 photos, JPEG, PNG or WebP, at most 10 MiB each, in display order"`
}

type createReviewInput struct {
	ID      int64 `path:"id" minimum:"1" doc:"Booking id"`
	RawBody huma.MultipartFormFiles[reviewForm]
}

type reviewIDInput struct {
	ID int64 `path:"id" minimum:"1" doc:"Review id"`
}

type patchReviewInput struct {
	ID   int64 `path:"id" minimum:"1" doc:"Review id"`
	Body ReviewPatch
}

type replyInput struct {
	ID   int64 `path:"id" minimum:"1" doc:"Review id"`
	Body ReplyInput
}

type spaceReviewsInput struct {
	ID     int64  `path:"id" minimum:"1" doc:"Space id"`
	Sort   string `query:"sort" enum:"newest,rating" default:"newest" doc:"newest first, or by rating: highest first, the newest first among equals"`
	Cursor string `query:"cursor" maxLength:"200" doc:"next_cursor of the previous page"`
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"20" doc:"Page size"`
}

type reviewOutput struct {
	Location string `header:"Location"`
	Body     Review
}

type reviewListOutput struct{ Body ReviewList }

// reviewBodyLimit is the largest review request: 5 photos of 10 MiB and
// the text.
const reviewBodyLimit = review.MaxPhotos*space.MaxPhotoBytes + 1<<20

func (h handlers) registerReviews(api huma.API) {
	tags := []string{"Reviews"}
	huma.Register(api, huma.Operation{
		OperationID: "create-review", Method: http.MethodPost, Path: "/v1/bookings/{id}/review", Tags: tags, Security: bearer,
		Summary: "Review a booking", DefaultStatus: http.StatusCreated, Errors: []int{401, 404, 409, 413, 422, 500, 503},
		Description: "A multipart form: `rating` (1–5), `body` (10–2,000 characters of plain text; line breaks and tabs are kept, other control characters are refused) " +
			"and 0–5 `photos` (checked and kept like a space's). Only the booking's guest may review it (anyone else: 404), once (409 already_reviewed), " +
			"after it is completed and within 14 days of its end (409 booking_not_completed, review_window_closed). " +
			"The space's rating changes with the review, and its host is notified. Every broken rule of the form is reported at once.",
		MaxBodyBytes: reviewBodyLimit, BodyReadTimeout: uploadReadTimeout,
		Middlewares: huma.Middlewares{requireForm(api), limitBody(api, reviewBodyLimit)},
	}, func(ctx context.Context, in *createReviewInput) (*reviewOutput, error) {
		if err := onlyDeclaredParts(in.RawBody); err != nil {
			return nil, err
		}
		form := in.RawBody.Data()
		rating, err := strconv.Atoi(strings.TrimSpace(form.Rating))
		if err != nil {
			rating = 0 // not a number: the domain refuses it at body.rating
		}
		raws, err := readPhotos(form.Photos)
		if err != nil {
			return nil, err
		}
		id, err := h.app.Commands.CreateReview.Handle(ctx, command.CreateReview{AuthorID: caller(ctx).UserID, BookingID: in.ID,
			Rating: rating, Body: formText(form.Text), Photos: raws})
		if err != nil {
			return nil, problem(ctx, err, "body")
		}
		return h.ownReview(ctx, id, http.StatusCreated)
	})
	// rating and body are read as text (see reviewForm); declare them as
	// the rules have them, so clients and generated types send them right.
	if mt := api.OpenAPI().Paths["/v1/bookings/{id}/review"].Post.RequestBody.Content["multipart/form-data"]; mt != nil {
		one, five, minBody, maxBody := 1.0, 5.0, review.MinBody, review.MaxBody
		mt.Schema.Properties["rating"] = &huma.Schema{Type: huma.TypeInteger, Minimum: &one, Maximum: &five, Description: "1–5"}
		mt.Schema.Properties["body"] = &huma.Schema{Type: huma.TypeString, MinLength: &minBody, MaxLength: &maxBody,
			Description: "Plain text; line breaks and tabs are kept, other control characters are refused"}
		if photos := mt.Schema.Properties["photos"]; photos != nil {
			most := review.MaxPhotos
			photos.MaxItems = &most
		}
		mt.Schema.Required = []string{"rating", "body"}
	}

	huma.Register(api, huma.Operation{
		OperationID: "get-review", Method: http.MethodGet, Path: "/v1/reviews/{id}", Tags: tags,
		Summary: "Get a review", Errors: []int{404, 422, 500},
		Description: "A review of a listed space, with its photos and the host's reply. Reviews of hidden, retired and unknown spaces are 404.",
	}, func(ctx context.Context, in *reviewIDInput) (*reviewOutput, error) {
		r, err := h.app.Queries.Reviews.Get(ctx, in.ID)
		if err != nil {
			return nil, problem(ctx, err, "path")
		}
		return &reviewOutput{Body: h.review(r)}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "list-space-reviews", Method: http.MethodGet, Path: "/v1/spaces/{id}/reviews", Tags: tags,
		Summary: "A space's reviews", Errors: []int{404, 422, 500},
		Description: "The reviews of a listed space, newest first or by rating (highest first), with the authors' nicknames, photos and the host's replies. " +
			"The space's rating (in search and its detail) is always the average and count of these. Hidden, retired and unknown spaces are 404.",
	}, func(ctx context.Context, in *spaceReviewsInput) (*reviewListOutput, error) {
		p, err := h.app.Queries.Reviews.SpaceReviews(ctx, in.ID, in.Sort, in.Cursor, in.Limit)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		return &reviewListOutput{Body: ReviewList{Items: h.reviews(p.Items), NextCursor: p.NextCursor}}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "edit-review", Method: http.MethodPatch, Path: "/v1/reviews/{id}", Tags: tags, Security: bearer,
		Summary: "Edit my review", Errors: []int{401, 404, 409, 422, 500},
		Description: "Changes the rating or text given (photos stay as posted: delete the review and post it again to change them). " +
			"Only its author, within 14 days of the booking's end (409 review_window_closed); anyone else's review is 404. The space's rating changes with it.",
	}, func(ctx context.Context, in *patchReviewInput) (*reviewOutput, error) {
		if err := h.app.Commands.EditReview.Handle(ctx, command.EditReview{UserID: caller(ctx).UserID, ReviewID: in.ID,
			Rating: in.Body.Rating, Body: in.Body.Body}); err != nil {
			return nil, problem(ctx, err, "body")
		}
		return h.ownReview(ctx, in.ID, 0)
	})
	huma.Register(api, huma.Operation{
		OperationID: "delete-review", Method: http.MethodDelete, Path: "/v1/reviews/{id}", Tags: tags, Security: bearer,
		Summary: "Delete my review", DefaultStatus: http.StatusNoContent, Errors: []int{401, 404, 409, 500},
		Description: "Deletes the review, its photos and the host's reply. Only its author, within 14 days of the booking's end; " +
			"the booking may then be reviewed again in that time. The space's rating changes with it.",
	}, func(ctx context.Context, in *reviewIDInput) (*struct{}, error) {
		if err := h.app.Commands.DeleteReview.Handle(ctx, caller(ctx).UserID, in.ID); err != nil {
			return nil, problem(ctx, err, "path")
		}
		return nil, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "reply-to-review", Method: http.MethodPost, Path: "/v1/reviews/{id}/reply", Tags: tags, Security: bearer,
		Summary: "Reply to a review", DefaultStatus: http.StatusCreated, Errors: []int{401, 404, 409, 422, 500},
		Description: "The space's host answers a review, once (409 already_replied: edit the reply instead), at any time. " +
			"Anyone else is answered 404. The review's author is notified.",
	}, func(ctx context.Context, in *replyInput) (*reviewOutput, error) {
		if err := h.app.Commands.ReplyReview.Post(ctx, caller(ctx).UserID, in.ID, in.Body.Body); err != nil {
			return nil, problem(ctx, err, "body")
		}
		return h.ownReview(ctx, in.ID, 0)
	})
	huma.Register(api, huma.Operation{
		OperationID: "edit-review-reply", Method: http.MethodPatch, Path: "/v1/reviews/{id}/reply", Tags: tags, Security: bearer,
		Summary: "Edit my reply", Errors: []int{401, 404, 422, 500},
		Description: "The space's host replaces their reply (404 reply_not_found when there is none yet). Nobody is notified again.",
	}, func(ctx context.Context, in *replyInput) (*reviewOutput, error) {
		if err := h.app.Commands.ReplyReview.Edit(ctx, caller(ctx).UserID, in.ID, in.Body.Body); err != nil {
			return nil, problem(ctx, err, "body")
		}
		return h.ownReview(ctx, in.ID, 0)
	})
}

// ownReview answers with a review as its author or its space's host sees
// it, whatever the space's status.
func (h handlers) ownReview(ctx context.Context, id int64, status int) (*reviewOutput, error) {
	r, err := h.app.Queries.Reviews.Own(ctx, caller(ctx).UserID, id)
	if err != nil {
		return nil, problem(ctx, err, "path")
	}
	out := &reviewOutput{Body: h.review(r)}
	if status == http.StatusCreated {
		out.Location = "/v1/reviews/" + strconv.FormatInt(id, 10)
	}
	return out, nil
}

func (h handlers) reviews(rs []query.Review) []Review {
	out := make([]Review, len(rs))
	for i, r := range rs {
		out[i] = h.review(r)
	}
	return out
}

func (h handlers) review(r query.Review) Review {
	out := Review{ID: r.ID, SpaceID: r.SpaceID, AuthorNickname: r.AuthorNickname, Rating: r.Rating, Body: r.Body,
		Photos: make([]ReviewPhoto, len(r.Photos)), CreatedAt: r.CreatedAt}
	for i, p := range r.Photos {
		out.Photos[i] = ReviewPhoto{URL: h.abs(p.URL), ThumbnailURL: h.abs(p.ThumbURL)}
	}
	if r.Reply != nil {
		out.Reply = &ReviewReply{Body: r.Reply.Body, RepliedAt: r.Reply.RepliedAt}
	}
	if !r.EditedAt.IsZero() {
		edited := r.EditedAt
		out.EditedAt = &edited
	}
	return out
}

// formText undoes what multipart/form-data does to a text field: browsers
// send every line break as CRLF (HTML's form encoding), so the text is
// stored with the line breaks its writer typed.
func formText(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }
