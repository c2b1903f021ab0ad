package workspace

import (
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
)

// Superseded returns a test of whether a catalogue of the old layout
// (locales/ru.toml), in the project fsys, is held in full by its locale's
// files of the new layout (locales/ru/**/*.ru.toml): every entry it holds
// is in one of them, word for word (its forms, its hash, its description,
// the translator's notes in and above it), and its notes at the top are
// at the top of one of them. The completion of an interrupted migration
// (fileset.Recover) removes such a file, as extract would have: nothing
// of it is lost. Any other file it is asked about (one of the new layout,
// one that does not parse, an entry missing or different) is not
// superseded, and is kept aside instead.
//
// It reads the old file and the locale's folder once, whole: it runs only
// when a migration was interrupted.
func (l Layout) Superseded(fsys fs.FS) func(rel string) bool {
	return func(rel string) bool {
		f, ok := catpath.Parse(l.Locales, rel)
		if !ok || !f.Flat {
			return false
		}
		data, err := bound.ReadFile(fsys, rel, bound.Catalogue)
		if err != nil {
			return false
		}
		old, err := catalog.Parse(rel, data)
		if err != nil {
			return false
		}
		want := make(map[string]*catalog.Message, len(old.Messages))
		for _, m := range old.Messages {
			want[m.ID] = m
		}
		notesKept := len(nonBlank(old.HeaderNotes)) == 0
		folder := catpath.Folder(l.Locales, f.Locale)
		err = fs.WalkDir(fsys, folder, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".toml") {
				return nil
			}
			g, ok := catpath.Parse(l.Locales, p)
			if !ok || g.Flat || g.Locale != f.Locale || !d.Type().IsRegular() {
				return nil
			}
			data, err := bound.ReadFile(fsys, p, bound.Catalogue)
			if err != nil {
				return err
			}
			c, err := catalog.Parse(p, data)
			if err != nil {
				return err
			}
			notesKept = notesKept || slices.Equal(nonBlank(c.HeaderNotes), nonBlank(old.HeaderNotes))
			for _, m := range c.Messages {
				if w, ok := want[m.ID]; ok && sameMessage(w, m) {
					delete(want, m.ID)
				}
			}
			return nil
		})
		return err == nil && len(want) == 0 && notesKept
	}
}

// sameMessage reports whether b holds all that a holds that is anyone's
// work: the text of each form, the hash of the English it was made from,
// the description, and the translator's own comments. tilmash's comment
// lines (rewritten on every sync) and positions are not compared.
func sameMessage(a, b *catalog.Message) bool {
	return a.Hash == b.Hash && a.Description == b.Description &&
		maps.Equal(a.Forms, b.Forms) &&
		slices.Equal(a.Notes, b.Notes) &&
		maps.EqualFunc(a.KeyNotes, b.KeyNotes, slices.Equal) &&
		maps.Equal(a.LineNotes, b.LineNotes) &&
		slices.Equal(nonBlank(a.TailNotes), nonBlank(b.TailNotes))
}

// nonBlank is lines without the blank ones.
func nonBlank(lines []string) []string {
	return slices.DeleteFunc(slices.Clone(lines), func(s string) bool { return strings.TrimSpace(s) == "" })
}
