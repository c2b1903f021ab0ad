package sitecode

import (
	"fmt"
	"strings"
	"testing"
)

// describe writes the codes of src one a line: the code, its name, and each
// parameter as key=value@what the source holds [quoting].
func describe(src string) string {
	var out []string
	for _, c := range Find([]byte(src)) {
		s := src[c.Start:c.End]
		if c.Name != "" {
			s += " name=" + c.Name
		}
		if c.Closing {
			s += " closing"
		}
		for _, p := range c.Params {
			mark := p.Quoting.Mark
			if mark == 0 {
				mark = '0'
			}
			s += fmt.Sprintf(" %s=%s@%s[%c]", p.Key, p.Value, src[p.Start:p.End], mark)
		}
		out = append(out, s)
	}
	return strings.Join(out, "\n")
}

// TestParams: the parameters of Liquid's and Nunjucks' tags and of Zola's
// shortcodes, as their site generators read them; hostile input reads as
// little as it must and never past its code.
func TestParams(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"jekyll include", `{% include figure.html image="/a.jpg" caption="A street" alt='Houses' %}`,
			`{% include figure.html image="/a.jpg" caption="A street" alt='Houses' %} name=include image=/a.jpg@/a.jpg["] caption=A street@A street["] alt=Houses@Houses[']`},
		{"jekyll's escaped quote", `{% include x.html caption="He said \"hi\"" %}`,
			`{% include x.html caption="He said \"hi\"" %} name=include caption=He said "hi"@He said \"hi\"["]`},
		{"a backslash pair is kept", `{% include x.html caption="a\\" alt="b" %}`,
			`{% include x.html caption="a\\" alt="b" %} name=include caption=a\\@a\\["] alt=b@b["]`},
		{"blanks around =", "{%- include x.html caption = \"A\"\n  alt=\t'B' -%}",
			"{%- include x.html caption = \"A\"\n  alt=\t'B' -%} name=include caption=A@A[\"] alt=B@B[']"},
		{"an unquoted value is a variable", `{% include x.html caption=page.caption title="T" %}`,
			`{% include x.html caption=page.caption title="T" %} name=include title=T@T["]`},
		{"assign names a variable", `{% assign title = "Hello" %}`, `{% assign title = "Hello" %} name=assign`},
		{"set names a variable", `{%- set title = "Hello" -%}`, `{%- set title = "Hello" -%} name=set`},
		{"a comparison", `{% if title == "x" %}`, `{% if title == "x" %} name=if`},
		{"== is no parameter", `{% card title=="x" text="y" %}`, `{% card title=="x" text="y" %} name=card text=y@y["]`},
		{"a filter's argument", `{% include x.html caption=page.t | default: "x" %}`, `{% include x.html caption=page.t | default: "x" %} name=include`},
		{"liquidjs's key: value is not read", `{% render 'card', title: 'x' %}`, `{% render 'card', title: 'x' %} name=render`},
		{"nunjucks keyword arguments", `{% image src="a.jpg", alt="A bus" %}`,
			`{% image src="a.jpg", alt="A bus" %} name=image src=a.jpg@a.jpg["] alt=A bus@A bus["]`},
		{"eleventy image's alt", `{% image "./bus.jpg", "A night bus, in snow" %}`,
			`{% image "./bus.jpg", "A night bus, in snow" %} name=image alt=A night bus, in snow@A night bus, in snow["]`},
		{"eleventy image without alt", `{% image "./bus.jpg" %}`, `{% image "./bus.jpg" %} name=image`},
		{"another tag's strings are not alt", `{% callout "info", "Note" %}`, `{% callout "info", "Note" %} name=callout`},
		{"zola shortcode", `{{ youtube(id="w7F", caption="The first run") }}`,
			`{{ youtube(id="w7F", caption="The first run") }} name=youtube id=w7F@w7F["] caption=The first run@The first run["]`},
		{"zola's three quotes", "{{ card(title='A', text=`B`, label=\"C\") }}",
			"{{ card(title='A', text=`B`, label=\"C\") }} name=card title=A@A['] text=B@B[`] label=C@C[\"]"},
		{"zola's values that are no strings", `{{ x(n=3, ok=true, list=[1, 2], caption="C") }}`,
			`{{ x(n=3, ok=true, list=[1, 2], caption="C") }} name=x caption=C@C["]`},
		{"tera reads no escapes", `{{ x(caption="a\", alt="b") }}`,
			`{{ x(caption="a\", alt="b") }} name=x caption=a\@a\["] alt=b@b["]`},
		{"zola's shortcode with a body", "{% note(title=\"Tickets\") %}\nText.\n{% end %}",
			"{% note(title=\"Tickets\") %} name=note title=Tickets@Tickets[\"]\n{% end %} name=end closing"},
		{"an output is no call", `{{ page.title }} {{ "x" | t }} {{ codeBlock | highlight("md") }}`,
			"{{ page.title }}\n{{ \"x\" | t }}\n{{ codeBlock | highlight(\"md\") }}"},
		{"a trimmed name", `{%-raw-%}`, `{%-raw-%} name=raw`},
		{"hugo bare value", `{{< figure src=a.jpg caption=Market >}}`,
			`{{< figure src=a.jpg caption=Market >}} name=figure src=a.jpg@a.jpg[0] caption=Market@Market[0]`},
		{"hugo's key= without a value", `{{< x caption= title="T" >}}`, `{{< x caption= title="T" >}} name=x title=T@T["]`},
		{"a line break in hugo's string, which Hugo refuses", "{{< x title=\"T\" caption=\"a\nb\" alt=\"c\" >}}",
			"{{< x title=\"T\" caption=\"a\nb\" alt=\"c\" >}} name=x title=T@T[\"]"},
		{"an unclosed positional string in hugo's", `{{< x "a caption=b >}}`, `{{< x "a caption=b >}} name=x`},

		// Hostile input.
		{"an unclosed quote ends the reading", `{% include x.html caption="Open alt="B" %}`,
			`{% include x.html caption="Open alt="B" %} name=include caption=Open alt=@Open alt=["]`},
		{"a quote never closed", `{% include x.html title="T" caption="Open %}`,
			`{% include x.html title="T" caption="Open %} name=include title=T@T["]`},
		{"%} in a string ends the tag, as in Liquid", `{% include x.html caption="50 %} off" %}`,
			`{% include x.html caption="50 %} name=include`},
		{"}} in a string ends the output", `{{ x(caption="a }} b") }}`, `{{ x(caption="a }} name=x`},
		{"an unclosed call", `{{ x(caption="A" }}`, `{{ x(caption="A" }} name=x caption=A@A["]`},
		{"a quote in a call never closed", "{{ x(caption='A) }}", "{{ x(caption='A) }} name=x"},
		{"a key without a value", `{% include x.html caption= %}`, `{% include x.html caption= %} name=include`},
		{"only punctuation", `{% = = "" ' %}`, `{% = = "" ' %}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(tt.src); got != tt.want {
				t.Errorf("Find(%q):\n%s\nwant:\n%s", tt.src, got, tt.want)
			}
		})
	}
}

// TestLongTag: a tag of thousands of parameters is read whole, each
// parameter at its place.
func TestLongTag(t *testing.T) {
	var b strings.Builder
	b.WriteString("{% include x.html")
	for i := range 2000 {
		fmt.Fprintf(&b, " caption=\"Caption %d\" n=%d", i, i)
	}
	b.WriteString(" %}")
	src := b.String()
	codes := Find([]byte(src))
	if len(codes) != 1 || len(codes[0].Params) != 2000 {
		t.Fatalf("%d codes, want one of 2000 parameters", len(codes))
	}
	for i, p := range codes[0].Params {
		if want := fmt.Sprintf("Caption %d", i); p.Value != want || src[p.Start:p.End] != want {
			t.Fatalf("parameter %d = %q at %q, want %q", i, p.Value, src[p.Start:p.End], want)
		}
	}
	// Past 64 KiB, a tag is no tag: its { is text.
	long := "{% include x.html caption=\"" + strings.Repeat("a", maxCode) + "\" %}"
	if codes := Find([]byte(long)); len(codes) != 0 {
		t.Errorf("a tag of %d bytes read as a code", len(long))
	}
}

// TestWrite: a translation written as a parameter's value, in each
// quoting: read back, it is one value of one code, however hostile.
func TestWrite(t *testing.T) {
	var (
		hugo     = Quoting{Mark: '"', Escaping: Hugo, Close: ">}}"}
		hugoRaw  = Quoting{Mark: '`', Escaping: Raw, Close: ">}}"}
		bare     = Quoting{Escaping: Bare, Close: ">}}"}
		liquid   = Quoting{Mark: '"', Escaping: Liquid, Close: "%}"}
		liquid1  = Quoting{Mark: '\'', Escaping: Liquid, Close: "%}"}
		tera     = Quoting{Mark: '"', Escaping: Raw, Close: "}}"}
		tera1    = Quoting{Mark: '\'', Escaping: Raw, Close: "}}"}
		teraTick = Quoting{Mark: '`', Escaping: Raw, Close: "%}"}
	)
	tests := []struct {
		q          Quoting
		text, want string
	}{
		{hugo, `«Барахолка» "Алтын" \ 1`, `«Барахолка» \"Алтын\" \\ 1`},
		{hugo, "a >}} b %}}", "a >} } b %}}"},
		{hugo, "one\ntwo\r\n\nthree", "one two three"},
		{hugoRaw, "a `b`", "a ’b’"},
		{hugoRaw, "one\ntwo\n \n\nthree", "one\ntwo\nthree"},
		{bare, "Рынок", "Рынок"},
		{bare, "Два слова", `"Два слова"`},
		{bare, `a"b`, `"a\"b"`},
		{bare, "", `""`},
		{bare, "a>}}", `"a>} }"`},
		{liquid, `Он сказал "да"`, `Он сказал \"да\"`},
		{liquid, `C:\path\`, `C:\path＼`},
		{liquid, `a\\`, `a\\`},
		{liquid, `a\"b`, `a＼\"b`},
		{liquid, "Скидка 50 %} и {% endif %}", "Скидка 50 % } и {% endif % }"},
		{liquid, "a }} b", "a }} b"},
		{liquid, "a\n\nb", "a\nb"},
		{liquid1, `Ilya's "way"`, `Ilya\'s "way"`},
		{tera, `"Алтын" базары`, `“Алтын” базары`},
		{tera, `(«a» "b")`, `(«a» “b”)`},
		{tera, "a }} b }}}", "a } } b } } }"},
		{tera, `C:\path\`, `C:\path\`},
		{tera1, `Ilya's 'way'`, `Ilya’s ‘way’`},
		{teraTick, "50 %} `x`", "50 % } ’x’"},
	}
	for _, tt := range tests {
		if got := tt.q.Write(tt.text); got != tt.want {
			t.Errorf("%+v.Write(%q) = %q, want %q", tt.q, tt.text, got, tt.want)
		}
	}
}

// codesWith are codes of each syntax with a caption written in each of its
// quotings, and an alt after it that must survive.
func codesWith(text string) []string {
	w := func(mark byte, e Escaping, close string) string {
		return Quoting{Mark: mark, Escaping: e, Close: close}.Write(text)
	}
	return []string{
		`{% include x.html caption="` + w('"', Liquid, "%}") + `" alt="A" %}`,
		`{% include x.html caption='` + w('\'', Liquid, "%}") + `' alt="A" %}`,
		`{{ x(caption="` + w('"', Raw, "}}") + `", alt="A") }}`,
		`{% x(caption='` + w('\'', Raw, "%}") + `', alt="A") %}`,
		"{{ x(caption=`" + w('`', Raw, "}}") + "`, alt=\"A\") }}",
		`{{< x caption="` + w('"', Hugo, ">}}") + `" alt="A" >}}`,
		"{{% x caption=`" + w('`', Raw, "%}}") + "` alt=\"A\" %}}",
		`{{< x caption=` + w(0, Bare, ">}}") + ` alt="A" >}}`,
	}
}

// FuzzWrite: whatever a translation holds, the code it is written in is
// one code, whole, with the caption and the alt after it; the caption
// written again as it reads is written as it was.
func FuzzWrite(f *testing.F) {
	for _, s := range []string{"Рынок", `a "b" 'c' ` + "`d`", "%} }} >}} %}}", "a\\", "x\n\ny", "Қала \\\" \\' \\\\", "{{< x >}}", "{% raw %}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, src := range codesWith(text) {
			codes := Find([]byte(src))
			if len(codes) != 1 || codes[0].Start != 0 || codes[0].End != len(src) {
				t.Fatalf("%q: %d codes, want the one code whole", src, len(codes))
			}
			caption, ok := codes[0].Param("caption")
			if !ok {
				t.Fatalf("%q: no caption", src)
			}
			if alt, ok := codes[0].Param("alt"); !ok || alt.Value != "A" {
				t.Fatalf("%q: alt = %+v, want A", src, alt)
			}
			if again := caption.Quote(caption.Value); again != src[caption.Start:caption.End] {
				t.Fatalf("%q: the caption %q written again is %q", src, caption.Value, again)
			}
		}
	})
}

// FuzzParamsRoundTrip: every parameter of every code, written back as it
// reads (an untranslated value), reads the same, and the codes stay the
// codes they were.
func FuzzParamsRoundTrip(f *testing.F) {
	f.Add([]byte("{{< figure caption=\"The \\\"flea\\\" \\\\ market\" alt=`a\nb` title=word >}} {% include x.html caption=\"a\\\"b\\\\\" alt='c}}d' %}"))
	f.Add([]byte("{{ youtube(id=\"x\", caption='a%}b', alt=`c`) }} {% note(title=\"a}}b\") %} {% image \"a.jpg\", \"b\\\\c\" %}"))
	f.Fuzz(func(t *testing.T, src []byte) {
		codes := Find(src)
		var b []byte
		at := 0
		var want []string
		for _, c := range codes {
			for _, p := range c.Params {
				b = append(b, src[at:p.Start]...)
				b = append(b, p.Quote(p.Value)...)
				at = p.End
				want = append(want, p.Key+"="+p.Value)
			}
		}
		b = append(b, src[at:]...)
		again := Find(b)
		var got []string
		for _, c := range again {
			for _, p := range c.Params {
				got = append(got, p.Key+"="+p.Value)
			}
		}
		if len(again) != len(codes) || strings.Join(got, "\x00") != strings.Join(want, "\x00") {
			t.Fatalf("%q written back as\n%q:\n%d codes, parameters %q; want %d, %q", src, b, len(again), got, len(codes), want)
		}
	})
}

// TestWriteReadsBack: what Write writes reads back as the value a reader
// sees, for text without the characters Write must change.
func TestWriteReadsBack(t *testing.T) {
	text := "Қала — «базар», 100%!"
	for _, src := range codesWith(text) {
		c := Find([]byte(src))[0]
		if p, _ := c.Param("caption"); p.Value != text {
			t.Errorf("%q: caption reads %q, want %q", src, p.Value, text)
		}
	}
}

// TestHugoTrailingBackslash: a translation that ends with a backslash is
// written with ＼ there: Hugo takes a backslash before the closing quote
// for an escape, and the whole site failed to build ("unterminated quoted
// string in shortcode parameter-argument").
func TestHugoTrailingBackslash(t *testing.T) {
	q := Quoting{Mark: '"', Escaping: Hugo, Close: ">}}"}
	for text, want := range map[string]string{
		`Видео рынка \`: `Видео рынка ＼`,
		`a \\`:          `a ＼＼`,
		`a \ b`:         `a \\ b`,
		`"a" \`:         `\"a\" ＼`,
	} {
		if got := q.Write(text); got != want {
			t.Errorf("Write(%q) = %q, want %q", text, got, want)
		}
	}
}
