package workspace

import (
	"bytes"
	"testing"
	"testing/fstest"
)

// TestSuperseded: once extract has moved a project of the old layout to a
// file per article, each old file is held in full by the new ones (and a
// recovery may remove it); a translation, a hash or a translator's note
// that only the old file holds makes it not superseded (it is kept aside).
func TestSuperseded(t *testing.T) {
	old := readTree(t, "../../testdata/oldlayout")
	w, err := Load(old, Default)
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := w.Extract(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	// The migration killed before it removed the old files: both layouts.
	both := apply(old, files)
	for p, f := range old {
		both[p] = f
	}
	const article = "locales/ru/kyrgyzstan-blogger.ru.toml"
	edit := func(from, to string) func(fstest.MapFS) {
		return func(fsys fstest.MapFS) {
			data := fsys[article].Data
			if !bytes.Contains(data, []byte(from)) {
				t.Fatalf("%s holds no %q to edit", article, from)
			}
			fsys[article] = &fstest.MapFile{Data: bytes.Replace(data, []byte(from), []byte(to), 1)}
		}
	}
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		file   string
		want   bool
	}{
		{"the Russian, migrated", nil, "locales/ru.toml", true},
		{"the English, migrated", nil, "locales/en.toml", true},
		{"the Kazakh, migrated", nil, "locales/kk.toml", true},
		{"the Latin Kazakh overrides, migrated", nil, "locales/kk-Latn.toml", true},
		{"a file of the new layout", nil, article, false},
		{"not a catalogue", nil, "tilmash.toml", false},
		{"a translation differs", edit(`other = "`, `other = "Не то: `), "locales/ru.toml", false},
		{"a hash differs", edit(`hash = "`, `hash = "0`), "locales/ru.toml", false},
		{"the old file's notes are nowhere", func(fsys fstest.MapFS) {
			for p, f := range fsys {
				if len(p) > 11 && p[:11] == "locales/ru/" {
					fsys[p] = &fstest.MapFile{Data: bytes.ReplaceAll(f.Data, []byte("# Имена сверены с глоссарием.\n"), nil)}
				}
			}
		}, "locales/ru.toml", false},
		{"an entry's file is gone", func(fsys fstest.MapFS) { delete(fsys, article) }, "locales/ru.toml", false},
		{"another locale's file changed", edit(`other = "`, `other = "Не то: `), "locales/kk.toml", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for p, f := range both {
				fsys[p] = f
			}
			if tt.change != nil {
				tt.change(fsys)
			}
			if got := Default.Superseded(fsys)(tt.file); got != tt.want {
				t.Errorf("Superseded(%s) = %v, want %v", tt.file, got, tt.want)
			}
		})
	}
}
