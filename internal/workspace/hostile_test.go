package workspace

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/testtool"
	"github.com/tilmash/tilmash/translate/catalog"
)

// pwn is what every payload below tries to do: mark the page.
const pwn = `document.documentElement.setAttribute('data-pwned','1')`

// TestHostileHTMLDoesNotRunInChromium builds an article whose editor wrote
// raw HTML with scripts, event handlers and javascript: links, and a Russian
// translation that tries the same, and opens both editions in headless
// Chromium: no script element, no event handler, nothing ran.
func TestHostileHTMLDoesNotRunInChromium(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"content/raw.md": "+++\ntitle = \"Raw\"\n+++\n\nBefore.\n\n<script>" + pwn + "</script>\n\n" +
			"<div class=\"note\" onclick=\"" + pwn + "\">Note <img src=\"x\" onerror=\"" + pwn + "\"></div>\n\n" +
			"A [link](javascript:" + pwn + ") and <span onmouseover=\"" + pwn + "\">a span</span>.\n",
		"tilmash.toml": "[locales.ru]\nrequired = true\n",
	}
	writeFiles(t, dir, files)
	w, err := Load(os.DirFS(dir), Default)
	if err != nil {
		t.Fatal(err)
	}
	files2, _, err := w.Extract([]language.Tag{language.Russian}, false)
	if err != nil {
		t.Fatal(err)
	}
	// The translator's attempts: a script, an event handler, a link of
	// their own, in every entry but the headline.
	attempts := []string{"Сырой", "<script>" + pwn + "</script>До.", `<img src=x onerror="` + pwn + `">`, `<a href="javascript:` + pwn + `">ссылка</a>`}
	const ruFile = "locales/ru/raw.ru.toml" // the article's Russian catalogue
	ru := string(files2[ruFile])
	i := 0
	for ; strings.Contains(ru, `other = ""`); i++ {
		ru = strings.Replace(ru, `other = ""`, "other = "+catalog.Quote(attempts[min(i, len(attempts)-1)]), 1)
	}
	if i < len(attempts) {
		t.Fatalf("%s: %d entries to translate, want %d or more: extract wrote %v", ruFile, i, len(attempts), files2.Paths())
	}
	files2[ruFile] = []byte(ru)
	if _, err := files2.Commit(dir); err != nil {
		t.Fatal(err)
	}
	w, err = Load(os.DirFS(dir), Default)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Broken) > 0 {
		t.Fatal(w.Broken[0].Err)
	}
	res, err := w.Build(BuildOptions{Fallback: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Report.Refused) > 0 {
		t.Fatalf("refused: %+v", res.Report.Refused)
	}
	if _, err := res.Files.Commit(dir); err != nil {
		t.Fatal(err)
	}
	browser := testtool.Chromium(t)
	handler := regexp.MustCompile(`(?i)\son[a-z]+=`)
	pages := 0
	for _, o := range res.Report.Editions {
		if o.Format != "html" {
			continue
		}
		pages++
		dom := browser.Open(t, "file://"+filepath.Join(dir, o.File)).DOM
		switch {
		case strings.Contains(dom, "data-pwned"):
			t.Errorf("%s: a payload ran", o.File)
		case strings.Contains(strings.ToLower(dom), "<script"):
			t.Errorf("%s: a script element is in the page", o.File)
		case handler.MatchString(dom):
			t.Errorf("%s: an event handler is in the page: %s", o.File, handler.FindString(dom))
		case strings.Contains(dom, "javascript:"):
			t.Errorf("%s: a javascript: address is in the page", o.File)
		case !strings.Contains(dom, "Note"):
			t.Errorf("%s: the editor's note is gone", o.File)
		}
	}
	if pages != 2 {
		t.Fatalf("%d HTML editions, want en and ru", pages)
	}
	// The detector works: a page whose script runs is caught.
	bad := filepath.Join(t.TempDir(), "bad.html")
	must(t, os.WriteFile(bad, []byte("<!DOCTYPE html><html><body><p>x</p><script>"+pwn+"</script></body></html>"), 0o644))
	if dom := browser.Open(t, "file://"+bad).DOM; !strings.Contains(dom, "data-pwned") {
		t.Errorf("the payload did not run on a page made to run it: the test cannot see it")
	}
}
