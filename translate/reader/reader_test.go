package reader

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// TestFallback: each language tilmash knows gets its own words, in its own
// script and typography; a regional tag its language's; another language
// the English, said to be so.
func TestFallback(t *testing.T) {
	for _, tc := range []struct {
		tag        string
		translated bool
		has        string // a word the notice holds
	}{
		{"en", true, "English"},
		{"ru", true, "английском"},
		{"ru-KZ", true, "английском"},
		{"kk", true, "ағылшын"},
		{"kk-Latn", true, "ağylşyn"},
		{"uz", false, "English"},
	} {
		got, ok := Fallback(language.MustParse(tc.tag))
		if ok != tc.translated || !strings.Contains(got, tc.has) {
			t.Errorf("Fallback(%s) = %q, %v; want one with %q, %v", tc.tag, got, ok, tc.has, tc.translated)
		}
		if tc.tag != "en" && strings.Contains(got, " — ") {
			t.Errorf("Fallback(%s): a dash after a plain space: %q", tc.tag, got)
		}
	}
}

// TestMoved: the words at a renamed article's old address, in each
// language tilmash knows, Latin Kazakh computed from the Kazakh.
func TestMoved(t *testing.T) {
	for _, tc := range []struct {
		tag        string
		translated bool
		has        string
	}{
		{"en", true, "moved"},
		{"ru", true, "Статья доступна"},
		{"kk", true, "Мақала жаңа"},
		{"kk-Latn", true, "Maqala jaña"},
		{"uz", false, "moved"},
	} {
		got, ok := Moved(language.MustParse(tc.tag))
		if ok != tc.translated || !strings.Contains(got, tc.has) {
			t.Errorf("Moved(%s) = %q, %v; want one with %q, %v", tc.tag, got, ok, tc.has, tc.translated)
		}
	}
}

// TestWords: a project's own words come first; a language neither it nor
// tilmash has words for is missing them, key by key.
func TestWords(t *testing.T) {
	uz := language.MustParse("uz")
	own := Words{FallbackKey: "Maqolaning ayrim qismlari hozircha ingliz tilida."}
	if got, ok := own.Say(FallbackKey, uz); !ok || got != own[FallbackKey] {
		t.Errorf("own words: %q, %v", got, ok)
	}
	if got, ok := own.Say(MovedKey, uz); ok || got != English(MovedKey) {
		t.Errorf("no own words: %q, %v", got, ok)
	}
	if got := own.Missing(uz); len(got) != 1 || got[0] != MovedKey {
		t.Errorf("Missing(uz) = %q", got)
	}
	if got := Words(nil).Missing(language.Russian); len(got) != 0 {
		t.Errorf("Missing(ru) = %q", got)
	}
}
