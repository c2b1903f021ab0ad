package inflect

import (
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// TestIndexAgreesWithFind: an Index finds each phrase where the package's
// Find does, in real Kazakh (the UD treebank's sentences, testdata of
// translate/check) and in Russian, for terms of the glossary's kind
// (single words, a hyphenated compound, two words, ё and е, capitals):
// its shortcut by initials loses no match.
func TestIndexAgreesWithFind(t *testing.T) {
	kk, err := os.ReadFile("../check/testdata/kk-ud-ktb/sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		tag     language.Tag
		text    string
		phrases []string
	}{
		{language.Kazakh, string(kk), []string{"Қазақстан", "ел", "мемлекет", "бейбітшілік", "Астана", "кітап", "ән", "WhatsApp", "Еуровидение"}},
		{language.Russian, "Агента-провокатора видели в Алматы. Ёлки и елки, квартиры и квартирант; Кваритра. Мобилизация, мобилизованные, мобилизации. Москва и москвичи, Карим Каримов, Каримджанова.",
			[]string{"агент-провокатор", "ёлка", "квартира", "мобилизация", "Москва", "Каримджанов", "Карим Каримов", "елка"}},
		{language.English, "The Flat and the flat; flats.", []string{"flat", "The Flat"}},
	} {
		m := For(tc.tag)
		ix := NewIndex(m, tc.phrases)
		for _, chunk := range strings.Split(tc.text, "\n") {
			txt := ix.Text(chunk)
			for _, p := range tc.phrases {
				if got, want := txt.Find(p), Find(m, chunk, p); !slices.Equal(got, want) {
					t.Errorf("%s %q in %.60q: Index %v, Find %v", tc.tag, p, chunk, got, want)
				}
			}
		}
	}
}
