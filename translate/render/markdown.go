package render

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/htmltext"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/segment"
	"github.com/tilmash/tilmash/translate/sitecode"
)

// Markdown writes the edition as Markdown: the article's own source,
// every byte as the editor wrote it (lists, quotes, code, HTML, link
// definitions, site-generator syntax, blank lines), with each block's text
// replaced by the edition's where the edition is another language's. The
// English edition's body is the source itself; the front matter is
// written as mdFrontMatter says. Captions are set as the language's
// typography sets them (typeset).
func Markdown(ed *assemble.Edition) []byte {
	ed = typeset(ed)
	return []byte(mdFrontMatter(ed) + markdownBody(ed, nil))
}

// Figure is what MarkdownBody writes for a figure: its caption as
// Markdown, its image's address and title as the article writes them.
type Figure struct {
	Caption string // the caption (the image's alt text), as inline Markdown in the edition's language
	Src     string // the image's address as written ("" for a caption alone)
	Title   string // the image's title, if it has one
}

// MarkdownBody writes the edition's body as Markdown does, with each
// figure (an image alone in its paragraph) written as figure says, in
// every edition, the English one too: for a site generator that shows
// figures its own way (a Hugo shortcode). Captions are set as Markdown
// sets them.
func MarkdownBody(ed *assemble.Edition, figure func(Figure) string) []byte {
	return []byte(markdownBody(typeset(ed), figure))
}

// markdownBody is the edition's body; figure, when not nil, writes the
// figures (in the English edition too, whose body is otherwise the
// source's).
func markdownBody(ed *assemble.Edition, figure func(Figure) string) string {
	var b strings.Builder
	body := ed.Source[min(ed.BodyStart, len(ed.Source)):]
	if ed.Locale == locale.Source && figure == nil {
		b.Write(body)
		return b.String()
	}
	var subs []splice
	if ed.Locale == locale.Source {
		subs = figureSplices(nil, ed.Blocks, figure)
	} else {
		if t := ed.Meta[segment.Headline]; t != nil && !ed.TitleSpan.IsZero() {
			subs = append(subs, splice{ed.TitleSpan, headingText(mdParagraph(t.Nodes, ed.TitleSpan.Cont))})
		}
		subs = mdSplices(subs, ed.Blocks, figure)
	}
	sort.Slice(subs, func(i, j int) bool { return subs[i].span.Start < subs[j].span.Start })
	at := min(ed.BodyStart, len(ed.Source))
	for _, sp := range subs {
		if sp.span.Start < at || sp.span.End > len(ed.Source) {
			continue // cannot happen: blocks do not overlap
		}
		b.Write(ed.Source[at:sp.span.Start])
		b.WriteString(sp.text)
		at = sp.span.End
	}
	b.Write(ed.Source[at:])
	return b.String()
}

// figureSplices adds each figure's text, as figure writes it, at the
// figure's span: the English edition's one change to its source.
func figureSplices(subs []splice, blocks []assemble.Block, figure func(Figure) string) []splice {
	for _, bl := range blocks {
		subs = figureSplices(subs, bl.Children, figure)
		// An image written in Markdown; a figure of the site's own code
		// ({{< figure caption="…" >}}) is the site's, as written.
		if bl.Kind == segment.FigureBlock && bl.Text != nil && !bl.Span.IsZero() && bl.Span.Param.IsZero() {
			subs = append(subs, splice{bl.Span, figure(Figure{Caption: mdInlineIn(bl.Text.Nodes, true), Src: bl.Src, Title: bl.Title})})
		}
	}
	return subs
}

// withMarks writes each line break of s with the marks of the quote or
// list item its HTML block is in (cont: "> ", "   "), so the lines after
// the first stay inside it.
func withMarks(s, cont string) string {
	if cont == "" {
		return s
	}
	return strings.ReplaceAll(s, "\n", "\n"+cont)
}

// splice is a stretch of the source and what the edition writes there.
type splice struct {
	span segment.Span
	text string
}

// mdSplices adds each block's text, as Markdown, at the block's span.
func mdSplices(subs []splice, blocks []assemble.Block, figure func(Figure) string) []splice {
	for _, bl := range blocks {
		subs = mdSplices(subs, bl.Children, figure)
		if bl.Text == nil || bl.Span.IsZero() {
			continue
		}
		switch bl.Kind {
		case segment.HTMLTextBlock:
			subs = append(subs, splice{bl.Span, withMarks(htmltext.Text(bl.Text.Nodes), bl.Span.Cont)})
			continue
		case segment.HTMLAttrBlock:
			subs = append(subs, splice{bl.Span, withMarks(htmltext.Attr{Quote: bl.Span.Quote}.Write(markup.PlainText(bl.Text.Nodes)), bl.Span.Cont)})
			continue
		case segment.TitleBlock:
			// A reference definition's title, in its place (its links are
			// written inline, each with its title).
			subs = append(subs, splice{bl.Span, mdTitleText(markup.PlainText(bl.Text.Nodes))})
			continue
		}
		if !bl.Span.Param.IsZero() {
			// A parameter of a site generator's code: plain text, quoted as
			// it is, unable to break the code.
			subs = append(subs, splice{bl.Span, bl.Span.Param.Write(markup.PlainText(bl.Text.Nodes))})
			continue
		}
		switch bl.Kind {
		case segment.HeadingBlock:
			subs = append(subs, splice{bl.Span, headingText(mdParagraph(bl.Text.Nodes, bl.Span.Cont))})
		case segment.CellBlock:
			subs = append(subs, splice{bl.Span, mdCell(bl.Text.Nodes)})
		case segment.FigureBlock:
			if figure != nil {
				subs = append(subs, splice{bl.Span, figure(Figure{Caption: mdInlineIn(bl.Text.Nodes, true), Src: bl.Src, Title: bl.Title})})
				continue
			}
			img := "![" + mdInlineIn(bl.Text.Nodes, true) + "](" + mdURL(bl.Src)
			if bl.Title != "" {
				img += " " + mdTitle(bl.Title)
			}
			subs = append(subs, splice{bl.Span, img + ")"})
		default:
			subs = append(subs, splice{bl.Span, mdParagraph(bl.Text.Nodes, bl.Span.Cont)})
		}
	}
	return subs
}

// mdFrontMatter is the edition's front matter: the source's, in its
// format (TOML, YAML or JSON), every byte as written (comments, order,
// dates, the fields tilmash does not read: a site generator's draft,
// slug, aliases…), but the values of the fields that are units, each in
// the edition's language (where it is translated; the English as written
// where not), and lang, where the source sets it, naming the edition's.
// The English edition's is the source's, byte for byte.
func mdFrontMatter(ed *assemble.Edition) string {
	doc := ed.FrontMatter
	if doc == nil { // an edition not assembled from a content file
		return "+++\n+++\n"
	}
	values := map[string]any{}
	if !locale.IsSource(ed.Locale) {
		for _, f := range ed.Fields {
			if f.Text != nil && f.Text.Lang == "" {
				values[f.Path] = markup.PlainText(f.Text.Nodes)
			}
		}
		if _, _, ok := doc.String("lang"); ok {
			values["lang"] = ed.Locale.String()
		}
	}
	if len(ed.Aliases) > 0 {
		// Relative to the page's folder, as Hugo reads an alias without a
		// leading slash: the editions of a locale share one folder.
		if had, _, ok := doc.Strings("aliases"); ok {
			all := slices.Clone(had)
			for _, a := range ed.Aliases {
				if !slices.Contains(all, a) {
					all = append(all, a)
				}
			}
			values["aliases"] = all
		} else if _, taken := doc.Field("aliases"); !taken {
			values["aliases"] = ed.Aliases
		}
	}
	fm, err := doc.Rewrite(values)
	if err != nil { // segment made units of strings Rewrite can replace only
		return string(doc.Raw())
	}
	return string(fm)
}

// mdParagraph writes a paragraph, escaping what would start another
// block at the start of each of its lines; cont starts every line after
// the first (the paragraph's block quote or list indentation).
func mdParagraph(nodes []markup.Node, cont string) string {
	lines := strings.Split(mdInline(nodes), "\n")
	for i, l := range lines {
		// Blanks a line starts with are a character reference's (&#9;):
		// written as they are, they would indent the line into code, or
		// be dropped.
		if blank := len(l) - len(strings.TrimLeft(l, " \t")); blank > 0 {
			l = strings.NewReplacer(" ", "&#32;", "\t", "&#9;").Replace(l[:blank]) + l[blank:]
		}
		if m := orderedStart.FindStringSubmatchIndex(l); m != nil {
			l = l[:m[3]] + `\` + l[m[3]:] // "1\. " — a backslash before a digit escapes nothing
		} else if blockStart.MatchString(l) {
			l = `\` + l
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n"+cont)
}

var (
	blockStart   = regexp.MustCompile(`^(#{1,6}(\s|$)|>|[-+*]\s|=+\s*$)`)
	orderedStart = regexp.MustCompile(`^(\d{1,9})[.)]\s`)
)

func mdInline(nodes []markup.Node) string { return mdInlineIn(nodes, false) }

// mdInlineIn writes nodes as Markdown; inLink says they are a link's or an
// image's words, where no address becomes a link of its own.
func mdInlineIn(nodes []markup.Node, inLink bool) string {
	var b strings.Builder
	for i, n := range nodes {
		switch n.Kind {
		case markup.Text:
			text := n.Text
			bang := i+1 < len(nodes) && nodes[i+1].Kind == markup.Link && strings.HasSuffix(text, "!")
			if bang {
				text = text[:len(text)-1] // a ! before a link would make it an image
			}
			if inLink {
				b.WriteString(mdEscapeText(text))
			} else {
				b.WriteString(mdEscape(text))
			}
			if bang {
				b.WriteString(`\!`)
			}
		case markup.Emph:
			b.WriteString("*" + mdInline(n.Children) + "*")
		case markup.Strong:
			b.WriteString("**" + mdInline(n.Children) + "**")
		case markup.Link:
			b.WriteString("[" + mdInlineIn(n.Children, true) + "](" + mdURL(n.Href))
			if n.Title != "" {
				b.WriteString(" " + mdTitle(n.Title))
			}
			b.WriteString(")")
		case markup.Code:
			ticks := "`"
			for strings.Contains(n.Text, ticks) {
				ticks += "`"
			}
			pad := ""
			if strings.HasPrefix(n.Text, "`") || strings.HasSuffix(n.Text, "`") {
				pad = " "
			}
			b.WriteString(ticks + pad + n.Text + pad + ticks)
		case markup.HTML:
			b.WriteString(n.Text) // the editor's, as written: the site generator applies its own policy
		case markup.Break:
			b.WriteString("\\\n")
		case markup.Strike:
			b.WriteString("~~" + mdInline(n.Children) + "~~")
		case markup.Image:
			b.WriteString("![" + mdInlineIn(n.Children, true) + "](" + mdURL(n.Href))
			if n.Title != "" {
				b.WriteString(" " + mdTitle(n.Title))
			}
			b.WriteString(")")
		case markup.Footnote:
			b.WriteString("[^" + n.Href + "]")
		case markup.Template:
			b.WriteString(n.Text) // the site generator's, as written
		}
	}
	return b.String()
}

// mdTitle writes a link's or an image's title (as a reader sees it:
// package segment resolves the article's escapes and references) between
// double quotes.
func mdTitle(title string) string { return `"` + mdTitleText(title) + `"` }

// mdTitleText writes a title's text for any of Markdown's title marks
// ("…", '…', (…)): each of them, a backslash, and what could start
// another construct (a code span's or an autolink's mark, an HTML tag, a
// character reference) escaped with a backslash; a line break as a
// character reference (written as it is, a blank line would end the
// paragraph, and a line would start without its quote's marks); "{" as
// one where it would start a site generator's code ({{, {%, {#, {:), which
// the site generator would run. Whatever a translation holds, the title
// ends where the editor's did.
func mdTitleText(title string) string {
	var b strings.Builder
	for i := 0; i < len(title); i++ {
		c := title[i]
		switch {
		case strings.IndexByte("\\\"'()`<>&[]", c) >= 0:
			b.WriteByte('\\')
		case c == '\n' || c == '\r':
			fmt.Fprintf(&b, "&#%d;", c)
			continue
		case c == '{' && i+1 < len(title) && strings.IndexByte("{%#:", title[i+1]) >= 0:
			b.WriteString("&#123;")
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// mdCell writes a table cell's text: on one line, its vertical bars
// escaped, a hard break as <br>.
func mdCell(nodes []markup.Node) string {
	s := strings.ReplaceAll(mdInline(nodes), "\\\n", "<br>")
	return strings.ReplaceAll(s, "|", `\|`)
}

func mdURL(u string) string {
	if strings.Contains(u, "{{") || strings.Contains(u, "{%") {
		return u // the site generator's code, as written: it makes the address before Markdown reads it
	}
	// The address is as a browser reads it (segment resolves escapes and
	// references): a backslash is written \\ and what reads as a character
	// reference has its & escaped, so that Markdown reads it back the same.
	if strings.Contains(u, `\`) {
		u = strings.ReplaceAll(u, `\`, `\\`)
	}
	if strings.Contains(u, "&") {
		u = entityLike.ReplaceAllStringFunc(u, func(m string) string { return `\` + m })
	}
	if strings.ContainsAny(u, " ()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(u) + ">"
	}
	return u
}

var entityLike = regexp.MustCompile(`&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)

// headingText keeps a heading's text from ending in what reads as an
// attribute block ({#id}, {.class}): the last "{" of a text that ends in
// "}" is escaped.
func headingText(s string) string {
	if t := strings.TrimRight(s, " \t"); strings.HasSuffix(t, "#") {
		// A heading's closing sequence (## foo ##), which Markdown
		// drops: its first # escaped, the text's own.
		i := len(strings.TrimRight(t, "#"))
		if i == 0 || t[i-1] == ' ' || t[i-1] == '\t' {
			return s[:i] + "\\" + s[i:]
		}
	}
	if !strings.HasSuffix(strings.TrimRight(s, " "), "}") {
		return s
	}
	i := strings.LastIndexByte(s, '{')
	if i < 0 {
		return s
	}
	if codes := sitecode.Find([]byte(s)); len(codes) > 0 && codes[len(codes)-1].End == len(strings.TrimRight(s, " ")) {
		return s // the site generator's code, kept as written: Markdown never reads it as attributes
	}
	slashes := 0 // an odd number before it: escaped already
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		slashes++
	}
	if slashes%2 == 1 {
		return s
	}
	return s[:i] + "\\" + s[i:]
}

// mdEscapeText escapes what Markdown reads as markup in a link's words.
func mdEscapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		j := strings.IndexAny(s[i:], ".:@")
		if j < 0 {
			b.WriteString(mdEscape(s[i:]))
			break
		}
		b.WriteString(mdEscape(s[i : i+j]))
		b.WriteByte(s[i+j]) // not an address of its own inside a link
		i += j + 1
	}
	return b.String()
}

// mdEscape escapes the characters that Markdown would read as markup, and
// what Hugo's Markdown would turn into a link of its own (linkify: a bare
// www. or scheme:// address, an e-mail address), which the source did not
// link: the text stays text.
func mdEscape(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www"):
			b.WriteString("&#46;")
			continue
		case r == ':' && strings.HasPrefix(s[i:], "://"):
			b.WriteString("&#58;")
			continue
		case r == '@':
			b.WriteString("&#64;")
			continue
		case r == '~':
			b.WriteString("&#126;") // a reference, not \~: an escaped tilde still joins the run of ~~ beside it
			continue
		case r == '{' && i+1 < len(s) && strings.IndexByte("{%#:", s[i+1]) >= 0:
			// Text the article shows, not code: written as it is, {{, {%,
			// {# or {: would start a site generator's code (package
			// sitecode), which the text around it can complete.
			b.WriteString("&#123;")
			continue
		}
		switch r {
		case '\\', '*', '_', '[', ']', '`', '<':
			b.WriteByte('\\')
		case '\n', '\r': // a character reference's (&#10;): as written, a line break would end the paragraph or become a space
			fmt.Fprintf(&b, "&#%d;", r)
			continue
		case '&':
			if entityLike.MatchString(s[i:]) && entityLike.FindStringIndex(s[i:])[0] == 0 {
				b.WriteString("&amp;")
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
