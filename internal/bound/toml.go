package bound

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// MaxDepth is how deeply the tables and arrays of a structured text may
// nest. In TOML every level counts: each part of a [table.header] and of a
// dotted.key is a table, and each inline {table} and [array] one more.
// Nothing tilmash reads nests more than a few levels (a catalogue entry
// [article.section.unit] is three); without the bound, BurntSushi/toml
// spent a minute and 10 GB on 113 KB of nested inline tables, and 34 s on
// a dotted key of 40 KB.
const MaxDepth = 32

// Deep returns the refusal of a structure nested more than MaxDepth deep,
// at file:line:col (the column in characters): what a reader of any syntax
// reports when its scan passes the bound.
func Deep(file string, line, col int) *Error {
	return &Error{File: file, Line: line, Col: col,
		Msg:  fmt.Sprintf("tables and arrays nested more than %d deep", MaxDepth),
		Hint: "nothing tilmash reads nests that deep: write the data with fewer levels"}
}

// frame is an open inline table or array.
type frame struct {
	open         byte // '{' or '['
	outer, inner int  // the depth around it and inside it
}

// TOMLDepth scans data, TOML that starts on line first of file, and
// returns the refusal (Deep) at the first bracket or dot that takes it past
// MaxDepth, or nil. It reads strings and comments as the decoder does, so
// that nothing inside them counts and nothing outside them hides; it does
// not check the syntax (the decoder does that next, on a document it can
// now read in time proportional to its size). Its work is one pass,
// stopping at the refusal. It counts what each line names: a header inside
// an array of tables ([[a]], then [a.b]) is one level deeper in the decoded
// value than its name, so a value may nest up to twice MaxDepth; the
// decoder's work grows with the names, and those are bounded.
func TOMLDepth(file string, first int, data []byte) *Error {
	line, lineStart := first, 0
	table, depth := 0, 0 // the depth of the current [table], and here
	key := true          // before a key's "=", where a dot is a level
	var open []frame
	refuse := func(i int) *Error { return Deep(file, line, utf8.RuneCount(data[lineStart:i])+1) }
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '\n':
			line, lineStart = line+1, i+1
			if len(open) == 0 { // the end of a key = value: the next key starts at the table's depth
				key, depth = true, table
			}
		case c == '#':
			if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
				i += j - 1
			} else {
				i = len(data)
			}
		case c == '"' || c == '\'':
			end := stringEnd(data, i)
			if n := bytes.Count(data[i:end], []byte{'\n'}); n > 0 {
				line, lineStart = line+n, i+bytes.LastIndexByte(data[i:end], '\n')+1
			}
			i = end - 1
		case c == '[' && key && len(open) == 0: // a [table] or [[array of tables]] header
			j, d := i+1, 1
			if j < len(data) && data[j] == '[' {
				if d++; d > MaxDepth {
					return refuse(j)
				}
				j++
			}
			for j < len(data) && data[j] != ']' && data[j] != '\n' {
				switch data[j] {
				case '"', '\'':
					j = stringEnd(data, j)
					continue
				case '.':
					if d++; d > MaxDepth {
						return refuse(j)
					}
				}
				j++
			}
			table, depth = d, d
			i = j - 1 // the loop goes on at the ']' or the line's end
		case c == '.' && key:
			if depth++; depth > MaxDepth {
				return refuse(i)
			}
		case c == '=' && key:
			key = false
		case c == '[' || c == '{':
			if depth++; depth > MaxDepth {
				return refuse(i)
			}
			open = append(open, frame{open: c, outer: depth - 1, inner: depth})
			key = c == '{'
		case c == ',' && len(open) > 0:
			top := open[len(open)-1]
			depth, key = top.inner, top.open == '{'
		case (c == ']' || c == '}') && len(open) > 0:
			depth, key = open[len(open)-1].outer, false
			open = open[:len(open)-1]
		}
	}
	return nil
}

// stringEnd returns the index just past the TOML string that starts at
// data[i] (a " or '). A one-line string ends at its line's end even if
// never closed, as the decoder refuses it there; a multi-line one (three
// quotation marks or apostrophes) takes up to two more of its quote before
// the closing three, as TOML says: """a"""" is a".
func stringEnd(data []byte, i int) int {
	q := data[i]
	if i+2 < len(data) && data[i+1] == q && data[i+2] == q {
		j := i + 3
		for j < len(data) {
			switch {
			case data[j] == '\\' && q == '"':
				j += 2
			case data[j] == q && j+2 < len(data) && data[j+1] == q && data[j+2] == q:
				j += 3
				for k := 0; k < 2 && j < len(data) && data[j] == q; k++ {
					j++
				}
				return j
			default:
				j++
			}
		}
		return len(data)
	}
	j := i + 1
	for j < len(data) && data[j] != '\n' {
		switch {
		case data[j] == '\\' && q == '"' && j+1 < len(data) && data[j+1] != '\n':
			j += 2
		case data[j] == q:
			return j + 1
		default:
			j++
		}
	}
	return j
}
