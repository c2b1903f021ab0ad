package main

import (
	"bytes"
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
	for _, want := range []string{"3 articles", "units in each of en, ru, kk", "damaged ru:", "damaged kk:", "2 stale, 2 missing, 1 broken (of 163)", "glossary/      3 files", "spelling       on"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the summary lacks %q:\n%s", want, out.String())
		}
	}
	articles, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	if len(articles) != 3 {
		t.Fatalf("%d articles written", len(articles))
	}
	for _, p := range []string{"tilmash.toml", "glossary/terms.toml", "glossary/words.ru.txt", "glossary/words.kk.txt", "locales/en.toml", "locales/ru.toml", "locales/kk.toml", "po/en.pot", "po/ru.po", "po/kk.po", "po4a/po4a.cfg"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Error(err)
		}
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
