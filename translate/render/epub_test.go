package render

import (
	"archive/zip"
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestEPUB renders the fixtures as EPUB: deterministic, the mimetype first
// and stored (TestFigureEPUB renders the book with images). epubcheck
// reads these articles' books, and the figures', in internal/workspace's
// TestEPUBCheck: built from the same files, in the one JVM that checks
// every book of the build (a JVM is 2.5 s of CPU, most of it compiling
// epubcheck's schemas).
func TestEPUB(t *testing.T) {
	for _, name := range []string{"field-notes.md", "interview.md", "crlf.md"} {
		src, err := os.ReadFile("../segment/testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		_, ed := english(t, "content/"+name, src)
		book, warnings := EPUB(ed, Page{})
		again, _ := EPUB(ed, Page{})
		if !bytes.Equal(book, again) {
			t.Errorf("%s: two renderings differ", name)
		}
		z, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
		if err != nil {
			t.Fatal(err)
		}
		first := z.File[0]
		if first.Name != "mimetype" || first.Method != zip.Store || len(first.Extra) != 0 {
			t.Errorf("%s: first entry %q method %d extra %d: want mimetype, stored, no extra field", name, first.Name, first.Method, len(first.Extra))
		}
		if name == "crlf.md" && len(warnings) == 0 {
			t.Error("the raw <abbr> fragments were not reported")
		}
	}
}

// TestEPUBLinksItCannotMake: a link Page.Link can give no address in a
// book shows its words alone, and one warning names the links, where
// epubcheck refused the book (RSC-007: a resource not in the book).
func TestEPUBLinksItCannotMake(t *testing.T) {
	src := "+++\ntitle = \"T\"\n+++\n\nSee [about us](/about/), [the prices](#prices), [one](/1/), [two](/2/) and [three](/3/).\n"
	_, ed := english(t, "content/a.md", []byte(src))
	book, warnings := EPUB(ed, Page{Link: func(dest string, book bool) string {
		if !book {
			t.Errorf("Link(%q) asked for a page, in a book", dest)
		}
		if strings.HasPrefix(dest, "/") {
			return ""
		}
		return dest
	}})
	z, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var article string
	for _, f := range z.File {
		if f.Name == "EPUB/article.xhtml" {
			r, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(r)
			article = b.String()
		}
	}
	if !strings.Contains(article, "See about us, <a href=\"#prices\">the prices</a>, one, two and three.") {
		t.Errorf("the book's paragraph:\n%s", article)
	}
	want := `4 links to the site's pages show their words alone in the book ("/about/", "/1/", "/2/" and 1 more)`
	if len(warnings) != 1 || !strings.HasPrefix(warnings[0], want) {
		t.Errorf("warnings %q, want one starting %q", warnings, want)
	}
}
