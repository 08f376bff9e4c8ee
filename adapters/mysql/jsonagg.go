package mysql

import (
	"encoding/json"
	"fmt"
	"time"

	gojson "github.com/goccy/go-json"
)

// Child rows read in the statement of their parent come as one JSON object
// of lists, each list a JSON_ARRAYAGG of JSON_OBJECTs (MySQL 8.4 and
// MariaDB 10.11 both have them): one round trip instead of one per list.
// The object is never NULL, so sqlc can type it json.RawMessage; a list
// without rows is null in it and decodes as nil. Neither server promises
// an order inside JSON_ARRAYAGG (MariaDB's ORDER BY there is not in MySQL),
// so every element carries its sort key and Go sorts after decoding.
// MariaDB builds an array under group_concat_max_len (1 MiB by default): a
// list cut short there fails to decode rather than reading as shorter.

// decodeLists decodes a JSON object of lists into dst, with goccy/go-json:
// a detail page decodes one on every read, and encoding/json took a
// twentieth of such a request's CPU (the API's encoder is the same
// library, httpapi.jsonFormat).
func decodeLists(raw json.RawMessage, dst any) error {
	if err := gojson.Unmarshal(raw, dst); err != nil {
		return fmt.Errorf("decode aggregated rows: %w", err)
	}
	return nil
}

// instantLayout is how the queries format a DATETIME(6) inside JSON, with
// DATE_FORMAT(col, '%Y-%m-%d %H:%i:%s.%f'): each server writes temporal
// values into JSON its own way, a formatted string the same way.
const instantLayout = "2006-01-02 15:04:05.000000"

// jsonInstant is an instant stored in UTC and formatted with
// instantLayout; JSON null is the zero time.
type jsonInstant struct{ time.Time }

// UnmarshalJSON implements json.Unmarshaler.
func (t *jsonInstant) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == nil {
		t.Time = time.Time{}
		return nil
	}
	v, err := time.ParseInLocation(instantLayout, *s, time.UTC)
	if err != nil {
		return fmt.Errorf("instant %q: %w", *s, err)
	}
	t.Time = v
	return nil
}
