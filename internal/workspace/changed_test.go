package workspace

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestChangedOnDisk: a catalogue saved, deleted or created after Load is
// reported, so that extract does not write over a translator's save.
func TestChangedOnDisk(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"content/a.md":    "+++\ntitle = \"A\"\n+++\n\nText.\n",
		"locales/en.toml": "[a.title]\nother = \"A\"\n",
		"locales/ru.toml": "[a.title]\nother = \"А\"\n",
		"locales/kk.toml": "[a.title]\nother = \"А\"\n",
	}
	writeFiles(t, dir, files)
	w, err := Load(os.DirFS(dir), Default)
	if err != nil {
		t.Fatal(err)
	}
	all := []string{"locales/en.toml", "locales/kk.toml", "locales/ru.toml", "locales/uz.toml"}
	if got := w.ChangedOnDisk(all); len(got) != 0 {
		t.Fatalf("nothing changed, ChangedOnDisk = %v", got)
	}
	must(t, os.WriteFile(filepath.Join(dir, "locales/ru.toml"), []byte("[a.title]\nother = \"Аа\"\n"), 0o644))
	must(t, os.Remove(filepath.Join(dir, "locales/kk.toml")))
	must(t, os.WriteFile(filepath.Join(dir, "locales/uz.toml"), []byte(""), 0o644))
	if got, want := w.ChangedOnDisk(all), []string{"locales/kk.toml", "locales/ru.toml", "locales/uz.toml"}; !slices.Equal(got, want) {
		t.Errorf("ChangedOnDisk = %v, want %v", got, want)
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
