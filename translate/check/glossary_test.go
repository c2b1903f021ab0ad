package check

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/glossary"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/finding"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/segment"
)

// projectGlossary is the fixture project's glossary (testdata/project).
func projectGlossary(t *testing.T) *glossary.Glossary {
	t.Helper()
	data, err := os.ReadFile("../../testdata/project/glossary/terms.toml")
	if err != nil {
		t.Fatal(err)
	}
	g, err := glossary.Parse("glossary/terms.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// glossaryCatalogues makes a source catalogue of English texts and a target
// catalogue with their translations.
func glossaryCatalogues(t *testing.T, tag language.Tag, pairs ...string) (*catalog.Catalog, *catalog.Catalog) {
	t.Helper()
	a := &segment.Article{Slug: "a"}
	for i := 0; i < len(pairs); i += 2 {
		a.Units = append(a.Units, segment.Unit{ID: "a.s.p-" + string(rune('a'+i/2)), Kind: segment.Paragraph, Forms: map[locale.Form]string{locale.Other: pairs[i]}, Pos: segment.Pos{File: "content/a.md", Line: 1, Col: 1}})
	}
	src := catalog.FromUnits("locales/en/the-conscript.en.toml", []*segment.Article{a})
	tgt, _ := catalog.Sync(src, nil, tag, "locales/"+tag.String()+".toml", false)
	for i := 0; i < len(pairs); i += 2 {
		tgt.Messages[i/2].Forms[locale.Other] = pairs[i+1]
	}
	tgt, err := catalog.Parse(tgt.Path, catalog.Format(tgt))
	if err != nil {
		t.Fatal(err)
	}
	return src, tgt
}

func TestGlossary(t *testing.T) {
	g := projectGlossary(t)
	tests := []struct {
		name   string
		tag    language.Tag
		en, tr string
		codes  string
	}{
		{"ru inflected approved", language.Russian, "I have my own kvartira.", "У меня своя квартира, я живу в квартире.", ""},
		{"ru inflected accusative", language.Russian, "He flew to Moscow.", "Он улетел в Москву.", ""},
		{"ru missing", language.Russian, "He flew to Moscow.", "Он улетел в столицу.", CodeGlossaryMissing},
		{"ru tenant is not a flat", language.Russian, "My own kvartira.", "Мой квартирант.", CodeGlossaryMissing},
		{"ru forbidden", language.Russian, "He lives in Almaty.", "Он живёт в Алма-Ате.", CodeGlossaryMissing + " " + CodeGlossaryForbidden},
		{"ru forbidden phrase", language.Russian, "The war in Ukraine.", "Война на Украине.", CodeGlossaryForbidden},
		{"kk approved with gloss", language.Kazakh, "My own kvartira (Russian word for apartment).", "Менің өз квартирам бар (орысша «пәтер» дегені).", ""},
		{"kk gloss missing", language.Kazakh, "My own kvartira.", "Менің өз квартирам бар.", CodeGlossaryAlso},
		{"kk inflected", language.Kazakh, "In a hostel in Almaty.", "Алматыдағы хостелде.", ""},
		{"kk Russian name of Moscow", language.Kazakh, "He went to Moscow.", "Ол Москваға барды.", CodeGlossaryMissing + " " + CodeGlossaryForbidden},
		{"kk mobilisation", language.Kazakh, "After the mobilisation.", "Мобилизациядан кейін.", CodeGlossaryForbidden + " " + CodeGlossaryMissing},
		{"do not translate kept", language.Kazakh, "Post Soviet Journal", "Post Soviet Journal", ""},
		{"do not translate altered", language.Russian, "Post Soviet Journal", "Постсоветский журнал", CodeGlossaryAltered},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, tgt := glossaryCatalogues(t, tt.tag, tt.en, tt.tr)
			var codes []string
			for _, f := range Glossary(g, src, tgt) {
				codes = append(codes, f.Code)
				if f.Pos.File != tgt.Path || f.Pos.Line < 1 || f.Unit == "" {
					t.Errorf("finding without a place: %v", f)
				}
			}
			if got := strings.Join(codes, " "); got != tt.codes {
				t.Errorf("codes = %q, want %q", got, tt.codes)
			}
		})
	}
}

func TestGlossaryPointsAtTheWord(t *testing.T) {
	g := projectGlossary(t)
	src, tgt := glossaryCatalogues(t, language.Russian, "He lives in Almaty.", "Он «живёт» в Алма-Ате.")
	var fs []finding.Finding
	for _, f := range Glossary(g, src, tgt) {
		if f.Code == CodeGlossaryForbidden {
			fs = append(fs, f)
		}
	}
	if len(fs) != 1 {
		t.Fatalf("findings = %v", fs)
	}
	// other = "Он «живёт» в Алма-Ате." — the value's quote is column 9; «Алма-Ате» is 14 characters on.
	if fs[0].Pos.Col != 9+1+13 {
		t.Errorf("column = %d, want %d (%v)", fs[0].Pos.Col, 9+1+13, fs[0])
	}
}

// TestProjectCataloguesKeepTheGlossary holds the fixture project's catalogues (testdata/project) to the glossary.
func TestProjectCataloguesKeepTheGlossary(t *testing.T) {
	g := projectGlossary(t)
	read := func(p string) *catalog.Catalog {
		data, err := os.ReadFile("../../testdata/project/" + p)
		if err != nil {
			t.Fatal(err)
		}
		c, err := catalog.Parse(p, data)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	src := read("locales/en/the-conscript.en.toml")
	for _, p := range []string{"locales/ru/the-conscript.ru.toml", "locales/kk/the-conscript.kk.toml"} {
		for _, f := range Glossary(g, src, read(p)) {
			t.Error(f)
		}
	}
}
