package bound

import (
	"fmt"
	"strings"
	"testing"
)

func TestTOMLDepth(t *testing.T) {
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	tests := []struct {
		name, doc string
		want      string // line:col of the refusal, or "" for none
	}{
		{"inline tables at the limit", "a = " + deep("{b = ", "}", 32) + "\n", ""},
		{"inline tables past it", "a = " + deep("{b = ", "}", 40) + "\n", "1:165"},
		{"arrays past it", "a = " + deep("[", "]", 40) + "\n", "1:37"},
		{"under a table", "[t]\na = " + deep("[", "]", 40) + "\n", "2:36"},
		{"dotted key at the limit", strings.Repeat("a.", 32) + "b = 1\n", ""},
		{"dotted key past it", strings.Repeat("a.", 40) + "b = 1\n", "1:66"},
		{"dotted key in an inline table", "x = {" + strings.Repeat("a.", 40) + "b = 1}\n", "1:69"},
		{"table header", "[" + strings.Repeat("a.", 40) + "b]\n", "1:65"},
		{"array of tables header", "[[" + strings.Repeat("a.", 40) + "b]]\n", "1:64"},
		{"a header and a dotted key add up", "[" + strings.Repeat("a.", 20) + "b]\n" + strings.Repeat("c.", 20) + "d = 1\n", "2:24"},
		{"each key starts at its table", "[a.b]\n" + strings.Repeat("c.", 30) + "d = 1\n" + strings.Repeat("c.", 30) + "d = 2\n", ""},
		{"each array element starts afresh", "a = [" + strings.Repeat("{b = [1]}, ", 100) + "]\n", ""},
		{"each inline key starts afresh", "a = {" + strings.Repeat("b.c.d = 1, ", 100) + "e = 1}\n", ""},
		{"dots in values do not count", "[a]\n" + strings.Repeat("b = 1.5\n", 40) + "c = 1979-05-27T07:32:00.999\nd = [1.5, 2.5]\n", ""},
		{"in characters", "[а]\nб = \"Алматы\" # ё\nв = " + deep("[", "]", 40) + "\n", "3:36"},
		{"brackets in strings and comments", "a = \"[[[{{{\\\"[[[\"\nb = '[[[{{{'\nc = \"\"\"\n[[[[\n\\\"\"\"[[[\n\"\"\"\nd = '''[[[\n'''\n# [[[[{{{{\n" + strings.Repeat("e = \""+strings.Repeat("[", 40)+"\"\n", 2), ""},
		{"a line after a multi-line string", "a = \"\"\"\nx\ny\n\"\"\"\nb = " + deep("[", "]", 40) + "\n", "5:37"},
		{"quotes closing a multi-line string", "a = \"\"\"x\"\"\"\"\nb = " + deep("[", "]", 40) + "\n", "2:37"},
		{"five quotes", "a = '''x'''''\nb = " + deep("[", "]", 40) + "\n", "2:37"},
		{"a string never closed ends with its line", "a = \"x\nb = " + deep("[", "]", 40) + "\n", "2:37"},
		{"a backslash before the line's end", "a = \"x\\\nb = " + deep("[", "]", 40) + "\n", "2:37"},
		{"a quoted key with dots", "[\"" + strings.Repeat("a.", 40) + "\"]\n\"" + strings.Repeat("b.", 40) + "\" = 1\n", ""},
		{"a comment after a header", "[a] # " + strings.Repeat("b.", 40) + "\nc = 1\n", ""},
		{"CRLF", "[a]\r\nb = 1\r\nc = " + deep("[", "]", 40) + "\r\n", "3:36"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := TOMLDepth("f.toml", 1, []byte(tt.doc))
			got := ""
			if e != nil {
				got = fmt.Sprintf("%d:%d", e.Line, e.Col)
				if e.File != "f.toml" || !strings.Contains(e.Msg, "nested more than 32 deep") || e.Hint == "" {
					t.Errorf("refusal %v", e)
				}
			}
			if got != tt.want {
				t.Errorf("refused at %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTOMLDepthFirstLine: front matter starts on the file's second line.
func TestTOMLDepthFirstLine(t *testing.T) {
	e := TOMLDepth("content/a.md", 2, []byte("title = \"T\"\nx = "+strings.Repeat("[", 33)+"\n"))
	if e == nil || e.Error() != "content/a.md:3:37: tables and arrays nested more than 32 deep (nothing tilmash reads nests that deep: write the data with fewer levels)" {
		t.Errorf("refusal %v", e)
	}
}
