package assemble

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/segment"
)

const article = "+++\ntitle = \"Title\"\n+++\n\nSome 150,000 men, see [the map](/map).\n\n## Dmitri, 31 {.profile}\n\nText.\n"

// setup splits the article and returns it with its source catalogue and a
// Russian catalogue made from the given translations, saved and re-read as
// a translator's file would be.
func setup(t *testing.T, ru map[string]map[locale.Form]string) (*segment.Article, *catalog.Catalog, *catalog.Catalog) {
	t.Helper()
	a, err := segment.Split("content/a.md", []byte(article))
	if err != nil {
		t.Fatal(err)
	}
	src := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	c, _ := catalog.Sync(src, nil, language.Russian, "locales/ru.toml", false)
	for id, forms := range ru {
		for f, s := range forms {
			c.Lookup(id).Forms[f] = s
		}
	}
	c, err = catalog.Parse("locales/ru.toml", catalog.Format(c))
	if err != nil {
		t.Fatal(err)
	}
	return a, src, c
}

func other(s string) map[locale.Form]string { return map[locale.Form]string{locale.Other: s} }

func plain(ed *Edition, i int) string { return markup.PlainText(ed.Blocks[i].Text.Nodes) }

func TestAssemble(t *testing.T) {
	a, src, ru := setup(t, nil)
	para := a.Units[1].ID
	_, src, ru = setup(t, map[string]map[locale.Form]string{
		para:               other("Около {{.Number1}} мужчин, см. <a1>карту</a1>."),
		"a.dmitri.name":    other("Дмитрий"),
		"a.dmitri.heading": {locale.One: "{{.Name}}, {{.Age}} год", locale.Few: "{{.Name}}, {{.Age}} года", locale.Many: "{{.Name}}, {{.Age}} лет", locale.Other: "{{.Name}}, {{.Age}} года"},
	})
	ed, err := Assemble(a, src, ru, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := plain(ed, 0); got != "Около 150\u00a0000 мужчин, см. карту." {
		t.Errorf("paragraph = %q", got)
	}
	if href := ed.Blocks[0].Text.Nodes[1].Href; href != "/map" {
		t.Errorf("link = %q", href)
	}
	if got := plain(ed, 1); got != "Дмитрий, 31 год" {
		t.Errorf("heading = %q", got)
	}
	if ed.Blocks[2].Text.Lang != "en" || plain(ed, 2) != "Text." {
		t.Errorf("untranslated paragraph = %+v", ed.Blocks[2].Text)
	}
	want := Stats{Units: 5, Translated: 3, Fallback: 2, Words: ed.Stats.Words, Missing: []string{"a.title", a.Units[4].ID}}
	if !reflect.DeepEqual(ed.Stats, want) {
		t.Errorf("stats = %+v, want %+v", ed.Stats, want)
	}
	en, err := Assemble(a, src, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := plain(en, 0); got != "Some 150,000 men, see the map." || en.Stats.Fallback != 0 {
		t.Errorf("English paragraph = %q, stats %+v", got, en.Stats)
	}
}

func TestAssembleStale(t *testing.T) {
	a, src, ru := setup(t, map[string]map[locale.Form]string{"a.title": other("Заголовок")})
	ru.Lookup("a.title").Hash = "sha256-older"
	ed, err := Assemble(a, src, ru, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !ed.Meta[segment.Headline].Stale || ed.Stats.Stale != 1 || plain(ed, 0) == "" || ed.Meta[segment.Headline].Lang != "" {
		t.Errorf("stale headline not marked: %+v", ed.Stats)
	}
	ed, err = Assemble(a, src, ru, Options{SourceForStale: true})
	if err != nil {
		t.Fatal(err)
	}
	h := ed.Meta[segment.Headline]
	if markup.PlainText(h.Nodes) != "Title" || h.Lang != "en" || ed.Stats.Fallback != 5 || !reflect.DeepEqual(ed.Stats.StaleUnits, []string{"a.title"}) {
		t.Errorf("with SourceForStale: %q lang %q stats %+v", markup.PlainText(h.Nodes), h.Lang, ed.Stats)
	}
}

func TestAssembleErrors(t *testing.T) {
	a, _, _ := setup(t, nil)
	para := a.Units[1].ID
	tests := []struct {
		name string
		ru   map[string]map[locale.Form]string
		want string
	}{
		{"unbalanced tag", map[string]map[locale.Form]string{para: other("Около <a1>карты")}, "locales/ru.toml:"},
		{"unknown tag", map[string]map[locale.Form]string{para: other("Около <a2>карты</a2>")}, "<a2> is not a tag of the source text"},
		{"missing plural form", map[string]map[locale.Form]string{"a.dmitri.heading": {locale.Other: "{{.Name}}, {{.Age}} года", locale.Many: "x"}}, `no plural form "one"`},
		{"broken template", map[string]map[locale.Form]string{para: other("Около {{.Number1 мужчин")}, "a.intro.p-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, src, ru := setup(t, tt.ru)
			ed, err := Assemble(a, src, ru, Options{})
			if err != nil {
				t.Fatalf("one broken translation stopped the edition: %v", err)
			}
			if len(ed.Stats.Rejected) != 1 {
				t.Fatalf("rejected = %v, want one unit", ed.Stats.Rejected)
			}
			ae := ed.Stats.Rejected[0]
			if !strings.Contains(ae.Error(), tt.want) || ae.Pos.File != "locales/ru.toml" || ae.Pos.Line < 1 {
				t.Errorf("rejection = %q, want it at locales/ru.toml and to contain %q", ae, tt.want)
			}
			if !ed.Stats.Incomplete() || ed.Stats.Translated != 0 {
				t.Errorf("stats = %+v: the rejected unit must count as shown in English", ed.Stats)
			}
		})
	}
}

// TestAssembleReject: a unit the checks rejected is shown in English and
// listed with the reason, the rest of the edition is the translation.
func TestAssembleReject(t *testing.T) {
	a, _, _ := setup(t, nil)
	para := a.Units[1].ID
	_, src, ru := setup(t, map[string]map[locale.Form]string{
		"a.title": other("Заголовок"),
		para:      other("Около 15 000 мужчин, см. <a1>карту</a1>."),
	})
	why := &Error{Pos: segment.Pos{File: "locales/ru.toml", Line: 9, Col: 17}, Unit: para, Err: errors.New("the number 150,000 is missing")}
	ed, err := Assemble(a, src, ru, Options{Reject: map[string]*Error{para: why}})
	if err != nil {
		t.Fatal(err)
	}
	if plain(ed, 0) != "Some 150,000 men, see the map." || ed.Blocks[0].Text.Lang != "en" {
		t.Errorf("rejected paragraph = %q (lang %q), want the English", plain(ed, 0), ed.Blocks[0].Text.Lang)
	}
	if markup.PlainText(ed.Meta[segment.Headline].Nodes) != "Заголовок" {
		t.Errorf("the other units lost their translation")
	}
	if len(ed.Stats.Rejected) != 1 || ed.Stats.Rejected[0] != why || ed.Stats.Translated != 1 {
		t.Errorf("stats = %+v", ed.Stats)
	}
}

func TestWords(t *testing.T) {
	tests := map[string][]string{
		"I don’t know, 18-30 men.":       {"I", "don’t", "know", "18-30", "men"},
		"«Алма-Ата» — 150\u00a0000 адам": {"Алма-Ата", "150", "000", "адам"},
		"  ": nil,
	}
	for in, want := range tests {
		if got := Words(in); !reflect.DeepEqual(got, want) {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}
