package bound

import (
	"fmt"
	"strings"
	"testing"
)

func TestYAMLDepth(t *testing.T) {
	nested := func(n int) string { // n levels of block mappings, each indented two more
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "k:\n")
		}
		return b.String() + strings.Repeat("  ", n) + "v: 1\n"
	}
	tests := []struct {
		name, doc string
		want      string // line:col of the refusal, or "" for none
	}{
		{"a real front matter", "title: T\ntags: [a, b]\nparams:\n  alt: A\n  list:\n  - x\n  - {y: z}\n", ""},
		{"block mappings at the limit", nested(14), ""},
		{"block mappings past it", nested(40), "32:64"},
		{"flow lists past it", "x: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n", "1:34"},
		{"flow over lines", "x: [\n" + strings.Repeat("[\n", 40), "31:1"},
		{"sequences on one line", "- " + strings.Repeat("- ", 40) + "a\n", "1:63"},
		{"brackets in quotes, comments, plain text and block text", "a: \"[[[[\\\"[[[[\"\nb: '[[[[''[[['\nc: x [[[[ {{{{\n# [[[[[[\nd: |\n  " + strings.Repeat("[", 40) + "\n  " + strings.Repeat("- ", 40) + "\ne: >-\n  {{{{\nf: it's [[[[\n" + strings.Repeat("g: \""+strings.Repeat("[", 40)+"\"\n", 2), ""},
		{"a line after a block scalar", "a: |\n  text\nb: " + strings.Repeat("[", 40) + "\n", "3:34"},
		{"a block scalar in a sequence ends at its dash", "- - |\n    text\n  - " + strings.Repeat("[", 40) + "\n", "3:34"},
		{"a line after a quoted string over lines", "a: \"x\ny\nz\"\nb: " + strings.Repeat("[", 40) + "\n", "4:34"},
		{"in characters", "а: \"Алматы\" # ё\nб: " + strings.Repeat("[", 40) + "\n", "2:34"},
		{"each line starts afresh", strings.Repeat("x: [[[[[[[[[[]]]]]]]]]]\n", 100), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := YAMLDepth("f.yaml", 1, []byte(tt.doc))
			got := ""
			if e != nil {
				got = fmt.Sprintf("%d:%d", e.Line, e.Col)
				if e.File != "f.yaml" || !strings.Contains(e.Msg, "nested more than 32 deep") {
					t.Errorf("refusal %v", e)
				}
			}
			if got != tt.want {
				t.Errorf("refused at %q, want %q", got, tt.want)
			}
		})
	}
}

func TestJSONDepth(t *testing.T) {
	tests := []struct {
		name, doc string
		want      string
	}{
		{"at the limit", strings.Repeat("[", 32) + strings.Repeat("]", 32), ""},
		{"past it", "{\"a\":\n" + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "}", "2:32"},
		{"brackets in strings", "{\"a\": \"" + strings.Repeat("[", 40) + "\\\"" + strings.Repeat("{", 40) + "\"}", ""},
		{"each value starts afresh", "[" + strings.Repeat("[[[[]]]],", 1000) + "1]", ""},
		{"in characters", "{\"ә\": \"ё\", \"б\": " + strings.Repeat("[", 40) + "}", "1:48"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := JSONDepth("f.json", 1, []byte(tt.doc))
			got := ""
			if e != nil {
				got = fmt.Sprintf("%d:%d", e.Line, e.Col)
			}
			if got != tt.want {
				t.Errorf("refused at %q, want %q", got, tt.want)
			}
		})
	}
}

func TestExpanded(t *testing.T) {
	e := Expanded("content/a.md", 3, 7, 100)
	if e.Error() != "content/a.md:3:7: aliases (*name) that repeat more than 1400 values (a front matter repeats a few values at most: write them out, or repeat fewer)" {
		t.Error(e)
	}
}
