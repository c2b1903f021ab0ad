package locale

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Source is the language the articles are written in.
var Source = language.English

// IsSource reports whether tag names the source language, however it is
// spelt: BCP 47 canonicalisation makes EN, eng and ENG en, and en-Latn is en
// with the script en is always written in (the IANA registry's
// Suppress-Script). en-US and en-GB are other locales: regional editions,
// not the articles themselves.
func IsSource(tag language.Tag) bool {
	c, err := language.SuppressScript.Canonicalize(tag)
	return err == nil && c == Source || tag == Source
}

// Parse parses a BCP 47 tag such as "ru", "kk" or "uz-Latn". Unlike
// language.Parse it rejects tags that are well-formed but unknown to CLDR
// ("xx"), and it returns the canonical form of the tag.
func Parse(s string) (language.Tag, error) {
	tag, err := language.Parse(s)
	if err != nil {
		return language.Und, fmt.Errorf("%q is not a valid BCP 47 language tag (for example: ru, kk, uz-Latn)", s)
	}
	if base, conf := tag.Base(); conf == language.No || base.String() == "und" {
		return language.Und, fmt.Errorf("%q is not a language CLDR knows (for example: ru, kk, uz-Latn)", s)
	}
	return tag, nil
}

// Form is a CLDR plural category, spelled as go-i18n spells its message keys.
type Form string

// The CLDR plural categories, in CLDR order.
const (
	Zero  Form = "zero"
	One   Form = "one"
	Two   Form = "two"
	Few   Form = "few"
	Many  Form = "many"
	Other Form = "other"
)

// Forms lists every plural category in CLDR order. Catalogue writers use it to
// order a message's keys.
var Forms = []Form{Zero, One, Two, Few, Many, Other}

var fromXText = map[plural.Form]Form{
	plural.Zero: Zero, plural.One: One, plural.Two: Two,
	plural.Few: Few, plural.Many: Many, plural.Other: Other,
}

// PluralForms returns the cardinal plural categories the language uses, in
// CLDR order: [one few many other] for ru, [one other] for kk and en.
//
// x/text exposes the rules, not the list, so the list is read off the rules:
// every category a locale uses has an example among the integers 0–1000,
// a million, and the decimals 0.0–10.99 (CLDR's own sample ranges).
func PluralForms(tag language.Tag) []Form {
	seen := map[Form]bool{}
	match := func(i, v, w, f, t int) {
		seen[fromXText[plural.Cardinal.MatchPlural(tag, i, v, w, f, t)]] = true
	}
	for i := 0; i <= 1000; i++ {
		match(i, 0, 0, 0, 0)
	}
	match(1000000, 0, 0, 0, 0)
	for i := 0; i <= 10; i++ {
		for f := 0; f < 10; f++ { // i.f: one visible fraction digit
			t, w := trimZeros(f, 1)
			match(i, 1, w, f, t)
		}
		for f := 0; f < 100; f++ { // i.ff: two visible fraction digits
			t, w := trimZeros(f, 2)
			match(i, 2, w, f, t)
		}
	}
	var forms []Form
	for _, f := range Forms {
		if seen[f] {
			forms = append(forms, f)
		}
	}
	return forms
}

// trimZeros returns CLDR's t and w operands for the fraction digits f shown
// with v digits: f without trailing zeros, and how many digits that leaves.
func trimZeros(f, v int) (t, w int) {
	t, w = f, v
	for w > 0 && t%10 == 0 {
		t /= 10
		w--
	}
	return t, w
}

// PluralForm returns the CLDR category of the integer n in the language.
func PluralForm(tag language.Tag, n int) Form {
	return fromXText[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]
}

// FormatInt writes n with the language's digit grouping: 150,000 in English,
// 150 000 (with U+00A0 NO-BREAK SPACE) in Russian and Kazakh.
func FormatInt(tag language.Tag, n int64) string {
	return message.NewPrinter(tag).Sprint(number.Decimal(n))
}

// FormatPercent writes percent (37.8 for 37.8 %) as the locale's CLDR
// pattern writes a percentage, with decimals fraction digits: "37,8\u00a0%"
// in Russian, "37,8%" in Kazakh, "37.8%" in English.
func FormatPercent(tag language.Tag, percent float64, decimals int) string {
	return message.NewPrinter(tag).Sprint(number.Percent(percent/100, number.MinFractionDigits(decimals), number.MaxFractionDigits(decimals)))
}

// DecimalSeparator is the locale's CLDR decimal separator, as x/text
// writes it: "." in English, "," in Russian and Kazakh.
func DecimalSeparator(tag language.Tag) string {
	s := message.NewPrinter(tag).Sprint(number.Decimal(1.5, number.MinFractionDigits(1)))
	return strings.TrimSuffix(strings.TrimPrefix(s, "1"), "5")
}

// selfNames are the names x/text's CLDR data lacks: a language in a script
// CLDR has no display data for, named in that script.
var selfNames = map[string]string{
	"kk-Latn": "Qazaqşa", // CLDR: none; "қазақ тілі" is the Cyrillic name
}

// SelfName is the language's name for itself: English, русский, қазақ тілі.
func SelfName(tag language.Tag) string {
	if name, ok := selfNames[tag.String()]; ok {
		return name
	}
	if name := display.Self.Name(tag); name != "" {
		return name
	}
	return tag.String()
}

// scriptNames are the names of a language in one of its scripts, the
// script named, as the language's own readers know them, by language and
// script (the script is the tag's, or the one its language is written in
// when the tag names none: kk is kk-Cyrl).
//
// Kazakh: the names Kazakh news sites give their language in a switcher
// (Қазақша, Qazaqşa), each with its script, as Kazakh Wikipedia's switcher
// names its two (MediaWiki: қазақша (кирил), qazaqşa (latın)); the scripts
// spelt as CLDR's Kazakh spells them (кирилл жазуы, латын жазуы) and, in
// the Latin name, in the alphabet of January 2021 the kk-Latn edition is
// written in (латын: latyn). TestScriptNamesTransliterate holds the Latin
// name to the kk-Latn-2021 transform of the Cyrillic one.
var scriptNames = map[string]string{
	"kk-Cyrl": "Қазақша (кирилл)",
	"kk-Latn": "Qazaqşa (latyn)",
}

// Name is the language's name in itself as a list of languages shows it
// beside the others in among (a language switcher, a site's languages),
// its first letter a capital, as a name standing alone in a menu takes one
// (CLDR's uiListOrMenu: Русский beside English, not русский): SelfName, or,
// when among holds the same language in another script, a
// name that says which script, written in it, so that a reader can tell
// the two editions apart: Қазақша (кирилл) and Qazaqşa (latyn) where a
// project publishes kk and kk-Latn, қазақ тілі where it publishes kk alone.
// A language scriptNames does not know is named SelfName and its script as
// CLDR names it in the language (o‘zbek (lotin), ўзбекча (Кирил)), or the
// script's ISO 15924 code where CLDR has no name for it in that script.
func Name(tag language.Tag, among []language.Tag) string {
	name := inList(tag, among)
	_, n := utf8.DecodeRuneInString(name)
	return Upper(tag, name[:n]) + name[n:]
}

// inList is Name as CLDR writes it, in a sentence's case.
func inList(tag language.Tag, among []language.Tag) string {
	key := scriptKey(tag)
	twoScripts := false
	for _, o := range among {
		if k := scriptKey(o); k != key && baseOf(o) == baseOf(tag) {
			twoScripts = true
		}
	}
	if !twoScripts {
		return SelfName(tag)
	}
	if name, ok := scriptNames[key]; ok {
		return name
	}
	script, _ := tag.Script()
	sname := script.String()
	if n := display.Scripts(tag); n != nil {
		if s := n.Name(script); s != "" {
			sname = s
		}
	}
	return SelfName(tag) + " (" + sname + ")"
}

// baseOf is a tag's language alone: kk for kk-Latn-KZ.
func baseOf(tag language.Tag) string {
	base, _ := tag.Base()
	return base.String()
}

// scriptKey is a tag's language and script (kk-Cyrl for kk and kk-KZ,
// kk-Latn for kk-Latn): the script the tag names, or the one its
// language is most likely written in.
func scriptKey(tag language.Tag) string {
	script, _ := tag.Script()
	return baseOf(tag) + "-" + script.String()
}

// EnglishName is the language's name in English: Russian, Kazakh, Uzbek (Latin).
func EnglishName(tag language.Tag) string {
	if name := display.English.Tags().Name(tag); name != "" {
		return name
	}
	return tag.String()
}

// Dir returns "rtl" for languages written right to left and "ltr" otherwise.
func Dir(tag language.Tag) string {
	script, _ := tag.Script()
	switch script.String() {
	case "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg":
		return "rtl"
	}
	return "ltr"
}

// FileTag parses the locale from a catalogue file name such as "ru.toml" or
// "uz-Latn.toml". It reports false for names that are not a tag written as
// the tag writes itself: "eng.toml" or "rus.toml" (which BCP 47 would read
// as en and ru) and "kk-latn.toml" are not catalogues, so that no file can
// stand in for another locale's. CanonicalFile names the file it should be.
func FileTag(name string) (language.Tag, bool) {
	base, ok := strings.CutSuffix(name, ".toml")
	if !ok {
		return language.Und, false
	}
	tag, err := Parse(base)
	return tag, err == nil && tag.String() == base
}

// CanonicalFile is the catalogue file name of the locale a file name reads
// as (en.toml for "eng.toml"), or "" if it reads as none.
func CanonicalFile(name string) string {
	tag, err := Parse(strings.TrimSuffix(name, ".toml"))
	if err != nil {
		return ""
	}
	return tag.String() + ".toml"
}
