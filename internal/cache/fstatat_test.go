package cache

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestDirStatsAgreeWithLstat: the Stat one fstatat gives (a directory at a
// time) is the Stat os.Root.Lstat gives, for a file, a link (not followed)
// and a directory, nested or not; where tilmash has no fstatat, it says it
// cannot, and FileHashes asks Lstat.
func TestDirStatsAgreeWithLstat(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "locales", "ru"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"a.md", "locales/ru/a.ru.toml"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.ru.toml", filepath.Join(dir, "locales", "ru", "b.ru.toml")); err != nil {
		t.Fatal(err)
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ds := newDirStats(r)
	defer ds.close()
	for _, name := range []string{"a.md", filepath.FromSlash("locales/ru/a.ru.toml"), filepath.FromSlash("locales/ru/b.ru.toml"), "locales"} {
		fi, err := r.Lstat(name)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := ds.stat(name)
		if !ok {
			if runtime.GOOS == "linux" {
				t.Errorf("%s: no fstatat on linux", name)
			}
			continue
		}
		if want := StatOf(fi); got != want {
			t.Errorf("%s: fstatat %+v, Lstat %+v", name, got, want)
		}
	}
	if _, ok := ds.stat(filepath.FromSlash("nowhere/x")); ok {
		t.Errorf("a file in no folder stat'ed")
	}
}
