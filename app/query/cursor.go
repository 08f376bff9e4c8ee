package query

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/search"
)

// Every list of the API pages the same way, here: an opaque cursor holding
// the last item's keyset, named after the list (and sort) it belongs to so a
// cursor of one list is refused by another, and one row more than asked
// fetched to tell whether another page follows.

// cursor is the opaque page token.
type cursor struct {
	Scope string `json:"s"`
	Key   int64  `json:"k"`
	ID    int64  `json:"i"`
}

func encodeCursor(scope string, k Keyset) string {
	b, _ := json.Marshal(cursor{Scope: scope, Key: k.Key, ID: k.ID})
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor of scope; nil for the first page.
func decodeCursor(token, scope string) (*Keyset, error) {
	if token == "" {
		return nil, nil
	}
	bad := badCursor()
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return nil, bad
	}
	var c cursor
	if err := json.Unmarshal(raw, &c); err != nil || c.Scope != scope || c.ID <= 0 {
		return nil, bad
	}
	return &Keyset{Key: c.Key, ID: c.ID}, nil
}

// decodeTimeCursor reads a cursor whose key is an instant in Unix
// microseconds; a forged one outside the calendar would reach SQL as a
// DATETIME it cannot hold.
func decodeTimeCursor(token, scope string) (*Keyset, error) {
	k, err := decodeCursor(token, scope)
	if k != nil && !calendar.InRange(calendar.DateOf(time.UnixMicro(k.Key))) {
		return nil, badCursor()
	}
	return k, err
}

func badCursor() error {
	return fault.Field("cursor", "not a cursor of this list; start again without it")
}

// pageSize validates a requested page size; 0 asks for the default.
func pageSize(limit int) (int, error) {
	if limit == 0 {
		return search.DefaultLimit, nil
	}
	if limit < 1 || limit > search.MaxLimit {
		return 0, fault.Field("limit", fmt.Sprintf("must be 1–%d", search.MaxLimit))
	}
	return limit, nil
}

// trimPage cuts the extra row a read fetched (it asked for limit+1) and gives
// the cursor of the next page, empty on the last one.
func trimPage[T any](items []T, limit int, scope string, keyOf func(T) Keyset) ([]T, string) {
	if len(items) <= limit {
		return items, ""
	}
	return items[:limit], encodeCursor(scope, keyOf(items[limit-1]))
}
