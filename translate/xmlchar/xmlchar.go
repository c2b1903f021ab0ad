// Package xmlchar says which characters no edition can carry. The EPUB is
// XML, and XML 1.0 (§2.2, Char) forbids the C0 control characters but tab,
// line feed and carriage return, the noncharacters U+FFFE and U+FFFF, lone
// surrogates, and so bytes that are not UTF-8: an EPUB holding one is not
// XML at all, and readers refuse to open it.
//
// tilmash refuses more than XML forbids, and the same set in every format,
// so that all the editions of an article are published or none:
//
//   - DEL (U+007F) and the C1 control characters (U+0080–U+009F): XML 1.0
//     discourages them and HTML's parser reports each as a parse error
//     (control-character-in-input-stream), a character reference to one
//     (&#x93;) is read as a Windows-1252 character by an HTML parser and as
//     the control character by an XML one, so the page and the book would
//     differ; in the plain-text edition U+009B is a terminal's control
//     sequence introducer. In UTF-8 text they are never meant: they are
//     Windows-1252 quotation marks and dashes decoded wrongly.
//   - every noncharacter (U+FDD0–U+FDEF, and the last two code points of
//     each plane, U+1FFFE, U+1FFFF…): Unicode reserves them for a program's
//     own use, never for interchange, and HTML reports them as parse errors.
//
// Tab, line feed and carriage return are allowed here: where a line break
// does not belong (in a translation whose English has none), package check
// says so.
package xmlchar

import (
	"fmt"
	"unicode/utf8"
)

// Why says why no edition can carry r, or returns "" when one can.
// utf8.RuneError stands for a byte that is not UTF-8 only when Index
// reports it; the character U+FFFD itself is fine.
func Why(r rune) string {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return ""
	case r < 0x20:
		return "a control character"
	case r == 0x7f:
		return "the control character DEL"
	case 0x80 <= r && r <= 0x9f:
		return "a C1 control character (Windows-1252 text decoded wrongly?)"
	case 0xd800 <= r && r <= 0xdfff:
		return "a lone surrogate"
	case 0xfdd0 <= r && r <= 0xfdef, r&0xfffe == 0xfffe && r <= utf8.MaxRune:
		return "a noncharacter"
	case r > utf8.MaxRune || r < 0:
		return "not a Unicode character"
	}
	return ""
}

// Index returns the byte offset in s of the first character no edition can
// carry, and that character (utf8.RuneError for a byte that is not UTF-8),
// or -1 when there is none.
func Index(s string) (int, rune) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // ASCII: the common case, without decoding
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				return i, rune(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i, r
		}
		if Why(r) != "" {
			return i, r
		}
		i += n
	}
	return -1, 0
}

// Describe names the character at s[i:] that Index found, for a message:
// "a control character (U+000B)", or "a byte that is not UTF-8 (0xFF)".
func Describe(s string, i int) string {
	r, n := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && n <= 1 {
		if i < len(s) {
			return fmt.Sprintf("a byte that is not UTF-8 (0x%02X)", s[i])
		}
		return "a byte that is not UTF-8"
	}
	return fmt.Sprintf("%s (%U)", Why(r), r)
}
