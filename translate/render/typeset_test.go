package render

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/segment"
)

// editionIn assembles src in tag, each unit translated by translate (its
// kind and English; "" leaves it untranslated, shown in English).
func editionIn(t *testing.T, src string, tag language.Tag, translate func(k segment.Kind, en string) string) *assemble.Edition {
	t.Helper()
	a, err := segment.Split("content/x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	en := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	c, _ := catalog.Sync(en, nil, tag, "locales/x.toml", false)
	for _, u := range a.Units {
		if s := translate(u.Kind, u.Text()); s != "" {
			c.Lookup(u.ID).Forms[locale.Other] = s
		}
	}
	ed, err := assemble.Assemble(a, en, c, assemble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

// article is every text tilmash itself sets in capitals: the masthead and
// a callout's title; an aside's heading, the editor's own HTML.
const capsArticle = "+++\ntitle = \"T\"\npublication = \"The Truth\"\ndateline = \"Bishkek\"\ndate = \"2022-09\"\ndate_text = \"Sep 2022\"\n+++\n\n" +
	"Text.\n\n> [!NOTE]\n> Noted.\n\n<aside>\n<h2>Summary</h2>\n<p>Said.</p>\n</aside>\n"

// kkLatn is capsArticle in Kazakh in the Latin alphabet of 2021, as
// kk-Latn-2021 writes it: Ақиқат, Бішкек, 2022 ж. қыркүйек, Түйін.
func kkLatn(k segment.Kind, en string) string {
	switch en {
	case "The Truth":
		return "Aqiqat"
	case "Bishkek":
		return "Bışkek"
	case "Sep 2022":
		return "2022 j. qyrküiek"
	case "Note":
		return "Tüiın"
	case "Summary":
		return "Tüiın"
	}
	return "Mätın."
}

// TestCapitalsKazakhLatin: Kazakh in the Latin alphabet pairs i with İ and
// ı with I, which no browser's text-transform knows: its editions write
// the capitals themselves (QYRKÜİEK, not QYRKÜIEK), in HTML, EPUB and the
// text edition's callout title, and their stylesheets leave them as they
// are; a name kept in its English letters takes English capitals.
// Russian's capitals stay the stylesheet's.
func TestCapitalsKazakhLatin(t *testing.T) {
	ed := editionIn(t, capsArticle, language.MustParse("kk-Latn"), kkLatn)
	page := string(HTML(ed, Page{}))
	for _, want := range []string{
		`<article class="own-capitals">`,
		`<span class="publication">AQİQAT</span>`,
		`<span class="dateline">BIŞKEK</span>`,
		`<time datetime="2022-09">2022 J. QYRKÜİEK</time>`,
		`<p class="alert-title">TÜİIN</p>`,
		`<h2>TÜİIN</h2>`,
		`.own-capitals .masthead, .own-capitals .alert-title, .own-capitals aside h2`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the kk-Latn page lacks %s", want)
		}
	}
	if strings.Contains(page, "QYRKÜIEK") || strings.Contains(page, "AQIQAT") {
		t.Errorf("the kk-Latn page has a capital I for i:\n%s", page)
	}
	// The capitals are the masthead's: the page's title and its site name
	// for a social card keep the name as written.
	for _, want := range []string{"\u00a0— Aqiqat</title>", `<meta property="og:site_name" content="Aqiqat">`} {
		if !strings.Contains(page, want) {
			t.Errorf("the kk-Latn page lacks %s", want)
		}
	}

	book, _ := EPUB(ed, Page{})
	files := bookEntries(t, book)
	article := files["EPUB/article.xhtml"]
	for _, want := range []string{
		`<article class="own-capitals">`,
		`<span class="publication">AQİQAT</span> <span class="sep">·</span> <span class="dateline">BIŞKEK</span> <span class="sep">·</span> <span class="date">2022 J. QYRKÜİEK</span>`,
		`<p class="alert-title">TÜİIN</p>`,
		`<h2>TÜİIN</h2>`,
	} {
		if !strings.Contains(article, want) {
			t.Errorf("the kk-Latn book lacks %s:\n%s", want, article)
		}
	}
	if !strings.Contains(files["EPUB/style.css"], ".own-capitals .masthead") {
		t.Errorf("the book's stylesheet would set the capitals again")
	}

	text := string(Text(ed))
	if !strings.Contains(text, "    TÜİIN\n") {
		t.Errorf("the text edition's callout title is not TÜİIN:\n%s", text)
	}
	if !strings.HasPrefix(text, "Aqiqat | Bışkek | 2022 j. qyrküiek\n") || strings.Contains(text, "QYRKÜIEK") {
		t.Errorf("the text edition's masthead is not as written:\n%s", text)
	}

	// A name the translation keeps as the English writes it, in its own
	// letters, takes English capitals: POST SOVIET, not POST SOVİET.
	kept := editionIn(t, strings.Replace(capsArticle, "The Truth", "Post Soviet Journal", 1), language.MustParse("kk-Latn"), func(k segment.Kind, en string) string {
		if en == "Post Soviet Journal" {
			return en
		}
		return kkLatn(k, en)
	})
	page = string(HTML(kept, Page{}))
	article = bookEntries(t, func() []byte { b, _ := EPUB(kept, Page{}); return b }())["EPUB/article.xhtml"]
	for _, doc := range []string{page, article} {
		if !strings.Contains(doc, `<span class="publication">POST SOVIET JOURNAL</span>`) || !strings.Contains(doc, "2022 J. QYRKÜİEK</") {
			t.Errorf("the kept name's capitals, or the date's:\n%s", doc)
		}
	}

	// Russian: the stylesheet's capitals, which browsers get right.
	ru := editionIn(t, capsArticle, language.Russian, func(k segment.Kind, en string) string { return "Правда" })
	page = string(HTML(ru, Page{}))
	if strings.Contains(page, `class="own-capitals"`) || !strings.Contains(page, `<span class="publication">Правда</span>`) {
		t.Errorf("the Russian page sets its capitals itself:\n%s", page)
	}
}

// TestCapitalsMarkUnits: with the preview's marks, an aside's heading in
// capitals keeps its unit's ID as it is.
func TestCapitalsMarkUnits(t *testing.T) {
	ed := editionIn(t, capsArticle, language.MustParse("kk-Latn"), kkLatn)
	page := string(HTML(ed, Page{MarkUnits: true}))
	var id string
	for _, bl := range ed.Blocks {
		for _, c := range bl.Children {
			if c.Text != nil && plainOf(c.Text) == "Tüiın" {
				id = c.Text.Unit
			}
		}
	}
	if id == "" {
		t.Fatal("no unit for the aside's heading")
	}
	if !strings.Contains(page, `<h2 data-unit="`+id+`">TÜİIN</h2>`) {
		t.Errorf("the aside's heading lost its unit's mark:\n%s", page)
	}
}

// TestCaptionStop: a Russian or Kazakh caption takes no final full stop,
// in every format; one of several sentences loses only the last; an
// abbreviation's point, an ellipsis and a question mark stay; an English
// caption, and a caption shown in English, keep theirs.
func TestCaptionStop(t *testing.T) {
	src := "+++\ntitle = \"T\"\n+++\n\nText.\n\n![Flea market.]()\n\n![Chart. By our editors.](https://example.org/c.png)\n\n" +
		"![Almaty in the 1990s.]()\n\n![And then...]()\n\n![Why?]()\n\n![*Soviet flats.*]()\n\n![Untranslated.]()\n"
	ru := map[string]string{
		"Text.": "Текст.", "T": "Т",
		"Flea market.":           "Барахолка.",
		"Chart. By our editors.": "Диаграмма. Данные редакции.",
		"Almaty in the 1990s.":   "Алматы в 1990-х гг.",
		"And then...":            "А потом...",
		"Why?":                   "Почему?",
		"<em>Soviet flats.</em>": "<em>Советские дома.</em>",
	}
	ed := editionIn(t, src, language.Russian, func(k segment.Kind, en string) string { return ru[en] })
	wantCaptions := []string{"Барахолка", "Диаграмма. Данные редакции", "Алматы в 1990-х гг.", "А потом...", "Почему?"}

	page := string(HTML(ed, Page{}))
	for _, c := range wantCaptions {
		if !strings.Contains(page, "<figcaption>"+c+"</figcaption>") {
			t.Errorf("the page lacks the caption %q", c)
		}
	}
	for _, want := range []string{`alt="Диаграмма. Данные редакции"`, "<figcaption><em>Советские дома</em></figcaption>", `<figcaption lang="en">Untranslated.</figcaption>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	book, _ := EPUB(ed, Page{})
	article := bookEntries(t, book)["EPUB/article.xhtml"]
	text := string(Text(ed))
	md := string(Markdown(ed))
	for _, c := range wantCaptions {
		if !strings.Contains(article, "<figcaption>"+c+"</figcaption>") {
			t.Errorf("the book lacks the caption %q", c)
		}
		if !strings.Contains(text, "["+c+"]") {
			t.Errorf("the text edition lacks the caption [%s]:\n%s", c, text)
		}
		if !strings.Contains(md, "!["+c+"](") {
			t.Errorf("the Markdown edition lacks the caption %q:\n%s", c, md)
		}
	}
	if !strings.Contains(md, "![*Советские дома*]()") || !strings.Contains(md, "![Untranslated.]()") {
		t.Errorf("the Markdown edition:\n%s", md)
	}

	// Kazakh, and Kazakh in the Latin alphabet: the same.
	for _, tag := range []language.Tag{language.Kazakh, language.MustParse("kk-Latn")} {
		kk := editionIn(t, "+++\ntitle = \"T\"\n+++\n\n![Flea market.]()\n", tag, func(k segment.Kind, en string) string {
			return map[string]string{"T": "Т", "Flea market.": "Алматыдағы ескі-құсқы базары."}[en]
		})
		if page := string(HTML(kk, Page{})); !strings.Contains(page, "<figcaption>Алматыдағы ескі-құсқы базары</figcaption>") {
			t.Errorf("%s: the caption keeps its full stop:\n%s", tag, page)
		}
	}

	// English: a caption is a sentence.
	_, en := english(t, "content/x.md", []byte(src))
	if page := string(HTML(en, Page{})); !strings.Contains(page, "<figcaption>Flea market.</figcaption>") {
		t.Errorf("the English caption lost its full stop")
	}
	if md := Markdown(en); !bytes.HasSuffix(md, []byte(src[strings.Index(src, "\n+++\n")+5:])) {
		t.Errorf("the English Markdown edition is not the article")
	}
}

// TestSwitcherNamesScripts: where the editions hold a language in two
// scripts (kk, kk-Latn), the switcher names each with its script, in it,
// on every page and in every book, as a relinked page or book does; where
// they hold it in one, its plain name.
func TestSwitcherNamesScripts(t *testing.T) {
	kkLatnTag := language.MustParse("kk-Latn")
	kk := editionIn(t, "+++\ntitle = \"T\"\n+++\n\nText.\n", language.Kazakh, func(k segment.Kind, en string) string { return "Мәтін." })
	both := Page{Alternates: []Alternate{{Locale: language.English, Href: "https://example.org/en/x.html"}, {Locale: kkLatnTag, Href: "https://example.org/kk-Latn/x.html"}, {Locale: language.Russian, Href: "https://example.org/ru/x.html"}}}
	page := string(HTML(kk, both))
	for _, want := range []string{
		`<span aria-current="page" lang="kk">Қазақша (кирилл)</span>`,
		`<a href="https://example.org/kk-Latn/x.html" hreflang="kk-Latn" lang="kk-Latn">Qazaqşa (latyn)</a>`,
		`lang="ru">Русский</a>`,
		`lang="en">English</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the kk page lacks %s", want)
		}
	}
	book, _ := EPUB(kk, both)
	if article := bookEntries(t, book)["EPUB/article.xhtml"]; !strings.Contains(article, `hreflang="kk-Latn" lang="kk-Latn">Qazaqşa (latyn)</a>`) {
		t.Errorf("the kk book does not name the Latin edition by its script:\n%s", article)
	}

	// kk-Latn refused: the Kazakh edition is the only one, named plainly.
	alone := Page{Alternates: []Alternate{both.Alternates[0], both.Alternates[2]}}
	if page := string(HTML(kk, alone)); !strings.Contains(page, `<span aria-current="page" lang="kk">Қазақ тілі</span>`) {
		t.Errorf("kk alone is not named Қазақ тілі")
	}

	// The Latin edition's own page.
	lat := editionIn(t, "+++\ntitle = \"T\"\n+++\n\nText.\n", kkLatnTag, func(k segment.Kind, en string) string { return "Mätın." })
	latPage := Page{Alternates: []Alternate{{Locale: language.Kazakh, Href: "../kk/x.html"}}}
	if page := string(HTML(lat, latPage)); !strings.Contains(page, `<span aria-current="page" lang="kk-Latn">Qazaqşa (latyn)</span>`) || !strings.Contains(page, `lang="kk">Қазақша (кирилл)</a>`) {
		t.Errorf("the kk-Latn page:\n%s", page)
	}

	// Relinked: named as a page written with the new links is.
	old := HTML(kk, alone)
	if got, ok := Relink(old, language.Kazakh, both); !ok || !bytes.Equal(got, HTML(kk, both)) {
		t.Errorf("the relinked page differs from the page written with the new links")
	}
	oldBook, _ := EPUB(kk, alone)
	if got, ok := RelinkEPUB(oldBook, both); !ok || !bytes.Equal(got, book) {
		t.Errorf("the relinked book differs from the book written with the new links")
	}
}

func TestDropStop(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Барахолка.", "Барахолка"},
		{"Диаграмма. Данные редакции.", "Диаграмма. Данные редакции"},
		{"«Здесь как в России».", "«Здесь как в России»"},
		{"Фото: ТАСС.", "Фото: ТАСС"},
		{"Алматы, 2022.", "Алматы, 2022"},
		{"Барахолка. ", "Барахолка"},
		{"Алматы в 1990-х гг.", "Алматы в 1990-х гг."}, // an abbreviation's point
		{"Базар, сувениры и т. д.", "Базар, сувениры и т. д."},
		{"Алматы, 2022 ж.", "Алматы, 2022 ж."},
		{"А потом...", "А потом..."},
		{"Почему?", "Почему?"},
		{"Барахолка", "Барахолка"},
	}
	for _, tt := range tests {
		nodes, _ := dropStop([]markup.Node{{Kind: markup.Text, Text: tt.in}})
		if got := nodes[0].Text; got != tt.want {
			t.Errorf("dropStop(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
