package httpapi

import (
	"net/http"
	"runtime"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// refuseUnhashableItems answers 422 where Huma's validator panics: its
// uniqueItems check keys a map by each item before checking the item's
// type, and an object or array cannot be a key ("facility_ids": [1, {}]
// was a 500). Other panics go on to the recovery in withRequestContext.
func refuseUnhashableItems(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if err, ok := p.(runtime.Error); ok && strings.Contains(err.Error(), "unhashable type") {
				_ = huma.WriteErr(api, ctx, http.StatusUnprocessableEntity, "validation failed",
					&huma.ErrorDetail{Location: "body", Message: "a list that must hold unique values holds an object or a list"})
				return
			}
			panic(p)
		}()
		next(ctx)
	}
}
