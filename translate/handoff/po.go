package handoff

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
)

// WritePO writes units as a gettext PO file for tag, as msgfmt -c accepts
// it: msgctxt is the unit's ID; "#." comments carry its context, the TM's
// suggestions and the hashes import checks; "#:" where it stands; a stale
// unit is "#, fuzzy" with "#| msgid" holding the English its translation
// was made from; plural units use msgid_plural and the language's gettext
// Plural-Forms.
func WritePO(tag language.Tag, units []Unit) ([]byte, error) {
	rule, known := ruleFor(tag)
	var b strings.Builder
	b.WriteString("# tilmash work file: translate the msgstr lines, then run tilmash import on this file.\n")
	b.WriteString("# Leave msgctxt and the \"#. tilmash:\" lines as they are: they say which unit and which English each entry is for.\n")
	b.WriteString("msgid \"\"\nmsgstr \"\"\n")
	header := []string{
		"Project-Id-Version: tilmash",
		"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE", // a translator's tool sets it on save
		"Last-Translator: FULL NAME <EMAIL@ADDRESS>",
		"Language-Team: " + locale.EnglishName(tag),
		"Language: " + tag.String(),
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=UTF-8",
		"Content-Transfer-Encoding: 8bit",
	}
	if known {
		header = append(header, "Plural-Forms: "+rule.header)
	}
	header = append(header, "X-Generator: tilmash")
	for _, h := range header {
		b.WriteString(poString(h+"\n") + "\n")
	}
	for _, u := range units {
		if plural(u.English) && !known {
			return nil, fmt.Errorf("%s: no gettext plural rule is known for %s, and unit %s has plural forms: hand off as XLIFF instead", tag, locale.EnglishName(tag), u.ID)
		}
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
				one, other := englishPair(u.Previous)
				prev := func(s string) string { return strings.ReplaceAll(poString(s), "\n", "\n#| ") }
				b.WriteString("#| msgctxt " + prev(u.ID) + "\n")
				b.WriteString("#| msgid " + prev(one) + "\n")
				if plural(u.Previous) {
					b.WriteString("#| msgid_plural " + prev(other) + "\n")
				}
			}
		}
		b.WriteString("msgctxt " + poString(u.ID) + "\n")
		one, other := englishPair(u.English)
		b.WriteString("msgid " + poString(one) + "\n")
		if plural(u.English) {
			b.WriteString("msgid_plural " + poString(other) + "\n")
			for i, f := range rule.forms {
				b.WriteString("msgstr[" + strconv.Itoa(i) + "] " + poString(u.Text[f]) + "\n")
			}
		} else {
			b.WriteString("msgstr " + poString(u.Text[locale.Other]) + "\n")
		}
	}
	return []byte(b.String()), nil
}

// englishPair is the English as gettext holds it: msgid the singular ("one",
// or the only form), msgid_plural the plural ("other").
func englishPair(forms map[locale.Form]string) (string, string) {
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

func formList(forms []locale.Form) string {
	s := make([]string, len(forms))
	for i, f := range forms {
		s[i] = string(f)
	}
	return strings.Join(s, ", ")
}
