package search

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"파티룸", []string{"파티룸"}},
		{"  강남   Party\tROOM\n", []string{"강남", "party", "room"}},
		{"ÉTÉ Straße", []string{"été", "straße"}},
		{"강남\u3000파티룸", []string{"강남", "파티룸"}}, // ideographic space
	}
	for _, tt := range tests {
		if got := Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	if got, want := Text("Party ROOM", "루프탑", "서울 강남구"), "party room\n루프탑\n서울 강남구"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"one Korean character", "룸", []string{"u0b8f8"}},
		{"Korean word: characters and neighbouring pairs",
			"파티룸", []string{"u0d30c", "b0d30c0d2f0", "u0d2f0", "b0d2f00b8f8", "u0b8f8"}},
		{"lower-cased Latin", "Ab", []string{"u00061", "b0006100062", "u00062"}},
		{"repeated tokens once", "aaa", []string{"u00061", "b0006100061"}},
		{"no pair across words", "a b", []string{"u00061", "u00062"}},
		{"no pair across lines", "강\n남", []string{"u0ac15", "u0b0a8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokensAreIndexableWords(t *testing.T) {
	word := regexp.MustCompile(`^[ub][0-9a-f]+$`)
	for _, tok := range Tokens(Text("강남역 파티룸 Party Room!", "Cozy 루프탑 🎉", "서울 강남구 테헤란로 1-2")) {
		if len(tok) < 6 {
			t.Errorf("token %q is shorter than 6 characters", tok)
		}
		if !word.MatchString(tok) {
			t.Errorf("token %q is not one lower-case ASCII word", tok)
		}
	}
}

func TestQueryTokens(t *testing.T) {
	tests := []struct {
		name  string
		words []string
		want  []string
	}{
		{"none", nil, nil},
		{"one-character word is its character", []string{"룸"}, []string{"u0b8f8"}},
		{"two-character word is one pair", []string{"파티"}, []string{"b0d30c0d2f0"}},
		{"longer word is its pairs only", []string{"파티룸"}, []string{"b0d2f00b8f8", "b0d30c0d2f0"}},
		{"several words, sorted and without duplicates", []string{"파티", "룸", "파티룸"}, []string{"b0d2f00b8f8", "b0d30c0d2f0", "u0b8f8"}},
		{"Latin word", []string{"ab"}, []string{"b0006100062"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := QueryTokens(tt.words)
			if !slices.Equal(got, tt.want) {
				t.Errorf("QueryTokens(%q) = %q, want %q", tt.words, got, tt.want)
			}
			if !slices.IsSorted(got) {
				t.Errorf("QueryTokens(%q) = %q is not sorted", tt.words, got)
			}
		})
	}
}

// Every word that Matches finds as a substring must also be found through the
// index: its query tokens are all among the text's tokens.
func TestQueryTokensOfEverySubstringAreInTheText(t *testing.T) {
	texts := [][3]string{
		{"강남역 파티룸 Party Room", "Cozy 루프탑", "서울 강남구 테헤란로 1"},
		{"홍대 보컬연습실", "24시간 OPEN", "마포구 와우산로"},
		{"aaa", "ÀÉÎ", "🎉파티🎉"},
	}
	for _, tx := range texts {
		text := Text(tx[0], tx[1], tx[2])
		tokens := Tokens(text)
		for _, field := range strings.Fields(text) {
			rs := []rune(field)
			for i := range rs {
				for j := i + 1; j <= len(rs); j++ {
					q := string(rs[i:j])
					words := Words(q)
					if !strings.Contains(text, words[0]) {
						t.Fatalf("test setup: %q is not in %q", q, text)
					}
					for _, tok := range QueryTokens(words) {
						if !slices.Contains(tokens, tok) {
							t.Errorf("query %q: token %s is not among the tokens of %q", q, tok, text)
						}
					}
				}
			}
		}
	}
}

func TestQueryTokensNarrowOutNonMatches(t *testing.T) {
	tokens := Tokens(Text("강남역 파티룸", "", ""))
	for _, q := range []string{"룸파티", "강남구", "연습실", "x"} {
		missing := false
		for _, tok := range QueryTokens(Words(q)) {
			if !slices.Contains(tokens, tok) {
				missing = true
			}
		}
		if !missing {
			t.Errorf("every token of %q is in the text, but the text does not contain it", q)
		}
	}
}

func TestCaseInsensitiveQueryMeetsLowerCasedTokens(t *testing.T) {
	tokens := Tokens("Party ROOM")
	for _, tok := range QueryTokens(Words("pARTY Room")) {
		if !slices.Contains(tokens, tok) {
			t.Errorf("token %s of a differently-cased query is missing from the text's tokens", tok)
		}
	}
}
