package mysql

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ourspace/ourspace/app/query"
)

// cardPhotosOf decodes spaces.card_photos (migration 00010, written by
// RefreshCardPhotos): a JSON array of [id, detail_key, thumb_key] arrays,
// the card's first photos in order. Every list of cards decodes it for
// each card, so it is read here rather than through encoding/json's
// reflection: the keys are substrings of s, and the only allocation is the
// slice. Keys with escapes (never written by us) go through encoding/json.
// Anything else than that shape is an error, never an empty list.
func cardPhotosOf(s string) ([]query.Photo, error) {
	d := cardPhotoScanner{s: s}
	if !d.consume('[') {
		return nil, d.fail()
	}
	if d.consume(']') {
		return []query.Photo{}, d.end()
	}
	photos := make([]query.Photo, 0, query.CardPhotos)
	for {
		if !d.consume('[') {
			return nil, d.fail()
		}
		id, ok := d.id()
		if !ok || !d.consume(',') {
			return nil, d.fail()
		}
		detail, ok := d.str()
		if !ok || !d.consume(',') {
			return nil, d.fail()
		}
		thumb, ok := d.str()
		if !ok || !d.consume(']') {
			return nil, d.fail()
		}
		photos = append(photos, photoOf(id, detail, thumb))
		if d.consume(',') {
			continue
		}
		if d.consume(']') {
			return photos, d.end()
		}
		return nil, d.fail()
	}
}

// cardPhotoScanner reads the tokens of a card_photos value from s at i.
type cardPhotoScanner struct {
	s string
	i int
}

func (d *cardPhotoScanner) space() {
	for d.i < len(d.s) && (d.s[d.i] == ' ' || d.s[d.i] == '\t' || d.s[d.i] == '\n' || d.s[d.i] == '\r') {
		d.i++
	}
}

// consume skips white space and then c, if it is next.
func (d *cardPhotoScanner) consume(c byte) bool {
	d.space()
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}
	return false
}

// id reads a photo id: a positive integer without sign, fraction or
// exponent.
func (d *cardPhotoScanner) id() (int64, bool) {
	d.space()
	start := d.i
	for d.i < len(d.s) && d.s[d.i] >= '0' && d.s[d.i] <= '9' {
		d.i++
	}
	if d.i == start || (d.s[start] == '0' && d.i > start+1) {
		return 0, false
	}
	n, err := strconv.ParseInt(d.s[start:d.i], 10, 64)
	return n, err == nil && n > 0
}

// str reads a JSON string.
func (d *cardPhotoScanner) str() (string, bool) {
	d.space()
	if d.i >= len(d.s) || d.s[d.i] != '"' {
		return "", false
	}
	start := d.i + 1
	plain := true
	for j := start; j < len(d.s); j++ {
		switch c := d.s[j]; {
		case c == '"':
			d.i = j + 1
			if v := d.s[start:j]; plain && utf8.ValidString(v) {
				return v, true
			}
			var v string
			if err := json.Unmarshal([]byte(d.s[start-1:j+1]), &v); err != nil {
				return "", false
			}
			return v, true
		case c == '\\':
			plain = false
			j++ // the escaped character, which may be a quote
		case c < 0x20:
			return "", false
		}
	}
	return "", false
}

// end is nil when only white space is left.
func (d *cardPhotoScanner) end() error {
	d.space()
	if d.i != len(d.s) {
		return d.fail()
	}
	return nil
}

func (d *cardPhotoScanner) fail() error {
	s := d.s
	if len(s) > 80 {
		s = strings.ToValidUTF8(s[:80], "") + "…"
	}
	return fmt.Errorf("card photos %q: not an array of [id, detail_key, thumb_key] at byte %d", s, d.i)
}
