package conformance

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tilmash/tilmash/translate/segment"
)

// A sample is one article of the corpus.
type sample struct {
	Name  string // the name of its file in content/: spec-042, table-03, real-hugo-windows
	Slug  string // the article's name as tilmash gives it (segment.SlugOf): its editions' file names
	Group string // spec, gfm, constructs or real
	// Body is the example's Markdown, when the article is an example
	// made into one (Source is then the front matter and Body).
	Body   string
	Source []byte // the article's file
}

// exampleHead is the front matter that makes an example an article.
func exampleHead(name string) string { return fmt.Sprintf("+++\ntitle = %q\n+++\n", "Example "+name) }

func example(group, name, body string) sample {
	return sample{Name: name, Slug: segment.SlugOf(name + ".md"), Group: group, Body: body, Source: []byte(exampleHead(name) + body)}
}

// specSamples are the CommonMark specification's examples (0.31.2, as
// goldmark's module ships it).
func specSamples() ([]sample, error) {
	data, err := os.ReadFile("testdata/goldmark/spec.json")
	if err != nil {
		return nil, err
	}
	var examples []struct {
		Markdown string `json:"markdown"`
		Example  int    `json:"example"`
	}
	if err := json.Unmarshal(data, &examples); err != nil {
		return nil, fmt.Errorf("spec.json: %w", err)
	}
	var out []sample
	for _, e := range examples {
		out = append(out, example("spec", fmt.Sprintf("spec-%03d", e.Example), e.Markdown))
	}
	return out, nil
}

// gfmFiles are goldmark's extension test files the corpus takes: what
// Hugo enables by default beyond CommonMark.
var gfmFiles = []string{"table", "strikethrough", "linkify", "tasklist", "definition_list", "footnote", "typographer"}

// gfmSamples are the examples of goldmark's extension test files, read as
// goldmark's testutil reads them: a case number (and an optional
// description), an optional OPTIONS line, the Markdown and the HTML
// between separator lines.
func gfmSamples() ([]sample, error) {
	var out []sample
	for _, file := range gfmFiles {
		data, err := os.ReadFile(filepath.Join("testdata/goldmark", file+".txt"))
		if err != nil {
			return nil, err
		}
		cases, err := parseCases(data)
		if err != nil {
			return nil, fmt.Errorf("%s.txt: %w", file, err)
		}
		for _, c := range cases {
			out = append(out, example("gfm", fmt.Sprintf("%s-%02d", strings.ReplaceAll(file, "_", "-"), c.no), c.markdown))
		}
	}
	return out, nil
}

type testCase struct {
	no       int
	markdown string
}

const (
	attributeSeparator = "//- - - - - - - - -//"
	caseSeparator      = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

// parseCases reads goldmark's test case format (testutil.DoTestCaseFile).
func parseCases(data []byte) ([]testCase, error) {
	var out []testCase
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		header := sc.Text()
		if strings.TrimSpace(header) == "" {
			continue
		}
		num, _, _ := strings.Cut(header, ":")
		no, err := strconv.Atoi(strings.TrimSpace(num))
		if err != nil {
			return nil, fmt.Errorf("line %d: no case number: %q", line, header)
		}
		if !sc.Scan() {
			return nil, fmt.Errorf("line %d: case %d ends early", line, no)
		}
		line++
		escape := false
		if opts, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "OPTIONS:"); ok {
			escape = strings.Contains(opts, `"enableEscape": true`)
			sc.Scan()
			line++
		}
		if sc.Text() != attributeSeparator {
			return nil, fmt.Errorf("line %d: %q, want the separator", line, sc.Text())
		}
		var md []string
		for sc.Scan() {
			line++
			if sc.Text() == attributeSeparator {
				break
			}
			md = append(md, sc.Text())
		}
		for sc.Scan() { // the expected HTML: goldmark's, not ours
			line++
			if sc.Text() == caseSeparator {
				break
			}
		}
		body := strings.Join(md, "\n") + "\n"
		if escape {
			body = unescape(body)
		}
		out = append(out, testCase{no, body})
	}
	return out, sc.Err()
}

// unescape applies the escape sequences of goldmark's enableEscape option
// that its extension tests use (testutil.applyEscapeSequence): \t, \n, \r,
// \f, \v and \\.
func unescape(s string) string {
	return strings.NewReplacer(`\t`, "\t", `\n`, "\n", `\r`, "\r", `\f`, "\f", `\v`, "\v", `\\`, `\`).Replace(s)
}

// articleSamples are the articles of a folder of testdata, whole.
func articleSamples(group, dir string) ([]sample, error) {
	names, err := filepath.Glob(filepath.Join("testdata", dir, "*.md"))
	if err != nil {
		return nil, err
	}
	var out []sample
	for _, name := range names {
		if filepath.Base(name) == "README.md" {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		n := group + "-" + strings.TrimSuffix(filepath.Base(name), ".md")
		out = append(out, sample{Name: n, Slug: segment.SlugOf(n + ".md"), Group: group, Source: data})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no articles in testdata/%s", dir)
	}
	return out, nil
}
