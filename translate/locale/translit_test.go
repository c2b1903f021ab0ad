package locale_test

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/translit"
)

// TestScriptNamesTransliterate: the Latin Kazakh name is what the
// kk-Latn edition's own transform makes of the Cyrillic one, its script
// named (латын).
func TestScriptNamesTransliterate(t *testing.T) {
	tr, err := translit.Lookup("kk-Latn-2021")
	if err != nil {
		t.Fatal(err)
	}
	kkLatn := language.MustParse("kk-Latn")
	if got, want := locale.Name(kkLatn, []language.Tag{language.Kazakh}), tr.Text("Қазақша (латын)"); got != want {
		t.Errorf("kk-Latn is named %q; the transform writes %q", got, want)
	}
}

// TestUpperMatchesTransform: locale.Upper's kk-Latn capitals are the
// transform's, letter by letter: the capitals of a word in small letters
// are the transform of the word in Cyrillic capitals.
func TestUpperMatchesTransform(t *testing.T) {
	tr, err := translit.Lookup("kk-Latn-2021")
	if err != nil {
		t.Fatal(err)
	}
	kkLatn := language.MustParse("kk-Latn")
	for _, c := range "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя" {
		small := strings.Repeat(string(c), 2)
		if got, want := locale.Upper(kkLatn, tr.Text(small)), tr.Text(strings.ToUpper(small)); got != want {
			t.Errorf("%s: Upper(%q) = %q, the transform of %s is %q", small, tr.Text(small), got, strings.ToUpper(small), want)
		}
	}
}
