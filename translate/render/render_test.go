package render

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/reader"
	"github.com/tilmash/tilmash/translate/segment"
)

func english(t *testing.T, file string, src []byte) (*segment.Article, *assemble.Edition) {
	t.Helper()
	a, err := segment.Split(file, src)
	if err != nil {
		t.Fatal(err)
	}
	cat := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	ed, err := assemble.Assemble(a, cat, cat, assemble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a, ed
}

// TestMarkdownRoundTrip renders the English edition of each test article as
// Markdown and splits it again: the units must come back the same.
func TestMarkdownRoundTrip(t *testing.T) {
	for _, name := range []string{"field-notes.md", "crlf.md", "interview.md"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile("../segment/testdata/" + name)
			if err != nil {
				t.Fatal(err)
			}
			a, ed := english(t, "content/"+name, src)
			md := Markdown(ed)
			b, err := segment.Split("content/"+name, md)
			if err != nil {
				t.Fatalf("the edition does not parse: %v\n%s", err, md)
			}
			if len(a.Units) != len(b.Units) {
				t.Fatalf("%d units became %d:\n%s", len(a.Units), len(b.Units), md)
			}
			for i := range a.Units {
				if a.Units[i].Text() != b.Units[i].Text() || a.Units[i].Kind != b.Units[i].Kind {
					t.Errorf("unit %d: %s %q became %s %q", i, a.Units[i].Kind, a.Units[i].Text(), b.Units[i].Kind, b.Units[i].Text())
				}
				for tag, n := range a.Units[i].Tags {
					if b.Units[i].Tags[tag].Href != n.Href || b.Units[i].Tags[tag].Text != n.Text {
						t.Errorf("unit %d tag %s: %+v became %+v", i, tag, n, b.Units[i].Tags[tag])
					}
				}
			}
		})
	}
}

func TestMarkdownEscapes(t *testing.T) {
	src := "+++\ntitle = \"T\"\n+++\n\n1\\. not a list, \\*not emphasis\\*, \\[not a link\\] and a\\_b &amp;copy;\n\n\\# not a heading\n\n" +
		// Braces that end a heading's text are not an attribute block
		// (the last {…} was: the edition would lose the text's own).
		"## Text {#not-an-id}{}\n\n## Slash \\\\{.not-a-class}{}\n"
	a, ed := english(t, "content/e.md", []byte(src))
	b, err := segment.Split("content/e.md", Markdown(ed))
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Units {
		if a.Units[i].Text() != b.Units[i].Text() {
			t.Errorf("%q became %q\n%s", a.Units[i].Text(), b.Units[i].Text(), Markdown(ed))
		}
	}
}

func TestHTML(t *testing.T) {
	src, err := os.ReadFile("../segment/testdata/interview.md")
	if err != nil {
		t.Fatal(err)
	}
	_, ed := english(t, "content/interview.md", src)
	page := string(HTML(ed, Page{Alternates: []Alternate{{Locale: language.Kazakh, Href: "../kk/interview.html"}, {Locale: language.Russian, Href: "../ru/interview.html"}}}))
	for _, want := range []string{
		`<html lang="en" dir="ltr">`,
		`<title>Two Voices</title>`,
		`<link rel="alternate" hreflang="kk" href="../kk/interview.html">`,
		`<a href="../ru/interview.html" hreflang="ru" lang="ru">Русский</a>`,
		`lang="kk">Қазақ тілі</a>`,
		`<span aria-current="page" lang="en">English</span>`,
		`<section class="profile">`,
		`<h2 id="aigerim-24" class="profile">Aigerim, 24</h2>`,
		`<h3 id="why-here" class="question">“Why here?”</h3>`,
		`<p class="answer">“Because it is home.”</p>`,
		`@media print`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Count(page, "<section") != strings.Count(page, "</section>") {
		t.Errorf("unbalanced sections")
	}
	for _, bad := range []string{"http://", "https://", "<script"} {
		if strings.Contains(page, bad) {
			t.Errorf("page has an external resource or script: %s", bad)
		}
	}
}

func TestHTMLMarksFallback(t *testing.T) {
	a, err := segment.Split("content/f.md", []byte("+++\ntitle = \"Title\"\n+++\n\nAlmaty is <b>big</b>.\n\n![Flea market.]()\n"))
	if err != nil {
		t.Fatal(err)
	}
	src := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	ru, _ := catalog.Sync(src, nil, language.Russian, "locales/ru.toml", false)
	ru.Lookup(a.Units[0].ID).Forms[locale.Other] = "Заголовок"
	ed, err := assemble.Assemble(a, src, ru, assemble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(HTML(ed, Page{}))
	for _, want := range []string{`<h1>Заголовок</h1>`, `<p lang="en">Almaty is <b>big</b>.</p>`, `<figcaption lang="en">Flea market.</figcaption>`, `<html lang="ru"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if ed.Stats.Translated != 1 || ed.Stats.Fallback != 2 {
		t.Errorf("stats = %+v", ed.Stats)
	}
}

// TestFallbackNotice: an edition that shows units in English tells its
// reader so, in the reader's language, in every format a reader reads (a
// language tilmash has no words for gets the English, marked so); a
// complete edition carries no notice.
func TestFallbackNotice(t *testing.T) {
	a, err := segment.Split("content/f.md", []byte("+++\ntitle = \"Title\"\n+++\n\nAlmaty is big.\n"))
	if err != nil {
		t.Fatal(err)
	}
	src := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	for _, tc := range []struct {
		tag      language.Tag
		complete bool
		html     string
	}{
		{language.Russian, false, `<p class="notice" role="note">Некоторые фрагменты статьи пока приведены на английском языке` + "\u00a0" + `— перевод обновляется.</p>`},
		{language.MustParse("kk-Latn"), false, `<p class="notice" role="note">Maqalanyñ keibır bölıkterı äzırge ağylşyn tılınde berılgen`},
		{language.Uzbek, false, `<p class="notice" role="note" lang="en">Parts of this article are shown in English`},
		{language.Russian, true, ""},
	} {
		c, _ := catalog.Sync(src, nil, tc.tag, "locales/x.toml", false)
		c.Lookup(a.Units[0].ID).Forms[locale.Other] = "Заголовок"
		if tc.complete {
			c.Lookup(a.Units[1].ID).Forms[locale.Other] = "Алматы большой."
		}
		ed, err := assemble.Assemble(a, src, c, assemble.Options{})
		if err != nil {
			t.Fatal(err)
		}
		page, text := string(HTML(ed, Page{})), string(Text(ed))
		book, _ := EPUB(ed, Page{})
		if tc.complete {
			if strings.Contains(page, `class="notice"`) || strings.Contains(string(book), "notice") {
				t.Errorf("%s, complete: a notice:\n%s", tc.tag, page)
			}
			continue
		}
		if !strings.Contains(page, tc.html) {
			t.Errorf("%s: the page lacks %s:\n%s", tc.tag, tc.html, page)
		}
		notice, _ := reader.Fallback(tc.tag)
		if !strings.Contains(text, notice[:20]) {
			t.Errorf("%s: the text edition lacks the notice:\n%s", tc.tag, text)
		}
		inBook := false
		for _, data := range bookEntries(t, book) {
			inBook = inBook || strings.Contains(data, `class="notice"`)
		}
		if !inBook {
			t.Errorf("%s: the book lacks the notice", tc.tag)
		}
	}
}

func TestTextWraps(t *testing.T) {
	long := strings.Repeat("Қазақстан ", 30) + "150\u00a0000 ер адам."
	a, err := segment.Split("content/t.md", []byte("+++\ntitle = \"Тақырып\"\npublication = \"P\"\ndateline = \"Алматы\"\n+++\n\n"+long+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	cat := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	ed, err := assemble.Assemble(a, cat, cat, assemble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	txt := string(Text(ed))
	if !strings.HasPrefix(txt, "P | Алматы\n\nТақырып\n=======\n") {
		t.Errorf("head = %q", txt[:40])
	}
	for _, line := range strings.Split(txt, "\n") {
		if utf8.RuneCountInString(line) > TextWidth {
			t.Errorf("line over %d characters: %q", TextWidth, line)
		}
	}
	if !strings.Contains(txt, "150\u00a0000") {
		t.Errorf("the no-break space was broken:\n%s", txt)
	}
}

// TestRelink: the language links of a page written earlier are replaced
// with the current ones, absolute with x-default when a base URL is set,
// and a page without tilmash's markers is left alone.
func TestRelink(t *testing.T) {
	_, ed := english(t, "content/e.md", []byte("+++\ntitle = \"T\"\n+++\n\nText.\n"))
	old := HTML(ed, Page{Alternates: []Alternate{{Locale: language.Kazakh, Href: "../kk/e.html"}, {Locale: language.Russian, Href: "../ru/e.html"}}})
	pg := Page{Alternates: []Alternate{{Locale: language.Kazakh, Href: "https://example.org/kk/e.html"}}, Self: "https://example.org/en/e.html", Default: "https://example.org/en/e.html"}
	got, ok := Relink(old, language.English, pg)
	if !ok {
		t.Fatal("Relink found no markers in a page HTML wrote")
	}
	if !bytes.Equal(got, HTML(ed, pg)) {
		t.Errorf("relinked page differs from the page written with the new links:\n%s", got)
	}
	for _, want := range []string{`hreflang="x-default" href="https://example.org/en/e.html"`, `<a href="https://example.org/kk/e.html" hreflang="kk"`} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("relinked page lacks %s", want)
		}
	}
	if bytes.Contains(got, []byte("ru/e.html")) {
		t.Errorf("relinked page still links to the Russian edition")
	}
	if _, ok := Relink([]byte("<html><body>hand-made</body></html>"), language.English, pg); ok {
		t.Errorf("Relink changed a page without markers")
	}
}

// TestRelinkLeavesLegacyPages: a page written before the markers (by a
// tilmash of 2026-11-26, before a build kept any edition) is left exactly
// as it is, never spliced by its shape: the next full build writes it
// again.
func TestRelinkLeavesLegacyPages(t *testing.T) {
	old, err := os.ReadFile("testdata/legacy-2026-11.html")
	if err != nil {
		t.Fatal(err)
	}
	pg := Page{Alternates: []Alternate{{Locale: language.English, Href: "../en/the-conscript.html"}}}
	got, ok := Relink(old, language.Russian, pg)
	if ok || !bytes.Equal(got, old) {
		t.Errorf("the legacy page was changed (ok %v)", ok)
	}
}

// TestRelinkEPUB: a kept book's links to the other editions are replaced,
// the rest of the book is byte for byte what EPUB writes.
func TestRelinkEPUB(t *testing.T) {
	_, ed := english(t, "content/e.md", []byte("+++\ntitle = \"T\"\n+++\n\nText.\n"))
	both := Page{Alternates: []Alternate{{Locale: language.Kazakh, Href: "https://example.org/kk/e.html"}, {Locale: language.Russian, Href: "https://example.org/ru/e.html"}}}
	ruOnly := Page{Alternates: both.Alternates[1:]}
	old, _ := EPUB(ed, both)
	got, ok := RelinkEPUB(old, ruOnly)
	want, _ := EPUB(ed, ruOnly)
	if !ok || !bytes.Equal(got, want) {
		t.Errorf("relinked book differs from the book written with the new links (ok %v)", ok)
	}
	if _, ok := RelinkEPUB([]byte("not a zip"), ruOnly); ok {
		t.Errorf("RelinkEPUB accepted a file that is no book")
	}
}

// TestTextKeepsLinks: the plain-text edition gives each link's address, as
// a numbered reference listed at the end; an address met again keeps its
// number; a question is written as the text quotes it, with no dash.
func TestTextKeepsLinks(t *testing.T) {
	src := "+++\ntitle = \"Links\"\n+++\n\nSee [the report](https://example.org/report) and [the data](/data.csv).\n\n### “Why?” {.question}\n\nAgain [the report](https://example.org/report).\n"
	_, ed := english(t, "content/links.md", []byte(src))
	text := string(Text(ed))
	for _, want := range []string{
		"See the report\u00a0[1] and the data\u00a0[2].",
		"\n“Why?”\n",
		"Again the report\u00a0[1].",
		"\n[1] https://example.org/report\n[2] /data.csv\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text edition lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "— “Why?”") {
		t.Errorf("a dash before the quoted question:\n%s", text)
	}
}

// TestHTMLMarkUnits: with MarkUnits, every unit of the edition is marked
// once with data-unit, on the element that holds its text; without the
// marks, the page is byte for byte the published one.
func TestHTMLMarkUnits(t *testing.T) {
	for _, name := range []string{"field-notes.md", "interview.md", "crlf.md"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile("../segment/testdata/" + name)
			if err != nil {
				t.Fatal(err)
			}
			a, ed := english(t, "content/"+name, src)
			plain := HTML(ed, Page{})
			marked := string(HTML(ed, Page{MarkUnits: true}))
			if strings.Contains(string(plain), "data-unit") {
				t.Fatal("a published page carries data-unit marks")
			}
			for _, u := range a.Units {
				if u.Kind == segment.Name || u.Kind == segment.LinkTitle || u.Kind == segment.HTMLAttr {
					continue // inside its profile heading's text, or its link's or tag's, which is marked
				}
				if n := strings.Count(marked, ` data-unit="`+u.ID+`"`); n != 1 {
					t.Errorf("unit %s (%s) is marked %d times", u.ID, u.Kind, n)
				}
			}
			if got := dataUnit.ReplaceAllString(marked, ""); got != string(plain) {
				t.Errorf("without its marks, the marked page differs from the published one")
			}
		})
	}
}

var dataUnit = regexp.MustCompile(` data-unit="[^"]*"`)

// TestMarkdownKeepsTheSource: another language's Markdown edition is the
// article's source with each text replaced in place: list markers and
// their spacing, tight and loose lists, setext headings, heading
// attributes, block quotes with a hard break, code, HTML, a link
// definition and a comment all stay as the editor wrote them; a link's
// title, a figure's and a definition's are translated in place. The
// English edition's body is the source itself.
func TestMarkdownKeepsTheSource(t *testing.T) {
	src := "+++\ntitle = \"T\"\n+++\n\n" +
		"# T\n\n" +
		"Setext heading\n==============\n\n" +
		"## Kept {#kept .lead}\n\n" +
		"* one\n* two  \n  still two\n\n" +
		"1) first\n\n2) second\n\n" +
		"> a quote\\\n> with a break\n\n" +
		"<!--more-->\n\n" +
		"<aside class=\"fact\">\nA fact box.\n</aside>\n\n" +
		"```go\nfmt.Println(\"x\")\n```\n\n" +
		"See [the site][ref] and <me@example.org>.\n\n" +
		"![A photo.](photo.jpg \"Title\")\n\n" +
		"[ref]: https://example.org \"Example\"\n"
	a, err := segment.Split("content/k.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	cat := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	en, err := assemble.Assemble(a, cat, cat, assemble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if md := string(Markdown(en)); !strings.HasSuffix(md, src[strings.Index(src, "\n+++\n")+5:]) {
		t.Errorf("the English edition's body is not the source:\n%s", md)
	}
	// Upper case stands for a translation.
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
	md := string(Markdown(ru))
	want := "\n# T\n\n" +
		"SETEXT HEADING\n==============\n\n" +
		"## KEPT {#kept .lead}\n\n" +
		"* ONE\n* TWO\\\n  STILL TWO\n\n" +
		"1) FIRST\n\n2) SECOND\n\n" +
		"> A QUOTE\\\n> WITH A BREAK\n\n" +
		"<!--more-->\n\n" +
		"<aside class=\"fact\">\nA FACT BOX.\n</aside>\n\n" +
		"```go\nfmt.Println(\"x\")\n```\n\n" +
		"SEE [THE SITE](https://example.org \"EXAMPLE\") AND [ME@EXAMPLE.ORG](mailto:me@example.org).\n\n" +
		"![A PHOTO](photo.jpg \"TITLE\")\n\n" + // a Russian caption takes no full stop
		"[ref]: https://example.org \"EXAMPLE\"\n"
	if body := md[strings.Index(md, "\n+++\n")+5:]; body != want {
		t.Errorf("the Russian edition's body:\n%s\nwant:\n%s", body, want)
	}
}

// upper writes a message's text in capitals, its tags and placeholders
// as they are.
func upper(msg string) string {
	var b strings.Builder
	inTag := false
	for _, r := range msg {
		switch {
		case r == '<' || r == '{':
			inTag = true
		case r == '>' || r == '}':
			inTag = false
			b.WriteRune(r)
			continue
		}
		if inTag {
			b.WriteRune(r)
		} else {
			b.WriteString(strings.ToUpper(string(r)))
		}
	}
	return b.String()
}
