package fileset

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// TestStage: a commit made in steps. Each Add writes its temporary files
// at once and nothing is in place until Commit; a path added again takes
// its last content or removal; Abort leaves every file as it was; Adds
// from several goroutines make the set they add up to.
func TestStage(t *testing.T) {
	t.Parallel()
	temps := func(dir string) []string {
		var out []string
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && IsTemp(d.Name()) {
				out = append(out, p)
			}
			return nil
		})
		return out
	}
	for _, tc := range []struct {
		name  string
		adds  []Set
		abort bool
		want  map[string]string // "": absent
	}{
		{"two adds", []Set{{"dist/a": []byte("A")}, {"dist/b": []byte("B")}}, false,
			map[string]string{"dist/a": "A", "dist/b": "B", "dist/old": "old"}},
		{"added again", []Set{{"dist/a": []byte("A1"), "dist/old": nil}, {"dist/a": []byte("A2"), "dist/old": []byte("new")}}, false,
			map[string]string{"dist/a": "A2", "dist/old": "new"}},
		{"written, then removed", []Set{{"dist/old": []byte("new")}, {"dist/old": nil}}, false,
			map[string]string{"dist/old": ""}},
		{"aborted", []Set{{"dist/a": []byte("A"), "dist/old": nil}}, true,
			map[string]string{"dist/a": "", "dist/old": "old"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			os.MkdirAll(filepath.Join(root, "dist"), 0o755)
			os.WriteFile(filepath.Join(root, "dist", "old"), []byte("old"), 0o644)
			st, err := NewStage(root, Options{Journal: true, Command: "build"})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tc.adds {
				if err := st.Add(s); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := os.Stat(filepath.Join(root, "dist", "a")); err == nil {
				t.Fatal("a file is in place before the commit")
			}
			if tc.abort {
				st.Abort()
			} else if _, err := st.Commit(); err != nil {
				t.Fatal(err)
			}
			for p, want := range tc.want {
				data, err := os.ReadFile(filepath.Join(root, p))
				if got := string(data); err != nil && want != "" || got != want {
					t.Errorf("%s holds %q, want %q", p, got, want)
				}
			}
			if left := temps(root); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
	t.Run("from several goroutines", func(t *testing.T) {
		root := t.TempDir()
		st, err := NewStage(root, Options{Journal: true, Command: "build"})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				name := filepath.ToSlash(filepath.Join("dist", string(rune('a'+i))))
				if err := st.Add(Set{name: []byte(name), "dist/shared": []byte("same")}); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if !st.Has("dist/c") || st.Has("dist/z") {
			t.Error("Has does not say what was added")
		}
		res, err := st.Commit()
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Written) != 9 || !slices.Contains(res.Written, "dist/shared") {
			t.Errorf("written: %v, want the 8 files and dist/shared", res.Written)
		}
		if left := temps(root); len(left) > 0 {
			t.Errorf("temporary files left: %v", left)
		}
	})
}

// TestStageGuard: a file guarded as a part is added (Guard) is never
// written over when it changed after it was read; unguarded, it is.
func TestStageGuard(t *testing.T) {
	for _, guard := range []bool{true, false} {
		root := t.TempDir()
		write(t, root, map[string]string{"locales/ru/a.ru.toml": "read"})
		st, err := NewStage(root, Options{Journal: true, Command: "extract"})
		if err != nil {
			t.Fatal(err)
		}
		st.Guard(map[string]Expect{"locales/en/a.en.toml": {Absent: true}})
		if guard {
			st.Guard(map[string]Expect{"locales/ru/a.ru.toml": ExpectContent([]byte("read"))})
		}
		must(t, st.Add(Set{"locales/ru/a.ru.toml": []byte("extracted")}))
		write(t, root, map[string]string{"locales/ru/a.ru.toml": "the translator's save"})
		_, err = st.Commit()
		got := files(t, root)["locales/ru/a.ru.toml"]
		var ce *ConflictError
		switch {
		case guard && (!errors.As(err, &ce) || got != "the translator's save"):
			t.Errorf("guarded: err %v, file %q; want a conflict and the save kept", err, got)
		case !guard && (err != nil || got != "extracted"):
			t.Errorf("not guarded: err %v, file %q; want it written", err, got)
		}
	}
}

// TestRankedWritersAgreeInAnyOrder: writers of ranks 0, 1 and 2 each stage
// the same path (content, a removal, or the file kept as it is); whatever
// order they come in, the lowest rank's wins, and no temporary file is
// left. A later Add without a rank replaces them all, as Add does.
func TestRankedWritersAgreeInAnyOrder(t *testing.T) {
	const f = "dist/en/old.html"
	writers := []func(st *Stage) error{
		func(st *Stage) error { return st.AddAs(0, Set{f: []byte("to a\n")}) },
		func(st *Stage) error { return st.AddAs(1, Set{f: []byte("to b\n")}) },
		func(st *Stage) error { return st.AddAs(2, Set{f: nil}) },
	}
	keeper := func(st *Stage) error { st.KeepAs(0, []string{f}); return nil } // rank 0 keeps what is there
	for _, first := range []bool{true, false} {
		for _, order := range [][]int{{0, 1, 2}, {2, 1, 0}, {1, 2, 0}, {2, 0, 1}} {
			root := t.TempDir()
			must(t, os.MkdirAll(filepath.Join(root, "dist/en"), 0o755))
			must(t, os.WriteFile(filepath.Join(root, f), []byte("there\n"), 0o644))
			st, err := NewStage(root, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, i := range order {
				w := writers[i]
				if i == 0 && !first {
					w = keeper
				}
				if err := w(st); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := st.Commit(); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(root, f))
			want := map[bool]string{true: "to a\n", false: "there\n"}[first]
			if err != nil || string(got) != want {
				t.Errorf("rank 0 %s, order %v: %q (%v), want %q", map[bool]string{true: "writes", false: "keeps"}[first], order, got, err, want)
			}
			if entries, _ := os.ReadDir(filepath.Join(root, "dist/en")); len(entries) != 1 {
				t.Errorf("order %v: left %v", order, entries)
			}
		}
	}
	root := t.TempDir()
	st, err := NewStage(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	must(t, st.AddAs(0, Set{f: []byte("to a\n")}))
	must(t, st.Add(Set{f: []byte("the build's own\n")}))
	must(t, st.AddAs(1, Set{f: []byte("to b\n")}))
	if _, err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(root, f)); string(got) != "to b\n" {
		t.Errorf("after Add, a ranked add: %q, want the ranked one (Add clears the rank)", got)
	}
}

// TestRankedWritersAtOnce: ranked writers adding one path at once, in a
// stage with no journal, never sweep away each other's temporary file:
// every add succeeds, and the lowest rank's content is what lands.
func TestRankedWritersAtOnce(t *testing.T) {
	const f = "out/old.html"
	for round := range 50 {
		root := t.TempDir()
		st, err := NewStage(root, Options{})
		if err != nil {
			t.Fatal(err)
		}
		errs := make(chan error, 4)
		for rank := range 4 {
			go func() { errs <- st.AddAs(rank, Set{f: []byte(fmt.Sprintf("rank %d\n", rank))}) }()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if _, err := st.Commit(); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if got, _ := os.ReadFile(filepath.Join(root, f)); string(got) != "rank 0\n" {
			t.Fatalf("round %d: %q, want rank 0's", round, got)
		}
	}
}
