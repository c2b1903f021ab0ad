// Package tomlpos turns the positions in BurntSushi/toml's parse errors
// into what an editor shows: a line and a column in characters (the
// decoder counts bytes), on the line where the problem is (an error found
// at a line break belongs at the end of the line it ends, where the
// decoder has already moved on to the next).
package tomlpos

import (
	"regexp"
	"strconv"
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

// Decoding returns the line and the message of err, an error of
// BurntSushi/toml's decoding into Go values (a value of the wrong type for
// its setting), which the decoder writes as text, "toml: line 3 (last key
// "a.b"): incompatible types…", not as a ParseError with a position. The
// message names the key; line is 0 when err does not name one.
func Decoding(err error) (line int, msg string) {
	m := decodingRe.FindStringSubmatch(err.Error())
	if m == nil {
		return 0, strings.TrimPrefix(err.Error(), "toml: ")
	}
	line, _ = strconv.Atoi(m[1])
	return line, "key " + m[2] + ": " + m[3]
}

var decodingRe = regexp.MustCompile(`(?s)^toml: line (\d+) \(last key ("(?:[^"\\]|\\.)*")\): (.*)$`)
