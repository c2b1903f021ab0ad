package frontmatter

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// TestBounds: what no front matter needs is refused at its place before
// it costs more than its size: nesting past bound.MaxDepth in every
// format (the scans refuse it before the parsers see it; a YAML alias
// counts the depth of what it repeats), and aliases that stand for more
// values than the text could write (the "billion laughs").
func TestBounds(t *testing.T) {
	laughs := "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	for i, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		prev := string(rune('a' + i))
		laughs += fmt.Sprintf("%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n", name, name, prev, prev, prev, prev, prev, prev, prev, prev, prev)
	}
	laughs += "title: T\n---\n"
	deepAlias := "---\na: &a " + strings.Repeat("[", 20) + strings.Repeat("]", 20) + "\nb: &b [[[[[[[[[[[[[[*a]]]]]]]]]]]]]]\n---\n"
	tests := []struct{ name, src, want string }{
		{"a billion laughs", laughs, "a.md:5:11: front matter: aliases (*name) that repeat more than"},
		{"a cycle", "---\na: &a [*a]\n---\n", "a.md:2:8: front matter: tables and arrays nested more than 32 deep"},
		{"aliases add their depth", deepAlias, "a.md:3:21: front matter: tables and arrays nested more than 32 deep"},
		{"YAML flow nesting", "---\ntitle: T\nx: " + strings.Repeat("[", 50000) + strings.Repeat("]", 50000) + "\n---\n", "a.md:3:34: front matter: tables and arrays nested more than 32 deep"},
		{"YAML block nesting", "---\n" + func() string {
			var b strings.Builder
			for i := range 100 {
				b.WriteString(strings.Repeat(" ", i) + "k:\n")
			}
			return b.String()
		}() + "---\n", "a.md:33:33: front matter: tables and arrays nested more than 32 deep"},
		{"YAML sequences on one line", "---\nx: " + strings.Repeat("- ", 5000) + "a\n---\n", "a.md:2:64: front matter: tables and arrays nested more than 32 deep"},
		{"JSON nesting", "{\"title\": \"T\", \"x\": " + strings.Repeat("[", 50000) + strings.Repeat("]", 50000) + "}\n", "a.md:1:52: front matter: tables and arrays nested more than 32 deep"},
		{"TOML nesting", "+++\nx = " + strings.Repeat("[", 50000) + strings.Repeat("]", 50000) + "\n+++\n", "a.md:2:37: front matter: tables and arrays nested more than 32 deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Parse("a.md", []byte(tt.src))
			runtime.ReadMemStats(&after)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("%v\nwant %s…", err, tt.want)
			}
			if got, bound := after.TotalAlloc-before.TotalAlloc, uint64(100*len(tt.src)+1<<20); got > bound {
				t.Errorf("%d bytes allocated for %d bytes (at most %d)", got, len(tt.src), bound)
			}
		})
	}
}

// TestLargeLinear: front matters far larger than any real one (many keys;
// one long line of JSON; a long YAML text over many lines) are read, and
// rewritten, in work that grows with their size. Bytes allocated are
// counted, not time.
func TestLargeLinear(t *testing.T) {
	var toml, yaml, json strings.Builder
	toml.WriteString("+++\n")
	yaml.WriteString("---\n")
	json.WriteString("{")
	for i := range 2000 {
		fmt.Fprintf(&toml, "key%d = \"Мәтін %d\"\n", i, i)
		fmt.Fprintf(&yaml, "key%d: Мәтін %d\n", i, i)
		fmt.Fprintf(&json, "\"key%d\": \"Мәтін %d\", ", i, i)
	}
	yaml.WriteString("long: " + strings.Repeat("сөз сөз\n  ", 2000) + "end\n")
	toml.WriteString("+++\n")
	yaml.WriteString("---\n")
	json.WriteString("\"end\": 1}\n")
	for _, src := range []string{toml.String(), yaml.String(), json.String()} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		d, err := Parse("a.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		values := map[string]any{}
		for _, f := range d.Fields() {
			if f.Text {
				values[f.Path] = "Жаңа"
			}
		}
		if _, err := d.Rewrite(values); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		if len(values) < 2000 {
			t.Fatalf("%d strings", len(values))
		}
		if got, bound := after.TotalAlloc-before.TotalAlloc, uint64(300*len(src)); got > bound {
			t.Errorf("%s: %d bytes allocated for %d bytes (at most %d): the work grows faster than the text", d.Format, got, len(src), bound)
		}
	}
}
