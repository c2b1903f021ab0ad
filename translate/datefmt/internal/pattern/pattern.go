// Package pattern splits a CLDR date pattern such as "d MMMM y 'г'." into
// literal text and date fields. It is shared by package datefmt, which
// formats with the patterns, and by its table generator, which refuses CLDR
// data whose patterns use fields datefmt cannot format.
package pattern

import (
	"fmt"
	"strings"
)

// Token is one piece of a pattern: either literal text (Field == 0) or a
// field letter repeated Count times, such as MMMM (Field 'M', Count 4).
type Token struct {
	// Field is the pattern letter (a-z, A-Z), or 0 for literal text.
	Field byte
	// Count is how many times the letter is repeated; 0 for literal text.
	Count int
	// Literal is the text to copy as is when Field is 0.
	Literal string
}

// Supported reports whether datefmt can format the field letter repeated
// count times: y (year), M and L (format and stand-alone month), d (day of
// month) and G (era, always AD for the dates datefmt accepts).
func Supported(field byte, count int) bool {
	switch field {
	case 'y':
		return count >= 1 && count <= 9
	case 'M', 'L', 'G':
		return count >= 1 && count <= 5
	case 'd':
		return count == 1 || count == 2
	}
	return false
}

// Parse splits a pattern into tokens, following UTS #35: ASCII letters are
// fields, text between apostrophes is literal, two apostrophes stand for
// one, and anything else is literal. Adjacent literal text is merged into
// one token. Parse fails on an unterminated quote and on a field letter that
// Supported rejects.
func Parse(p string) ([]Token, error) {
	var toks []Token
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			toks = append(toks, Token{Literal: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '\'':
			if i+1 < len(p) && p[i+1] == '\'' {
				lit.WriteByte('\'')
				i += 2
				continue
			}
			// Quoted text runs to the next lone apostrophe; '' inside it is
			// an apostrophe too.
			i++
			for {
				if i >= len(p) {
					return nil, fmt.Errorf("pattern %q: unterminated quote", p)
				}
				if p[i] == '\'' {
					if i+1 < len(p) && p[i+1] == '\'' {
						lit.WriteByte('\'')
						i += 2
						continue
					}
					i++
					break
				}
				lit.WriteByte(p[i])
				i++
			}
		case isLetter(c):
			n := 1
			for i+n < len(p) && p[i+n] == c {
				n++
			}
			if !Supported(c, n) {
				return nil, fmt.Errorf("pattern %q: unsupported field %s", p, strings.Repeat(string(c), n))
			}
			flush()
			toks = append(toks, Token{Field: c, Count: n})
			i += n
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
	return toks, nil
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
