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
// catalogue a command would write back as read is recognised as such.
func TestExpectations(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"content/a.md":    "+++\ntitle = \"A\"\n+++\n\nText.\n",
		"locales/en.toml": "[a.title]\nother = \"A\"\n",
		"locales/ru.toml": "[a.title]\nother = \"А\"\n",
	}
	writeFiles(t, dir, files)
	w, err := Load(os.DirFS(dir), Default)
	if err != nil {
		t.Fatal(err)
	}
	got := w.Expectations([]string{"locales/ru.toml", "locales/uz.toml", "dist/en/a.html"})
	want := map[string]fileset.Expect{
		"locales/ru.toml": fileset.ExpectContent([]byte(files["locales/ru.toml"])),
		"locales/uz.toml": {Absent: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Expectations = %v, want %v", got, want)
	}
	if !w.AsRead("locales/ru.toml", []byte(files["locales/ru.toml"])) || w.AsRead("locales/ru.toml", []byte("[a.title]\nother = \"Аа\"\n")) || w.AsRead("locales/uz.toml", nil) {
		t.Errorf("AsRead does not tell what Load read")
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
