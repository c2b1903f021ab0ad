package check

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/tilmash/tilmash/translate/words"
)

// WordListName is the file of a locale's word list in the glossary
// folder: the words that are right but that its dictionary does not know,
// which the spelling check accepts (Input.Words).
func WordListName(locale string) string { return "words." + locale + ".txt" }

// WordListLocale is the locale whose word list a file of the glossary
// folder is (WordListName's inverse), if it is one.
func WordListLocale(name string) (string, bool) {
	rest, ok := strings.CutPrefix(name, "words.")
	loc, txt := strings.CutSuffix(rest, ".txt")
	return loc, ok && txt && loc != ""
}

// WordList is the words of a word list's content: one per line, blank
// lines and "#" comments left out, each line's spaces trimmed.
func WordList(data []byte) []string {
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// AddWords adds words to a word list's content (one word per line, "#"
// comments, as glossary/words.<locale>.txt holds them): each once, in
// NFC, after the list's own lines, which stay as they are. header starts
// a list that is empty. It returns the new content and the words added;
// those already listed are not added again. A word that is not one word
// (words.Split: letters, marks and digits, a hyphen or an apostrophe
// inside) is an error naming it, and nothing is added.
func AddWords(list []byte, add []string, header string) ([]byte, []string, error) {
	have := map[string]bool{}
	for _, w := range WordList(list) {
		have[w] = true
	}
	var added []string
	for _, w := range add {
		w = norm.NFC.String(strings.TrimSpace(w))
		if ws := words.Split(w); len(ws) != 1 || ws[0].Text != w {
			return nil, nil, fmt.Errorf("%q is not one word: add words one by one, as the checks split them (letters and digits, a hyphen or an apostrophe inside)", w)
		}
		if !have[w] {
			have[w] = true
			added = append(added, w)
		}
	}
	if len(added) == 0 {
		return list, nil, nil
	}
	out := strings.Builder{}
	if len(strings.TrimSpace(string(list))) == 0 {
		out.WriteString(header)
	} else {
		out.Write(list)
		if !strings.HasSuffix(string(list), "\n") {
			out.WriteByte('\n')
		}
	}
	for _, w := range added {
		out.WriteString(w + "\n")
	}
	return []byte(out.String()), added, nil
}
