package markup

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind says what an inline node is.
type Kind int

// The kinds of inline node.
const (
	Text     Kind = iota // plain text in Node.Text
	Emph                 // emphasis around Node.Children (*…*)
	Strong               // strong emphasis around Node.Children (**…**)
	Link                 // a link to Node.Href around Node.Children
	Code                 // a code span; Node.Text is its content, never translated
	Break                // a hard line break
	HTML                 // raw inline HTML in Node.Text, never translated
	Var                  // a template variable named Node.Text, written {{.Name}}, with its number in Node.Href; filled in before Decode
	Strike               // struck-through text around Node.Children (~~…~~), written <s>…</s>
	Image                // an inline image of Node.Href titled Node.Title, its alt text (translated) in Node.Children: <img1>…</img1>
	Footnote             // a reference to the footnote labelled Node.Href, numbered Node.Text: <fn1/>
	Template             // a site generator's code ({{< ref "x" >}}, {{ site.baseurl }}) in Node.Text, never translated: <tpl1/>
)

// Node is one piece of inline content.
type Node struct {
	Kind     Kind   // what the node is
	Text     string // the text of Text, Code and HTML nodes
	Href     string // the destination of a Link or an Image, a Footnote's label
	Title    string // the title of a Link, if any
	Children []Node // the content of Emph, Strong and Link nodes
}

// Tags maps a data-carrying tag name (a1, code1, html1) to the node it stands for.
type Tags map[string]Node

// Encode returns the translator's text for nodes and the table of tags that
// Decode needs to restore them.
func Encode(nodes []Node) (string, Tags) {
	e := encoder{tags: Tags{}}
	e.nodes(nodes)
	return e.b.String(), e.tags
}

// Each calls f for each node of nodes that a data-carrying tag stands for
// (a link, an image, a code span, inline HTML, a footnote reference, a
// site generator's code), in the order of the message text, with the name
// Encode gives its tag (a1, img1, html1…) and the node whole, its
// children too: what a caller needs to speak of a tag's node (a link's
// words) or to give it data (a link's title in the edition's language).
func Each(nodes []Node, f func(name string, n Node)) {
	e := encoder{tags: Tags{}, each: f}
	e.nodes(nodes)
}

type encoder struct {
	b                                      strings.Builder
	tags                                   Tags
	links, codes, raw, images, notes, tpls int
	each                                   func(name string, n Node) // told of every tag, if set (Each)
}

// tag records the node a data-carrying tag stands for: what Decode gives
// back (data), and the node whole for Each.
func (e *encoder) tag(name string, data, whole Node) {
	e.tags[name] = data
	if e.each != nil {
		e.each(name, whole)
	}
}

func (e *encoder) nodes(nodes []Node) {
	for _, n := range nodes {
		switch n.Kind {
		case Text:
			e.b.WriteString(Escape(n.Text))
		case Emph:
			e.wrap("em", n.Children)
		case Strong:
			e.wrap("strong", n.Children)
		case Link:
			e.links++
			name := "a" + strconv.Itoa(e.links)
			e.tag(name, Node{Kind: Link, Href: n.Href, Title: n.Title}, n)
			e.wrap(name, n.Children)
		case Code:
			e.codes++
			name := "code" + strconv.Itoa(e.codes)
			e.tag(name, n, n)
			e.b.WriteString("<" + name + "/>")
		case HTML:
			e.raw++
			name := "html" + strconv.Itoa(e.raw)
			e.tag(name, n, n)
			e.b.WriteString("<" + name + "/>")
		case Break:
			e.b.WriteString("<br/>")
		case Strike:
			e.wrap("s", n.Children)
		case Image:
			e.images++
			name := "img" + strconv.Itoa(e.images)
			e.tag(name, Node{Kind: Image, Href: n.Href, Title: n.Title}, n)
			e.wrap(name, n.Children)
		case Footnote:
			e.notes++
			name := "fn" + strconv.Itoa(e.notes)
			e.tag(name, n, n)
			e.b.WriteString("<" + name + "/>")
		case Template:
			e.tpls++
			name := "tpl" + strconv.Itoa(e.tpls)
			e.tag(name, n, n)
			e.b.WriteString("<" + name + "/>")
		case Var:
			e.b.WriteString("{{." + n.Text + "}}")
		}
	}
}

func (e *encoder) wrap(name string, children []Node) {
	e.b.WriteString("<" + name + ">")
	e.nodes(children)
	e.b.WriteString("</" + name + ">")
}

// Escape makes plain text safe to place in message text: it escapes "<", the
// "&" of anything that would read as an escape, and the template delimiter
// "{{" that go-i18n would otherwise execute.
func Escape(s string) string {
	if !strings.ContainsAny(s, "<&{") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '<':
			b.WriteString("&lt;")
		case s[i] == '&' && (strings.HasPrefix(s[i:], "&lt;") || strings.HasPrefix(s[i:], "&amp;")):
			b.WriteString("&amp;")
		case strings.HasPrefix(s[i:], "{{"):
			b.WriteString(`{{"{{"}}`)
			i++
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// Error is a problem in a message's tags, at a column (in characters, from 1)
// of the message text.
type Error struct {
	Col int    // the column of the offending tag, counted in characters
	Msg string // what is wrong
}

// Error formats the problem with its column.
func (e *Error) Error() string { return fmt.Sprintf("column %d: %s", e.Col, e.Msg) }

// Decode parses message text back into nodes, taking the data of each
// data-carrying tag from tags. It fails on an unknown, unbalanced or
// misnested tag, and on a tag that tags does not define.
func Decode(msg string, tags Tags) ([]Node, error) {
	type frame struct {
		name  string
		node  Node
		col   int
		nodes []Node
	}
	stack := []frame{{}}
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			top := &stack[len(stack)-1]
			top.nodes = append(top.nodes, Node{Kind: Text, Text: text.String()})
			text.Reset()
		}
	}
	// The column is counted on from the last one, not from the start of
	// the message each time: a long message costs its length, not its
	// square.
	colAt, colOff := 1, 0
	column := func(i int) int {
		colAt += utf8.RuneCountInString(msg[colOff:i])
		colOff = i
		return colAt
	}
	for i := 0; i < len(msg); {
		switch {
		case strings.HasPrefix(msg[i:], "&lt;"):
			text.WriteByte('<')
			i += len("&lt;")
			continue
		case strings.HasPrefix(msg[i:], "&amp;"):
			text.WriteByte('&')
			i += len("&amp;")
			continue
		case msg[i] != '<':
			text.WriteByte(msg[i])
			i++
			continue
		}
		col := column(i)
		tag, closing, selfClosing, n := scanTag(msg[i:])
		if n == 0 {
			return nil, &Error{col, `a "<" that starts no tag: write &lt; for a literal "<"`}
		}
		i += n
		flush()
		switch {
		case closing:
			top := stack[len(stack)-1]
			if len(stack) == 1 {
				return nil, &Error{col, fmt.Sprintf("</%s> closes a tag that was never opened", tag)}
			}
			if top.name != tag {
				return nil, &Error{col, fmt.Sprintf("</%s> where </%s> was expected (tag opened at column %d)", tag, top.name, top.col)}
			}
			stack = stack[:len(stack)-1]
			node := top.node
			node.Children = top.nodes
			parent := &stack[len(stack)-1]
			parent.nodes = append(parent.nodes, node)
		case tag == "br":
			if !selfClosing {
				return nil, &Error{col, "write a hard line break as <br/>"}
			}
			stack[len(stack)-1].nodes = append(stack[len(stack)-1].nodes, Node{Kind: Break})
		case tag == "em" || tag == "strong" || tag == "s":
			if selfClosing {
				return nil, &Error{col, fmt.Sprintf("<%s/> has no content: wrap text in <%s>…</%s>", tag, tag, tag)}
			}
			kind := map[string]Kind{"em": Emph, "strong": Strong, "s": Strike}[tag]
			stack = append(stack, frame{name: tag, node: Node{Kind: kind}, col: col})
		default:
			def, ok := tags[tag]
			if !ok {
				return nil, &Error{col, fmt.Sprintf("<%s> is not a tag of the source text", tag)}
			}
			if def.Kind == Link || def.Kind == Image {
				if selfClosing {
					what := "a link: wrap its text"
					if def.Kind == Image {
						what = "an image: wrap its description"
					}
					return nil, &Error{col, fmt.Sprintf("<%s/> is %s in <%s>…</%s>", tag, what, tag, tag)}
				}
				stack = append(stack, frame{name: tag, node: Node{Kind: def.Kind, Href: def.Href, Title: def.Title}, col: col})
				continue
			}
			if !selfClosing {
				return nil, &Error{col, fmt.Sprintf("<%s> stands alone: write it as <%s/>", tag, tag)}
			}
			stack[len(stack)-1].nodes = append(stack[len(stack)-1].nodes, def)
		}
	}
	flush()
	if len(stack) > 1 {
		top := stack[len(stack)-1]
		return nil, &Error{top.col, fmt.Sprintf("<%s> is never closed: add </%s>", top.name, top.name)}
	}
	return stack[0].nodes, nil
}

// scanTag reads a tag such as <em>, </a1> or <code1/> at the start of s. It
// returns n == 0 if s does not start with a tag. Decode and Tokens read
// tags with it, so that what one reads as a tag the other does.
func scanTag(s string) (name string, closing, selfClosing bool, n int) {
	i := 1
	if i < len(s) && s[i] == '/' {
		closing = true
		i++
	}
	start := i
	for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	if i == start {
		return "", false, false, 0
	}
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	name = s[start:i]
	if !closing && strings.HasPrefix(s[i:], "/>") {
		return name, false, true, i + 2
	}
	if strings.HasPrefix(s[i:], ">") {
		return name, closing, false, i + 1
	}
	return "", false, false, 0
}

// TagNames lists the tags used in message text, in order of appearance, each
// as it is written ("em", "/em", "a1", "code1/"). Checks compare a
// translation's tags with its source's.
func TagNames(msg string) []string {
	var names []string
	for t := range Tokens(msg) {
		switch t.Kind {
		case Open:
			names = append(names, t.Name)
		case Close:
			names = append(names, "/"+t.Name)
		case SelfClosing:
			names = append(names, t.Name+"/")
		}
	}
	return names
}

// PlainText returns the text of nodes with all markup removed, as a reader
// would read it aloud. Code spans keep their text.
func PlainText(nodes []Node) string {
	var b strings.Builder
	var walk func([]Node)
	walk = func(nodes []Node) {
		for _, n := range nodes {
			switch n.Kind {
			case Text, Code:
				b.WriteString(n.Text)
			case Break:
				b.WriteString("\n")
			case Emph, Strong, Link, Strike, Image:
				walk(n.Children)
			}
		}
	}
	walk(nodes)
	return b.String()
}
