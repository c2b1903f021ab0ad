// Package tomlpos turns the positions in BurntSushi/toml's parse errors
// into what an editor shows: a line and a column in characters (the
// decoder counts bytes), on the line where the problem is (an error found
// at a line break belongs at the end of the line it ends, where the
// decoder has already moved on to the next).
package tomlpos

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Position returns the line and column of pe in data, both from 1.
func Position(data []byte, pe toml.ParseError) (line, col int) {
	lines := strings.Split(string(data), "\n")
	line, col = pe.Position.Line, pe.Position.Col
	if line < 1 || line > len(lines) {
		return max(line, 1), max(col, 1)
	}
	if strings.Contains(pe.Message, `got '\n'`) && line > 1 {
		prev := strings.TrimSuffix(lines[line-2], "\r")
		return line - 1, utf8.RuneCountInString(prev) + 1
	}
	l := strings.TrimSuffix(lines[line-1], "\r")
	if strings.Contains(pe.Message, "has already been defined") { // at the key or table
		return line, utf8.RuneCountInString(l[:len(l)-len(strings.TrimLeft(l, " \t"))]) + 1
	}
	if col < 1 {
		col = 1
	}
	b := min(col-1, len(l))
	// "got 'б' instead": at that character, which the decoder may have
	// counted past.
	if m := gotRe.FindStringSubmatch(pe.Message); m != nil {
		if i := strings.LastIndex(l[:min(b+len(m[1]), len(l))], m[1]); i >= 0 {
			b = i
		}
	}
	for b > 0 && b < len(l) && !utf8.RuneStart(l[b]) {
		b--
	}
	return line, utf8.RuneCountInString(l[:b]) + 1
}

var gotRe = regexp.MustCompile(`got '([^']+)' instead`)
