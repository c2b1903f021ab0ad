package workspace

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/handoff"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/tm"
)

// HandoffUnits returns the units of a locale that need work, missing,
// stale and rejected by the checks (every unit with all), in the source catalogue's order, with
// what a work file carries of each.
func (w *Workspace) HandoffUnits(tag language.Tag, all bool) ([]handoff.Unit, error) {
	t, err := w.translated(tag)
	if err != nil {
		return nil, err
	}
	if err := w.ready(); err != nil {
		return nil, err
	}
	// What the checks reject, as build does: not published until fixed.
	rejected := w.rejections(t)
	var units []handoff.Unit
	for _, sm := range w.Source.Messages {
		u := sourceUnit(sm)
		if tm := t.Lookup(sm.ID); tm != nil && tm.Translated() {
			u.Text, u.Base = tm.Forms, handoff.TextHash(tm.Forms)
			if tm.Hash != sm.Hash {
				u.Stale = true
				if u.Previous = tm.Previous(); u.Previous == nil {
					u.Previous = tm.Source()
				}
			}
		}
		if tm := t.Lookup(sm.ID); tm != nil {
			for _, c := range tm.Comments {
				if rest, ok := strings.CutPrefix(c, "#, tm "); ok {
					u.Suggestions = append(u.Suggestions, rest)
				}
			}
		}
		if e := rejected[sm.ID]; e != nil && u.Translated() {
			u.Rejected = append(u.Rejected, fmt.Sprintf("%s: %v", e.Pos, e.Err))
		}
		u.Terms = w.terms(tag, sm.Forms[locale.Other])
		if all || !u.Translated() || u.Stale || len(u.Rejected) > 0 {
			units = append(units, u)
		}
	}
	return units, nil
}

// TemplateUnits are every unit of the source, with its English, place,
// context and hash, and no translation: a template (POT) to start a
// language from.
func (w *Workspace) TemplateUnits() ([]handoff.Unit, error) {
	if w.Source == nil {
		return nil, fmt.Errorf("no source catalogue %s: run tilmash extract first", w.SourcePath())
	}
	if err := w.ready(); err != nil {
		return nil, err
	}
	units := make([]handoff.Unit, 0, len(w.Source.Messages))
	for _, sm := range w.Source.Messages {
		units = append(units, sourceUnit(sm))
	}
	return units, nil
}

// sourceUnit is what a work file carries of a unit's source entry.
func sourceUnit(sm *catalog.Message) handoff.Unit {
	u := handoff.Unit{ID: sm.ID, English: sm.Forms, Hash: sm.Hash}
	for _, c := range sm.Comments {
		if rest, ok := strings.CutPrefix(c, "#: "); ok {
			u.Where = append(u.Where, rest)
		}
	}
	if sm.Description != "" {
		u.Context = append(u.Context, sm.Description)
	}
	return u
}

// terms lists the glossary's terms in an English text with their approved
// renderings in tag: "flat → квартира (note)".
func (w *Workspace) terms(tag language.Tag, english string) []string {
	if w.Glossary == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, o := range w.Glossary.Find(english) {
		e := o.Entry
		if seen[e.Term] {
			continue
		}
		seen[e.Term] = true
		s := e.Term + " → "
		switch r := e.Locales[tag.String()]; {
		case e.DoNotTranslate:
			s += e.Term + " (as it is)"
		case r == nil || len(r.Approved) == 0:
			s += "(no rendering yet)"
		default:
			s += strings.Join(r.Approved, " / ")
			if r.Note != "" {
				s += " (" + r.Note + ")"
			}
		}
		out = append(out, s)
	}
	return out
}

// MemoryEntries is the translation memory of a locale (catalog.MemoryEntries).
func (w *Workspace) MemoryEntries(tag language.Tag) ([]tm.Entry, error) {
	t, err := w.translated(tag)
	if err != nil {
		return nil, err
	}
	return catalog.MemoryEntries(w.Source, t), nil
}

// translated returns the catalogue a translator works in for tag, once
// extract has run and no catalogue is broken: not a derived one.
func (w *Workspace) translated(tag language.Tag) (*catalog.Catalog, error) {
	if w.Source == nil {
		return nil, fmt.Errorf("no source catalogue %s: run tilmash extract first", w.SourcePath())
	}
	if err := w.BrokenErr(); err != nil {
		return nil, err
	}
	t := w.target(tag)
	if t == nil {
		return nil, fmt.Errorf("no catalogue for %s in %s/: start one with tilmash extract --add-locale %s", tag, w.Layout.Locales, tag)
	}
	if t.Derived() {
		return nil, fmt.Errorf("%s is derived from %s (tilmash.toml): its text is computed; translate %s", tag, t.DerivedFrom, t.DerivedFrom)
	}
	return t, nil
}

// ImportReport is what an import did, entry by entry.
type ImportReport struct {
	Locale    language.Tag
	Changed   []string // units whose translation the file changed
	Unchanged int      // entries that matched the catalogue already
	Untouched int      // entries left empty or fuzzy: nothing to import
	Partial   []string // "file:line: unit: what", entries that give some forms only: the others kept as the catalogue has them
	Skipped   []string // "file:line: unit: why", entries (or parts of them) not imported
	Refused   []string // "file:line: unit: why", entries whose English changed since the file was made
	// Conflicts are "file:line: unit: why" for entries identified by their
	// unit ID and English alone (the file lost tilmash's lines) whose
	// translation differs from the catalogue's: not imported unless forced.
	Conflicts []string
	// Exempted are "unit: directive" for each "# tilmash: ignore …" or
	// "# tilmash: identical" comment the file gave an entry (a PO
	// translator comment), now above the unit's catalogue entry.
	Exempted []string
}

// imported is one entry of a work file, whatever its format.
type imported struct {
	file       string                      // the work file
	line       int                         // the line of the entry
	id         string                      // the unit
	hash, base string                      // the English it was made for; the translation it started from
	forms      map[locale.Form]string      // the text of each form the entry gives; empty: nothing to import (empty, fuzzy, not yet translated)
	names      map[locale.Form]string      // how the file names each form: msgstr[1], segment "few"
	lines      map[locale.Form]int         // where each form stands
	follow     map[locale.Form]locale.Form // forms the format has no place for, and the form whose text each takes
	parts      []locale.Form               // every form the entry names, with a text or not (XLIFF's segments)
	problems   []handoff.Problem           // parts of the entry not imported, each at its line
	directives []string                    // the translator's "# tilmash: …" comments (PO)
	// matched says the entry had no tilmash lines (a tool dropped them)
	// and was identified by its unit ID and its English instead: the
	// translation it started from is unknown.
	matched bool
	// given is the text of each form the entry holds, confirmed or not
	// (a fuzzy msgstr, an initial segment's target): a directive comes
	// in with an entry left for later only when this is the catalogue's
	// text, the translation it is about.
	given map[locale.Form]string
}

func (e *imported) where() string { return fmt.Sprintf("%s:%d: %s", e.file, e.line, e.id) }

// at is "file:line: unit: msg" for a part of the entry at line.
func (e *imported) at(line int, msg string) string {
	return fmt.Sprintf("%s:%d: %s: %s", e.file, line, e.id, msg)
}

// Import applies a translated work file that handoff wrote (gettext PO,
// XLIFF 1.2 or XLIFF 2.0, told apart by their content) to the catalogue of the locale it
// names. It never overwrites a translation that changed in the catalogue
// since the file was made, unless force; it refuses entries whose English
// changed since. It keeps what the file does not replace: a form the file
// gives no text for keeps the catalogue's; forms and units the catalogue
// does not have, and a unit given twice, are named, not imported. It
// returns the catalogue's new content (none when nothing changed).
func (w *Workspace) Import(file string, data []byte, force bool) (fileset.Set, ImportReport, error) {
	var lang string
	var entries []imported
	if isXML(data) {
		read := handoff.ReadXLIFF
		if handoff.XLIFFVersion(data) == "1.2" {
			read = handoff.ReadXLIFF12
		}
		x, err := read(file, data)
		if err != nil {
			return nil, ImportReport{}, err
		}
		lang = x.TrgLang
		for _, u := range x.Units {
			e := imported{file: file, line: u.Line, id: u.ID, hash: u.Hash, base: u.Base, forms: map[locale.Form]string{}, names: map[locale.Form]string{}, lines: map[locale.Form]int{}}
			for _, n := range u.Notes { // a translator's note "tilmash: ignore number"
				e.directives = append(e.directives, directives([]string{"# " + strings.TrimPrefix(n, "# ")})...)
			}
			first := map[string]int{} // segment id → its line
			for _, seg := range u.Segments {
				if l, dup := first[seg.ID]; dup {
					e.problems = append(e.problems, handoff.Problem{Line: seg.Line, Msg: fmt.Sprintf("segment %q twice in the unit (lines %d and %d): the unit is not imported; keep one", seg.ID, l, seg.Line)})
					continue
				}
				first[seg.ID] = seg.Line
				f := locale.Form(seg.ID)
				e.names[f], e.lines[f] = fmt.Sprintf("segment %q", seg.ID), seg.Line
				e.parts = append(e.parts, f)
				if seg.HasTarget && seg.Target != "" {
					if e.given == nil {
						e.given = map[locale.Form]string{}
					}
					e.given[f] = seg.Target
				}
				switch seg.State {
				case "translated", "reviewed", "final":
					if seg.HasTarget && seg.Target != "" {
						e.forms[f] = seg.Target
					}
				}
			}
			if len(e.problems) > 0 {
				e.forms = nil
			}
			entries = append(entries, e)
		}
	} else {
		po, err := handoff.ReadPO(file, data)
		if err != nil {
			return nil, ImportReport{}, err
		}
		lang = po.Header["Language"]
		tag, err := locale.Parse(lang)
		if err != nil {
			return nil, ImportReport{}, fmt.Errorf("%s: the header's Language %q: %v", file, lang, err)
		}
		mismatch := po.PluralMismatch(tag)
		for _, pe := range po.Entries {
			e := imported{file: file, line: pe.Line, id: pe.Context}
			e.hash, e.base = tilmashHashes(pe.Comments)
			e.directives = directives(pe.Comments)
			sm := w.sourceMessage(pe.Context)
			if e.hash == "" && sm != nil {
				// A tool dropped the "#. tilmash:" lines (msgmerge
				// --no-comments, a platform's export): msgctxt names the
				// unit and msgid its English, which is enough to tell
				// whether the entry translates the English now.
				e.matched = true
				if one, other := handoff.EnglishPair(sm.Forms); pe.ID == one && pe.Plural == other {
					e.hash = sm.Hash
				} else {
					e.hash = "english-differs"
				}
			}
			if sm != nil && pe.Fuzzy && mismatch == "" {
				e.given = handoff.Forms(tag, sm.Forms, pe).Text
			}
			switch {
			case sm == nil || pe.Fuzzy:
			case len(sm.Forms) > 1 && mismatch != "":
				e.problems = []handoff.Problem{{Line: pe.Line, Msg: mismatch}}
			default:
				pf := handoff.Forms(tag, sm.Forms, pe)
				e.forms, e.names, e.lines, e.follow, e.problems = pf.Text, pf.Names, pf.Lines, pf.Follow, pf.Problems
			}
			entries = append(entries, e)
		}
	}
	tag, err := locale.Parse(lang)
	if err != nil {
		return nil, ImportReport{}, fmt.Errorf("%s: its language %q: %v", file, lang, err)
	}
	return w.apply(file, tag, entries, force)
}

func isXML(data []byte) bool {
	t := strings.TrimLeft(strings.TrimPrefix(string(data[:min(len(data), 512)]), "\uFEFF"), " \t\r\n")
	return strings.HasPrefix(t, "<")
}

func (w *Workspace) sourceMessage(id string) *catalog.Message {
	if w.Source == nil {
		return nil
	}
	return w.Source.Lookup(id)
}

// apply is Import's work once the file is read.
func (w *Workspace) apply(file string, tag language.Tag, entries []imported, force bool) (fileset.Set, ImportReport, error) {
	rep := ImportReport{Locale: tag}
	t, err := w.translated(tag)
	if err != nil {
		return nil, rep, fmt.Errorf("%s: %w", file, err)
	}
	entries = dropDuplicates(entries, &rep)
	var pluralForms []locale.Form // the locale's CLDR forms, once
	changed := false
	for i := range entries {
		e := &entries[i]
		sm := w.Source.Lookup(e.id)
		tm := t.Lookup(e.id)
		switch {
		case e.id == "" || e.hash == "":
			rep.Skipped = append(rep.Skipped, e.where()+": not a tilmash entry (no unit ID, or no tilmash hash)")
			continue
		case sm == nil || tm == nil:
			rep.Skipped = append(rep.Skipped, e.where()+": no such unit any more (run tilmash extract, then hand off again)")
			continue
		case e.hash != sm.Hash && e.matched:
			rep.Refused = append(rep.Refused, e.where()+": its msgid is not the unit's English now (and the file has no tilmash lines to tell more): hand off again and translate the new English")
			continue
		case e.hash != sm.Hash:
			rep.Refused = append(rep.Refused, e.where()+": the English changed after this file was made: hand off again and translate the new English")
			continue
		}
		for _, p := range e.problems {
			rep.Skipped = append(rep.Skipped, e.at(p.Line, p.Msg))
		}
		// An exemption the translator set in their tool goes above the
		// entry, as they would have written it in the catalogue, with the
		// translation it is for: only where the entry is imported or
		// confirms what the catalogue has.
		exempt := func() {
			for _, d := range e.directives {
				if !slices.Contains(tm.Notes, d) {
					tm.Notes = append(tm.Notes, d)
					rep.Exempted = append(rep.Exempted, e.id+": "+d)
					changed = true
				}
			}
		}
		// The unit's forms in this locale: other, or every CLDR form.
		valid := []locale.Form{locale.Other}
		if len(sm.Forms) > 1 {
			if pluralForms == nil {
				pluralForms = locale.PluralForms(tag)
			}
			valid = pluralForms
		}
		reported := len(e.problems) > 0
		for _, f := range sortedForms(e.forms, e.parts) {
			if !slices.Contains(valid, f) {
				rep.Skipped = append(rep.Skipped, e.at(e.lines[f], fmt.Sprintf("%s: the unit has no %q form in %s (its forms: %s): not imported", e.names[f], f, locale.EnglishName(tag), formNames(valid))))
				delete(e.forms, f)
				reported = true
			}
		}
		if len(e.forms) == 0 {
			if !reported {
				rep.Untouched++
			}
			if len(e.given) > 0 && handoff.TextHash(e.given) == handoff.TextHash(tm.Forms) {
				exempt() // the translator's word on the catalogue's text, as it stands
			}
			continue
		}
		if long := tooLong(e); long != "" {
			rep.Skipped = append(rep.Skipped, e.where()+": "+long)
			continue
		}
		if left := englishLeft(e, sm.Forms); left != "" && !slices.Contains(check.Directives(append(slices.Clone(tm.Notes), e.directives...)), check.CodeIdentical) {
			rep.Skipped = append(rep.Skipped, e.where()+": "+left)
			continue
		}
		forms, kept, none := merged(tm.Forms, e, valid)
		hash := sm.Hash
		if len(kept) > 0 && tm.Hash != sm.Hash {
			hash = tm.Hash // the forms kept were made from older English: the unit stays stale
		}
		if handoff.TextHash(forms) == handoff.TextHash(tm.Forms) && tm.Hash == hash {
			rep.Unchanged++
			exempt()
			continue
		}
		if e.matched && tm.Translated() && !force {
			rep.Conflicts = append(rep.Conflicts, e.where()+": the catalogue has another translation, and the file has no tilmash lines to tell which is newer: kept the catalogue's (--force takes the file's)")
			continue
		}
		if tm.Translated() && handoff.TextHash(tm.Forms) != e.base && !force {
			rep.Skipped = append(rep.Skipped, e.where()+": the catalogue's translation changed since this file was made: kept it (--force takes the file's)")
			continue
		}
		if len(kept) > 0 {
			msg := fmt.Sprintf("no text for %s in this file: kept the catalogue's", e.formsNamed(kept))
			if hash != sm.Hash {
				msg += ", made from older English: the unit stays stale until they are revised"
			}
			rep.Partial = append(rep.Partial, e.where()+": "+msg)
		}
		if len(none) > 0 {
			rep.Partial = append(rep.Partial, e.where()+": "+fmt.Sprintf("no text for %s in this file nor in the catalogue: the unit stays incomplete", e.formsNamed(none)))
		}
		tm.Forms, tm.Hash = forms, hash
		rep.Changed = append(rep.Changed, e.id)
		changed = true
		exempt()
	}
	if !changed {
		return nil, rep, nil
	}
	synced, _ := catalog.Sync(w.Source, t, t.Locale, t.Path, false)
	return w.catalogueFilesKeepingLayout(synced), rep, nil
}

// tooLong says which form of an entry is longer than a catalogue may
// hold (catalog.MaxText): written, it would leave the locale's catalogue
// unreadable. "" when none is.
func tooLong(e *imported) string {
	for _, f := range sortedForms(e.forms, nil) {
		if n := len(e.forms[f]); n > catalog.MaxText {
			return fmt.Sprintf("%s is a text of %d bytes, longer than any unit of an article (at most %d): not imported; was something pasted by mistake?", e.formsNamed([]locale.Form{f}), n, catalog.MaxText)
		}
	}
	return ""
}

// englishLeft says which form of an entry still holds a sentence of the
// English, untranslated: what a CAT tool writes for a segment it had no
// translation for (OmegaT's target files), which is not the translator's
// confirmed work. "" when none does.
func englishLeft(e *imported, english map[locale.Form]string) string {
	for _, f := range sortedForms(e.forms, nil) {
		en := english[f]
		if en == "" {
			en = english[locale.Other]
		}
		if off, s := check.EnglishLeft(e.forms[f], en); off >= 0 {
			return fmt.Sprintf("%s still holds a sentence of the English, untranslated: %q (a CAT tool writes a segment it has no translation for in English): not imported; translate it in the tool, then import again", e.formsNamed([]locale.Form{f}), s)
		}
	}
	return ""
}

// directives are the "# tilmash: ignore …" and "# tilmash: identical"
// translator comments of a PO entry ("# " lines), as catalogue notes.
func directives(comments []string) []string {
	var out []string
	for _, c := range comments {
		rest, ok := strings.CutPrefix(c, "# ")
		if !ok {
			continue
		}
		rest = strings.TrimSpace(rest)
		if after, ok := strings.CutPrefix(rest, "tilmash:"); ok && len(check.Directives([]string{"# " + rest})) > 0 {
			out = append(out, "# tilmash: "+strings.TrimSpace(after))
		}
	}
	return out
}

// merged is a unit's translation once an entry is applied: each form the
// entry gives takes its text; a form that follows another (PO's Russian
// other, few) takes that form's new text, unless the catalogue gives it a
// text of its own; every other form keeps the catalogue's text. kept and
// none list the unit's forms the entry gives no text for, with and
// without a text in the catalogue.
func merged(cur map[locale.Form]string, e *imported, valid []locale.Form) (forms map[locale.Form]string, kept, none []locale.Form) {
	forms = maps.Clone(cur)
	if forms == nil {
		forms = map[locale.Form]string{}
	}
	for _, f := range valid {
		if s, ok := e.forms[f]; ok {
			forms[f] = s
			continue
		}
		if src, ok := e.follow[f]; ok {
			if s, ok := e.forms[src]; ok && (cur[f] == "" || cur[f] == cur[src]) {
				forms[f] = s
			}
			continue
		}
		if cur[f] != "" {
			kept = append(kept, f)
		} else {
			none = append(none, f)
		}
	}
	return forms, kept, none
}

// dropDuplicates takes out the entries of a unit that the file holds more
// than once: which to import is the translator's call, so neither is, and
// the report names each line.
func dropDuplicates(entries []imported, rep *ImportReport) []imported {
	lines := map[string][]int{}
	for _, e := range entries {
		if e.id != "" {
			lines[e.id] = append(lines[e.id], e.line)
		}
	}
	out := entries[:0:0]
	for _, e := range entries {
		l := lines[e.id]
		if len(l) < 2 {
			out = append(out, e)
			continue
		}
		if e.line == l[0] {
			at := make([]string, len(l))
			for i, n := range l {
				at[i] = strconv.Itoa(n)
			}
			lines := strings.Join(at[:len(at)-1], ", ") + " and " + at[len(at)-1]
			msg := fmt.Sprintf(": the file gives this unit twice (lines %s): imported neither; keep one", lines)
			if len(l) > 2 {
				msg = fmt.Sprintf(": the file gives this unit %d times (lines %s): imported none; keep one", len(l), lines)
			}
			rep.Skipped = append(rep.Skipped, e.where()+msg)
		}
	}
	return out
}

// formsNamed names forms as the file does: "few (msgstr[1]), many (msgstr[2])".
func (e *imported) formsNamed(forms []locale.Form) string {
	s := make([]string, len(forms))
	for i, f := range forms {
		s[i] = string(f)
		if n := e.names[f]; n != "" && n != fmt.Sprintf("segment %q", f) {
			s[i] += " (" + n + ")"
		}
	}
	return strings.Join(s, ", ")
}

// sortedForms lists the forms of m and more, once each, in CLDR order,
// unknown names last.
func sortedForms(m map[locale.Form]string, more []locale.Form) []locale.Form {
	all := slices.Collect(maps.Keys(m))
	all = append(all, more...)
	var out []locale.Form
	for _, f := range locale.Forms {
		if slices.Contains(all, f) {
			out = append(out, f)
		}
	}
	var other []locale.Form
	for _, f := range all {
		if !slices.Contains(locale.Forms, f) && !slices.Contains(other, f) {
			other = append(other, f)
		}
	}
	slices.Sort(other)
	return append(out, other...)
}

func formNames(forms []locale.Form) string {
	s := make([]string, len(forms))
	for i, f := range forms {
		s[i] = string(f)
	}
	return strings.Join(s, ", ")
}

// tilmashHashes reads "#. tilmash: hash H base B".
func tilmashHashes(comments []string) (hash, base string) {
	for _, c := range comments {
		rest, ok := strings.CutPrefix(c, "#. tilmash: ")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		for i := 0; i+1 < len(f); i += 2 {
			switch f[i] {
			case "hash":
				hash = f[i+1]
			case "base":
				base = f[i+1]
			}
		}
	}
	return hash, base
}
