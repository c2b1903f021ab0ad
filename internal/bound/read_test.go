package bound

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// lyingFS serves one file whose Stat reports size, and whose content is
// endless 'x' bytes (a file that grows while it is read), counting what it
// serves.
type lyingFS struct {
	size   int64
	served *int64
}

func (l lyingFS) Open(name string) (fs.File, error) { return &lyingFile{l}, nil }

type lyingFile struct{ fs lyingFS }

func (f *lyingFile) Stat() (fs.FileInfo, error) { return lyingInfo{f.fs.size}, nil }
func (f *lyingFile) Close() error               { return nil }
func (f *lyingFile) Read(p []byte) (int, error) {
	n := copy(p, bytes.Repeat([]byte("x"), len(p)))
	*f.fs.served += int64(n)
	return n, nil
}

type lyingInfo struct{ size int64 }

func (i lyingInfo) Name() string       { return "grows.md" }
func (i lyingInfo) Size() int64        { return i.size }
func (i lyingInfo) Mode() fs.FileMode  { return 0o644 }
func (i lyingInfo) ModTime() time.Time { return time.Time{} }
func (i lyingInfo) IsDir() bool        { return false }
func (i lyingInfo) Sys() any           { return nil }

func TestReadFile(t *testing.T) {
	lim := Limit{What: "an article", Max: 100, Hint: "split it"}
	var served int64
	tests := []struct {
		name string
		fsys fs.FS
		want string // the error, or "" to read the file whole
	}{
		{"at the limit", fstest.MapFS{"a.md": {Data: bytes.Repeat([]byte("a"), 100)}}, ""},
		{"empty", fstest.MapFS{"a.md": {Data: nil}}, ""},
		{"past it", fstest.MapFS{"a.md": {Data: bytes.Repeat([]byte("a"), 101)}}, "a.md:1:1: a file of 101 bytes, larger than an article may be (at most 100 bytes) (split it)"},
		{"its size says so", lyingFS{size: 5 << 30, served: &served}, "a.md:1:1: a file of 5368709120 bytes, larger than an article may be"},
		{"it grows while read", lyingFS{size: 10, served: &served}, "a.md:1:1: a file of more than 100 bytes (it grew while it was read), larger than an article may be"},
		{"no file", fstest.MapFS{}, "file does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			served = 0
			data, err := ReadFile(tt.fsys, "a.md", lim)
			if tt.want == "" {
				want, _ := fs.ReadFile(tt.fsys, "a.md")
				if err != nil || !bytes.Equal(data, want) {
					t.Errorf("read %d bytes, %v; want the file's %d bytes", len(data), err, len(want))
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
			var be *Error
			if !errors.Is(err, fs.ErrNotExist) && !errors.As(err, &be) {
				t.Errorf("error %T, want *Error", err)
			}
			if served > lim.Max+1 {
				t.Errorf("read %d bytes of a file past the limit of %d: at most one byte more", served, lim.Max)
			}
		})
	}
}

// TestLimits: each kind of file the project holds has a limit far above
// what a real one holds, named in the message.
func TestLimits(t *testing.T) {
	tests := []struct {
		lim      Limit
		atLeast  int64
		wantSize string
	}{
		{Article, 16 << 20, "32 MiB"},
		{Glossary, 16 << 20, "32 MiB"},
		{WordList, 16 << 20, "32 MiB"},
		{Settings, 1 << 20, "32 MiB"},
		{Catalogue, 800 << 20, "1 GiB"}, // the 10,000-article benchmark's is about 750 MB
	}
	for _, tt := range tests {
		err := tooLarge("f", "a file of many bytes", tt.lim)
		if tt.lim.Max < tt.atLeast || !strings.Contains(err.Msg, tt.lim.What+" may be (at most "+tt.wantSize+")") || tt.lim.Hint == "" {
			t.Errorf("%s: %v", tt.lim.What, err)
		}
	}
}

// TestReadFileRefusesWhatIsNotAFile: a link to /dev/zero would fill memory
// up to the limit, a named pipe would make the command wait for ever: both
// are refused before they are opened.
func TestReadFileRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.md")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"zero.md", "pipe.md"} {
		t.Run(name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := ReadFile(os.DirFS(dir), name, Article)
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), "not a regular file") {
					t.Errorf("ReadFile = %v, want a refusal", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("ReadFile still waits after 10 s: it opened the pipe")
			}
		})
	}
}
