package cli

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tilmash/tilmash/internal/corpus"
	"github.com/tilmash/tilmash/translate/catalog"
)

// TestConcurrentCommandsSerialise runs extract and build at the same time,
// again and again, on one project: each waits for the other through the
// project's lock, none fails, and the catalogues are exactly what one
// extract writes (no entry lost, no file interleaved). The commands are
// separate processes, as two people's are; the first round runs them as
// goroutines of this process too, for the race detector.
func TestConcurrentCommandsSerialise(t *testing.T) {
	t.Parallel() // processes and files, mostly waiting: overlap with the other slow tests
	c, err := corpus.Generate(3, 3)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeTree(t, dir, c.Files)
	run(t, dir, "extract")
	want := tree(t, filepath.Join(dir, "locales"))
	// A new article, so that every extract below has something to write.
	for round := range 3 {
		article := filepath.Join(dir, "content", fmt.Sprintf("new-%d.md", round))
		if err := os.WriteFile(article, []byte(fmt.Sprintf("+++\ntitle = \"New %d\"\n+++\n\nA paragraph of round %d.\n", round, round)), 0o644); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		codes := make([]int, 4)
		errs := make([]string, 4)
		for i, args := range [][]string{{"extract"}, {"build"}, {"extract"}, {"build", "--locale", "ru"}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if round == 0 {
					var out, errOut bytes.Buffer
					codes[i] = Main(append([]string{"-C", dir}, args...), IO{In: strings.NewReader(""), Out: &out, Err: &errOut})
					errs[i] = errOut.String()
					return
				}
				codes[i], _, errs[i] = tilmashExec(t, dir, args...)
			}()
		}
		wg.Wait()
		for i, code := range codes {
			if code == ExitError {
				t.Fatalf("round %d, command %d: exit 2: %s", round, i, errs[i])
			}
		}
		if err := os.Remove(article); err != nil {
			t.Fatal(err)
		}
		run(t, dir, "extract", "--prune")
		got := tree(t, filepath.Join(dir, "locales"))
		for p, data := range want {
			if !bytes.Equal(got[p], data) {
				t.Fatalf("round %d: locales/%s differs from what one extract writes", round, p)
			}
			if _, err := catalog.Parse("locales/"+p, got[p]); err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		for p := range got {
			if _, ok := want[p]; !ok {
				t.Fatalf("round %d: locales/%s appeared", round, p)
			}
		}
		for p := range tree(t, filepath.Join(dir, "dist")) {
			if strings.Contains(p, ".tmp-") {
				t.Fatalf("round %d: a temporary file was left: dist/%s", round, p)
			}
		}
	}
}

// TestExtractKeepsARacingSave: a translator saves their catalogue (with a
// comment of their own) at a random moment while extract runs, again and
// again; whichever comes first, the save is never lost: extract read it
// and kept the comment, or it came after extract wrote, or extract saw it
// and wrote nothing. The same holds while extract moves a project of the
// old layout (locales/ru.toml) to a file per article and removes the old
// file: the save is in one of the two.
func TestExtractKeepsARacingSave(t *testing.T) {
	t.Parallel()
	for _, migrate := range []bool{false, true} {
		name := map[bool]string{false: "a file per article", true: "migrating the old layout"}[migrate]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeTree(t, dir, map[string][]byte{
				"content/a.md": []byte("+++\ntitle = \"Almaty\"\n+++\n\nAlmaty.\n"),
				"tilmash.toml": []byte("[locales.ru]\n"),
			})
			run(t, dir, "extract", "--add-locale", "ru")
			ru := filepath.Join(dir, "locales", "ru", "a.ru.toml")
			flat := filepath.Join(dir, "locales", "ru.toml")
			// The old layout of this one-article project: each locale's
			// file is its article's, in one file per locale, as a
			// tilmash before format 2 wrote it.
			old := map[string][]byte{}
			for _, l := range []string{"en", "ru"} {
				data, err := os.ReadFile(filepath.Join(dir, "locales", l, "a."+l+".toml"))
				if err != nil {
					t.Fatal(err)
				}
				var kept []string
				for _, line := range strings.SplitAfter(string(data), "\n") {
					if !strings.HasPrefix(line, "# tilmash catalogue format ") {
						kept = append(kept, line)
					}
				}
				old["locales/"+l+".toml"] = []byte(strings.Join(kept, ""))
			}
			saveTo := ru
			if migrate {
				saveTo = flat
			}
			conflicts := 0
			for round := range 40 {
				if migrate {
					if err := os.RemoveAll(filepath.Join(dir, "locales")); err != nil {
						t.Fatal(err)
					}
					writeTree(t, dir, old)
				}
				// Something for extract to write in ru's catalogue: a new paragraph.
				writeTree(t, dir, map[string][]byte{"content/a.md": fmt.Appendf(nil, "+++\ntitle = \"Almaty\"\n+++\n\nAlmaty.\n\nParagraph %d.\n", round)})
				base, err := os.ReadFile(saveTo)
				if err != nil {
					t.Fatal(err)
				}
				marker := fmt.Sprintf("# the translator's note, round %d", round)
				saved := append(append(bytes.Clone(base), marker...), '\n')
				done := make(chan error)
				go func() {
					time.Sleep(time.Duration(rand.IntN(40)) * time.Millisecond)
					tmp := saveTo + ".save"
					if err := os.WriteFile(tmp, saved, 0o644); err != nil {
						done <- err
						return
					}
					done <- os.Rename(tmp, saveTo)
				}()
				var out, errOut bytes.Buffer
				code := Main([]string{"-C", dir, "extract"}, IO{In: strings.NewReader(""), Out: &out, Err: &errOut})
				if err := <-done; err != nil {
					t.Fatal(err)
				}
				if code != ExitOK {
					if !strings.Contains(errOut.String(), "changed while extract ran") {
						t.Fatalf("round %d: exit %d: %s", round, code, errOut.String())
					}
					conflicts++
				}
				inNew, _ := os.ReadFile(ru)
				inOld, _ := os.ReadFile(flat)
				if !bytes.Contains(inNew, []byte(marker)) && !bytes.Contains(inOld, []byte(marker)) {
					t.Fatalf("round %d: the translator's save was lost (extract exit %d)", round, code)
				}
				if migrate && code == ExitOK && !bytes.Contains(inOld, []byte(marker)) {
					// Migrated with the save read: the old file went.
					if _, err := os.Stat(flat); err == nil {
						t.Fatalf("round %d: extract migrated and left %s", round, flat)
					}
				}
			}
			t.Logf("%d of 40 extracts met the save and wrote nothing", conflicts)
		})
	}
}
