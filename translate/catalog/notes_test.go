package catalog

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/segment"
)

// TestTranslatorCommentsAreSacred: every # comment a translator writes,
// wherever it stands (the top of the file, above an entry, between its
// keys, after a value, after the entry, at the end of the file), survives
// Sync and Format in its place, through both readers; a second round
// changes nothing; and an edit of the English keeps them too.
func TestTranslatorCommentsAreSacred(t *testing.T) {
	split := func(md string) *Catalog {
		a, err := segment.Split("content/a.md", []byte(md))
		if err != nil {
			t.Fatal(err)
		}
		return FromUnits("locales/en.toml", []*segment.Article{a})
	}
	src := split("+++\ntitle = \"Title\"\n+++\n\nFirst paragraph.\n\nSecond paragraph.\n")
	empty, _ := Sync(src, nil, language.Russian, "locales/ru.toml", false)
	file := string(Format(empty))
	// The translator's edits: a text, and comments everywhere.
	notes := []string{
		"# TOP: the translator's note at the top of the file",
		"# ABOVE: a note above the first paragraph",
		"# BETWEEN: a note between hash and other",
		"# AFTER-VALUE: a note after the value",
		"# TAIL: a note after the entry's last key",
		"# END: the file's last line",
	}
	lines := strings.Split(file, "\n")
	var out []string
	para := 0
	for i, l := range lines {
		if i == len(lines)-1 && l == "" {
			break
		}
		switch {
		case strings.HasPrefix(l, "# ─── ") && !strings.Contains(strings.Join(out, "\n"), notes[0]):
			out = append(out, notes[0], "", l)
			continue
		case strings.HasPrefix(l, "#: content/a.md") && strings.Contains(l, "(paragraph)"):
			para++
			if para == 1 {
				out = append(out, notes[1])
			}
		case strings.HasPrefix(l, "other = ") && para == 1:
			out = append(out, notes[2], `other = "Первый абзац." `+notes[3], notes[4])
			continue
		}
		out = append(out, l)
	}
	out = append(out, notes[5])
	edited := strings.Join(out, "\n") + "\n"
	for _, n := range notes {
		if !strings.Contains(edited, n) {
			t.Fatalf("the test did not place %q:\n%s", n, edited)
		}
	}
	for _, reader := range []struct {
		name string
		data string
	}{
		{"fast", edited},
		{"general", strings.Replace(edited, "[a.title]", "[ a.title ]", 1)}, // a space: the general TOML reader
	} {
		t.Run(reader.name, func(t *testing.T) {
			old, err := Parse("locales/ru.toml", []byte(reader.data))
			if err != nil {
				t.Fatal(err)
			}
			if _, fast := parseFast("locales/ru.toml", []byte(reader.data), language.Russian); fast != (reader.name == "fast") {
				t.Fatalf("the %s reader was not the one used", reader.name)
			}
			synced, _ := Sync(src, old, language.Russian, "locales/ru.toml", false)
			got := string(Format(synced))
			for _, n := range notes {
				if strings.Count(got, n) != 1 {
					t.Errorf("%q: %d times after Sync, want once:\n%s", n, strings.Count(got, n), got)
				}
			}
			// In place: BETWEEN right above other, AFTER-VALUE on its line,
			// TAIL right after it.
			if !strings.Contains(got, notes[2]+"\n"+`other = "Первый абзац." `+notes[3]+"\n"+notes[4]+"\n") {
				t.Errorf("the entry's notes moved:\n%s", got)
			}
			again, err := Parse("locales/ru.toml", []byte(got))
			if err != nil {
				t.Fatal(err)
			}
			synced2, _ := Sync(src, again, language.Russian, "locales/ru.toml", false)
			if got2 := string(Format(synced2)); got2 != got {
				t.Errorf("a second sync changed the file:\n%s", firstLineDiff(got, got2))
			}
			// The English of the first paragraph changes: stale, notes kept.
			changed := split("+++\ntitle = \"Title\"\n+++\n\nFirst paragraph, edited.\n\nSecond paragraph.\n")
			stale, st := Sync(changed, again, language.Russian, "locales/ru.toml", false)
			staleFile := string(Format(stale))
			for _, n := range notes {
				if !strings.Contains(staleFile, n) {
					t.Errorf("%q lost when the English changed (%+v)", n, st)
				}
			}
			// The paragraph deleted: the obsolete entry keeps them too.
			gone := split("+++\ntitle = \"Title\"\n+++\n\nSecond paragraph.\n")
			obsolete, _ := Sync(gone, again, language.Russian, "locales/ru.toml", false)
			obsFile := string(Format(obsolete))
			for _, n := range notes {
				if !strings.Contains(obsFile, n) {
					t.Errorf("%q lost when the unit was deleted", n)
				}
			}
		})
	}
}

func firstLineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d: %q | %q", i+1, al[i], bl[i])
		}
	}
	return "lengths differ"
}
