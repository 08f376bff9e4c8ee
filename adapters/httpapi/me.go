package httpapi

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
)

// bearer marks operations that need a signed-in caller.
var bearer = []map[string][]string{{"bearer": {}}}

// optionalBearer marks public operations that tell a signed-in caller more
// (OpenAPI's empty requirement: anonymous callers are served too).
var optionalBearer = []map[string][]string{{"bearer": {}}, {}}

// Me is the signed-in user.
type Me struct {
	ID            int64     `json:"id"`
	Nickname      string    `json:"nickname" example:"라이언"`
	PictureURL    string    `json:"picture_url,omitempty"`
	Email         string    `json:"email,omitempty"`
	PointsBalance int64     `json:"points_balance" doc:"Points available, 1 point = 1 won" example:"100000"`
	CreatedAt     time.Time `json:"created_at"`
}

// PointsEntry is one change of the balance.
type PointsEntry struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind" enum:"grant,payment,refund"`
	Amount    int64     `json:"amount" doc:"Signed: payments are negative" example:"100000"`
	BookingID *int64    `json:"booking_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// PointsList is a page of the ledger, newest first.
type PointsList struct {
	Items      []PointsEntry `json:"items"`
	NextCursor string        `json:"next_cursor,omitempty"`
}

type meOutput struct{ Body Me }

type pointsInput struct {
	Cursor string `query:"cursor" maxLength:"100"`
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"20"`
}

type pointsOutput struct{ Body PointsList }

func (h handlers) registerMe(api huma.API) {
	huma.Register(api, huma.Operation{
		OperationID: "get-me", Method: http.MethodGet, Path: "/v1/me", Tags: []string{"Accounts"},
		Summary: "The signed-in user", Description: "Profile and points balance.", Security: bearer, Errors: []int{401, 500},
	}, func(ctx context.Context, _ *struct{}) (*meOutput, error) {
		m, err := h.app.Queries.Me.Handle(ctx, caller(ctx).UserID)
		if err != nil {
			return nil, problem(ctx, err, "header")
		}
		return &meOutput{Body: Me{ID: m.ID, Nickname: m.Nickname, PictureURL: m.PictureURL, Email: m.Email,
			PointsBalance: m.PointsBalance, CreatedAt: m.CreatedAt}}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "list-my-points", Method: http.MethodGet, Path: "/v1/me/points", Tags: []string{"Accounts"},
		Summary: "My points ledger", Description: "Every grant, payment and refund, newest first; the balance is their sum.", Security: bearer, Errors: []int{401, 422, 500},
	}, func(ctx context.Context, in *pointsInput) (*pointsOutput, error) {
		page, err := h.app.Queries.Me.ListPoints(ctx, caller(ctx).UserID, in.Cursor, in.Limit)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		out := &pointsOutput{Body: PointsList{Items: make([]PointsEntry, len(page.Items)), NextCursor: page.NextCursor}}
		for i, e := range page.Items {
			out.Body.Items[i] = PointsEntry{ID: e.ID, Kind: e.Kind.String(), Amount: e.Amount, BookingID: e.BookingID, CreatedAt: e.CreatedAt}
		}
		return out, nil
	})
}

// requireBearer enforces the bearer security that operations declare (Huma
// only documents it): no token, a bad one, or one of an ended session is a
// 401 problem. Where the token is optional (optionalBearer), a request
// without an Authorization header is served anonymously, but a bad token is
// still a 401: a client whose token expired must learn it and refresh, not
// be shown as signed out (every like gone) without a word.
func requireBearer(api huma.API, h handlers) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		needs, optional := false, false
		for _, req := range ctx.Operation().Security {
			if _, ok := req["bearer"]; ok {
				needs = true
			}
			if len(req) == 0 {
				optional = true
			}
		}
		if !needs || (optional && ctx.Header("Authorization") == "") {
			next(ctx)
			return
		}
		token, ok := bearerToken(ctx.Header("Authorization"))
		if !ok {
			ctx.SetHeader("WWW-Authenticate", `Bearer realm="ourspace"`)
			_ = huma.WriteErr(api, ctx, http.StatusUnauthorized, "sign in: send Authorization: Bearer <access token>")
			return
		}
		c, err := h.app.Queries.Authenticate.Handle(ctx.Context(), token)
		if err != nil {
			// A session lookup the database could not answer is its 503,
			// Retry-After and all (a status error wrapped with headers): the
			// client keeps its tokens and retries.
			p := problem(ctx.Context(), err, "header")
			var se huma.StatusError
			if errors.As(p, &se) && se.GetStatus() != http.StatusUnauthorized {
				var he huma.HeadersError
				if errors.As(p, &he) {
					for name, values := range he.GetHeaders() {
						for _, v := range values {
							ctx.AppendHeader(name, v)
						}
					}
				}
				_ = huma.WriteErr(api, ctx, se.GetStatus(), se.Error())
				return
			}
			ctx.SetHeader("WWW-Authenticate", `Bearer realm="ourspace", error="invalid_token"`)
			_ = huma.WriteErr(api, ctx, http.StatusUnauthorized, "the access token is invalid, expired or signed out")
			return
		}
		next(huma.WithValue(ctx, callerKey{}, c))
	}
}

func bearerToken(header string) (string, bool) {
	const prefix = "bearer "
	if len(header) <= len(prefix) || !equalFold(header[:len(prefix)], prefix) {
		return "", false
	}
	return header[len(prefix):], true
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
