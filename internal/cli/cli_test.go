package cli

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"image/color"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/tilmash/tilmash/internal/testrace"
	"github.com/tilmash/tilmash/internal/testtool"
	"github.com/tilmash/tilmash/internal/workspace"
)

// tilmashBin is the real binary the scenarios run, built once (by make
// test, or by TestMain: testBinary) without the race detector: a script
// runs it hundreds of times, and a race-instrumented binary starts and runs several times slower (make test
// took 180 s for this package). The code it drives is race-tested in
// process, here and in the packages below (workspace, parallel, lock).
var tilmashBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tilmash-test-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// The result cache in a folder of the tests' own, never the user's:
	// every command run in process and every script exercises it.
	os.Setenv("TILMASH_CACHE", filepath.Join(dir, "cache"))
	if tilmashBin, err = testBinary(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	testtool.StopChromium() // TestHugoSite's
	os.RemoveAll(dir)
	os.Exit(code)
}

// testBinary puts the binary to test at dir/tilmash, the name the
// scenarios run it by: a link to the one make test built
// (TILMASH_TEST_BINARY, so that make test's two passes do not link one
// each), or one built now, without the race detector.
func testBinary(dir string) (string, error) {
	bin := filepath.Join(dir, "tilmash")
	if built := os.Getenv("TILMASH_TEST_BINARY"); built != "" {
		if !filepath.IsAbs(built) {
			return "", fmt.Errorf("TILMASH_TEST_BINARY=%s: give the binary's absolute path (the scripts run in folders of their own)", built)
		}
		if _, err := os.Stat(built); err != nil {
			return "", fmt.Errorf("TILMASH_TEST_BINARY: %v (make test builds it: make bin/tilmash)", err)
		}
		return bin, os.Symlink(built, bin)
	}
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/tilmash").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/tilmash: %v\n%s", err, out)
	}
	return bin, nil
}

// subprocess is why the tests that run the real binary as a separate
// process step aside under the race detector: the binary is built without
// it, so the detector would watch only the test's own goroutine. The
// commands' concurrency is race-tested in process, by
// TestConcurrentCommandsSerialise's first round and
// TestExtractKeepsARacingSave; make test runs these in its plain pass.
const subprocess = "the binary runs in its own process: TestConcurrentCommandsSerialise races the commands in process"

// TestScripts runs the command-line scenarios in testdata/script: each runs
// the real tilmash on real files and checks its output, exit code and files.
func TestScripts(t *testing.T) {
	testrace.NotUnderRace(t, subprocess)
	testscript.Run(t, testscript.Params{Dir: "testdata/script", Setup: func(e *testscript.Env) error {
		e.Setenv("PATH", filepath.Dir(tilmashBin)+string(os.PathListSeparator)+e.Getenv("PATH"))
		e.Setenv("TILMASH_CACHE", filepath.Join(e.WorkDir, ".cache")) // each script's own: a second check takes the first's results
		schema, err := filepath.Abs("../../translate/handoff/testdata/schema/xliff-core-2.0.xsd")
		e.Setenv("XLIFF_SCHEMA", schema) // the OASIS XLIFF 2.0 core schema, for xmllint
		schema12, err12 := filepath.Abs("../../translate/handoff/testdata/schema/xliff-core-1.2-strict.xsd")
		e.Setenv("XLIFF12_SCHEMA", schema12) // the OASIS XLIFF 1.2 strict schema
		return errors.Join(err, err12)
	}, Cmds: map[string]func(*testscript.TestScript, bool, []string){
		"linkcheck": cmdLinkcheck,
		"mkimage":   cmdMkimage,
		"report":    cmdReport,
		"revise":    cmdRevise,
		"translate": cmdTranslate,
		"zipcat":    cmdZipcat,
	}})
}

// cmdZipcat is the testscript command "zipcat ARCHIVE ENTRY": it writes one
// entry of a zip archive (an EPUB) to standard output.
func cmdZipcat(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: zipcat ARCHIVE ENTRY")
	}
	z, err := zip.OpenReader(ts.MkAbs(args[0]))
	ts.Check(err)
	defer z.Close()
	f, err := z.Open(args[1])
	ts.Check(err)
	defer f.Close()
	data, err := io.ReadAll(f)
	ts.Check(err)
	ts.Stdout().Write(data)
}

// cmdMkimage is the testscript command "mkimage png|jpeg|gif FILE [W H]":
// it writes a small valid image (red, 64×48 unless W×H), the photograph of
// an article.
func cmdMkimage(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 && len(args) != 4 || neg {
		ts.Fatalf("usage: mkimage png|jpeg|gif FILE [W H]")
	}
	w, h := 64, 48
	if len(args) == 4 {
		var err1, err2 error
		w, err1 = strconv.Atoi(args[2])
		h, err2 = strconv.Atoi(args[3])
		ts.Check(errors.Join(err1, err2))
	}
	file := ts.MkAbs(args[1])
	ts.Check(os.MkdirAll(filepath.Dir(file), 0o755))
	data, err := testtool.EncodePicture(args[0], w, h, color.RGBA{200, 20, 20, 255})
	ts.Check(err)
	ts.Check(os.WriteFile(file, data, 0o644))
}

// cmdRevise is the testscript command "revise CATALOGUE": what a translator
// does after revising stale entries, in one step: delete each "#, stale"
// line extract wrote.
func cmdRevise(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: revise CATALOGUE")
	}
	file := ts.MkAbs(args[0])
	data, err := os.ReadFile(file)
	ts.Check(err)
	var kept []string
	n := 0
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "#, stale") {
			n++
			continue
		}
		kept = append(kept, l)
	}
	if n == 0 {
		ts.Fatalf("revise: no stale entry in %s", args[0])
	}
	ts.Check(os.WriteFile(file, []byte(strings.Join(kept, "\n")), 0o644))
}

// cmdTranslate is the testscript command "translate CATALOGUE PAIRS": what a
// translator types in their editor. PAIRS holds lines "English => text";
// the entry whose "#>" line is that English gets the text as its "other"
// form, whatever it held. Nothing else in the file changes (a stale line
// stays: deleting it is revise's).
func cmdTranslate(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: translate CATALOGUE PAIRS")
	}
	file := ts.MkAbs(args[0])
	data, err := os.ReadFile(file)
	ts.Check(err)
	lines := strings.Split(string(data), "\n")
	for _, pair := range strings.Split(strings.TrimSpace(ts.ReadFile(args[1])), "\n") {
		english, text, ok := strings.Cut(pair, " => ")
		if !ok {
			ts.Fatalf("translate: %q is no \"English => text\" line", pair)
		}
		at := -1
		for i, l := range lines {
			if l == "#> "+english {
				at = i
				break
			}
		}
		if at < 0 {
			ts.Fatalf("translate: no entry for %q in %s", english, args[0])
		}
		for i := at; i < len(lines); i++ {
			if strings.HasPrefix(lines[i], "other = ") {
				lines[i] = "other = " + strconv.Quote(text)
				break
			}
		}
	}
	ts.Check(os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644))
}

// cmdLinkcheck is the testscript command "linkcheck DIR": every href and src
// of every HTML page under DIR that is not absolute or a fragment must name a
// file that exists, and every file dist/report.json lists must exist.
func cmdLinkcheck(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: linkcheck DIR")
	}
	root := ts.MkAbs(args[0])
	var broken []string
	pages := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range linkRe.FindAllStringSubmatch(string(data), -1) {
			ref := html.UnescapeString(m[1])
			if ref == "" || strings.HasPrefix(ref, "#") || strings.Contains(ref, "://") || strings.HasPrefix(ref, "mailto:") || strings.HasPrefix(ref, "data:") {
				continue
			}
			ref, _, _ = strings.Cut(ref, "#")
			ref, _, _ = strings.Cut(ref, "?")
			if u, err := url.PathUnescape(ref); err == nil {
				ref = u // a file name with a space is src="my%20photo.jpg"
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(p), filepath.FromSlash(ref))); err != nil {
				rel, _ := filepath.Rel(root, p)
				broken = append(broken, rel+" → "+ref)
			}
		}
		return nil
	})
	if err != nil {
		ts.Fatalf("linkcheck: %v", err)
	}
	if data, err := os.ReadFile(filepath.Join(root, "report.json")); err == nil {
		var rep struct{ Editions, Media []struct{ File string } }
		if err := json.Unmarshal(data, &rep); err != nil {
			ts.Fatalf("report.json: %v", err)
		}
		for _, e := range append(rep.Editions, rep.Media...) {
			if _, err := os.Stat(filepath.Join(filepath.Dir(root), filepath.FromSlash(e.File))); err != nil {
				broken = append(broken, "report.json → "+e.File)
			}
		}
	}
	ts.Logf("linkcheck: %d pages, %d broken links", pages, len(broken))
	if neg != (len(broken) > 0) {
		ts.Fatalf("broken links: %v", broken)
	}
	if pages == 0 && !neg {
		ts.Fatalf("linkcheck: no HTML page under %s", args[0])
	}
}

// cmdReport is the testscript command "report DIST": it writes the editions
// DIST/report.json records, one "locale article format coverage" line each,
// then the refused ones, then the images ("media FILE TYPE ARTICLES"), and
// fails when the report and the files under DIST disagree: a listed file
// that is missing, or an edition file (DIST/<locale>/…) or an image
// (DIST/media/…) the report does not list.
func cmdReport(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: report DIST")
	}
	root := ts.MkAbs(args[0])
	data, err := os.ReadFile(filepath.Join(root, "report.json"))
	ts.Check(err)
	var rep struct {
		Editions []struct {
			Locale, Article, Format, File string
			Coverage                      float64
		}
		Refused []struct{ Locale, Article string }
		Media   []struct {
			File, Type string
			Articles   []string
		}
	}
	ts.Check(json.Unmarshal(data, &rep))
	listed := map[string]bool{}
	for _, e := range rep.Editions {
		fmt.Fprintf(ts.Stdout(), "%s %s %s %.1f\n", e.Locale, e.Article, e.Format, e.Coverage)
		listed[e.File] = true
		if _, err := os.Stat(filepath.Join(filepath.Dir(root), filepath.FromSlash(e.File))); err != nil {
			ts.Fatalf("report.json lists %s, which is not there", e.File)
		}
	}
	for _, r := range rep.Refused {
		fmt.Fprintf(ts.Stdout(), "refused %s %s\n", r.Locale, r.Article)
	}
	for _, m := range rep.Media {
		fmt.Fprintf(ts.Stdout(), "media %s %s %s\n", m.File, m.Type, strings.Join(m.Articles, ","))
		listed[m.File] = true
		if _, err := os.Stat(filepath.Join(filepath.Dir(root), filepath.FromSlash(m.File))); err != nil {
			ts.Fatalf("report.json lists %s, which is not there", m.File)
		}
	}
	entries, err := filepath.Glob(filepath.Join(root, "*", "*.*"))
	ts.Check(err)
	ts.Check(filepath.WalkDir(filepath.Join(root, "media"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			entries = append(entries, p)
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}))
	for _, p := range entries {
		rel, _ := filepath.Rel(filepath.Dir(root), p)
		if rel = filepath.ToSlash(rel); !listed[rel] {
			ts.Fatalf("%s is published but report.json does not list it", rel)
		}
	}
}

var linkRe = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

func TestFlagsToOptions(t *testing.T) {
	var got *ExtractOptions
	g := &Global{}
	root := NewRootCmd(IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}})
	// Replace extract with one that captures its options.
	for _, c := range root.Commands() {
		if c.Name() == "extract" {
			root.RemoveCommand(c)
		}
	}
	_ = g
	root.AddCommand(NewCmdExtract(&Global{Dir: "x"}, IO{}, func(o *ExtractOptions) error { got = o; return nil }))
	root.SetArgs([]string{"extract", "--add-locale", "uz-Latn,kk-Latn", "-n"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	if got == nil || len(got.AddLocales) != 2 || got.AddLocales[0] != "uz-Latn" || !got.DryRun {
		t.Errorf("options = %+v", got)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"--version"}, ExitOK},
		{[]string{"--no-such-flag"}, ExitError},
		{[]string{"extract", "-C", "/nonexistent"}, ExitError},
		{[]string{"extract", "--add-locale", "not a tag"}, ExitError},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		if code := Main(tt.args, IO{Out: &out, Err: &errb}); code != tt.code {
			t.Errorf("tilmash %v = %d, want %d (stderr %q)", tt.args, code, tt.code, errb.String())
		}
	}
}

// TestRefusalsNameTheFirstFew: a build that refuses thousands of required
// editions fails with one readable line (the summary above lists them
// all), not a line of every edition.
func TestRefusalsNameTheFirstFew(t *testing.T) {
	for _, n := range []int{1, 10, 2500} {
		res := &workspace.Result{}
		for i := range n {
			res.Report.Refused = append(res.Report.Refused, workspace.Refusal{Locale: "ru", Article: fmt.Sprintf("a%04d", i), Requirement: "required"})
		}
		err := refusals(res)
		if err == nil {
			t.Fatalf("%d refusals: no error", n)
		}
		msg := err.Error()
		if strings.Count(msg, "ru a") != min(n, 10) || n > 10 && !strings.Contains(msg, fmt.Sprintf("and %d more", n-10)) || len(msg) > 400 {
			t.Errorf("%d refusals: %q", n, msg)
		}
	}
}
