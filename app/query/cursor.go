package query

import (
	"encoding/base64"
	"encoding/json"

	"github.com/ourspace/ourspace/domain/search"
)

// cursor is the opaque page token. It names its sort so a token from one
// order is not silently read in another.
type cursor struct {
	Sort string `json:"s"`
	Key  int64  `json:"k"`
	ID   int64  `json:"i"`
}

func encodeCursor(s search.Sort, last SpaceCard) string {
	b, _ := json.Marshal(cursor{Sort: s.String(), Key: last.SortKey, ID: last.ID})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(token string, s search.Sort) (*Keyset, error) {
	if token == "" {
		return nil, nil
	}
	bad := &search.FieldError{Field: "cursor", Reason: "not a cursor of this search; start again without it"}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return nil, bad
	}
	var c cursor
	if err := json.Unmarshal(raw, &c); err != nil || c.Sort != s.String() || c.ID <= 0 {
		return nil, bad
	}
	return &Keyset{Key: c.Key, ID: c.ID}, nil
}
