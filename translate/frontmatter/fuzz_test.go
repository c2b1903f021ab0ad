package frontmatter

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"unicode/utf8"
)

// seeds are front matters of every format and style, Kazakh letters
// included, and the real articles of testdata/real.
func seeds(f *testing.F) [][]byte {
	out := [][]byte{
		[]byte("+++\ntitle = \"Тілмаш\" # c\ndate = 2023-03-14\ntags = ['a', \"ә\"]\n[params]\nsubtitle = '''x\nж'''\n[[img]]\nalt = \"A\"\n+++\n\nBody.\n"),
		[]byte("---\ntitle: Қазақ тілі\ndescription: >\n  Бүктелген\n  мәтін\ntags: [a, 'b''s']\nimages:\n- one.png\nparams:\n  alt: |\n    Сурет\n  caption: plain\n    over lines\nog: &t !!str Т\nre: *t\n---\nBody.\n"),
		[]byte("{\n  \"title\": \"Қ \\\"x\\\"\",\n  \"tags\": [\"a\", \"b\"],\n  \"params\": {\"alt\": \"A\", \"n\": 1.5, \"x\": null}\n}\nBody.\n"),
		[]byte("---\na: &a [\"x\",\"x\"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: &d [*c,*c]\n---\n"),
		[]byte("---\nk: \"a\\\"b\" # c\nl: 'it''s'\nm: x\u2028y\n---\n"),
	}
	names, _ := filepath.Glob("testdata/real/*.md")
	for _, n := range names {
		if filepath.Base(n) == "README.md" {
			continue
		}
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// FuzzParse: any text either parses or is refused at a position inside
// the file; a parsed front matter locates every value inside its text,
// can rewrite every string it reads (but those an alias repeats or an
// empty tagged one), and with no new values rewrites to itself.
func FuzzParse(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse("a.md", src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Pos.File != "a.md" || e.Pos.Line < 1 || e.Pos.Line > bytes.Count(src, []byte("\n"))+1 || e.Pos.Col < 1 {
				t.Fatalf("refused without a position in the file: %v", err)
			}
			return
		}
		lines := bytes.Count(src[:d.end], []byte("\n")) + 1
		for _, fl := range d.Fields() {
			if fl.Pos.Line < 1 || fl.Pos.Line > lines || fl.Key.Line < 1 || fl.Key.Line > lines {
				t.Fatalf("%s at %s (key %s), outside the front matter's %d lines", fl.Path, fl.Pos, fl.Key, lines)
			}
			if s, ok := fl.Value.(string); ok && !fl.Text && s != "" && utf8.Valid(src) {
				t.Fatalf("%s = %q is not located in the text", fl.Path, s)
			}
		}
		out, err := d.Rewrite(nil)
		if err != nil || !bytes.Equal(out, d.Raw()) {
			t.Fatalf("a rewrite with nothing to replace changed the front matter (%v):\n%q\n%q", err, out, d.Raw())
		}
	})
}

// FuzzRewrite: the strings that mask picks (each bit a string of the
// front matter, in order) take a value made of val; the lists of strings
// whose bit is set, and none of whose items is picked, take a list of
// another length. The result parses to the new values, every other value
// unchanged, the body untouched.
func FuzzRewrite(f *testing.F) {
	for i, s := range seeds(f) {
		f.Add(s, awkward[i%len(awkward)], uint64(0xffffffffffffffff))
		f.Add(s, awkward[(i+7)%len(awkward)], uint64(0x5555))
	}
	f.Fuzz(func(t *testing.T, src []byte, val string, mask uint64) {
		d, err := Parse("a.md", src)
		if err != nil {
			return
		}
		values := map[string]any{}
		fields := d.Fields()
		for i, fl := range fields {
			if mask&(1<<(i%64)) == 0 {
				continue
			}
			if fl.Text {
				values[fl.Path] = val + strconv.Itoa(i)
			}
		}
		for i, fl := range fields {
			if mask&(1<<(i%64)) == 0 {
				continue
			}
			if items, _, ok := d.Strings(fl.Path); ok {
				picked := false
				for p := range values {
					picked = picked || len(p) > len(fl.Path) && p[:len(fl.Path)+1] == fl.Path+"."
				}
				n := d.byPath[fl.Path]
				if !picked && (n.end >= 0 && src[n.start] == '[' || n.colon >= 0) {
					values[fl.Path] = append(items, val)
				}
			}
		}
		out, err := d.Rewrite(values)
		if err != nil {
			t.Fatalf("%v", err)
		}
		checkRewrite(t, "a.md", src, d, values, out)
	})
}
