package cache

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTrim: Trim removes entries unused for maxAge (allowing the hour by
// which a Get's mark may lag) and old temporary files, nothing else, and
// scans at most once a day.
func TestTrim(t *testing.T) {
	c := newCache(t)
	now := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return now }
	const maxAge = 5 * 24 * time.Hour
	age := func(p string, d time.Duration) {
		t.Helper()
		must(t, os.Chtimes(p, now.Add(-d), now.Add(-d)))
	}
	entry := func(name string, d time.Duration) string {
		k := NewKey([]byte(name))
		must(t, c.Put(k, []byte(name)))
		age(entryPath(c, k), d)
		return entryPath(c, k)
	}
	plant := func(rel string, d time.Duration) string {
		p := filepath.Join(c.Dir(), rel)
		must(t, os.MkdirAll(filepath.Dir(p), 0o700))
		must(t, os.WriteFile(p, []byte("mine"), 0o600))
		age(p, d)
		return p
	}
	// An entry folder that is a link: what it points to is not the cache's.
	elsewhere := t.TempDir()
	linked := filepath.Join(elsewhere, "ef"+strings.Repeat("0", 62))
	must(t, os.WriteFile(linked, []byte("mine"), 0o600))
	age(linked, 30*24*time.Hour)
	must(t, os.Symlink(elsewhere, filepath.Join(c.Dir(), "ef")))
	tests := []struct {
		name string
		path string
		kept bool
	}{
		{"in a linked entry folder", linked, true},
		{"used a day ago", entry("a", 24*time.Hour), true},
		{"used maxAge ago, within the lag", entry("b", maxAge+30*time.Minute), true},
		{"unused for longer", entry("c", maxAge+2*time.Hour), false},
		{"temporary file 2 hours old", plant("ab/"+tempPrefix+"123", 2*time.Hour), false},
		{"temporary file 10 minutes old", plant("ab/"+tempPrefix+"456", 10*time.Minute), true},
		{"a file of the user's", plant("ab/notes.txt", 30*24*time.Hour), true},
		{"a file of the user's beside the folders", plant("old.txt", 30*24*time.Hour), true},
		{"entry name in the wrong folder", plant("cd/ab"+strings.Repeat("0", 62), 30*24*time.Hour), true},
		{"upper-case entry name", plant("ab/AB"+strings.Repeat("0", 62), 30*24*time.Hour), true},
		{"a folder not the cache's", plant("mine/"+strings.Repeat("0", 64), 30*24*time.Hour), true},
	}
	must(t, c.Trim(maxAge))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := os.Lstat(tt.path)
			if kept := err == nil; kept != tt.kept {
				t.Errorf("kept: %v, want %v", kept, tt.kept)
			}
		})
	}

	// Within a day, Trim does not scan again; a day later it does.
	late := entry("d", maxAge+2*time.Hour)
	now = now.Add(23 * time.Hour)
	must(t, c.Trim(maxAge))
	if _, err := os.Lstat(late); err != nil {
		t.Fatal("Trim scanned again within a day")
	}
	now = now.Add(time.Hour)
	must(t, c.Trim(maxAge))
	if _, err := os.Lstat(late); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("Trim did not scan a day later")
	}

	// A time in the future (a damaged file, a clock set back) does not
	// stop trimming for good.
	must(t, os.WriteFile(filepath.Join(c.Dir(), trimFile), []byte("99999999999"), 0o600))
	late = entry("e", maxAge+2*time.Hour)
	must(t, c.Trim(maxAge))
	if _, err := os.Lstat(late); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("a trim time in the future stopped Trim")
	}
}
