package handoff

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
)

// XLIFF12Namespace is the namespace of XLIFF 1.2.
const XLIFF12Namespace = "urn:oasis:names:tc:xliff:document:1.2"

// pluralRestype marks the <group> that holds a plural unit's forms, as
// gettext's XLIFF (Translate Toolkit's po2xliff) and Okapi write them.
const pluralRestype = "x-gettext-plurals"

// charCtype marks the <ph> that stands for a character XML 1.0 cannot
// carry (NUL, form feed…): its content is the code point, "U+000C".
const charCtype = "x-tilmash-char"

// maxNested is how deeply WriteXLIFF12 nests <g>s: a message whose tags
// nest deeper is written with flat <bpt>/<ept>s, so that every file it
// writes stays within the depth ReadXLIFF12 reads.
const maxNested = 16

// WriteXLIFF12 writes units as an XLIFF 1.2 document for tag, the version
// Trados, memoQ, Phrase, Smartcat and OmegaT (Okapi) read, valid against
// the OASIS strict schema. A unit is a <trans-unit> (its ID as id and
// resname) with the English as <source>, the translation as <target>, and
// <note from="tilmash">s: where it stands, its context, the English a stale
// translation was made from, the checks' findings, glossary terms,
// translation-memory suggestions and "hash H base B", which import needs.
// A plural unit is a <group restype="x-gettext-plurals"> (its ID as id)
// holding one trans-unit per plural form of the language, id "ID[form]",
// with a note that names the form and the numbers that take it. Every
// trans-unit is xml:space="preserve".
//
// A target is written only where there is a translation: an up-to-date
// one is state="final" and approved="yes"; a stale or rejected one keeps
// its text in state="needs-review-translation", to revise. Inline codes
// are numbered per trans-unit, the same code the same id in source and
// target: tags that nest as <g ctype="x-name">, otherwise as
// <bpt>/<ept> pairs (an unpaired one as <it>) holding the tag,
// placeholders and self-closing codes as <ph> holding the code, and each
// character XML 1.0 cannot carry as <ph ctype="x-tilmash-char">U+000C</ph>.
func WriteXLIFF12(tag language.Tag, units []Unit) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, "<xliff xmlns=%s version=\"1.2\">\n", xmlAttr(XLIFF12Namespace))
	fmt.Fprintf(&b, "  <file original=%s source-language=\"en\" target-language=%s datatype=\"plaintext\" tool-id=\"tilmash\">\n", xmlAttr("tilmash:"+tag.String()), xmlAttr(tag.String()))
	b.WriteString("    <header>\n      <tool tool-id=\"tilmash\" tool-name=\"tilmash\"/>\n")
	b.WriteString("      <note from=\"tilmash\">Translate each target and confirm it (state translated, signed-off or final); a target left new or needs-review-translation is not imported. Keep every trans-unit's id, its codes and the notes from tilmash. Bring the file back with tilmash import.</note>\n")
	b.WriteString("    </header>\n    <body>\n")
	examples := map[string]string{} // formExamples, once per form
	for _, u := range units {
		notes := notes12(u)
		done := u.Translated() && !u.Stale && len(u.Rejected) == 0
		if !plural(u.English) {
			seg := segments(tag, u)[0]
			transUnit12(&b, "      ", u.ID, seg, done, notes)
			continue
		}
		fmt.Fprintf(&b, "      <group id=%s resname=%s restype=%q>\n", xmlAttr(u.ID), xmlAttr(u.ID), pluralRestype)
		for _, seg := range segments(tag, u) {
			if _, ok := examples[seg.form]; !ok {
				examples[seg.form] = formExamples(tag, locale.Form(seg.form))
			}
			form := fmt.Sprintf("  <note from=\"tilmash\" annotates=\"target\">Plural form %s: %s</note>\n", seg.form, examples[seg.form])
			transUnit12(&b, "        ", u.ID+"["+seg.form+"]", seg, done, append([]string{form}, notes...))
		}
		b.WriteString("      </group>\n")
	}
	b.WriteString("    </body>\n  </file>\n</xliff>\n")
	return b.Bytes()
}

// formExamples tells which numbers take form f in the language: "1, 21,
// 31, 41…", or "fractions, 1,5" for a form no whole number takes.
func formExamples(tag language.Tag, f locale.Form) string {
	var ex []string
	for n := 0; n <= 1_000_000 && len(ex) < 4; n++ {
		if locale.PluralForm(tag, n) == f {
			ex = append(ex, strconv.Itoa(n))
		}
		if n == 200 { // then the round numbers (French "many": a million)
			n = 999
		} else if n >= 1000 {
			n = n*10 - 1
		}
	}
	if len(ex) == 0 {
		return "fractions, 1" + locale.DecimalSeparator(tag) + "5"
	}
	return strings.Join(ex, ", ") + "…"
}

// transUnit12 writes one <trans-unit>.
func transUnit12(b *bytes.Buffer, indent, id string, seg segment, done bool, notes []string) {
	approved := ""
	if done && seg.text != "" {
		approved = ` approved="yes"`
	}
	fmt.Fprintf(b, "%s<trans-unit id=%s resname=%s xml:space=\"preserve\"%s>\n", indent, xmlAttr(id), xmlAttr(id), approved)
	ids := map[string]int{}
	number12(ids, seg.english)
	number12(ids, seg.text)
	fmt.Fprintf(b, "%s  <source>%s</source>\n", indent, inline12(seg.english, ids))
	if seg.text != "" {
		state := "needs-review-translation"
		if done {
			state = "final"
		}
		fmt.Fprintf(b, "%s  <target state=%q>%s</target>\n", indent, state, inline12(seg.text, ids))
	}
	for _, n := range notes {
		b.WriteString(indent + n)
	}
	fmt.Fprintf(b, "%s</trans-unit>\n", indent)
}

// notes12 are a unit's <note>s, each a line without its indent: what the
// 2.0 writer's categories say, said in words, since a 1.2 note has none.
func notes12(u Unit) []string {
	var out []string
	note := func(attrs, text string) {
		out = append(out, fmt.Sprintf("  <note from=\"tilmash\"%s>%s</note>\n", attrs, xmlNote(text)))
	}
	for _, w := range u.Where {
		note(` annotates="source"`, "Where: "+w)
	}
	for _, c := range u.Context {
		note(` annotates="source"`, "Context: "+c)
	}
	if u.Stale && u.Previous != nil {
		for _, f := range locale.Forms {
			if s, ok := u.Previous[f]; ok {
				label := "Translated from the earlier English"
				if len(u.Previous) > 1 {
					label += " (" + string(f) + ")"
				}
				note(` annotates="source" priority="2"`, label+": "+s)
			}
		}
	}
	for _, s := range u.Rejected {
		note(` annotates="target" priority="1"`, "tilmash check rejects it: "+s)
	}
	for _, s := range u.Terms {
		note(` annotates="source"`, "Glossary: "+s)
	}
	for _, s := range u.Suggestions {
		note("", "Translation memory: "+s)
	}
	meta := "hash " + u.Hash
	if u.Base != "" {
		meta += " base " + u.Base
	}
	note(` priority="10"`, meta)
	return out
}

// xmlNote writes a note's text: XML character data, a character XML 1.0
// cannot carry as "U+000C" (a note has no markup to carry it).
func xmlNote(s string) string {
	var b strings.Builder
	for _, r := range s {
		if xmlChar(r) {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "U+%04X", r)
		}
	}
	return xmlText(b.String())
}

// What a code is in XLIFF 1.2.
const (
	c12Self     = iota // a placeholder or self-closing code: <ph>
	c12Char            // a character XML 1.0 cannot carry: <ph ctype="x-tilmash-char">
	c12Open            // a tag whose close follows: <g> or <bpt>
	c12Close           // the close of a c12Open: </g> or <ept>
	c12IsoOpen         // a tag never closed: <it pos="open">
	c12IsoClose        // a close without its tag: <it pos="close">
)

// code12 is one code of a message, as XLIFF 1.2 writes it.
type code12 struct {
	start, end int
	kind       int
	name       string // the tag's name: em, a1
	key        string // the code's text and which of that text it is ("<em>.2"): the same in source and target
	open       int    // a c12Close's open
}

// codes12 lists s's codes (codes finds them) and the characters XML 1.0
// cannot carry, pairs each tag with its close and keys each code, so that
// the k-th <em> of the source and of the target get the same id. nested
// reports whether every tag is closed, in order, at most maxNested deep:
// then <g> can carry them.
func codes12(s string) (out []code12, nested bool) {
	nested = true
	seen := map[string]int{}
	var open []int // indices in out of the tags not yet closed
	chars := func(from, to int) {
		for i := from; i < to; {
			r, n := utf8.DecodeRuneInString(s[i:to])
			if (r != utf8.RuneError || n > 1) && !xmlChar(r) {
				out = append(out, code12{start: i, end: i + n, kind: c12Char, key: nextID(seen, s[i:i+n])})
			}
			i += n
		}
	}
	last := 0
	for _, c := range codes(s) {
		chars(last, c.start)
		last = c.end
		text := s[c.start:c.end]
		switch {
		case c.placeholder, c.self:
			out = append(out, code12{start: c.start, end: c.end, kind: c12Self, key: nextID(seen, text)})
		case !c.closing:
			open = append(open, len(out))
			out = append(out, code12{start: c.start, end: c.end, kind: c12IsoOpen, name: c.name, key: nextID(seen, text)})
			if len(open) > maxNested {
				nested = false
			}
		default:
			k := len(open) - 1
			for k >= 0 && out[open[k]].name != c.name {
				k--
			}
			if k != len(open)-1 {
				nested = false
			}
			if k < 0 {
				out = append(out, code12{start: c.start, end: c.end, kind: c12IsoClose, name: c.name, key: nextID(seen, text)})
				continue
			}
			out[open[k]].kind = c12Open
			out = append(out, code12{start: c.start, end: c.end, kind: c12Close, name: c.name, open: open[k]})
			open = append(open[:k], open[k+1:]...)
		}
	}
	chars(last, len(s))
	if len(open) > 0 {
		nested = false
	}
	return out, nested
}

// number12 gives each code of s that has no id yet the next number: the
// source's codes first, then the target's own.
func number12(ids map[string]int, s string) {
	cs, _ := codes12(s)
	for _, c := range cs {
		if c.kind != c12Close {
			if _, ok := ids[c.key]; !ok {
				ids[c.key] = len(ids) + 1
			}
		}
	}
}

// inline12 writes a message's text as XLIFF 1.2 inline content, each code
// under its id in ids (number12).
func inline12(s string, ids map[string]int) string {
	cs, nested := codes12(s)
	var b strings.Builder
	last := 0
	for _, c := range cs {
		b.WriteString(xmlText(s[last:c.start]))
		last = c.end
		text := s[c.start:c.end]
		key := c.key
		if c.kind == c12Close {
			key = cs[c.open].key
		}
		id := strconv.Itoa(ids[key])
		ctype := xmlAttr("x-" + c.name)
		switch {
		case c.kind == c12Self:
			fmt.Fprintf(&b, `<ph id="%s">%s</ph>`, id, xmlText(text))
		case c.kind == c12Char:
			r, _ := utf8.DecodeRuneInString(text)
			fmt.Fprintf(&b, `<ph id="%s" ctype=%q>U+%04X</ph>`, id, charCtype, r)
		case c.kind == c12Open && nested:
			fmt.Fprintf(&b, `<g id="%s" ctype=%s>`, id, ctype)
		case c.kind == c12Close && nested:
			b.WriteString("</g>")
		case c.kind == c12Open:
			fmt.Fprintf(&b, `<bpt id="%s" ctype=%s>%s</bpt>`, id, ctype, xmlText(text))
		case c.kind == c12Close:
			fmt.Fprintf(&b, `<ept id="%s">%s</ept>`, id, xmlText(text))
		case c.kind == c12IsoOpen:
			fmt.Fprintf(&b, `<it id="%s" pos="open" ctype=%s>%s</it>`, id, ctype, xmlText(text))
		default: // c12IsoClose
			fmt.Fprintf(&b, `<it id="%s" pos="close" ctype=%s>%s</it>`, id, ctype, xmlText(text))
		}
	}
	b.WriteString(xmlText(s[last:]))
	return b.String()
}
