package sitecode

import (
	"bytes"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	src := "Intro {{< ref \"x.md\" >}} and {{% note %}}inner{{% /note %}}.\n\n" +
		"{{< figure src=\"market.jpg\" caption=\"The flea \\\"market\\\"\" alt=`Stalls` >}}\n\n" +
		"{% include fact.html title=\"x\" %} {{ site.baseurl }} {# a comment #} {{</* ref \"y\" */>}}\n" +
		"A lead paragraph.\n{: .lead}\n\n" +
		"`{{< not this >}}` and\n\n```\n{{ nor this }}\n```\n\n{%- if x -%}{% endif %} {{raw \"site\"}} {} {: } {{ }}\n"
	var got []string
	for _, c := range Find([]byte(src)) {
		s := src[c.Start:c.End]
		if c.Name != "" {
			s += " name=" + c.Name
		}
		if c.Closing {
			s += " closing"
		}
		for _, p := range c.Params {
			s += " " + p.Key + "=" + p.Value + "@" + src[p.Start:p.End]
		}
		got = append(got, s)
	}
	want := []string{
		`{{< ref "x.md" >}} name=ref`,
		`{{% note %}} name=note`,
		`{{% /note %}} name=note closing`,
		"{{< figure src=\"market.jpg\" caption=\"The flea \\\"market\\\"\" alt=`Stalls` >}} name=figure src=market.jpg@market.jpg caption=The flea \"market\"@The flea \\\"market\\\" alt=Stalls@Stalls",
		`{% include fact.html title="x" %} name=include title=x@x`,
		`{{ site.baseurl }}`,
		`{# a comment #}`,
		`{{</* ref "y" */>}}`,
		`{: .lead}`,
		`{%- if x -%} name=if`,
		`{% endif %} name=endif closing`,
		`{{raw "site"}}`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Find:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCodesHideMarkdown: what a code holds is masked, and Markdown never
// reads it: a backtick or a fence in a code opens no code span or fenced
// block that would hide the codes after it.
func TestCodesHideMarkdown(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"{% include x.html caption=\"a `b\" %} and {{ y }} `c` `{{ z }}`", "{% include x.html caption=\"a `b\" %}|{{ y }}"},
		{"{{< x\n```\n>}}\n{{ y }}\n```\n", "{{< x\n```\n>}}|{{ y }}"},
		{"{{ a }}```\n{{ b }}\n```\n{{ c }}\n```\n", "{{ a }}|{{ b }}"},
	} {
		var got []string
		for _, c := range Find([]byte(tt.src)) {
			got = append(got, tt.src[c.Start:c.End])
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("Find(%q) = %q, want %q", tt.src, strings.Join(got, "|"), tt.want)
		}
	}
}

// TestMask: the masked text has the source's length and line breaks, no
// brace of a code, and Unmask gives every code back from it.
func TestMask(t *testing.T) {
	src := []byte("[a link]({{< ref \"x.md\" >}}) and {{< multi\n  line >}} end\nTz0z is a word.\n")
	m := Mask(src, Find(src))
	if len(m.Text) != len(src) || bytes.Count(m.Text, []byte("\n")) != bytes.Count(src, []byte("\n")) {
		t.Fatalf("masked text %q: length or lines differ from %q", m.Text, src)
	}
	if bytes.ContainsAny(m.Text, "{}") {
		t.Errorf("masked text %q still holds braces", m.Text)
	}
	if got := m.Unmask(string(m.Text)); got != string(src) {
		t.Errorf("Unmask(masked) = %q, want %q", got, src)
	}
	if got := m.Unmask("Tz0z plain"); got != "Tz0z plain" && !strings.Contains(string(src), "Tz") {
		t.Errorf("a text that only looks like a token changed: %q", got)
	}
}

func TestQuote(t *testing.T) {
	p := Param{Quoting: Quoting{Mark: '"', Escaping: Hugo, Close: ">}}"}}
	if got := p.Quote(`«Барахолка» "Алтын" \ 1`); got != `«Барахолка» \"Алтын\" \\ 1` {
		t.Errorf("Quote = %q", got)
	}
	raw := Param{Quoting: Quoting{Mark: '`', Escaping: Raw, Close: ">}}"}}
	if got := raw.Quote("a `b`"); got != "a ’b’" {
		t.Errorf("raw Quote = %q", got)
	}
}

// FuzzFind: codes are in order, inside the source, each a {…}, its
// parameters inside it and a paired code's body too; the masked text has
// the source's length and its line breaks (but those of a paired code's
// body), and Unmask gives the source back; where no paired code is read,
// the codes are those a search from each { finds (findWindowed).
func FuzzFind(f *testing.F) {
	f.Add([]byte("a {{< x y=\"z\" >}} b {% if %} {{ c }} {: .d}\n```\n{{ e }}\n```\n`{{f}}`"))
	f.Add([]byte("{% include x.html caption=\"Қала\" alt='a\\'' %}\n{{ youtube(id=\"x\", caption=`c`) }}\n{% image \"a\", \"b\" %}"))
	f.Add([]byte("{% highlight ruby %}\nx\n\n{% endhighlight %}\n{% raw %}\n{{ y }}\n{% endraw %}{{< code-toggle >}}\na\n{{< /code-toggle >}}"))
	f.Fuzz(func(t *testing.T, src []byte) {
		codes := Find(src)
		last := 0
		lines := 0
		paired := false
		for _, c := range codes {
			if c.Start < last || c.End <= c.Start || c.End > len(src) || src[c.Start] != '{' || src[c.End-1] != '}' {
				t.Fatalf("code %+v out of order or not a {…} of %q", c, src)
			}
			for _, p := range c.Params {
				if p.Start < c.Start || p.End > c.End || p.Start > p.End {
					t.Fatalf("param %+v outside its code %+v", p, c)
				}
			}
			if c.BodyEnd > 0 {
				paired = true
				if c.BodyStart <= c.Start || c.BodyEnd < c.BodyStart || c.BodyEnd >= c.End {
					t.Fatalf("body of %+v outside it", c)
				}
				lines += bytes.Count(src[c.Start:c.End], []byte("\n"))
			}
			last = c.End
		}
		if !paired {
			old := findWindowed(src)
			if len(old) != len(codes) {
				t.Fatalf("%d codes, %d searched from each {", len(codes), len(old))
			}
			for i, c := range codes {
				if o := old[i]; c.Start != o.Start || c.End != o.End || c.Kind != o.Kind {
					t.Fatalf("code %d: %+v, searched from its {: %+v", i, c, o)
				}
			}
		}
		m := Mask(src, codes)
		if len(m.Text) != len(src) || bytes.Count(m.Text, []byte("\n"))+lines != bytes.Count(src, []byte("\n")) {
			t.Fatalf("masked text differs in length or lines")
		}
		if got := m.Unmask(string(m.Text)); got != string(src) {
			t.Fatalf("Unmask(masked) = %q, want %q", got, src)
		}
	})
}

// TestManyCodes: tokens stay apart however many codes there are.
func TestManyCodes(t *testing.T) {
	src := []byte(strings.Repeat("{{ x }} {{< y >}}\n", 200))
	codes := Find(src)
	if len(codes) != 400 {
		t.Fatalf("%d codes, want 400", len(codes))
	}
	m := Mask(src, codes)
	if got := m.Unmask(string(m.Text)); got != string(src) {
		t.Errorf("Unmask(masked) differs from the source")
	}
}
