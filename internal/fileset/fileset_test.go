package fileset

import (
	"os"
	"path/filepath"
	"reflect"
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
