package htmltext

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tilmash/tilmash/translate/markup"
)

func TestFind(t *testing.T) {
	tests := []struct {
		name, src string
		runs      []string // each run's message, then its text in the source
		attrs     []string // each attribute: name=value@source
	}{
		{"a fact box",
			"<aside class=\"fact\">\n  <h3>Bread in <b>Almaty</b></h3>\n  <p>A loaf costs\n  150 tenge.</p>\n</aside>",
			[]string{"Bread in <html1/>Almaty<html2/>|Bread in <b>Almaty</b>", "A loaf costs 150 tenge.|A loaf costs\n  150 tenge."},
			nil},
		{"a figure with its image's description",
			`<figure><img src="m.jpg" alt="Stalls &amp; carts"><figcaption>The market.</figcaption></figure>`,
			[]string{"The market.|The market."},
			[]string{"alt=Stalls & carts@Stalls &amp; carts"}},
		{"code and scripts are not words",
			"<div>Run <code>tilmash build</code> now.<script>alert(1)</script></div>",
			[]string{"Run <html1/> now.<html2/>|Run <code>tilmash build</code> now.<script>alert(1)</script>"},
			nil},
		{"details and summary",
			"<details><summary>More</summary>\nHidden words.\n</details>",
			[]string{"More|More", "Hidden words.|Hidden words."},
			nil},
		{"an embed without words, its title heard",
			`<iframe src="https://video.example/1" title='A video' allowfullscreen></iframe>`,
			nil,
			[]string{"title=A video@A video"}},
		{"a processing instruction ends at ?>, not at its first >",
			"<?php\n\n  echo '>';\n\n?>\nokay",
			[]string{"okay|okay"},
			nil},
		{"CDATA ends at ]]>",
			"<![CDATA[\nif (a > b) { x }\n]]>\nokay",
			[]string{"okay|okay"},
			nil},
		{"an unclosed processing instruction runs to the end",
			"<?xml x='>' words",
			nil, nil},
		{"words after a comment on its line",
			"<!-- foo -->*bar*\n*baz*",
			[]string{"*bar* *baz*|*bar*\n*baz*"},
			nil},
		{"a link's tags alone on their lines stay where they are",
			"<a href=\"/x\">\nThe map\n</a>",
			[]string{"The map|The map"},
			nil},
		{"a comment is nobody's",
			"<!-- more -->",
			nil, nil},
		{"a link's title is its run's tag's (Attrs reads it)",
			`<p>See <a href="/x" title="The map">the map</a>.</p>`,
			[]string{`See <html1/>the map<html2/>.|See <a href="/x" title="The map">the map</a>.`},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs, attrs := Find(tt.src)
			var got []string
			for _, r := range runs {
				msg, _ := markup.Encode(r.Nodes)
				got = append(got, msg+"|"+tt.src[r.Start:r.End])
			}
			if strings.Join(got, "\n") != strings.Join(tt.runs, "\n") {
				t.Errorf("runs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.runs, "\n"))
			}
			got = nil
			for _, a := range attrs {
				got = append(got, a.Name+"="+a.Value+"@"+tt.src[a.Start:a.End])
			}
			if strings.Join(got, "\n") != strings.Join(tt.attrs, "\n") {
				t.Errorf("attributes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.attrs, "\n"))
			}
		})
	}
}

// TestAttrs: the readable attributes of one inline tag, with a value,
// their places in the tag.
func TestAttrs(t *testing.T) {
	tests := []struct{ tag, want string }{
		{`<abbr title="Almaty Bazaar Administration">`, `title=Almaty Bazaar Administration@13:41"`},
		{`<span class=x aria-label='tenge' title=t&amp;t>`, `aria-label=tenge@26:31' title=t&t@39:46`},
		{`<IMG ALT="Монета" src=c.png/>`, `alt=Монета@10:22"`},
		{"<img\nalt=\"a\ncoin\">", "alt=a\ncoin@10:16\""},
		{`<span title="  ">`, ``},
		{`</abbr>`, ``},
		{`<!-- title="x" -->`, ``},
		{`<b>`, ``},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range Attrs(tt.tag) {
			s := fmt.Sprintf("%s=%s@%d:%d", a.Name, a.Value, a.Start, a.End)
			if a.Quote != 0 {
				s += string(a.Quote)
			}
			got = append(got, s)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("Attrs(%q) = %q, want %q", tt.tag, strings.Join(got, " "), tt.want)
		}
	}
}

func TestWrite(t *testing.T) {
	if got := Text([]markup.Node{{Kind: markup.Text, Text: "Хлеб & «соль» <"}, {Kind: markup.HTML, Text: "<b>"}}); got != "Хлеб &amp; «соль» &lt;<b>" {
		t.Errorf("Text = %q", got)
	}
	tests := []struct {
		quote      byte
		text, want string
	}{
		{'"', `Прилавки "рынка"`, "Прилавки &#34;рынка&#34;"},
		{0, "Прилавки рынка", "Прилавки&#32;рынка"},
		{'\'', "a'b\"c <d> & e", "a&#39;b&#34;c &lt;d&gt; &amp; e"},
		{'"', "one\n\ntwo\r", "one&#10;&#10;two&#13;"},
		{'"', "{{< sc >}} {%x%} {#c#} {: .x} {a}", "&#123;{&lt; sc &gt;}} &#123;%x%} &#123;#c#} &#123;: .x} {a}"},
		{0, "a=b `c`\td", "a&#61;b&#32;&#96;c&#96;&#9;d"},
	}
	for _, tt := range tests {
		if got := (Attr{Quote: tt.quote}).Write(tt.text); got != tt.want {
			t.Errorf("Write(%q) in %q = %q, want %q", tt.text, tt.quote, got, tt.want)
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add("<aside><p>A <b>b</b> c</p><img alt='x'></aside>")
	f.Fuzz(func(t *testing.T, src string) {
		runs, attrs := Find(src)
		last := 0
		for _, r := range runs {
			if r.Start < last || r.End < r.Start || r.End > len(src) {
				t.Fatalf("run [%d,%d) out of order in %q", r.Start, r.End, src)
			}
			last = r.End
		}
		for _, a := range attrs {
			if a.Start > a.End || a.End > len(src) {
				t.Fatalf("attribute [%d,%d) outside %q", a.Start, a.End, src)
			}
		}
		for _, a := range Attrs(src) {
			if a.Start > a.End || a.End > len(src) {
				t.Fatalf("Attrs: [%d,%d) outside %q", a.Start, a.End, src)
			}
		}
	})
}
