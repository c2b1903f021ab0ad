package bound

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// MaxExpanded is how many nodes a YAML text of size bytes may stand for
// once its aliases are expanded (*name repeats the node &name anchors):
// four times what a text of that size can write without aliases (every
// node takes a byte at least), and a thousand more. A real front matter
// repeats a few values, if any; ten aliases to ten aliases to ten
// values (the "billion laughs") stand for a billion nodes from a few
// hundred bytes, and a reader that expanded them would never finish.
func MaxExpanded(size int) int { return 4*size + 1000 }

// Expanded returns the refusal, at file:line:col, of a YAML text whose
// aliases stand for more than MaxExpanded(size) nodes.
func Expanded(file string, line, col, size int) *Error {
	return &Error{File: file, Line: line, Col: col,
		Msg:  fmt.Sprintf("aliases (*name) that repeat more than %d values", MaxExpanded(size)),
		Hint: "a front matter repeats a few values at most: write them out, or repeat fewer"}
}

// YAMLDepth scans data, YAML that starts on line first of file, and
// returns the refusal (Deep) at the first place that takes it past
// MaxDepth, or nil. Like TOMLDepth it reads no syntax, only what nests:
// each indentation deeper than the lines around it, each "- ", "? " and
// "key: " that opens a level on the same line, and each flow bracket
// ([ and {) outside quoted strings, comments and block scalars (| and >),
// whose text does not count. It counts at least one level for each level
// the parser makes, except that a block sequence written at its key's
// indentation (key:, then - item) shares that indentation: a value may nest
// up to twice MaxDepth, and the reader, which sees the parsed nodes, holds
// it to MaxDepth exactly (counting through the aliases it expands). One
// pass, stopping at the refusal.
func YAMLDepth(file string, first int, data []byte) *Error {
	s := &yamlScan{file: file, data: data, line: first}
	return s.run()
}

type yamlScan struct {
	file      string
	data      []byte
	line      int   // the line of lineStart
	lineStart int   // the offset at which the current line starts
	indents   []int // the block indentations open, increasing
	flow      int   // the flow brackets open
	depth     int   // the depth here
}

func (s *yamlScan) refuse(i int) *Error {
	return Deep(s.file, s.line, utf8.RuneCount(s.data[s.lineStart:i])+1)
}

// newline moves past the line break at i.
func (s *yamlScan) newline(i int) int {
	s.line, s.lineStart = s.line+1, i+1
	return i + 1
}

// deeper opens a level at i.
func (s *yamlScan) deeper(i int) *Error {
	if s.depth++; s.depth > MaxDepth {
		return s.refuse(i)
	}
	return nil
}

func (s *yamlScan) run() *Error {
	d := s.data
	for i := 0; i < len(d); {
		s.lineStart = i
		if s.flow == 0 {
			j := i
			for j < len(d) && d[j] == ' ' {
				j++
			}
			if j == len(d) || d[j] == '\n' || d[j] == '\r' || d[j] == '#' {
				if k := bytes.IndexByte(d[j:], '\n'); k >= 0 {
					i = s.newline(j + k)
				} else {
					i = len(d)
				}
				continue
			}
			ind := j - i
			for len(s.indents) > 0 && s.indents[len(s.indents)-1] >= ind {
				s.indents = s.indents[:len(s.indents)-1]
			}
			s.indents = append(s.indents, ind)
			if s.depth = len(s.indents); s.depth > MaxDepth {
				return s.refuse(j)
			}
			i = j
		}
		var err *Error
		if i, err = s.rest(i); err != nil {
			return err
		}
	}
	return nil
}

// rest scans the line from i (after its indentation, or anywhere inside a
// flow collection) and returns the offset of the next line's start.
func (s *yamlScan) rest(i int) (int, *Error) {
	d := s.data
	start := true           // at the start of a node, where [ { " ' | > open something
	node := i - s.lineStart // the column, in bytes, of the last node started on the line
	for i < len(d) {
		c := d[i]
		switch {
		case c == '\n':
			return s.newline(i), nil
		case c == '#' && (i == s.lineStart || d[i-1] == ' ' || d[i-1] == '\t'):
			k := bytes.IndexByte(d[i:], '\n')
			if k < 0 {
				return len(d), nil
			}
			return s.newline(i + k), nil
		case c == '"' || c == '\'':
			if !start {
				i++ // an apostrophe inside a plain scalar
				continue
			}
			i = s.quoted(i)
			start = false
			continue
		case c == '[' || c == '{':
			if s.flow > 0 || start {
				s.flow++
				if err := s.deeper(i); err != nil {
					return 0, err
				}
				start = true
			}
		case (c == ']' || c == '}') && s.flow > 0:
			s.flow--
			s.depth--
			start = false
		case c == ',' && s.flow > 0:
			start = true
		case (c == '-' || c == '?' || c == ':') && (i+1 == len(d) || d[i+1] == ' ' || d[i+1] == '\n' || d[i+1] == '\t' || s.flow > 0 && c == ':'):
			if c != ':' && !start {
				break // a hyphen inside a plain scalar
			}
			if s.flow == 0 {
				if c != ':' {
					node = i - s.lineStart
				}
				if err := s.deeper(i); err != nil {
					return 0, err
				}
			}
			start = true
		case (c == '|' || c == '>') && start && s.flow == 0:
			return s.blockScalar(i, node), nil
		case c == ' ' || c == '\t' || c == '\r':
		default:
			if start && s.flow == 0 && c != '&' && c != '!' && c != '*' {
				node = i - s.lineStart
			}
			if c != '&' && c != '!' {
				start = false
			} else { // a property: the node follows it
				for i < len(d) && d[i] != ' ' && d[i] != '\n' {
					i++
				}
				continue
			}
		}
		i++
	}
	return i, nil
}

// quoted skips the quoted scalar that starts at i, over line breaks, and
// returns the offset just past it (or the end of the data).
func (s *yamlScan) quoted(i int) int {
	d, q := s.data, s.data[i]
	for i++; i < len(d); i++ {
		switch {
		case d[i] == '\n':
			s.newline(i)
		case d[i] == '\\' && q == '"' && i+1 < len(d):
			i++
			if d[i] == '\n' {
				s.newline(i)
			}
		case d[i] == q && q == '\'' && i+1 < len(d) && d[i+1] == '\'':
			i++
		case d[i] == q:
			return i + 1
		}
	}
	return len(d)
}

// blockScalar skips the block scalar whose indicator is at i, on a line
// whose innermost node starts at column node (in bytes): its text is the
// lines after it that are blank or indented more than that column. It
// returns the offset of the first line after it.
func (s *yamlScan) blockScalar(i, node int) int {
	d := s.data
	k := bytes.IndexByte(d[i:], '\n')
	if k < 0 {
		return len(d)
	}
	i = s.newline(i + k)
	for i < len(d) {
		j := i
		for j < len(d) && d[j] == ' ' {
			j++
		}
		if j < len(d) && d[j] != '\n' && d[j] != '\r' && j-i <= node {
			return i // a line of the structure
		}
		k := bytes.IndexByte(d[j:], '\n')
		if k < 0 {
			return len(d)
		}
		i = s.newline(j + k)
	}
	return i
}
