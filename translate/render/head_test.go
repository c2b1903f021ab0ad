package render

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// TestHTMLHead: the page's <head> carries what a CMS, a search engine or
// a social card reads, in the edition's language: the first paragraph as
// the description (cut at a word, with an ellipsis), the Open Graph
// title, locale and alternates, the publication, the date; with a base
// URL, the canonical address, og:url and the figure's image; without one,
// none of those (no relative address passes for an absolute one).
func TestHTMLHead(t *testing.T) {
	long := strings.Repeat("Слово ", 60)
	ed := translated(t, "+++\ntitle = \"Rents\"\npublication = \"Daily\"\ndate = \"2023-03-14\"\n+++\n\n![A chart.](chart.png)\n\nFirst paragraph.\n\nSecond.\n",
		func(s string) string {
			switch s {
			case "First paragraph.":
				return long + "«конец»."
			case "Rents":
				return "Аренда «жилья»"
			}
			return "Перевод"
		})
	images := map[string]Image{"chart.png": {Href: "https://news.example/media/chart.png", Type: "image/png"}}
	withBase := string(HTML(ed, Page{Self: "https://news.example/ru/m.html", Alternates: []Alternate{{Locale: language.Kazakh, Href: "https://news.example/kk/m.html"}}, Images: images}))
	for _, want := range []string{
		`<meta name="description" content="Слово Слово`,
		`…">`,
		`<meta property="og:type" content="article">`,
		`<meta property="og:title" content="Аренда «жилья»">`,
		`<meta property="og:locale" content="ru_RU">`,
		`<meta property="og:locale:alternate" content="kk_KZ">`,
		`<meta property="og:site_name" content="Перевод">`,
		`<link rel="canonical" href="https://news.example/ru/m.html">`,
		`<meta property="og:url" content="https://news.example/ru/m.html">`,
		`<meta property="og:image" content="https://news.example/media/chart.png">`,
		`<meta property="article:published_time" content="2023-03-14">`,
	} {
		if !strings.Contains(withBase, want) {
			t.Errorf("the page's head lacks %s:\n%s", want, withBase[:strings.Index(withBase, "<body>")])
		}
	}
	if i := strings.Index(withBase, `<meta name="description" content="`); i >= 0 {
		content := withBase[i+len(`<meta name="description" content="`):]
		content = content[:strings.Index(content, `"`)]
		if n := len([]rune(content)); n > descriptionLen+1 || strings.Contains(content, "конец") || strings.HasSuffix(content, " …") {
			t.Errorf("description of %d characters, cut badly: %q", n, content)
		}
	}
	twice := string(HTML(ed, Page{Alternates: []Alternate{{Locale: language.Kazakh, Href: "../kk/m.html"}, {Locale: language.MustParse("kk-Latn"), Href: "../kk-Latn/m.html"}, {Locale: language.MustParse("ru-KZ"), Href: "../ru-KZ/m.html"}}}))
	if n := strings.Count(twice, `content="kk_KZ"`); n != 1 || strings.Contains(twice, `og:locale:alternate" content="ru_RU"`) {
		t.Errorf("kk_KZ named %d times as an alternate (kk and kk-Latn), or the page's own ru_RU: want each once, its own never", n)
	}
	relative := string(HTML(ed, Page{Alternates: []Alternate{{Locale: language.Kazakh, Href: "../kk/m.html"}}, Images: map[string]Image{"chart.png": {Href: "../media/chart.png"}}}))
	for _, absent := range []string{`rel="canonical"`, `og:url`, `og:image`} {
		if strings.Contains(relative, absent) {
			t.Errorf("without a base URL the page has %s", absent)
		}
	}
}

// TestDescriptionWordsAlone: a paragraph that holds code is passed over
// for the description (its code would read as words in no language),
// the next one of words alone taken; none such: no description.
func TestDescriptionWordsAlone(t *testing.T) {
	ed := translated(t, "+++\ntitle = \"T\"\n+++\n\nRun `ls` first.\n\nThen read.\n", func(s string) string {
		if s == "Then read." {
			return "Затем прочтите."
		}
		return "Сначала запустите <code1/>."
	})
	page := string(HTML(ed, Page{}))
	if !strings.Contains(page, `<meta name="description" content="Затем прочтите.">`) {
		t.Errorf("want the second paragraph as the description:\n%s", page[:strings.Index(page, "<body>")])
	}
	only := translated(t, "+++\ntitle = \"T\"\n+++\n\nRun `ls` first.\n", func(s string) string { return "Сначала запустите <code1/>." })
	if page := string(HTML(only, Page{})); strings.Contains(page, `name="description"`) {
		t.Errorf("a page whose paragraphs all hold code has a description")
	}
}
