package render

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/segment"
)

// attrsArticle has a title or a readable attribute in each place one
// stands: an inline link's (each of Markdown's three marks), an image's,
// a reference definition's, a figure's, a heading's link's, inline HTML's
// (quoted both ways and unquoted), a tag in an HTML block's words; in a
// quote, to keep its marks.
const attrsArticle = `+++
title = "T"
+++

## The [bazaar](/b "Its site")

See [the map](/m "A map") and [the plan](/p 'A plan') and [the list](/l (A list)),
![a chart](c.png "A chart"), [the report][r], [the ledger][l] and [the book][b] and <abbr title="Bazaar Board">BB</abbr>
<span title='Stalls'>here</span> <img alt=Coin src=c.png>.

> A [quoted](/q "A quote")
> link.

![Stalls.](https://example.org/s.jpg "The bazaar")

<p>Ask at <a href="/d" title="The desk">the desk</a>.</p>

[r]: /r "The report"
[l]: /l 'The ledger'
[b]: /b
  (The book)
`

// hostile is a translation that tries every way out of a title or an
// attribute's value: each of their quotation marks, a parenthesis, a
// backslash, a tag, references, a code span's and a site generator's
// marks, a blank line.
const hostile = "\"Q\" 'S' (P)) \\ &lt;b>x&lt;/b> & &amp;amp; &#38; `c` [l] {{\"{{\"}}&lt; sc >}}\n\nend"

// hostileText is hostile as the editions must show it.
const hostileText = "\"Q\" 'S' (P)) \\ <b>x</b> & &amp; &#38; `c` [l] {{< sc >}}\n\nend"

// TestAttributesInEditions: every title and readable attribute is written
// in the edition's language, however hostile the translation: the
// Markdown edition reads back into the same units, with the translation
// as the attribute's text, and renders to the same elements; the HTML
// edition's attributes hold it, escaped. The English Markdown edition is
// the article, byte for byte.
func TestAttributesInEditions(t *testing.T) {
	a, err := segment.Split("content/x.md", []byte(attrsArticle))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, u := range a.Units {
		if u.Kind == segment.LinkTitle || u.Kind == segment.HTMLAttr {
			kinds = append(kinds, string(u.Kind)+" "+u.Text())
		}
	}
	want := []string{"link-title Its site", "link-title A map", "link-title A plan", "link-title A list", "link-title A chart",
		"link-title The report", "link-title The ledger", "link-title The book", "html-attr Bazaar Board", "html-attr Stalls", "html-attr Coin", "link-title A quote", "link-title The bazaar", "html-attr The desk"}
	if strings.Join(kinds, "\n") != strings.Join(want, "\n") {
		t.Fatalf("attribute units:\n%s\nwant:\n%s", strings.Join(kinds, "\n"), strings.Join(want, "\n"))
	}
	cat := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	if en := string(Markdown(assembleEN(t, a, cat))); !strings.HasSuffix(en, attrsArticle[strings.Index(attrsArticle, "\n+++\n")+5:]) {
		t.Errorf("the English Markdown edition is not the article:\n%s", en)
	}
	ru := &catalog.Catalog{Locale: language.Russian, Path: "locales/ru.toml"}
	for _, m := range cat.Messages {
		cp := *m
		cp.Forms = map[locale.Form]string{locale.Other: upper(m.Forms[locale.Other])}
		if strings.Contains(m.ID, ".title-") || strings.Contains(m.ID, ".attr-") {
			cp.Forms[locale.Other] = hostile
		}
		ru.Add(&cp)
	}
	ed, err := assemble.Assemble(a, cat, ru, assemble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ed.Stats.Rejected) > 0 {
		t.Fatalf("rejected: %v", ed.Stats.Rejected)
	}

	md := Markdown(ed)
	b, err := segment.Split("content/x.md", md)
	if err != nil {
		t.Fatalf("the Markdown edition does not read: %v\n%s", err, md)
	}
	if len(b.Units) != len(a.Units) {
		t.Fatalf("%d units read back as %d:\n%s", len(a.Units), len(b.Units), md)
	}
	for i, u := range b.Units {
		want := upper(a.Units[i].Text())
		if u.Kind == segment.Caption {
			want = strings.TrimSuffix(want, ".") // a Russian caption takes no full stop (typeset)
		}
		if u.Kind == segment.LinkTitle || u.Kind == segment.HTMLAttr {
			want = markup.Escape(hostileText)
		}
		if u.Kind != a.Units[i].Kind || u.Text() != want {
			t.Errorf("unit %d: %s %q read back as %s %q\n%s", i, a.Units[i].Kind, want, u.Kind, u.Text(), md)
		}
	}
	for _, w := range []string{
		"\n> A [QUOTED](/q \"\\\"Q\\\" \\'S\\' \\(P\\)\\) \\\\ \\<b\\>x\\</b\\> \\& \\&amp; \\&#38; \\`c\\` \\[l\\] &#123;{\\< sc \\>}}&#10;&#10;end\") LINK.\n",
		`<abbr title="&#34;Q&#34; &#39;S&#39; (P)) \ &lt;b&gt;x&lt;/b&gt; &amp; &amp;amp; &amp;#38; ` + "`c`" + ` [l] &#123;{&lt; sc &gt;}}&#10;&#10;end">`,
		`<img alt=&#34;Q&#34;&#32;&#39;S&#39;&#32;(P))&#32;`,
	} {
		if !bytes.Contains(md, []byte(w)) {
			t.Errorf("the Markdown edition lacks %s:\n%s", w, md)
		}
	}
	// The definitions' titles, in their places, each in its marks.
	defs := "+++\n+++\n[x][r] [x][l] [x][b]\n\n" + string(md[bytes.Index(md, []byte("\n[r]: ")):])
	if got := attrValues(t, append([]byte("<article>"), renderGoldmark(t, []byte(defs))...))["a@title"]; len(got) != 3 || got[0] != hostileText || got[1] != hostileText || got[2] != hostileText {
		t.Errorf("the definitions' titles read %q:\n%s", got, defs)
	}
	if w, g := elements(t, renderGoldmark(t, []byte(attrsArticle))), elements(t, renderGoldmark(t, md)); w != g {
		t.Errorf("the Markdown edition renders to other elements:\n%s\nwant:\n%s", g, w)
	}

	// The editor's HTML as written, as a newsroom may publish it: what
	// the sanitiser lets through, the translation escaped.
	page := HTML(ed, Page{EditorHTML: true})
	got := attrValues(t, page)
	for _, w := range []string{"a@title", "img@title", "abbr@title", "span@title", "img@alt"} {
		if !slices.Contains(got[w], hostileText) {
			t.Errorf("the HTML edition has no %s with the translation: %q", w, got[w])
		}
	}
	// The heading's, six in the paragraph, the quote's, the HTML block's.
	if n := slices.Index(got["a@title"], "Its site"); len(got["a@title"]) != 9 || n >= 0 {
		t.Errorf("the HTML edition's links' titles: %q, want the translation 9 times", got["a@title"])
	}
	if n := len(got["img@title"]); n != 2 { // the inline image's, the figure's
		t.Errorf("the HTML edition has %d images with a title, want 2", n)
	}
	for _, p := range [][]byte{page, HTML(ed, Page{})} {
		if bytes.Contains(p, []byte("<b>x")) {
			t.Errorf("the HTML edition has a translator's tag as markup:\n%s", p)
		}
	}
}

// attrValues are the readable attributes of an HTML page's article, by
// element@attribute.
func attrValues(t *testing.T, page []byte) map[string][]string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, in bool) {
		in = in || n.Type == html.ElementNode && n.Data == "article"
		if in && n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "title" || a.Key == "alt" || a.Key == "aria-label" {
					out[n.Data+"@"+a.Key] = append(out[n.Data+"@"+a.Key], a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(doc, false)
	return out
}

// elements lists the elements of an HTML fragment, each with its
// attributes' names, in order: its structure, whatever its words.
func elements(t *testing.T, frag []byte) string {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(frag))
	var b strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tok := z.Token()
			b.WriteString(tok.Data)
			for _, a := range tok.Attr {
				b.WriteString(" " + a.Key)
			}
			b.WriteString("\n")
		}
	}
}

// renderGoldmark is the HTML goldmark makes of an article's body, its raw
// HTML as written.
func renderGoldmark(t *testing.T, md []byte) []byte {
	t.Helper()
	md = md[bytes.Index(md, []byte("\n+++\n"))+5:]
	var b bytes.Buffer
	if err := goldmark.New(goldmark.WithRendererOptions(ghtml.WithUnsafe())).Convert(md, &b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// FuzzAttributeTranslation: whatever a translation of a title or a
// readable attribute holds, the Markdown edition reads back into the
// article's units, each title and attribute the translation, and the
// HTML edition's page stays whole.
func FuzzAttributeTranslation(f *testing.F) {
	f.Add(hostileText)
	f.Add("Қазақ \"тілі\" (ана) 'тіл' \\ <b> & &amp; {{.X}} {: .c}\n\n")
	a, err := segment.Split("content/x.md", []byte(attrsArticle))
	if err != nil {
		f.Fatal(err)
	}
	cat := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || strings.TrimSpace(text) == "" || strings.ContainsRune(text, 0) {
			return
		}
		ru := &catalog.Catalog{Locale: language.Russian, Path: "locales/ru.toml"}
		for _, m := range cat.Messages {
			cp := *m
			cp.Forms = map[locale.Form]string{locale.Other: upper(m.Forms[locale.Other])}
			if strings.Contains(m.ID, ".title-") || strings.Contains(m.ID, ".attr-") {
				cp.Forms[locale.Other] = markup.Escape(text)
			}
			ru.Add(&cp)
		}
		ed, err := assemble.Assemble(a, cat, ru, assemble.Options{})
		if err != nil {
			t.Fatal(err)
		}
		md := Markdown(ed)
		b, err := segment.Split("content/x.md", md)
		if err != nil {
			t.Fatalf("the Markdown edition does not read: %v\n%s", err, md)
		}
		if len(b.Units) != len(a.Units) {
			t.Fatalf("%d units read back as %d:\n%s", len(a.Units), len(b.Units), md)
		}
		for i, u := range b.Units {
			if (u.Kind == segment.LinkTitle || u.Kind == segment.HTMLAttr) && u.Text() != markup.Escape(text) || u.Kind != a.Units[i].Kind {
				t.Fatalf("unit %d: %s %q read back as %s %q\n%s", i, a.Units[i].Kind, text, u.Kind, u.Text(), md)
			}
		}
		if err := pageWhole(HTML(ed, Page{EditorHTML: true})); err != nil {
			t.Fatal(err)
		}
	})
}
