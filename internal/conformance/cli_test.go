package conformance

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tilmash/tilmash/internal/cli"
	"github.com/tilmash/tilmash/internal/testtool"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
	"github.com/tilmash/tilmash/translate/locale"
)

// TestRealArticlesCLI runs the real articles of testdata/real through the
// command as a newsroom would: extract, adding en-XA; the catalogue filled
// by a translator (Pseudo); check; build. Every command succeeds; each
// English Markdown edition is its article byte for byte; each en-XA
// edition is the one TestPseudoLocale judged, byte for byte; and epubcheck
// passes every en-XA book, in one run.
func TestRealArticlesCLI(t *testing.T) {
	t.Parallel()
	p, samples := theProject(t)
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) {
		t.Helper()
		var out, errs bytes.Buffer
		if code := cli.Main(append([]string{"-C", dir}, args...), cli.IO{In: strings.NewReader(""), Out: &out, Err: &errs}); code != cli.ExitOK {
			t.Fatalf("tilmash %s: exit %d\n%s%s", strings.Join(args, " "), code, out.Bytes(), errs.Bytes())
		}
	}
	write("tilmash.toml", []byte(config))
	var real []sample
	for _, s := range samples {
		if s.Group == "real" && p.Refused[s.Name] == nil {
			real = append(real, s)
			write("content/"+s.Name+".md", s.Source)
		}
	}
	if len(real) < 6 {
		t.Fatalf("%d real articles accepted, want at least 6", len(real))
	}

	run("extract", "--add-locale", pseudoTag.String())
	// A catalogue per article and locale (locales/en-XA/<name>.en-XA.toml),
	// and nothing else in locales/; each article's en-XA file translated.
	read := func(name string) *catalog.Catalog {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		c, err := catalog.Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	var written []string
	err := filepath.WalkDir(filepath.Join(dir, "locales"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			written = append(written, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 2*len(real) {
		t.Errorf("extract wrote %d files in locales/, want 2 per article (%d): %v", len(written), 2*len(real), written)
	}
	for _, s := range real {
		c := read(catpath.Article("locales", pseudoTag, s.Name+".md"))
		sc := read(catpath.Article("locales", locale.Source, s.Name+".md"))
		if len(c.Messages) == 0 || len(c.Messages) != len(sc.Messages) {
			t.Fatalf("%s: %d en-XA entries for %d units", s.Name, len(c.Messages), len(sc.Messages))
		}
		translate(c, sc)
		write(c.Path, catalog.Format(c))
	}
	run("check", "--no-spelling")
	run("build")

	var books []string
	for _, s := range real {
		for _, loc := range []string{"en", pseudoTag.String()} {
			for _, ext := range workspace.Formats {
				name := "dist/" + loc + "/" + s.Slug + "." + ext
				got, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Errorf("%s: %v", s.Name, err)
					continue
				}
				if ext == "epub" && loc == pseudoTag.String() { // one run, of the translated books: the English ones are the same but their words
					books = append(books, filepath.Join(dir, name))
				}
				if want := p.Result.Files[name]; !bytes.Equal(got, want) {
					t.Errorf("%s: the command's %s differs from the project's in memory: %s", s.Name, name, lineDiff(string(want), string(got)))
				}
			}
		}
		if md, _ := os.ReadFile(filepath.Join(dir, "dist/en", s.Slug+".md")); !bytes.Equal(md, s.Source) {
			t.Errorf("%s: the English Markdown edition is not the article: %s", s.Name, lineDiff(string(s.Source), string(md)))
		}
	}
	start := time.Now()
	reports := testtool.EPUBCheck(t, books...)
	t.Logf("epubcheck: %d books in %v", len(books), time.Since(start))
	var fs []finding
	for book, r := range reports {
		if r.OK {
			continue
		}
		name := strings.TrimSuffix(filepath.Base(book), ".epub")
		for _, line := range strings.Split(r.Output, "\n") {
			if m := epubcheckLine.FindStringSubmatch(line); m != nil {
				fs = append(fs, finding{Sample: name, Check: checkEPUB, Format: "epub", Where: m[1] + " " + strings.TrimPrefix(m[2], book+"/"), Text: m[3]})
			}
		}
	}
	judge(t, p, fs, checkEPUB)
}

// epubcheckLine is a message of epubcheck: its severity and code, where,
// and what.
var epubcheckLine = regexp.MustCompile(`^((?:FATAL|ERROR|WARNING)\([A-Z]+-\d+\)): (\S+): (.*)$`)
