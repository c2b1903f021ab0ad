package workspace

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/handoff"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/tm"
)

// HandoffUnits returns the units of a locale that need work, missing and
// stale ones (every unit with all), in the source catalogue's order, with
// what a work file carries of each.
func (w *Workspace) HandoffUnits(tag language.Tag, all bool) ([]handoff.Unit, error) {
	t, err := w.translated(tag)
	if err != nil {
		return nil, err
	}
	var units []handoff.Unit
	for _, sm := range w.Source.Messages {
		u := handoff.Unit{ID: sm.ID, English: sm.Forms, Hash: sm.Hash}
		for _, c := range sm.Comments {
			if rest, ok := strings.CutPrefix(c, "#: "); ok {
				u.Where = append(u.Where, rest)
			}
		}
		if sm.Description != "" {
			u.Context = append(u.Context, sm.Description)
		}
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
		u.Terms = w.terms(tag, sm.Forms[locale.Other])
		if all || !u.Translated() || u.Stale {
			units = append(units, u)
		}
	}
	return units, nil
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
	Skipped   []string // "file:line: unit: why", entries not imported
	Refused   []string // "file:line: unit: why", entries whose English changed since the file was made
}

// imported is one entry of a work file, whatever its format.
type imported struct {
	where      string                 // file:line: id
	id         string                 // the unit
	hash, base string                 // the English it was made for; the translation it started from
	forms      map[locale.Form]string // the translation; nil: nothing to import (empty, fuzzy, not yet translated)
}

// Import applies a translated work file that handoff wrote (gettext PO or
// XLIFF 2.0, told apart by its content) to the catalogue of the locale it
// names. It never overwrites a translation that changed in the catalogue
// since the file was made, unless force; it refuses entries whose English
// changed since. It returns the catalogue's new content (none when nothing
// changed).
func (w *Workspace) Import(file string, data []byte, force bool) (fileset.Set, ImportReport, error) {
	var lang string
	var entries []imported
	if isXML(data) {
		x, err := handoff.ReadXLIFF(file, data)
		if err != nil {
			return nil, ImportReport{}, err
		}
		lang = x.TrgLang
		for _, u := range x.Units {
			e := imported{where: fmt.Sprintf("%s:%d: %s", file, u.Line, u.ID), id: u.ID, hash: u.Hash, base: u.Base}
			forms := map[locale.Form]string{}
			for _, seg := range u.Segments {
				switch seg.State {
				case "translated", "reviewed", "final":
					if seg.HasTarget && seg.Target != "" {
						forms[locale.Form(seg.ID)] = seg.Target
					}
				}
			}
			if len(forms) > 0 {
				e.forms = forms
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
		for _, pe := range po.Entries {
			e := imported{where: fmt.Sprintf("%s:%d: %s", file, pe.Line, pe.Context), id: pe.Context}
			e.hash, e.base = tilmashHashes(pe.Comments)
			if sm := w.sourceMessage(pe.Context); sm != nil && !pe.Fuzzy {
				if forms, ok := handoff.Forms(tag, sm.Forms, pe); ok {
					e.forms = forms
				}
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
	changed := false
	for _, e := range entries {
		sm := w.Source.Lookup(e.id)
		tm := t.Lookup(e.id)
		switch {
		case e.id == "" || e.hash == "":
			rep.Skipped = append(rep.Skipped, e.where+": not a tilmash entry (no unit ID, or no tilmash hash)")
			continue
		case sm == nil || tm == nil:
			rep.Skipped = append(rep.Skipped, e.where+": no such unit any more (run tilmash extract, then hand off again)")
			continue
		case e.hash != sm.Hash:
			rep.Refused = append(rep.Refused, e.where+": the English changed after this file was made: hand off again and translate the new English")
			continue
		case e.forms == nil:
			rep.Untouched++
			continue
		}
		forms := e.forms
		cur := map[locale.Form]string{}
		for f, s := range tm.Forms {
			if s != "" {
				cur[f] = s
			}
		}
		// Forms the file does not carry (Russian "other" in PO) keep theirs.
		for f, s := range tm.Forms {
			if _, ok := forms[f]; !ok {
				forms[f] = s
			}
		}
		if handoff.TextHash(forms) == handoff.TextHash(tm.Forms) && tm.Hash == sm.Hash {
			rep.Unchanged++
			continue
		}
		if len(cur) > 0 && handoff.TextHash(tm.Forms) != e.base && !force {
			rep.Skipped = append(rep.Skipped, e.where+": the catalogue's translation changed since this file was made: kept it (--force takes the file's)")
			continue
		}
		tm.Forms, tm.Hash = forms, sm.Hash
		rep.Changed = append(rep.Changed, e.id)
		changed = true
	}
	if !changed {
		return nil, rep, nil
	}
	synced, _ := catalog.Sync(w.Source, t, t.Locale, t.Path, false)
	return fileset.Set{t.Path: catalog.Format(synced)}, rep, nil
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
