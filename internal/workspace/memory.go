package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/translate/handoff"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/tm"
)

// MemoryFolder is the folder, in the locales folder, of the translation
// memories translators brought in (tilmash import memory.tmx): one TMX
// file per locale, locales/memory/<tag>.tmx, which extract's suggestions
// draw on after the catalogues' own translations.
const MemoryFolder = "memory"

// MemoryPath is the file of a locale's imported translation memory.
func (l Layout) MemoryPath(tag language.Tag) string {
	return path.Join(l.Locales, MemoryFolder, tag.String()+".tmx")
}

// memoryLocale is the locale whose imported memory rel is, if it is one.
func (l Layout) memoryLocale(rel string) (language.Tag, bool) {
	dir, name := path.Split(rel)
	if path.Clean(dir) != path.Join(path.Clean(l.Locales), MemoryFolder) || !strings.HasSuffix(name, ".tmx") {
		return language.Tag{}, false
	}
	tag, err := locale.Parse(strings.TrimSuffix(name, ".tmx"))
	if err != nil || locale.IsSource(tag) || l.MemoryPath(tag) != rel {
		return language.Tag{}, false
	}
	return tag, true
}

// ImportedMemory is a locale's imported translation memory, as extract
// offers it: each entry's ID "tmx" or "tmx:<its tuid>", so that a
// suggestion says where it comes from. None if there is no file.
func ImportedMemory(fsys fs.FS, l Layout, tag language.Tag) ([]tm.Entry, error) {
	entries, err := readMemory(fsys, l, tag)
	for i := range entries {
		entries[i].ID = memoryID(entries[i].ID)
	}
	return entries, err
}

// ImportedMemory is a locale's imported translation memory
// (ImportedMemory), for extract a part at a time.
func (p *Project) ImportedMemory(tag language.Tag) ([]tm.Entry, error) {
	return ImportedMemory(p.fsys, p.Layout, tag)
}

func memoryID(tuid string) string {
	if tuid == "" {
		return "tmx"
	}
	return "tmx:" + tuid
}

// readMemory reads a locale's imported memory file as it is stored.
func readMemory(fsys fs.FS, l Layout, tag language.Tag) ([]tm.Entry, error) {
	file := l.MemoryPath(tag)
	data, err := bound.ReadFile(fsys, file, bound.Memory)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	x, err := handoff.ReadTMX(file, data)
	if err != nil {
		return nil, err
	}
	var out []tm.Entry
	for _, u := range x.Units {
		if e, ok := pair(u, tag); ok {
			out = append(out, e)
		}
	}
	return out, nil
}

// pair is a TMX unit's English and its text in tag, if it has both.
func pair(u handoff.TMXUnit, tag language.Tag) (tm.Entry, bool) {
	e := tm.Entry{ID: u.ID}
	for _, v := range u.Variants {
		t, err := language.Parse(v.Lang)
		if err != nil || strings.TrimSpace(v.Text) == "" {
			continue
		}
		switch {
		case sameLanguage(t, locale.Source) && e.English == "":
			e.English = v.Text
		case sameLanguage(t, tag) && e.Translation == "":
			e.Translation = v.Text
		}
	}
	return e, e.English != "" && e.Translation != ""
}

// sameLanguage reports whether a TMX variant's language is the locale's:
// the same language in the same script (ru-RU and RU are ru; kk-KZ is kk,
// not kk-Latn).
func sameLanguage(variant, tag language.Tag) bool {
	vb, vs, _ := variant.Raw()
	tb, ts, _ := tag.Raw()
	if vb != tb {
		return false
	}
	if vs.String() == "Zzzz" {
		vs, _ = variant.Script()
	}
	if ts.String() == "Zzzz" {
		ts, _ = tag.Script()
	}
	return vs == ts
}

// MemoryReport is what importing a translation memory did, by locale.
type MemoryReport struct {
	Units    int               // the file's units
	Added    map[string]int    // new translations kept, by locale
	Known    map[string]int    // translations the locale's memory had already, by locale
	Files    map[string]string // each locale's memory file
	Foreign  []string          // the languages of the file that are no locale of the project
	Unpaired int               // units with no English, or with no text in any of the project's locales
}

// ImportMemory brings a translation memory (TMX) into the project: for
// each locale of the project the file has texts in, its pairs of English
// and translation are added to the locale's memory file
// (locales/memory/<tag>.tmx), once each, in the file's order after what
// the memory holds. They are never written as translations: extract
// offers them as suggestions ("#, tm 92% tmx:…"), as it offers the
// catalogues' own. It returns the memory files that changed.
func (w *Workspace) ImportMemory(file string, data []byte) (fileset.Set, MemoryReport, error) {
	rep := MemoryReport{Added: map[string]int{}, Known: map[string]int{}, Files: map[string]string{}}
	x, err := handoff.ReadTMX(file, data)
	if err != nil {
		return nil, rep, err
	}
	rep.Units = len(x.Units)
	var tags []language.Tag
	for _, c := range w.Targets {
		if !c.Derived() {
			tags = append(tags, c.Locale)
		}
	}
	if len(tags) == 0 {
		return nil, rep, fmt.Errorf("%s: the project has no catalogue to bring a memory in for: start one with tilmash extract --add-locale ru", file)
	}
	foreign := map[string]bool{}
	paired := make([]bool, len(x.Units))
	for _, u := range x.Units {
		for _, v := range u.Variants {
			t, err := language.Parse(v.Lang)
			known := err == nil && sameLanguage(t, locale.Source)
			for _, tag := range tags {
				known = known || err == nil && sameLanguage(t, tag)
			}
			if !known {
				foreign[v.Lang] = true
			}
		}
	}
	out := fileset.Set{}
	for _, tag := range tags {
		have, err := readMemory(w.fsys, w.Layout, tag)
		if err != nil {
			return nil, rep, err
		}
		seen := map[string]bool{}
		for _, e := range have {
			seen[e.English+"\x00"+e.Translation] = true
		}
		added := 0
		for i, u := range x.Units {
			e, ok := pair(u, tag)
			if !ok {
				continue
			}
			paired[i] = true
			if k := e.English + "\x00" + e.Translation; seen[k] {
				rep.Known[tag.String()]++
				continue
			} else {
				seen[k] = true
			}
			have = append(have, e)
			added++
		}
		if added > 0 {
			p := w.Layout.MemoryPath(tag)
			out[p] = handoff.WriteTMX(tag, have, "")
			rep.Added[tag.String()], rep.Files[tag.String()] = added, p
		}
	}
	for _, ok := range paired {
		if !ok {
			rep.Unpaired++
		}
	}
	for l := range foreign {
		rep.Foreign = append(rep.Foreign, l)
	}
	slices.Sort(rep.Foreign)
	if len(out) == 0 {
		return nil, rep, nil
	}
	return out, rep, nil
}
