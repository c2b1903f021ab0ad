package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/corpus"
	"github.com/tilmash/tilmash/internal/programid/programidtest"
	"github.com/tilmash/tilmash/internal/testrace"
	"github.com/tilmash/tilmash/translate/catalog"
)

// TestKilledCommandsLoseNothing kills extract and build (SIGKILL) at random
// moments, again and again, and shows what a reader and the next command
// find: every catalogue is exactly the old or the new one and loads;
// dist/report.json never names a file that is not there; once the next
// command has run, the editions are wholly the old set or wholly the new,
// and no temporary file is left. The same for the extract that moves a
// project of the old layout (locales/ru.toml) to a file per article: once
// the next command has run, the catalogues are wholly the new ones, the
// old files gone.
func TestKilledCommandsLoseNothing(t *testing.T) {
	testrace.NotUnderRace(t, subprocess)
	t.Parallel() // processes and files, mostly waiting: overlap with the other slow tests
	bin := filepath.Join(t.TempDir(), "tilmash")
	buildTilmash(t, bin)
	c, err := corpus.Generate(3, 11)
	if err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	writeTree(t, base, c.Files)
	run(t, base, "extract")
	run(t, base, "build")
	old := tree(t, base)
	var article string // one article's name, for export
	for p := range old {
		if name, ok := strings.CutPrefix(p, "content/"); ok && (article == "" || name < article) {
			article = name
		}
	}
	article = strings.TrimSuffix(filepath.Base(article), ".md")
	// The change each command makes in full: every article and catalogue for
	// extract, every edition for build (a new base URL).
	edited := map[string][]byte{}
	for p, data := range old {
		switch {
		case strings.HasPrefix(p, "content/"):
			edited[p] = append(bytes.Clone(data), "\nA paragraph added today.\n"...)
		case p == "tilmash.toml":
			edited[p] = bytes.Replace(data, []byte("[publish]\n"), []byte("[publish]\nbase-url = \"https://news.example/\"\n"), 1)
			if bytes.Equal(edited[p], data) {
				t.Fatal("the corpus's tilmash.toml has no [publish] table to edit")
			}
		}
	}
	current := old // the project as the last extract and build left it
	for _, tc := range []struct {
		name, command string
		base          map[string][]byte // the project before the command
		edit          func(p string) bool
	}{
		{"extract", "extract", current, func(p string) bool { return strings.HasPrefix(p, "content/") }},
		{"build", "build", current, func(p string) bool { return p == "tilmash.toml" }},
		{"extract migrating the old layout", "extract", oldLayout(t, current), func(string) bool { return false }},
	} {
		old := tc.base
		t.Run(tc.name, func(t *testing.T) {
			start := func() string {
				dir := t.TempDir()
				writeTree(t, dir, old)
				for p, data := range edited {
					if tc.edit(p) {
						writeTree(t, dir, map[string][]byte{p: data})
					}
				}
				return dir
			}
			// The new state, and how long the command takes.
			full := start()
			began := time.Now()
			if out, err := exec.Command(bin, "-C", full, tc.command).CombinedOutput(); err != nil && !strings.Contains(string(out), "not published") {
				t.Fatalf("%s: %v\n%s", tc.command, err, out)
			}
			took := time.Since(began)
			want := tree(t, full)
			changed := 0 // files the command writes: where the failpoint may fall
			for p := range want {
				if !bytes.Equal(want[p], old[p]) {
					changed++
				}
			}
			for round := range 4 { // two of each kind of kill
				dir := start()
				cmd := exec.Command(bin, "-C", dir, tc.command)
				if round%2 == 0 { // killed by itself between two renames
					cmd.Env = append(os.Environ(), fmt.Sprintf("TILMASH_TEST_KILL_AT_RENAME=%d", rand.IntN(changed+1)))
				}
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				if round%2 == 1 { // killed from outside, at any moment
					time.Sleep(time.Duration(rand.Int64N(int64(took) + 1)))
					cmd.Process.Signal(syscall.SIGKILL)
				}
				cmd.Wait()
				now := tree(t, dir)
				where := fmt.Sprintf("round %d (killed after %s of %s)", round, cmd.ProcessState, took)
				for p, data := range now {
					if strings.HasPrefix(p, "locales/") && !leftover(p) {
						if !bytes.Equal(data, old[p]) && !bytes.Equal(data, want[p]) {
							t.Fatalf("%s: %s is neither the old nor the new catalogue", where, p)
						}
						if _, err := catalog.Parse(p, data); err != nil {
							t.Fatalf("%s: %v", where, err)
						}
					}
				}
				var rep struct {
					Editions []struct{ File string } `json:"editions"`
				}
				if err := json.Unmarshal(now["dist/report.json"], &rep); err != nil {
					t.Fatalf("%s: dist/report.json: %v", where, err)
				}
				for _, e := range rep.Editions {
					if _, ok := now[e.File]; !ok {
						t.Fatalf("%s: dist/report.json names %s, which is not there", where, e.File)
					}
				}
				// A command that only reads changes nothing, and says a
				// write is pending if one is.
				_, pending := now[".tilmash-journal"]
				out, err := exec.Command(bin, "-C", dir, "status").CombinedOutput()
				if err != nil && !strings.Contains(string(out), "required") {
					t.Fatalf("%s: status after the kill: %v\n%s", where, err, out)
				}
				if !reflect.DeepEqual(tree(t, dir), now) {
					t.Fatalf("%s: status, which only reads, changed files", where)
				}
				if said := strings.Contains(string(out), "was interrupted"); said != pending {
					t.Fatalf("%s: journal pending %v, status said %q", where, pending, out)
				}
				// The next command that writes completes what was left
				// (an export to a file outside: it writes nothing in the project).
				if out, err := exec.Command(bin, "-C", dir, "export", "--locale", "en", "--format", "txt", "--article", article, "-o", filepath.Join(t.TempDir(), "a.txt")).CombinedOutput(); err != nil {
					t.Fatalf("%s: export after the kill: %v\n%s", where, err, out)
				}
				after := tree(t, dir)
				isOld, isNew := true, true
				for p := range mergeKeys(old, want) {
					if !strings.HasPrefix(p, "dist/") || strings.Contains(p, ".tmp-") {
						continue
					}
					isOld = isOld && bytes.Equal(after[p], old[p])
					isNew = isNew && bytes.Equal(after[p], want[p])
				}
				if !isOld && !isNew {
					t.Fatalf("%s: dist/ mixes the old and the new editions", where)
				}
				// After the next command that writes, the catalogues are
				// wholly the old set or wholly the new (a project half
				// moved out of the old layout would hold every moved entry
				// twice); after the command itself, the new.
				after = tree(t, dir)
				if !sameCatalogues(after, old) && !sameCatalogues(after, want) {
					t.Fatalf("%s: after the export, locales/ mixes the old and the new catalogues:\n%s", where, catalogueDiff(after, old, want))
				}
				exec.Command(bin, "-C", dir, tc.command).Run()
				for p := range tree(t, dir) {
					if leftover(p) || strings.Contains(p, "journal") || strings.Contains(p, ".saved-") {
						t.Fatalf("%s: %s left after the next %s", where, p, tc.command)
					}
				}
				if !sameCatalogues(tree(t, dir), want) {
					t.Fatalf("%s: after the next %s, locales/ is not what it writes", where, tc.command)
				}
			}
		})
	}
}

// sameCatalogues reports whether a and b hold the same catalogue files
// under locales/ (a killed command's temporary files aside: the next
// command of its kind sweeps them).
func sameCatalogues(a, b map[string][]byte) bool {
	for p := range mergeKeys(a, b) {
		if strings.HasPrefix(p, "locales/") && !leftover(p) {
			if da, ok := a[p]; !ok || !bytes.Equal(da, b[p]) {
				return false
			}
			if _, ok := b[p]; !ok {
				return false
			}
		}
	}
	return true
}

// catalogueDiff lists the catalogue files of now that are neither as in
// old nor as in want, or missing from both: what a failure names.
func catalogueDiff(now, old, want map[string][]byte) string {
	var lines []string
	all := mergeKeys(now, old)
	for p := range want {
		all[p] = true
	}
	for p := range all {
		if !strings.HasPrefix(p, "locales/") {
			continue
		}
		d, ok := now[p]
		switch {
		case !ok && (old[p] != nil || want[p] != nil):
			lines = append(lines, p+": missing")
		case ok && !bytes.Equal(d, old[p]) && !bytes.Equal(d, want[p]):
			lines = append(lines, p+": neither the old nor the new")
		case ok && old[p] == nil && want[p] == nil:
			lines = append(lines, p+": in neither")
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// leftover reports whether p is a file a killed command leaves beside a
// catalogue or edition, which the next command of its kind completes:
// a temporary file (.ru.toml.tmp-…) or a file moved aside to be removed
// (.ru.toml.removing-…). Neither is read as a catalogue.
func leftover(p string) bool {
	return strings.Contains(p, ".tmp-") || strings.Contains(p, ".removing-")
}

// oldLayout is files with their catalogues as a tilmash before format 2
// kept them: each locale's files (locales/ru/**/*.ru.toml) in one file,
// locales/ru.toml, with the entries of every article and no format line.
func oldLayout(t *testing.T, files map[string][]byte) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	parts := map[string][]*catalog.Catalog{}
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		rest, ok := strings.CutPrefix(p, "locales/")
		folder, _, nested := strings.Cut(rest, "/")
		if !ok || !nested || !strings.HasSuffix(p, ".toml") {
			out[p] = files[p]
			continue
		}
		c, err := catalog.Parse(p, files[p])
		if err != nil {
			t.Fatal(err)
		}
		parts[folder] = append(parts[folder], c)
	}
	if len(parts) == 0 {
		t.Fatal("no catalogue in a folder of its locale's to put in the old layout")
	}
	for folder, cs := range parts {
		flat := "locales/" + folder + ".toml"
		c, err := catalog.Merge(language.MustParse(folder), flat, cs)
		if err != nil {
			t.Fatal(err)
		}
		c.Header = slices.DeleteFunc(slices.Clone(c.Header), func(l string) bool { return strings.HasPrefix(l, "# tilmash catalogue format ") })
		out[flat] = catalog.Format(c)
		if _, err := catalog.Parse(flat, out[flat]); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func mergeKeys(a, b map[string][]byte) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// buildTilmash puts the real binary (built once, without the
// race detector) at bin: for tests that run it as a separate process
// (killed, limited, another user).
func buildTilmash(t *testing.T, bin string) {
	t.Helper()
	data, err := os.ReadFile(tilmashBin)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
}

// TestBuildAfterANewProgram: a build by another tilmash (one built anew from
// changed source, its version still "devel") does not take the last
// build's editions for its own: it builds them again; and the same
// program's second build does (it reads its name from the build ID, not
// by hashing all of itself).
func TestBuildAfterANewProgram(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string][]byte{
		"content/a.md": []byte("+++\ntitle = \"A\"\n+++\n\nText.\n"),
		"tilmash.toml": []byte(""),
	})
	run(t, dir, "extract")
	bin := filepath.Join(t.TempDir(), "tilmash")
	buildTilmash(t, bin)
	out, err := exec.Command(bin, "-C", dir, "build").CombinedOutput()
	if err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	if out, _ := exec.Command(bin, "-C", dir, "build").CombinedOutput(); !strings.Contains(string(out), "nothing changed") {
		t.Fatalf("the same program's second build did work again:\n%s", out)
	}
	// Another program, same version string: the build ID the linker
	// stamps (a hash of what it was built from) differs by a byte.
	programidtest.OtherBuild(t, bin, bin)
	if out, _ := exec.Command(bin, "-C", dir, "build").CombinedOutput(); strings.Contains(string(out), "nothing changed") {
		t.Errorf("a new program took the last build for its own:\n%s", out)
	}
}
