package frontmatter

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/tilmash/tilmash/internal/bound"
)

// parseYAML reads the YAML front matter into yaml.v3's node tree, which
// keeps each node's line and column, then walks it: every value decoded,
// every string located in the text, aliases expanded within bounds.
func (d *Doc) parseYAML() error {
	text := d.src[d.start:d.end]
	first := d.pos(d.start).Line
	if e := bound.YAMLDepth(d.file, first, text); e != nil {
		return &Error{Pos{e.File, e.Line, e.Col}, "front matter: " + e.Msg + " (" + yamlDeep + ")"}
	}
	y := &yamlWalk{d: d, budget: bound.MaxExpanded(len(text)), lines: []int{d.start}}
	for i := d.start; i < d.end; {
		if n := y.brk(i); n > 0 {
			i += n
			y.lines = append(y.lines, i)
			continue
		}
		i++
	}
	var root yaml.Node
	if err := yaml.Unmarshal(text, &root); err != nil {
		msg := err.Error()
		off := d.start
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			l, _ := strconv.Atoi(m[1])
			off, msg = y.offset(l, 1), m[2]
		} else if len(msg) > 6 && msg[:6] == "yaml: " {
			msg = msg[6:]
		}
		return d.errAt(off, "front matter: "+msg)
	}
	d.values = map[string]any{}
	if len(root.Content) == 0 {
		return nil // nothing but comments
	}
	top := root.Content[0]
	if top.Kind == yaml.ScalarNode && top.ShortTag() == "!!null" {
		return nil
	}
	if top.Kind != yaml.MappingNode {
		return d.errAt(y.offset(top.Line, top.Column), "front matter: the YAML is not a set of fields (title: …, one a line), but a list or a text")
	}
	v, err := y.walk(top, nil, nil, 0, -1)
	if err != nil {
		return err
	}
	d.values = v.(map[string]any)
	return nil
}

// yamlDeep is the hint of a YAML front matter nested too deep.
const yamlDeep = "it holds texts, a date and a params table: write them with fewer levels"

var yamlLine = regexp.MustCompile(`(?s)^yaml: line (\d+): (.*)$`)

// yamlWalk decodes a YAML node tree into values and nodes.
type yamlWalk struct {
	d      *Doc
	budget int                          // the nodes that expanding aliases may still visit
	lines  []int                        // the offset at which each of the text's lines starts, as YAML breaks lines
	last   struct{ line, col, off int } // the place offset found last: the next is counted on from it
}

// brk returns the length of the line break at offset i of the file, or 0:
// YAML breaks lines at \n, \r\n, \r, and U+0085, U+2028, U+2029.
func (y *yamlWalk) brk(i int) int {
	src := y.d.src
	if i >= y.d.end {
		return 0
	}
	switch src[i] {
	case '\n':
		return 1
	case '\r':
		if i+1 < y.d.end && src[i+1] == '\n' {
			return 2
		}
		return 1
	case 0xC2:
		if i+1 < y.d.end && src[i+1] == 0x85 {
			return 2
		}
	case 0xE2:
		if i+2 < y.d.end && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9) {
			return 3
		}
	}
	return 0
}

// offset returns the offset in the file of line:col as yaml.v3 counts
// them in the text (from 1, the column in characters).
func (y *yamlWalk) offset(line, col int) int {
	if line < 1 {
		return y.d.start
	}
	if line > len(y.lines) {
		return y.d.end
	}
	i, c := y.lines[line-1], 1
	if y.last.line == line && y.last.col <= col { // the nodes come in the order of the text
		i, c = y.last.off, y.last.col
	}
	for ; c < col && i < y.d.end; c++ {
		_, n := utf8.DecodeRune(y.d.src[i:y.d.end])
		i += n
	}
	y.last.line, y.last.col, y.last.off = line, c, i
	return i
}

// walk returns the value of n, whose node is nd (nil for the top) and
// path segs, recording a node for each value it holds; depth counts the
// tables and lists around n. Under an alias, alias is the offset of the
// alias that repeats what is walked, which a refusal names; else -1.
func (y *yamlWalk) walk(n *yaml.Node, nd *node, segs []string, depth, alias int) (any, error) {
	off := y.offset(n.Line, n.Column)
	at := off
	if alias >= 0 {
		at = alias
	}
	if y.budget--; y.budget < 0 {
		e := bound.Expanded("", 0, 0, y.d.end-y.d.start)
		return nil, y.d.errAt(at, "front matter: "+e.Msg+" ("+e.Hint+")")
	}
	if depth > bound.MaxDepth {
		return nil, y.d.errAt(at, "front matter: "+bound.Deep("", 0, 0).Msg+" ("+yamlDeep+")")
	}
	via := alias >= 0
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, y.d.errAt(off, fmt.Sprintf("front matter: unknown anchor %q", n.Value))
		}
		y.d.aliases = true
		if !via {
			alias = off
		}
		return y.walk(n.Alias, nd, segs, depth, alias)
	case yaml.ScalarNode:
		return scalar(n), nil
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		var items []*node
		for i, c := range n.Content {
			cs := append(segs[:len(segs):len(segs)], strconv.Itoa(i))
			cn := y.d.add(&node{segs: cs, key: y.offset(c.Line, c.Column), end: -1, colon: -1, alias: via})
			v, err := y.walk(c, cn, cs, depth+1, alias)
			if err != nil {
				return nil, err
			}
			y.locate(cn, c, nil, v, n.Column-1)
			list, items = append(list, v), append(items, cn)
		}
		if nd != nil {
			nd.list, nd.items = true, items
		}
		return list, nil
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			koff := y.offset(k.Line, k.Column)
			if k.Kind != yaml.ScalarNode {
				return nil, y.d.errAt(koff, "front matter: a key must be a name (title: …), not a list, a table or an alias")
			}
			if _, dup := m[k.Value]; dup {
				return nil, y.d.errAt(koff, fmt.Sprintf("front matter: %q is set twice: keep one", k.Value))
			}
			cs := append(segs[:len(segs):len(segs)], k.Value)
			cn := y.d.add(&node{segs: cs, key: koff, end: -1, colon: -1, alias: via})
			val, err := y.walk(v, cn, cs, depth+1, alias)
			if err != nil {
				return nil, err
			}
			y.locate(cn, v, k, val, n.Column-1)
			m[k.Value] = val
		}
		return m, nil
	}
	return nil, nil
}

// scalar decodes a scalar node into the types every format decodes to.
func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return i
		}
		var f float64
		if n.Decode(&f) == nil {
			return f
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil {
			return f
		}
	case "!!timestamp":
		var t time.Time
		if n.Decode(&t) == nil {
			return t
		}
	}
	return n.Value
}

// locate fills in where the text writes the value of nd (the node n, key
// k's value in a mapping or nil for a list's item, decoded as v), inside
// a collection indented by parent columns.
func (y *yamlWalk) locate(nd *node, n *yaml.Node, k *yaml.Node, v any, parent int) {
	nd.value = v
	nd.start = y.offset(n.Line, n.Column)
	if nd.alias {
		return
	}
	_, isString := v.(string)
	switch {
	case n.Kind == yaml.AliasNode:
		if isString && nd.start < y.d.end && y.d.src[nd.start] == '*' {
			nd.end, nd.text = nd.start+1+len(n.Value), true
		}
	case n.Kind == yaml.ScalarNode && isString:
		if s, e, ok := y.span(n, parent); ok {
			nd.start, nd.end, nd.text = s, e, true
		}
	case n.Kind == yaml.SequenceNode:
		nd.list = true
		if n.Style&yaml.FlowStyle != 0 {
			nd.end = y.flowEnd(nd)
		} else if k != nil && k.Kind == yaml.ScalarNode {
			if _, e, ok := y.span(k, parent); ok {
				e = y.blanks(e)
				if e < y.d.end && y.d.src[e] == ':' {
					nd.colon = e + 1
				}
			}
		}
	}
}

// flowEnd returns the offset just past the "]" that closes the flow list
// nd, found after its last item; -1 when its items are not all located.
func (y *yamlWalk) flowEnd(nd *node) int {
	i := nd.start + 1
	if len(nd.items) > 0 {
		last := nd.items[len(nd.items)-1]
		if last.end < 0 {
			return -1
		}
		i = last.end
	}
	for i < y.d.end {
		switch c := y.d.src[i]; {
		case c == ' ' || c == '\t' || c == ',':
			i++
		case y.brk(i) > 0:
			i += y.brk(i)
		case c == '#':
			for i < y.d.end && y.brk(i) == 0 {
				i++
			}
		case c == ']':
			return i + 1
		default:
			return -1
		}
	}
	return -1
}

// blanks skips spaces and tabs from i.
func (y *yamlWalk) blanks(i int) int {
	for i < y.d.end && (y.d.src[i] == ' ' || y.d.src[i] == '\t') {
		i++
	}
	return i
}

// span returns where the text of the string scalar n starts and ends
// (its anchor and tag left out), in a collection indented by parent
// columns.
func (y *yamlWalk) span(n *yaml.Node, parent int) (start, end int, ok bool) {
	src, i := y.d.src, y.offset(n.Line, n.Column)
	for i < y.d.end && (src[i] == '&' || src[i] == '!') { // the anchor and the tag come first
		for i < y.d.end && src[i] != ' ' && src[i] != '\t' && y.brk(i) == 0 {
			i++
		}
		i = y.blanks(i)
		for n.Value != "" && y.brk(i) > 0 { // the value may start on a line of its own
			i = y.blanks(i + y.brk(i))
		}
	}
	if i >= y.d.end {
		return 0, 0, false
	}
	switch style := n.Style &^ yaml.TaggedStyle; {
	case style&yaml.DoubleQuotedStyle != 0:
		if src[i] != '"' {
			return 0, 0, false
		}
		for j := i + 1; j < y.d.end; j++ {
			switch src[j] {
			case '\\':
				j++
			case '"':
				return i, j + 1, true
			}
		}
	case style&yaml.SingleQuotedStyle != 0:
		if src[i] != '\'' {
			return 0, 0, false
		}
		for j := i + 1; j < y.d.end; j++ {
			if src[j] == '\'' {
				if j+1 < y.d.end && src[j+1] == '\'' {
					j++
					continue
				}
				return i, j + 1, true
			}
		}
	case style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		if src[i] != '|' && src[i] != '>' {
			return 0, 0, false
		}
		return i, y.blockEnd(i, parent), true
	default:
		if e, ok := y.plainEnd(i, n.Value); ok {
			return i, e, true
		}
	}
	return 0, 0, false
}

// blockEnd returns the offset just past the last line of text of the
// block scalar whose indicator (| or >) is at i, in a collection indented
// by parent columns; just past its indicators when it has none.
func (y *yamlWalk) blockEnd(i, parent int) int {
	src := y.d.src
	j, explicit := i+1, 0
	for j < y.d.end && (src[j] == '+' || src[j] == '-' || src[j] >= '0' && src[j] <= '9') {
		if src[j] >= '1' && src[j] <= '9' {
			explicit = int(src[j] - '0')
		}
		j++
	}
	last, indent := j, -1
	if explicit > 0 {
		indent = parent + explicit
	}
	for j < y.d.end && y.brk(j) == 0 { // the rest of the indicator's line: a comment
		j++
	}
	for j < y.d.end {
		j += y.brk(j) // the start of a line
		k := j
		for k < y.d.end && src[k] == ' ' {
			k++
		}
		e := k
		for e < y.d.end && y.brk(e) == 0 {
			e++
		}
		if e == k { // a blank line
			j = e
			continue
		}
		if indent < 0 {
			if k-j <= parent {
				break
			}
			indent = k - j
		}
		if k-j < indent {
			break
		}
		last, j = e, e
	}
	return last
}

// plainEnd returns the offset just past the plain scalar that starts at i
// and reads as value: the text matched against the value as YAML folds a
// plain scalar (blanks around a line break dropped, one break read as a
// space, each further break as a newline).
func (y *yamlWalk) plainEnd(i int, value string) (int, bool) {
	src, j := y.d.src, 0
	if value == "" {
		return 0, false
	}
	for j < len(value) {
		if i >= y.d.end {
			return 0, false
		}
		if c := src[i]; c != ' ' && c != '\t' && y.brk(i) == 0 {
			if c != value[j] {
				return 0, false
			}
			i, j = i+1, j+1
			continue
		}
		k := y.blanks(i)
		if k < y.d.end && y.brk(k) == 0 { // blanks inside a line are the value's
			if len(value)-j < k-i || value[j:j+k-i] != string(src[i:k]) {
				return 0, false
			}
			i, j = k, j+k-i
			continue
		}
		breaks := 0
		for k < y.d.end && y.brk(k) > 0 {
			k = y.blanks(k + y.brk(k))
			breaks++
		}
		fold := " "
		if breaks > 1 {
			fold = ""
			for range breaks - 1 {
				fold += "\n"
			}
		}
		if breaks == 0 || len(value)-j < len(fold) || value[j:j+len(fold)] != fold {
			return 0, false
		}
		i, j = k, j+len(fold)
	}
	return i, true
}
