package cli

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/tilmash/tilmash/internal/escape"
	"github.com/tilmash/tilmash/translate/finding"
)

// Formats a report can be written in.
var reportFormats = []string{"text", "json", "github", "junit"}

// isTerminal reports whether w is a terminal (for colour).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0 && os.Getenv("NO_COLOR") == ""
}

// writeText writes findings grouped by file, with colour on a terminal.
// Every text in a finding may come from a file (a catalogue key, a shard's
// findings for merge): each is escaped to one line of plain text, so none
// can move the terminal or pass for a CI command.
func writeText(out io.Writer, fs []finding.Finding) {
	colour := isTerminal(out)
	w := bufio.NewWriterSize(out, 64<<10) // a write a line was a tenth of a run with nothing changed
	defer w.Flush()
	paint := func(code, s string) string {
		if !colour {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	file := ""
	for _, f := range fs {
		if f.Pos.File != file {
			if file != "" {
				fmt.Fprintln(w)
			}
			file = f.Pos.File
			fmt.Fprintln(w, paint("1", escape.Line(file)))
		}
		sev := paint("31", "error  ")
		switch f.Severity {
		case finding.Warning:
			sev = paint("33", "warning")
		case finding.Info:
			sev = paint("36", "info   ")
		}
		fmt.Fprintf(w, "  %s:%d:%d  %s  %s  %s %s\n", escape.Line(f.Pos.File), f.Pos.Line, f.Pos.Col, sev, escape.Line(f.Unit), escape.Line(f.Message), paint("2", "["+escape.Line(f.Code)+"]"))
		if f.Hint != "" {
			fmt.Fprintf(w, "      %s %s\n", paint("2", "hint:"), escape.Line(f.Hint))
		}
	}
}

// jsonFinding is a finding as --format json writes it.
type jsonFinding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Unit     string `json:"unit,omitempty"`
	Locale   string `json:"locale,omitempty"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

func writeJSON(w io.Writer, fs []finding.Finding) error {
	out := make([]jsonFinding, 0, len(fs))
	for _, f := range fs {
		out = append(out, jsonFinding{f.Pos.File, f.Pos.Line, f.Pos.Col, f.Severity.String(), f.Code, f.Unit, f.Locale, f.Message, f.Hint})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// writeGitHub writes GitHub Actions workflow commands, one per finding.
func writeGitHub(w io.Writer, fs []finding.Finding) {
	esc := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	escProp := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	for _, f := range fs {
		msg := f.Message
		if f.Unit != "" {
			msg = f.Unit + ": " + msg
		}
		if f.Hint != "" {
			msg += " (" + f.Hint + ")"
		}
		level := f.Severity.String()
		if f.Severity == finding.Info {
			level = "notice" // GitHub's word for it
		}
		fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", level, escProp.Replace(escape.Line(f.Pos.File)), f.Pos.Line, f.Pos.Col, escProp.Replace("tilmash "+escape.Line(f.Code)), esc.Replace(escape.Line(msg)))
	}
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	Classname string         `xml:"classname,attr"`
	File      string         `xml:"file,attr,omitempty"`
	Failures  []junitFailure `xml:"failure"`
	SystemOut string         `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit writes one test case per unit and locale: a unit with error
// findings fails (one <failure> each), warnings go to its system-out, and
// units without findings pass, so dashboards list every unit.
func writeJUnit(w io.Writer, fs []finding.Finding, units []string, locales []string) error {
	byKey := map[string][]finding.Finding{}
	var other []finding.Finding // findings not about a unit (files, obsolete entries…)
	known := map[string]bool{}
	for _, u := range units {
		known[u] = true
	}
	for _, f := range fs {
		if f.Unit == "" || !known[f.Unit] {
			other = append(other, f)
			continue
		}
		byKey[f.Locale+"\x00"+f.Unit] = append(byKey[f.Locale+"\x00"+f.Unit], f)
	}
	doc := junitSuites{Name: "tilmash check"}
	for _, loc := range locales {
		s := junitSuite{Name: "tilmash check " + loc}
		cases := append([]string(nil), units...)
		for _, id := range cases {
			c := junitCase{Name: id, Classname: "tilmash." + loc}
			for _, f := range byKey[loc+"\x00"+id] {
				c.File = f.Pos.File
				addFinding(&c, f)
			}
			s.Cases = append(s.Cases, c)
		}
		for _, f := range other {
			if f.Locale != loc {
				continue
			}
			c := junitCase{Name: f.Unit + " " + f.Code, Classname: "tilmash." + loc, File: f.Pos.File}
			addFinding(&c, f)
			s.Cases = append(s.Cases, c)
		}
		for _, c := range s.Cases {
			s.Tests++
			if len(c.Failures) > 0 {
				s.Failures++
			}
		}
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Suites = append(doc.Suites, s)
	}
	sort.SliceStable(doc.Suites, func(i, j int) bool { return doc.Suites[i].Name < doc.Suites[j].Name })
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func addFinding(c *junitCase, f finding.Finding) {
	line := fmt.Sprintf("%s: %s [%s]", f.Pos, f.Message, f.Code)
	if f.Hint != "" {
		line += " (" + f.Hint + ")"
	}
	if f.Severity != finding.Error {
		c.SystemOut += f.Severity.String() + ": " + line + "\n"
		return
	}
	c.Failures = append(c.Failures, junitFailure{Message: f.Message, Type: f.Code, Text: line})
}
