// Package handoff takes a locale's work out of tilmash in the formats
// translators' tools read (gettext PO; XLIFF and TMX are to follow) and
// brings it back. A work file carries, for each unit, what a translator
// needs (the English, its context, the English the current translation was
// made from, the translation memory's suggestions) and what import needs
// to apply it safely: the hash of the English it was made for, and of the
// translation it started from.
package handoff

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
)

// Unit is one unit of a work file.
type Unit struct {
	ID       string                 // the unit's ID (PO: msgctxt)
	Where    []string               // where it stands: "content/a.md:5 (paragraph)"
	Context  []string               // what it is, for the translator
	English  map[locale.Form]string // the English to translate
	Previous map[locale.Form]string // the English the current translation was made from, when it changed since
	Text     map[locale.Form]string // the translation, if any
	Hash     string                 // the hash of the English (the catalogue's hash once translated)
	Base     string                 // TextHash of the translation when the file was made ("" if none)
	Stale    bool                   // the translation was made from other English: to review
	// Rejected says why the checks reject the translation ("file:line:col:
	// message [code]"): it is not published until fixed, so the work file
	// carries it, marked for review, with the finding.
	Rejected    []string
	Suggestions []string // translation-memory matches, as "87% id: text"
	Terms       []string // the glossary's terms in the English: "flat → квартира (note)"
}

// Translated reports whether the unit has any text.
func (u *Unit) Translated() bool {
	for _, s := range u.Text {
		if s != "" {
			return true
		}
	}
	return false
}

// TextHash identifies a translation's text, so that import can tell
// whether the catalogue changed since a work file was made from it.
func TextHash(forms map[locale.Form]string) string {
	h := sha256.New()
	for _, f := range locale.Forms {
		if s, ok := forms[f]; ok {
			h.Write([]byte(string(f) + "\x00" + s + "\x00"))
		}
	}
	return "sha256-" + hex.EncodeToString(h.Sum(nil))[:16]
}

// pluralRule is how gettext numbers a language's plural forms: its
// Plural-Forms header and the CLDR category of each msgstr[n].
type pluralRule struct {
	header string
	forms  []locale.Form
	// other, when set, is the CLDR form gettext has no msgstr for and the
	// one whose text it takes: Russian's "other" (fractions, 1,5 года)
	// takes the genitive singular of "few".
	other locale.Form
}

var slavic = pluralRule{
	header: "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
	forms:  []locale.Form{locale.One, locale.Few, locale.Many},
	other:  locale.Few,
}

var oneOther = pluralRule{header: "nplurals=2; plural=(n != 1);", forms: []locale.Form{locale.One, locale.Other}}

// pluralRules are the languages whose gettext plural rule tilmash knows
// (gettext's own table, as Translate Toolkit and Weblate carry it). Only
// units with plural forms need it.
var pluralRules = map[string]pluralRule{
	"ru": slavic, "uk": slavic, "be": slavic,
	"kk": oneOther, "uz": oneOther, "tr": oneOther, "az": oneOther, "ky": oneOther,
	"tk": oneOther, "tg": oneOther, "en": oneOther, "de": oneOther, "es": oneOther, "it": oneOther,
}

func ruleFor(tag language.Tag) (pluralRule, bool) {
	base, _ := tag.Base()
	r, ok := pluralRules[base.String()]
	return r, ok
}

func plural(forms map[locale.Form]string) bool { return len(forms) > 1 }

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", `\n`) }
