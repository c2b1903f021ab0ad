package conformance

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the list of the conformance exceptions in docs/editors.md")

const (
	listStart = "<!-- conformance exceptions -->"
	listEnd   = "<!-- end of conformance exceptions -->"
)

// TestREADME: the list of the exceptions in docs/editors.md ("What the
// tests hold it to") is the list the tests allow (-update rewrites it).
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("../../docs/editors.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	i, j := strings.Index(s, listStart), strings.Index(s, listEnd)
	if i < 0 || j < i {
		t.Fatalf("docs/editors.md lacks the markers %q … %q", listStart, listEnd)
	}
	var b strings.Builder
	for _, e := range exceptions {
		b.WriteString("- `" + e.Name + "` (" + e.Status + "): " + e.Reason + "\n")
	}
	want := s[:i+len(listStart)] + "\n" + b.String() + s[j:]
	if *update {
		if err := os.WriteFile("../../docs/editors.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want != s {
		t.Error("the list of conformance exceptions in docs/editors.md is out of date: go test ./internal/conformance -run TestREADME -update")
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
