package catalog

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/segment"
)

// TestRevisedInOneStep: a translator revises a stale entry by deleting
// the stale mark extract wrote above it (as clearing gettext's fuzzy
// flag): the entry then counts as revised, and the next sync records the
// current hash. The mark kept, the English changed again since, or a hash
// edited by hand: not revised.
func TestRevisedInOneStep(t *testing.T) {
	split := func(text string) *Catalog {
		a, err := segment.Split("content/a.md", []byte("+++\ntitle = \""+text+"\"\n+++\n\nText.\n"))
		if err != nil {
			t.Fatal(err)
		}
		return FromUnits("locales/en", []*segment.Article{a})
	}
	v1, v2, v3 := split("Some 40 trucks came"), split("Some 45 trucks came"), split("Some 50 trucks came")
	id := "a.title" // a title's unit keeps its ID whatever its text
	ru, _ := Sync(v1, nil, language.Russian, "locales/ru", false)
	ru.Lookup(id).Forms[locale.Other] = "Пришло около 40 грузовиков"
	ru, _ = Sync(v1, ru, language.Russian, "locales/ru", false) // as a translator's file is: current, with its "#>" lines
	stale, st := Sync(v2, ru, language.Russian, "locales/ru", false)
	if st.Stale != 1 {
		t.Fatalf("stats %+v: want one stale unit", st)
	}
	text := string(Format(stale))
	if !strings.Contains(text, StaleMark+": the English changed; revise the text, then delete this line") {
		t.Fatalf("no stale mark:\n%s", text)
	}
	reread := func(s string) *Message {
		c, err := Parse("locales/ru/a.ru.toml", []byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return c.Lookup(id)
	}
	current := v2.Lookup(id).Hash
	revisedText := strings.Replace(text, "Пришло около 40", "Пришло около 45", 1)
	var lines []string
	for _, l := range strings.Split(revisedText, "\n") {
		if !strings.HasPrefix(l, StaleMark) {
			lines = append(lines, l)
		}
	}
	revised := strings.Join(lines, "\n")
	for _, tc := range []struct {
		name    string
		file    string
		current string
		want    bool
	}{
		{"marked stale", revisedText, current, false},
		{"the mark deleted", revised, current, true},
		{"the mark deleted, the English changed again since", revised, v3.Lookup(id).Hash, false},
		{"a hash edited by hand", strings.Replace(text, `hash = "`+reread(text).Hash+`"`, `hash = "sha256-0123456789abcdef"`, 1), current, false},
	} {
		if got := reread(tc.file).Revised(tc.current); got != tc.want {
			t.Errorf("%s: Revised = %v, want %v", tc.name, got, tc.want)
		}
	}
	// The next sync records it: current, its translation as revised.
	c, err := Parse("locales/ru/a.ru.toml", []byte(revised))
	if err != nil {
		t.Fatal(err)
	}
	after, st := Sync(v2, c, language.Russian, "locales/ru", false)
	if m := after.Lookup(id); st.Stale != 0 || m.Hash != current || m.Forms[locale.Other] != "Пришло около 45 грузовиков" {
		t.Errorf("after sync: stats %+v, hash %s (want %s), %q", st, m.Hash, current, m.Forms[locale.Other])
	}
}
