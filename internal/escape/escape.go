// Package escape makes text that came from a file safe to print on a
// terminal or in a CI log: no control character, line break or bidi
// override from a catalogue key, a message or a file name can move the
// cursor, recolour the screen, reorder what a reader sees, or start a line
// that a CI runner reads as a command (GitHub Actions' "::add-mask::",
// "::warning"). What it escapes reads as Go writes it in a string literal
// (\n, \x1b, \u202e), so the reader still sees what the file holds.
package escape

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Line returns s with every control character, line break and bidi
// control escaped, and every byte that is not UTF-8 shown as \xNN: one
// line, whatever s holds.
func Line(s string) string {
	if clean(s, false) {
		return s
	}
	return escape(s, false)
}

// Text is Line for a message tilmash made of several lines itself: line
// feeds stay, every other control character is escaped.
func Text(s string) string {
	if clean(s, true) {
		return s
	}
	return escape(s, true)
}

func clean(s string, keepLF bool) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unsafe(r) && !(keepLF && r == '\n') {
			return false
		}
		i += n
	}
	return true
}

func escape(s string, keepLF bool) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepLF && r == '\n':
			b.WriteByte('\n')
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unsafe(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// unsafe reports whether r must not reach a terminal as it is: C0 and C1
// controls, DEL, the Unicode line and paragraph separators, and the bidi
// embedding, override and isolate controls (which can make a line read
// differently from what it holds).
func unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}
