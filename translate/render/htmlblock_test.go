package render

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/segment"
)

// htmlArticle holds an editor's HTML: a fact box, a figure written in
// HTML, a folded note, an embedded video.
const htmlArticle = `+++
title = "Bazaar"
+++

Prices rose.

<aside class="fact">
  <h3>Bread in <b>Almaty</b></h3>
  <p>A loaf costs 150 tenge.</p>
</aside>

<figure><img src="/img/m.jpg" alt="Stalls"><figcaption>The market.</figcaption></figure>

<details><summary>Method</summary>We asked ten sellers.</details>

<iframe src="https://video.example/1" title="A walk through the bazaar"></iframe>
`

// TestHTMLBlockWords: the words a reader sees in the editor's HTML are
// units, tags and addresses not; every edition writes them in the
// edition's language at their place.
func TestHTMLBlockWords(t *testing.T) {
	a, err := segment.Split("content/b.md", []byte(htmlArticle))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range a.Units {
		got = append(got, string(u.Kind)+": "+u.Text())
	}
	want := []string{
		"headline: Bazaar",
		"paragraph: Prices rose.",
		"html: Bread in <html1/>Almaty<html2/>",
		"html: A loaf costs 150 tenge.",
		"html-attr: Stalls",
		"html: The market.",
		"html: Method",
		"html: We asked ten sellers.",
		"html-attr: A walk through the bazaar",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("units:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	cat := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	up := &catalog.Catalog{Locale: language.Russian, Path: "locales/ru.toml"}
	for _, m := range cat.Messages {
		cp := *m
		cp.Forms = map[locale.Form]string{}
		for f, text := range m.Forms {
			cp.Forms[f] = upper(text)
		}
		up.Add(&cp)
	}
	ru, err := assemble.Assemble(a, cat, up, assemble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(HTML(ru, Page{}))
	for _, w := range []string{"<h3>BREAD IN <b>ALMATY</b></h3>", "<p>A LOAF COSTS 150 TENGE.</p>", `alt="STALLS"`, "<figcaption>THE MARKET.</figcaption>", "<summary>METHOD</summary>WE ASKED TEN SELLERS."} {
		if !strings.Contains(page, w) {
			t.Errorf("the HTML edition lacks %s", w)
		}
	}
	md := string(Markdown(ru))
	for _, w := range []string{"<aside class=\"fact\">\n  <h3>BREAD IN <b>ALMATY</b></h3>\n  <p>A LOAF COSTS 150 TENGE.</p>", `<img src="/img/m.jpg" alt="STALLS">`, `title="A WALK THROUGH THE BAZAAR"`} {
		if !strings.Contains(md, w) {
			t.Errorf("the Markdown edition lacks %q:\n%s", w, md)
		}
	}
	text := string(Text(ru))
	for _, w := range []string{"BREAD IN ALMATY", "THE MARKET.", "WE ASKED TEN SELLERS."} {
		if !strings.Contains(text, w) {
			t.Errorf("the text edition lacks %q", w)
		}
	}
	if en := string(Markdown(assembleEN(t, a, cat))); !strings.HasSuffix(en, htmlArticle[strings.Index(htmlArticle, "\n+++\n")+5:]) {
		t.Errorf("the English Markdown edition is not the article")
	}
}

func assembleEN(t *testing.T, a *segment.Article, cat *catalog.Catalog) *assemble.Edition {
	t.Helper()
	ed, err := assemble.Assemble(a, cat, cat, assemble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

// TestHTMLBlockInContainer: an HTML block inside a quote or a list item,
// its lines after the container's marks, has its words translated at their
// place; a tag over two lines keeps the marks, a translator's line break
// is a space (a browser shows it so; in the Markdown it would end the
// quote).
func TestHTMLBlockInContainer(t *testing.T) {
	const src = "+++\ntitle = \"Bazaar\"\n+++\n\n" +
		"> <aside>\n> A loaf costs <b\n> class=\"x\">150</b> tenge.\n> </aside>\n\n" +
		"- <div title=\"A note\">\n  Sellers agree.\n  </div>\n"
	a, err := segment.Split("content/b.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range a.Units {
		got = append(got, string(u.Kind)+": "+u.Text()+" @"+u.Pos.String())
	}
	want := []string{
		"headline: Bazaar @content/b.md:2:1",
		"html: A loaf costs <html1/>150<html2/> tenge. @content/b.md:6:3",
		"html-attr: A note @content/b.md:10:15",
		"html: Sellers agree. @content/b.md:11:3",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("units:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	cat := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	up := &catalog.Catalog{Locale: language.Russian, Path: "locales/ru.toml"}
	for _, m := range cat.Messages {
		cp := *m
		cp.Forms = map[locale.Form]string{}
		for f, text := range m.Forms {
			cp.Forms[f] = strings.Replace(upper(text), "SELLERS ", "SELLERS\n", 1)
		}
		up.Add(&cp)
	}
	ru, err := assemble.Assemble(a, cat, up, assemble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	md := string(Markdown(ru))
	for _, w := range []string{
		"> <aside>\n> A LOAF COSTS <b\n> class=\"x\">150</b> TENGE.\n> </aside>\n",
		"- <div title=\"A NOTE\">\n  SELLERS AGREE.\n  </div>\n",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("the Markdown edition lacks %q:\n%s", w, md)
		}
	}
	page := string(HTML(ru, Page{}))
	for _, w := range []string{"A LOAF COSTS <b class=\"x\">150</b> TENGE.", `<div title="A NOTE">`, "SELLERS AGREE."} {
		if !strings.Contains(page, w) {
			t.Errorf("the HTML edition lacks %q:\n%s", w, page)
		}
	}
	if en := string(Markdown(assembleEN(t, a, cat))); !strings.HasSuffix(en, src[strings.Index(src, "\n+++\n")+5:]) {
		t.Errorf("the English Markdown edition is not the article:\n%s", en)
	}
}
