// Package words splits text into words, the one way every step counts,
// matches and spell-checks them: a word is a run of letters, combining marks
// and digits, with a hyphen or an apostrophe kept inside it when a letter or
// digit follows ("don’t", "18-30", "Алма-Ата", "КСРО-ны").
package words

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Word is a word of a text and where it stands, in bytes.
type Word struct {
	Text       string // the word
	Start, End int    // its byte offsets in the text
}

// Split returns the words of text with their offsets.
func Split(text string) []Word {
	if text == "" {
		return nil
	}
	// About one word per space: len(text)/8 was twice too many for
	// Cyrillic (two bytes a letter), a quarter of build's allocations.
	out := make([]Word, 0, strings.Count(text, " ")+1)
	Each(text, func(w Word) { out = append(out, w) })
	return out
}

// Count returns the number of words of text, as Split would find them,
// allocating nothing: what a word count (an edition's reading time, a
// status's figures) needs.
func Count(text string) int {
	n := 0
	Each(text, func(Word) { n++ })
	return n
}

// Each calls f with each word of text and its offsets, in order, as Split
// would return them, without making a list of them.
func Each(text string, f func(Word)) {
	start := -1
	for i, c := range text {
		in := isWordRune(c)
		if !in && start >= 0 && (c == '-' || c == '‐' || c == '\'' || c == '’') {
			next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(c):])
			in = unicode.IsLetter(next) || unicode.IsDigit(next)
		}
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			f(Word{text[start:i], start, i})
			start = -1
		}
	}
	if start >= 0 {
		f(Word{text[start:], start, len(text)})
	}
}

// Strings returns the words of text.
func Strings(text string) []string {
	ws := Split(text)
	if len(ws) == 0 {
		return nil
	}
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Text
	}
	return out
}

func isWordRune(c rune) bool {
	switch {
	case c < utf8.RuneSelf:
		return '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z'
	case 0x400 <= c && c <= 0x4ff: // the Cyrillic block: letters and combining marks, but for ҂ and the enclosing marks
		return c != 0x482 && c != 0x488 && c != 0x489
	}
	return unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c)
}
