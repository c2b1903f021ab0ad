package check

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/glossary"
	"github.com/tilmash/tilmash/translate/finding"
)

// TestSpellingKnowsTheProjectsWords: a word the dictionary does not know
// is not a spelling finding when it is a form of a word of the project's
// list or of a glossary rendering (approved or also), in the locale's
// inflection, or a word of a name the glossary keeps in English; any other
// is, and a rendering of another locale does not count.
func TestSpellingKnowsTheProjectsWords(t *testing.T) {
	g, err := glossary.Parse("glossary/terms.toml", []byte(`
[[term]]
en = "kvartira"
pos = "noun"
[term.ru]
approved = ["квартира"]
[term.kk]
approved = ["квартира"]
also = ["пәтер"]

[[term]]
en = "Novaya Gazeta"
pos = "name"
flags = ["do-not-translate"]

[[term]]
en = "Almaty"
pos = "name"
[term.kk]
approved = ["Алматы"]
`))
	if err != nil {
		t.Fatal(err)
	}
	words := map[string][]string{"ru": {"Каримов"}, "kk": {"Каримов"}}
	tests := []struct {
		name  string
		tag   language.Tag
		text  string
		known string // every word the speller knows (knowsOnly); it knows no other
		want  []string
	}{
		{"a form of a glossary rendering", language.Russian, "Он снял квартиру.", "Он снял", nil},
		{"a form of the project's word", language.Russian, "Он говорил с Каримовым.", "Он говорил с", nil},
		{"a name kept in English", language.Russian, "Он писал в Novaya Gazeta.", "Он писал в", nil},
		{"a misspelling", language.Russian, "Он снял кваритру у Каримова.", "Он снял у", []string{"кваритру"}},
		{"not a form: what follows is no inflection", language.Russian, "Квартирант ушёл.", "ушёл", []string{"Квартирант"}},
		{"another locale's rendering does not count", language.Russian, "Он жил в пәтер.", "Он жил в", []string{"пәтер"}},
		{"Kazakh: forms of approved and also", language.Kazakh, "Ол бұрын Алматыдағы үйде тұрды, қазір пәтерде тұрады деп айтты.",
			"Ол бұрын үйде тұр қазір деп айт", nil},
		{"Kazakh: a misspelling", language.Kazakh, "Ол бұрын Алматыдағы үйде тұрды, қазір петерде тұрады деп айтты.",
			"Ол бұрын үйде тұр қазір деп айт", []string{"петерде"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := setup(t, tt.tag, "He rented a flat.", text(tt.text))
			in.Glossary, in.Words = g, words
			known := knowsOnly{"дмитрий": true} // setup's title
			for _, w := range strings.Fields(tt.known) {
				known[strings.ToLower(w)] = true
			}
			in.Speller = known
			var got []string
			for _, f := range Run(in) {
				if f.Code == CodeSpelling {
					got = append(got, reported(f))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("spelling findings on %v, want %v", got, tt.want)
			}
		})
	}
}

// reported is the word a spelling finding names: its message begins with
// it, quoted.
func reported(f finding.Finding) string {
	var w string
	fmt.Sscanf(f.Message, "%q", &w)
	return w
}
