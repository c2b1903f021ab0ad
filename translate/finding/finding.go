// Package finding is what checks report: a Finding names where a problem
// is (file:line:col), which unit and locale it concerns, how severe it is,
// what is wrong and how to fix it. Checks return findings as values; the
// command collects them all, sorts them, prints them and only then decides
// its exit code.
package finding

import (
	"fmt"
	"sort"

	"github.com/tilmash/tilmash/translate/segment"
)

// Severity says whether a finding fails the build.
type Severity int

// The severities.
const (
	Error   Severity = iota // fails the check
	Warning                 // reported, does not fail
	// Info is for what is expected to be unfinished: the gaps of a locale
	// or article still in progress. Reported, never fails.
	Info
)

// String names the severity: "error", "warning" or "info".
func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return "error"
}

// ParseSeverity reads a severity as String writes it.
func ParseSeverity(s string) (Severity, bool) {
	for _, sev := range []Severity{Error, Warning, Info} {
		if sev.String() == s {
			return sev, true
		}
	}
	return Error, false
}

// Finding is one problem found by a check.
type Finding struct {
	Pos      segment.Pos // where the problem is
	Unit     string      // the unit's ID, if the problem concerns one
	Locale   string      // the locale, if the problem concerns one
	Code     string      // a short, stable name of the check, such as "glossary-missing"
	Severity Severity    // error or warning
	Message  string      // what is wrong
	Hint     string      // how to fix it
}

// String formats the finding on one line: file:line:col: severity: message [code] (hint).
func (f Finding) String() string {
	s := fmt.Sprintf("%s: %s: ", f.Pos, f.Severity)
	if f.Unit != "" {
		s += f.Unit + ": "
	}
	s += f.Message + " [" + f.Code + "]"
	if f.Hint != "" {
		s += " (" + f.Hint + ")"
	}
	return s
}

// Sort orders findings by file, line, column, then code and message.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Message < b.Message
	})
}

// Count counts the findings of severity sev.
func Count(fs []Finding, sev Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity == sev {
			n++
		}
	}
	return n
}

// Errors counts the findings of error severity.
func Errors(fs []Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity == Error {
			n++
		}
	}
	return n
}
