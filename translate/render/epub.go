package render

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/segment"
)

//go:embed epub.css
var epubCSS string

// EPUB writes the edition as an EPUB 3 book: the mimetype entry first and
// stored, the container, a package document with dc:identifier (stable:
// derived from the article and locale), dc:title, dc:language, dc:date,
// dc:publisher and dcterms:modified, a navigation document, and the article
// as XHTML. The same edition always gives the same bytes: entries carry no
// timestamps, and dcterms:modified is the article's date.
//
// The book packs the images of pg.Images its figures show, each once, as
// EPUB/images/img<n>.<ext> (stored, not compressed again) with its media
// type in the manifest. A figure whose image it cannot carry shows its
// caption alone: an address on a site (a book has no network; EPUB allows
// only audio, video and fonts there), or a type EPUB 3.2's reading systems
// need a fallback for (WebP).
//
// It returns what it had to leave out (raw HTML that is not well-formed
// XML, figures' images) as warnings.
//
// A book has no place beside the web editions, so it links to the other
// languages only where they have absolute addresses (pg's alternates under
// a base URL); relative ones are left out.
//
// The text is set as HTML sets it: a caption's full stop as the language
// has it, the capitals of a language with its own written out.
func EPUB(ed *assemble.Edition, pg Page) ([]byte, []string) {
	ed = typeset(ed)
	lang := ed.Locale.String()
	title := plainOf(ed.Meta[segment.Headline])
	w := &htmlWriter{xhtml: true, images: pg.Images, trusted: pg.EditorHTML, link: pg.Link, tag: ed.Locale, caps: locale.OwnCapitals(ed.Locale)}
	w.blocks(ed.Blocks)

	var article strings.Builder
	article.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<!DOCTYPE html>\n")
	fmt.Fprintf(&article, `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="%s" xml:lang="%s" dir="%s">`+"\n", lang, lang, locale.Dir(ed.Locale))
	articleClass := ""
	if w.caps {
		articleClass = ` class="own-capitals"`
	}
	fmt.Fprintf(&article, "<head>\n<meta charset=\"utf-8\"/>\n<title>%s</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n<body>\n<article%s>\n<header>\n", esc(title), articleClass)
	var mast []string
	for _, m := range []struct {
		kind segment.Kind
		cls  string
	}{{segment.Publication, "publication"}, {segment.Dateline, "dateline"}, {segment.Date, "date"}} {
		if t := masthead(ed, m.kind); t != nil {
			mast = append(mast, `<span class="`+m.cls+`"`+w.lang(t)+`>`+w.inline(t.Nodes)+`</span>`)
		}
	}
	if len(mast) > 0 {
		article.WriteString(`<p class="masthead">` + strings.Join(mast, ` <span class="sep">·</span> `) + "</p>\n")
	}
	if t := ed.Meta[segment.Headline]; t != nil {
		article.WriteString("<h1" + w.lang(t) + ">" + w.inline(t.Nodes) + "</h1>\n")
	}
	if t := ed.Meta[segment.Author]; t != nil {
		article.WriteString(`<p class="byline"` + w.lang(t) + ">" + w.inline(t.Nodes) + "</p>\n")
	}
	if t := ed.Meta[segment.Note]; t != nil {
		article.WriteString(`<p class="note"` + w.lang(t) + ">" + w.inline(t.Nodes) + "</p>\n")
	}
	article.WriteString(epubLanguages(ed.Locale, pg) + "\n")
	article.WriteString("</header>\n")
	if n := fallbackNotice(ed); n != nil {
		lang := ""
		if n.Lang != "" {
			lang = ` lang="` + n.Lang + `" xml:lang="` + n.Lang + `"`
		}
		article.WriteString(`<p class="notice" role="note"` + lang + ">" + esc(n.Text) + "</p>\n")
	}
	article.WriteString(w.b.String() + "</article>\n</body>\n</html>\n")

	var nav strings.Builder
	nav.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<!DOCTYPE html>\n")
	fmt.Fprintf(&nav, `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="%s" xml:lang="%s">`+"\n", lang, lang)
	fmt.Fprintf(&nav, "<head>\n<meta charset=\"utf-8\"/>\n<title>%s</title>\n</head>\n<body>\n<nav epub:type=\"toc\" id=\"toc\">\n<ol>\n<li><a href=\"article.xhtml\">%s</a>", esc(title), esc(title))
	var sections []string
	n := 0
	for _, bl := range ed.Blocks {
		if bl.Kind == segment.HeadingBlock && bl.Level <= 2 {
			n++
			sections = append(sections, fmt.Sprintf("<li><a href=\"article.xhtml#%s\">%s</a></li>", esc(sectionID(bl.Block, n)), esc(markup.PlainText(bl.Text.Nodes))))
		}
	}
	if len(sections) > 0 {
		nav.WriteString("\n<ol>\n" + strings.Join(sections, "\n") + "\n</ol>\n")
	}
	nav.WriteString("</li>\n</ol>\n</nav>\n</body>\n</html>\n")

	modified := "2000-01-01T00:00:00Z"
	if d := ed.Date; d != "" {
		full := d + "-01-01"[len(d)-4:] // 2022 → 2022-01-01, 2022-10 → 2022-10-01
		modified = full[:10] + "T00:00:00Z"
	}
	var meta strings.Builder
	fmt.Fprintf(&meta, "<dc:identifier id=\"uid\">urn:uuid:%s</dc:identifier>\n", stableUUID(ed.Slug+"/"+lang))
	fmt.Fprintf(&meta, "<dc:title>%s</dc:title>\n<dc:language>%s</dc:language>\n", esc(title), lang)
	if ed.Date != "" {
		fmt.Fprintf(&meta, "<dc:date>%s</dc:date>\n", ed.Date)
	}
	if t := ed.Meta[segment.Author]; t != nil {
		fmt.Fprintf(&meta, "<dc:creator>%s</dc:creator>\n", esc(plainOf(t)))
	}
	if t := ed.Meta[segment.Publication]; t != nil {
		fmt.Fprintf(&meta, "<dc:publisher>%s</dc:publisher>\n", esc(plainOf(t)))
	}
	fmt.Fprintf(&meta, "<meta property=\"dcterms:modified\">%s</meta>\n", modified)
	opf := `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="` + lang + `" dir="` + locale.Dir(ed.Locale) + `">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
` + meta.String() + `</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="article" href="article.xhtml" media-type="application/xhtml+xml"/>
<item id="css" href="style.css" media-type="text/css"/>
` + manifestImages(w.packed) + `</manifest>
<spine>
<itemref idref="article"/>
</spine>
</package>
`
	container := `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
`
	entries := []bookEntry{
		{name: "mimetype", data: []byte("application/epub+zip")},
		{name: "META-INF/container.xml", data: []byte(container)},
		{name: "EPUB/package.opf", data: []byte(opf)},
		{name: "EPUB/nav.xhtml", data: []byte(nav.String())},
		{name: "EPUB/article.xhtml", data: []byte(article.String())},
		{name: "EPUB/style.css", data: []byte(epubCSS)},
	}
	for _, p := range w.packed {
		entries = append(entries, bookEntry{name: "EPUB/" + p.name, data: p.Data, store: true})
	}
	if n := len(w.unlinked); n > 0 {
		shown := make([]string, 0, 3)
		for _, u := range w.unlinked[:min(n, 3)] {
			shown = append(shown, strconv.Quote(shorten(u)))
		}
		more := ""
		if n > 3 {
			more = fmt.Sprintf(" and %d more", n-3)
		}
		what := fmt.Sprintf("%d links to the site's pages show their words alone", n)
		if n == 1 {
			what = "a link to the site's pages shows its words alone"
		}
		w.Warnings = append(w.Warnings, fmt.Sprintf("%s in the book (%s%s): a book holds no pages of the site; set [publish] base-url in tilmash.toml to link to them", what, strings.Join(shown, ", "), more))
	}
	return zipBook(entries), w.Warnings
}

// manifestImages is the package document's manifest items for the images
// a book packs.
func manifestImages(packed []packedImage) string {
	var b strings.Builder
	for i, p := range packed {
		fmt.Fprintf(&b, "<item id=\"img%d\" href=\"%s\" media-type=\"%s\"/>\n", i+1, p.name, p.Type)
	}
	return b.String()
}

// bookEntry is one file of a book's zip container.
type bookEntry struct {
	name  string
	data  []byte
	store bool // stored as it is: an image, compressed already
}

// zipBook writes an EPUB's entries: mimetype first, stored and with no extra
// field (no modification time: the same book gives the same bytes), the rest
// deflated.
func zipBook(entries []bookEntry) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, e := range entries {
		method := zip.Deflate
		if e.name == "mimetype" || e.store {
			method = zip.Store
		}
		f, err := z.CreateHeader(&zip.FileHeader{Name: e.name, Method: method})
		if err != nil {
			panic("render: epub: " + err.Error()) // writing to memory
		}
		f.Write(e.data)
	}
	if err := z.Close(); err != nil {
		panic("render: epub: " + err.Error())
	}
	return buf.Bytes()
}

// epubLanguages is the book's paragraph of links to the other editions,
// between markers (empty when there are none): only editions with absolute
// addresses, since a book has no place beside the web pages. Each is
// named as the HTML edition's switcher names it, among all the editions.
func epubLanguages(tag language.Tag, pg Page) string {
	among := editions(tag, pg)
	var others []string
	for _, a := range pg.Alternates {
		if strings.HasPrefix(a.Href, "https://") || strings.HasPrefix(a.Href, "http://") {
			others = append(others, fmt.Sprintf(`<a href="%s" hreflang="%s" lang="%s">%s</a>`, esc(a.Href), a.Locale, a.Locale, esc(locale.Name(a.Locale, among))))
		}
	}
	p := ""
	if len(others) > 0 {
		p = `<p class="languages">` + strings.Join(others, ` <span class="sep">·</span> `) + "</p>"
	}
	return switcherStart + p + switcherEnd
}

// RelinkEPUB replaces the language links of a book written earlier (one
// kept because this build could not replace it) with those of pg, as
// Relink does for a page. It reports false, and returns the book as it
// was, when the book is not one this version of tilmash wrote.
func RelinkEPUB(book []byte, pg Page) ([]byte, bool) {
	z, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		return book, false
	}
	var entries []bookEntry
	relinked := false
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			return book, false
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return book, false
		}
		if f.Name == "EPUB/article.xhtml" {
			out, ok := replaceBetween(data, switcherStart, switcherEnd, epubLanguages(bookLang(data), pg))
			if !ok {
				return book, false
			}
			data, relinked = out, true
		}
		entries = append(entries, bookEntry{name: f.Name, data: data, store: f.Method == zip.Store})
	}
	if !relinked {
		return book, false
	}
	return zipBook(entries), true
}

// bookRoot finds the language of a book's article: its root element's.
var bookRoot = regexp.MustCompile(`<html [^>]*\bxml:lang="([^"]*)"`)

// bookLang is the language of an EPUB's article.xhtml, as EPUB wrote it;
// language.Und if it names none.
func bookLang(article []byte) language.Tag {
	m := bookRoot.FindSubmatch(article)
	if m == nil {
		return language.Und
	}
	tag, err := language.Parse(string(m[1]))
	if err != nil {
		return language.Und
	}
	return tag
}

func esc(s string) string { return template.HTMLEscapeString(s) }

func plainOf(t *assemble.Text) string {
	if t == nil {
		return ""
	}
	return markup.PlainText(t.Nodes)
}

// stableUUID derives a name-based UUID (version 5 layout) from s, so a book
// keeps its identifier from build to build.
func stableUUID(s string) string {
	h := sha1.Sum([]byte("tilmash:" + s))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
