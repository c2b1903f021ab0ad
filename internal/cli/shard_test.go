package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/color"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tilmash/tilmash/internal/corpus"
	"github.com/tilmash/tilmash/internal/testrace"
	"github.com/tilmash/tilmash/internal/testtool"
	"github.com/tilmash/tilmash/internal/workspace"
)

// run runs tilmash in dir, in process, and returns its exit code and
// standard output.
func run(t *testing.T, dir string, args ...string) (int, []byte) {
	t.Helper()
	code, out, errOut := tilmashExec(t, dir, args...)
	if code == ExitError {
		t.Fatalf("tilmash %s: exit 2: %s", strings.Join(args, " "), errOut)
	}
	return code, []byte(out)
}

// tilmashExec runs the real binary (tilmashBin) in dir, as tilmash -C dir
// ARGS, and returns its exit code and output.
func tilmashExec(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(tilmashBin, append([]string{"-C", dir}, args...)...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String(), errOut.String()
	} else if err != nil {
		t.Fatalf("tilmash %s: %v", strings.Join(args, " "), err)
	}
	return 0, out.String(), errOut.String()
}

// tree reads every file under root, by slash path.
func tree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if !d.Type().IsRegular() { // a link or a pipe a test planted: never read through
			target, _ := os.Readlink(p)
			files[filepath.ToSlash(rel)] = []byte(d.Type().String() + " " + target)
			return nil
		}
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func writeTree(t *testing.T, root string, files map[string][]byte) {
	t.Helper()
	for p, data := range files {
		dst := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestShardsMergeToTheUnshardedResult runs check and build over a generated
// project once whole and once as a CI matrix of shards, each shard in its
// own copy of the project (its own machine), and shows that tilmash merge
// gives what the whole run gave: the same findings and exit code, the same
// report, and the shards' editions together are the whole run's, each made
// by exactly one shard.
func TestShardsMergeToTheUnshardedResult(t *testing.T) {
	testrace.NotUnderRace(t, subprocess)
	t.Parallel() // processes and files, mostly waiting: overlap with the other slow tests
	c, err := corpus.Generate(9, 5)
	if err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	// Every article shows one photograph (several shards publish it, and
	// their reports each list it), and the last its own.
	last := ""
	for p, data := range c.Files {
		if strings.HasPrefix(p, "content/") {
			c.Files[p] = append(data, "\n![A photograph every article shows.](../shared.png)\n"...)
			last = max(last, p)
		}
	}
	c.Files[last] = append(c.Files[last], "\n![Its own photograph.](own.jpg)\n"...)
	c.Files[path.Join(path.Dir(last), "own.jpg")] = testtool.Picture(t, "jpeg", 16, 8, color.Black)
	c.Files["content/shared.png"] = testtool.Picture(t, "png", 16, 8, color.White)
	writeTree(t, base, c.Files)
	run(t, base, "extract")
	// A deleted article leaves obsolete entries: they must be reported once.
	var gone string
	for p := range c.Files {
		if strings.HasPrefix(p, "content/") && strings.HasSuffix(p, ".md") && (gone == "" || p < gone) {
			gone = p
		}
	}
	if err := os.Remove(filepath.Join(base, gone)); err != nil {
		t.Fatal(err)
	}
	run(t, base, "extract")
	project := tree(t, base)

	// The whole run, once.
	whole := t.TempDir()
	writeTree(t, whole, project)
	checkCode, findings := run(t, whole, "check", "--no-spelling", "--format", "json")
	buildCode, _ := run(t, whole, "build")
	wholeDist := tree(t, filepath.Join(whole, "dist"))
	var wholeReport workspace.Report
	if err := json.Unmarshal(wholeDist["report.json"], &wholeReport); err != nil {
		t.Fatal(err)
	}
	wholeReport.Inputs = ""
	if len(wholeReport.Media) != 2 || wholeReport.Media[0].File != "dist/media/shared.png" || len(wholeReport.Media[0].Articles) < 7 {
		t.Fatalf("the whole build's images: %+v, want own.jpg and shared.png, shown by every article", wholeReport.Media)
	}
	delete(wholeDist, "report.json")

	for _, shards := range []int{7} { // 7 shards of 8 articles: small shards, perhaps empty ones (2 shards add no case 7 lacks)
		t.Run(fmt.Sprintf("shards=%d", shards), func(t *testing.T) {
			work := t.TempDir()
			var findingFiles, reportFiles []string
			merged := map[string][]byte{}
			for k := 1; k <= shards; k++ {
				dir := t.TempDir()
				writeTree(t, dir, project)
				shard := fmt.Sprintf("%d/%d", k, shards)
				_, out := run(t, dir, "check", "--no-spelling", "--format", "json", "--shard", shard)
				f := filepath.Join(work, fmt.Sprintf("findings-%d.json", k))
				if err := os.WriteFile(f, out, 0o644); err != nil {
					t.Fatal(err)
				}
				findingFiles = append(findingFiles, f)
				run(t, dir, "build", "--shard", shard)
				dist := tree(t, filepath.Join(dir, "dist"))
				r := filepath.Join(work, fmt.Sprintf("report-%d.json", k))
				if err := os.WriteFile(r, dist["report.json"], 0o644); err != nil {
					t.Fatal(err)
				}
				reportFiles = append(reportFiles, r)
				delete(dist, "report.json")
				for p, data := range dist {
					if other, dup := merged[p]; dup && !(strings.HasPrefix(p, "media/") && bytes.Equal(other, data)) {
						t.Errorf("shard %s made %s, which another shard made too", shard, p)
					}
					merged[p] = data
				}
			}

			code, out := run(t, work, append([]string{"merge", "--format", "json"}, findingFiles...)...)
			if code != checkCode {
				t.Errorf("merged findings exit %d, the whole check %d", code, checkCode)
			}
			if !bytes.Equal(out, findings) {
				t.Errorf("merged findings differ from the whole check's:\n%s", firstDiff(string(out), string(findings)))
			}
			if n := bytes.Count(findings, []byte(`"file"`)); n < 10 {
				t.Fatalf("the whole check found %d findings; the corpus should give more", n)
			}
			if !bytes.Contains(findings, []byte(`"obsolete"`)) {
				t.Errorf("the whole check reports no obsolete entry of the deleted article %s", gone)
			}

			mergedReport := filepath.Join(work, "report.json")
			code, _ = run(t, work, append([]string{"merge", "-o", mergedReport}, reportFiles...)...)
			if code != buildCode {
				t.Errorf("merged reports exit %d, the whole build %d", code, buildCode)
			}
			data, err := os.ReadFile(mergedReport)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := json.MarshalIndent(wholeReport, "", "  ")
			if got := bytes.TrimSpace(data); !bytes.Equal(got, want) {
				t.Errorf("merged report differs from the whole build's:\n%s", firstDiff(string(got), string(want)))
			}

			if !maps.EqualFunc(merged, wholeDist, bytes.Equal) {
				for _, p := range slices.Sorted(maps.Keys(wholeDist)) {
					if !bytes.Equal(merged[p], wholeDist[p]) {
						t.Errorf("%s: the shards' edition differs from the whole build's (or is missing)", p)
					}
				}
				for p := range merged {
					if _, ok := wholeDist[p]; !ok {
						t.Errorf("%s: made by a shard, not by the whole build", p)
					}
				}
			}
		})
	}
}

// firstDiff shows where two texts first differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, a, b)
		}
	}
	return "(equal)"
}
