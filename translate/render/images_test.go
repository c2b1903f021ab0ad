package render

import (
	"archive/zip"
	"bytes"
	"image/color"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/tilmash/tilmash/internal/testtool"
	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/media"
)

// figures is an article with a figure of each kind (testdata/figures.md):
// an image the build publishes (twice), one it left out, one of another
// site, one the site serves, a WebP, and one with no address.
// internal/workspace's TestEPUBCheck builds it too, for epubcheck.
func figures(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/figures.md")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// figureImages are the images the build gives the figures article.
func figureImages(t *testing.T) map[string]Image {
	photo := Image{Href: "../media/news/photo.jpg", Type: media.JPEG, Data: testtool.Picture(t, "jpeg", 8, 6, color.RGBA{200, 30, 30, 255})}
	return map[string]Image{
		"photo.jpg":   photo,
		"./photo.jpg": photo,
		"chart.png":   {Href: "../media/news/chart.png", Type: media.PNG, Data: testtool.Picture(t, "png", 8, 6, color.RGBA{30, 30, 200, 255})},
		"w.webp":      {Href: "../media/news/w.webp", Type: media.WebP, Data: testtool.WebP},
	}
}

var imgRe = regexp.MustCompile(`<img [^>]*>`)

// TestFigureHTML: a figure shows its image where the build published it,
// an address the site serves as it is, and otherwise its caption alone:
// never an <img> without a picture.
func TestFigureHTML(t *testing.T) {
	_, ed := english(t, "content/news/figures.md", figures(t))
	page := string(HTML(ed, Page{Images: figureImages(t)}))
	want := []string{
		`<img src="../media/news/photo.jpg" alt="Published."`,
		`<img src="https://example.com/x.jpg" alt="On another site."`,
		`<img src="/img/x.jpg" alt="On the site."`,
		`<img src="../media/news/w.webp" alt="A WebP."`,
		`<img src="../media/news/chart.png" alt="The chart."`,
		`<img src="../media/news/photo.jpg" alt="Published again."`,
		`<img src="../media/news/photo.jpg" alt="Another name."`,
	}
	got := imgRe.FindAllString(page, -1)
	if len(got) != len(want) {
		t.Fatalf("%d images, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("image %d = %s, want %s…", i, got[i], want[i])
		}
	}
	for _, caption := range []string{"Left out.", "No photograph."} {
		if !strings.Contains(page, "<figure>\n<figcaption>"+caption+"</figcaption>\n</figure>") {
			t.Errorf("the figure %q is not its caption alone", caption)
		}
	}
	if strings.Contains(page, "gone.jpg") {
		t.Error("the page names the image the build left out")
	}
	// Without the build's images, a relative address names nothing
	// published: the caption alone.
	page = string(HTML(ed, Page{}))
	if strings.Contains(page, "photo.jpg") || strings.Contains(page, "w.webp") || len(imgRe.FindAllString(page, -1)) != 2 {
		t.Errorf("without images, the page shows %q", imgRe.FindAllString(page, -1))
	}
}

// TestFigureWithoutCaption: a figure with neither a caption nor a
// photograph shows nothing (no empty figure, no "[]"); one with a
// photograph and no caption shows the photograph alone.
func TestFigureWithoutCaption(t *testing.T) {
	_, ed := english(t, "content/news/figures.md", []byte("+++\ntitle = \"T\"\n+++\n\n![x](photo.jpg)\n\n![y]()\n\nText.\n"))
	for i := range ed.Blocks[:2] {
		ed.Blocks[i].Text = &assemble.Text{} // as an image without alt text would be
	}
	page := string(HTML(ed, Page{Images: figureImages(t)}))
	if n := strings.Count(page, "<figure>"); n != 1 || strings.Contains(page, "<figcaption") || !strings.Contains(page, `<img src="../media/news/photo.jpg" alt="">`) {
		t.Errorf("%d figures:\n%s", n, page[strings.Index(page, "<article"):])
	}
	if text := string(Text(ed)); strings.Contains(text, "[]") || strings.Contains(text, "\n\n\n") {
		t.Errorf("text edition:\n%s", text)
	}
	book, _ := EPUB(ed, Page{Images: figureImages(t)})
	if art := bookEntries(t, book)["EPUB/article.xhtml"]; strings.Count(art, "<figure>") != 1 || strings.Contains(art, "<figcaption") {
		t.Errorf("book:\n%s", art)
	}
}

// bookEntries reads every entry of a book.
func bookEntries(t *testing.T, book []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(data)
		if strings.HasPrefix(f.Name, "EPUB/images/") && f.Method != zip.Store {
			t.Errorf("%s is compressed again: store an image as it is", f.Name)
		}
	}
	return out
}

// TestFigureEPUB: the book packs each image it can show once, with its
// media type in the manifest, and shows the others' captions alone, each
// with a warning; epubcheck passes it (internal/workspace's TestEPUBCheck).
func TestFigureEPUB(t *testing.T) {
	_, ed := english(t, "content/news/figures.md", figures(t))
	imgs := figureImages(t)
	book, warnings := EPUB(ed, Page{Images: imgs})
	e := bookEntries(t, book)
	if e["EPUB/images/img1.jpg"] != string(imgs["photo.jpg"].Data) || e["EPUB/images/img2.png"] != string(imgs["chart.png"].Data) {
		t.Error("the images packed are not the files")
	}
	var packed []string
	for name := range e {
		if strings.HasPrefix(name, "EPUB/images/") {
			packed = append(packed, name)
		}
	}
	if len(packed) != 2 {
		t.Errorf("packed %v, want img1.jpg and img2.png", packed)
	}
	opf := e["EPUB/package.opf"]
	for _, item := range []string{`<item id="img1" href="images/img1.jpg" media-type="image/jpeg"/>`, `<item id="img2" href="images/img2.png" media-type="image/png"/>`} {
		if !strings.Contains(opf, item) {
			t.Errorf("the manifest lacks %s:\n%s", item, opf)
		}
	}
	art := e["EPUB/article.xhtml"]
	got := imgRe.FindAllString(art, -1)
	want := []string{`<img src="images/img1.jpg" alt="Published."/>`, `<img src="images/img2.png" alt="The chart."/>`, `<img src="images/img1.jpg" alt="Published again."/>`, `<img src="images/img1.jpg" alt="Another name."/>`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("images in the book:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, caption := range []string{"Left out.", "On another site.", "On the site.", "A WebP.", "No photograph."} {
		if !strings.Contains(art, "<figure>\n<figcaption>"+caption+"</figcaption>\n</figure>") {
			t.Errorf("the figure %q is not its caption alone", caption)
		}
	}
	for _, w := range []string{`"https://example.com/x.jpg" is left out of the book`, `"/img/x.jpg" is left out of the book`, `"w.webp" (image/webp) is left out of the book`} {
		if !strings.Contains(strings.Join(warnings, "\n"), w) {
			t.Errorf("no warning %q in %q", w, warnings)
		}
	}
	if again, _ := EPUB(ed, Page{Images: imgs}); !bytes.Equal(book, again) {
		t.Error("two renderings differ")
	}
	// A book relinked keeps its images, stored.
	relinked, ok := RelinkEPUB(book, Page{Alternates: []Alternate{{Locale: ed.Locale, Href: "https://example.com/ru/figures.html"}}})
	if !ok || bookEntries(t, relinked)["EPUB/images/img2.png"] != string(imgs["chart.png"].Data) {
		t.Error("a relinked book lost its images")
	}
}
