package frontmatter

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestRewrite(t *testing.T) {
	tests := []struct {
		name, src string
		values    map[string]any
		want      string
	}{
		{"TOML",
			"+++\n# The article.\ntitle = 'The \"Title\"' # the headline\ndate = 2023-03-14T09:30:00+06:00\ndraft = true\ntags = [\"war\", # first\n  'Almaty']\ndescription = \"\"\"\nTwo\nlines\"\"\"\n[params]\nsubtitle = \"Sub\"\nweight = 3\n+++\n\nBody.\n",
			map[string]any{"title": "«Призывник» \\ \"новобранец\"", "description": "Екі\nжол", "params.subtitle": "Қазақша", "tags": []string{"соғыс", "Алматы"}},
			"+++\n# The article.\ntitle = \"«Призывник» \\\\ \\\"новобранец\\\"\" # the headline\ndate = 2023-03-14T09:30:00+06:00\ndraft = true\ntags = [\"соғыс\", # first\n  \"Алматы\"]\ndescription = \"Екі\\nжол\"\n[params]\nsubtitle = \"Қазақша\"\nweight = 3\n+++\n"},
		{"TOML list of another length",
			"+++\ntags = [\"a\", \"b\"] # tags\nx = 1\n+++\n",
			map[string]any{"tags": []string{"бір"}},
			"+++\ntags = [\"бір\"] # tags\nx = 1\n+++\n"},
		{"YAML",
			"---\n# The article.\ntitle: The 'Title'   # the headline\ndate: 2023-03-14\ndraft: true\nslug: the-title\naliases: [/old/]\ndescription: >\n  Folded\n  text.\nsummary: 'It''s'\ntags:\n- war   # first\n- \"Almaty\"\nparams:\n  subtitle: Sub\n  alt: |\n    A photo\n    of a street.\n\n  caption: Plain\n    over lines\n---\n\nBody.\n",
			map[string]any{"title": "«Призывник»: \"новобранец\" \\ # не комментарий", "description": "Екі\nжол", "summary": "Бұл", "tags": []string{"соғыс", "Алматы"}, "params.subtitle": "- not a list", "params.alt": "Көше\tсуреті", "params.caption": "Жазу: бір"},
			"---\n# The article.\ntitle: \"«Призывник»: \\\"новобранец\\\" \\\\ # не комментарий\"   # the headline\ndate: 2023-03-14\ndraft: true\nslug: the-title\naliases: [/old/]\ndescription: \"Екі\\nжол\"\nsummary: \"Бұл\"\ntags:\n- \"соғыс\"   # first\n- \"Алматы\"\nparams:\n  subtitle: \"- not a list\"\n  alt: \"Көше\\tсуреті\"\n\n  caption: \"Жазу: бір\"\n---\n"},
		{"YAML list of another length",
			"---\ntags:\n  - a\n  - b\ncats: [x]\nn: 1\n---\n",
			map[string]any{"tags": []string{"бір"}, "cats": []string{}},
			"---\ntags: [\"бір\"]\ncats: []\nn: 1\n---\n"},
		{"YAML alias and anchor",
			"---\ntitle: &t Title\nog: *t\n---\n",
			map[string]any{"og": "Тақырып"},
			"---\ntitle: &t Title\nog: \"Тақырып\"\n---\n"},
		{"YAML line breaks YAML reads as breaks",
			"---\ntitle: T\n---\n",
			map[string]any{"title": "a\u2028b\u0085c\x7f\ufeff"},
			"---\ntitle: \"a\\Lb\\Nc\\x7F\\uFEFF\"\n---\n"},
		{"JSON",
			"{\n  \"title\": \"The \\\"Title\\\"\",\n  \"date\": \"2023-03-14\",\n  \"draft\": true,\n  \"tags\": [\"war\", \"Almaty\"],\n  \"params\": {\"subtitle\": \"Sub\", \"weight\": 3}\n}\n\nBody.\n",
			map[string]any{"title": "«Призывник» <b> & \"x\"\n", "tags": []string{"соғыс", "Алматы", "үш"}, "params.subtitle": "Қазақша"},
			"{\n  \"title\": \"«Призывник» <b> & \\\"x\\\"\\n\",\n  \"date\": \"2023-03-14\",\n  \"draft\": true,\n  \"tags\": [\"соғыс\", \"Алматы\", \"үш\"],\n  \"params\": {\"subtitle\": \"Қазақша\", \"weight\": 3}\n}\n"},
		{"the same value is left as written",
			"---\ntitle: 'T'\nlang: en\n---\n",
			map[string]any{"title": "T", "lang": "en"},
			"---\ntitle: 'T'\nlang: en\n---\n"},
		{"TOML: a list added at the top, before any table",
			"+++\ntitle = 'T'\n[params]\nx = 1\n+++\n",
			map[string]any{"aliases": []string{"almaty", "../old/y"}, "title": "Т"},
			"+++\naliases = [\"almaty\", \"../old/y\"]\ntitle = \"Т\"\n[params]\nx = 1\n+++\n"},
		{"YAML: a list added",
			"---\ntitle: T\nparams:\n  x: 1\n---\n",
			map[string]any{"aliases": []string{"almaty"}},
			"---\naliases: [\"almaty\"]\ntitle: T\nparams:\n  x: 1\n---\n"},
		{"YAML: a list added to an empty front matter",
			"---\n---\n",
			map[string]any{"aliases": []string{"a"}},
			"---\naliases: [\"a\"]\n---\n"},
		{"JSON: a list added as the first member",
			"{\n  \"title\": \"T\"\n}\n",
			map[string]any{"aliases": []string{"a"}},
			"{\"aliases\": [\"a\"], \n  \"title\": \"T\"\n}\n"},
		{"JSON: a list added to an empty object",
			"{}\n",
			map[string]any{"aliases": []string{"a"}},
			"{\"aliases\": [\"a\"]}\n"},
		{"nothing to replace",
			"+++\n# c\ntitle = 'T'\n+++\n",
			nil,
			"+++\n# c\ntitle = 'T'\n+++\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("a.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			got, err := d.Rewrite(tt.values)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			checkRewrite(t, "a.md", []byte(tt.src), d, tt.values, got)
		})
	}
}

func TestRewriteErrors(t *testing.T) {
	src := "---\ntitle: T\nn: 3\nmixed: [a, 1]\ntags:\n- a\nflow: [a]\nbase: &b {alt: A}\ncover: *b\n---\n"
	d, err := Parse("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		values map[string]any
		want   string
	}{
		{map[string]any{"nothing": "x"}, `no value at "nothing"`},
		{map[string]any{"no.where": []string{"x"}}, `no value at "no.where"`},
		{map[string]any{"n": "x"}, `the value at "n" is not a string`},
		{map[string]any{"title": []string{"x"}}, `the value at "title" is not a list`},
		{map[string]any{"mixed": []string{"x", "y"}}, `the list at "mixed" holds other than strings`},
		{map[string]any{"title": 3}, `the new value at "title" is a int`},
		{map[string]any{"flow": []string{"x"}, "flow.0": "y"}, "two of the paths name the same value"},
		{map[string]any{"cover.alt": "x"}, `the value at "cover.alt" is not a string that can be replaced`},
	}
	flow, err := Parse("b.md", []byte("---\n{title: T}\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := flow.Rewrite(map[string]any{"aliases": []string{"a"}}); err == nil || !strings.Contains(err.Error(), "not a mapping of keys, one per line") {
		t.Errorf("adding to a flow mapping: %v", err)
	}
	for _, tt := range tests {
		if _, err := d.Rewrite(tt.values); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Rewrite(%v): %v, want %q", tt.values, err, tt.want)
		}
	}
}

// checkRewrite checks what Rewrite made of d (parsed from src) with
// values: out, followed by the body, parses; each rewritten path reads as
// its new value; every other value reads as before (unless it holds a
// rewritten one, or an alias may repeat one); nothing after the front
// matter changed.
func checkRewrite(t *testing.T, file string, src []byte, d *Doc, values map[string]any, out []byte) {
	t.Helper()
	whole := append(append([]byte(nil), out...), src[d.Body():]...)
	d2, err := Parse(file, whole)
	if err != nil {
		t.Fatalf("the rewritten front matter does not parse: %v\n%s", err, out)
	}
	if d2.Format != d.Format || string(whole[d2.Body():]) != string(src[d.Body():]) {
		t.Fatalf("the rewrite changed the format or the body:\n%s", out)
	}
	valid := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	touched := func(path string) bool {
		for p, v := range values {
			_, list := v.([]string)
			if path == p || strings.HasPrefix(p, path+".") || list && strings.HasPrefix(path, p+".") {
				return true
			}
		}
		return false
	}
	for _, p := range slices.Sorted(maps.Keys(values)) {
		f, ok := d2.Field(p)
		if !ok {
			t.Fatalf("%s is gone:\n%s", p, out)
		}
		switch v := values[p].(type) {
		case string:
			if f.Value != valid(v) || !f.Text {
				t.Fatalf("%s reads %q (text %v), want %q:\n%s", p, f.Value, f.Text, v, out)
			}
		case []string:
			got, _, ok := d2.Strings(p)
			want := make([]string, len(v))
			for i := range v {
				want[i] = valid(v[i])
			}
			if !ok || !slices.Equal(got, want) {
				t.Fatalf("%s reads %q, want %q:\n%s", p, got, want, out)
			}
		}
	}
	for _, f := range d.Fields() {
		if touched(f.Path) || d.aliases {
			continue
		}
		g, ok := d2.Field(f.Path)
		if !ok || !same(f.Value, g.Value) || g.Text != f.Text {
			t.Fatalf("%s was %v, is %v (%v):\n%s", f.Path, f.Value, g.Value, ok, out)
		}
	}
}

// same compares decoded values; times by instant and offset.
func same(a, b any) bool {
	if ta, ok := a.(time.Time); ok {
		tb, ok := b.(time.Time)
		_, oa := ta.Zone()
		_, ob := tb.Zone()
		return ok && ta.Equal(tb) && oa == ob
	}
	if ma, ok := a.(map[string]any); ok {
		mb, ok := b.(map[string]any)
		if !ok || len(ma) != len(mb) {
			return false
		}
		for k := range ma {
			if !same(ma[k], mb[k]) {
				return false
			}
		}
		return true
	}
	if la, ok := a.([]any); ok {
		lb, ok := b.([]any)
		if !ok || len(la) != len(lb) {
			return false
		}
		for i := range la {
			if !same(la[i], lb[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

// awkward are values that each format must quote with care.
var awkward = []string{
	"", " ", "plain", "Қазақ тілі: «сөз»", "Русский — текст", `quote " and backslash \`, "'single'", "two\nlines", "trailing space ",
	"\ttab", "# not a comment", "- not a list", "[not, a list]", "{not: a table}", "key: value", "*alias", "&anchor", "!tag", "|", ">", "@", "`", "%",
	"null", "true", "3", "2023-03-14", "~", "\\u0041", "\"\"\"", "'''", "\r\n", "\x00\x01\x1b\x7f", "\u0085\u2028\u2029", "\ufeff", "emoji 👍", "\xff\xfe invalid",
}

// TestRewriteRoundTrip: every string of each format, in every style it can
// be written, takes each awkward value, and the result reads back.
func TestRewriteRoundTrip(t *testing.T) {
	docs := []string{
		"+++\na = \"basic\"\nb = 'literal'\nc = \"\"\"\nmulti\"\"\"\nd = '''\nmulti'''\ne = [\"x\", 'y']\nf = { g = \"z\" }\n[h]\ni = \"in a table\" # c\n[[j]]\nk = \"in an array of tables\"\n+++\n",
		"---\na: plain\nb: 'single'\nc: \"double\"\nd: |\n  literal\ne: >-\n  folded\n  text\nf: [x, 'y', \"z\"]\ng:\n  - x\n  - y\nh: {i: j}\nk:\n  l: nested\nm: plain\n  over lines\nn: !!str 5\no: &a anchored\np: *a\nq: |2\n   a leading space\n  kept\nr:\n  - >1\n    indented\n   folded\n---\n",
		"{\"a\": \"x\", \"b\": [\"y\", \"z\"], \"c\": {\"d\": \"e\"}}\n",
	}
	for _, src := range docs {
		d, err := Parse("a.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range d.Fields() {
			if !f.Text {
				continue
			}
			for _, v := range awkward {
				values := map[string]any{f.Path: v}
				out, err := d.Rewrite(values)
				if err != nil {
					t.Fatalf("%s = %q: %v", f.Path, v, err)
				}
				checkRewrite(t, "a.md", []byte(src), d, values, out)
			}
		}
	}
}

// TestRewriteWholeDocument: every string at once, each a different value.
func TestRewriteWholeDocument(t *testing.T) {
	src := "---\ntitle: T\ndescription: >\n  D\nparams:\n  alt: A\n  list: [a, b]\n---\n"
	d, err := Parse("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]any{}
	for i, f := range d.Fields() {
		if f.Text {
			values[f.Path] = fmt.Sprintf("%s %d: %s", awkward[i%len(awkward)], i, strconv.Quote(f.Path))
		}
	}
	out, err := d.Rewrite(values)
	if err != nil {
		t.Fatal(err)
	}
	checkRewrite(t, "a.md", []byte(src), d, values, out)
}
