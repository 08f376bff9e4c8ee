package httpapi

import (
	"fmt"
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ourspace/ourspace/adapters/ratelimit"
)

// RateLimits are the budgets of the operations that invite abuse or cost
// the most: signing in (each may call the identity provider), refreshing,
// writing bookings, and uploading photos. Each group has a budget per
// client address and one per signed-in user; past either, the answer is a
// 429 problem with Retry-After. Other operations are not limited.
type RateLimits struct {
	// Limiter keeps the counts; nil turns rate limiting off.
	Limiter ratelimit.Limiter

	// The groups' budgets (rateLimitGroups).
	SignIn, Refresh, Bookings, Uploads Budget
	// TrustedProxies are the networks of the proxies in front of the API:
	// only from a peer among them is X-Forwarded-For believed (clientIP).
	TrustedProxies []netip.Prefix
}

// Budget is one group's limits; a zero Limit does not limit.
type Budget struct {
	PerIP, PerUser ratelimit.Limit
}

// rateLimitGroups puts each limited operation in its group. The sign-in
// group covers the development login too: it runs through the same
// kakao-login and kakao-callback operations.
var rateLimitGroups = map[string]string{
	"kakao-login": "signin", "kakao-callback": "signin", "exchange-login-code": "signin", "kakao-token-login": "signin",
	"refresh-session": "refresh",
	"create-booking":  "bookings", "pay-booking": "bookings", "cancel-booking": "bookings",
	"create-space": "uploads", "add-space-photos": "uploads", "create-review": "uploads",
}

func (l RateLimits) budget(group string) Budget {
	switch group {
	case "signin":
		return l.SignIn
	case "refresh":
		return l.Refresh
	case "bookings":
		return l.Bookings
	case "uploads":
		return l.Uploads
	}
	return Budget{}
}

// Who a budget is kept for.
const (
	scopeIP   = "ip"
	scopeUser = "user"
)

// rateLimit spends from the budget of scope (scopeIP before the bearer
// check, so floods are refused before any token is verified; scopeUser
// after it, when the caller is known). A request whose peer has no IP
// address (a Unix socket) is not limited by address.
func rateLimit(api huma.API, limits RateLimits, m Metrics, scope string) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		group, ok := rateLimitGroups[ctx.Operation().OperationID]
		if !ok || limits.Limiter == nil {
			next(ctx)
			return
		}
		var key string
		var limit ratelimit.Limit
		switch scope {
		case scopeIP:
			var forwarded []string
			ctx.EachHeader(func(name, value string) {
				if strings.EqualFold(name, "X-Forwarded-For") {
					forwarded = append(forwarded, value)
				}
			})
			ip, ok := clientIP(ctx.RemoteAddr(), forwarded, limits.TrustedProxies)
			if !ok {
				next(ctx)
				return
			}
			key, limit = group+":ip:"+ipKey(ip), limits.budget(group).PerIP
		case scopeUser:
			user := viewer(ctx.Context())
			if user == 0 {
				next(ctx)
				return
			}
			key, limit = group+":user:"+strconv.FormatInt(user, 10), limits.budget(group).PerUser
		}
		d := limits.Limiter.Allow(ctx.Context(), key, limit)
		if d.Allowed {
			next(ctx)
			return
		}
		if m != nil {
			m.RateLimited(group, scope)
		}
		wait := max(1, int(math.Ceil(d.RetryAfter.Seconds())))
		ctx.SetHeader("Retry-After", strconv.Itoa(wait))
		_ = huma.WriteErr(api, ctx, http.StatusTooManyRequests, fmt.Sprintf("too many requests: try again in %d s", wait))
	}
}

// documentRateLimits adds the 429 answer to each limited operation, with
// the problem schema Huma gives its other errors.
func documentRateLimits(_ *huma.OpenAPI, op *huma.Operation) {
	if _, limited := rateLimitGroups[op.OperationID]; !limited || op.Responses["429"] != nil {
		return
	}
	for _, r := range op.Responses {
		if mt := r.Content["application/problem+json"]; mt != nil {
			op.Responses["429"] = &huma.Response{
				Description: "Too Many Requests: this client or user is past its budget for this kind of request; try again after Retry-After seconds",
				Headers: map[string]*huma.Param{"Retry-After": {Required: true, Description: "Seconds to wait before trying again",
					Schema: &huma.Schema{Type: huma.TypeInteger, Minimum: ptr(1.0)}}},
				Content: map[string]*huma.MediaType{"application/problem+json": {Schema: mt.Schema}},
			}
			return
		}
	}
}

func ptr[T any](v T) *T { return &v }
