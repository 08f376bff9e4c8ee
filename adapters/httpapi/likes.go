package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ourspace/ourspace/domain/like"
)

// SpaceLike is whether you like a space, and how many users do.
type SpaceLike struct {
	SpaceID   int64 `json:"space_id"`
	Liked     bool  `json:"liked"`
	LikeCount int   `json:"like_count" doc:"Users who like the space, this like included"`
}

type spaceLikeOutput struct{ Body SpaceLike }

// LikedSpaceSummary is a space you like, in whatever status it is now.
type LikedSpaceSummary struct {
	SpaceSummary
	Status  string    `json:"status" enum:"active,hidden,retired" doc:"Only active spaces can be opened and booked: show the others greyed out (their like can still be taken back)"`
	LikedAt time.Time `json:"liked_at"`
}

// LikedSpaceList is a page of your likes, the latest first.
type LikedSpaceList struct {
	Items      []LikedSpaceSummary `json:"items"`
	NextCursor string              `json:"next_cursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page"`
}

type myLikesInput struct {
	Cursor string `query:"cursor" maxLength:"200" doc:"next_cursor of the previous page"`
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"20" doc:"Page size"`
}

type likedSpaceListOutput struct{ Body LikedSpaceList }

func (h handlers) registerLikes(api huma.API) {
	tags := []string{"Likes"}
	huma.Register(api, huma.Operation{
		OperationID: "like-space", Method: http.MethodPut, Path: "/v1/spaces/{id}/like", Tags: tags, Security: bearer,
		Summary: "Like a space", Errors: []int{401, 404, 422, 500},
		Description: "Idempotent: liking a space you like already changes nothing. The like count, and the popular sort, " +
			"change with the like. Only active spaces can be liked: hidden, retired and unknown spaces are 404.",
	}, func(ctx context.Context, in *spaceIDInput) (*spaceLikeOutput, error) {
		st, err := h.app.Commands.LikeSpace.Like(ctx, caller(ctx).UserID, in.ID)
		if err != nil {
			return nil, problem(ctx, err, "path")
		}
		return spaceLike(in.ID, st), nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "unlike-space", Method: http.MethodDelete, Path: "/v1/spaces/{id}/like", Tags: tags, Security: bearer,
		Summary: "Take a like back", Errors: []int{401, 404, 422, 500},
		Description: "Idempotent: taking back a like you do not have changes nothing. Works whatever the space's status " +
			"(a like of a space since hidden or retired can always be taken back); unknown spaces are 404.",
	}, func(ctx context.Context, in *spaceIDInput) (*spaceLikeOutput, error) {
		st, err := h.app.Commands.LikeSpace.Unlike(ctx, caller(ctx).UserID, in.ID)
		if err != nil {
			return nil, problem(ctx, err, "path")
		}
		return spaceLike(in.ID, st), nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "list-my-likes", Method: http.MethodGet, Path: "/v1/me/likes", Tags: tags, Security: bearer,
		Summary: "My likes", Errors: []int{401, 422, 500},
		Description: "The spaces you like, the latest like first, in whatever status they are now (see status).",
	}, func(ctx context.Context, in *myLikesInput) (*likedSpaceListOutput, error) {
		p, err := h.app.Queries.Likes.Handle(ctx, caller(ctx).UserID, in.Cursor, in.Limit)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		out := LikedSpaceList{Items: make([]LikedSpaceSummary, len(p.Items)), NextCursor: p.NextCursor}
		for i, s := range p.Items {
			out.Items[i] = LikedSpaceSummary{SpaceSummary: h.summary(s.SpaceCard), Status: s.Status.String(), LikedAt: s.LikedAt}
		}
		return &likedSpaceListOutput{Body: out}, nil
	})
}

func spaceLike(id int64, st like.State) *spaceLikeOutput {
	return &spaceLikeOutput{Body: SpaceLike{SpaceID: id, Liked: st.Liked, LikeCount: st.Count}}
}
