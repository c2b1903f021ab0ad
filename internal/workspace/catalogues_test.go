package workspace

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tilmash/tilmash/translate/catalog"
)

// started is a project of one article (article, a path under content/),
// extracted, its ru entries translated.
func started(t *testing.T, article, body string) fstest.MapFS {
	t.Helper()
	rel := strings.TrimPrefix(article, "content/")
	return extracted(t, map[string]string{rel: "+++\ntitle = \"Buses\"\n+++\n\n" + body}, func(string) string { return "Перевод." })
}

// paths lists a file set's catalogues, those written and those removed.
func catalogues(files map[string][]byte) (written, removed []string) {
	for p, data := range files {
		switch {
		case !strings.HasPrefix(p, "locales/"):
		case data == nil:
			removed = append(removed, p)
		default:
			written = append(written, p)
		}
	}
	slices.Sort(written)
	slices.Sort(removed)
	return written, removed
}

// TestARenameMovesTheCatalogues: an article moved to another folder
// keeps its IDs, and its catalogues move with it; an article renamed gets
// new IDs, its entries move to them, into its new file: no file of the old
// name is left, and no obsolete entry.
func TestARenameMovesTheCatalogues(t *testing.T) {
	tests := []struct {
		name, to     string
		written      []string
		removed      []string
		obsoleteInto string
	}{
		{"a folder", "content/world/buses.md",
			[]string{"locales/en/world/buses.en.toml", "locales/ru/world/buses.ru.toml"},
			[]string{"locales/en/buses.en.toml", "locales/ru/buses.ru.toml"}, ""},
		{"a name", "content/city-buses.md",
			[]string{"locales/en/city-buses.en.toml", "locales/ru/city-buses.ru.toml"},
			[]string{"locales/en/buses.en.toml", "locales/ru/buses.ru.toml"}, "locales/ru/city-buses.ru.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := started(t, "content/buses.md", "Two new routes opened.\n")
			fsys[tt.to] = fsys["content/buses.md"]
			delete(fsys, "content/buses.md")
			w, err := Load(fsys, Default)
			if err != nil {
				t.Fatal(err)
			}
			files, rep, err := w.Extract(nil, false)
			if err != nil {
				t.Fatal(err)
			}
			written, removed := catalogues(files)
			if !slices.Equal(written, tt.written) || !slices.Equal(removed, tt.removed) {
				t.Errorf("wrote %v, removed %v; want %v, %v", written, removed, tt.written, tt.removed)
			}
			if st := rep.Locales["ru"]; st.Translated+st.Reused != 2 || st.Missing != 0 {
				t.Errorf("ru after the rename: %+v", st)
			}
			if f := string(files[tt.obsoleteInto]); tt.obsoleteInto != "" && (!strings.Contains(f, "[city-buses.title]") || strings.Contains(f, "[buses.")) {
				t.Errorf("the entries did not move to their new IDs in %s:\n%s", tt.obsoleteInto, f)
			}
		})
	}
}

// TestAnEntryInTwoFilesBreaksItsLocale: the same ID in two files of a
// locale is reported at the second, naming the first; the other locales
// go on.
func TestAnEntryInTwoFilesBreaksItsLocale(t *testing.T) {
	fsys := started(t, "content/buses.md", "Two new routes opened.\n")
	fsys["locales/ru/copy.ru.toml"] = &fstest.MapFile{Data: []byte("[buses.title]\nother = \"Автобусы\"\n")}
	w, err := Load(fsys, Default)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Broken) != 1 || w.Broken[0].Path != "locales/ru/copy.ru.toml" || !strings.Contains(w.Broken[0].Err.Error(), `entry "buses.title" is also at locales/ru/buses.ru.toml:`) {
		t.Fatalf("Broken = %v", w.Broken)
	}
	if _, _, err := w.Extract(nil, false); err == nil {
		t.Error("extract rewrote a locale it could not read")
	}
}

// TestNotACatalogue: a .toml file in the locales folder that is no
// catalogue's name is refused with what it would be.
func TestNotACatalogue(t *testing.T) {
	for name, want := range map[string]string{
		"locales/ru/buses.kk.toml": `"ru/buses.kk.toml" is a kk catalogue in the ru folder`,
		"locales/rus.toml":         `would read as ru.toml`,
		"locales/ru/buses.toml":    `"ru/buses.toml" is not a catalogue's name`,
	} {
		fsys := started(t, "content/buses.md", "Two new routes opened.\n")
		fsys[name] = &fstest.MapFile{Data: []byte("")}
		_, err := Load(fsys, Default)
		var ce *catalog.Error
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), name+":1:1:") {
			t.Errorf("%s: %v, want %q", name, err, want)
		} else if !errors.As(err, &ce) {
			t.Errorf("%s: %T, want a *catalog.Error", name, err)
		}
	}
}

// TestNameFile: an entry of no article is filed under its ID's first part
// when that makes a catalogue's name, else under "unplaced".
func TestNameFile(t *testing.T) {
	w := &Workspace{Layout: Default}
	for id, want := range map[string]string{
		"gone.intro.p-1":  "gone.md",
		"the-conscript.x": "the-conscript.md",
		"x/.p1":           "unplaced.md",
		"../x.p1":         "unplaced.md",
		".hidden.p1":      "unplaced.md",
		"Bad Name.p1":     "unplaced.md",
		"":                "unplaced.md",
	} {
		if got := w.nameFile(id); got != want {
			t.Errorf("nameFile(%q) = %q, want %q", id, got, want)
		}
	}
}

// TestARenameKeepsTheFileNotes: the translator's notes above an article's
// catalogue go with it when it is moved or renamed.
func TestARenameKeepsTheFileNotes(t *testing.T) {
	for _, to := range []string{"content/world/buses.md", "content/city-buses.md"} {
		fsys := started(t, "content/buses.md", "Two new routes opened.\n")
		f := "locales/ru/buses.ru.toml"
		s := string(fsys[f].Data)
		i := strings.Index(s, "\n\n")
		fsys[f] = &fstest.MapFile{Data: []byte(s[:i] + "\n\n# Переводчик: Айгерим." + s[i:])}
		fsys[to] = fsys["content/buses.md"]
		delete(fsys, "content/buses.md")
		w, err := Load(fsys, Default)
		if err != nil {
			t.Fatal(err)
		}
		files, _, err := w.Extract(nil, false)
		if err != nil {
			t.Fatal(err)
		}
		dest := "locales/ru/" + strings.TrimSuffix(strings.TrimPrefix(to, "content/"), ".md") + ".ru.toml"
		if !strings.Contains(string(files[dest]), "# Переводчик: Айгерим.") {
			t.Errorf("%s: the notes did not go to %s:\n%s", to, dest, files[dest])
		}
	}
}
