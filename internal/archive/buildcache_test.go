package archive

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tilmash/tilmash/internal/cache"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/internal/testrace"
	"github.com/tilmash/tilmash/internal/workspace"
)

// TestBuildCacheNeverTrustedOverTheTruth applies random edits to a project
// (the ordinary day's edits of TestCacheNeverTrustedOverTheTruth, and
// someone deleting or changing an edition in dist/) and builds it after
// each into two folders, with the cache (warm from the builds before) and
// without: the same error, and the same files, byte for byte. With
// nothing changed, a build takes every part from the cache; a damaged
// cache is a miss.
func TestBuildCacheNeverTrustedOverTheTruth(t *testing.T) {
	testrace.NotUnderRace(t, "build by parts with the cache: TestBuildCacheRebuildsWhatIsGone")
	t.Parallel()
	for _, seed := range []uint64{23} { // one day, with three steps of nothing changed (22, a second day, had one: 4.5 s of make test for what this one covers)
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(seed, seed))
			src := linked(t)
			fresh, warm := t.TempDir(), t.TempDir()
			c, err := cache.OpenDir(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			// sync makes each folder's project files src's (dist/ is the
			// builds').
			sync := func() {
				for _, dir := range []string{fresh, warm} {
					filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
						rel, _ := filepath.Rel(dir, p)
						if err == nil && !d.IsDir() && !strings.HasPrefix(filepath.ToSlash(rel), "dist/") {
							if _, ok := src[filepath.ToSlash(rel)]; !ok {
								os.Remove(p)
							}
						}
						return nil
					})
					writeTree(t, src, dir)
				}
			}
			build := func(dir string, c *cache.Cache) (*BuildResult, error) {
				p, err := workspace.Open(os.DirFS(dir), workspace.Default)
				if err != nil {
					return nil, err
				}
				o := cachedIn(c, dir)
				o.PartBytes = int64(r.IntN(2)) * 3000
				res, err := Build(p, o, workspace.BuildOptions{Previous: previous(t, dir)}, dir, fileset.Options{Journal: true, Command: "build"})
				if err != nil {
					return nil, err
				}
				if err := res.Stage.Add(p.ReportFile(res.Report)); err != nil {
					return nil, err
				}
				_, err = res.Stage.Commit()
				return res, err
			}
			distEdits := []string{"an edition deleted", "an edition changed", "the report and an edition deleted"}
			hits := 0
			for step := range 2 * len(edits) {
				var name string
				k := r.IntN(len(edits) + len(distEdits))
				if step == 2*len(edits)-1 {
					k = len(edits) - 1 // nothing, at the end at least
				}
				if k < len(edits) {
					name = edits[k].name
					edits[k].do(r, src)
					sync()
				} else {
					name = distEdits[k-len(edits)]
					var files []string
					filepath.WalkDir(filepath.Join(fresh, "dist"), func(p string, d os.DirEntry, err error) error {
						if err == nil && !d.IsDir() && !strings.HasSuffix(p, "report.json") {
							rel, _ := filepath.Rel(fresh, p)
							files = append(files, rel)
						}
						return nil
					})
					sort.Strings(files)
					if len(files) > 0 {
						f := files[r.IntN(len(files))]
						for _, dir := range []string{fresh, warm} {
							switch name {
							case distEdits[2]:
								os.Remove(filepath.Join(dir, "dist", "report.json"))
								fallthrough
							case distEdits[0]:
								os.Remove(filepath.Join(dir, f))
							default:
								os.WriteFile(filepath.Join(dir, f), []byte("edited by hand\n"), 0o644)
							}
						}
					}
				}
				_, errFresh := build(fresh, nil)
				_, errWarm := build(warm, c)
				if fmt.Sprint(errFresh) != fmt.Sprint(errWarm) {
					t.Fatalf("step %d (%s): without the cache: %v; with it: %v", step, name, errFresh, errWarm)
				}
				same(t, fmt.Sprintf("step %d (%s; first: without the cache, second: with it)", step, name), fresh, warm)
				if errWarm == nil && name == "nothing" {
					// The builds since the last change made the report the
					// parts' keys read: the next takes every part from the cache.
					build(warm, c)
					build(fresh, nil)
					again, err := build(warm, c)
					if err != nil {
						t.Fatal(err)
					}
					if again.Cached != again.Parts {
						t.Errorf("step %d: nothing changed, %d of %d parts from the cache", step, again.Cached, again.Parts)
					}
					same(t, fmt.Sprintf("step %d, again", step), fresh, warm)
					hits++
				}
			}
			// Every entry damaged: misses, the same files.
			damage(c.Dir())
			os.Remove(filepath.Join(warm, "dist", "report.json"))
			os.Remove(filepath.Join(fresh, "dist", "report.json"))
			build(fresh, nil)
			if res, err := build(warm, c); err == nil && res.Cached != 0 {
				t.Errorf("a damaged cache: %d parts from it", res.Cached)
			}
			same(t, "a damaged cache", fresh, warm)
			if hits == 0 {
				t.Error("never a build with nothing changed: the cache was never put to the test")
			}
			t.Logf("%d steps, %d with nothing changed", 2*len(edits), hits)
		})
	}
}

// same fails the test when two folders' files differ.
func same(t *testing.T, what, a, b string) {
	t.Helper()
	x, y := tree(t, a), tree(t, b)
	var paths []string
	for p := range x {
		paths = append(paths, p)
	}
	for p := range y {
		if _, ok := x[p]; !ok {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		if x[p] != y[p] {
			t.Fatalf("%s: %s differs (first: %d bytes; second: %d bytes)\n%s", what, p, len(x[p]), len(y[p]), firstDiff(x[p], y[p]))
		}
	}
}

// TestBuildCacheRebuildsWhatIsGone: dist/ deleted, report and all, the
// cache's parts (kept from the first build, which had no report either)
// match the next build's keys, but their files are gone: they are built
// again, not taken as written.
func TestBuildCacheRebuildsWhatIsGone(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeTree(t, linked(t), dir)
	c, err := cache.OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	build := func() *BuildResult {
		p, err := workspace.Open(os.DirFS(dir), workspace.Default)
		if err != nil {
			t.Fatal(err)
		}
		o := cachedIn(c, dir)
		res, err := Build(p, o, workspace.BuildOptions{Previous: previous(t, dir)}, dir, fileset.Options{Journal: true, Command: "build"})
		if err != nil {
			t.Fatal(err)
		}
		if err := res.Stage.Add(p.ReportFile(res.Report)); err != nil {
			t.Fatal(err)
		}
		if _, err := res.Stage.Commit(); err != nil {
			t.Fatal(err)
		}
		return res
	}
	build()
	first := tree(t, dir)
	os.RemoveAll(filepath.Join(dir, "dist"))
	if res := build(); res.Cached == res.Parts {
		t.Errorf("every part (%d) taken from the cache with its files gone", res.Cached)
	}
	got := tree(t, dir)
	for p, data := range first {
		if got[p] != data {
			t.Errorf("%s: %d bytes before dist/ was deleted, %d after the build", p, len(data), len(got[p]))
		}
	}
}

// TestBuildCacheNeverRemovesOutsideDist: a cache entry (a cache restored
// by a CI runner from another branch, say) that names a file outside the
// editions' folder is no hit: the build never removes a catalogue.
func TestBuildCacheNeverRemovesOutsideDist(t *testing.T) {
	testrace.NotUnderRace(t, "build by parts with the cache: TestBuildCacheRebuildsWhatIsGone")
	t.Parallel()
	dir := t.TempDir()
	writeTree(t, linked(t), dir)
	c, err := cache.OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	o := cachedIn(c, dir)
	p, err := workspace.Open(os.DirFS(dir), workspace.Default)
	if err != nil {
		t.Fatal(err)
	}
	// Every part's entry planted, as the build will look for it, naming a
	// catalogue to remove.
	sels := p.Parts(workspace.Selection{}, 0)
	keys, _, _ := buildKeys(p, o, workspace.BuildOptions{}, sels, previousByArticle(nil))
	planted := 0
	for _, k := range keys {
		if k == nil {
			continue
		}
		data, _ := json.Marshal(&builtPart{Files: map[string]string{"locales/ru/the-conscript.ru.toml": ""}})
		if err := c.Put(*k, data); err != nil {
			t.Fatal(err)
		}
		planted++
	}
	if planted == 0 {
		t.Fatal("no entry planted")
	}
	res, err := Build(p, o, workspace.BuildOptions{}, dir, fileset.Options{Journal: true, Command: "build"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := res.Stage.Commit(); err != nil {
		t.Fatal(err)
	}
	if res.Cached != 0 {
		t.Errorf("%d planted entries taken", res.Cached)
	}
	if _, err := os.Stat(filepath.Join(dir, "locales/ru/the-conscript.ru.toml")); err != nil {
		t.Errorf("the catalogue is gone: %v", err)
	}
}

// cachedIn are the options of a build of the project in dir with the
// cache c, as the command line makes them (the files hashed through the
// stat index, the last report's files looked for in dir).
func cachedIn(c *cache.Cache, dir string) Options {
	return Options{Cache: c, Version: "test",
		HashOutputs: func(paths []string) ([][32]byte, error) { return c.FileHashesAs(dir, "build", paths) },
		Exists:      func(f string) bool { _, err := os.Lstat(filepath.Join(dir, f)); return err == nil }}
}
