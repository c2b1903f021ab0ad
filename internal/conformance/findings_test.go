package conformance

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tilmash/tilmash/translate/segment"
)

// The checks a sample goes through.
const (
	checkAccepted  = "accepted"  // segment.Split takes the article
	checkBuilt     = "built"     // every edition of it is published, in every format
	checkEnglish   = "english"   // its English Markdown edition renders as the article does
	checkLeak      = "leak"      // its en-XA editions show no English outside code
	checkUnits     = "units"     // its en-XA Markdown edition reads back into its units
	checkStructure = "structure" // its en-XA Markdown edition renders to the elements the article does
	checkEPUB      = "epubcheck" // epubcheck passes its books (the real articles')
)

// A finding is what a check found wrong in a sample.
type finding struct {
	Sample string
	Check  string
	Format string   // md, html, txt or epub, where the check looks at one
	Where  string   // the element and attribute, or the line, where it is
	Text   string   // what was found
	Words  []string // a leak's English words
}

func (f finding) String() string {
	s := f.Sample + ": " + f.Check
	if f.Format != "" {
		s += " (" + f.Format + ")"
	}
	if f.Where != "" {
		s += " " + f.Where
	}
	s += ": " + shorten(f.Text)
	if len(f.Words) > 0 {
		s += " [" + strings.Join(f.Words, " ") + "]"
	}
	return s
}

// judge reports every finding no exception excuses, and every exception
// that excused nothing (the bug it waited for is fixed: remove it).
// checks are the checks whose findings were collected.
func judge(t *testing.T, p *project, findings []finding, checks ...string) {
	t.Helper()
	used := map[string]int{}
	var bad []string
	for _, f := range findings {
		if e := excuse(f, p.Articles[segment.SlugOf(f.Sample+".md")]); e != nil {
			used[e.Name]++
			continue
		}
		bad = append(bad, f.String())
	}
	sort.Strings(bad)
	const most = 60
	for i, b := range bad {
		if i == most {
			t.Errorf("… and %d more", len(bad)-most)
			break
		}
		t.Error(b)
	}
	for _, e := range exceptions {
		if slices.ContainsFunc(e.Checks, func(c string) bool { return slices.Contains(checks, c) }) && used[e.Name] == 0 {
			t.Errorf("the exception %q excuses nothing any more: remove it from exceptions_test.go (and the list in docs/editors.md)", e.Name)
		}
	}
	if testing.Verbose() {
		var names []string
		for name, n := range used {
			names = append(names, fmt.Sprintf("%s %d", name, n))
		}
		sort.Strings(names)
		t.Logf("%d findings, excused: %s", len(findings), strings.Join(names, ", "))
	}
}

// excuse returns the first exception that excuses f, or nil.
func excuse(f finding, a *segment.Article) *exception {
	for i := range exceptions {
		e := &exceptions[i]
		if !slices.Contains(e.Checks, f.Check) || len(e.Formats) > 0 && !slices.Contains(e.Formats, f.Format) ||
			len(e.Samples) > 0 && !slices.Contains(e.Samples, f.Sample) || e.Match != nil && !e.Match(f, a) {
			continue
		}
		return e
	}
	return nil
}

// lineDiff shows where got first differs from want, line by line: the
// line of each, numbered.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		wl, gl := "(none)", "(none)"
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d: want %q, got %q", i+1, strings.TrimSpace(wl), strings.TrimSpace(gl))
		}
	}
	return "no difference"
}
