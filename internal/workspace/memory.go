package workspace

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/translate/catalog"
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
	entries, _, err := readMemory(fsys, l, tag)
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

// readMemory reads a locale's imported memory file as it is stored, and
// the SHA-256 of what it read (none when there is no file). The file must
// be a file of its own, in a folder of its own: a symbolic link (to a file
// outside the project, even) would copy another file's text into the
// catalogues' suggestions.
func readMemory(fsys fs.FS, l Layout, tag language.Tag) ([]tm.Entry, *[32]byte, error) {
	file := l.MemoryPath(tag)
	for _, p := range []string{path.Dir(file), file} {
		fi, err := fs.Lstat(fsys, p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return nil, nil, &catalog.Error{Pos: catalog.Pos{File: p, Line: 1, Col: 1}, Msg: "a symbolic link: the translation memory must be a file of its own, in a folder of its own", Hint: "replace the link with a copy: tilmash import memory.tmx writes it"}
		}
	}
	data, err := bound.ReadFile(fsys, file, bound.Memory)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	sum := sha256.Sum256(data)
	x, err := handoff.ReadTMX(file, data)
	if err != nil {
		return nil, nil, err
	}
	var out []tm.Entry
	for _, u := range x.Units {
		if e, ok := pair(u, tag); ok {
			out = append(out, e)
		}
	}
	return out, &sum, nil
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

	read map[string]fileset.Expect // what each memory file held when it was read
}

// Expectations are what the memory files held when ImportMemory read
// them: the commit replaces a file only if it still holds that.
func (r MemoryReport) Expectations() map[string]fileset.Expect { return r.read }

// ImportMemory brings a translation memory (TMX) into the project: for
// each locale of the project the file has texts in, its pairs of English
// and translation are added to the locale's memory file
// (locales/memory/<tag>.tmx), once each, in the file's order after what
// the memory holds. They are never written as translations: extract
// offers them as suggestions ("#, tm 92% tmx:…"), as it offers the
// catalogues' own. It returns the memory files that changed.
func (w *Workspace) ImportMemory(file string, data []byte) (fileset.Set, MemoryReport, error) {
	rep := MemoryReport{Added: map[string]int{}, Known: map[string]int{}, Files: map[string]string{}, read: map[string]fileset.Expect{}}
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
		have, sum, err := readMemory(w.fsys, w.Layout, tag)
		if err != nil {
			return nil, rep, err
		}
		p := w.Layout.MemoryPath(tag)
		if sum != nil {
			rep.read[p] = fileset.Expect{Sum: *sum}
		} else {
			rep.read[p] = fileset.Expect{Absent: true}
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
