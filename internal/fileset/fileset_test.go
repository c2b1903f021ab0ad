package fileset

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
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
	if _, err := (Set{"dist/ru/a.html": []byte("new")}).CommitWith(root, Options{Journal: true}); err != nil {
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

// written is what the commands of a project laid out as tilmash's default
// write: catalogues in locales/, editions under dist/; they remove only
// editions.
func written(rel string) bool {
	return strings.HasPrefix(rel, "dist/") || strings.HasPrefix(rel, "locales/") && strings.Count(rel, "/") == 1 && strings.HasSuffix(rel, ".toml")
}

var project = Outputs{Writes: written, Removes: func(rel string) bool { return strings.HasPrefix(rel, "dist/") }}

// files returns every file under root, by slash path, with its content.
func files(t *testing.T, root string) map[string]string {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			var data []byte
			if d.Type()&os.ModeSymlink != 0 {
				target, _ := os.Readlink(p)
				data = []byte("-> " + target)
			} else if d.Type().IsRegular() {
				data, _ = os.ReadFile(p)
			}
			r, _ := filepath.Rel(root, p)
			got[filepath.ToSlash(r)] = string(data)
		}
		return nil
	})
	return got
}

func write(t *testing.T, root string, fs map[string]string) {
	t.Helper()
	for p, s := range fs {
		must(t, os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755))
		must(t, os.WriteFile(filepath.Join(root, p), []byte(s), 0o644))
	}
}

func sum(s string) string { return hexSum(sha256.Sum256([]byte(s))) }

// TestRecoverCompletesAKilledCommit: a Commit killed after its journal (all
// its new files written) is completed by Recover, in full.
func TestRecoverCompletesAKilledCommit(t *testing.T) {
	root := t.TempDir()
	// What Commit leaves when killed after renaming the first file: a.html
	// new, b.html and the report still in their temporary files.
	write(t, root, map[string]string{
		"dist/en/a.html": "new a", "dist/en/b.html": "old b", "dist/en/gone.html": "gone", "dist/report.json": "old report",
		"dist/en/edited.html":    "changed since the command decided to remove it",
		"dist/en/.b.html.tmp-42": "new b", "dist/.report.json.tmp-43": "new report",
	})
	j := journal{Version: journalVersion, Command: "build", Rename: []journalEntry{
		{Tmp: "dist/en/.a.html.tmp-41", Dst: "dist/en/a.html", New: sum("new a")},
		{Tmp: "dist/en/.b.html.tmp-42", Dst: "dist/en/b.html", New: sum("new b")},
		{Tmp: "dist/.report.json.tmp-43", Dst: "dist/report.json", New: sum("new report")},
	}, Remove: []journalGone{{Path: "dist/en/gone.html", Sum: sum("gone")}, {Path: "dist/en/edited.html", Sum: sum("as built")}}}
	must(t, j.write(root))
	if p := PendingWrite(root); p == nil || p.Command != "build" || p.Files != 5 || p.Err != nil {
		t.Errorf("PendingWrite = %+v, want build's 5 files", p)
	}
	rec, err := Recover(root, project)
	if err != nil || rec == nil || rec.Command != "build" {
		t.Fatalf("Recover = %+v, %v", rec, err)
	}
	// A file to remove that changed since holds someone's work: it stays.
	want := map[string]string{"dist/en/a.html": "new a", "dist/en/b.html": "new b", "dist/report.json": "new report", "dist/en/edited.html": "changed since the command decided to remove it"}
	if got := files(t, root); !reflect.DeepEqual(got, want) {
		t.Errorf("after Recover: %v, want %v", got, want)
	}
	if !reflect.DeepEqual(rec.Kept, []string{"dist/en/edited.html"}) {
		t.Errorf("Kept = %v, want the edited file", rec.Kept)
	}
	if rec, err := Recover(root, project); rec != nil || err != nil {
		t.Errorf("a second Recover = %v, %v; want nothing to do", rec, err)
	}
}

// TestRecoverRefusesAJournalTilmashDidNotLeave: a journal committed to a
// repository (or edited) is never obeyed: whatever it names, Recover
// refuses it with its path and the project is left byte for byte as it
// was, journal included.
func TestRecoverRefusesAJournalTilmashDidNotLeave(t *testing.T) {
	base := map[string]string{
		"tilmash.toml": "[locales.ru]\n", "content/a.md": "+++\n+++\nText.\n", ".git/config": "[core]\n",
		"locales/ru.toml": "[a]\nother = \"Текст\"\n", "dist/en/a.html": "old",
		"locales/.ru.toml.tmp-1": "attacker's catalogue", "dist/en/.a.html.tmp-2": "attacker's page",
		".tilmash.toml.tmp-3": "evil settings", ".git/.config.tmp-4": "[core]\nfsmonitor = evil\n",
	}
	entry := func(tmp, dst, content string) journalEntry {
		return journalEntry{Tmp: tmp, Dst: dst, New: sum(content)}
	}
	tests := []struct {
		name    string
		journal string // raw, or
		j       *journal
		want    string
	}{
		{"rename over .git/config", "", &journal{Version: journalVersion, Rename: []journalEntry{entry(".git/.config.tmp-4", ".git/config", "[core]\nfsmonitor = evil\n")}}, "no tilmash command writes"},
		{"rename over the settings", "", &journal{Version: journalVersion, Rename: []journalEntry{entry(".tilmash.toml.tmp-3", "tilmash.toml", "evil settings")}}, "no tilmash command writes"},
		{"remove the articles", "", &journal{Version: journalVersion, Remove: []journalGone{{"content/a.md", sum("+++\n+++\nText.\n")}}}, "no tilmash command removes"},
		{"remove the settings", "", &journal{Version: journalVersion, Remove: []journalGone{{"tilmash.toml", sum("[locales.ru]\n")}}}, "no tilmash command removes"},
		{"remove a catalogue", "", &journal{Version: journalVersion, Remove: []journalGone{{"locales/ru.toml", sum("[a]\nother = \"Текст\"\n")}}}, "no tilmash command removes"},
		{"a removal with no fingerprint", "", &journal{Version: journalVersion, Remove: []journalGone{{Path: "dist/en/a.html"}}}, "no content fingerprint"},
		{"a path that climbs out", "", &journal{Version: journalVersion, Remove: []journalGone{{"dist/../tilmash.toml", sum("[locales.ru]\n")}}}, "not a path inside"},
		{"a temporary file that is not beside its file", "", &journal{Version: journalVersion, Rename: []journalEntry{entry("locales/.ru.toml.tmp-1", "dist/en/a.html", "attacker's catalogue")}}, "not a temporary file"},
		{"a source that is not a temporary file", "", &journal{Version: journalVersion, Rename: []journalEntry{entry("locales/ru.toml", "locales/kk.toml", "[a]\nother = \"Текст\"\n")}}, "not a temporary file"},
		{"content other than recorded", "", &journal{Version: journalVersion, Rename: []journalEntry{entry("locales/.ru.toml.tmp-1", "locales/ru.toml", "what tilmash wrote")}}, "does not hold what tilmash wrote"},
		{"no fingerprint", "", &journal{Version: journalVersion, Rename: []journalEntry{{Tmp: "dist/en/.a.html.tmp-2", Dst: "dist/en/a.html"}}}, "no content fingerprint"},
		{"the older format", `{"rename":[["dist/en/.a.html.tmp-2","dist/en/a.html"]],"remove":["content/a.md"]}`, nil, "tilmash can read"},
		{"another version", `{"version":99,"rename":[]}`, nil, "format 99"},
		{"the format before fingerprinted removals", `{"version":2,"remove":["dist/en/a.html"]}`, nil, "tilmash can read"},
		{"unknown fields", `{"version":3,"rename":[],"exec":"rm -rf /"}`, nil, "tilmash can read"},
		{"not JSON", "rm -rf content", nil, "tilmash can read"},
		{"text after it", `{"version":3}{"version":3}`, nil, "text after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			write(t, root, base)
			data := []byte(tt.journal)
			if tt.j != nil {
				data, _ = json.Marshal(tt.j)
			}
			must(t, os.WriteFile(filepath.Join(root, JournalName), data, 0o644))
			before := files(t, root)
			rec, err := Recover(root, project)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), JournalName) {
				t.Fatalf("Recover = %+v, %v; want a refusal with %q naming the journal", rec, err, tt.want)
			}
			if after := files(t, root); !reflect.DeepEqual(after, before) {
				t.Errorf("the project changed:\n%v\nwant\n%v", after, before)
			}
			if p := PendingWrite(root); p == nil {
				t.Errorf("PendingWrite = nil, want the journal reported")
			}
		})
	}
	// The journal itself: a link (to /dev/zero), a folder, a giant.
	for name, plant := range map[string]func(root string){
		"link": func(root string) { os.Symlink("/dev/zero", filepath.Join(root, JournalName)) },
		"folder": func(root string) {
			os.Mkdir(filepath.Join(root, JournalName), 0o755)
		},
		"giant": func(root string) {
			f, _ := os.Create(filepath.Join(root, JournalName))
			f.Truncate(maxJournal + 1)
			f.Close()
		},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			write(t, root, base)
			plant(root)
			before := files(t, root)
			if _, err := Recover(root, project); err == nil {
				t.Fatal("Recover accepted it")
			}
			if after := files(t, root); !reflect.DeepEqual(after, before) {
				t.Errorf("the project changed")
			}
		})
	}
}

// TestCommitIntoAFolderIgnoresItsJournal: a commit that is not journaled
// (an -o file) neither obeys nor writes a journal, and removes none of the
// folder's files but its own leftovers.
func TestCommitIntoAFolderIgnoresItsJournal(t *testing.T) {
	root := t.TempDir()
	planted := `{"version":3,"remove":[{"path":"keep.txt","sum":"` + sum("mine") + `"}]}`
	write(t, root, map[string]string{JournalName: planted, "keep.txt": "mine", ".notes.txt.tmp-1": "someone's", ".out.html.tmp-9": "a killed export's"})
	if _, err := (Set{"out.html": []byte("page"), "second.html": []byte("page 2")}).Commit(root); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{JournalName: planted, "keep.txt": "mine", ".notes.txt.tmp-1": "someone's", "out.html": "page", "second.html": "page 2"}
	if got := files(t, root); !reflect.DeepEqual(got, want) {
		t.Errorf("folder = %v, want %v", got, want)
	}
}

// TestJournaledCommitWaitsForRecovery: a journaled commit refuses to start
// over a pending journal (it would overwrite what is left to complete).
func TestJournaledCommitWaitsForRecovery(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{JournalName: `{"version":3}`})
	if _, err := (Set{"dist/a.html": []byte("x"), "dist/b.html": []byte("y")}).CommitWith(root, Options{Journal: true}); err == nil || !strings.Contains(err.Error(), "pending") {
		t.Fatalf("CommitWith = %v, want a refusal", err)
	}
	if _, err := os.Stat(filepath.Join(root, "dist")); err == nil {
		t.Errorf("dist/ was written")
	}
}

// TestCommitGuarded: a guarded file is replaced only if it still holds
// what the command read; if any changed (or appeared), nothing is written.
func TestCommitGuarded(t *testing.T) {
	const read = "[a]\nother = \"прочитано\"\n"
	tests := []struct {
		name     string
		onDisk   map[string]string // when the commit runs
		expect   map[string]Expect
		conflict []string
	}{
		{"unchanged", map[string]string{"locales/ru.toml": read, "locales/en.toml": "old en"}, map[string]Expect{"locales/ru.toml": ExpectContent([]byte(read)), "locales/en.toml": ExpectContent([]byte("old en"))}, nil},
		{"saved meanwhile", map[string]string{"locales/ru.toml": "the translator's save", "locales/en.toml": "old en"}, map[string]Expect{"locales/ru.toml": ExpectContent([]byte(read)), "locales/en.toml": ExpectContent([]byte("old en"))}, []string{"locales/ru.toml"}},
		{"removed meanwhile", map[string]string{"locales/en.toml": "old en"}, map[string]Expect{"locales/ru.toml": ExpectContent([]byte(read)), "locales/en.toml": ExpectContent([]byte("old en"))}, []string{"locales/ru.toml"}},
		{"created meanwhile", map[string]string{"locales/ru.toml": "a new catalogue", "locales/en.toml": "old en"}, map[string]Expect{"locales/ru.toml": {Absent: true}, "locales/en.toml": ExpectContent([]byte("old en"))}, []string{"locales/ru.toml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			write(t, root, tt.onDisk)
			before := files(t, root)
			set := Set{"locales/en.toml": []byte("new en"), "locales/ru.toml": []byte("new ru"), "dist/report.json": []byte("{}")}
			_, err := set.CommitWith(root, Options{Journal: true, Command: "extract", Expect: tt.expect})
			var ce *ConflictError
			if tt.conflict == nil {
				if err != nil {
					t.Fatal(err)
				}
				want := map[string]string{"locales/en.toml": "new en", "locales/ru.toml": "new ru", "dist/report.json": "{}"}
				if got := files(t, root); !reflect.DeepEqual(got, want) {
					t.Errorf("after = %v, want %v", got, want)
				}
				return
			}
			if !errors.As(err, &ce) || !reflect.DeepEqual(ce.Paths, tt.conflict) {
				t.Fatalf("CommitWith = %v, want a conflict on %v", err, tt.conflict)
			}
			if after := files(t, root); !reflect.DeepEqual(after, before) {
				t.Errorf("after a conflict = %v, want every file as it was: %v", after, before)
			}
		})
	}
}

// TestCommitRacingSaves: 200 saves by an editor, each at a random moment
// of a guarded commit (by rename, as most editors and tilmash save, and in
// place, as others do), and not one is lost: whenever the save falls
// after the command read the file, the file ends as the editor saved it.
func TestCommitRacingSaves(t *testing.T) {
	const rounds = 200
	for round := range rounds {
		root := t.TempDir()
		read := fmt.Sprintf("[a]\nother = \"read %d\"\n", round)
		saved := fmt.Sprintf("[a]\nother = \"saved %d\"\n# the translator's comment\n", round)
		write(t, root, map[string]string{"locales/ru.toml": read, "locales/en.toml": "en"})
		// Many files, so that the commit takes a while and the save can
		// fall anywhere in it.
		set := Set{"locales/ru.toml": []byte("extracted"), "locales/en.toml": []byte("new en")}
		for i := range 6 {
			set[fmt.Sprintf("dist/ru/%d.html", i)] = bytes.Repeat([]byte("x"), 1<<12)
		}
		target := filepath.Join(root, "locales", "ru.toml")
		done := make(chan error)
		go func() {
			time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
			if round%2 == 0 { // by rename
				tmp := filepath.Join(root, "locales", fmt.Sprintf("ru.toml~%d", round))
				if err := os.WriteFile(tmp, []byte(saved), 0o644); err != nil {
					done <- err
					return
				}
				done <- os.Rename(tmp, target)
				return
			}
			done <- os.WriteFile(target, []byte(saved), 0o644) // in place
		}()
		_, err := set.CommitWith(root, Options{Journal: true, Command: "extract", Expect: map[string]Expect{"locales/ru.toml": ExpectContent([]byte(read)), "locales/en.toml": ExpectContent([]byte("en"))}})
		if serr := <-done; serr != nil {
			t.Fatal(serr)
		}
		var ce *ConflictError
		if err != nil && !errors.As(err, &ce) {
			t.Fatalf("round %d: %v", round, err)
		}
		if got, _ := os.ReadFile(target); string(got) != saved {
			t.Fatalf("round %d: the editor's save was lost: locales/ru.toml = %q (commit: %v)", round, got, err)
		}
		if _, err := os.Lstat(filepath.Join(root, JournalName)); err == nil {
			t.Fatalf("round %d: the journal was left", round)
		}
	}
}

// TestRecoverAfterAKilledSwap: a guarded commit killed between swapping a
// catalogue and checking what it displaced is completed by Recover in
// every state it can leave: what the command read goes, an editor's save
// comes back, and a file saved again before its turn is kept.
func TestRecoverAfterAKilledSwap(t *testing.T) {
	const read, ours, theirs = "read", "extracted", "the translator's save"
	tests := []struct {
		name     string
		disk     map[string]string
		old      string
		want     map[string]string
		wantKept []string
	}{
		{"swapped, displaced what was read", map[string]string{"locales/ru.toml": ours, "locales/.ru.toml.tmp-1": read}, sum(read),
			map[string]string{"locales/ru.toml": ours}, nil},
		// A displaced save nothing can verify is kept beside the file,
		// never put in its place: a journal's word alone replaces nothing.
		{"swapped, displaced a save", map[string]string{"locales/ru.toml": ours, "locales/.ru.toml.tmp-1": theirs}, sum(read),
			map[string]string{"locales/ru.toml": ours, "locales/ru.toml.saved-1": theirs}, []string{"locales/ru.toml"}},
		{"not yet swapped", map[string]string{"locales/ru.toml": read, "locales/.ru.toml.tmp-1": ours}, sum(read),
			map[string]string{"locales/ru.toml": ours}, nil},
		{"not yet swapped, saved since", map[string]string{"locales/ru.toml": theirs, "locales/.ru.toml.tmp-1": ours}, sum(read),
			map[string]string{"locales/ru.toml": theirs}, []string{"locales/ru.toml"}},
		{"a new catalogue, not yet in place", map[string]string{"locales/.ru.toml.tmp-1": ours}, absent,
			map[string]string{"locales/ru.toml": ours}, nil},
		{"a new catalogue, created since", map[string]string{"locales/ru.toml": theirs, "locales/.ru.toml.tmp-1": ours}, absent,
			map[string]string{"locales/ru.toml": theirs}, []string{"locales/ru.toml"}},
		{"done", map[string]string{"locales/ru.toml": ours}, sum(read),
			map[string]string{"locales/ru.toml": ours}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			write(t, root, tt.disk)
			j := journal{Version: journalVersion, Command: "extract", Rename: []journalEntry{{Tmp: "locales/.ru.toml.tmp-1", Dst: "locales/ru.toml", New: sum(ours), Old: tt.old}}}
			must(t, j.write(root))
			rec, err := Recover(root, project)
			if err != nil {
				t.Fatal(err)
			}
			if got := files(t, root); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("after Recover = %v, want %v", got, tt.want)
			}
			if !reflect.DeepEqual(rec.Kept, tt.wantKept) {
				t.Errorf("Kept = %v, want %v", rec.Kept, tt.wantKept)
			}
		})
	}
}

// TestRecoverAfterAKilledRemoval: a guarded commit killed after moving a
// file to remove aside (.ru.toml.removing-…) and before removing it is
// completed by Recover: what the command read goes, a save moved aside
// before the check comes back (or beside its place, if that is taken),
// and a file that only looks like one is left alone.
func TestRecoverAfterAKilledRemoval(t *testing.T) {
	const read, theirs, again = "read", "the translator's save", "saved again"
	const aside = "locales/.ru.toml.removing-dndwupicxupi"
	tests := []struct {
		name      string
		disk      map[string]string
		want      map[string]string
		wantKept  []string
		wantAside []string
	}{
		{"moved aside, what was read", map[string]string{aside: read},
			map[string]string{}, nil, nil},
		{"moved aside, a save", map[string]string{aside: theirs},
			map[string]string{"locales/ru.toml": theirs}, []string{"locales/ru.toml"}, nil},
		{"moved aside, a save, and saved again since", map[string]string{aside: theirs, "locales/ru.toml": again},
			map[string]string{"locales/ru.toml": again, "locales/ru.toml.saved-1": theirs}, []string{"locales/ru.toml"}, []string{"locales/ru.toml.saved-1"}},
		{"not a file tilmash moved", map[string]string{"locales/.ru.toml.removing-1.bak": read, "locales/.ru.toml.removing-": read},
			map[string]string{"locales/.ru.toml.removing-1.bak": read, "locales/.ru.toml.removing-": read}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			write(t, root, tt.disk)
			j := journal{Version: journalVersion, Command: "extract", Remove: []journalGone{{Path: "locales/ru.toml", Sum: sum(read)}}}
			must(t, j.write(root))
			// A project whose extract removes catalogues (a migration), and
			// keeps those a journal alone would remove beside their place.
			rec, err := Recover(root, Outputs{Writes: written, Removes: written, KeepAside: written})
			if err != nil {
				t.Fatal(err)
			}
			if got := files(t, root); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("after Recover = %v, want %v", got, tt.want)
			}
			if !reflect.DeepEqual(rec.Kept, tt.wantKept) || !reflect.DeepEqual(rec.Aside, tt.wantAside) {
				t.Errorf("Kept = %v, Aside = %v; want %v, %v", rec.Kept, rec.Aside, tt.wantKept, tt.wantAside)
			}
		})
	}
}

// TestRemoveGuarded: a file to remove that changed since the command read
// it (a translator's save) is a conflict: nothing is written or removed.
func TestRemoveGuarded(t *testing.T) {
	for _, changed := range []bool{false, true} {
		root := t.TempDir()
		old := []byte("[a.s.p-1]\nother = \"Один.\"\n")
		if err := os.WriteFile(filepath.Join(root, "ru.toml"), old, 0o644); err != nil {
			t.Fatal(err)
		}
		if changed {
			os.WriteFile(filepath.Join(root, "ru.toml"), []byte("[a.s.p-1]\nother = \"Раз.\"\n"), 0o644)
		}
		set := Set{"ru.toml": nil, "ru/a.ru.toml": old}
		_, err := set.CommitWith(root, Options{Journal: true, Expect: map[string]Expect{"ru.toml": ExpectContent(old), "ru/a.ru.toml": {Absent: true}}})
		_, statOld := os.Stat(filepath.Join(root, "ru.toml"))
		_, statNew := os.Stat(filepath.Join(root, "ru", "a.ru.toml"))
		if _, err := os.Stat(filepath.Join(root, "ru")); changed && err == nil {
			t.Error("a conflict left a folder behind")
		}
		var ce *ConflictError
		switch {
		case changed && (!errors.As(err, &ce) || statOld != nil || statNew == nil):
			t.Errorf("a changed file: err %v, old file %v, new file %v; want a conflict, the old file kept, nothing written", err, statOld, statNew)
		case !changed && (err != nil || statOld == nil || statNew != nil):
			t.Errorf("an unchanged file: err %v, old file %v, new file %v; want it removed and the new one written", err, statOld, statNew)
		}
	}
}

// TestRecoverRemovesWhatIsSuperseded: a catalogue a journal removes is
// kept beside its place (ru.toml.saved-1), unless the project says the
// files now in place hold all of it (a migration's old file): then it is
// removed, as the interrupted command would have.
func TestRecoverRemovesWhatIsSuperseded(t *testing.T) {
	const read = "read"
	for _, superseded := range []bool{false, true} {
		root := t.TempDir()
		write(t, root, map[string]string{"locales/ru.toml": read})
		j := journal{Version: journalVersion, Command: "extract", Remove: []journalGone{{Path: "locales/ru.toml", Sum: sum(read)}}}
		must(t, j.write(root))
		asked := ""
		rec, err := Recover(root, Outputs{Writes: written, Removes: written, KeepAside: written,
			Superseded: func(rel string) bool { asked = rel; return superseded }})
		if err != nil {
			t.Fatal(err)
		}
		want, moved := map[string]string{"locales/ru.toml.saved-1": read}, []string{"locales/ru.toml.saved-1"}
		if superseded {
			want, moved = map[string]string{}, nil
		}
		if got := files(t, root); !reflect.DeepEqual(got, want) || !reflect.DeepEqual(rec.Moved, moved) || asked != "locales/ru.toml" {
			t.Errorf("superseded %v: after Recover %v, Moved %v (asked about %q); want %v, %v", superseded, got, rec.Moved, asked, want, moved)
		}
	}
}
