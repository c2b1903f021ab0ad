package render

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/segment"
)

// typeset is the edition as its language's typography sets it, the same
// in every format: each caption in the edition's language without a final
// full stop where the language's captions take none (locale.CaptionStop:
// Russian, Kazakh). The translator writes a caption as a sentence; the
// edition sets it as the language does. ed itself is left as it is: a
// copy holds what changed.
func typeset(ed *assemble.Edition) *assemble.Edition {
	if locale.CaptionStop(ed.Locale) {
		return ed
	}
	blocks, changed := captions(ed.Blocks)
	if !changed {
		return ed
	}
	cp := *ed
	cp.Blocks = blocks
	return &cp
}

// captions is blocks with each figure's caption in the edition's
// language set without its final full stop; false: none had one.
func captions(blocks []assemble.Block) ([]assemble.Block, bool) {
	var out []assemble.Block
	for i, bl := range blocks {
		changed := false
		if kids, ok := captions(bl.Children); ok {
			bl.Children, changed = kids, true
		}
		if bl.Kind == segment.FigureBlock && bl.Text != nil && bl.Text.Lang == "" {
			if nodes, ok := dropStop(bl.Text.Nodes); ok {
				t := *bl.Text
				t.Nodes = nodes
				bl.Text, changed = &t, true
			}
		}
		if changed {
			if out == nil {
				out = slices.Clone(blocks)
			}
			out[i] = bl
		}
	}
	if out == nil {
		return blocks, false
	}
	return out, true
}

// dropStop is nodes without the full stop that ends them, inside the
// emphasis or link that ends them too; false: they end with none, or with
// one that stays: an ellipsis (...), or an abbreviation's point (г.,
// гг., т. д., ж.: a word of one or two small letters before it).
func dropStop(nodes []markup.Node) ([]markup.Node, bool) {
	if len(nodes) == 0 {
		return nodes, false
	}
	last := nodes[len(nodes)-1]
	switch last.Kind {
	case markup.Text:
		s := strings.TrimRightFunc(last.Text, unicode.IsSpace)
		if !strings.HasSuffix(s, ".") || strings.HasSuffix(s, "..") || abbreviation(s[:len(s)-1]) {
			return nodes, false
		}
		last.Text = s[:len(s)-1]
	case markup.Emph, markup.Strong, markup.Strike, markup.Link:
		kids, ok := dropStop(last.Children)
		if !ok {
			return nodes, false
		}
		last.Children = kids
	default:
		return nodes, false
	}
	out := slices.Clone(nodes)
	out[len(out)-1] = last
	return out, true
}

// abbreviation reports whether s ends with a word that a full stop after
// it abbreviates: one or two small letters (г, гг, д of т. д., ж, б of
// т.б.), a word no sentence of a caption ends with.
func abbreviation(s string) bool {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if !unicode.IsLetter(r) {
			break
		}
		if !unicode.IsLower(r) {
			return false
		}
		n++
		s = s[:len(s)-size]
	}
	return n == 1 || n == 2
}

// upperNodes is nodes with their words in capitals as language tag
// writes them (locale.Upper), but for the words in kept, which take the
// source language's; code, HTML, addresses and a footnote's label as
// they are.
func upperNodes(nodes []markup.Node, tag language.Tag, kept map[string]bool) []markup.Node {
	out := make([]markup.Node, len(nodes))
	for i, n := range nodes {
		if n.Kind == markup.Text {
			n.Text = upperKept(tag, n.Text, kept)
		}
		if len(n.Children) > 0 {
			n.Children = upperNodes(n.Children, tag, kept)
		}
		out[i] = n
	}
	return out
}

// upperKept is s in capitals as language tag writes them, each word in
// kept as the source language (English) writes it.
func upperKept(tag language.Tag, s string, kept map[string]bool) string {
	if len(kept) == 0 {
		return locale.Upper(tag, s)
	}
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexFunc(s, isWordRune)
		if i < 0 {
			i = len(s)
		}
		b.WriteString(s[:i]) // no letter: its capitals are itself
		s = s[i:]
		j := strings.IndexFunc(s, func(r rune) bool { return !isWordRune(r) })
		if j < 0 {
			j = len(s)
		}
		if w := s[:j]; kept[w] {
			b.WriteString(locale.Upper(locale.Source, w))
		} else {
			b.WriteString(locale.Upper(tag, w))
		}
		s = s[j:]
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

// mastheadKeys are the front-matter fields the masthead's texts come from
// (package segment), by kind.
var mastheadKeys = map[segment.Kind]string{segment.Publication: "publication", segment.Dateline: "dateline", segment.Date: "date_text"}

// masthead is the masthead's text of kind, in capitals where the edition
// sets them itself (locale.OwnCapitals; as written elsewhere). A word the
// translation keeps as the article's English writes it (a name in its own
// letters: Post Soviet Journal in kk-Latn) takes English capitals (POST
// SOVIET JOURNAL), any other the language's (2022 J. QYRKÜİEK).
func masthead(ed *assemble.Edition, kind segment.Kind) *assemble.Text {
	t := ed.Meta[kind]
	if t == nil || !locale.OwnCapitals(ed.Locale) {
		return t
	}
	kept := map[string]bool{}
	if ed.FrontMatter != nil && t.Lang == "" {
		if en, _, ok := ed.FrontMatter.String(mastheadKeys[kind]); ok {
			for _, w := range strings.FieldsFunc(en, func(r rune) bool { return !isWordRune(r) }) {
				kept[w] = true
			}
		}
	}
	cp := *t
	cp.Nodes = upperNodes(t.Nodes, textLang(t, ed.Locale), kept)
	return &cp
}

// textLang is the language of t's words: the edition's, or the
// fallback's (t.Lang).
func textLang(t *assemble.Text, edition language.Tag) language.Tag {
	if t != nil && t.Lang != "" {
		if tag, err := language.Parse(t.Lang); err == nil {
			return tag
		}
	}
	return edition
}

// capsHeadings is an editor's HTML s with the words of its asides'
// headings (<aside><h2>…), which the stylesheets set in capitals, in
// capitals as language tag writes them: for an edition whose language
// has capitals of its own (locale.OwnCapitals). Every other byte is s's.
func capsHeadings(s string, tag language.Tag) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var out strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	asides, headings := 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		name, _ := z.TagName()
		a := atom.Lookup(name)
		switch tt {
		case html.StartTagToken:
			switch a {
			case atom.Aside:
				asides++
			case atom.H2, atom.H3, atom.H4:
				headings++
			}
		case html.EndTagToken:
			switch {
			case a == atom.Aside && asides > 0:
				asides--
			case (a == atom.H2 || a == atom.H3 || a == atom.H4) && headings > 0:
				headings--
			}
		case html.TextToken:
			if asides > 0 && headings > 0 {
				out.WriteString(html.EscapeString(upperMarked(tag, html.UnescapeString(string(raw)))))
				continue
			}
		}
		out.Write(raw)
	}
	return out.String()
}

// upperMarked is s in capitals as language tag writes them, but for the
// unit IDs the preview marks runs with (markOpen ID markMid).
func upperMarked(tag language.Tag, s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, markOpen)
		if i < 0 {
			b.WriteString(locale.Upper(tag, s))
			return b.String()
		}
		b.WriteString(locale.Upper(tag, s[:i]))
		j := strings.Index(s[i:], markMid)
		if j < 0 {
			b.WriteString(s[i:])
			return b.String()
		}
		b.WriteString(s[i : i+j+len(markMid)])
		s = s[i+j+len(markMid):]
	}
}
