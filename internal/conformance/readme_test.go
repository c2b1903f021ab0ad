package conformance

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite README.md's list of the conformance exceptions")

const (
	listStart = "<!-- conformance exceptions -->"
	listEnd   = "<!-- end of conformance exceptions -->"
)

// TestREADME: README.md's list of the exceptions is the list the tests
// allow (-update rewrites it).
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	i, j := strings.Index(s, listStart), strings.Index(s, listEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the markers %q … %q", listStart, listEnd)
	}
	var b strings.Builder
	for _, e := range exceptions {
		b.WriteString("- `" + e.Name + "` (" + e.Status + "): " + e.Reason + "\n")
	}
	want := s[:i+len(listStart)] + "\n" + b.String() + s[j:]
	if *update {
		if err := os.WriteFile("../../README.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want != s {
		t.Error("README.md's list of conformance exceptions is out of date: go test ./internal/conformance -run TestREADME -update")
	}
}

// TestExceptions: each exception names a known check and status, and
// gives its reason.
func TestExceptions(t *testing.T) {
	checks := []string{checkAccepted, checkBuilt, checkEnglish, checkLeak, checkUnits, checkStructure, checkEPUB}
	seen := map[string]bool{}
	for _, e := range exceptions {
		if seen[e.Name] {
			t.Errorf("%s: listed twice", e.Name)
		}
		seen[e.Name] = true
		if e.Reason == "" || !strings.Contains(" decision limitation bug pending ", " "+e.Status+" ") || len(e.Checks) == 0 {
			t.Errorf("%s: incomplete: %+v", e.Name, e)
		}
		for _, c := range e.Checks {
			if !strings.Contains(strings.Join(checks, " "), c) {
				t.Errorf("%s: no check %q", e.Name, c)
			}
		}
	}
}
