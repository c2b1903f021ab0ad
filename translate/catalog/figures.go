package catalog

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
)

// Figures is, for English that holds no word (a table's figure: "25",
// "1.5", "37%", "−3…+4", a {{.Number1}} alone, in tags or not), the text
// every locale gives it, written in the locale's style: its decimal
// separator (1,5 in Russian and Kazakh) and its space before a percent
// sign (37 % in Russian). A translator has nothing to do with such a
// unit: extract fills it in, as CAT tools fill in numbers-only segments,
// and fills it in again when the figure changes. ok is false for English
// with a letter in it (tags and placeholders aside), or none of a digit.
func Figures(tag language.Tag, english string) (text string, ok bool) {
	plain := code.ReplaceAllString(english, "")
	digits := false
	for _, r := range plain {
		switch {
		case unicode.IsLetter(r):
			return "", false
		case unicode.IsDigit(r):
			digits = true
		}
	}
	if !digits && !strings.Contains(english, "{{.Number") {
		return "", false
	}
	dec := locale.DecimalSeparator(tag)
	pct := strings.TrimPrefix(locale.FormatPercent(tag, 5, 0), "5")
	// Only the text between tags and placeholders is rewritten.
	var b strings.Builder
	at := 0
	for _, m := range append(code.FindAllStringIndex(english, -1), []int{len(english), len(english)}) {
		part := english[at:m[0]]
		part = decimalPoint.ReplaceAllString(part, "${1}"+dec+"${2}")
		part = percentSign.ReplaceAllString(part, "${1}"+pct)
		b.WriteString(part + english[m[0]:m[1]])
		at = m[1]
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
	code         = regexp.MustCompile(`<[^<>]*>|\{\{[^{}]*\}\}`)
	decimalPoint = regexp.MustCompile(`(\d)\.(\d)`)
	percentSign  = regexp.MustCompile(`(\d)[ \x{00A0}\x{202F}]?%`)
)
