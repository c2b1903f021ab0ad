package workspace

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
)

// readTree reads a folder into a MapFS.
func readTree(t *testing.T, dir string) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(os.DirFS(dir), p)
		out[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// apply writes a command's files into a copy of fsys (nil: removed).
func apply(fsys fstest.MapFS, files map[string][]byte) fstest.MapFS {
	out := maps.Clone(fsys)
	for p, data := range files {
		if data == nil {
			delete(out, p)
		} else {
			out[p] = &fstest.MapFile{Data: data}
		}
	}
	return out
}

// editions builds every edition of the project, fallback on, and returns
// the files written under dist/.
func editions(t *testing.T, fsys fs.FS) map[string][]byte {
	t.Helper()
	w, err := Load(fsys, Default)
	if err != nil {
		t.Fatal(err)
	}
	res, err := w.Build(BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) < 20 {
		t.Fatalf("build wrote %d files: the fixture should publish most editions", len(res.Files))
	}
	return res.Files
}

// TestMigrationLosesNothing runs extract on a project in the old layout
// (testdata/oldlayout: one catalogue per locale, a translator's comments
// everywhere a comment can stand, stale, missing and obsolete entries, a
// sub-folder, kk-Latn overrides): every entry lands in its article's file
// with its text, hash and comments; go-i18n loads every file as its
// locale; every edition is byte-identical; a second extract changes
// nothing.
func TestMigrationLosesNothing(t *testing.T) {
	old := readTree(t, "../../testdata/oldlayout")
	w, err := Load(old, Default)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"locales/en.toml", "locales/kk-Latn.toml", "locales/kk.toml", "locales/ru.toml"}; !slices.Equal(w.OldLayout, want) {
		t.Fatalf("OldLayout = %v, want %v", w.OldLayout, want)
	}
	files, rep, err := w.Extract(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	var from []string
	for _, m := range rep.Migrated {
		from = append(from, m.From)
		if m.Entries == 0 {
			t.Errorf("%s: migrated 0 entries", m.From)
		}
	}
	if want := []string{"locales/en.toml", "locales/kk-Latn.toml", "locales/kk.toml", "locales/ru.toml"}; !slices.Equal(from, want) {
		t.Errorf("Migrated = %v, want %v", from, want)
	}
	migrated := apply(old, files)

	// The layout: no file of the old one is left; every catalogue is its
	// article's, and go-i18n reads it as its locale.
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	var cats []string
	for p := range migrated {
		if !strings.HasPrefix(p, "locales/") {
			continue
		}
		cats = append(cats, p)
		f, ok := catpath.Parse("locales", p)
		if !ok || f.Flat {
			t.Errorf("%s: not a catalogue of the new layout", p)
			continue
		}
		mf, err := bundle.ParseMessageFileBytes(migrated[p].Data, p)
		if err != nil {
			t.Errorf("go-i18n refuses %s: %v", p, err)
		} else if mf.Tag != f.Locale {
			t.Errorf("go-i18n reads %s as %s, want %s", p, mf.Tag, f.Locale)
		}
	}
	slices.Sort(cats)
	for _, want := range []string{"locales/ru/the-conscript.ru.toml", "locales/ru/world/brief.ru.toml", "locales/en/world/brief.en.toml", "locales/kk-Latn/world/brief.kk-Latn.toml", "locales/ru/gone.ru.toml"} {
		if !slices.Contains(cats, want) {
			t.Errorf("no %s among %v", want, cats)
		}
	}

	// Every entry, with everything a translator wrote in it.
	before, err := Load(old, Default)
	if err != nil {
		t.Fatal(err)
	}
	after, err := Load(migrated, Default)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.OldLayout) > 0 {
		t.Errorf("still in the old layout after extract: %v", after.OldLayout)
	}
	for _, c := range append(before.Targets, before.overrides...) {
		var got *catalog.Catalog
		for _, d := range append(after.Targets, after.overrides...) {
			if d.Locale == c.Locale && d.Derived() == c.Derived() {
				got = d
			}
		}
		if got == nil {
			t.Errorf("%s: no catalogue after the migration", c.Locale)
			continue
		}
		if c.Derived() {
			continue // computed; its overrides are compared as their own catalogue
		}
		if len(got.Messages) != len(c.Messages) {
			t.Errorf("%s: %d entries after, %d before", c.Locale, len(got.Messages), len(c.Messages))
		}
		for _, m := range c.Messages {
			n := got.Lookup(m.ID)
			switch {
			case n == nil:
				t.Errorf("%s: %s lost", c.Locale, m.ID)
			case n.Hash != m.Hash || !maps.Equal(n.Forms, m.Forms) || !slices.Equal(n.Notes, m.Notes) || !slices.Equal(n.TailNotes, m.TailNotes) ||
				!maps.Equal(n.LineNotes, m.LineNotes) || !maps.EqualFunc(n.KeyNotes, m.KeyNotes, slices.Equal) || !maps.Equal(n.Source(), m.Source()):
				t.Errorf("%s: %s changed:\n got %+v\nwant %+v", c.Locale, m.ID, *n, *m)
			case path.Dir(n.Pos.File) == "locales":
				t.Errorf("%s: %s still in %s", c.Locale, m.ID, n.Pos.File)
			}
		}
	}
	// The translator's notes above the old file are above each new one.
	for _, p := range cats {
		if strings.HasPrefix(p, "locales/ru/") && !bytes.Contains(migrated[p].Data, []byte("# Переводчик: А. Иванова; редактор: М. Петров.\n# Имена сверены с глоссарием.\n")) {
			t.Errorf("%s: the old file's header notes are lost", p)
		}
	}
	// The obsolete entries of a deleted article stay, in a file of its name.
	if g := string(migrated["locales/ru/gone.ru.toml"].Data); !strings.Contains(g, "[gone.title]") || !strings.Contains(g, `other = "Поправка"`) {
		t.Errorf("locales/ru/gone.ru.toml:\n%s", g)
	}

	// Every edition, byte for byte.
	was, is := editions(t, old), editions(t, migrated)
	for _, p := range slices.Sorted(maps.Keys(was)) {
		if !bytes.Equal(was[p], is[p]) {
			t.Errorf("%s differs after the migration", p)
		}
	}
	if len(was) != len(is) {
		t.Errorf("build wrote %d files before the migration, %d after", len(was), len(is))
	}

	// Once migrated, extract has nothing to do.
	again, err := Load(migrated, Default)
	if err != nil {
		t.Fatal(err)
	}
	files, rep, err = again.Extract(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		if data == nil || !again.AsRead(p, data) {
			t.Errorf("a second extract changes %s", p)
		}
	}
	if len(rep.Migrated) > 0 {
		t.Errorf("a second extract migrates %v", rep.Migrated)
	}
}
