package workspace

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// liveRef matches a test's path to the live newsroom project at the
// repository root (content/, locales/, glossary/terms.toml, tilmash.toml),
// reached by climbing out of a package: ../../content/a.md, DirFS of ../..
var liveRef = regexp.MustCompile(`"(\.\./)+(content|locales|glossary|tilmash\.toml)\b|DirFS\("(\.\./)*\.\."\)|"(\.\./)+"\s*\+|ReadFile\("terms\.toml"\)`)

// TestTestsDoNotReadTheLiveProject: editors and translators change the live
// project every day, so no test may read it (they use testdata/project);
// this scans every test file of the repository for a path that climbs to it.
func TestTestsDoNotReadTheLiveProject(t *testing.T) {
	root := "../.."
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		n++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if !strings.Contains(line, "..") && !strings.Contains(line, "terms.toml") {
				continue // every path liveRef matches climbs (..) or is terms.toml: the regexp on every line took seconds under -race
			}
			if liveRef.MatchString(line) && !strings.Contains(line, "testdata") && !strings.HasPrefix(strings.TrimSpace(line), "//") {
				t.Errorf("%s:%d reads the live project: %s (use testdata/project)", p, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("scanned %d test files: the walk is broken", n)
	}
	// The pattern itself catches what it is for.
	up := `"../../` // split, so that no scan of this file takes the examples for the real thing
	for _, bad := range []string{`os.ReadFile(` + up + `content/a.md")`, `Load(os.DirFS("../` + `.."), Default)`, `os.ReadFile(` + up + `" + p)`, `os.ReadFile("terms` + `.toml")`} {
		if !liveRef.MatchString(bad) {
			t.Errorf("the scan misses %s", bad)
		}
	}
}
