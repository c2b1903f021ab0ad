package conformance

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The marks around every word of en-XA.
const (
	open  = "⟦"
	close = "⟧"
)

// Pseudo is the en-XA translation of a message: every word (a run of
// letters) of its text marked, ⟦word⟧, and everything a translator keeps
// as it is kept: tags (<em>, <a1>, <code1/>), placeholders ({{.Number1}},
// {{"{{"}}) and the escapes &lt; and &amp;.
func Pseudo(msg string) string {
	var b strings.Builder
	for i := 0; i < len(msg); {
		if n := keptLen(msg[i:]); n > 0 {
			b.WriteString(msg[i : i+n])
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(msg[i:])
		if !isLetter(r) {
			b.WriteString(msg[i : i+size])
			i += size
			continue
		}
		j := i
		for j < len(msg) {
			r, size := utf8.DecodeRuneInString(msg[j:])
			if !isLetter(r) && !(j > i && unicode.Is(unicode.Mn, r)) || keptLen(msg[j:]) > 0 {
				break
			}
			j += size
		}
		b.WriteString(open + msg[i:j] + close)
		i = j
	}
	return b.String()
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }

// keptLen is the length of what a translator keeps at the start of s: a
// tag, a placeholder or an escape; 0 if there is none.
func keptLen(s string) int {
	switch {
	case strings.HasPrefix(s, "{{"):
		if end := strings.Index(s[2:], "}}"); end >= 0 {
			return end + 4
		}
	case strings.HasPrefix(s, "&lt;"):
		return 4
	case strings.HasPrefix(s, "&amp;"):
		return 5
	case strings.HasPrefix(s, "<"):
		i := 1
		if i < len(s) && s[i] == '/' {
			i++
		}
		start := i
		for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
			i++
		}
		if i == start {
			return 0
		}
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if strings.HasPrefix(s[i:], "/>") {
			return i + 2
		}
		if strings.HasPrefix(s[i:], ">") {
			return i + 1
		}
	}
	return 0
}
