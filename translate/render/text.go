package render

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/segment"
)

// TextWidth is the column at which Text wraps paragraphs.
const TextWidth = 72

// Text writes the edition as plain text for reading: the masthead, the
// headline underlined, the note, then the body wrapped at TextWidth
// characters, captions set off in square brackets, questions as the
// translation writes them (already quoted), and each link's words followed
// by a reference number, the addresses listed at the end. Words are never
// split, and no-break spaces never break. Captions are set as the
// language's typography sets them (typeset), a callout's title in
// capitals as the language writes them (locale.Upper: kk-Latn's i is İ);
// the masthead as written.
func Text(ed *assemble.Edition) []byte {
	ed = typeset(ed)
	var b strings.Builder
	refs := &references{}
	var mast []string
	for _, k := range []segment.Kind{segment.Publication, segment.Dateline, segment.Date} {
		if t := ed.Meta[k]; t != nil {
			mast = append(mast, markup.PlainText(t.Nodes))
		}
	}
	if len(mast) > 0 {
		b.WriteString(strings.Join(mast, " | ") + "\n\n")
	}
	if t := ed.Meta[segment.Headline]; t != nil {
		h := markup.PlainText(t.Nodes)
		b.WriteString(h + "\n" + strings.Repeat("=", utf8.RuneCountInString(h)) + "\n")
	}
	if t := ed.Meta[segment.Author]; t != nil {
		b.WriteString("\n" + wrap(markup.PlainText(t.Nodes), TextWidth, "") + "\n")
	}
	if t := ed.Meta[segment.Note]; t != nil {
		b.WriteString("\n" + wrap(markup.PlainText(t.Nodes), TextWidth, "") + "\n")
	}
	if n := fallbackNotice(ed); n != nil {
		b.WriteString("\n" + wrap(n.Text, TextWidth, "") + "\n")
	}
	textBlocks(&b, ed.Blocks, "", refs, ed.Locale)
	if len(refs.urls) > 0 {
		b.WriteString("\n")
		for i, u := range refs.urls {
			b.WriteString("[" + strconv.Itoa(i+1) + "] " + u + "\n")
		}
	}
	return []byte(b.String())
}

// references numbers the link addresses of a text edition, in order of
// first appearance; an address met again keeps its number.
type references struct {
	urls []string
	num  map[string]int
}

// plain is the text of nodes, each link's words followed by "[n]".
func (r *references) plain(nodes []markup.Node) string {
	var b strings.Builder
	for _, n := range nodes {
		switch n.Kind {
		case markup.Link:
			b.WriteString(r.plain(n.Children))
			if n.Href == "" || strings.Contains(n.Href, "{{") || strings.Contains(n.Href, "{%") {
				continue // no address, or one only the site generator can write
			}
			if r.num == nil {
				r.num = map[string]int{}
			}
			k, ok := r.num[n.Href]
			if !ok {
				r.urls = append(r.urls, n.Href)
				k = len(r.urls)
				r.num[n.Href] = k
			}
			b.WriteString("\u00a0[" + strconv.Itoa(k) + "]")
		case markup.Emph, markup.Strong, markup.Strike:
			b.WriteString(r.plain(n.Children))
		case markup.Image:
			b.WriteString("[" + r.plain(n.Children) + "]")
		case markup.Footnote:
			b.WriteString(superscript(n.Text))
		default:
			b.WriteString(markup.PlainText([]markup.Node{n}))
		}
	}
	return b.String()
}

// textBlocks writes blocks of an edition in language tag.
func textBlocks(b *strings.Builder, blocks []assemble.Block, indent string, refs *references, tag language.Tag) {
	for _, bl := range blocks {
		if bl.Kind == segment.FigureBlock && (bl.Text == nil || len(bl.Text.Nodes) == 0) {
			continue // a figure without a caption: nothing to show in text
		}
		b.WriteString("\n")
		switch bl.Kind {
		case segment.HeadingBlock:
			h := markup.PlainText(bl.Text.Nodes)
			switch {
			case bl.Class == "question":
				b.WriteString(indent + h + "\n") // quoted as the translation quotes it; no dash before the quotes
			case bl.Level <= 2:
				b.WriteString(indent + h + "\n" + indent + strings.Repeat("-", utf8.RuneCountInString(h)) + "\n")
			default:
				b.WriteString(indent + h + "\n")
			}
		case segment.ParagraphBlock:
			b.WriteString(wrap(refs.plain(bl.Text.Nodes), TextWidth, indent) + "\n")
		case segment.FigureBlock:
			if caption := markup.PlainText(bl.Text.Nodes); caption != "" {
				b.WriteString(wrap("["+caption+"]", TextWidth, indent+"    ") + "\n")
			}
		case segment.ListBlock:
			for i, item := range bl.Children {
				marker := "• "
				if bl.Ordered {
					marker = strconv.Itoa(bl.Start+i) + ". "
				}
				switch item.Check {
				case "done":
					marker += "[x] "
				case "open":
					marker += "[ ] "
				}
				var ib strings.Builder
				textBlocks(&ib, item.Children, indent+strings.Repeat(" ", utf8.RuneCountInString(marker)), refs, tag)
				s := strings.TrimPrefix(ib.String(), "\n")
				b.WriteString(indent + marker + strings.TrimPrefix(s, indent+strings.Repeat(" ", utf8.RuneCountInString(marker))))
			}
		case segment.QuoteBlock:
			if strings.HasPrefix(bl.Class, "alert-") && bl.Text != nil {
				b.WriteString(indent + "    " + locale.Upper(textLang(bl.Text, tag), markup.PlainText(bl.Text.Nodes)) + "\n")
			}
			textBlocks(b, bl.Children, indent+"    ", refs, tag)
		case segment.TableBlock:
			// A row a paragraph: its cells joined by a vertical bar, the
			// header's set off by a rule.
			for _, row := range bl.Children {
				var cells []string
				for _, c := range row.Children {
					if c.Text == nil {
						cells = append(cells, "")
						continue
					}
					cells = append(cells, refs.plain(c.Text.Nodes))
				}
				line := wrap(strings.Join(cells, " | "), TextWidth, indent)
				b.WriteString(line + "\n")
				if row.Class == "header" {
					b.WriteString(indent + strings.Repeat("-", min(utf8.RuneCountInString(strings.TrimPrefix(line, indent)), TextWidth-utf8.RuneCountInString(indent))) + "\n")
				}
			}
		case segment.DefListBlock:
			for _, c := range bl.Children {
				switch {
				case c.Kind == segment.TermBlock && c.Text != nil:
					b.WriteString("\n" + wrap(refs.plain(c.Text.Nodes), TextWidth, indent) + "\n")
				case c.Kind == segment.DescBlock:
					var db strings.Builder
					textBlocks(&db, c.Children, indent+"    ", refs, tag)
					b.WriteString(strings.TrimPrefix(db.String(), "\n"))
				}
			}
		case segment.FootnotesBlock:
			b.WriteString(indent + "* * *\n")
			for i, f := range bl.Children {
				var fb strings.Builder
				mark := superscript(strconv.Itoa(i+1)) + " "
				pad := strings.Repeat(" ", utf8.RuneCountInString(mark))
				textBlocks(&fb, f.Children, indent+pad, refs, tag)
				s := strings.TrimPrefix(fb.String(), "\n")
				b.WriteString("\n" + indent + mark + strings.TrimPrefix(s, indent+pad))
			}
		case segment.CodeBlock:
			for _, line := range strings.Split(strings.TrimSuffix(bl.Literal, "\n"), "\n") {
				b.WriteString(indent + "    " + line + "\n")
			}
		case segment.RuleBlock:
			b.WriteString(indent + "* * *\n")
		case segment.HTMLBlock:
			// The words of the editor's HTML (a fact box, a caption), a
			// paragraph each.
			first := true
			for _, c := range bl.Children {
				if c.Kind != segment.HTMLTextBlock || c.Text == nil {
					continue
				}
				if !first {
					b.WriteString("\n")
				}
				first = false
				b.WriteString(wrap(refs.plain(c.Text.Nodes), TextWidth, indent) + "\n")
			}
		}
	}
}

// wrap fills text into lines of at most width characters, each starting
// with indent. Hard breaks in the text start a new line.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	b.Grow(len(text) + len(text)/max(width, 1)*(len(indent)+1) + len(indent) + 1)
	in := utf8.RuneCountInString(indent)
	for i, para := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(indent)
		n := in
		for len(para) > 0 {
			// The next word: up to a space or a tab.
			start := strings.IndexFunc(para, func(r rune) bool { return !breakable(r) })
			if start < 0 {
				break
			}
			para = para[start:]
			end := strings.IndexFunc(para, breakable)
			if end < 0 {
				end = len(para)
			}
			w := para[:end]
			para = para[end:]
			wl := utf8.RuneCountInString(w)
			if n > in && n+1+wl > width {
				b.WriteByte('\n')
				b.WriteString(indent)
				n = in
			}
			if n > in {
				b.WriteByte(' ')
				n++
			}
			b.WriteString(w)
			n += wl
		}
	}
	return b.String()
}

// breakable reports whether a line may break at r: at spaces and tabs, never
// at a no-break space (U+00A0, U+202F), which strings.Fields would split.
func breakable(r rune) bool { return r == ' ' || r == '\t' }

// superscript writes a footnote's number in superscript digits (¹, ²³):
// the text edition's links are numbered in brackets ([1]), and a note's
// mark must not read as one.
func superscript(n string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return []rune("⁰¹²³⁴⁵⁶⁷⁸⁹")[r-'0']
		}
		return r
	}, n)
}
