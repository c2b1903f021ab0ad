package inflect

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/words"
)

// TestLexiconAgreesWithMatch: a Lexicon says a word is known exactly when
// Match accepts it against one of the lemmas, for every word of realTexts,
// with lemmas of a project's word list and a glossary's kind: its shortcut
// by initials loses no form and adds none.
func TestLexiconAgreesWithMatch(t *testing.T) {
	texts := realTexts(t)
	for _, tc := range []struct {
		tag    language.Tag
		lemmas []string
	}{
		{language.Kazakh, []string{"Қазақстан", "ел", "мемлекет", "бейбітшілік", "Астана", "кітап", "ән", "WhatsApp", "Еуровидение", "пәтер", "КСРО"}},
		{language.Russian, []string{"агент-провокатор", "ёлка", "квартира", "мобилизация", "Москва", "Каримджанов", "Карим", "елка", "Алматы"}},
		{language.English, []string{"flat", "The"}},
	} {
		m := For(tc.tag)
		lx := NewLexicon(m, tc.lemmas)
		known := 0
		for _, w := range words.Split(texts[tc.tag]) {
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
