package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tilmash/tilmash/glossary"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/finding"
	"github.com/tilmash/tilmash/translate/inflect"
	"github.com/tilmash/tilmash/translate/locale"
)

// The codes of the glossary check.
const (
	CodeGlossaryMissing   = "glossary-missing"   // an approved rendering is missing
	CodeGlossaryAlso      = "glossary-also"      // a rendering that must accompany the term is missing
	CodeGlossaryForbidden = "glossary-forbidden" // a forbidden rendering is used
	CodeGlossaryAltered   = "glossary-altered"   // a do-not-translate term was changed
)

// Glossary holds target's translations to the glossary g: for every
// translated unit whose English (in src) uses a term, the translation
// must hold one of the term's approved renderings in target's locale, and
// everything it must appear with; a do-not-translate term must stand
// unchanged; no translation may use a forbidden rendering. Untranslated
// units are left to the coverage check. Inflected forms count, as package
// inflect matches them: «квартиру» is «квартира», «пәтерде» is «пәтер».
func Glossary(g *glossary.Glossary, src, target *catalog.Catalog) []finding.Finding {
	tag := target.Locale
	loc := tag.String()
	m := inflect.For(tag)
	var phrases []string
	for _, e := range g.Entries {
		if r := e.Locales[loc]; r != nil {
			phrases = append(append(append(phrases, r.Forbidden...), r.Approved...), r.Also...)
		}
	}
	if len(g.Entries) == 0 {
		return nil
	}
	ix := renderingIndex(g, loc, m, phrases)
	var forbidding []*glossary.Entry // the entries with forbidden renderings in this locale
	for _, e := range g.Entries {
		if r := e.Locales[loc]; r != nil && len(r.Forbidden) > 0 {
			forbidding = append(forbidding, e)
		}
	}
	var out []finding.Finding
	for _, tm := range target.Messages {
		if !tm.Translated() {
			continue
		}
		sm := src.Lookup(tm.ID)
		form, _ := firstForm(tm)
		report := func(code, msg, hint string, off int) {
			out = append(out, finding.Finding{Pos: tm.ValuePos(form, off), Unit: tm.ID, Locale: loc, Code: code, Severity: finding.Error, Message: msg, Hint: hint})
		}
		all := allForms(tm)
		var allWords *inflect.Text // split into words when first needed
		words := func() *inflect.Text {
			if allWords == nil {
				allWords = ix.Text(all)
			}
			return allWords
		}
		// Forbidden renderings are wrong wherever they stand, in every form.
		for _, f := range locale.Forms {
			ftext := tm.Forms[f]
			if ftext == "" || len(forbidding) == 0 {
				continue
			}
			fwords := ix.Text(ftext)
			for _, e := range forbidding {
				r := e.Locales[loc]
				reported := map[inflect.Span]bool{}
				for _, bad := range r.Forbidden {
					for _, sp := range fwords.Find(bad) {
						if reported[sp] || isApproved(m, ftext[sp.Start:sp.End], r.Approved) {
							continue // reported, or the approved word itself, which a stem can resemble
						}
						reported[sp] = true
						out = append(out, finding.Finding{Pos: tm.ValuePos(f, sp.Start), Unit: tm.ID, Locale: loc, Code: CodeGlossaryForbidden, Severity: finding.Error,
							Message: fmt.Sprintf("%q renders %q, which the glossary forbids in %s", ftext[sp.Start:sp.End], e.Term, loc),
							Hint:    "write " + quoteList(r.Approved) + glossaryNote(r, e)})
					}
				}
			}
		}
		if sm == nil {
			continue // obsolete entry
		}
		seen := map[*glossary.Entry]bool{}
		for _, o := range g.Find(sm.Text()) {
			e := o.Entry
			if seen[e] {
				continue
			}
			seen[e] = true
			term := sm.Text()[o.Start:o.End]
			if e.DoNotTranslate {
				if !strings.Contains(all, strings.TrimSuffix(strings.TrimSuffix(term, "'s"), "’s")) && !strings.Contains(all, e.Term) {
					report(CodeGlossaryAltered, fmt.Sprintf("%q is not to be translated, but the translation does not keep it", e.Term), "write "+fmt.Sprintf("%q", e.Term)+" as it is", 0)
				}
				continue
			}
			r := e.Locales[loc]
			if r == nil || len(r.Approved) == 0 {
				continue
			}
			if !containsAny(words(), r.Approved) {
				report(CodeGlossaryMissing, fmt.Sprintf("the English has %q; the translation lacks the glossary's %s", term, quoteList(r.Approved)),
					"use the approved rendering, inflected as the sentence needs"+glossaryNote(r, e), 0)
			}
			for _, a := range r.Also {
				if !words().Contains(a) {
					report(CodeGlossaryAlso, fmt.Sprintf("the English has %q; the glossary wants «%s» with it", term, a), "add it"+glossaryNote(r, e), 0)
				}
			}
		}
	}
	finding.Sort(out)
	return out
}

// renderingsOf is the key under which a glossary keeps a locale's index
// of renderings (glossary.Derived).
type renderingsOf string

// renderingIndex returns loc's index of phrases, made the first time it
// is asked for (the phrases are the same every time: the entries'
// renderings) and kept with the glossary, its Fresh copies included: its
// memory of the words met is what makes the check cheap.
func renderingIndex(g *glossary.Glossary, loc string, m inflect.Matcher, phrases []string) *inflect.Index {
	return glossary.Derived(g, renderingsOf(loc), func() *inflect.Index { return inflect.NewIndex(m, phrases) })
}

func glossaryNote(r *glossary.Rendering, e *glossary.Entry) string {
	if r.Note != "" {
		return "; glossary: " + r.Note
	}
	if e.Note != "" {
		return "; glossary: " + e.Note
	}
	return ""
}

func containsAny(text *inflect.Text, phrases []string) bool {
	for _, p := range phrases {
		if text.Contains(p) {
			return true
		}
	}
	return false
}

// isApproved reports whether the whole of s is one of the approved renderings.
func isApproved(m inflect.Matcher, s string, approved []string) bool {
	for _, a := range approved {
		for _, sp := range inflect.Find(m, s, a) {
			if sp.Start == 0 && sp.End == len(s) {
				return true
			}
		}
	}
	return false
}

func quoteList(ss []string) string {
	var q []string
	for _, s := range ss {
		q = append(q, "«"+s+"»")
	}
	return strings.Join(q, " or ")
}

// firstForm returns the message's "other" form, or its first non-empty one.
func firstForm(m *catalog.Message) (locale.Form, string) {
	if s := m.Forms[locale.Other]; s != "" {
		return locale.Other, s
	}
	for _, f := range locale.Forms {
		if s := m.Forms[f]; s != "" {
			return f, s
		}
	}
	return locale.Other, ""
}

// allForms joins every form's text, so a term in any form counts.
func allForms(m *catalog.Message) string {
	var forms []string
	for _, f := range locale.Forms {
		if s := m.Forms[f]; s != "" {
			forms = append(forms, s)
		}
	}
	sort.Strings(forms)
	return strings.Join(forms, "\n")
}
