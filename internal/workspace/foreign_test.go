package workspace

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tilmash/tilmash/translate/catalog"
)

// foreignProject is testdata/project in memory, with files replaced or
// added: path → the file's content, or "@name" for the file name under
// translate/catalog/testdata/foreign (the real tools' output, see its
// gen.sh).
func foreignProject(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../../testdata/project"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile("../../testdata/project/" + p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		if name, ok := strings.CutPrefix(data, "@"); ok {
			b, err := os.ReadFile("../../translate/catalog/testdata/foreign/" + name)
			if err != nil {
				t.Fatal(err)
			}
			data = string(b)
		}
		fsys[p] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// TestRewrittenCatalogue: a Russian catalogue Weblate saved through
// translate-toolkit's go-i18n TOML store is Russian's broken catalogue,
// with one error at its place: no Russian unit is missing, no entry
// obsolete; the other locales are checked; extract refuses to run.
func TestRewrittenCatalogue(t *testing.T) {
	fsys := foreignProject(t, map[string]string{"locales/ru/the-conscript.ru.toml": "@weblate-saved.ru.toml"})
	w, err := Load(fsys, Default)
	if err != nil {
		t.Fatal(err)
	}
	var e *catalog.Error
	if len(w.Broken) != 1 || w.Broken[0].Locale.String() != "ru" || !errors.As(w.Broken[0].Err, &e) {
		t.Fatalf("broken = %v, want Russian's, a *catalog.Error", w.Broken)
	}
	if got := e.Pos.String(); got != "locales/ru/the-conscript.ru.toml:22:1" || !strings.HasPrefix(e.Msg, "rewritten by a tool that does not know go-i18n's reserved keys") {
		t.Errorf("error = %v", e)
	}
	findings, err := w.Check(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.Locale == "ru" {
			t.Errorf("a Russian finding: %s", f.Message)
		}
	}
	files, _, err := w.Extract(nil, false)
	if !errors.Is(err, w.Broken[0].Err) || files != nil {
		t.Errorf("extract = %d files, %v; want nothing and the error", len(files), err)
	}
}

// TestGoi18nFiles: goi18n's work files under the locales folder are named
// for what they are, wherever goi18n merge's -outdir put them; a catalogue
// that only has such a name (its article is there, or it is tilmash's,
// kept for a deleted article's obsolete entries) is read as one.
func TestGoi18nFiles(t *testing.T) {
	ownHeader := "# tilmash catalogue: ru, русский (Russian). go-i18n v2 TOML.\n\n[translate.title]\nhash = \"sha256-0123456789abcdef\"\nother = \"Перевод\"\n"
	tests := []struct {
		name  string
		files map[string]string
		err   string // the error's start, or "" for none
	}{
		{"merge's active file beside the locales", map[string]string{"locales/active.en.toml": "@goi18n-active.en.toml"},
			`locales/active.en.toml:1:1: "active.en.toml" is a work file of goi18n, go-i18n's command, not a tilmash catalogue`},
		{"its translate file", map[string]string{"locales/translate.ru.toml": "@goi18n-translate.ru.toml"},
			`locales/translate.ru.toml:1:1: "translate.ru.toml" is a work file of goi18n`},
		{"in another locale's folder", map[string]string{"locales/ru/active.en.toml": "@goi18n-active.en.toml"},
			`locales/ru/active.en.toml:1:1: "active.en.toml" is a work file of goi18n`},
		{"in its locale's folder", map[string]string{"locales/en/active.en.toml": "@goi18n-active.en.toml"},
			`locales/en/active.en.toml:1:1: "active.en.toml" is a work file of goi18n`},
		{"a deleted article's catalogue", map[string]string{"locales/ru/translate.ru.toml": ownHeader}, ""},
		{"an article's catalogue", map[string]string{
			"content/active.md":         "+++\ntitle = \"Active\"\n+++\n",
			"locales/ru/active.ru.toml": "[active.title]\nother = \"Действующий\"\n"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := Load(foreignProject(t, tt.files), Default)
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("Load: %v", err)
			case tt.err == "" && len(w.Broken) > 0:
				t.Fatalf("broken: %v", w.BrokenErr())
			case tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)):
				t.Fatalf("Load: %v\nwant an error starting %s", err, tt.err)
			}
		})
	}
}
