package archive

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tilmash/tilmash/internal/cache"
	"github.com/tilmash/tilmash/internal/testrace"
	"github.com/tilmash/tilmash/internal/workspace"
)

// hasher hashes files as the cache's stat index would give them.
func hasher(fsys fstest.MapFS) func([]string) ([][32]byte, error) {
	return func(paths []string) ([][32]byte, error) {
		out := make([][32]byte, len(paths))
		for i, p := range paths {
			f, ok := fsys[p]
			if !ok {
				return nil, fmt.Errorf("%s: %w", p, os.ErrNotExist)
			}
			out[i] = sha256.Sum256(f.Data)
		}
		return out, nil
	}
}

// edits are what an ordinary day does to a project, one at a time.
var edits = []struct {
	name string
	do   func(r *rand.Rand, fsys fstest.MapFS)
}{
	{"a translation revised", func(r *rand.Rand, fsys fstest.MapFS) {
		f := pick(r, fsys, "locales/ru/")
		s := string(fsys[f].Data)
		from := r.IntN(len(s))
		i := strings.Index(s[from:], "\nother = \"")
		if i < 0 {
			return
		}
		i += from
		fsys[f] = &fstest.MapFile{Data: []byte(s[:i] + "\nother = \"Правка — " + s[i+len("\nother = \""):])}
	}},
	{"a translator's typo", func(r *rand.Rand, fsys fstest.MapFS) {
		f := pick(r, fsys, "locales/kk/")
		fsys[f] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[f].Data), "\" \n", "\"\n", 1) + "\n[broken\n")}
	}},
	{"a broken file mended", func(r *rand.Rand, fsys fstest.MapFS) {
		for p, f := range fsys {
			if strings.HasSuffix(string(f.Data), "\n[broken\n") {
				fsys[p] = &fstest.MapFile{Data: []byte(strings.TrimSuffix(string(f.Data), "\n[broken\n"))}
			}
		}
	}},
	{"the English corrected", func(r *rand.Rand, fsys fstest.MapFS) {
		f := pick(r, fsys, "content/")
		fsys[f] = &fstest.MapFile{Data: append(slices.Clone(fsys[f].Data), []byte(fmt.Sprintf("\nA correction, number %d.\n", r.IntN(100)))...)}
	}},
	{"an article added", func(r *rand.Rand, fsys fstest.MapFS) {
		f := pick(r, fsys, "content/")
		fsys[fmt.Sprintf("content/new-%d.md", r.IntN(1000))] = fsys[f]
	}},
	{"an article deleted", func(r *rand.Rand, fsys fstest.MapFS) {
		delete(fsys, pick(r, fsys, "content/"))
	}},
	{"the settings", func(r *rand.Rand, fsys fstest.MapFS) {
		s := string(fsys["tilmash.toml"].Data)
		if strings.Contains(s, `spelling = "warning"`) {
			s = strings.Replace(s, `spelling = "warning"`, `spelling = "error"`, 1)
		} else {
			s = strings.Replace(s, `spelling = "error"`, `spelling = "warning"`, 1)
		}
		fsys["tilmash.toml"] = &fstest.MapFile{Data: []byte(s)}
	}},
	{"the glossary", func(r *rand.Rand, fsys fstest.MapFS) {
		fsys["glossary/words.ru.txt"] = &fstest.MapFile{Data: append(slices.Clone(fsys["glossary/words.ru.txt"].Data), []byte("Правка\n")...)}
	}},
	{"an edition deleted", func(r *rand.Rand, fsys fstest.MapFS) {
		var ps []string
		for p := range fsys {
			if strings.HasPrefix(p, "dist/") && strings.HasSuffix(p, ".html") {
				ps = append(ps, p)
			}
		}
		if len(ps) > 0 {
			slices.Sort(ps)
			delete(fsys, ps[r.IntN(len(ps))])
		}
	}},
	{"nothing", func(r *rand.Rand, fsys fstest.MapFS) {}},
}

// pick is a random article or catalogue file under dir.
func pick(r *rand.Rand, fsys fstest.MapFS, dir string) string {
	var ps []string
	for p := range fsys {
		if strings.HasPrefix(p, dir) && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".toml")) && !strings.HasSuffix(p, "NOTES.md") {
			ps = append(ps, p)
		}
	}
	slices.Sort(ps)
	return ps[r.IntN(len(ps))]
}

// runBoth runs check and status with the cache and without it (status
// against the first build's report).
func runBoth(t *testing.T, fsys fstest.MapFS, c *cache.Cache, prev *workspace.Report) (cached, fresh [2]*Result, errs [2][2]error) {
	t.Helper()
	for i, cc := range []*cache.Cache{c, nil} {
		p, err := workspace.Open(fsys, workspace.Default)
		if err != nil {
			errs[i][0], errs[i][1] = err, err
			continue
		}
		o := Options{Speller: &speller{}, Cache: cc, Hash: hasher(fsys), Version: "test"}
		r, err := Check(p, o)
		errs[i][0] = err
		exists := func(p string) bool { _, ok := fsys[p]; return ok }
		s, err := Status(p, Options{Cache: cc, Hash: hasher(fsys), Version: "test", Previous: prev, Exists: exists})
		errs[i][1] = err
		if i == 0 {
			cached = [2]*Result{r, s}
		} else {
			fresh = [2]*Result{r, s}
		}
	}
	return
}

// TestCacheNeverTrustedOverTheTruth applies random edits to a project and
// compares, after each, check and status with the cache (warm from the
// runs before) and without it: the same findings, tallies, editions,
// units and errors. A step with nothing changed takes every part from
// the cache; a corrupt cache is a miss.
func TestCacheNeverTrustedOverTheTruth(t *testing.T) {
	testrace.NotUnderRace(t, "check and status by parts with the cache: TestCacheSeesAnEditionGone")
	t.Parallel()
	seed := uint64(22)
	r := rand.New(rand.NewPCG(seed, seed))
	fsys := fixture(t)
	dir := t.TempDir()
	c, err := cache.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	steps := len(edits) + 3
	// The first build's editions and report, for status's "kept".
	prev := build(t, fsys)
	hits := 0
	perm := r.Perm(len(edits))
	for step := 0; step < steps; step++ {
		// Every kind of edit, in a random order, after a cold run.
		e := edits[perm[step%len(perm)]]
		if step == 0 {
			e = edits[len(edits)-1]
		}
		e.do(r, fsys)
		cached, fresh, errs := runBoth(t, fsys, c, prev)
		for k, what := range []string{"check", "status"} {
			if fmt.Sprint(errs[0][k]) != fmt.Sprint(errs[1][k]) {
				t.Fatalf("step %d (%s): %s with the cache: %v; without: %v", step, e.name, what, errs[0][k], errs[1][k])
			}
			if errs[0][k] != nil {
				continue
			}
			a, b := cached[k], fresh[k]
			a.Parts, a.Cached, b.Parts, b.Cached, a.Summary = 0, 0, 0, 0, false
			for _, x := range []*Result{a, b} {
				for i := range x.Editions {
					if len(x.Editions[i].Rejected) == 0 {
						x.Editions[i].Rejected = nil
					}
				}
			}
			if !reflect.DeepEqual(a.Findings, b.Findings) {
				t.Fatalf("step %d (%s): %s: the cache's findings differ:\n%s", step, e.name, what, diff(a.Findings, b.Findings))
			}
			for field, same := range map[string]bool{
				"statuses": reflect.DeepEqual(a.Statuses, b.Statuses), "editions": reflect.DeepEqual(a.Editions, b.Editions),
				"units": slices.Equal(a.Units, b.Units), "locales": slices.Equal(a.Locales, b.Locales), "required": reflect.DeepEqual(a.Required, b.Required),
				"out of date": a.OutOfDate == b.OutOfDate, "broken": len(a.Broken) == len(b.Broken),
			} {
				if !same {
					t.Errorf("step %d (%s): %s: the %s differ with the cache", step, e.name, what, field)
				}
			}
			if t.Failed() {
				t.FailNow()
			}
		}
		if e.name == "nothing" && step > 0 && errs[0][0] == nil {
			again, _, _ := runBoth(t, fsys, c, prev)
			if again[0].Cached != again[0].Parts || !again[0].Summary || !again[1].Summary {
				t.Errorf("step %d: nothing changed, %d of %d parts from the cache (check from one entry: %v; status: %v)", step, again[0].Cached, again[0].Parts, again[0].Summary, again[1].Summary)
			}
			hits++
		}
	}
	// Every entry damaged: misses, the same results.
	damage(dir)
	cached, fresh, errs := runBoth(t, fsys, c, prev)
	if errs[0][0] == nil && (!reflect.DeepEqual(cached[0].Findings, fresh[0].Findings) || cached[0].Cached != 0) {
		t.Errorf("a damaged cache: %d parts from it, findings equal: %v", cached[0].Cached, reflect.DeepEqual(cached[0].Findings, fresh[0].Findings))
	}
	t.Logf("%d steps, %d with nothing changed", steps, hits)
}

// TestCacheSeesAnEditionGone: status says an edition the checks now refuse
// is kept while its files are there; once they are gone, the cache must
// not say it still is.
func TestCacheSeesAnEditionGone(t *testing.T) {
	fsys := fixture(t)
	// Incomplete editions refused, so that one is kept as it was (unset, a
	// required edition would fall back).
	fsys["tilmash.toml"] = &fstest.MapFile{Data: bytes.Replace(fsys["tilmash.toml"].Data, []byte("[publish]\n"), []byte("[publish]\nincomplete = \"refuse\"\n"), 1)}
	prev := build(t, fsys)
	// A translator's slip: the title's translation deleted in a published
	// Russian edition.
	f := "locales/ru/the-conscript.ru.toml"
	s := string(fsys[f].Data)
	i := strings.Index(s, "[the-conscript.title]")
	j := i + strings.Index(s[i:], "\nother = \"")
	k := j + len("\nother = \"") + strings.Index(s[j+len("\nother = \""):], "\"\n")
	if i < 0 || j < i || k < j {
		t.Fatal("no title to delete")
	}
	fsys[f] = &fstest.MapFile{Data: []byte(s[:j] + "\nother = \"" + s[k:])}
	c, err := cache.OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	status := func(cc *cache.Cache) string {
		p, err := workspace.Open(fsys, workspace.Default)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Status(p, Options{Cache: cc, Hash: hasher(fsys), Version: "test", Previous: prev,
			Exists: func(p string) bool { _, ok := fsys[p]; return ok }})
		if err != nil {
			t.Fatal(err)
		}
		var says []string
		for _, e := range r.Editions {
			if e.Article == "the-conscript" && e.Locale == "ru" {
				says = append(says, e.Publish)
			}
		}
		slices.Sort(says)
		return strings.Join(says, ",")
	}
	if got := status(c); !strings.Contains(got, "kept") {
		t.Fatalf("the slip: %q, want kept", got)
	}
	for p := range fsys {
		if strings.HasPrefix(p, "dist/ru/the-conscript.") {
			delete(fsys, p)
		}
	}
	if got, want := status(c), status(nil); got != want || strings.Contains(want, "kept") {
		t.Errorf("its files gone: %q with the cache, %q without", got, want)
	}
}

// build builds every edition of the project into fsys, as a first build
// leaves dist/, and returns its report.
func build(t *testing.T, fsys fstest.MapFS) *workspace.Report {
	t.Helper()
	w, err := workspace.Load(fsys, workspace.Default)
	if err != nil {
		t.Fatal(err)
	}
	built, err := w.Build(workspace.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range built.Files {
		if data != nil {
			fsys[p] = &fstest.MapFile{Data: data}
		}
	}
	return &built.Report
}

// damage flips a bit near the end of every file of a cache's folder.
func damage(dir string) {
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			data, _ := os.ReadFile(p)
			if len(data) > 10 {
				data[len(data)-3] ^= 0x20
				os.WriteFile(p, data, 0o600)
			}
		}
		return nil
	})
}
