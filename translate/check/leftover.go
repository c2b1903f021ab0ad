package check

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A sentence of the English found verbatim in a translation counts as
// English left in when it has leftoverWords words or more, leftoverLower
// of them beginning with a lower-case letter: a name or a title ("Global
// Voices", "Verkhny Lars", "The New York Times") may stay as it is, a
// sentence ("Rents there doubled.") may not.
const (
	leftoverWords = 3
	leftoverLower = 2
)

// EnglishLeft finds a sentence of english (leftoverWords words or more,
// leftoverLower in lower case) that stands verbatim in text: what a CAT
// tool leaves of a segment it had no translation for (OmegaT writes such a
// segment's English into the target), or a translator's unfinished
// paragraph. It returns the sentence's byte offset in text and the
// sentence, or -1 and "".
//
// Its cost is linear in the two texts: text is read once, for where the
// sentences' first words stand (at most leftoverTries places each), and
// each distinct sentence is looked for only there.
func EnglishLeft(text, english string) (int, string) {
	if text == english {
		return -1, "" // the whole text: the identical check's
	}
	var candidates []string
	seen := map[string]bool{}
	for _, s := range sentences(english) {
		if n, lower := wordCount(s); n < leftoverWords || lower < leftoverLower || seen[s] {
			continue
		}
		seen[s] = true
		candidates = append(candidates, s)
	}
	if len(candidates) == 0 {
		return -1, ""
	}
	if len(candidates) <= leftoverTries && !slices.ContainsFunc(candidates, func(s string) bool {
		first, _, _ := strings.Cut(s, " ")
		return strings.Contains(text, first)
	}) {
		return -1, "" // no first word anywhere, as in most translations: a few fast searches, no index (a bounded number: never quadratic)
	}
	at := map[string][]int{} // where each sentence's first word stands in text
	for _, s := range candidates {
		first, _, _ := strings.Cut(s, " ")
		at[first] = nil
	}
	wordStarts(text, at)
	for _, s := range candidates {
		first, _, _ := strings.Cut(s, " ")
		for _, off := range at[first] {
			if strings.HasPrefix(text[off:], s) {
				return off, s
			}
		}
	}
	return -1, ""
}

// leftoverTries is how many places of its first word a sentence is
// looked for at: a real translation holds an English word a few times at
// most, and a crafted one cannot make the search quadratic.
const leftoverTries = 16

// wordStarts records where the words that at holds (as keys) begin in
// text, first places first, leftoverTries at most each: a space-separated
// word, or one without the punctuation before it («They → They).
func wordStarts(text string, at map[string][]int) {
	note := func(word string, i int) {
		if offs, ok := at[word]; ok && len(offs) < leftoverTries {
			at[word] = append(offs, i)
		}
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, m := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += m
		}
		word := text[i:j]
		note(word, i)
		if k := strings.IndexFunc(word, unicode.IsLetter); k > 0 {
			note(word[k:], i+k)
		}
		i = j
	}
}

// sentences splits a text after each ".", "!", "?" or "…" (and the
// quotes and brackets that close with it) that the end follows, or a
// space and then no lower-case letter; each sentence without the space
// around it.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if !strings.ContainsRune(".!?…", r) {
			continue
		}
		for i < len(text) {
			c, m := utf8.DecodeRuneInString(text[i:])
			if !strings.ContainsRune(".!?…\"'’”»)]", c) {
				break
			}
			i += m
		}
		next, _ := utf8.DecodeRuneInString(text[i:])
		after, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(text[i:], unicode.IsSpace))
		if i == len(text) || unicode.IsSpace(next) && !unicode.IsLower(after) { // "(U.S.) dollars" goes on
			if s := strings.TrimSpace(text[start:i]); s != "" {
				out = append(out, s)
			}
			start = i
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// wordCount counts the words of s that hold a letter, and those of them
// that begin with a lower-case letter.
func wordCount(s string) (n, lower int) {
	for _, w := range strings.Fields(s) {
		if strings.IndexFunc(w, unicode.IsLetter) < 0 {
			continue
		}
		n++
		if r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })); unicode.IsLower(r) {
			lower++
		}
	}
	return n, lower
}
