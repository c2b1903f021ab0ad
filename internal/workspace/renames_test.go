package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// extractIn runs extract on the project in dir and writes what it made.
func extractIn(t *testing.T, dir string) ExtractReport {
	t.Helper()
	w := load(t, dir)
	files, rep, err := w.Extract(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := files.Commit(dir); err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestRenameKeepsOldAddresses: an article renamed keeps the address of
// every edition: extract records the old name, build leaves a page there
// that leads to the new edition (in the edition's language) and names it
// in the Markdown edition's aliases; the old edition's other files go. A
// new article that takes the old name takes its address back.
func TestRenameKeepsOldAddresses(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	buildWith(t, dir, false)
	if _, err := os.Stat(filepath.Join(dir, "dist/ru/the-conscript.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "content/the-conscript.md"), filepath.Join(dir, "content/conscript.md")); err != nil {
		t.Fatal(err)
	}
	rep := extractIn(t, dir)
	if rep.Renamed["the-conscript"] != "conscript" {
		t.Fatalf("extract saw no rename: %v", rep.Renamed)
	}
	res, _ := buildWith(t, dir, false)
	read := func(p string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	for _, tc := range []struct{ loc, words string }{
		{"en", "This article has moved:"},
		{"ru", "Статья доступна по новому адресу:"},
		{"kk", "Мақала жаңа мекенжайға көшірілді:"},
	} {
		page := read("dist/" + tc.loc + "/the-conscript.html")
		for _, want := range []string{`<html lang="` + tc.loc + `"`, `<link rel="canonical" href="conscript.html">`, `<meta http-equiv="refresh" content="0; url=conscript.html">`, tc.words + ` <a href="conscript.html">`} {
			if !strings.Contains(page, want) {
				t.Errorf("dist/%s/the-conscript.html lacks %q:\n%s", tc.loc, want, page)
			}
		}
		for _, gone := range []string{"md", "txt", "epub"} {
			if _, err := os.Stat(filepath.Join(dir, "dist", tc.loc, "the-conscript."+gone)); err == nil {
				t.Errorf("dist/%s/the-conscript.%s is still there", tc.loc, gone)
			}
		}
		if md := read("dist/" + tc.loc + "/conscript.md"); !strings.Contains(md, `aliases = ["the-conscript"]`) {
			t.Errorf("dist/%s/conscript.md names no alias:\n%.300s", tc.loc, md)
		}
	}
	i := slices.IndexFunc(res.Report.Editions, func(o Output) bool { return o.Locale == "ru" && o.Format == "html" })
	if i < 0 || !slices.Equal(res.Report.Editions[i].Redirects, []string{"dist/ru/the-conscript.html"}) {
		t.Errorf("the report names no redirect for the Russian page: %+v", res.Report.Editions)
	}

	// A hostile report: its redirects name files outside dist/ and in it;
	// build removes none of them.
	report := read("dist/report.json")
	report = strings.Replace(report, `"dist/ru/the-conscript.html"`, `"dist/ru/the-conscript.html", "dist/../tilmash.toml", "dist/ru/../../content/conscript.md", "dist/ru/the-conscript.md.html"`, 1)
	if err := os.WriteFile(filepath.Join(dir, "dist/report.json"), []byte(report), 0o644); err != nil {
		t.Fatal(err)
	}
	// A new article takes the old name: the address is its own again.
	if err := os.WriteFile(filepath.Join(dir, "content/the-conscript.md"), []byte("+++\ntitle = \"A new story\"\n+++\n\nNothing to do with the first.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	extractIn(t, dir)
	buildWith(t, dir, false)
	if page := read("dist/en/the-conscript.html"); strings.Contains(page, "refresh") || !strings.Contains(page, "A new story") {
		t.Errorf("dist/en/the-conscript.html is not the new article's page:\n%.400s", page)
	}
	if src := read("locales/en/conscript.en.toml"); strings.Contains(src, "formerly") {
		t.Errorf("the old name is still recorded once an article has it again")
	}
	for _, p := range []string{"tilmash.toml", "content/conscript.md"} {
		read(p)
	}
}

// TestRenameKeysTooCommon: a key more than RenameKeyShare new articles
// share tells none of them apart, and counts no vote (counting them cost
// the articles gone times the new ones: a pull request of 8,000 copies
// took extract --check 14 s); fewer still decide, the first name winning.
func TestRenameKeysTooCommon(t *testing.T) {
	for _, tc := range []struct {
		copies int
		want   string
	}{{3, "b1"}, {9, ""}} { // RenameKeyShare is 8
		dir := t.TempDir()
		article := "+++\ntitle = \"The same headline\"\n+++\n\nThe same paragraph.\n"
		writeFiles(t, dir, map[string]string{"content/a.md": article, "tilmash.toml": "[locales.ru]\n"})
		extractIn(t, dir)
		if err := os.Remove(filepath.Join(dir, "content/a.md")); err != nil {
			t.Fatal(err)
		}
		files := map[string]string{}
		for i := 1; i <= tc.copies; i++ {
			files[fmt.Sprintf("content/b%d.md", i)] = article
		}
		writeFiles(t, dir, files)
		if got := extractIn(t, dir).Renamed["a"]; got != tc.want {
			t.Errorf("%d copies: a renamed to %q, want %q", tc.copies, got, tc.want)
		}
	}
}
