package segment

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/tilmash/tilmash/translate/htmltext"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/sitecode"
)

// The readable attributes of a text's inline markup: a link's or an
// image's title ([a](/u "Title"), and a reference definition's), the
// alt, title, aria-label… of inline HTML (<abbr title="…">). Each is a
// unit of its own, a child block of the block whose text holds it, its
// Tag naming its tag in that text's message; the editions write its
// text into the tag's data (package assemble).

// inlineMarks are where the links, the images and the pieces of inline
// HTML of a block's text start in the body, each list in the order
// markup.Encode numbers their tags (a1, a2…; img1…; html1…), for the
// units of their readable attributes.
type inlineMarks struct {
	links, images, html []inlineMark
}

// inlineMark is where one link, image or piece of inline HTML starts
// (-1: not known); for a reference link, its definition's label; for a
// title that holds a site generator's code, code.
type inlineMark struct {
	at   int
	ref  string
	code bool
}

// mark records where a link, an image or a piece of inline HTML starts
// (its reference, for a reference link; its title as the masked source
// has it), in the order of the text's tags: it returns its index in list.
func (s *splitter) mark(list *[]inlineMark, at int, ref *ast.ReferenceLink, title []byte) int {
	m := inlineMark{at: at, code: s.holdsCode(title)}
	if ref != nil {
		m.ref = util.ToLinkReference(ref.Value)
	}
	*list = append(*list, m)
	return len(*list) - 1
}

// holdsCode reports whether a title, as the masked source has it, holds
// a site generator's code: the code the editor wrote, not what its
// references write ("&#123;{" is two braces of text).
func (s *splitter) holdsCode(title []byte) bool {
	return len(title) > 0 && s.codes.Unmask(string(title)) != string(title)
}

// titleText is a link's or an image's title as a reader sees it: its
// backslash escapes and character references resolved as goldmark does
// (an escaped "&" starts no reference), the site generators' code
// unmasked.
func (s *splitter) titleText(raw []byte) string {
	var b strings.Builder
	from := 0
	resolve := func(to int) {
		b.Write(util.ResolveEntityNames(util.ResolveNumericReferences(raw[from:to])))
	}
	for i := 0; i+1 < len(raw); i++ {
		if raw[i] == '\\' && util.IsPunct(raw[i+1]) {
			resolve(i)
			b.WriteByte(raw[i+1])
			i++
			from = i + 1
		}
	}
	resolve(len(raw))
	return s.codes.Unmask(b.String())
}

// defTitle records where the title of reference definition d stands in
// the source, for the first definition of its label (the one links use).
// A title whose bytes are not the source's as they stand (one over lines
// inside a quote, which the definition reads past the quote's marks) is
// not recorded: its links' titles are translated, the definition, which
// no translated edition's links use, keeps it.
func (s *splitter) defTitle(d *ast.LinkReferenceDefinition) {
	key := util.ToLinkReference(d.Label)
	if _, ok := s.defTitles[key]; ok {
		return
	}
	s.defTitles[key] = Span{}
	lines := d.Lines()
	if len(d.Title) == 0 || lines.Len() == 0 {
		return
	}
	// The title's bytes are the masked source's; the definition's last
	// line ends with the title's closing mark.
	src := s.codes.Text
	end := lines.At(lines.Len()-1).Stop - 1
	start := end - len(d.Title)
	if start < 1 || end >= len(src) || !bytes.Equal(src[start:end], d.Title) {
		return
	}
	open, close := src[start-1], src[end]
	if open == '"' && close == '"' || open == '\'' && close == '\'' || open == '(' && close == ')' {
		s.defTitles[key] = Span{Start: s.base + start, End: s.base + end, Quote: open}
	}
}

// attrs makes a unit of each readable attribute in the inline markup of
// unit i's text (nodes, whose links, images and inline HTML start at
// marks, or nil where not known): a link's or an image's title, the alt,
// title, aria-label… of inline HTML (package htmltext). Each is a block, a
// child of the unit's, its Tag naming its tag in the unit's message; the
// editions write its text into that tag's data. A value holding a site
// generator's code stays as written.
func (s *splitter) attrs(i int, nodes []markup.Node, marks *inlineMarks) []Block {
	u := s.a.Units[i]
	if marks == nil {
		marks = &inlineMarks{}
	}
	at := func(list []inlineMark, name string) inlineMark {
		k, err := strconv.Atoi(strings.TrimLeft(name, "abcdefghijklmnopqrstuvwxyz"))
		if err != nil || k < 1 || k > len(list) {
			return inlineMark{at: -1}
		}
		return list[k-1]
	}
	pos := func(at int) Pos {
		if at < 0 {
			return u.Pos
		}
		return s.posAt(at)
	}
	var out []Block
	words, read := "", false // the text's first words, read once (a text of many tags would be read again for each)
	textWords := func() string {
		if !read {
			words, read = quoteWords(markup.PlainText(nodes)), true
		}
		return words
	}
	markup.Each(nodes, func(name string, n markup.Node) {
		switch n.Kind {
		case markup.Link, markup.Image:
			m := at(marks.links, name)
			if n.Kind == markup.Image {
				m = at(marks.images, name)
			}
			if strings.TrimSpace(n.Title) == "" || m.code {
				return
			}
			label, what := quoteWords(markup.PlainText(n.Children)), "a link"
			switch {
			case n.Kind == markup.Image && label == "":
				what = "an image"
			case n.Kind == markup.Image:
				what = "the image «" + label + "» (its description)"
			case label != "":
				what = "the link on «" + label + "»"
			}
			out = append(out, s.titleBlock(n.Title, pos(m.at), "The title of "+what+", shown when a reader points at it.", name, m.ref))
		case markup.HTML:
			m := at(marks.html, name)
			for _, a := range htmltext.Attrs(n.Text) {
				if hasCode(n.Text[a.Start:a.End]) { // as written: a reference writes text
					continue
				}
				p := pos(m.at)
				if m.at >= 0 && !strings.Contains(n.Text[:a.Start], "\n") {
					p = s.posAt(m.at + a.Start)
				}
				ctx := fmt.Sprintf("The %s of a <%s> in «%s» (the article's own HTML): what a reader who cannot see it hears, or sees on pointing at it.", a.Name, a.Element, textWords())
				unit := s.add(s.unit(HTMLAttr, []markup.Node{{Kind: markup.Text, Text: a.Value}}, p, ctx))
				out = append(out, Block{Kind: HTMLAttrBlock, Unit: unit, NameUnit: -1, Tag: name, Label: a.Name,
					Place: Span{Start: a.Start, End: a.End}, Span: Span{Quote: a.Quote}})
			}
		}
	})
	if len(out) > 0 {
		s.tagAttrs[i] = out
	}
	return out
}

// titleBlock makes the block of a link's or an image's title, a unit; tag is
// its tag in its parent's message ("" for a figure's image), ref the
// label of the definition it comes from, if any: the first block of a
// definition's title writes it there too (Span).
func (s *splitter) titleBlock(text string, pos Pos, ctx, tag, ref string) Block {
	b := Block{Kind: TitleBlock, Unit: -1, NameUnit: -1, Tag: tag, Label: "title"}
	b.Unit = s.add(s.unit(LinkTitle, []markup.Node{{Kind: markup.Text, Text: text}}, pos, ctx))
	if sp := s.defTitles[ref]; ref != "" && !sp.IsZero() && !s.defWritten[ref] {
		b.Span = sp
		s.defWritten[ref] = true
	}
	return b
}

// hasCode reports whether s holds a site generator's code.
func hasCode(s string) bool {
	return strings.Contains(s, "{") && len(sitecode.Find([]byte(s))) > 0
}

// quoteWords is the start of a text, to name it in a note to translators:
// on one line, at most 40 characters.
func quoteWords(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 40 {
		s = strings.TrimRight(string(r[:40]), " ") + "…"
	}
	return s
}
