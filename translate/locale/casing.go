package locale

import (
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// casings are the languages whose capitals x/text's CLDR data does not
// know, with a language that writes the same ones.
//
// Kazakh in the Latin alphabet of January 2021 pairs i with İ and ı with I,
// as Turkish does (package translit: и, й → i, capital İ; і → ı, capital
// I); CLDR has casing rules for Turkish and Azerbaijani only, and its
// capital of i for kk-Latn would be I, the capital of ı: qyrküiek would
// read QYRKÜIEK.
var casings = map[string]language.Tag{
	"kk-Latn": language.Turkish,
}

// casing is the language whose casing rules tag's text follows.
func casing(tag language.Tag) language.Tag {
	if t, ok := casings[scriptKey(tag)]; ok {
		return t
	}
	return tag
}

// Upper writes s in capitals as the language writes them: QYRKÜİEK for
// kk-Latn qyrküiek, İSTANBUL for Turkish, ҚЫРКҮЙЕК, СЕНТЯБРЬ.
func Upper(tag language.Tag, s string) string {
	return cases.Upper(casing(tag)).String(s)
}

// casingProbe holds the letters whose capitals differ among languages:
// the dotted and dotless i of Turkic Latin alphabets, a Greek accented
// vowel (Greek capitals drop the accent).
const casingProbe = "iıάή"

// OwnCapitals reports whether the language's capitals differ from
// Unicode's default ones, which a stylesheet's text-transform applies to
// a language the reader's browser has no rules for: kk-Latn, Turkish,
// Azerbaijani and Greek have their own. An edition in such a language
// sets its capitals itself (Upper) rather than leave them to CSS.
func OwnCapitals(tag language.Tag) bool {
	return Upper(tag, casingProbe) != cases.Upper(language.Und).String(casingProbe)
}
