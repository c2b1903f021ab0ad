package workspace

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/handoff"
	"github.com/tilmash/tilmash/translate/locale"
)

// HandoffUnits returns the units of a locale that need work, missing and
// stale ones (every unit with all), in the source catalogue's order, with
// what a work file carries of each.
func (w *Workspace) HandoffUnits(tag language.Tag, all bool) ([]handoff.Unit, error) {
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
		if all || !u.Translated() || u.Stale {
			units = append(units, u)
		}
	}
	return units, nil
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

// ImportPO applies a translated PO work file (handoff) to the catalogue of
// the locale it names. It never overwrites a translation that changed in
// the catalogue since the file was made, unless force; it refuses entries
// whose English changed since. It returns the catalogue's new content
// (none when nothing changed).
func (w *Workspace) ImportPO(file string, data []byte, force bool) (fileset.Set, ImportReport, error) {
	po, err := handoff.ReadPO(file, data)
	if err != nil {
		return nil, ImportReport{}, err
	}
	lang := po.Header["Language"]
	tag, err := locale.Parse(lang)
	if err != nil {
		return nil, ImportReport{}, fmt.Errorf("%s: the header's Language %q: %v", file, lang, err)
	}
	rep := ImportReport{Locale: tag}
	if w.Source == nil {
		return nil, rep, fmt.Errorf("no source catalogue %s: run tilmash extract first", w.SourcePath())
	}
	if err := w.BrokenErr(); err != nil {
		return nil, rep, err
	}
	t := w.target(tag)
	if t == nil {
		return nil, rep, fmt.Errorf("%s is for %s, which has no catalogue in %s/", file, tag, w.Layout.Locales)
	}
	changed := false
	for _, e := range po.Entries {
		where := fmt.Sprintf("%s:%d: %s", file, e.Line, e.Context)
		hash, base := tilmashHashes(e.Comments)
		sm := w.Source.Lookup(e.Context)
		tm := t.Lookup(e.Context)
		switch {
		case e.Context == "" || hash == "":
			rep.Skipped = append(rep.Skipped, where+": not a tilmash entry (no msgctxt, or no \"#. tilmash: hash\" line)")
			continue
		case sm == nil || tm == nil:
			rep.Skipped = append(rep.Skipped, where+": no such unit any more (run tilmash extract, then hand off again)")
			continue
		case hash != sm.Hash:
			rep.Refused = append(rep.Refused, where+": the English changed after this file was made: hand off again and translate the new English")
			continue
		}
		forms, ok := handoff.Forms(tag, sm.Forms, e)
		if !ok || e.Fuzzy {
			rep.Untouched++
			continue
		}
		cur := map[locale.Form]string{}
		for f, s := range tm.Forms {
			if s != "" {
				cur[f] = s
			}
		}
		// Forms the file does not carry (Russian "other") keep or take theirs.
		for f, s := range tm.Forms {
			if _, ok := forms[f]; !ok {
				forms[f] = s
			}
		}
		if handoff.TextHash(forms) == handoff.TextHash(tm.Forms) && tm.Hash == sm.Hash {
			rep.Unchanged++
			continue
		}
		moved := len(cur) > 0 && handoff.TextHash(tm.Forms) != base
		if moved && !force {
			rep.Skipped = append(rep.Skipped, where+": the catalogue's translation changed since this file was made: kept it (--force takes the file's)")
			continue
		}
		tm.Forms, tm.Hash = forms, sm.Hash
		rep.Changed = append(rep.Changed, e.Context)
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
