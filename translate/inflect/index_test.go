package inflect

import (
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// realTexts are the texts the tests of Index and Lexicon search: real
// Kazakh (the UD treebank's sentences, testdata of translate/check), and
// Russian and English sentences with the forms a glossary's terms take
// (a hyphenated compound, ё and е, capitals, a word that begins as a term
// but is another).
func realTexts(t *testing.T) map[language.Tag]string {
	t.Helper()
	kk, err := os.ReadFile("../check/testdata/kk-ud-ktb/sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	return map[language.Tag]string{
		language.Kazakh:  string(kk),
		language.Russian: "Агента-провокатора видели в Алматы. Ёлки и елки, квартиры и квартирант; Кваритра. Мобилизация, мобилизованные, мобилизации. Москва и москвичи, Карим Каримов, Каримджанова.",
		language.English: "The Flat and the flat; flats.",
	}
}

// TestIndexAgreesWithFind: an Index finds each phrase where the package's
// Find does, in real Kazakh (the UD treebank's sentences, testdata of
// translate/check) and in Russian, for terms of the glossary's kind
// (single words, a hyphenated compound, two words, ё and е, capitals):
// its shortcut by initials loses no match.
func TestIndexAgreesWithFind(t *testing.T) {
	texts := realTexts(t)
	for _, tc := range []struct {
		tag     language.Tag
		phrases []string
	}{
		{language.Kazakh, []string{"Қазақстан", "ел", "мемлекет", "бейбітшілік", "Астана", "кітап", "ән", "WhatsApp", "Еуровидение"}},
		{language.Russian, []string{"агент-провокатор", "ёлка", "квартира", "мобилизация", "Москва", "Каримджанов", "Карим Каримов", "елка"}},
		{language.English, []string{"flat", "The Flat"}},
	} {
		m := For(tc.tag)
		ix := NewIndex(m, tc.phrases)
		for _, chunk := range strings.Split(texts[tc.tag], "\n") {
			txt := ix.Text(chunk)
			for _, p := range tc.phrases {
				if got, want := txt.Find(p), Find(m, chunk, p); !slices.Equal(got, want) {
					t.Errorf("%s %q in %.60q: Index %v, Find %v", tc.tag, p, chunk, got, want)
				}
			}
		}
	}
}
