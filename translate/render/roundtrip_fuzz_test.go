package render

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/segment"
	"github.com/tilmash/tilmash/translate/xmlchar"
	"golang.org/x/net/html"
	"golang.org/x/text/language"
)

// FuzzMarkdownRoundTrip: whatever article splits, its English edition
// assembles, and the Markdown edition splits again into the same units
// (the same kinds, texts and link targets): segmenting, assembling and
// rendering lose and invent nothing.
func FuzzMarkdownRoundTrip(f *testing.F) {
	for _, name := range []string{"field-notes.md", "crlf.md", "interview.md"} {
		b, err := os.ReadFile("../segment/testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("+++\ntitle = \"T\"\n+++\n\nA *b* [c](/d) `e` **f**.\n\n> quoted\n\n- one\n- two\n"))
	f.Add([]byte(gfmArticle))
	f.Add([]byte(siteArticle))
	f.Add([]byte("+++\ntitle = \"T\"\n+++\n\n{% include x.html caption=\"He said \\\"hi\\\" \\\\\" alt='It\\'s' %}\n\n{{ y(title='Қала', text=`a}b`) }}\n\n{% highlight go %}\nx\n\n{% endhighlight %}\n"))
	f.Add([]byte(htmlArticle))
	f.Add([]byte(attrsArticle))
	f.Add([]byte("+++\ntitle = \"T\"\n+++\n\n[a](/u \"t\\\"i\\\\t&amp;\\&amp;l(e)\") ![b](/i 'x\ny') <i title=\"&#123;{z}}\" alt=w>c</i>\n\n[r]: /r (d\\)e)\n"))
	f.Add([]byte("+++\ntitle = \"T\"\n+++\n\nA </p> b </article>\n\n</body></section>\n\n> </blockquote>\n\n- x </li></ul>\n\nEnd.\n"))
	f.Add([]byte("+++\ntitle = \"T\\u000B\"\n+++\n\nA\vb &#11; &#xFFFE; <span title=\"&#xFFFF;\">c</span>\n\n```\n\x1b\n```\n\n<div>&#x7f;</div>\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		a, err := segment.Split("content/f.md", src)
		if err != nil {
			return
		}
		if len(a.Chars) == 0 {
			// Nothing for check to refuse (check.Chars): the editions are
			// valid, the EPUB's XML above all (issue 20).
			cat := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
			ed, err := assemble.Assemble(a, cat, cat, assemble.Options{})
			if err != nil {
				t.Fatalf("the English edition does not assemble: %v", err)
			}
			if what, _, bad := ed.Unpublishable(); bad {
				t.Fatalf("segment found no character to refuse, but the edition holds %s:\n%q", what, src)
			}
			page := HTML(ed, Page{})
			if i, r := xmlchar.Index(string(page)); i >= 0 {
				t.Fatalf("the HTML edition holds %U:\n%q", r, src)
			}
			if err := pageWhole(page); err != nil {
				t.Fatalf("%v:\n%q\n%s", err, src, page)
			}
			if err := epubXML(EPUB(ed, Page{})); err != nil {
				t.Fatalf("%v:\n%q", err, src)
			}
		}
		// Emphasis directly inside emphasis, at its start or end
		// (***a*b*), cannot be written back with * or _ in every
		// neighbourhood: Markdown has no such form. The English edition
		// keeps the source; another language's writes the runs anew.
		identityOK := !slices.ContainsFunc(a.Units, func(u segment.Unit) bool {
			nodes, err := markup.Decode(u.Text(), u.Tags)
			return err != nil || nestedAtEdge(nodes)
		})
		// The English edition, and another language's whose every
		// translation is the English: the source kept, and the source with
		// each text written anew at its place.
		cat := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
		targets := []*catalog.Catalog{cat}
		if identityOK {
			targets = append(targets, identity(cat))
		}
		for _, target := range targets {
			ed, err := assemble.Assemble(a, cat, target, assemble.Options{})
			if err != nil {
				t.Fatalf("the %s edition does not assemble: %v", target.Locale, err)
			}
			md := Markdown(ed)
			b, err := segment.Split("content/f.md", md)
			if err != nil {
				t.Fatalf("the %s Markdown edition does not split: %v\n%s", target.Locale, err, md)
			}
			if len(a.Units) != len(b.Units) {
				t.Fatalf("%s: %d units became %d:\n%q\n%q", target.Locale, len(a.Units), len(b.Units), src, md)
			}
			for i := range a.Units {
				if a.Units[i].Text() != b.Units[i].Text() || a.Units[i].Kind != b.Units[i].Kind {
					t.Fatalf("%s: unit %d: %s %q became %s %q\n%q\n%q", target.Locale, i, a.Units[i].Kind, a.Units[i].Text(), b.Units[i].Kind, b.Units[i].Text(), src, md)
				}
			}
		}
	})
}

// nestedAtEdge reports an emphasis (or strong) whose first or last child
// is an emphasis or strong too.
func nestedAtEdge(nodes []markup.Node) bool {
	for _, n := range nodes {
		if n.Kind == markup.Emph || n.Kind == markup.Strong {
			k := n.Children
			edge := func(c markup.Node) bool { return c.Kind == markup.Emph || c.Kind == markup.Strong }
			if len(k) > 0 && (edge(k[0]) || edge(k[len(k)-1])) {
				return true
			}
		}
		if nestedAtEdge(n.Children) {
			return true
		}
	}
	return false
}

// identity is the source catalogue as another language's (British English, with
// English's plural forms): every translation is the English.
func identity(src *catalog.Catalog) *catalog.Catalog {
	c := &catalog.Catalog{Locale: language.BritishEnglish, Path: "locales/en-GB.toml"}
	for _, m := range src.Messages {
		cp := *m
		c.Add(&cp)
	}
	return c
}

// epubXML reports the first XML document of an EPUB (its XHTML, package
// and container files) that is not well-formed XML.
func epubXML(book []byte, _ []string) error {
	z, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		return err
	}
	for _, f := range z.File {
		if !strings.HasSuffix(f.Name, ".xhtml") && !strings.HasSuffix(f.Name, ".opf") && !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		d := xml.NewDecoder(rc)
		for err == nil {
			_, err = d.Token()
		}
		rc.Close()
		if !errors.Is(err, io.EOF) {
			return fmt.Errorf("the EPUB's %s is not XML: %v", f.Name, err)
		}
	}
	return nil
}

// pageWhole reports a page whose structure an editor's HTML broke: the
// body holding other than one <article> of its own, or text of the
// article left outside it (in <body> after it). An editor's own
// <article> inside the page's is fine.
func pageWhole(page []byte) error {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return err
	}
	articles := 0
	var outside string
	var walk func(n *html.Node, inBody, inArticle bool)
	walk = func(n *html.Node, inBody, inArticle bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "article":
				if !inArticle {
					articles++
				}
				inArticle = true
			case "body":
				inBody = true
			case "nav":
				return // the language switcher
			}
		}
		if n.Type == html.TextNode && inBody && !inArticle && strings.TrimSpace(n.Data) != "" && outside == "" {
			outside = n.Data
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inBody, inArticle)
		}
	}
	walk(doc, false, false)
	if articles != 1 || outside != "" {
		return fmt.Errorf("the page's structure is broken: %d <article> elements in <body>, text outside them: %q", articles, outside)
	}
	return nil
}
