package render

import (
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/htmlpolicy"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/media"
	"github.com/tilmash/tilmash/translate/segment"
)

// htmlWriter writes an edition's body as HTML5, or as the XHTML an EPUB
// needs (void elements closed, xml:lang beside lang, raw HTML only where it
// is well-formed XML).
type htmlWriter struct {
	b       strings.Builder
	xhtml   bool
	units   bool // mark each element holding a unit's text with data-unit (the preview)
	trusted bool // the editors' HTML is published as written (Page.EditorHTML)
	// tag is the edition's language. caps: it has capitals of its own
	// (locale.OwnCapitals), so the writer sets in capitals what the
	// stylesheets would (the masthead, a callout's title, an aside's
	// headings), and the stylesheets leave them as they are.
	tag      language.Tag
	caps     bool
	sections int
	noteRefs map[string]int // footnote references written, by label, for their ids
	bal      balancer       // raw HTML closes only what raw HTML opened (HTML; XHTML checks well-formedness)
	Warnings []string       // what was left out, and why

	link     func(string, bool) string // Page.Link
	unlinked []string                  // the links the edition shows as words alone (Page.Link gave "")

	images map[string]Image // the figures' images the editions publish, by address (Page.Images)
	packed []packedImage    // XHTML: the images the book packs, in order of first use
}

// packedImage is an image an EPUB carries.
type packedImage struct {
	src  string // the figure's address in the article
	name string // its path in the book, relative to the package document: images/img1.jpg
	Image
}

// epubTypes are the image types a book packs, with their file extensions:
// EPUB 3.2's core media types for raster images. WebP is one only since
// EPUB 3.3, and reading systems of 3.2 (and epubcheck 4) refuse it without
// a fallback: the HTML edition shows it, the book its caption.
var epubTypes = map[string]string{"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif"}

// figureSrc is the address an edition's <img> gives a figure's image, or
// "" when the edition shows the figure's caption alone: a figure with no
// address, or one whose file is not published (the article's warning says
// why); in a book, an image it cannot pack.
func (w *htmlWriter) figureSrc(src string) string {
	if src == "" {
		return ""
	}
	if img, ok := w.images[src]; ok {
		if !w.xhtml {
			return img.Href
		}
		for _, p := range w.packed {
			if p.src == src || p.Href == img.Href { // the same file, however the article names it
				return p.name
			}
		}
		ext, ok := epubTypes[img.Type]
		if !ok {
			w.Warnings = append(w.Warnings, fmt.Sprintf("the image %q (%s) is left out of the book, its caption kept: EPUB 3.2 reading systems show only JPEG, PNG and GIF; save it as one of them", shorten(src), img.Type))
			return ""
		}
		name := "images/img" + strconv.Itoa(len(w.packed)+1) + "." + ext
		w.packed = append(w.packed, packedImage{src: src, name: name, Image: img})
		return name
	}
	if href, ok := media.External(src); ok {
		if !w.xhtml {
			return href
		}
		w.Warnings = append(w.Warnings, fmt.Sprintf("the image %q is left out of the book, its caption kept: a book carries only the images beside its article, and this one is on a site", shorten(src)))
	}
	return "" // relative, but not published: the article's warning says why
}

func (w *htmlWriter) void(tag, attrs string) string {
	if w.xhtml {
		return "<" + tag + attrs + "/>"
	}
	return "<" + tag + attrs + ">"
}

func (w *htmlWriter) lang(t *assemble.Text) string {
	if t == nil || t.Lang == "" {
		return ""
	}
	if w.xhtml {
		return ` lang="` + t.Lang + `" xml:lang="` + t.Lang + `"`
	}
	return ` lang="` + t.Lang + `"`
}

// raw passes an editor's HTML through the sanitiser (sanitize.go); in
// XHTML, only if it is well-formed XML once sanitised.
func (w *htmlWriter) raw(s string, block bool) string {
	clean := s
	if !w.trusted {
		clean = sanitize(s)
		if gone := htmlpolicy.LeftOut(s); len(gone) > 0 {
			w.Warnings = append(w.Warnings, "the editor's HTML left out ("+strings.Join(gone, ", ")+"): "+shorten(s))
		}
	}
	s = clean
	if w.caps && block {
		s = capsHeadings(s, w.tag)
	}
	if !w.xhtml {
		n := len(w.bal.dropped)
		s = w.bal.raw(s)
		if len(w.bal.dropped) > n {
			w.Warnings = append(w.Warnings, "raw HTML's end tags that close nothing it opened left out (the page's structure stays intact): "+shorten(strings.Join(w.bal.dropped[n:], "")))
		}
		return s
	}
	if wellFormed(s) {
		return s
	}
	if x, ok := xhtml(s); ok && block && wellFormed(x) {
		return x // a block as an HTML parser reads it, written as XML (a lone inline tag would lose its words)
	}
	w.Warnings = append(w.Warnings, "raw HTML left out of the EPUB (not well-formed XML): "+shorten(s))
	return ""
}

// wellFormed reports whether s is well-formed XML content.
func wellFormed(s string) bool {
	d := xml.NewDecoder(strings.NewReader("<x>" + s + "</x>"))
	for {
		if _, err := d.Token(); err != nil {
			return errors.Is(err, io.EOF)
		}
	}
}

// unit marks an element holding t with its unit's ID, when w.units is
// set: the live preview finds each unit's element by it.
func (w *htmlWriter) unit(t *assemble.Text) string {
	if !w.units || t == nil || t.Unit == "" {
		return ""
	}
	return ` data-unit="` + template.HTMLEscapeString(t.Unit) + `"`
}

func (w *htmlWriter) blocks(blocks []assemble.Block) {
	inProfile := false
	w.bal.open() // the article
	for _, bl := range blocks {
		if bl.Kind == segment.HeadingBlock && bl.Level <= 2 {
			if inProfile {
				w.b.WriteString(w.bal.close() + "</section>\n")
				inProfile = false
			}
			if bl.Class == "profile" {
				w.b.WriteString(`<section class="profile">` + "\n")
				w.bal.open()
				inProfile = true
			}
		}
		w.block(bl)
	}
	if inProfile {
		w.b.WriteString(w.bal.close() + "</section>\n")
	}
	if s := w.bal.close(); s != "" {
		w.b.WriteString(s + "\n")
	}
}

// upper writes t's text as content does, in capitals, each word as its
// language writes them (t's fallback's, or the edition's), where the
// edition sets its capitals itself (caps); as written elsewhere.
func (w *htmlWriter) upper(t *assemble.Text) string {
	if !w.caps {
		return w.content(t.Nodes)
	}
	return w.content(upperNodes(t.Nodes, textLang(t, w.tag), nil))
}

// inAside reports whether the editor's HTML has opened an <aside> that
// is open where the writer is: a heading written now stands in it.
func (w *htmlWriter) inAside() bool {
	for _, f := range w.bal.frames {
		if slices.Contains(f, "aside") {
			return true
		}
	}
	return false
}

// content writes inline nodes as the content of an element of the page:
// raw HTML in them closes only what it opened there (balancer).
func (w *htmlWriter) content(nodes []markup.Node) string {
	w.bal.open()
	s := w.inline(nodes)
	return s + w.bal.close()
}

func class(c string) string {
	if c == "" {
		return ""
	}
	return ` class="` + c + `"`
}

func (w *htmlWriter) block(bl assemble.Block) {
	b := &w.b
	switch bl.Kind {
	case segment.HeadingBlock:
		level := bl.Level
		if level == 1 {
			level = 2 // the headline is the page's only h1
		}
		tag := "h" + strconv.Itoa(level)
		id := ""
		if level == 2 {
			w.sections++
		}
		if level == 2 || bl.ID != "" || bl.Anchor != "" {
			id = ` id="` + template.HTMLEscapeString(sectionID(bl.Block, w.sections)) + `"`
		}
		text := w.content(bl.Text.Nodes)
		if level <= 4 && w.inAside() {
			text = w.upper(bl.Text) // the stylesheets set an aside's headings in capitals
		}
		b.WriteString("<" + tag + id + class(bl.Class) + w.lang(bl.Text) + w.unit(bl.Text) + ">" + text + "</" + tag + ">\n")
	case segment.ParagraphBlock:
		b.WriteString("<p" + class(bl.Class) + w.lang(bl.Text) + w.unit(bl.Text) + ">" + w.content(bl.Text.Nodes) + "</p>\n")
	case segment.FigureBlock:
		// A figure whose photograph is not published (no address, a file
		// left out) shows its caption alone: never an <img> without a
		// picture, which a live page shows as a broken image.
		src := w.figureSrc(bl.Src)
		var caption []markup.Node
		if bl.Text != nil {
			caption = bl.Text.Nodes
		}
		if src == "" && len(caption) == 0 {
			return // nothing to show
		}
		b.WriteString("<figure>\n")
		if src != "" {
			alt := markup.PlainText(caption)
			for _, c := range bl.Children { // a figure shortcode's own alt="…"
				if c.Kind == segment.ParamBlock && c.Label == "alt" && c.Text != nil {
					alt = markup.PlainText(c.Text.Nodes)
				}
			}
			attrs := ` src="` + template.HTMLEscapeString(src) + `" alt="` + template.HTMLEscapeString(alt) + `"`
			if bl.Title != "" {
				attrs += ` title="` + template.HTMLEscapeString(bl.Title) + `"`
			}
			b.WriteString(w.void("img", attrs) + "\n")
		}
		if len(caption) > 0 {
			b.WriteString("<figcaption" + w.lang(bl.Text) + w.unit(bl.Text) + ">" + w.content(caption) + "</figcaption>\n")
		}
		b.WriteString("</figure>\n")
	case segment.ListBlock:
		tag, start := "ul", ""
		if bl.Ordered {
			tag = "ol"
			if bl.Start != 1 {
				start = ` start="` + strconv.Itoa(bl.Start) + `"`
			}
		}
		b.WriteString("<" + tag + start + ">\n")
		for _, item := range bl.Children {
			box := ""
			if item.Check != "" {
				checked := ""
				if item.Check == "done" {
					checked = ` checked=""`
				}
				box = w.void("input", ` type="checkbox" disabled=""`+checked) + " "
			}
			if bl.Tight && len(item.Children) == 1 && item.Children[0].Kind == segment.ParagraphBlock {
				t := item.Children[0].Text
				b.WriteString("<li" + taskClass(item.Check) + w.unit(t) + ">" + box)
				if t.Lang != "" {
					b.WriteString(`<span` + w.lang(t) + `>` + w.content(t.Nodes) + `</span>`)
				} else {
					b.WriteString(w.content(t.Nodes))
				}
			} else {
				b.WriteString("<li" + taskClass(item.Check) + ">" + box + "\n")
				w.bal.open()
				for _, c := range item.Children {
					w.block(c)
				}
				b.WriteString(w.bal.close())
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</" + tag + ">\n")
	case segment.QuoteBlock:
		if alert := strings.TrimPrefix(bl.Class, "alert-"); alert != bl.Class && bl.Text != nil {
			b.WriteString(`<blockquote class="alert ` + template.HTMLEscapeString(bl.Class) + `">` + "\n")
			b.WriteString(`<p class="alert-title"` + w.lang(bl.Text) + w.unit(bl.Text) + ">" + w.upper(bl.Text) + "</p>\n")
		} else {
			b.WriteString("<blockquote>\n")
		}
		w.bal.open()
		for _, c := range bl.Children {
			w.block(c)
		}
		b.WriteString(w.bal.close() + "</blockquote>\n")
	case segment.CodeBlock:
		cls := ""
		if lang, _, _ := strings.Cut(bl.Info, " "); lang != "" {
			cls = ` class="language-` + template.HTMLEscapeString(lang) + `"`
		}
		b.WriteString("<pre><code" + cls + ">" + template.HTMLEscapeString(bl.Literal) + "</code></pre>\n")
	case segment.HTMLBlock:
		lit, marked := htmlLiteral(bl, w.units)
		s := w.raw(lit, true)
		if marked {
			s = unitMarks(s)
		}
		if s != "" {
			b.WriteString(s)
			if !strings.HasSuffix(s, "\n") {
				b.WriteString("\n")
			}
		}
	case segment.RuleBlock:
		b.WriteString(w.void("hr", "") + "\n")
	case segment.TableBlock:
		b.WriteString("<table>\n")
		for i, row := range bl.Children {
			cell := "td"
			switch {
			case row.Class == "header":
				cell = "th"
				b.WriteString("<thead>\n")
			case i == 0 || bl.Children[i-1].Class == "header":
				b.WriteString("<tbody>\n")
			}
			b.WriteString("<tr>\n")
			for _, c := range row.Children {
				style := ""
				if c.Align != "" {
					style = ` style="text-align: ` + c.Align + `"`
				}
				if c.Text == nil {
					b.WriteString("<" + cell + style + "></" + cell + ">\n")
					continue
				}
				b.WriteString("<" + cell + style + w.lang(c.Text) + w.unit(c.Text) + ">" + w.content(c.Text.Nodes) + "</" + cell + ">\n")
			}
			b.WriteString("</tr>\n")
			switch {
			case row.Class == "header":
				b.WriteString("</thead>\n")
			case i == len(bl.Children)-1:
				b.WriteString("</tbody>\n")
			}
		}
		b.WriteString("</table>\n")
	case segment.DefListBlock:
		b.WriteString("<dl>\n")
		for _, c := range bl.Children {
			switch {
			case c.Kind == segment.TermBlock && c.Text != nil:
				b.WriteString("<dt" + w.lang(c.Text) + w.unit(c.Text) + ">" + w.content(c.Text.Nodes) + "</dt>\n")
			case c.Kind == segment.DescBlock:
				b.WriteString("<dd>\n")
				w.bal.open()
				for _, d := range c.Children {
					w.block(d)
				}
				b.WriteString(w.bal.close() + "</dd>\n")
			}
		}
		b.WriteString("</dl>\n")
	case segment.FootnotesBlock:
		b.WriteString(`<section class="footnotes">` + "\n" + w.void("hr", "") + "\n<ol>\n")
		for _, f := range bl.Children {
			id := template.HTMLEscapeString(noteID(f.Label))
			b.WriteString(`<li id="fn-` + id + `">` + "\n")
			w.bal.open()
			for _, d := range f.Children {
				w.block(d)
			}
			b.WriteString(w.bal.close())
			if w.noteRefs[f.Label] > 0 {
				b.WriteString(`<p class="footnote-back"><a href="#fnref-` + id + `">↩︎</a></p>` + "\n")
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</ol>\n</section>\n")
	}
}

// htmlLiteral is an editor's HTML block with the edition's words in it
// (assemble.Block.HTML). With units (the preview), each run's words are put
// between private-use markers naming its unit, which the sanitiser keeps as
// text and unitMarks then turns into data-unit: it reports whether it did.
func htmlLiteral(bl assemble.Block, units bool) (string, bool) {
	marked := false
	var mark func(unit, words string) string
	if units {
		mark = func(unit, words string) string {
			if strings.ContainsAny(unit, markOpen+markMid+markClose) {
				return words
			}
			marked = true
			return markOpen + unit + markMid + words + markClose
		}
	}
	return bl.HTML(mark), marked
}

// The markers of a run's unit in an editor's HTML, for the preview.
const (
	markOpen  = "\uE000"
	markMid   = "\uE001"
	markClose = "\uE002"
)

// unitMarks turns the markers htmlLiteral put around each run into the
// unit's data-unit: on the element whose whole content the run is (so
// that the page without its marks is the published one), or on a <span>
// around the run.
func unitMarks(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, markOpen)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.Index(s[i:], markMid)
		k := strings.Index(s[i:], markClose)
		if j < 0 || k < j {
			b.WriteString(strings.NewReplacer(markOpen, "", markMid, "", markClose, "").Replace(s))
			return b.String()
		}
		j, k = i+j, i+k
		pre, id, words, rest := s[:i], s[i+len(markOpen):j], s[j+len(markMid):k], s[k+len(markClose):]
		attr := ` data-unit="` + template.HTMLEscapeString(id) + `"`
		lt := strings.LastIndexByte(pre, '<')
		if strings.HasSuffix(pre, ">") && lt >= 0 && !strings.HasPrefix(pre[lt:], "</") && !strings.HasSuffix(pre, "/>") && strings.HasPrefix(rest, "</") {
			b.WriteString(pre[:len(pre)-1] + attr + ">" + words)
		} else {
			b.WriteString(pre + "<span" + attr + ">" + words + "</span>")
		}
		s = rest
	}
}

// sectionID is the id of a heading, the nth section's: the editor's own
// ({#id}) or the one the site generator would give it (segment's Anchor),
// so that links to it keep working, or "s" and its number.
func sectionID(bl segment.Block, n int) string {
	switch {
	case bl.ID != "":
		return bl.ID
	case bl.Anchor != "":
		return bl.Anchor
	}
	return "s" + strconv.Itoa(n)
}

// taskClass is the class of a task list's item.
func taskClass(check string) string {
	if check == "" {
		return ""
	}
	return ` class="task"`
}

// noteID is a footnote's label as an id: ASCII letters and digits as they
// are, every other byte as "_" and its hex digits, so that two labels never
// share an id.
func noteID(label string) string {
	var b strings.Builder
	for i := 0; i < len(label); i++ {
		c := label[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "_%02x", c)
		}
	}
	return b.String()
}

func (w *htmlWriter) inline(nodes []markup.Node) string {
	var b strings.Builder
	for _, n := range nodes {
		switch n.Kind {
		case markup.Text:
			b.WriteString(template.HTMLEscapeString(n.Text))
		case markup.Emph:
			b.WriteString("<em>" + w.content(n.Children) + "</em>")
		case markup.Strong:
			b.WriteString("<strong>" + w.content(n.Children) + "</strong>")
		case markup.Link:
			if strings.Contains(n.Href, "{{") || strings.Contains(n.Href, "{%") {
				// An address the site generator makes: only it can write the
				// link (the article's warning says where).
				b.WriteString(w.content(n.Children))
				continue
			}
			href := n.Href
			if w.link != nil {
				if href = w.link(n.Href, w.xhtml); href == "" {
					w.unlinked = append(w.unlinked, n.Href)
					b.WriteString(w.content(n.Children))
					continue
				}
			}
			b.WriteString(`<a href="` + template.HTMLEscapeString(href) + `"`)
			if n.Title != "" {
				b.WriteString(` title="` + template.HTMLEscapeString(n.Title) + `"`)
			}
			b.WriteString(">" + w.content(n.Children) + "</a>")
		case markup.Code:
			b.WriteString("<code>" + template.HTMLEscapeString(n.Text) + "</code>")
		case markup.HTML:
			b.WriteString(w.raw(n.Text, false))
		case markup.Break:
			b.WriteString(w.void("br", "") + "\n")
		case markup.Strike:
			b.WriteString("<del>" + w.content(n.Children) + "</del>")
		case markup.Image:
			attrs := ` src="` + template.HTMLEscapeString(n.Href) + `" alt="` + template.HTMLEscapeString(markup.PlainText(n.Children)) + `"`
			if n.Title != "" {
				attrs += ` title="` + template.HTMLEscapeString(n.Title) + `"`
			}
			b.WriteString(w.void("img", attrs))
		case markup.Template:
			// Only the site generator can run it: left out (the article's
			// warning says where).
		case markup.Footnote:
			if w.noteRefs == nil {
				w.noteRefs = map[string]int{}
			}
			w.noteRefs[n.Href]++
			id := ""
			if w.noteRefs[n.Href] == 1 {
				id = ` id="fnref-` + template.HTMLEscapeString(noteID(n.Href)) + `"` // the note's way back leads to the first
			}
			b.WriteString(`<sup class="footnote-ref"` + id + `><a href="#fn-` + template.HTMLEscapeString(noteID(n.Href)) + `">` + template.HTMLEscapeString(n.Text) + "</a></sup>")
		}
	}
	return b.String()
}

// shorten keeps a warning readable.
func shorten(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
