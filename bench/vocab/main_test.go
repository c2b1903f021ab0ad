package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestRun makes the vocabularies of the test project's catalogues (never
// the live ones): words hunspell knows, in lower case, most frequent first.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run([]string{"-locales", "../../testdata/project/locales", "-o", dir}, &out); err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{"ru", "kk"} {
		data, err := os.ReadFile(filepath.Join(dir, loc+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		var ws []string
		for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			if !strings.HasPrefix(l, "#") {
				ws = append(ws, l)
			}
		}
		if len(ws) < 100 || !strings.Contains(string(data), "hunspell -G -d ") {
			t.Errorf("%s: %d words:\n%s", loc, len(ws), data)
		}
		seen := map[string]bool{}
		for _, w := range ws {
			if seen[w] || w != strings.ToLower(w) || strings.IndexFunc(w, func(r rune) bool { return !unicode.Is(unicode.Cyrillic, r) }) >= 0 {
				t.Errorf("%s: %q", loc, w)
			}
			seen[w] = true
			if loc == "ru" && strings.ContainsAny(w, kazakhLetters) {
				t.Errorf("ru: %q has a Kazakh letter", w)
			}
		}
		// The most frequent first: a preposition or a conjunction, not a rare word.
		if first := map[string][]string{"ru": {"в", "и", "на", "не"}, "kk": {"мен", "ол", "және", "бұл"}}[loc]; !contains(first, ws[0]) {
			t.Errorf("%s: the most frequent word is %q", loc, ws[0])
		}
	}
	if !strings.Contains(out.String(), "ru.txt:") {
		t.Errorf("summary: %s", out.String())
	}
	if err := run([]string{"-locales", t.TempDir(), "-o", dir}, &out); err == nil {
		t.Error("no catalogues: no error")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
