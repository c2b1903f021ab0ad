package inflect

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/words"
)

// TestLexiconAgreesWithMatch: a Lexicon says a word is known exactly when
// Match accepts it against one of the lemmas, for every word of real
// Kazakh (the UD treebank's sentences) and of Russian, with lemmas of a
// project's word list and a glossary's kind (capitals, ё and е, a
// hyphenated compound): its shortcut by initials loses no form and adds
// none.
func TestLexiconAgreesWithMatch(t *testing.T) {
	kk, err := os.ReadFile("../check/testdata/kk-ud-ktb/sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		tag    language.Tag
		text   string
		lemmas []string
	}{
		{language.Kazakh, string(kk), []string{"Қазақстан", "ел", "мемлекет", "бейбітшілік", "Астана", "кітап", "ән", "WhatsApp", "Еуровидение", "пәтер", "КСРО"}},
		{language.Russian, "Агента-провокатора видели в Алматы. Ёлки и елки, квартиры и квартирант; Кваритра. Мобилизация, мобилизованные, мобилизации. Москва и москвичи, Карим Каримов, Каримджанова.",
			[]string{"агент-провокатор", "ёлка", "квартира", "мобилизация", "Москва", "Каримджанов", "Карим", "елка", "Алматы"}},
		{language.English, "The Flat and the flat; flats.", []string{"flat", "The"}},
	} {
		m := For(tc.tag)
		lx := NewLexicon(m, tc.lemmas)
		known := 0
		for _, w := range words.Split(tc.text) {
			want := false
			for _, l := range tc.lemmas {
				want = want || m.Match(w.Text, l)
			}
			if got := lx.Has(w.Text); got != want {
				t.Errorf("%s %q: Lexicon.Has %v, Match %v", tc.tag, w.Text, got, want)
			}
			if want {
				known++
			}
		}
		if known == 0 {
			t.Errorf("%s: no word of the text is a form of a lemma: the test proves nothing", tc.tag)
		}
		if lx.Has("") || NewLexicon(m, nil).Has(strings.ToUpper(tc.lemmas[0])) {
			t.Errorf("%s: an empty word, or an empty lexicon, knows a word", tc.tag)
		}
	}
}
