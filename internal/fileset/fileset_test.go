package fileset

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCommitWritesAndSkipsUnchanged(t *testing.T) {
	root := t.TempDir()
	s := Set{"dist/ru/a.md": []byte("Алматы\n"), "locales/en.toml": []byte("x\n")}
	res, err := s.Commit(root)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"dist/ru/a.md", "locales/en.toml"}; !reflect.DeepEqual(res.Written, want) {
		t.Fatalf("Written = %v, want %v", res.Written, want)
	}
	got, _ := os.ReadFile(filepath.Join(root, "dist/ru/a.md"))
	if string(got) != "Алматы\n" {
		t.Fatalf("content = %q", got)
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(root, "dist/ru/a.md"), old, old)
	s["locales/en.toml"] = []byte("y\n")
	res, err = s.Commit(root)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Unchanged, []string{"dist/ru/a.md"}) || !reflect.DeepEqual(res.Written, []string{"locales/en.toml"}) {
		t.Fatalf("second commit = %+v", res)
	}
	fi, _ := os.Stat(filepath.Join(root, "dist/ru/a.md"))
	if !fi.ModTime().Equal(old) {
		t.Errorf("unchanged file was rewritten")
	}
	entries, _ := os.ReadDir(filepath.Join(root, "locales"))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestCommitFailureLeavesFilesAsTheyWere(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "keep.toml"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	// "blocked" is a file, so "blocked/x" cannot be created.
	if err := os.WriteFile(filepath.Join(root, "blocked"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s := Set{"keep.toml": []byte("new"), "blocked/x": []byte("x")}
	if _, err := s.Commit(root); err == nil {
		t.Fatal("Commit succeeded, want an error")
	}
	got, _ := os.ReadFile(filepath.Join(root, "keep.toml"))
	if string(got) != "old" {
		t.Errorf("keep.toml = %q, want it untouched", got)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 2 {
		t.Errorf("leftovers: %v", entries)
	}
}

func TestCommitRemoves(t *testing.T) {
	root := t.TempDir()
	if _, err := (Set{"dist/ru/a.html": []byte("old")}).Commit(root); err != nil {
		t.Fatal(err)
	}
	res, err := Set{"dist/ru/a.html": nil, "dist/ru/never.html": nil, "dist/en/a.html": []byte("x")}.Commit(root)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Removed, []string{"dist/ru/a.html"}) || !reflect.DeepEqual(res.Written, []string{"dist/en/a.html"}) {
		t.Errorf("result = %+v", res)
	}
	if _, err := os.Stat(filepath.Join(root, "dist/ru/a.html")); !os.IsNotExist(err) {
		t.Errorf("file not removed: %v", err)
	}
}

// TestCommitStaysInside: no name and no planted link makes Commit write or
// remove outside the root, and a refused set writes nothing at all.
func TestCommitStaysInside(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, root, outside string)
		set   Set
		want  string // in the error
	}{
		{"dot-dot", nil, Set{"dist/../../x.txt": []byte("x")}, "not a path inside"},
		{"absolute", nil, Set{"/tmp/x.txt": []byte("x")}, "not a path inside"},
		{"removal outside", nil, Set{"dist/../../x.txt": nil}, "not a path inside"},
		{"NUL", nil, Set{"dist/a\x00b": []byte("x")}, "not a path inside"},
		{"linked folder", func(t *testing.T, root, outside string) {
			must(t, os.Symlink(outside, filepath.Join(root, "dist")))
		}, Set{"dist/ru/a.html": []byte("x")}, "dist is a symbolic link"},
		{"linked file", func(t *testing.T, root, outside string) {
			must(t, os.MkdirAll(filepath.Join(root, "locales"), 0o755))
			must(t, os.Symlink(filepath.Join(outside, "secret"), filepath.Join(root, "locales", "ru.toml")))
		}, Set{"locales/ru.toml": []byte("x")}, "ru.toml is a symbolic link"},
		{"folder in the way", func(t *testing.T, root, outside string) {
			must(t, os.MkdirAll(filepath.Join(root, "locales", "ru.toml"), 0o755))
		}, Set{"locales/ru.toml": []byte("x")}, "it is a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, outside := t.TempDir(), t.TempDir()
			must(t, os.WriteFile(filepath.Join(outside, "secret"), []byte("secret"), 0o644))
			if tt.setup != nil {
				tt.setup(t, root, outside)
			}
			set := Set{"ok.txt": []byte("ok")}
			for p, d := range tt.set {
				set[p] = d
			}
			_, err := set.Commit(root)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Commit = %v, want an error with %q", err, tt.want)
			}
			if _, err := os.Stat(filepath.Join(root, "ok.txt")); err == nil {
				t.Errorf("a refused set wrote ok.txt")
			}
			if data, _ := os.ReadFile(filepath.Join(outside, "secret")); string(data) != "secret" {
				t.Errorf("the file outside was changed: %q", data)
			}
			if entries, _ := os.ReadDir(outside); len(entries) != 1 {
				t.Errorf("files appeared outside: %v", entries)
			}
		})
	}
}

// TestCommitSweepsLeftovers: the temporary files of a killed run are
// removed, and nothing else is.
func TestCommitSweepsLeftovers(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "dist", "ru")
	must(t, os.MkdirAll(dir, 0o755))
	for _, n := range []string{".a.html.tmp-123456", ".b.epub.tmp-99", "keep.html", ".hidden", "c.tmp-1"} {
		must(t, os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644))
	}
	if _, err := (Set{"dist/ru/a.html": []byte("new")}).Commit(root); err != nil {
		t.Fatal(err)
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got, want := strings.Join(names, " "), ".hidden a.html c.tmp-1 keep.html"; got != want {
		t.Errorf("files = %s, want %s", got, want)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestRecoverCompletesAKilledCommit: a Commit killed after its journal (all
// its new files written) is completed by Recover, in full.
func TestRecoverCompletesAKilledCommit(t *testing.T) {
	root := t.TempDir()
	for p, s := range map[string]string{"dist/en/a.html": "old a", "dist/en/b.html": "old b", "dist/en/gone.html": "gone", "dist/report.json": "old report"} {
		must(t, os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755))
		must(t, os.WriteFile(filepath.Join(root, p), []byte(s), 0o644))
	}
	// What Commit leaves when killed after renaming the first file: a.html
	// new, b.html and the report still in their temporary files.
	must(t, os.WriteFile(filepath.Join(root, "dist/en/a.html"), []byte("new a"), 0o644))
	must(t, os.WriteFile(filepath.Join(root, "dist/en/.b.html.tmp-42"), []byte("new b"), 0o644))
	must(t, os.WriteFile(filepath.Join(root, "dist/.report.json.tmp-43"), []byte("new report"), 0o644))
	j := journal{Rename: [][2]string{{"dist/en/.a.html.tmp-41", "dist/en/a.html"}, {"dist/en/.b.html.tmp-42", "dist/en/b.html"}, {"dist/.report.json.tmp-43", "dist/report.json"}}, Remove: []string{"dist/en/gone.html"}}
	must(t, j.write(root))
	done, err := Recover(root)
	if err != nil || !done {
		t.Fatalf("Recover = %v, %v", done, err)
	}
	want := map[string]string{"dist/en/a.html": "new a", "dist/en/b.html": "new b", "dist/report.json": "new report"}
	got := map[string]string{}
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			r, _ := filepath.Rel(root, p)
			got[filepath.ToSlash(r)] = string(data)
		}
		return nil
	})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after Recover: %v, want %v", got, want)
	}
	if done, err := Recover(root); done || err != nil {
		t.Errorf("a second Recover = %v, %v; want nothing to do", done, err)
	}
	// A journal naming a file outside, or one that is not a temporary file, is refused.
	for _, bad := range []journal{{Rename: [][2]string{{"dist/.x.tmp-1", "../outside"}}}, {Rename: [][2]string{{"locales/ru.toml", "dist/x"}}}, {Remove: []string{"../outside"}}} {
		must(t, bad.write(root))
		if _, err := Recover(root); err == nil {
			t.Errorf("Recover accepted %+v", bad)
		}
		os.Remove(filepath.Join(root, JournalName))
	}
}

// TestRecoverRemovesAHalfWrittenJournal: a Commit killed while writing its
// journal had renamed nothing; its journal's temporary file goes.
func TestRecoverRemovesAHalfWrittenJournal(t *testing.T) {
	root := t.TempDir()
	half := filepath.Join(root, "."+JournalName+".tmp-77")
	must(t, os.WriteFile(half, []byte(`{"rename":[["dist/.a.tmp-1"`), 0o644))
	if _, err := Recover(root); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(half); err == nil {
		t.Errorf("%s is still there", half)
	}
}
