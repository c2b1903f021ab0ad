package cache

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func sha(s string) [sha256.Size]byte { return sha256.Sum256([]byte(s)) }

// project writes files (slash path → content) under a new root, dated an
// hour ago: old enough that their hashes may be reused.
func project(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, s := range files {
		write(t, root, p, s, time.Now().Add(-time.Hour))
	}
	return root
}

// write writes s to root/p, dated at.
func write(t *testing.T, root, p, s string, at time.Time) {
	t.Helper()
	f := filepath.Join(root, filepath.FromSlash(p))
	must(t, os.MkdirAll(filepath.Dir(f), 0o755))
	must(t, os.WriteFile(f, []byte(s), 0o644))
	must(t, os.Chtimes(f, at, at))
}

// counting returns a cache that records the files FileHashes reads.
func counting(t *testing.T) (*Cache, *[]string) {
	c := newCache(t)
	var read []string
	c.onRead = func(p string) { read = append(read, p) }
	return c, &read
}

// TestFileHashes: each file's SHA-256, in the order asked, a path asked
// twice included.
func TestFileHashes(t *testing.T) {
	files := map[string]string{
		"content/a.md":             "# Title\n",
		"content/қазақ тілі.md":    "Сәлем, әлем!\n",
		"locales/ru.toml":          "[a]\nother = \"x\"\n",
		"content/with\nnewline.md": "",
	}
	root := project(t, files)
	paths := []string{"locales/ru.toml", "content/a.md", "content/қазақ тілі.md", "content/with\nnewline.md", "content/a.md"}
	c := newCache(t)
	for round := range 2 { // read, then from the index
		sums, err := c.FileHashes(root, paths)
		must(t, err)
		for i, p := range paths {
			if sums[i] != sha(files[p]) {
				t.Errorf("round %d: %q: %x, want %x", round, p, sums[i], sha(files[p]))
			}
		}
	}
}

// TestFileHashesReuse: a file whose Stat has not changed, and is old
// enough, is not read again; a changed one is, and only it; a file
// changed just now is read until a call that reads it is far enough
// (racyWindow) after its time.
func TestFileHashesReuse(t *testing.T) {
	root := project(t, map[string]string{"a.md": "a", "b.md": "b", "c.md": "c"})
	paths := []string{"a.md", "b.md", "c.md"}
	c, read := counting(t)
	now := time.Now()
	c.now = func() time.Time { return now }
	abs, _ := filepath.Abs(root)
	ixFile := entryPath(c, keyOf(indexDomain, [][]byte{[]byte(abs)}))
	steps := []struct {
		name     string
		change   func()
		wantRead []string // the files read
		wantB    string   // b.md's content
		saved    bool     // whether the index was written
	}{
		{"first call", func() {}, paths, "b", true},
		{"nothing changed", func() {}, nil, "b", false},
		{"b rewritten just now", func() { write(t, root, "b.md", "B2", now) }, []string{"b.md"}, "B2", true},
		{"b too new to trust", func() {}, []string{"b.md"}, "B2", true},
		{"3 s later, b read again", func() { now = now.Add(3 * time.Second) }, []string{"b.md"}, "B2", true},
		{"b hashed 3 s after its time", func() {}, nil, "B2", false},
		{"b rewritten, same length, an hour back", func() { write(t, root, "b.md", "B3", now.Add(-time.Hour)) }, []string{"b.md"}, "B3", true},
		{"a file fewer", func() { paths = paths[1:] }, nil, "B3", true},
		{"a asked for again", func() { paths = append(paths, "a.md") }, []string{"a.md"}, "B3", true},
	}
	var before os.FileInfo
	for _, s := range steps {
		s.change()
		*read = nil
		sums, err := c.FileHashes(root, paths)
		must(t, err)
		if !slices.Equal(*read, s.wantRead) {
			t.Errorf("%s: read %q, want %q", s.name, *read, s.wantRead)
		}
		if i := slices.Index(paths, "b.md"); sums[i] != sha(s.wantB) {
			t.Errorf("%s: b.md's hash is not that of %q", s.name, s.wantB)
		}
		after, err := os.Stat(ixFile)
		must(t, err)
		if saved := before == nil || !os.SameFile(before, after); saved != s.saved {
			t.Errorf("%s: index written: %v, want %v", s.name, saved, s.saved)
		}
		before = after
	}
}

// TestFileHashesRacy is git's racy-timestamp rule: a stored hash whose
// Stat matches the file exactly is still not trusted unless the file's
// modification time was at least racyWindow older than the moment the
// hash was taken. The index is planted with a wrong hash, so a row that
// trusts it returns the wrong hash, and one that does not, the right one.
func TestFileHashesRacy(t *testing.T) {
	tests := []struct {
		name     string
		hashedAt time.Duration // after the file's modification time
		trusted  bool
	}{
		{"hashed in the same nanosecond", 0, false},
		{"hashed half a second later", 500 * time.Millisecond, false},
		{"hashed a second later", time.Second, false},
		{"hashed exactly racyWindow later", racyWindow, false},
		{"hashed before the file's time", -time.Second, false},
		{"hashed just over racyWindow later", racyWindow + time.Nanosecond, true},
		{"hashed an hour later", time.Hour, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := project(t, map[string]string{"a.md": "right"})
			abs, err := filepath.Abs(root)
			must(t, err)
			fi, err := os.Lstat(filepath.Join(root, "a.md"))
			must(t, err)
			st := StatOf(fi)
			c := newCache(t)
			planted := index{time: st.ModTime + int64(tt.hashedAt), files: []indexFile{{path: "a.md", stat: st, sum: sha("wrong")}}}
			must(t, c.Put(keyOf(indexDomain, [][]byte{[]byte(abs)}), planted.encode()))
			sums, err := c.FileHashes(root, []string{"a.md"})
			must(t, err)
			want := sha("right")
			if tt.trusted {
				want = sha("wrong")
			}
			if sums[0] != want {
				t.Errorf("trusted the index: %v, want %v", sums[0] == sha("wrong"), tt.trusted)
			}
		})
	}
}

// TestFileHashesSameStatChanged: a file rewritten in the second its hash
// was taken, same length, its modification time set back to what it was,
// is read again.
func TestFileHashesSameStatChanged(t *testing.T) {
	root := t.TempDir()
	at := time.Now().Truncate(time.Second)
	write(t, root, "a.md", "first", at)
	c := newCache(t)
	c.now = func() time.Time { return at.Add(500 * time.Millisecond) }
	_, err := c.FileHashes(root, []string{"a.md"})
	must(t, err)
	write(t, root, "a.md", "other", at)
	sums, err := c.FileHashes(root, []string{"a.md"})
	must(t, err)
	if sums[0] != sha("other") {
		t.Fatal("the old hash was reused")
	}
}

// TestFileHashesDamagedIndex: an index that is not what FileHashes wrote
// is ignored: the files are read.
func TestFileHashesDamagedIndex(t *testing.T) {
	root := project(t, map[string]string{"a.md": "a"})
	abs, _ := filepath.Abs(root)
	c, read := counting(t)
	_, err := c.FileHashes(root, []string{"a.md"})
	must(t, err)
	key := keyOf(indexDomain, [][]byte{[]byte(abs)})
	b, ok := c.Get(key)
	if !ok {
		t.Fatal("no index was stored")
	}
	must(t, c.Put(key, b[:len(b)-1]))
	*read = nil
	sums, err := c.FileHashes(root, []string{"a.md"})
	must(t, err)
	if len(*read) != 1 || sums[0] != sha("a") {
		t.Fatalf("read %q, sum right: %v", *read, sums[0] == sha("a"))
	}
}

// TestFileHashesRefuses: what is not a regular file inside the root is
// refused, with the path.
func TestFileHashesRefuses(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, "secret", "s", time.Now())
	root := project(t, map[string]string{"a.md": "a"})
	must(t, os.Symlink("a.md", filepath.Join(root, "link.md")))
	must(t, os.Symlink(outside, filepath.Join(root, "out")))
	must(t, os.Mkdir(filepath.Join(root, "dir.md"), 0o755))
	tests := []struct {
		path string
		want string
		is   error
	}{
		{"link.md", "not a regular file", nil},
		{"dir.md", "not a regular file", nil},
		{"../secret", "not a path inside the project", nil},
		{"/etc/passwd", "not a path inside the project", nil},
		{"", "not a path inside the project", nil},
		{"out/secret", "path escapes", nil},
		{"missing.md", "missing.md", fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := newCache(t).FileHashes(root, []string{"a.md", tt.path})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("FileHashes = %v, want an error with %q", err, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
		})
	}
}
