package testrace

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestPlainPassListed: make test's plain pass runs exactly the tests that
// step aside under the race detector, or do less under it: every package
// with one is in the Makefile's PLAIN, and every such test (the top-level
// test whose body, or a subtest's, calls NotUnderRace or reads Enabled) is
// in PLAIN_TESTS, and nothing else is.
// A test left out would run nowhere; one listed for nothing would run
// twice.
func TestPlainPassListed(t *testing.T) {
	vars := makeVars(t, "PLAIN", "PLAIN_TESTS", "RACE")
	plain, listed, race := vars[0], vars[1], vars[2]
	m := regexp.MustCompile(`^\^\((.*)\)\$\$$`).FindStringSubmatch(listed)
	if m == nil {
		t.Fatalf("the Makefile's PLAIN_TESTS = %s: want ^(TestA|TestB)$$", listed)
	}
	tests := strings.Split(m[1], "|")
	callers := scanModule(t).plainTests
	if len(callers) == 0 {
		t.Fatal("no test calls testrace.NotUnderRace: the walk found nothing (or the plain pass is no longer needed)")
	}
	var names []string
	for name, pkg := range callers {
		names = append(names, name)
		if !slices.Contains(strings.Fields(plain), pkg) {
			t.Errorf("%s (%s) steps aside under the race detector, but %s is not in the Makefile's PLAIN: it would run nowhere", name, pkg, pkg)
		}
		if !slices.Contains(tests, name) {
			t.Errorf("%s (%s) steps aside under the race detector, but is not in the Makefile's PLAIN_TESTS: it would run nowhere", name, pkg)
		}
	}
	for _, pkg := range strings.Fields(plain) {
		if !slices.Contains(strings.Fields(race), pkg) {
			t.Errorf("the Makefile's PLAIN lists %s, which is not in RACE: the plain pass runs all its tests already", pkg)
		}
	}
	for _, name := range tests {
		if _, ok := callers[name]; !ok {
			t.Errorf("the Makefile's PLAIN_TESTS lists %s, which does not step aside under the race detector: it would run twice", name)
		}
	}
	slices.Sort(names)
	if t.Failed() {
		t.Logf("want: PLAIN_TESTS = ^(%s)$$", strings.Join(names, "|"))
	}
}

// TestRacePassListed: make test's race pass runs exactly the packages
// where code runs concurrently: whose code or tests start a goroutine (a
// go statement, a WaitGroup's Go, internal/parallel) or run tests in
// parallel. A package whose tests run on one goroutine gains nothing from
// the detector but its cost (the code it tests is race-tested where it
// runs concurrently, in the packages that call it); a concurrent package
// left out of RACE would lose it. RACE_EXCEPT is the exceptions, each
// with its reason in the Makefile.
func TestRacePassListed(t *testing.T) {
	vars := makeVars(t, "RACE", "RACE_EXCEPT")
	race, except := vars[0], vars[1]
	concurrent := scanModule(t).concurrent
	if len(concurrent) < 3 {
		t.Fatalf("%d concurrent packages found: the scan is broken", len(concurrent))
	}
	var want []string
	for pkg, why := range concurrent {
		if slices.Contains(strings.Fields(except), pkg) {
			continue
		}
		want = append(want, pkg)
		if !slices.Contains(strings.Fields(race), pkg) {
			t.Errorf("%s runs code concurrently (%s) but is not in the Makefile's RACE: the race detector would never see it", pkg, why)
		}
	}
	for _, pkg := range strings.Fields(race) {
		if _, ok := concurrent[pkg]; !ok {
			t.Errorf("the Makefile's RACE lists %s, which starts no goroutine and runs no test in parallel: the detector only slows it", pkg)
		}
	}
	slices.Sort(want)
	if t.Failed() {
		t.Logf("want RACE to hold, in any order (the Makefile lists the slowest first): %s", strings.Join(want, " "))
	}
}

// makeVars are the values of the Makefile's lines NAME = VALUE, in the
// order of names.
func makeVars(t *testing.T, names ...string) []string {
	t.Helper()
	makefile, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, name := range names {
		m := regexp.MustCompile(`(?m)^` + name + ` *= *(.*)$`).FindSubmatch(makefile)
		if m == nil {
			t.Fatalf("the Makefile has no %s = line", name)
		}
		out = append(out, strings.TrimSpace(string(m[1])))
	}
	return out
}

// module is what the tests' scan of the module's Go files found.
type module struct {
	// plainTests are the top-level tests that call testrace.NotUnderRace
	// or do less when testrace.Enabled (in their body or a subtest's),
	// each with its package as ./path: the plain pass runs them whole.
	plainTests map[string]string
	// concurrent are the packages with tests whose code or tests start a
	// goroutine (a go statement, a call of a Go method: sync.WaitGroup's,
	// errgroup's), call internal/parallel, or run tests in parallel
	// (t.Parallel), each with where.
	concurrent map[string]string
}

// scanModule parses every Go file of the module (testdata, dist and
// hidden folders aside, and this package, whose tests name what they
// look for).
func scanModule(t *testing.T) module {
	t.Helper()
	const root = "../.."
	m := module{plainTests: map[string]string{}, concurrent: map[string]string{}}
	tested := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && (d.Name() == "testdata" || d.Name() == "dist" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(p, ".go") || filepath.Base(filepath.Dir(p)) == "testrace" {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		pkg := "./" + filepath.ToSlash(strings.TrimPrefix(filepath.Dir(p), root+string(filepath.Separator)))
		if strings.HasSuffix(p, "_test.go") {
			tested[pkg] = true
			for _, decl := range f.Decls {
				if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Body != nil && strings.HasPrefix(fn.Name.Name, "Test") && readsTestrace(fn.Body) {
					m.plainTests[fn.Name.Name] = pkg
				}
			}
		}
		if why := concurrency(f); why != "" && m.concurrent[pkg] == "" {
			m.concurrent[pkg] = why + " in " + filepath.Base(p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for pkg := range m.concurrent {
		if !tested[pkg] {
			delete(m.concurrent, pkg)
		}
	}
	return m
}

// readsTestrace reports whether body calls testrace.NotUnderRace or reads
// testrace.Enabled.
func readsTestrace(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && (sel.Sel.Name == "NotUnderRace" || sel.Sel.Name == "Enabled") {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == "testrace" {
				found = true
			}
		}
		return !found
	})
	return found
}

// concurrency says how f runs code concurrently (a go statement, a Go
// method, internal/parallel, tests in parallel), or "".
func concurrency(f *ast.File) string {
	why := ""
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.GoStmt:
			why = "a go statement"
		case *ast.CallExpr:
			if sel, ok := x.Fun.(*ast.SelectorExpr); ok {
				id, _ := sel.X.(*ast.Ident)
				switch {
				case sel.Sel.Name == "Go":
					why = "a Go method"
				case id != nil && id.Name == "parallel":
					why = "internal/parallel"
				case sel.Sel.Name == "Parallel" && len(x.Args) == 0:
					why = "tests in parallel"
				}
			}
		}
		return why == ""
	})
	return why
}
