package inflect

import (
	"slices"
	"testing"

	"golang.org/x/text/language"
)

// TestStems: the stems a Kazakh form may be an inflection of include its
// lemma (a noun's case, possessive and plural chains; a voiced final
// consonant; a verb's ending, its root two letters or more); a two-letter
// beginning is no noun's stem; a Russian word has none.
func TestStems(t *testing.T) {
	for _, tc := range []struct{ form, lemma string }{
		{"теңізінен", "теңіз"},
		{"Инженерлер", "инженер"},
		{"кітабы", "кітап"},
		{"Алматыдағы", "алматы"},
		{"WhatsApp-та", "whatsapp"},
		{"жауады", "жау"},
		{"естіді", "есті"},
		{"болмады", "бол"},
		{"ішетін", "іш"},
		{"келгендер", "кел"},
		{"бармайды", "бар"},
		{"жазсаңыз", "жаз"},
	} {
		if got := Stems(language.Kazakh, tc.form); !slices.Contains(got, tc.lemma) {
			t.Errorf("Stems(%q) = %q, want %q among them", tc.form, got, tc.lemma)
		}
	}
	for _, tc := range []struct{ form, not string }{
		{"алдар", "ал"},   // a noun's chain after two letters
		{"жауаыд", "жау"}, // two swapped
	} {
		if got := Stems(language.Kazakh, tc.form); slices.Contains(got, tc.not) {
			t.Errorf("Stems(%q) = %q: %q is not its stem", tc.form, got, tc.not)
		}
	}
	if got := Stems(language.Russian, "домами"); got != nil {
		t.Errorf("Russian stems: %q", got)
	}
}
