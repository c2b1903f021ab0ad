package markup

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"text/template"
)

func text(s string) Node { return Node{Kind: Text, Text: s} }

func TestEncodeDecodeRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		nodes []Node
		want  string
	}{
		{"plain", []Node{text("Dmitri smiled.")}, "Dmitri smiled."},
		{"emphasis", []Node{text("my own "), {Kind: Emph, Children: []Node{text("kvartira")}}}, "my own <em>kvartira</em>"},
		{"strong in link", []Node{{Kind: Link, Href: "https://example.org/a?b=1&c=2", Children: []Node{text("see "), {Kind: Strong, Children: []Node{text("this")}}}}}, "<a1>see <strong>this</strong></a1>"},
		{"code and break", []Node{text("run "), {Kind: Code, Text: "make <all>"}, {Kind: Break}, text("then wait")}, "run <code1/><br/>then wait"},
		{"raw html", []Node{{Kind: HTML, Text: "<abbr>"}, text("USSR"), {Kind: HTML, Text: "</abbr>"}}, "<html1/>USSR<html2/>"},
		{"escapes", []Node{text("a < b & &lt; {{.X}} Қазақстан")}, `a &lt; b & &amp;lt; {{"{{"}}.X}} Қазақстан`},
		{"two links", []Node{{Kind: Link, Href: "/1", Children: []Node{text("one")}}, text(" and "), {Kind: Link, Href: "/2", Children: []Node{text("two")}}}, "<a1>one</a1> and <a2>two</a2>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg, tags := Encode(tt.nodes)
			if msg != tt.want {
				t.Fatalf("Encode = %q, want %q", msg, tt.want)
			}
			if tt.name == "escapes" {
				return // "{{" is unescaped by the template engine, not by Decode
			}
			got, err := Decode(msg, tags)
			if err != nil {
				t.Fatalf("Decode(%q): %v", msg, err)
			}
			if !reflect.DeepEqual(got, tt.nodes) {
				t.Errorf("Decode(%q) = %#v, want %#v", msg, got, tt.nodes)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tags := Tags{"a1": {Kind: Link, Href: "/x"}, "code1": {Kind: Code, Text: "x"}}
	tests := []struct {
		msg string
		col int
	}{
		{"<em>не закрыт", 1},
		{"текст</em>", 6},
		{"<em><strong>x</em></strong>", 14},
		{"<b>жирный</b>", 1},
		{"<a2>ссылка</a2>", 1},
		{"<a1/>", 1},
		{"<code1>x</code1>", 1},
		{"a <3", 3},
		{"<br>", 1},
		{"<em/>", 1},
	}
	for _, tt := range tests {
		t.Run(tt.msg, func(t *testing.T) {
			_, err := Decode(tt.msg, tags)
			var me *Error
			if !errors.As(err, &me) {
				t.Fatalf("Decode(%q) error = %v, want *Error", tt.msg, err)
			}
			if me.Col != tt.col {
				t.Errorf("Decode(%q) column = %d, want %d (%v)", tt.msg, me.Col, tt.col, err)
			}
		})
	}
}

func TestDecodeAllowsMovedTags(t *testing.T) {
	tags := Tags{"a1": {Kind: Link, Href: "/x"}}
	got, err := Decode("<em>Қазақ</em> жері туралы <a1>мақала</a1>", tags)
	if err != nil {
		t.Fatal(err)
	}
	if PlainText(got) != "Қазақ жері туралы мақала" || got[2].Href != "/x" {
		t.Errorf("got %#v", got)
	}
}

func TestTagNames(t *testing.T) {
	got := TagNames("<em>x</em> <a1>y <code1/></a1> 1 < 2 <br/>")
	want := []string{"em", "/em", "a1", "code1/", "/a1", "br/"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TagNames = %v, want %v", got, want)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{"<em>пәтер</em>", "<a1>Алматы</a1>", "x &lt; y", "<br/>қ", "</em>", "<code1/>"} {
		f.Add(s)
	}
	tags := Tags{"a1": {Kind: Link, Href: "/x"}, "code1": {Kind: Code, Text: "c"}}
	f.Fuzz(func(t *testing.T, msg string) {
		nodes, err := Decode(msg, tags)
		if err != nil {
			return
		}
		// Whatever decodes must encode to a message that, once the template
		// layer has run it (as go-i18n does), decodes to the same text.
		again, tags2 := Encode(nodes)
		tmpl, err := template.New("").Parse(again)
		if err != nil {
			t.Fatalf("Encode wrote a message that is not a template: %q: %v", again, err)
		}
		var run strings.Builder
		if err := tmpl.Execute(&run, nil); err != nil {
			t.Fatalf("executing %q: %v", again, err)
		}
		nodes2, err := Decode(run.String(), tags2)
		if err != nil {
			t.Fatalf("re-decode of %q (from %q): %v", again, msg, err)
		}
		if PlainText(nodes) != PlainText(nodes2) {
			t.Fatalf("plain text changed: %q vs %q", PlainText(nodes), PlainText(nodes2))
		}
	})
}

// TestEach: Each names every data-carrying tag as Encode does, in the
// order of the message, each node whole (a link with its words).
func TestEach(t *testing.T) {
	nodes := []Node{
		{Kind: Link, Href: "/a", Title: "A", Children: []Node{text("see "), {Kind: Image, Href: "i.png", Title: "I", Children: []Node{text("map")}}}},
		{Kind: HTML, Text: `<abbr title="x">`}, {Kind: Code, Text: "c"}, text(" and "),
		{Kind: Link, Href: "/b", Children: []Node{text("b")}}, {Kind: Footnote, Href: "n", Text: "1"}, {Kind: Template, Text: "{{< x >}}"},
	}
	msg, tags := Encode(nodes)
	var got []string
	Each(nodes, func(name string, n Node) {
		got = append(got, name+":"+PlainText(n.Children)+n.Title)
		if n.Kind != tags[name].Kind || n.Href != tags[name].Href || n.Title != tags[name].Title {
			t.Errorf("Each's %s is %+v, Encode's %+v", name, n, tags[name])
		}
	})
	if want := "a1:see mapA img1:mapI html1: code1: a2:b fn1: tpl1:"; strings.Join(got, " ") != want {
		t.Errorf("Each: %s, want %s (the message: %s)", strings.Join(got, " "), want, msg)
	}
}
