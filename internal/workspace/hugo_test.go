package workspace

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestHugoTree: build --site hugo writes each published edition as a
// page bundle under its language's key, with the images its figures show
// in the bundle (b shows a's photograph: its own copy, in media/news/), the
// report listing them: at the address the article writes where that
// stays in the bundle (photo.jpg, images/chart.png), under media/ where
// it does not (b's ../news/photo.jpg); the next build without the site removes every file
// of the tree, and the languages file with them.
func TestHugoTree(t *testing.T) {
	dir := t.TempDir()
	imageProject(t, dir)
	build := func(site string) *Result {
		w := load(t, dir)
		var prev *Report
		if data, err := os.ReadFile(filepath.Join(dir, "dist/report.json")); err == nil {
			var err error
			if prev, err = PreviousReport(data); err != nil {
				t.Fatal(err)
			}
		}
		res, err := w.Build(BuildOptions{Fallback: true, Previous: prev, Site: site})
		if err != nil {
			t.Fatal(err)
		}
		p, err := Open(os.DirFS(dir), Default)
		if err != nil {
			t.Fatal(err)
		}
		for f, data := range p.SiteFiles(res.Report) {
			res.Files[f] = data
		}
		f, data := w.ReportFile(res.Report)
		res.Files[f] = data
		if _, err := res.Files.Commit(dir); err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := build("hugo")
	want := map[string]bool{
		"dist/hugo/content/en/a/index.md":             true,
		"dist/hugo/content/en/a/photo.jpg":            true,
		"dist/hugo/content/en/a/images/chart.png":     true,
		"dist/hugo/content/ru/a/index.md":             true,
		"dist/hugo/content/ru/a/photo.jpg":            true,
		"dist/hugo/content/ru/b/media/news/photo.jpg": true,
		"dist/hugo/languages.toml":                    true,
	}
	for f := range want {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("no %s after build --site hugo", f)
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "dist/hugo/content/ru/a/index.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`{{< figure src="photo.jpg"`, `{{< figure src="images/chart.png"`, `translationKey = "a"`} {
		if !bytes.Contains(page, []byte(s)) {
			t.Errorf("the Russian page has no %s:\n%s", s, page)
		}
	}
	var resources []string
	for _, o := range res.Report.Editions {
		if o.Format == HugoFormat && o.Locale == "ru" && o.Article == "a" {
			resources = o.Resources
		}
	}
	if want := []string{"dist/hugo/content/ru/a/images/chart.png", "dist/hugo/content/ru/a/photo.jpg"}; !slices.Equal(resources, want) {
		t.Errorf("the report's resources of ru a: %v, want %v", resources, want)
	}

	build("")
	var left []string
	filepath.WalkDir(filepath.Join(dir, "dist", "hugo"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			left = append(left, p)
		}
		return nil
	})
	if len(left) > 0 {
		t.Errorf("after a build without the site, left: %v", left)
	}
}

// TestHugoReportTrusted: a report naming Hugo resources outside their
// page's bundle (or on an edition of another format) makes the build
// remove none of them.
func TestHugoReportTrusted(t *testing.T) {
	dir := t.TempDir()
	imageProject(t, dir)
	writeFiles(t, dir, map[string]string{"dist/hugo/content/ru/a/keep.txt": "x", "dist/en/keep.txt": "x"})
	var r Report
	for _, format := range []string{HugoFormat, "html"} {
		file := "dist/hugo/content/ru/a/index.md"
		if format == "html" {
			file = "dist/ru/a.html"
		}
		r.Editions = append(r.Editions, Output{Locale: "ru", Article: "a", Format: format, File: file, Resources: []string{
			"tilmash.toml", "dist/hugo/content/ru/a/media/../../../../../../tilmash.toml", "dist/hugo/content/ru/a/keep.txt",
			"dist/en/keep.txt", "content/news/photo.jpg", "dist/hugo/content/ru/a/media//x", "/etc/passwd",
		}})
	}
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"dist/report.json": string(data)})
	w := load(t, dir)
	res, err := w.Build(BuildOptions{Fallback: true, Previous: &r})
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range res.Files {
		if data == nil && !strings.HasPrefix(p, "dist/ru/") && !strings.HasPrefix(p, "dist/hugo/content/ru/a/index.md") {
			t.Errorf("the build would remove %s", p)
		}
	}
}

// TestHugoLanguagesSiteRoot: the languages file names each content folder
// from the Hugo site's root, where hugo runs.
func TestHugoLanguagesSiteRoot(t *testing.T) {
	for root, want := range map[string]string{"": `contentDir = "dist/hugo/content/ru"`, "site": `contentDir = "../dist/hugo/content/ru"`, "web/hugo": `contentDir = "../../dist/hugo/content/ru"`} {
		dir := t.TempDir()
		imageProject(t, dir)
		if root != "" {
			writeFiles(t, dir, map[string]string{"tilmash.toml": "[locales.ru]\nrequired = true\n[publish]\nsite-root = \"" + root + "\"\n"})
		}
		p, err := Open(os.DirFS(dir), Default)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(p.HugoLanguages()); !strings.Contains(got, want+"\n") {
			t.Errorf("site-root %q: want %s in\n%s", root, want, got)
		}
	}
}
