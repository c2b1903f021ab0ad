package workspace

import (
	"fmt"
	"golang.org/x/text/language"
	"image"
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/tilmash/tilmash/internal/testtool"
)

// written builds the project, with Kazakh in Latin letters derived from
// kk as well (tilmash.toml's [locales.kk-Latn], added here only), and
// writes every file into a temporary folder: once for the test binary
// (TestEPUBCheck's books and TestHTMLRendersInChromium's pages are the
// same build's; neither writes in the folder; TestMain removes it).
func written(t *testing.T) (string, *Result) {
	t.Helper()
	shared.once.Do(func() { shared.dir, shared.res, shared.err = writeBuild() })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.dir, shared.res
}

// shared is written's one build.
var shared struct {
	once sync.Once
	dir  string
	res  *Result
	err  error
}

func writeBuild() (string, *Result, error) {
	files := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(fixture), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(fixture, p))
		files[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		return "", nil, err
	}
	files["tilmash.toml"].Data = append(files["tilmash.toml"].Data, "\n[locales.kk-Latn]\nfrom = \"kk\"\ntransform = \"kk-Latn-2021\"\nrequired = true\n"...)
	w, err := Load(files, Default)
	if err != nil {
		return "", nil, err
	}
	res, err := w.Build(BuildOptions{})
	if err != nil {
		return "", nil, err
	}
	if len(res.Report.Refused) > 0 {
		return "", nil, fmt.Errorf("refused: %+v", res.Report.Refused)
	}
	dir, err := os.MkdirTemp("", "tilmash-written-")
	if err != nil {
		return "", nil, err
	}
	if _, err := res.Files.Commit(dir); err != nil {
		return dir, nil, err
	}
	return dir, res, nil
}

// TestEPUBCheck runs epubcheck, as a publisher would, on every EPUB edition:
// no errors and no warnings. The books are checked in one JVM, with those
// the builds of projects holding characters no edition can carry write
// (charBooks): what build publishes of them is valid too; with the
// books of a project whose figures show images (imageBooks); and with
// those of the articles translate/render's tests render (renderBooks). A
// broken book in the batch proves the check can fail.
func TestEPUBCheck(t *testing.T) {
	dir, res := written(t)
	books := booksOf(t, dir, res) // en, kk, kk-Latn, ru
	books = append(books, charBooks(t, t.TempDir())...)
	books = append(books, gfmBook(t, t.TempDir()))
	books = append(books, imageBooks(t)...)
	books = append(books, renderBooks(t)...)
	// A broken book in the same batch: the check can fail.
	broken := filepath.Join(t.TempDir(), "broken.epub")
	must(t, os.WriteFile(broken, []byte("PK not a book"), 0o644))
	reports := testtool.EPUBCheck(t, append(books, broken)...)
	if reports[broken].OK {
		t.Errorf("epubcheck passed a broken book: the check cannot fail\n%s", reports[broken].Output)
	}
	for _, book := range books {
		if r := reports[book]; !r.OK {
			t.Errorf("epubcheck %s:\n%s", book, r.Output)
		}
	}
}

// renderBooks builds, in English, the articles translate/render's tests
// render as books (TestEPUB, TestFigureEPUB): translate/segment's fixtures
// (a field report, an interview, CRLF line ends with raw HTML fragments)
// and render's figures of every kind, with the images they show. Their
// books are checked in TestEPUBCheck's JVM rather than one of render's own.
func renderBooks(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"tilmash.toml":           "",
		"content/news/photo.jpg": string(testtool.Picture(t, "jpeg", 8, 6, red)),
		"content/news/chart.png": string(testtool.Picture(t, "png", 8, 6, blue)),
		"content/news/w.webp":    string(testtool.WebP),
	}
	for name, from := range map[string]string{
		"content/field-notes.md":  "../../translate/segment/testdata/field-notes.md",
		"content/interview.md":    "../../translate/segment/testdata/interview.md",
		"content/crlf.md":         "../../translate/segment/testdata/crlf.md",
		"content/news/figures.md": "../../translate/render/testdata/figures.md",
	} {
		data, err := os.ReadFile(from)
		must(t, err)
		files[name] = string(data)
	}
	writeFiles(t, dir, files)
	extracted, _, err := load(t, dir).Extract(nil, false)
	must(t, err)
	_, err = extracted.Commit(dir)
	must(t, err)
	res, _ := buildIn(t, dir)
	return booksOf(t, dir, res)
}

// booksOf is where a build written in dir put its EPUB editions, four of
// them: a project's four locales, or four articles.
func booksOf(t *testing.T, dir string, res *Result) []string {
	t.Helper()
	var books []string
	for _, o := range res.Report.Editions {
		if o.Format == "epub" {
			books = append(books, filepath.Join(dir, o.File))
		}
	}
	if len(books) != 4 {
		t.Fatalf("%d books, want 4: %+v", len(books), res.Report.Editions)
	}
	return books
}

// inkShare is the share of the screenshot's pixels that differ from its
// top-left (background) pixel: an empty page has none.
func inkShare(img image.Image) float64 {
	b := img.Bounds()
	bg := color.RGBAModel.Convert(img.At(b.Min.X, b.Min.Y))
	ink := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			if color.RGBAModel.Convert(img.At(x, y)) != bg {
				ink++
			}
		}
	}
	return float64(ink) / float64((b.Dx()/2)*(b.Dy()/2))
}

// pageLooksRight fails unless the rendered page has ink and its DOM holds
// the headline and the body.
func pageLooksRight(img image.Image, dom, headline string) error {
	if share := inkShare(img); share < 0.03 {
		return fmt.Errorf("the page is nearly empty: %.1f%% of its pixels differ from the background", 100*share)
	}
	if !strings.Contains(dom, "<h1") || !strings.Contains(dom, headline) {
		return fmt.Errorf("the rendered page has no headline %q", headline)
	}
	if strings.Count(dom, "<p") < 5 {
		return fmt.Errorf("the rendered page has %d paragraphs", strings.Count(dom, "<p"))
	}
	return nil
}

// TestHTMLRendersInChromium opens every HTML edition in headless Chromium
// (one browser, a tab per page): each must draw a page with its headline
// and body. The screenshots are kept in the folder TILMASH_SCREENSHOTS
// names, when it is set.
func TestHTMLRendersInChromium(t *testing.T) {
	dir, res := written(t)
	browser := testtool.Chromium(t)
	headlines := map[string]string{"en": "The Conscript: Russians of Almaty", "ru": "Призывник: россияне в Алматы", "kk": "Әскерге шақырылушы: Алматыдағы ресейліктер", "kk-Latn": "Äskerge şaqyryluşy: Almatydağy reseilıkter"}
	t.Run("pages", func(t *testing.T) {
		for _, o := range res.Report.Editions {
			if o.Format != "html" {
				continue
			}
			t.Run(o.File, func(t *testing.T) {
				t.Parallel()
				p := browser.Open(t, "file://"+filepath.Join(dir, o.File))
				if err := pageLooksRight(p.Screenshot, p.DOM, headlines[o.Locale]); err != nil {
					t.Errorf("%s: %v", o.File, err)
				}
				testtool.KeepScreenshot(t, o.Locale+"-"+o.Article, p.Screenshot)
			})
		}
	})
	// The check itself fails on an empty page (drawn by Chromium: nothing
	// but the background) and on a broken one.
	f := filepath.Join(t.TempDir(), "empty.html")
	os.WriteFile(f, []byte("<!DOCTYPE html><html><body></body></html>"), 0o644)
	empty := browser.Open(t, "file://"+f)
	for name, p := range map[string]testtool.Page{
		"empty":  empty,
		"broken": {Screenshot: empty.Screenshot, DOM: "<html><body><h1>The Conscript: Russians of Almaty</h1><p>only</p></body></html>"},
		"blank":  {Screenshot: empty.Screenshot, DOM: strings.Repeat("<p>text</p>", 9) + "<h1>The Conscript: Russians of Almaty</h1>"},
	} {
		if err := pageLooksRight(p.Screenshot, p.DOM, headlines["en"]); err == nil {
			t.Errorf("the %s page passed", name)
		}
	}
}

// gfmBook writes the English EPUB of an article holding every construct
// beyond CommonMark that Hugo reads (a table, a definition list, footnotes,
// strikethrough, a task list, an alert, an inline image, a heading id).
func gfmBook(t *testing.T, dir string) string {
	t.Helper()
	body := "## Prices {#prices}\n\n| Item | Price |\n|:-----|------:|\n| Bread *fresh* | 150 |\n| Milk | |\n\n" +
		"Kvartira\n: A flat.\n\nPrices rose ~~a lot~~ sharply[^src], see www.example.org.\n\n" +
		"- [x] Buy bread\n- [ ] Sell milk\n\n> [!WARNING]\n> Prices change daily.\n\n" +
		"See [the prices](#prices), [about us](/about/), [the other story](other.md) and [the news](../news/x/).\n\n[^src]: The bureau's figures.\n"
	res, err := translated(t, body, nil, nil).Build(BuildOptions{Fallback: true, Locales: []language.Tag{language.English}})
	if err != nil {
		t.Fatal(err)
	}
	data := res.Files["dist/en/a.epub"]
	if data == nil {
		t.Fatalf("no English EPUB: %v", res.Files.Paths())
	}
	book := filepath.Join(dir, "gfm-en.epub")
	must(t, os.WriteFile(book, data, 0o644))
	return book
}
