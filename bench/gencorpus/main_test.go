package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	var out bytes.Buffer
	// The copy of the glossary in testdata, never the live one.
	gloss := "../../internal/corpus/testdata/glossary"
	if err := run([]string{"-n", "3", "-seed", "5", "-o", dir, "-glossary", gloss}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"3 articles", "units in each of en, ru, kk", "locales/en/    3 files (one per article)", "locales/ru/    3 files", "locales/kk/    3 files", "damaged ru:", "damaged kk:", "2 stale, 2 missing, 1 broken (of 163)", "glossary/      3 files", "spelling       on"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the summary lacks %q:\n%s", want, out.String())
		}
	}
	articles, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	if len(articles) != 3 {
		t.Fatalf("%d articles written", len(articles))
	}
	for _, p := range []string{"tilmash.toml", "glossary/terms.toml", "glossary/words.ru.txt", "glossary/words.kk.txt", "po/en.pot", "po/ru.po", "po/kk.po", "po4a/po4a.cfg"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Error(err)
		}
	}
	// A catalogue per article and locale, beside nothing else in locales/.
	for _, a := range articles {
		rel, err := filepath.Rel(filepath.Join(dir, "content"), a)
		if err != nil {
			t.Fatal(err)
		}
		for _, loc := range []string{"en", "ru", "kk"} {
			if _, err := os.Stat(filepath.Join(dir, "locales", loc, strings.TrimSuffix(rel, ".md")+"."+loc+".toml")); err != nil {
				t.Error(err)
			}
		}
	}
	if cats := catalogues(t, dir); len(cats) != 9 {
		t.Errorf("%d files in locales/, want 9: %v", len(cats), cats)
	}
	// A folder that is not empty is refused…
	err := run([]string{"-n", "2", "-o", dir, "-glossary", gloss}, &out)
	if err == nil || !strings.Contains(err.Error(), "-force") {
		t.Fatalf("a second run into %s: %v", dir, err)
	}
	// …unless -force, which takes the earlier corpus's articles away.
	out.Reset()
	if err := run([]string{"-n", "2", "-seed", "6", "-o", dir, "-force", "-glossary", "", "-spelling=false"}, &out); err != nil {
		t.Fatal(err)
	}
	articles, _ = filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	if len(articles) != 2 || !strings.Contains(out.String(), "removed") || !strings.Contains(out.String(), "glossary/      none") {
		t.Errorf("-force left %d articles:\n%s", len(articles), out.String())
	}
	if cats := catalogues(t, dir); len(cats) != 6 {
		t.Errorf("-force left %d files in locales/, want 6 (the new corpus's): %v", len(cats), cats)
	}
	if _, err := os.Stat(filepath.Join(dir, "glossary", "terms.toml")); err == nil {
		t.Error("-force -glossary '' kept the earlier corpus's glossary")
	}
	// A glossary folder that is not there is an error, which says how to do without.
	if err := run([]string{"-n", "1", "-o", filepath.Join(t.TempDir(), "c"), "-glossary", "no-such-folder"}, &out); err == nil || !strings.Contains(err.Error(), "-glossary ''") {
		t.Errorf("a missing glossary: %v", err)
	}
	if err := run([]string{"-n", "2"}, &out); err == nil {
		t.Error("no -o: no error")
	}
}

// catalogues lists the files under dir/locales.
func catalogues(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(filepath.Join(dir, "locales"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
