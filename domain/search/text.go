package search

import (
	"fmt"
	"slices"
	"strings"
)

// Words splits a text query into lower-cased words.
func Words(q string) []string {
	return strings.Fields(strings.ToLower(q))
}

// Text is the searchable text of a space: title, subtitle and address,
// lower-cased, one per line so no word spans two fields.
func Text(title, subtitle, address string) string {
	return strings.ToLower(title + "\n" + subtitle + "\n" + address)
}

// Tokens turns text into index tokens: every character and every pair of
// neighbouring characters inside a word, each spelt as an ASCII word
// ("u" + code point, "b" + two code points, in hex). A plain full-text index
// over these tokens finds Korean substrings on MySQL and MariaDB alike, which
// share no n-gram parser. Tokens are at least 6 characters long, above
// InnoDB's minimum token size, and never stop words.
func Tokens(text string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, w := range strings.Fields(strings.ToLower(text)) {
		rs := []rune(w)
		for i, r := range rs {
			add(fmt.Sprintf("u%05x", r))
			if i+1 < len(rs) {
				add(fmt.Sprintf("b%05x%05x", r, rs[i+1]))
			}
		}
	}
	return out
}

// QueryTokens are the tokens every match of the words must contain: each
// word's pairs, or the lone character of a one-character word. They narrow
// the candidates through the index; the words themselves then confirm.
func QueryTokens(words []string) []string {
	var out []string
	for _, w := range words {
		rs := []rune(w)
		if len(rs) == 1 {
			out = append(out, fmt.Sprintf("u%05x", rs[0]))
			continue
		}
		for i := 0; i+1 < len(rs); i++ {
			out = append(out, fmt.Sprintf("b%05x%05x", rs[i], rs[i+1]))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
