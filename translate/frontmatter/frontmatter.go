package frontmatter

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Format is the syntax a front matter is written in.
type Format string

// The formats, named as Hugo names them.
const (
	TOML Format = "toml" // between "+++" lines (Hugo, Zola)
	YAML Format = "yaml" // between "---" lines (Hugo, Jekyll, Eleventy)
	JSON Format = "json" // one object, from a "{" at the start of the file (Hugo)
)

// Pos is a place in a file: line and column counted from 1, the column in
// characters (not bytes), so that it points at the right letter on a
// Cyrillic line.
type Pos struct {
	File string // the file, as the caller named it
	Line int    // the line, from 1
	Col  int    // the column in characters, from 1
}

// String formats the position as file:line:col.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// Error is a front matter that cannot be read, at the position of the
// problem.
type Error struct {
	Pos Pos    // where the problem is
	Msg string // what is wrong and what to do
}

// Error formats the problem as file:line:col: message.
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Field is one value of a front matter, at any depth.
type Field struct {
	// Path names the value: its keys joined with dots ("params.subtitle"),
	// a list's items by their index from 0 ("tags.1"). A key that holds a
	// dot itself makes a path that Doc.Field cannot tell apart.
	Path string
	// Value is the value as decoded: a string, int64, float64, bool,
	// time.Time (a TOML date or date-time, a YAML timestamp), nil (YAML's
	// null), []any (a list) or map[string]any (a table).
	Value any
	Pos   Pos // where the value starts
	Key   Pos // where its key starts (for a list's item, where the item starts)
	// Text reports whether the value is a string that Rewrite can
	// replace: every string is, but one that a YAML alias repeats (a path
	// through *name reaches the value at &name, which is the anchor's) or
	// an empty one written only as a tag (key: !!str).
	Text bool
}

// Doc is a parsed front matter. Its methods only read it: a Doc may be
// used by many goroutines at once.
type Doc struct {
	Format Format // the syntax it is written in

	file       string
	src        []byte // the article, from its first byte
	start, end int    // the front matter's text: between the delimiter lines; for JSON the object
	body       int    // where the article's body starts
	values     map[string]any
	nodes      []*node // every value, in the order of the text
	byPath     map[string]*node
	lines      []int                        // the offset at which each line of src starts
	aliases    bool                         // YAML: an alias repeats a value (so rewriting it changes more than one path)
	last       struct{ off, line, col int } // the position pos found last: the next is counted on from it
}

// node is a value of the front matter and where the text writes it.
type node struct {
	path  string
	segs  []string // its keys and indices
	value any
	key   int // the offset of its key (of the item, for a list's item)
	start int // the offset of its value
	// end is the offset just past the value's text, for a string that
	// Rewrite may replace and a list written in brackets; else -1.
	end   int
	text  bool    // a string Rewrite may replace
	list  bool    // a list
	items []*node // a list's items
	colon int     // a YAML list of "- " items: the offset just past its key's ":"; else -1
	alias bool    // reached through a YAML alias

	keyPos, pos Pos // key and start as positions, found once Parse has read everything
}

// Detect reports the format of the front matter src starts with, as Hugo
// reads it from the first line.
func Detect(src []byte) (Format, bool) {
	line, _, _ := bytes.Cut(src, []byte("\n"))
	switch string(bytes.TrimRight(line, " \t\r")) {
	case "+++":
		return TOML, true
	case "---":
		return YAML, true
	}
	if bytes.HasPrefix(line, []byte("{")) {
		return JSON, true
	}
	return "", false
}

// Parse reads the front matter at the start of src, the article in file
// (its byte-order mark already removed), and returns it as a Doc; an
// *Error says what is wrong, and where.
func Parse(file string, src []byte) (*Doc, error) {
	d := &Doc{file: file, src: src, byPath: map[string]*node{}, lines: []int{0}}
	for i, c := range src {
		if c == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	format, ok := Detect(src)
	if !ok {
		return nil, d.errAt(0, "no front matter: start the file with its fields between two \"+++\" lines (TOML: title = \"…\"), two \"---\" lines (YAML: title: \"…\"), or in a JSON object ({\"title\": \"…\"})")
	}
	d.Format = format
	var err error
	switch format {
	case JSON:
		if err = d.splitJSON(); err == nil {
			err = d.parseJSON()
		}
	default:
		delim := map[Format]string{TOML: "+++", YAML: "---"}[format]
		if err = d.split(delim); err == nil {
			if format == TOML {
				err = d.parseTOML()
			} else {
				err = d.parseYAML()
			}
		}
	}
	if err != nil {
		return nil, err
	}
	for _, n := range d.nodes {
		if _, dup := d.byPath[n.path]; !dup {
			d.byPath[n.path] = n
		}
		// Now, in the order of the text (see pos), and never again: a Doc
		// is read by the editions of every locale at once.
		n.keyPos = d.pos(n.key)
		n.pos = d.pos(n.start)
	}
	return d, nil
}

// split finds the line that closes the front matter opened by delim.
func (d *Doc) split(delim string) error {
	i := bytes.IndexByte(d.src, '\n')
	if i < 0 {
		return d.errAt(0, fmt.Sprintf("the front matter is never closed: add a %q line after it", delim))
	}
	d.start = i + 1
	for j := d.start; j < len(d.src); {
		e := bytes.IndexByte(d.src[j:], '\n')
		if e < 0 {
			e = len(d.src)
		} else {
			e += j
		}
		if string(bytes.TrimRight(d.src[j:e], " \t\r")) == delim {
			d.end, d.body = j, min(e+1, len(d.src))
			return nil
		}
		j = e + 1
	}
	return d.errAt(0, fmt.Sprintf("the front matter is never closed: add a %q line after it", delim))
}

// splitJSON finds the brace that closes the object the file starts with,
// as Hugo does: braces inside strings do not count.
func (d *Doc) splitJSON() error {
	level, inString := 0, false
	for i := 0; i < len(d.src); i++ {
		switch c := d.src[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{':
			level++
		case c == '}':
			if level--; level == 0 {
				d.start, d.end = 0, i+1
				rest := d.src[i+1:]
				line, _, found := bytes.Cut(rest, []byte("\n"))
				if len(bytes.TrimRight(line, " \t\r")) > 0 {
					return d.errAt(i+1, "front matter: text after the JSON object's closing }: start the article on the next line")
				}
				d.body = len(d.src)
				if found {
					d.body = i + 1 + len(line) + 1
				}
				return nil
			}
		}
	}
	return d.errAt(0, "the JSON front matter is never closed: end the object with its }")
}

// errAt is an *Error at offset off of the file.
func (d *Doc) errAt(off int, msg string) *Error { return &Error{d.pos(off), msg} }

// pos is the position of offset off of the file. Positions are mostly
// asked for in the order of the text: one on the line of the last is
// counted on from it, so that a front matter written on one long line
// (JSON often is) costs no more than one written on many.
func (d *Doc) pos(off int) Pos {
	off = max(0, min(off, len(d.src)))
	line := sort.SearchInts(d.lines, off+1) // the lines starting at or before off
	from, col := d.lines[line-1], 1
	if d.last.line == line && d.last.off <= off {
		from, col = d.last.off, d.last.col
	}
	col += utf8.RuneCount(d.src[from:off])
	d.last.off, d.last.line, d.last.col = off, line, col
	return Pos{d.file, line, col}
}

// add records a value found in the text.
func (d *Doc) add(n *node) *node {
	n.path = strings.Join(n.segs, ".")
	d.nodes = append(d.nodes, n)
	return n
}

// Values returns the front matter's fields as decoded (see Field.Value).
func (d *Doc) Values() map[string]any { return d.values }

// Raw returns the front matter as the file writes it: from the file's
// first byte to the body, delimiters included.
func (d *Doc) Raw() []byte { return d.src[:d.body] }

// Body returns the offset of the file at which the body starts, after the
// front matter and the line break that ends it.
func (d *Doc) Body() int { return d.body }

// BodyLine returns the line of the file on which the body starts.
func (d *Doc) BodyLine() int { return bytes.Count(d.src[:d.body], []byte("\n")) + 1 }

// Text returns the front matter's own text: what lies between its
// delimiter lines (for JSON, the whole object), and its offset in the file.
func (d *Doc) Text() (text []byte, offset int) { return d.src[d.start:d.end], d.start }

// Field returns the value at path.
func (d *Doc) Field(path string) (Field, bool) {
	n, ok := d.byPath[path]
	if !ok {
		return Field{}, false
	}
	return d.field(n), true
}

func (d *Doc) field(n *node) Field {
	return Field{Path: n.path, Value: n.value, Pos: n.pos, Key: n.keyPos, Text: n.text}
}

// Fields returns every value of the front matter, at every depth, in the
// order of the text: a table or a list before what it holds. A value a
// YAML alias repeats is listed once, at its anchor.
func (d *Doc) Fields() []Field {
	out := make([]Field, 0, len(d.nodes))
	for _, n := range d.nodes {
		if !n.alias {
			out = append(out, d.field(n))
		}
	}
	return out
}

// String returns the string at path and where it starts, if the value
// there is a string that Rewrite can replace (see Field.Text).
func (d *Doc) String(path string) (string, Pos, bool) {
	n, ok := d.byPath[path]
	if !ok || !n.text {
		return "", Pos{}, false
	}
	s, _ := n.value.(string)
	return s, n.pos, true
}

// Strings returns the strings of the list at path, and where each starts,
// if every item of the list is a string that Rewrite can replace.
func (d *Doc) Strings(path string) ([]string, []Pos, bool) {
	n, ok := d.byPath[path]
	if !ok || !n.list || n.alias {
		return nil, nil, false
	}
	strs, pos := make([]string, 0, len(n.items)), make([]Pos, 0, len(n.items))
	for _, it := range n.items {
		s, ok := it.value.(string)
		if !ok || !it.text {
			return nil, nil, false
		}
		strs, pos = append(strs, s), append(pos, it.pos)
	}
	return strs, pos, true
}
