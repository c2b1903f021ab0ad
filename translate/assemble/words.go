package assemble

import (
	"strings"
	"unicode"
)

// Words splits text into words: runs of letters and digits, keeping an
// apostrophe or hyphen between two letters inside the word ("don’t",
// "18-30", "Алма-Ата").
func Words(s string) []string {
	var words []string
	var w strings.Builder
	runes := []rune(s)
	for i, r := range runes {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if !inWord && (r == '\'' || r == '’' || r == '-' || r == '‐') && w.Len() > 0 && i+1 < len(runes) && (unicode.IsLetter(runes[i+1]) || unicode.IsDigit(runes[i+1])) {
			inWord = true
		}
		if inWord {
			w.WriteRune(r)
			continue
		}
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	if w.Len() > 0 {
		words = append(words, w.String())
	}
	return words
}
