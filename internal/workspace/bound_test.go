package workspace

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tilmash/tilmash/internal/bound"
)

// sizedFS is a project whose file at path says it holds size bytes (a
// file too large to make in a test, or one that grew).
type sizedFS struct {
	fstest.MapFS
	path string
	size int64
}

func (s sizedFS) Open(name string) (fs.File, error) {
	f, err := s.MapFS.Open(name)
	if err != nil || name != s.path {
		return f, err
	}
	return sizedFile{f, s.size}, nil
}

type sizedFile struct {
	fs.File
	size int64
}

func (f sizedFile) Stat() (fs.FileInfo, error) {
	info, err := f.File.Stat()
	return sizedInfo{info, f.size}, err
}

type sizedInfo struct {
	fs.FileInfo
	size int64
}

func (i sizedInfo) Size() int64 { return i.size }

// TestLoadBoundsEveryFile: every file Load reads from the project is
// refused, by its size and before it is read, when it is larger than a file
// of its kind can be, with the file named and exit 2 (an error, not
// findings).
func TestLoadBoundsEveryFile(t *testing.T) {
	project := fstest.MapFS{
		"content/a.md":          {Data: []byte("+++\ntitle = \"Алматы\"\n+++\n\nText.\n")},
		"locales/ru.toml":       {Data: []byte("# ru\n")}, // the old layout, still read
		"locales/kk/a.kk.toml":  {Data: []byte("# kk\n")}, // a file per article
		"glossary/terms.toml":   {Data: []byte("# terms\n")},
		"glossary/words.kk.txt": {Data: []byte("Алматы\n")},
		"tilmash.toml":          {Data: []byte("# settings\n")},
	}
	if _, err := Load(project, Default); err != nil {
		t.Fatalf("the project as it is: %v", err)
	}
	tests := []struct {
		path string
		lim  bound.Limit
	}{
		{"content/a.md", bound.Article},
		{"locales/ru.toml", bound.Catalogue},
		{"locales/kk/a.kk.toml", bound.Catalogue},
		{"glossary/terms.toml", bound.Glossary},
		{"glossary/words.kk.txt", bound.WordList},
		{"tilmash.toml", bound.Settings},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := Load(sizedFS{project, tt.path, tt.lim.Max + 1}, Default)
			var be *bound.Error
			if !errors.As(err, &be) {
				t.Fatalf("error = %v, want a refusal (*bound.Error)", err)
			}
			if want := tt.path + ":1:1: a file of "; !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "larger than "+tt.lim.What) {
				t.Errorf("error = %q, want %q… larger than %s", err, want, tt.lim.What)
			}
		})
	}
}
