package handoff

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
)

// Header is what a PO file's header says beyond the language: when the
// file was made and by what.
type Header struct {
	// Created is when the file was made: POT-Creation-Date, and a work
	// file's PO-Revision-Date (its translations are the catalogue's as of
	// then). Zero: the file is dated 1970-01-01, so that output depends on
	// nothing but its input.
	Created time.Time
	// Generator is the X-Generator field: "tilmash v1.2.0".
	Generator string
}

// poDate is gettext's date form: "2026-12-07 04:20+0000".
func poDate(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format("2006-01-02 15:04-0700")
}

// WritePO writes units as a gettext PO file for tag (WritePOHeader with a
// zero Header).
func WritePO(tag language.Tag, units []Unit) ([]byte, error) {
	return WritePOHeader(tag, units, Header{})
}

// WritePOHeader writes units as a gettext PO file for tag, as msgfmt -c
// accepts it: msgctxt is the unit's ID; "#." comments carry its context,
// the TM's suggestions and the hashes import checks; "#:" where it stands;
// a stale unit is "#, fuzzy" with "#| msgid" holding the English its
// translation was made from; plural units use msgid_plural and the
// language's gettext Plural-Forms. The header's fields are gettext's own,
// filled in (dates, Language, Plural-Forms); Last-Translator is left
// empty for the translator's tool to set.
func WritePOHeader(tag language.Tag, units []Unit, h Header) ([]byte, error) {
	rule, known := ruleFor(tag)
	var b strings.Builder
	b.WriteString("# tilmash work file: translate the msgstr lines, then run tilmash import on this file.\n")
	b.WriteString("# Leave msgctxt and the \"#. tilmash:\" lines as they are: they say which unit and which English each entry is for.\n")
	header := []string{
		"Project-Id-Version: tilmash",
		"POT-Creation-Date: " + poDate(h.Created),
		"PO-Revision-Date: " + poDate(h.Created),
		"Last-Translator: ",
		"Language-Team: " + locale.EnglishName(tag),
		"Language: " + tag.String(),
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=UTF-8",
		"Content-Transfer-Encoding: 8bit",
	}
	if known {
		header = append(header, "Plural-Forms: "+rule.header)
	}
	writeHeader(&b, header, h.Generator)
	for _, u := range units {
		if plural(u.English) && !known {
			return nil, fmt.Errorf("%s: no gettext plural rule is known for %s, and unit %s has plural forms: hand off as XLIFF instead", tag, locale.EnglishName(tag), u.ID)
		}
		writeEntry(&b, u, rule.forms)
	}
	return []byte(b.String()), nil
}

// WritePOT writes units as a gettext template (POT) of the source: every
// entry's msgstr empty, the header xgettext writes, which msginit fills in
// for a language (msginit -l kk -i en.pot). The units' English, context,
// place and hash travel as in a work file, so that a PO made from the
// template imports as one made by handoff; the glossary's terms and the
// translation memory's suggestions, which belong to a language, do not.
func WritePOT(units []Unit, h Header) []byte {
	var b strings.Builder
	b.WriteString("# tilmash template: start a language with msginit -i THIS.pot -l LANG, translate, then run tilmash import on the PO file.\n")
	b.WriteString("# Leave msgctxt and the \"#. tilmash:\" lines as they are: they say which unit and which English each entry is for.\n")
	b.WriteString("#, fuzzy\n") // as xgettext marks a template's header
	writeHeader(&b, []string{
		"Project-Id-Version: tilmash",
		"Report-Msgid-Bugs-To: ",
		"POT-Creation-Date: " + poDate(h.Created),
		"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE",
		"Last-Translator: FULL NAME <EMAIL@ADDRESS>",
		"Language-Team: LANGUAGE <LL@li.org>",
		"Language: ",
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=UTF-8",
		"Content-Transfer-Encoding: 8bit",
		"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;",
	}, h.Generator)
	for _, u := range units {
		u.Text, u.Base, u.Stale, u.Previous, u.Rejected, u.Suggestions, u.Terms = nil, "", false, nil, nil, nil, nil
		writeEntry(&b, u, []locale.Form{locale.One, locale.Other}) // msgstr[0], msgstr[1], as xgettext
	}
	return []byte(b.String())
}

func writeHeader(b *strings.Builder, fields []string, generator string) {
	if generator == "" {
		generator = "tilmash"
	}
	fields = append(fields, "X-Generator: "+generator)
	b.WriteString("msgid \"\"\nmsgstr \"\"\n")
	for _, f := range fields {
		b.WriteString(poString(f+"\n") + "\n")
	}
}

// writeEntry writes one unit as a PO entry, its plural forms as gettext
// numbers forms.
func writeEntry(b *strings.Builder, u Unit, forms []locale.Form) {
	b.WriteString("\n")
	for _, c := range u.Context {
		b.WriteString("#. " + oneLine(c) + "\n")
	}
	for _, s := range u.Rejected {
		b.WriteString("#. tilmash check rejects it: " + oneLine(s) + "\n")
	}
	for _, s := range u.Terms {
		b.WriteString("#. glossary: " + oneLine(s) + "\n")
	}
	for _, s := range u.Suggestions {
		b.WriteString("#. tm " + oneLine(s) + "\n")
	}
	b.WriteString("#. tilmash: hash " + u.Hash)
	if u.Base != "" {
		b.WriteString(" base " + u.Base)
	}
	b.WriteString("\n")
	for _, w := range u.Where {
		ref, _, _ := strings.Cut(w, " (") // "content/a.md:5 (paragraph)": the reference is the file:line
		b.WriteString("#: " + ref + "\n")
	}
	if u.Stale || len(u.Rejected) > 0 {
		b.WriteString("#, fuzzy\n")
		if u.Previous != nil {
			one, other := EnglishPair(u.Previous)
			prev := func(s string) string { return strings.ReplaceAll(poString(s), "\n", "\n#| ") }
			b.WriteString("#| msgctxt " + prev(u.ID) + "\n")
			b.WriteString("#| msgid " + prev(one) + "\n")
			if plural(u.Previous) {
				b.WriteString("#| msgid_plural " + prev(other) + "\n")
			}
		}
	}
	b.WriteString("msgctxt " + poString(u.ID) + "\n")
	one, other := EnglishPair(u.English)
	b.WriteString("msgid " + poString(one) + "\n")
	if plural(u.English) {
		b.WriteString("msgid_plural " + poString(other) + "\n")
		for i, f := range forms {
			b.WriteString("msgstr[" + strconv.Itoa(i) + "] " + poString(u.Text[f]) + "\n")
		}
	} else {
		b.WriteString("msgstr " + poString(u.Text[locale.Other]) + "\n")
	}
}

// EnglishPair is the English as gettext holds it: msgid the singular ("one",
// or the only form), msgid_plural the plural ("other").
func EnglishPair(forms map[locale.Form]string) (string, string) {
	if plural(forms) {
		one, ok := forms[locale.One]
		if !ok {
			one = forms[locale.Other]
		}
		return one, forms[locale.Other]
	}
	return forms[locale.Other], ""
}

// poString writes s as a PO string: C escapes, and a text with line breaks
// split after each, as gettext tools write it.
func poString(s string) string {
	esc := func(s string) string {
		var b strings.Builder
		b.WriteByte('"')
		for _, r := range s {
			switch r {
			case '"':
				b.WriteString(`\"`)
			case '\\':
				b.WriteString(`\\`)
			case '\n':
				b.WriteString(`\n`)
			case '\t':
				b.WriteString(`\t`)
			case '\r':
				b.WriteString(`\r`)
			default:
				if r < 0x20 || r == 0x7f {
					fmt.Fprintf(&b, `\%03o`, r)
				} else {
					b.WriteRune(r)
				}
			}
		}
		b.WriteByte('"')
		return b.String()
	}
	if !strings.Contains(strings.TrimSuffix(s, "\n"), "\n") {
		return esc(s)
	}
	parts := strings.SplitAfter(s, "\n")
	var b strings.Builder
	b.WriteString(`""`)
	for _, p := range parts {
		if p != "" {
			b.WriteString("\n" + esc(p))
		}
	}
	return b.String()
}

// POForms is what one PO entry gives for a unit's plural forms.
type POForms struct {
	// Text holds the text of each form the entry gives; an empty msgstr
	// gives none (gettext's "not translated"), so that import keeps what
	// the catalogue has for that form.
	Text map[locale.Form]string
	// Names says how the file names each form: "msgstr[1]".
	Names map[locale.Form]string
	// Lines says where each form's msgstr stands.
	Lines map[locale.Form]int
	// Follow maps a form gettext has no msgstr for to the form whose text
	// it takes: Russian "other" (fractions, 1,5 года) takes "few".
	Follow map[locale.Form]locale.Form
	// Problems are the parts of the entry that do not fit the unit (a
	// msgstr[N] past the language's forms, a singular msgstr for a unit
	// with plural forms): not imported, each at its line.
	Problems []Problem
}

// Problem is a part of a work file that import cannot take, at its line.
type Problem struct {
	Line int    // the line of the part
	Msg  string // what is wrong and what to do
}

// Forms reads the msgstr lines of a PO entry as the plural forms of a unit
// of tag whose English has the forms english: msgstr for a unit with one
// form, msgstr[N] (gettext's order of the language's forms) for one with
// plural forms. It never invents a form: a form whose msgstr is missing or
// empty is not in Text, and what does not fit is in Problems.
func Forms(tag language.Tag, english map[locale.Form]string, e *POEntry) POForms {
	out := POForms{Text: map[locale.Form]string{}, Names: map[locale.Form]string{}, Lines: map[locale.Form]int{}}
	problem := func(line int, format string, args ...any) {
		out.Problems = append(out.Problems, Problem{line, fmt.Sprintf(format, args...)})
	}
	strLine := e.Line // the first msgstr's line, for problems of the entry as a whole
	for i := range 6 {
		if l, ok := e.StrLine[i]; ok {
			strLine = l
			break
		}
	}
	if !plural(english) {
		if e.Indexed || e.Plural != "" {
			problem(strLine, "msgid_plural or msgstr[N] for a unit with one form: write its translation as msgstr: not imported")
			return out
		}
		if s := e.Str[0]; s != "" {
			out.Text[locale.Other], out.Names[locale.Other], out.Lines[locale.Other] = s, "msgstr", e.StrLine[0]
		}
		return out
	}
	rule, known := ruleFor(tag)
	if !known {
		problem(e.Line, "no gettext plural rule is known for %s, and the unit has plural forms: hand it off as XLIFF instead; not imported", locale.EnglishName(tag))
		return out
	}
	last := len(rule.forms) - 1
	if !e.Indexed {
		problem(strLine, "a single msgstr for a unit with plural forms: write msgid_plural and msgstr[0] to msgstr[%d] (%s): not imported", last, formList(rule.forms))
		return out
	}
	for i := range 6 {
		s, ok := e.Str[i]
		switch {
		case !ok:
		case i > last:
			problem(e.StrLine[i], "msgstr[%d]: gettext's %s has %d plural forms, msgstr[0] to msgstr[%d] (%s): not imported", i, locale.EnglishName(tag), len(rule.forms), last, formList(rule.forms))
		case s != "":
			f := rule.forms[i]
			out.Text[f], out.Names[f], out.Lines[f] = s, "msgstr["+strconv.Itoa(i)+"]", e.StrLine[i]
		}
	}
	for i, f := range rule.forms {
		out.Names[f] = "msgstr[" + strconv.Itoa(i) + "]"
	}
	if rule.other != "" {
		out.Follow = map[locale.Form]locale.Form{locale.Other: rule.other}
	}
	return out
}

// PluralMismatch says, when the file's Plural-Forms header numbers tag's
// plural forms otherwise than tilmash does (another nplurals), what is
// wrong: its msgstr[N] would land in the wrong forms, so no plural entry
// is imported. A header with no number (a template's "nplurals=INTEGER",
// which msginit leaves for a language it does not know) is no mismatch.
func (po *PO) PluralMismatch(tag language.Tag) string {
	h := po.Header["Plural-Forms"]
	_, rest, ok := strings.Cut(h, "nplurals=")
	if !ok {
		return ""
	}
	num, _, _ := strings.Cut(rest, ";")
	n, err := strconv.Atoi(strings.TrimSpace(num))
	if err != nil {
		return ""
	}
	rule, known := ruleFor(tag)
	if !known || n == len(rule.forms) {
		return ""
	}
	return fmt.Sprintf("the file's Plural-Forms has nplurals=%d, and tilmash numbers %s's gettext forms as %d (%s; Plural-Forms: %s): plural entries not imported; set the header's Plural-Forms to tilmash's", n, locale.EnglishName(tag), len(rule.forms), formList(rule.forms), rule.header)
}

func formList(forms []locale.Form) string {
	s := make([]string, len(forms))
	for i, f := range forms {
		s[i] = string(f)
	}
	return strings.Join(s, ", ")
}
