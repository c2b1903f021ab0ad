package catalog

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
)

// Figures is, for English that holds no word (a table's figure: "25",
// "1.5", "37%", "−3…+4", a {{.Number1}} alone, in tags or not), the text
// every locale gives it, written in the locale's style: its decimal
// separator (1,5 in Russian and Kazakh) and its space before a percent
// sign (37 % in Russian). A translator has nothing to do with such a
// unit: extract fills it in, as CAT tools fill in numbers-only segments,
// and fills it in again when the figure changes. ok is false for English
// with a letter in it (tags, placeholders and template actions aside, as
// markup.Verbatim reads them), or with neither a digit nor a
// {{.NumberN}} placeholder.
func Figures(tag language.Tag, english string) (text string, ok bool) {
	// english is words[0] codes[0] words[1] … words[n]: only the words
	// are read and rewritten.
	var words, codes []string
	at := 0
	for start, end := range markup.Verbatim(english) {
		words = append(words, english[at:start])
		codes = append(codes, english[start:end])
		at = end
	}
	words = append(words, english[at:])
	digits := false
	for _, w := range words {
		for _, r := range w {
			switch {
			case unicode.IsLetter(r):
				return "", false
			case unicode.IsDigit(r):
				digits = true
			}
		}
	}
	for t := range markup.Tokens(english) {
		digits = digits || t.Kind == markup.Placeholder && strings.HasPrefix(t.Name, "Number")
	}
	if !digits {
		return "", false
	}
	dec := locale.DecimalSeparator(tag)
	pct := strings.TrimPrefix(locale.FormatPercent(tag, 5, 0), "5")
	var b strings.Builder
	for i, w := range words {
		w = decimalPoint.ReplaceAllString(w, "${1}"+dec+"${2}")
		b.WriteString(percentSign.ReplaceAllString(w, "${1}"+pct))
		if i < len(codes) {
			b.WriteString(codes[i])
		}
	}
	return b.String(), true
}

// filledFigures reports whether the text of m's form other is what Figures
// gives its English: no translator's work, written by extract.
func filledFigures(tag language.Tag, m *Message) bool {
	src := m.Source()
	if len(m.Forms) != 1 || len(src) != 1 {
		return false
	}
	text, ok := Figures(tag, src[locale.Other])
	return ok && text == m.Forms[locale.Other]
}

var (
	decimalPoint = regexp.MustCompile(`(\d)\.(\d)`)
	percentSign  = regexp.MustCompile(`(\d)[ \x{00A0}\x{202F}]?%`)
)
