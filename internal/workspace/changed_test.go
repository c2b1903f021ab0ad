package workspace

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tilmash/tilmash/internal/fileset"
)

// TestExpectations: what Load read is what a commit must find before it
// replaces a catalogue (a translator's save since is a conflict, never
// written over), a catalogue Load did not see must still be absent, and a
// catalogue a command would write back as read is recognised as such; in
// either layout, a file per article (locales/ru/a.ru.toml) or the old one
// file per locale (locales/ru.toml).
func TestExpectations(t *testing.T) {
	for _, lay := range []struct{ name, en, ru, uz string }{
		{"a file per article", "locales/en/a.en.toml", "locales/ru/a.ru.toml", "locales/uz/a.uz.toml"},
		{"old layout", "locales/en.toml", "locales/ru.toml", "locales/uz.toml"},
	} {
		t.Run(lay.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{
				"content/a.md": "+++\ntitle = \"A\"\n+++\n\nText.\n",
				lay.en:         "[a.title]\nother = \"A\"\n",
				lay.ru:         "[a.title]\nother = \"А\"\n",
			}
			writeFiles(t, dir, files)
			w, err := Load(os.DirFS(dir), Default)
			if err != nil {
				t.Fatal(err)
			}
			got := w.Expectations([]string{lay.ru, lay.uz, "dist/en/a.html"})
			want := map[string]fileset.Expect{
				lay.ru: fileset.ExpectContent([]byte(files[lay.ru])),
				lay.uz: {Absent: true},
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Expectations = %v, want %v", got, want)
			}
			if !w.AsRead(lay.ru, []byte(files[lay.ru])) || w.AsRead(lay.ru, []byte("[a.title]\nother = \"Аа\"\n")) || w.AsRead(lay.uz, nil) {
				t.Errorf("AsRead does not tell what Load read")
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// writeFiles writes files (path relative to dir → content) into dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		must(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755))
		must(t, os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644))
	}
}
