package testrace

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestPlainPackagesListed: every package with a test that steps aside
// under the race detector is in the Makefile's PLAIN list, the pass
// without it; a package left out would have those tests run nowhere.
func TestPlainPackagesListed(t *testing.T) {
	makefile, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^PLAIN *= *(.*)$`).FindSubmatch(makefile)
	if m == nil {
		t.Fatal("the Makefile has no PLAIN = line")
	}
	plain := strings.Fields(string(m[1]))
	var callers []string
	err = filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "dist" || strings.HasPrefix(d.Name(), ".") && p != "../..") {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(p, "_test.go") || filepath.Base(filepath.Dir(p)) == "testrace" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), "testrace.NotUnderRace(") {
			pkg := "./" + filepath.ToSlash(strings.TrimPrefix(filepath.Dir(p), "../../"))
			if !slices.Contains(callers, pkg) {
				callers = append(callers, pkg)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(callers) == 0 {
		t.Fatal("no test calls testrace.NotUnderRace: the walk found nothing (or PLAIN is no longer needed)")
	}
	for _, pkg := range callers {
		if !slices.Contains(plain, pkg) {
			t.Errorf("%s has tests that step aside under the race detector (testrace.NotUnderRace) but is not in the Makefile's PLAIN = %s: they would run nowhere", pkg, m[1])
		}
	}
}
