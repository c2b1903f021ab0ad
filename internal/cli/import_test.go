package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"testing"

	"github.com/tilmash/tilmash/internal/lock"
)

// importProject is a project with one article, extracted for ru, and a
// work file of its missing units; it returns the project and the file.
func importProject(t *testing.T) (dir, work string) {
	t.Helper()
	dir = t.TempDir()
	writeTree(t, dir, map[string][]byte{
		"content/a.md": []byte("+++\ntitle = \"Russians of Almaty\"\n+++\n\nMen left.\n"),
		"tilmash.toml": []byte("[locales.ru]\n"),
	})
	run(t, dir, "extract", "--add-locale", "ru")
	work = filepath.Join(t.TempDir(), "ru.po")
	run(t, dir, "handoff", "-l", "ru", "-o", work)
	return dir, work
}

// TestImportReadsBoundedFiles: import reads a work file up to its size
// limit (--max-size, or by default 64 MiB or four times the largest
// catalogue) and refuses a larger one before reading it, exit 2, with
// every file as it was.
func TestImportReadsBoundedFiles(t *testing.T) {
	t.Parallel()
	dir, work := importProject(t)
	fi, err := os.Stat(work)
	if err != nil {
		t.Fatal(err)
	}
	size := fi.Size()
	// 65 MiB, sparse: over the default limit, and no disk or time spent
	// (import refuses it before reading it).
	huge := filepath.Join(t.TempDir(), "huge.po")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 65<<20); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		err  string // a regular expression standard error must match
	}{
		{"at the limit", []string{"import", "--max-size", strconv.FormatInt(size, 10), work}, 0, `^$`},
		{"a byte past it", []string{"import", "--max-size", strconv.FormatInt(size-1, 10), work}, 2,
			`^tilmash: .*ru\.po: ` + strconv.FormatInt(size, 10) + ` bytes, more than --max-size ` + strconv.FormatInt(size-1, 10) + ` bytes: nothing read\n$`},
		{"over the default limit", []string{"import", huge}, 2,
			`^tilmash: .*huge\.po: 65 MiB \(68157440 bytes\), more than import reads \(64 MiB; a work file tilmash writes for this project is far smaller\): nothing read; if the file is right, name a larger limit with --max-size\n$`},
		{"a folder", []string{"import", filepath.Dir(work)}, 2, `: a folder, not a regular file: import reads a work file that tilmash handoff wrote\n$`},
		{"not a size", []string{"import", "--max-size", "64MB", work}, 2, `"64MB" is not a size: write a whole number of bytes, or of KiB, MiB or GiB, such as 512MiB`},
	}
	before := inputs(t, dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := tilmashExec(t, dir, tt.args...)
			if code != tt.code || !regexp.MustCompile(tt.err).MatchString(errOut) {
				t.Errorf("exit %d, want %d; stderr %q, want a match for %s\n%s", code, tt.code, errOut, tt.err, out)
			}
			if after := inputs(t, dir); !reflect.DeepEqual(after, before) {
				t.Error("the project changed")
			}
		})
	}
}

// inputs are the project's files, but for the lock a writing command
// leaves (empty) in its root.
func inputs(t *testing.T, dir string) map[string][]byte {
	files := tree(t, dir)
	delete(files, lock.Name)
	return files
}

// TestImportLimit: the default limit is 64 MiB, or four times the largest
// locale's catalogue when that is more (sparse files: no disk spent). A
// locale's catalogue is all its files, one per article (a work file of
// every unit holds them all), or the old layout's one file.
func TestImportLimit(t *testing.T) {
	tests := []struct {
		name     string
		catalogs map[string]int64 // locales/<path> → its size
		want     int64
	}{
		{"no catalogue", nil, 64 << 20},
		{"small ones", map[string]int64{"en/a.en.toml": 1 << 20, "ru/a.ru.toml": 2 << 20}, 64 << 20},
		{"a large one", map[string]int64{"en/a.en.toml": 1 << 20, "ru/world/a.ru.toml": 100 << 20}, 400 << 20},
		{"a large locale", map[string]int64{"en/a.en.toml": 1 << 20, "ru/a.ru.toml": 50 << 20, "ru/world/b.ru.toml": 50 << 20}, 400 << 20},
		{"a large one in the old layout", map[string]int64{"en.toml": 1 << 20, "ru.toml": 100 << 20}, 400 << 20},
		{"not a catalogue", map[string]int64{"ru.po": 100 << 20, "ru/a.po": 100 << 20}, 64 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.Mkdir(filepath.Join(dir, "locales"), 0o755)
			for name, size := range tt.catalogs {
				p := filepath.Join(dir, "locales", filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, nil, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Truncate(p, size); err != nil {
					t.Fatal(err)
				}
			}
			g := &Global{Dir: dir, Locales: "locales"}
			if got := g.importLimit(); got != tt.want {
				t.Errorf("importLimit() = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestByteSize: --max-size takes bytes, KiB, MiB or GiB (K, M, G alone
// too) and refuses what it would have to guess at.
func TestByteSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64 // 0: refused
		show string
	}{
		{"1048576", 1 << 20, "1 MiB"},
		{"512KiB", 512 << 10, "512 KiB"},
		{"64MiB", 64 << 20, "64 MiB"},
		{"64 MiB", 64 << 20, "64 MiB"},
		{"2G", 2 << 30, "2 GiB"},
		{"1500B", 1500, "1.5 KiB"},
		{"900", 900, "900 bytes"},
		{"64MB", 0, ""},
		{"1.5GiB", 0, ""},
		{"0", 0, ""},
		{"-1", 0, ""},
		{"9999999999G", 0, ""},
		{"", 0, ""},
	}
	for _, tt := range tests {
		var b byteSize
		err := b.Set(tt.in)
		switch {
		case tt.want == 0 && err == nil:
			t.Errorf("%q: %d, want an error", tt.in, b)
		case tt.want != 0 && (err != nil || int64(b) != tt.want || b.String() != tt.show):
			t.Errorf("%q: %d %q (%v), want %d %q", tt.in, b, b.String(), err, tt.want, tt.show)
		}
	}
}
