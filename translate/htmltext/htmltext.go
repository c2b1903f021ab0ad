package htmltext

import (
	"html"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/tilmash/tilmash/translate/markup"
)

// Run is a stretch of text a reader sees, between block-level tags.
type Run struct {
	Start, End int           // its bytes in the HTML, blanks at either end aside
	Nodes      []markup.Node // its words, each inline tag an HTML node (<html1/>)
	Element    string        // the block-level element it stands in ("figcaption", "aside"), "" at the top
}

// Attr is the value of an attribute a reader sees or hears.
type Attr struct {
	Start, End int    // the value's bytes in the HTML, inside its quotes
	Name       string // alt, title, aria-label…
	Element    string // the element it belongs to
	Value      string // as a browser reads it: character references resolved
	Quote      byte   // the quotation mark around it ('"' or '\''), 0 if none
}

// readable are the attributes whose values a reader sees or hears.
var readable = map[string]bool{"alt": true, "title": true, "aria-label": true, "placeholder": true, "aria-description": true, "label": true}

// blockLevel are the elements that end a run: what starts a new block of
// text in a page.
var blockLevel = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Details: true, atom.Dialog: true,
	atom.Dd: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Td: true, atom.Tfoot: true, atom.Th: true,
	atom.Thead: true, atom.Tr: true, atom.Ul: true, atom.Caption: true, atom.Legend: true, atom.Iframe: true, atom.Video: true,
	atom.Audio: true, atom.Object: true, atom.Html: true, atom.Body: true, atom.Head: true,
}

// raw are the elements whose content is never a reader's words to
// translate: code, scripts, styles, drawings. An element of these, start to
// end, is one tag of its run.
var raw = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Pre: true, atom.Code: true, atom.Kbd: true, atom.Samp: true, atom.Var: true,
	atom.Textarea: true, atom.Svg: true, atom.Math: true, atom.Noscript: true, atom.Template: true, atom.Title: true,
}

// Find returns the runs and the readable attributes of an editor's HTML,
// in order.
func Find(src string) ([]Run, []Attr) {
	z := xhtml.NewTokenizer(strings.NewReader(masked(src)))
	var runs []Run
	var attrs []Attr
	var cur *Run
	var spans [][2]int // each node of cur, its bytes in src
	var stack []string // the open block-level elements
	at := 0
	element := func() string {
		if len(stack) == 0 {
			return ""
		}
		return stack[len(stack)-1]
	}
	end := func() {
		if cur != nil {
			cur.Nodes, cur.Start, cur.End = edges(src, cur.Nodes, spans)
			for cur.End > cur.Start && strings.IndexByte(" \t\r\n\f", src[cur.End-1]) >= 0 {
				cur.End--
			}
			for cur.Start < cur.End && strings.IndexByte(" \t\r\n\f", src[cur.Start]) >= 0 {
				cur.Start++
			}
			cur.Nodes = trim(cur.Nodes)
			if hasWords(cur.Nodes) {
				runs = append(runs, *cur)
			}
			cur = nil
		}
	}
	add := func(start, stop int, n markup.Node) {
		if cur == nil {
			cur = &Run{Start: start, Element: element()}
			spans = spans[:0]
		}
		cur.Nodes = append(cur.Nodes, n)
		spans = append(spans, [2]int{start, stop})
		cur.End = stop
	}
	rawDepth, rawStart, rawName := 0, 0, ""
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break // io.EOF, or HTML the tokenizer cannot go on with: what came before is read
		}
		tok := z.Raw()
		start, stop := at, at+len(tok)
		at = stop
		name, hasAttr := z.TagName()
		a := atom.Lookup(name)
		if rawDepth > 0 {
			switch {
			case tt == xhtml.StartTagToken && string(name) == rawName:
				rawDepth++
			case tt == xhtml.EndTagToken && string(name) == rawName:
				rawDepth--
				if rawDepth == 0 {
					add(rawStart, stop, markup.Node{Kind: markup.HTML, Text: src[rawStart:stop]})
				}
			}
			continue
		}
		switch tt {
		case xhtml.TextToken:
			text := src[start:stop]
			if cur == nil && strings.TrimSpace(text) == "" {
				continue
			}
			lead := len(text) - len(strings.TrimLeft(text, " \t\r\n"))
			if cur == nil {
				start += lead
			}
			add(start, stop, markup.Node{Kind: markup.Text, Text: collapse(xhtml.UnescapeString(text))})
		case xhtml.CommentToken, xhtml.DoctypeToken:
			end()
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken, xhtml.EndTagToken:
			if hasAttr && tt != xhtml.EndTagToken {
				attrs = append(attrs, attributes(start, []byte(src[start:stop]), string(name))...)
			}
			switch {
			case raw[a] && tt == xhtml.StartTagToken:
				rawDepth, rawStart, rawName = 1, start, string(name)
			case blockLevel[a] || a == 0 && tt != xhtml.EndTagToken && strings.Contains(string(name), "-"):
				// A block-level element, or a custom element (a site's
				// embed): the run ends, a new one may start inside.
				end()
				if tt == xhtml.StartTagToken {
					stack = append(stack, string(name))
				} else if tt == xhtml.EndTagToken && len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			default:
				add(start, stop, markup.Node{Kind: markup.HTML, Text: src[start:stop]})
			}
		}
	}
	end()
	// An attribute inside a run is its tag's, an <html1/> of the run's
	// unit: Attrs finds it there (package segment makes it a unit of its
	// own, which the edition writes into the tag).
	var out []Attr
	for _, at := range attrs {
		inside := false
		for _, r := range runs {
			if at.Start >= r.Start && at.End <= r.End {
				inside = true
				break
			}
		}
		if !inside && strings.TrimSpace(at.Value) != "" {
			out = append(out, at)
		}
	}
	return runs, out
}

// masked returns src with each processing instruction (`<?php … ?>`) and
// CDATA section (`<![CDATA[ … ]]>`) made a bogus comment of the same length
// (`<!xxx…>`): an HTML tokenizer ends those at their first `>`, where
// CommonMark's HTML blocks (and PHP) end them at `?>` and `]]>`, and would
// read the code after it as words. What follows them is read.
func masked(src string) string {
	if !strings.Contains(src, "<?") && !strings.Contains(src, "<![CDATA[") {
		return src
	}
	b := []byte(src)
	for i := 0; i+1 < len(b); i++ {
		if b[i] != '<' {
			continue
		}
		var closer string
		switch {
		case b[i+1] == '?':
			closer = "?>"
		case strings.HasPrefix(src[i:], "<![CDATA["):
			closer = "]]>"
		default:
			continue
		}
		end, closed := len(b), false // unclosed: a comment to the end
		if j := strings.Index(src[i+2:], closer); j >= 0 {
			end, closed = i+2+j+len(closer), true
		}
		b[i+1] = '!'
		for k := i + 2; k < end; k++ {
			b[k] = 'x'
		}
		if closed {
			b[end-1] = '>'
		}
		i = end - 1
	}
	return string(b)
}

// Attrs returns the readable attributes of one start tag as written
// (`<abbr title="Almaty Bazaar Administration">`, an inline tag of a
// paragraph or of a run), with a value a reader would see: their places
// are in tag. Anything but a start tag has none.
func Attrs(tag string) []Attr {
	// A start tag is "<" and a letter (an end tag, a comment, a
	// declaration is not), its name up to a blank, "/" or ">".
	if len(tag) < 2 || tag[0] != '<' || !('a' <= tag[1]|0x20 && tag[1]|0x20 <= 'z') || !strings.Contains(tag, "=") {
		return nil
	}
	i := 1
	for i < len(tag) && strings.IndexByte(" \t\r\n\f/>", tag[i]) < 0 {
		i++
	}
	var out []Attr
	for _, a := range attributes(0, []byte(tag), tag[1:i]) {
		if strings.TrimSpace(a.Value) != "" {
			a.Element = strings.ToLower(a.Element)
			out = append(out, a)
		}
	}
	return out
}

// attributes finds the readable attribute values of the tag tok, which
// starts at byte start of src.
func attributes(start int, tok []byte, element string) []Attr {
	var out []Attr
	i := 1 + len(element) // past "<name"
	for i < len(tok) {
		for i < len(tok) && strings.IndexByte(" \t\r\n\f/", tok[i]) >= 0 {
			i++
		}
		k := i
		for i < len(tok) && strings.IndexByte(" \t\r\n\f/>=", tok[i]) < 0 {
			i++
		}
		key := strings.ToLower(string(tok[k:i]))
		if key == "" {
			i++
			continue
		}
		for i < len(tok) && strings.IndexByte(" \t\r\n\f", tok[i]) >= 0 {
			i++
		}
		if i >= len(tok) || tok[i] != '=' {
			continue
		}
		i++
		for i < len(tok) && strings.IndexByte(" \t\r\n\f", tok[i]) >= 0 {
			i++
		}
		var q byte
		if i < len(tok) && (tok[i] == '"' || tok[i] == '\'') {
			q = tok[i]
			i++
		}
		v := i
		if q != 0 {
			for i < len(tok) && tok[i] != q {
				i++
			}
		} else {
			for i < len(tok) && strings.IndexByte(" \t\r\n\f>", tok[i]) < 0 {
				i++
			}
		}
		if readable[key] {
			out = append(out, Attr{Start: start + v, End: start + i, Name: key, Element: element, Value: xhtml.UnescapeString(string(tok[v:i])), Quote: q})
		}
		if q != 0 {
			i++
		}
	}
	return out
}

// collapse makes every run of blanks one space, as a browser shows it.
func collapse(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// edges leaves out of a run the tags at its ends that stand on a line of
// their own ("<a href=…>" above the words): kept where they are, they keep
// the block's lines as Markdown reads them (an HTML block of that kind
// starts with a tag alone on its line). It returns the nodes left and
// their first and last byte.
func edges(src string, nodes []markup.Node, spans [][2]int) ([]markup.Node, int, int) {
	const blank = " \t\r\n\f"
	i, j := 0, len(nodes)
	for i < j && nodes[i].Kind != markup.Text {
		if i+1 >= j || nodes[i+1].Kind != markup.Text {
			break
		}
		raw := src[spans[i+1][0]:spans[i+1][1]]
		if !strings.Contains(raw[:len(raw)-len(strings.TrimLeft(raw, blank))], "\n") {
			break
		}
		i++
	}
	for j > i && nodes[j-1].Kind != markup.Text {
		prev := j - 2
		if prev < i || nodes[prev].Kind != markup.Text {
			break
		}
		raw := src[spans[prev][0]:spans[prev][1]]
		if !strings.Contains(raw[len(strings.TrimRight(raw, blank)):], "\n") {
			break
		}
		j--
	}
	if i == 0 && j == len(nodes) {
		return nodes, spans[0][0], spans[len(spans)-1][1]
	}
	if i >= j {
		return nil, spans[0][0], spans[0][0]
	}
	return nodes[i:j], spans[i][0], spans[j-1][1]
}

// trim removes the blanks at a run's ends.
func trim(nodes []markup.Node) []markup.Node {
	for len(nodes) > 0 && nodes[0].Kind == markup.Text && strings.TrimSpace(nodes[0].Text) == "" {
		nodes = nodes[1:]
	}
	for len(nodes) > 0 && nodes[len(nodes)-1].Kind == markup.Text && strings.TrimSpace(nodes[len(nodes)-1].Text) == "" {
		nodes = nodes[:len(nodes)-1]
	}
	if len(nodes) > 0 && nodes[0].Kind == markup.Text {
		nodes[0].Text = strings.TrimLeft(nodes[0].Text, " ")
	}
	if k := len(nodes) - 1; k >= 0 && nodes[k].Kind == markup.Text {
		nodes[k].Text = strings.TrimRight(nodes[k].Text, " ")
	}
	return nodes
}

// hasWords reports whether nodes hold a letter or a digit a reader sees.
func hasWords(nodes []markup.Node) bool {
	for _, n := range nodes {
		if n.Kind == markup.Text && strings.ContainsFunc(n.Text, func(r rune) bool {
			return r > ' ' && !strings.ContainsRune("&;:,.!?-–—()[]{}\"'«»“”‘’/|*#", r)
		}) {
			return true
		}
	}
	return false
}

// Text writes a run's translation as HTML: its words escaped, its tags as
// the editor wrote them.
func Text(nodes []markup.Node) string {
	var b strings.Builder
	for _, n := range nodes {
		switch n.Kind {
		case markup.HTML:
			b.WriteString(n.Text)
		case markup.Break:
			b.WriteString("<br>")
		default:
			// A line break is a space to a browser; in a Markdown
			// edition, a blank line would end the HTML block.
			b.WriteString(strings.ReplaceAll(html.EscapeString(markup.PlainText([]markup.Node{n})), "\n", " "))
		}
	}
	return b.String()
}

// Write writes a translated value for the attribute's place: escaped for
// HTML; a line break as a character reference (written as it is, a blank
// line would end the paragraph or the HTML block around it, and a line
// would start without its quote's or list's marks), and "{" where it
// would start a site generator's code ({{, {%, {#, {:); for a value without
// quotation marks, with no blank, control character or other character
// that would end it.
func (a Attr) Write(text string) string {
	s := html.EscapeString(text) // & < > " '
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '\n' || r == '\r':
		case r == '{' && i+1 < len(s) && strings.IndexByte("{%#:", s[i+1]) >= 0:
		case a.Quote == 0 && (r <= ' ' || r == '=' || r == '`'):
		default:
			b.WriteRune(r)
			continue
		}
		b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
	}
	return b.String()
}
