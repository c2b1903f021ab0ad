package render

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/reader"
	"github.com/tilmash/tilmash/translate/segment"
)

// Alternate is another language edition of the same article.
type Alternate struct {
	Locale language.Tag // its language
	Href   string       // its address: relative to this edition, or absolute
}

// Page is what an HTML edition says about its place among the others.
type Page struct {
	// Alternates are the other editions of the article published in the
	// same build: the language switcher and <link rel="alternate"> list
	// exactly these.
	Alternates []Alternate
	// Self is this edition's own address when the editions have absolute
	// ones (a base URL is set); empty otherwise.
	Self string
	// Default is the address of the edition for readers whose language
	// has none (hreflang="x-default"), the source edition; empty: none.
	Default string
	// Images are the figures' images the editions publish, by the address
	// the article writes (segment.Block.Src). A figure with a relative
	// address that is not here shows its caption alone; an absolute or
	// site-absolute address (https://…, /img/x.jpg) is the site's, and
	// the HTML edition shows it as it is (a book cannot).
	Images map[string]Image
	// MarkUnits marks every element that holds a unit's text with
	// data-unit="<unit ID>", for the live preview (tilmash serve) to find
	// each unit on the page. Published editions are written without it.
	MarkUnits bool
	// EditorHTML publishes the editors' own HTML as written, without the
	// sanitiser ([publish] html = "as-written"): for a newsroom that trusts
	// its editors' embeds. The page's structure is kept whole either way,
	// and an EPUB still takes only well-formed XML.
	EditorHTML bool
	// Link gives the address an edition writes for the article's link to
	// dest (book: the EPUB): another article's edition for a link to its
	// file (other.md), an address on the site for a site-absolute one
	// (/about/) when the editions have a base URL. "" means the edition can
	// make no link there (a book holds no pages of the site): it shows the
	// words alone, and the EPUB says so in a warning. Nil: every address
	// as the article writes it.
	Link func(dest string, book bool) string
}

// Image is a file a figure shows, as the editions publish it.
type Image struct {
	Href string // its address from the HTML edition: ../media/news/photo.jpg
	Type string // its media type, from its content (package media): image/jpeg…
	Data []byte // its content, which the EPUB edition packs
	Path string // its path under the content folder (news/photo.jpg): its place in a Hugo page's bundle
}

//go:embed page.html.tmpl
var pageTemplate string

//go:embed page.css
var pageCSS string

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"inline": func(t *assemble.Text) template.HTML { return template.HTML((&htmlWriter{}).content(t.Nodes)) },
	"plain":  func(t *assemble.Text) string { return markup.PlainText(t.Nodes) },
	"css":    func() template.CSS { return template.CSS(pageCSS) },
	"unit":   func(w *htmlWriter, t *assemble.Text) template.HTMLAttr { return template.HTMLAttr(w.unit(t)) },
}).Parse(pageTemplate))

type pageData struct {
	Lang, Dir   string
	Title       *assemble.Text
	Note        *assemble.Text
	Author      *assemble.Text
	Publication *assemble.Text // as the masthead shows it (in capitals where the edition sets them: masthead)
	Site        *assemble.Text // the publication's name as written: the <title>, og:site_name
	Dash        string         // between the title and the site's name in the <title> (locale.SpacedDash)
	Dateline    *assemble.Text
	DateText    *assemble.Text
	Date        string
	Body        template.HTML
	// What a CMS, a search engine or a social card reads of the page, in
	// its language: the first paragraph's words (Description), its Open
	// Graph locale (ru_RU), its image's address when the editions have
	// absolute ones. Its own address (canonical, og:url) and its
	// alternates' locales stand with the language links, which Relink
	// brings up to date.
	Description string
	OGLocale    string
	OGImage     string
	Languages   template.HTML // the <link rel="alternate"> lines
	Switcher    template.HTML // the language switcher
	Revising    int           // units shown in a translation under revision
	Caps        bool          // the edition sets its capitals itself (htmlWriter.caps)
	Notice      *notice       // what the reader is told of the edition, if anything
	W           *htmlWriter   // the body's writer: its data-unit marks
}

// notice is a line of tilmash's own to the reader (package reader), in
// the edition's language, or in English (Lang "en") where tilmash has no
// words for that language yet.
type notice struct {
	Text, Lang string
}

// fallbackNotice tells the reader of an edition that shows some units in
// English (nil: it shows none).
func fallbackNotice(ed *assemble.Edition) *notice {
	if ed.Stats.Fallback == 0 {
		return nil
	}
	text, ok := ed.Reader.Say(reader.FallbackKey, ed.Locale)
	n := &notice{Text: text}
	if !ok {
		n.Lang = locale.Source.String()
	}
	return n
}

type langLink struct {
	Tag, Name, Href string
	Current         bool
}

// HTML writes the edition as a standalone HTML page: no external resources,
// lang and dir on the root element, <link rel="alternate" hreflang> and a
// language switcher naming each language in itself (and its script, where
// the editions hold it in two: locale.Name).
//
// The text is set as the language's typography sets it (typeset: a
// caption's full stop), and in a language whose capitals a browser's
// text-transform would get wrong (locale.OwnCapitals: kk-Latn's i → İ),
// what the stylesheet sets in capitals (the masthead, a callout's title,
// an aside's headings) is written in capitals, and the stylesheet leaves
// it as it is.
func HTML(ed *assemble.Edition, pg Page) []byte {
	ed = typeset(ed)
	d := pageData{
		Lang:        ed.Locale.String(),
		Dir:         locale.Dir(ed.Locale),
		Title:       ed.Meta[segment.Headline],
		Note:        ed.Meta[segment.Note],
		Author:      ed.Meta[segment.Author],
		Publication: masthead(ed, segment.Publication),
		Site:        ed.Meta[segment.Publication],
		Dash:        locale.SpacedDash(ed.Locale),
		Dateline:    masthead(ed, segment.Dateline),
		DateText:    masthead(ed, segment.Date),
		Date:        ed.Date,
		Revising:    ed.Stats.UnderRevision,
		Notice:      fallbackNotice(ed),
	}
	w := &htmlWriter{units: pg.MarkUnits, images: pg.Images, trusted: pg.EditorHTML, link: pg.Link, tag: ed.Locale, caps: locale.OwnCapitals(ed.Locale)}
	d.W, d.Caps = w, w.caps
	w.blocks(ed.Blocks)
	d.Body = template.HTML(w.b.String())
	d.Description = description(ed.Blocks)
	d.OGLocale = ogLocale(ed.Locale)
	if pg.Self != "" {
		d.OGImage = firstImage(ed.Blocks, pg)
	}
	head, nav := languageLinks(ed.Locale, pg)
	d.Languages, d.Switcher = template.HTML(head), template.HTML(nav)
	var b bytes.Buffer
	if err := page.Execute(&b, d); err != nil {
		panic("render: page template: " + err.Error()) // the template is ours and tested
	}
	return b.Bytes()
}

// The markers around an HTML edition's language links, so that Relink can
// bring the links of an edition kept from an earlier build up to date.
const (
	linksStart    = "<!-- tilmash:alternates -->"
	linksEnd      = "<!-- /tilmash:alternates -->"
	switcherStart = "<!-- tilmash:languages -->"
	switcherEnd   = "<!-- /tilmash:languages -->"
)

// languageLinks writes the <link rel="alternate"> lines for <head> and the
// language switcher, each between its markers.
func languageLinks(tag language.Tag, pg Page) (head, nav string) {
	among := editions(tag, pg)
	self := langLink{Tag: tag.String(), Name: locale.Name(tag, among), Href: pg.Self, Current: true}
	links := []langLink{self}
	for _, a := range pg.Alternates {
		links = append(links, langLink{Tag: a.Locale.String(), Name: locale.Name(a.Locale, among), Href: a.Href})
	}
	var h, n strings.Builder
	h.WriteString(linksStart + "\n")
	n.WriteString(switcherStart + "\n<nav class=\"languages\">\n<ul>\n")
	for _, l := range links {
		href := l.Href
		if l.Current && href == "" {
			href = "#"
		}
		fmt.Fprintf(&h, "<link rel=\"alternate\" hreflang=\"%s\" href=\"%s\">\n", l.Tag, template.HTMLEscapeString(href))
		if l.Current {
			fmt.Fprintf(&n, "<li><span aria-current=\"page\" lang=\"%s\">%s</span></li>\n", l.Tag, template.HTMLEscapeString(l.Name))
		} else {
			fmt.Fprintf(&n, "<li><a href=\"%s\" hreflang=\"%s\" lang=\"%s\">%s</a></li>\n", template.HTMLEscapeString(l.Href), l.Tag, l.Tag, template.HTMLEscapeString(l.Name))
		}
	}
	if pg.Default != "" {
		fmt.Fprintf(&h, "<link rel=\"alternate\" hreflang=\"x-default\" href=\"%s\">\n", template.HTMLEscapeString(pg.Default))
	}
	if pg.Self != "" { // an absolute address: the page's own, for search engines and social cards
		fmt.Fprintf(&h, "<link rel=\"canonical\" href=\"%s\">\n<meta property=\"og:url\" content=\"%s\">\n", template.HTMLEscapeString(pg.Self), template.HTMLEscapeString(pg.Self))
	}
	seen := map[string]bool{ogLocale(tag): true} // kk and kk-Latn are both kk_KZ to Open Graph
	for _, a := range pg.Alternates {
		if l := ogLocale(a.Locale); !seen[l] {
			seen[l] = true
			fmt.Fprintf(&h, "<meta property=\"og:locale:alternate\" content=\"%s\">\n", l)
		}
	}
	h.WriteString(linksEnd)
	n.WriteString("</ul>\n</nav>\n" + switcherEnd)
	return h.String(), n.String()
}

// editions are the languages of the article's editions a page lists:
// its own (tag, unless Und) and its alternates'. Each is named among
// them (locale.Name), so that where they hold a language in two scripts
// (kk and kk-Latn), every page names both by their scripts.
func editions(tag language.Tag, pg Page) []language.Tag {
	var tags []language.Tag
	if tag != language.Und {
		tags = append(tags, tag)
	}
	for _, a := range pg.Alternates {
		tags = append(tags, a.Locale)
	}
	return tags
}

// Relink replaces the language links of an HTML edition written earlier
// (one kept because this build could not replace it) with those of pg, so
// that no page links to an edition that is no longer published. It reports
// false when the page has no tilmash markers: then it is returned
// unchanged. Every page a build keeps has them (keeping an edition began
// with them, 2026-11-27); a page without them is a hand-made one, or one
// from the day before, which the next full build writes again.
func Relink(page []byte, tag language.Tag, pg Page) ([]byte, bool) {
	head, nav := languageLinks(tag, pg)
	out, ok := replaceBetween(page, linksStart, linksEnd, head)
	if !ok {
		return page, false
	}
	if out, ok = replaceBetween(out, switcherStart, switcherEnd, nav); !ok {
		return page, false
	}
	return out, true
}

func replaceBetween(b []byte, start, end, with string) ([]byte, bool) {
	i := bytes.Index(b, []byte(start))
	j := bytes.Index(b, []byte(end))
	if i < 0 || j < i {
		return b, false
	}
	out := append([]byte{}, b[:i]...)
	out = append(out, with...)
	return append(out, b[j+len(end):]...), true
}

// InlineHTML is a unit's text as the HTML edition writes it inside its
// element (emphasis, links, line breaks), for the live preview to show a
// unit's English beside its translation.
func InlineHTML(t *assemble.Text) string {
	if t == nil {
		return ""
	}
	return (&htmlWriter{}).content(t.Nodes)
}

// descriptionLen is how many characters of the first paragraph a page's
// description holds: what search engines and social cards show.
const descriptionLen = 200

// description is the first paragraph of words alone, cut at a word
// before descriptionLen characters with an ellipsis: the page's summary.
// A paragraph that holds code, HTML or a site generator's code is passed
// over: in an attribute, its code would read as words in no language.
func description(blocks []assemble.Block) string {
	for _, bl := range blocks {
		if bl.Kind == segment.ParagraphBlock && bl.Text != nil && wordsAlone(bl.Text.Nodes) {
			text := strings.Join(strings.Fields(markup.PlainText(bl.Text.Nodes)), " ")
			if text == "" {
				continue
			}
			r := []rune(text)
			if len(r) <= descriptionLen {
				return text
			}
			cut := string(r[:descriptionLen])
			if i := strings.LastIndex(cut, " "); i > len(cut)/2 {
				cut = cut[:i]
			}
			return strings.TrimRight(cut, " ,;:—–-") + "…"
		}
		if d := description(bl.Children); d != "" {
			return d
		}
	}
	return ""
}

// ogLocale is the Open Graph locale of a tag: language_TERRITORY, the
// territory the most likely one (ru_RU, kk_KZ, en_US).
func ogLocale(tag language.Tag) string {
	base, _ := tag.Base()
	region, _ := tag.Region()
	return base.String() + "_" + region.String()
}

// firstImage is the absolute address of the first figure's published
// image (the social card's picture), or "".
func firstImage(blocks []assemble.Block, pg Page) string {
	for _, bl := range blocks {
		if bl.Kind == segment.FigureBlock {
			if img, ok := pg.Images[bl.Src]; ok && strings.Contains(img.Href, "://") {
				return img.Href
			}
			if strings.HasPrefix(bl.Src, "https://") {
				return bl.Src
			}
		}
		if s := firstImage(bl.Children, pg); s != "" {
			return s
		}
	}
	return ""
}

// wordsAlone reports whether nodes hold no code: no code span, raw HTML or
// site generator's code, at any depth.
func wordsAlone(nodes []markup.Node) bool {
	for _, n := range nodes {
		switch n.Kind {
		case markup.Code, markup.HTML, markup.Template:
			return false
		}
		if !wordsAlone(n.Children) {
			return false
		}
	}
	return true
}
