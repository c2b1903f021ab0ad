package frontmatter

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		src  string
		want Format
	}{
		{"+++\ntitle = \"x\"\n+++\n", TOML},
		{"+++ \r\ntitle = \"x\"\n+++\n", TOML},
		{"---\ntitle: x\n---\n", YAML},
		{"---\t\ntitle: x\n---\n", YAML},
		{"{\"title\": \"x\"}\n", JSON},
		{"{\n  \"title\": \"x\"\n}\n", JSON},
		{"# Title\n", ""},
		{"++\n", ""},
		{"----\ntitle: x\n----\n", ""},
		{" ---\n", ""}, // Hugo skips leading blanks; we start at the first byte
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := Detect([]byte(tt.src))
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Detect(%q) = %q, %v; want %q", tt.src, got, ok, tt.want)
		}
	}
}

// field describes a value as the tests expect it: its decoded value
// (fmt's %v), where the value starts, and whether Rewrite can replace it.
func field(f Field) string {
	v := fmt.Sprintf("%v", f.Value)
	if tm, ok := f.Value.(time.Time); ok {
		v = tm.Format(time.RFC3339)
	}
	return fmt.Sprintf("%s=%s @%d:%d key %d:%d text=%v", f.Path, v, f.Pos.Line, f.Pos.Col, f.Key.Line, f.Key.Col, f.Text)
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, src string
		format    Format
		want      []string // fields, in order (all of them)
		body      int      // the body's first line
	}{
		{"TOML", "+++\ntitle = \"Қазақ\" # a comment\ndate = 2023-03-14\ntags = ['a', \"b\"]\n[params]\nsubtitle = '''x\ny'''\nn = 3\n+++\nBody.\n", TOML, []string{
			"title=Қазақ @2:9 key 2:1 text=true",
			"date=2023-03-14T00:00:00Z @3:8 key 3:1 text=false",
			"tags=[a b] @4:8 key 4:1 text=false",
			"tags.0=a @4:9 key 4:9 text=true",
			"tags.1=b @4:14 key 4:14 text=true",
			"params=map[n:3 subtitle:x\ny] @5:1 key 5:1 text=false",
			"params.subtitle=x\ny @6:12 key 6:1 text=true",
			"params.n=3 @8:5 key 8:1 text=false",
		}, 10},
		{"TOML dotted keys, inline tables, arrays of tables", "+++\nparams.alt = \"A\"\ncover = { alt = \"B\", n = [1, 2] }\n[[img]]\nsrc = \"x.jpg\"\n[[img]]\nsrc = \"y.jpg\"\n[img.meta]\ncaption = \"C\"\n+++\n", TOML, []string{
			"params=map[alt:A] @2:1 key 2:1 text=false",
			"params.alt=A @2:14 key 2:1 text=true",
			"cover=map[alt:B n:[1 2]] @3:9 key 3:1 text=false",
			"cover.alt=B @3:17 key 3:11 text=true",
			"cover.n=[1 2] @3:26 key 3:22 text=false",
			"cover.n.0=1 @3:27 key 3:27 text=false",
			"cover.n.1=2 @3:30 key 3:30 text=false",
			"img=[map[src:x.jpg] map[meta:map[caption:C] src:y.jpg]] @4:1 key 4:1 text=false",
			"img.0=map[src:x.jpg] @4:1 key 4:1 text=false",
			"img.0.src=x.jpg @5:7 key 5:1 text=true",
			"img.1=map[meta:map[caption:C] src:y.jpg] @6:1 key 6:1 text=false",
			"img.1.src=y.jpg @7:7 key 7:1 text=true",
			"img.1.meta=map[caption:C] @8:1 key 8:1 text=false",
			"img.1.meta.caption=C @9:11 key 9:1 text=true",
		}, 11},
		{"YAML", "---\ntitle: \"Қазақ \\\"тілі\\\"\"   # a comment\ndate: 2017-07-24T18:36:00+02:00\ndescription: >\n    Folded\n    text.\ntags: [a, 'b''s']\nimages:\n- one.png\n- two.png\ndraft: true\nempty:\nparams:\n  subtitle: |\n    Line\n    two\n---\n\nBody.\n", YAML, []string{
			"title=Қазақ \"тілі\" @2:8 key 2:1 text=true",
			"date=2017-07-24T18:36:00+02:00 @3:7 key 3:1 text=false",
			"description=Folded text.\n @4:14 key 4:1 text=true",
			"tags=[a b's] @7:7 key 7:1 text=false",
			"tags.0=a @7:8 key 7:8 text=true",
			"tags.1=b's @7:11 key 7:11 text=true",
			"images=[one.png two.png] @9:1 key 8:1 text=false",
			"images.0=one.png @9:3 key 9:3 text=true",
			"images.1=two.png @10:3 key 10:3 text=true",
			"draft=true @11:8 key 11:1 text=false",
			"empty=<nil> @12:7 key 12:1 text=false",
			"params=map[subtitle:Line\ntwo\n] @14:3 key 13:1 text=false",
			"params.subtitle=Line\ntwo\n @14:13 key 14:3 text=true",
		}, 18},
		{"YAML anchors and aliases", "---\ntitle: &t !!str Тілмаш\nog: *t\nbase: &b {alt: A}\ncover: *b\n---\n", YAML, []string{
			"title=Тілмаш @2:17 key 2:1 text=true",
			"og=Тілмаш @3:5 key 3:1 text=true",
			"base=map[alt:A] @4:7 key 4:1 text=false",
			"base.alt=A @4:16 key 4:11 text=true",
			"cover=map[alt:A] @5:8 key 5:1 text=false",
		}, 7},
		{"YAML plain text over lines", "---\ndescription: A long\n  description,\n\n  in two paragraphs   # and a comment\ntitle: T\n---\n", YAML, []string{
			"description=A long description,\nin two paragraphs @2:14 key 2:1 text=true",
			"title=T @6:8 key 6:1 text=true",
		}, 8},
		{"YAML empty", "---\n# nothing yet\n---\nBody.\n", YAML, nil, 4},
		{"JSON", "{\n  \"title\": \"Қазақ \\\"x\\\"\",\n  \"tags\": [\"a\", \"b\"],\n  \"weight\": 10,\n  \"params\": {\"alt\": \"A\", \"draft\": false, \"x\": null, \"f\": 1.5}\n}\n\nBody.\n", JSON, []string{
			"title=Қазақ \"x\" @2:12 key 2:3 text=true",
			"tags=[a b] @3:11 key 3:3 text=false",
			"tags.0=a @3:12 key 3:12 text=true",
			"tags.1=b @3:17 key 3:17 text=true",
			"weight=10 @4:13 key 4:3 text=false",
			"params=map[alt:A draft:false f:1.5 x:<nil>] @5:13 key 5:3 text=false",
			"params.alt=A @5:21 key 5:14 text=true",
			"params.draft=false @5:35 key 5:26 text=false",
			"params.x=<nil> @5:47 key 5:42 text=false",
			"params.f=1.5 @5:58 key 5:53 text=false",
		}, 7},
		{"JSON on one line", "{\"title\": \"T\"}\nBody.\n", JSON, []string{"title=T @1:11 key 1:2 text=true"}, 2},
		{"CRLF delimiters", "---\r\ntitle: T\r\n---\r\nBody.\r\n", YAML, []string{"title=T @2:8 key 2:1 text=true"}, 4},
		{"closed at the end of the file", "+++\ntitle = \"T\"\n+++", TOML, []string{"title=T @2:9 key 2:1 text=true"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("a.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if d.Format != tt.format {
				t.Errorf("format %q, want %q", d.Format, tt.format)
			}
			var got []string
			for _, f := range d.Fields() {
				got = append(got, field(f))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("fields:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if d.BodyLine() != tt.body {
				t.Errorf("body on line %d, want %d", d.BodyLine(), tt.body)
			}
			if string(d.Raw())+tt.src[d.Body():] != tt.src {
				t.Errorf("Raw and the body do not make the file")
			}
		})
	}
}

func TestLookup(t *testing.T) {
	d, err := Parse("a.md", []byte("---\ntitle: T\ntags: [a, b]\nmixed: [a, 1]\nextra:\n  lead: Ведущий\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s, p, ok := d.String("extra.lead"); !ok || s != "Ведущий" || p.String() != "a.md:6:9" {
		t.Errorf("String(extra.lead) = %q, %s, %v", s, p, ok)
	}
	if _, _, ok := d.String("tags"); ok {
		t.Error("String(tags) reads a list as a string")
	}
	if ss, ps, ok := d.Strings("tags"); !ok || !reflect.DeepEqual(ss, []string{"a", "b"}) || ps[1].String() != "a.md:3:11" {
		t.Errorf("Strings(tags) = %q, %v, %v", ss, ps, ok)
	}
	if _, _, ok := d.Strings("mixed"); ok {
		t.Error("Strings(mixed) reads a number as a string")
	}
	if f, ok := d.Field("extra"); !ok || f.Key.String() != "a.md:5:1" {
		t.Errorf("Field(extra) = %+v, %v", f, ok)
	}
	if _, ok := d.Field("nothing"); ok {
		t.Error("Field(nothing) found something")
	}
	if v := d.Values()["title"]; v != "T" {
		t.Errorf("Values()[title] = %v", v)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"no front matter", "# Title\n", "a.md:1:1: no front matter: start the file with its fields between two \"+++\" lines"},
		{"TOML never closed", "+++\ntitle = \"x\"\n", "a.md:1:1: the front matter is never closed: add a \"+++\" line after it"},
		{"YAML never closed", "---\ntitle: x\n", "a.md:1:1: the front matter is never closed: add a \"---\" line after it"},
		{"JSON never closed", "{\"title\": \"x}\"\n", "a.md:1:1: the JSON front matter is never closed"},
		{"broken TOML", "+++\ntitle = \"x\nnote = 1\n+++\n", "a.md:2:11: front matter: strings cannot contain newlines"},
		{"TOML key twice", "+++\ntitle = \"x\"\ntitle = \"y\"\n+++\n", "a.md:3:1: front matter: Key 'title' has already been defined."},
		{"broken YAML", "---\ntitle: x\n  note: y\n---\n", "a.md:3:1: front matter: mapping values are not allowed in this context"},
		{"YAML tab", "---\ntitle: x\n\tnote: y\n---\n", "a.md:3:1: front matter: found a tab character that violates indentation"},
		{"YAML key twice", "---\ntitle: x\nnote: y\ntitle: Қ\n---\n", "a.md:4:1: front matter: \"title\" is set twice: keep one"},
		{"YAML list", "---\n- a\n- b\n---\n", "a.md:2:1: front matter: the YAML is not a set of fields"},
		{"YAML text", "---\nJust text.\n---\n", "a.md:2:1: front matter: the YAML is not a set of fields"},
		{"YAML key a table", "---\n? {a: b}\n: c\n---\n", "a.md:2:3: front matter: a key must be a name"},
		{"YAML unknown alias", "---\ntitle: *t\n---\n", "a.md:2:1: front matter: unknown anchor 't' referenced"},
		{"JSON syntax", "{\n  \"title\": \"x\",\n  \"note\" 1\n}\n", "a.md:3:10: front matter: invalid character '1' after object key"},
		{"JSON key twice", "{\"title\": \"x\",\n \"title\": \"y\"}\n", "a.md:2:2: front matter: \"title\" is set twice: keep one"},
		{"JSON not an object", "{}\n", ""},
		{"text after JSON", "{\"title\": \"x\"} and more\n", "a.md:1:15: front matter: text after the JSON object's closing }"},
		{"JSON object ends early", "{\"a\": [1, \n}\n", "a.md:2:1: front matter: invalid character '}' looking for beginning of value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("a.md", []byte(tt.src))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e, ok := err.(*Error)
			if !ok || !strings.HasPrefix(e.Error(), tt.want) {
				t.Errorf("error %v\nwant %s…", err, tt.want)
			}
		})
	}
}

// TestConcurrentUse: build writes the editions of every locale at once,
// each reading the article's Doc; reading it changes nothing (run with
// -race).
func TestConcurrentUse(t *testing.T) {
	d, err := Parse("a.md", []byte("---\ntitle: T\nlang: en\ntags: [a, b]\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.String("lang")
			d.Strings("tags")
			d.Fields()
			d.Field("title")
			if _, err := d.Rewrite(map[string]any{"title": fmt.Sprint(i)}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}
