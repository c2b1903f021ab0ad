package inflect

import (
	"slices"
	"testing"

	"golang.org/x/text/language"
)

// TestStems: the stems a Kazakh form may be an inflection of include its
// lemma (a noun's case, possessive and plural chains; a voiced final
// consonant); a Russian word has none.
func TestStems(t *testing.T) {
	for _, tc := range []struct{ form, lemma string }{
		{"теңізінен", "теңіз"},
		{"Инженерлер", "инженер"},
		{"кітабы", "кітап"},
		{"Алматыдағы", "алматы"},
		{"WhatsApp-та", "whatsapp"},
	} {
		if got := Stems(language.Kazakh, tc.form); !slices.Contains(got, tc.lemma) {
			t.Errorf("Stems(%q) = %q, want %q among them", tc.form, got, tc.lemma)
		}
	}
	if got := Stems(language.Russian, "домами"); got != nil {
		t.Errorf("Russian stems: %q", got)
	}
}
