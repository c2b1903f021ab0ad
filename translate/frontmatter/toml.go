package frontmatter

import (
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/internal/tomlpos"
)

// parseTOML decodes the TOML front matter with BurntSushi/toml, then
// locates each value in the text.
func (d *Doc) parseTOML() error {
	text := d.src[d.start:d.end]
	line := d.pos(d.start).Line
	if e := bound.TOMLDepth(d.file, line, text); e != nil { // before the decoder, which takes minutes on it
		return &Error{Pos{e.File, e.Line, e.Col}, "front matter: " + e.Msg + " (it holds texts, a date and a [params] table: write them with fewer levels)"}
	}
	fields := map[string]any{}
	if _, err := toml.Decode(string(text), &fields); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			l, col := tomlpos.Position(text, pe)
			return &Error{Pos{d.file, l + line - 1, col}, "front matter: " + pe.Message}
		}
		return d.errAt(d.start, "front matter: "+err.Error())
	}
	d.values = normalize(fields).(map[string]any)
	s := &tomlScan{d: d, src: d.src, i: d.start, end: d.end, aot: map[string]int{}, seen: map[string]*node{}}
	s.run()
	// What the scan did not find (it reads valid TOML only, as the decoder
	// has just found this to be) is still a value, at the text's start.
	var walk func(v any, segs []string)
	walk = func(v any, segs []string) {
		if len(segs) > 0 {
			key := strings.Join(segs, "\x00")
			n := s.seen[key]
			if n == nil {
				n = d.add(&node{segs: segs, key: d.start, start: d.start, end: -1, colon: -1})
				s.seen[key] = n
			}
			n.value = v
			if _, ok := v.(string); ok && n.end >= 0 && !n.list {
				n.text = true
			}
		}
		switch v := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				walk(v[k], append(segs[:len(segs):len(segs)], k))
			}
		case []any:
			n := s.seen[strings.Join(segs, "\x00")]
			n.list, n.items = true, nil
			for i, x := range v {
				walk(x, append(segs[:len(segs):len(segs)], strconv.Itoa(i)))
				n.items = append(n.items, s.seen[strings.Join(append(segs[:len(segs):len(segs)], strconv.Itoa(i)), "\x00")])
			}
		}
	}
	walk(d.values, nil)
	// Scanned places the decoder has no value for (it would not happen on
	// valid TOML) are dropped.
	kept := d.nodes[:0]
	for _, n := range d.nodes {
		if n.value != nil {
			kept = append(kept, n)
		}
	}
	d.nodes = kept
	return nil
}

// normalize turns BurntSushi/toml's arrays of tables ([]map[string]any)
// into lists like any other ([]any), so that every format decodes to the
// same types.
func normalize(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = normalize(x)
		}
		return v
	case []map[string]any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normalize(x)
		}
		return out
	case []any:
		for i, x := range v {
			v[i] = normalize(x)
		}
		return v
	}
	return v
}

// tomlScan locates the keys and values of a TOML text that the decoder
// has read: where each key and value starts, and where each string and
// each array ends. It follows the decoder's reading of headers ([table],
// [[array.of.tables]]), dotted keys, inline tables and arrays, and skips
// comments and the insides of strings.
type tomlScan struct {
	d      *Doc
	src    []byte
	i, end int
	aot    map[string]int // each array of tables, by its keys joined with \x00: the index of its last table
	seen   map[string]*node
}

// at records the value at segs, its key at key.
func (s *tomlScan) at(segs []string, key, start int) *node {
	k := strings.Join(segs, "\x00")
	if n := s.seen[k]; n != nil {
		return n
	}
	n := s.d.add(&node{segs: segs, key: key, start: start, end: -1, colon: -1})
	s.seen[k] = n
	return n
}

func (s *tomlScan) run() {
	var table []string
	for s.i < s.end {
		s.space(true)
		if s.i >= s.end {
			break
		}
		before := s.i
		switch {
		case s.src[s.i] == '[' && s.i+1 < s.end && s.src[s.i+1] == '[':
			key := s.i
			s.i += 2
			parts := s.keys()
			if len(parts) == 0 {
				s.line()
				continue
			}
			list := append(s.resolve(parts[:len(parts)-1]), parts[len(parts)-1])
			n := s.at(list, key, key)
			n.list = true
			k := strings.Join(list, "\x00")
			idx, ok := s.aot[k]
			if ok {
				idx++
			}
			s.aot[k] = idx
			table = append(list[:len(list):len(list)], strconv.Itoa(idx))
			s.at(table, key, key)
			s.line()
		case s.src[s.i] == '[':
			key := s.i
			s.i++
			parts := s.keys()
			table = s.resolve(parts)
			s.tables(table, key)
			s.line()
		default:
			key := s.i
			parts := s.keys()
			if len(parts) == 0 || s.i >= s.end || s.src[s.i] != '=' {
				s.line()
				continue
			}
			s.i++
			path := append(table[:len(table):len(table)], parts...)
			s.tables(path[:len(path)-1], key)
			s.value(path, key)
		}
		if s.i == before {
			s.i++
		}
	}
}

// resolve turns a header's keys into the path of the table they name:
// a key that names an array of tables stands for its last table.
func (s *tomlScan) resolve(parts []string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p)
		if idx, ok := s.aot[strings.Join(out, "\x00")]; ok {
			out = append(out, strconv.Itoa(idx))
		}
	}
	return out
}

// tables records each table along path, keyed at key.
func (s *tomlScan) tables(path []string, key int) {
	for i := 1; i <= len(path); i++ {
		s.at(path[:i:i], key, key)
	}
}

// value reads the value at s.i, the value of path.
func (s *tomlScan) value(path []string, key int) {
	s.space(false)
	if s.i >= s.end {
		return
	}
	start := s.i
	n := s.at(path, key, start)
	n.start = start
	switch c := s.src[s.i]; c {
	case '"', '\'':
		s.i = s.stringEnd(s.i)
		n.end = s.i
	case '[':
		n.list = true
		s.i++
		for idx := 0; s.i < s.end; {
			s.space(true)
			if s.i >= s.end {
				break
			}
			if s.src[s.i] == ']' {
				s.i++
				n.end = s.i
				break
			}
			if s.src[s.i] == ',' {
				s.i++
				continue
			}
			before := s.i
			s.value(append(path[:len(path):len(path)], strconv.Itoa(idx)), s.i)
			idx++
			if s.i == before {
				s.i++
			}
		}
	case '{':
		s.i++
		for s.i < s.end {
			s.space(true) // TOML 1.1 lets an inline table span lines
			if s.i >= s.end {
				break
			}
			if s.src[s.i] == '}' {
				s.i++
				break
			}
			if s.src[s.i] == ',' {
				s.i++
				continue
			}
			k := s.i
			parts := s.keys()
			if len(parts) == 0 || s.i >= s.end || s.src[s.i] != '=' {
				break
			}
			s.i++
			p := append(path[:len(path):len(path)], parts...)
			s.tables(p[:len(p)-1], k)
			s.value(p, k)
		}
	default: // a number, a boolean, a date: up to what ends a value
		for s.i < s.end && !strings.ContainsRune(",]}\n#", rune(s.src[s.i])) {
			s.i++
		}
	}
}

// keys reads a key, dotted or not, up to "=" or "]" (where it stops) and
// returns its parts, decoded.
func (s *tomlScan) keys() []string {
	var parts []string
	for s.i < s.end {
		s.space(false)
		if s.i >= s.end {
			break
		}
		switch c := s.src[s.i]; {
		case c == '"' || c == '\'':
			e := s.stringEnd(s.i)
			raw := string(s.src[s.i:e])
			key := strings.TrimSuffix(strings.TrimPrefix(raw, string(c)), string(c))
			if c == '"' {
				if u, err := strconv.Unquote(raw); err == nil {
					key = u
				}
			}
			parts = append(parts, key)
			s.i = e
		default:
			j := s.i
			for j < s.end && !strings.ContainsRune(" \t=.[]\"'#\n,{}\r", rune(s.src[j])) {
				j++
			}
			if j == s.i {
				return parts
			}
			parts = append(parts, string(s.src[s.i:j]))
			s.i = j
		}
		s.space(false)
		if s.i < s.end && s.src[s.i] == '.' {
			s.i++
			continue
		}
		break
	}
	if s.i < s.end && s.src[s.i] == ']' { // the end of a header
		s.i++
		if s.i < s.end && s.src[s.i] == ']' {
			s.i++
		}
	}
	return parts
}

// space skips spaces and tabs, and with lines, line breaks and comments.
func (s *tomlScan) space(lines bool) {
	for s.i < s.end {
		switch s.src[s.i] {
		case ' ', '\t', '\r':
			s.i++
		case '\n':
			if !lines {
				return
			}
			s.i++
		case '#':
			if !lines {
				return
			}
			s.line()
		default:
			return
		}
	}
}

// line skips to the start of the next line.
func (s *tomlScan) line() {
	for s.i < s.end && s.src[s.i] != '\n' {
		s.i++
	}
	if s.i < s.end {
		s.i++
	}
}

// stringEnd returns the offset just past the TOML string starting at i
// (a " or '), as the decoder reads it: a multi-line string (three quotes)
// may end in up to two more quotes.
func (s *tomlScan) stringEnd(i int) int {
	d, q := s.src, s.src[i]
	if i+2 < s.end && d[i+1] == q && d[i+2] == q {
		for j := i + 3; j < s.end; {
			switch {
			case d[j] == '\\' && q == '"':
				j += 2
			case d[j] == q && j+2 < s.end && d[j+1] == q && d[j+2] == q:
				j += 3
				for k := 0; k < 2 && j < s.end && d[j] == q; k++ {
					j++
				}
				return j
			default:
				j++
			}
		}
		return s.end
	}
	for j := i + 1; j < s.end && d[j] != '\n'; j++ {
		switch {
		case d[j] == '\\' && q == '"':
			j++
		case d[j] == q:
			return j + 1
		}
	}
	return s.end
}
