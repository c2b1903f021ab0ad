package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fixture is the test project (see testdata/project/README.md); the tests
// never read the live content/ and locales/.
const fixture = "../../testdata/project"

// copyProject copies the fixture's content, catalogues, glossary and settings
// into a temporary project, its catalogues in the layout users have: a file
// per article and locale (locales/ru/the-conscript.ru.toml). The fixture's
// one article makes a catalogue of the old layout (locales/ru.toml), if the
// fixture still has one, that article's file as it stands.
func copyProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{} // the fixture's file → the copy's
	for _, p := range []string{"content/the-conscript.md", "glossary/terms.toml", "glossary/words.kk.txt", "glossary/words.ru.txt", "tilmash.toml"} {
		files[p] = p
	}
	err := filepath.WalkDir(filepath.Join(fixture, "locales"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".toml") {
			return err
		}
		rel, err := filepath.Rel(fixture, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if tag, flat := strings.CutSuffix(strings.TrimPrefix(rel, "locales/"), ".toml"); flat && !strings.Contains(tag, "/") {
			files[rel] = "locales/" + tag + "/the-conscript." + tag + ".toml"
		} else {
			files[rel] = rel
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for from, to := range files {
		data, err := os.ReadFile(filepath.Join(fixture, from))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, to)
		os.MkdirAll(filepath.Dir(dst), 0o755)
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []string{"locales/en/the-conscript.en.toml", "locales/ru/the-conscript.ru.toml", "locales/kk/the-conscript.kk.toml"} {
		if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
			t.Fatalf("the copy of the fixture lacks %s: %v", want, err)
		}
	}
	return dir
}

func tilmash(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(append([]string{"-C", dir}, args...), IO{Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s lacks %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheckCleanProject(t *testing.T) {
	dir := copyProject(t)
	code, out, errs := tilmash(t, dir, "check")
	if code != ExitOK || !strings.Contains(out, "0 errors, 0 warnings in 2 locales") {
		t.Errorf("check = %d\n%s%s", code, out, errs)
	}
}

// TestCheckMissingString deletes one Russian string: check exits 1 and names
// the unit and where it stands.
func TestCheckMissingString(t *testing.T) {
	dir := copyProject(t)
	edit(t, filepath.Join(dir, "locales/ru/the-conscript.ru.toml"), `other = "Советские многоэтажки рядом с хостелом."`, `other = ""`)
	code, out, _ := tilmash(t, dir, "check", "--no-spelling")
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d\n%s", code, ExitFindings, out)
	}
	if !regexp.MustCompile(`content/the-conscript.md:30:1  error    the-conscript.dmitri.cap-a118a4  no Russian translation \(locales/ru/the-conscript\.ru\.toml:\d+ is empty\) \[missing\]`).MatchString(out) {
		t.Errorf("output does not name the unit and its place:\n%s", out)
	}
	if code, out, _ := tilmash(t, dir, "check", "--no-spelling", "--locale", "kk"); code != ExitOK {
		t.Errorf("kk alone = %d\n%s", code, out)
	}
	if code, _, errs := tilmash(t, dir, "status", "--format", "json"); code != ExitOK || errs != "" {
		t.Fatalf("status = %d %s", code, errs)
	} else {
		_, out, _ := tilmash(t, dir, "status", "--format", "json")
		var st struct {
			Locales  []map[string]any
			Editions []map[string]any
		}
		if err := json.Unmarshal([]byte(out), &st); err != nil {
			t.Fatal(err)
		}
		sts := st.Locales
		if sts[1]["locale"] != "ru" || sts[1]["missing"].(map[string]any)["units"].(float64) != 1 || sts[1]["coverage_units"].(float64) != 96.1 {
			t.Errorf("status = %v", sts[1])
		}
		// The next build: every edition published, the Russian one with
		// the English for its missing unit (a required edition falls back
		// by default: check above is the CI gate).
		var next []string
		for _, e := range st.Editions {
			next = append(next, fmt.Sprintf("%s:%s:%s", e["locale"], e["requirement"], e["publish"]))
		}
		if strings.Join(next, " ") != "en:source:published kk:required:published ru:required:published" {
			t.Errorf("editions = %v", next)
		}
	}
	if code, out, _ := tilmash(t, dir, "check", "--no-spelling", "--locale", "kk", "--min-coverage", "100"); code != ExitOK {
		t.Errorf("kk at 100%% = %d\n%s", code, out)
	}
	dir2 := copyProject(t)
	if code, _, errs := tilmash(t, dir2, "check", "--no-spelling", "--min-coverage", "100.1"); code != ExitError || !strings.Contains(errs, `"100.1" is not a percentage from 0 to 100`) {
		t.Errorf("--min-coverage 100.1 = %d %s", code, errs)
	}
}

// TestCheckStale edits an English paragraph: after extract, check reports
// the Russian and Kazakh translations stale: a warning under the default
// stale policy (keep: the earlier translation stays published while it
// passes every check), an error under stale = "refuse".
func TestCheckStale(t *testing.T) {
	for _, tt := range []struct {
		policy   string
		code     int
		severity string
	}{{"keep", ExitOK, "warning"}, {"refuse", ExitFindings, "error  "}} {
		t.Run(tt.policy, func(t *testing.T) {
			dir := copyProject(t)
			edit(t, filepath.Join(dir, "tilmash.toml"), `stale = "keep"`, `stale = "`+tt.policy+`"`)
			edit(t, filepath.Join(dir, "content/the-conscript.md"), "I can’t tell you this", "I cannot tell you this")
			if code, out, errs := tilmash(t, dir, "extract"); code != ExitOK {
				t.Fatalf("extract = %d\n%s%s", code, out, errs)
			}
			code, out, _ := tilmash(t, dir, "check", "--no-spelling")
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", code, tt.code, out)
			}
			for _, loc := range []string{"ru", "kk"} {
				re := regexp.MustCompile(`locales/` + loc + `/the-conscript\.` + loc + `\.toml:\d+:1  ` + tt.severity + `  the-conscript.vasily.a-f8c405  the English changed since this was translated \[stale\]`)
				if !re.MatchString(out) {
					t.Errorf("no stale %s for %s:\n%s", tt.severity, loc, out)
				}
			}
			if !strings.Contains(out, "what changed: “I [-can’t-]{+cannot+} tell you this”") {
				t.Errorf("the hint does not show what changed in the English, word by word:\n%s", out)
			}
		})
	}
}

// TestCheckFormats checks that every output format is what its readers parse.
func TestCheckFormats(t *testing.T) {
	dir := copyProject(t)
	edit(t, filepath.Join(dir, "locales/kk/the-conscript.kk.toml"), `other = "Барлық есімдер өзгертілген."`, `other = "Барлық  есімдер өзгертілген"`)

	_, out, _ := tilmash(t, dir, "check", "--no-spelling", "--format", "json")
	var fs []jsonFinding
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatalf("JSON does not parse: %v\n%s", err, out)
	}
	if len(fs) != 1 || fs[0].Code != "typography-space" || fs[0].File != "locales/kk/the-conscript.kk.toml" || fs[0].Line == 0 || fs[0].Col != 16 {
		t.Errorf("JSON findings = %+v", fs)
	}

	_, out, _ = tilmash(t, dir, "check", "--no-spelling", "--format", "github")
	if !regexp.MustCompile(`^::error file=locales/kk/the-conscript\.kk\.toml,line=\d+,col=16,title=tilmash typography-space::the-conscript.note: a double space \(use one space; if the translation is right as it is, add "# tilmash: ignore typography-space" above the entry\)\n$`).MatchString(out) {
		t.Errorf("github output = %q", out)
	}

	code, out, _ := tilmash(t, dir, "check", "--no-spelling", "--format", "junit")
	if code != ExitFindings {
		t.Errorf("exit %d", code)
	}
	var doc junitSuites
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("JUnit does not parse: %v\n%s", err, out)
	}
	if doc.Tests != 52 || doc.Failures != 1 || len(doc.Suites) != 2 {
		t.Errorf("JUnit: %d tests, %d failures, %d suites; want 52, 1, 2", doc.Tests, doc.Failures, len(doc.Suites))
	}
	if xmllint, err := exec.LookPath("xmllint"); err == nil {
		f := filepath.Join(dir, "junit.xml")
		os.WriteFile(f, []byte(out), 0o644)
		if b, err := exec.Command(xmllint, "--noout", f).CombinedOutput(); err != nil {
			t.Errorf("xmllint: %v %s", err, b)
		}
	}

	if code, _, errs := tilmash(t, dir, "check", "--format", "yaml"); code != ExitError || !strings.Contains(errs, `--format "yaml"`) {
		t.Errorf("--format yaml = %d %s", code, errs)
	}
	if code, _, errs := tilmash(t, dir, "check", "--locale", "uz"); code != ExitError || !regexp.MustCompile(`no catalogue (in )?locales/uz/? `).MatchString(errs) {
		t.Errorf("--locale uz = %d %s", code, errs)
	}
}

// TestCheckBrokenFile: a file that cannot be parsed is exit 2 with its position.
func TestCheckBrokenFile(t *testing.T) {
	dir := copyProject(t)
	edit(t, filepath.Join(dir, "locales/ru/the-conscript.ru.toml"), `hash = "`, `hash = `)
	code, _, errs := tilmash(t, dir, "check")
	if code != ExitError || !regexp.MustCompile(`^tilmash: locales/ru/the-conscript\.ru\.toml:\d+:\d+: TOML: `).MatchString(errs) {
		t.Errorf("exit %d: %s", code, errs)
	}
	dir = copyProject(t)
	edit(t, filepath.Join(dir, "tilmash.toml"), "[check]", "[check]\nfrobnicate = true")
	if code, _, errs := tilmash(t, dir, "check"); code != ExitError || !strings.Contains(errs, `tilmash.toml:23:1: unknown setting "check.frobnicate"`) {
		t.Errorf("exit %d: %s", code, errs)
	}
}
