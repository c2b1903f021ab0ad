package bound_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/tilmash/tilmash/glossary"
	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/segment"
)

// FuzzNesting feeds any text to the front-matter, settings and glossary
// readers, and to the scan they share. None may panic; every refusal must
// name a position inside the file (a depth refusal: the very bracket or dot
// that passes the bound); and what the scan lets through must decode to a
// value that nests no deeper than the bound allows, so that the decoder's
// work stays proportional to the text (a header naming a table inside an
// array of tables, [[a]] then [a.b], is one level deeper than its name: at
// most twice MaxDepth).
func FuzzNesting(f *testing.F) {
	for _, name := range []string{"../../testdata/project/tilmash.toml", "../../testdata/project/glossary/terms.toml", "../../testdata/project/content/the-conscript.md"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		if fm, ok := bytes.CutPrefix(data, []byte("+++\n")); ok {
			data, _, _ = bytes.Cut(fm, []byte("\n+++\n"))
		}
		f.Add(data)
	}
	for _, seed := range []string{
		"title = \"Қазақ\"\n[params]\nx = " + strings.Repeat("{a = ", 40) + "1" + strings.Repeat("}", 40) + "\n",
		"[[term]]\nen = \"пәтер\"\n" + strings.Repeat("a.", 40) + "b = 1\n",
		"[" + strings.Repeat("ә.", 40) + "b]\n",
		"[[a]]\n[[a.b]]\n[a.b.c]\nd = [[1, [2]], {e.f = 'x'}]\n",
		"a = \"\"\"x\"\"\"\"\nb = '''y'''''\nc = [\"[[\", '{{', \"\"\"\n[[\"\"\"]\n",
		"[locales.kk]\nquotes = \"«»“”\"\n[check]\ndisable = [\"spelling\"]\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e := bound.TOMLDepth("f.toml", 1, data)
		if e != nil {
			if r := at(data, e.Line, e.Col); r != '[' && r != '{' && r != '.' {
				t.Fatalf("refused at %d:%d, where the text holds %q, not a bracket or a dot", e.Line, e.Col, r)
			}
		} else {
			var v map[string]any
			if _, err := toml.Decode(string(data), &v); err == nil {
				if d := depth(v); d > 2*bound.MaxDepth {
					t.Fatalf("the scan let through a value %d deep", d)
				}
			}
		}
		readers := []struct {
			file  string
			text  []byte
			first int // the line of the file the data starts on
			read  func(file string, text []byte) error
		}{
			{"content/f.md", append(append([]byte("+++\n"), data...), "\n+++\n\nText.\n"...), 2, func(f string, b []byte) error { _, err := segment.Split(f, b); return err }},
			{"tilmash.toml", data, 1, func(f string, b []byte) error { _, err := check.ParseConfig(f, b); return err }},
			{"glossary/terms.toml", data, 1, func(f string, b []byte) error { _, err := glossary.Parse(f, b); return err }},
		}
		for _, r := range readers {
			err := r.read(r.file, r.text)
			if err == nil {
				continue
			}
			var pos segment.Pos
			var se *segment.Error
			var ge *glossary.Error
			switch {
			case errors.As(err, &se):
				pos = se.Pos
			case errors.As(err, &ge):
				pos = segment.Pos(ge.Pos)
			default:
				t.Fatalf("%s: a refusal without a position: %v", r.file, err)
			}
			if pos.File != r.file || at(r.text, pos.Line, pos.Col) < 0 {
				t.Fatalf("%s: refused at %s, outside the file: %v", r.file, pos, err)
			}
			// Each reader scans before it decodes: the refusal is the scan's
			// (unless the front matter ends early, or is not UTF-8).
			if e != nil && utf8.Valid(data) && !bytes.Contains(data, []byte("+++")) && (pos.Line != e.Line+r.first-1 || pos.Col != e.Col) {
				t.Fatalf("%s: refused at %s (%v), but the scan refuses at %d:%d", r.file, pos, err, e.Line+r.first-1, e.Col)
			}
		}
	})
}

// at returns the character at line:col of text (the column in
// characters), the line's end as '\n' (or 0 at the end of the text), or -1
// for a position outside the text.
func at(text []byte, line, col int) rune {
	lines := bytes.Split(text, []byte("\n"))
	if line < 1 || line > len(lines) || col < 1 {
		return -1
	}
	l := lines[line-1]
	for i := 1; len(l) > 0; i++ {
		r, n := utf8.DecodeRune(l)
		if i == col {
			return r
		}
		l = l[n:]
	}
	switch n := utf8.RuneCount(lines[line-1]); {
	case col == n+1 && line < len(lines):
		return '\n'
	case col == n+1:
		return 0
	}
	return -1
}

// depth is how many tables and arrays nest in v, the outermost table not
// counted.
func depth(v any) int {
	d := 0
	switch v := v.(type) {
	case map[string]any:
		for _, x := range v {
			d = max(d, 1+depth(x))
		}
	case []map[string]any:
		for _, x := range v {
			d = max(d, 1+depth(x))
		}
	case []any:
		for _, x := range v {
			d = max(d, 1+depth(x))
		}
	}
	return d
}
