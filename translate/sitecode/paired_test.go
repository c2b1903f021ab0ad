package sitecode

import (
	"bytes"
	"strings"
	"testing"
)

// TestPaired: a paired code whose body is not Markdown is one code, from
// its opening tag to the end of its closing one, and no code is read in
// its body.
func TestPaired(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // each code: its text | its body | name kind lang
	}{
		{"liquid highlight", "{% highlight ruby linenos %}\nrent = 1\n\n{{ x }}\n{% endhighlight %}\nText.",
			[]string{"{% highlight ruby linenos %}\nrent = 1\n\n{{ x }}\n{% endhighlight %}|\nrent = 1\n\n{{ x }}\n|highlight tag ruby"}},
		{"eleventy highlight with raw", "{%- highlight \"diff-md\" -%}\n{% raw %}\n-a\n{% endraw %}\n{%- endhighlight -%}",
			[]string{"{%- highlight \"diff-md\" -%}\n{% raw %}\n-a\n{% endraw %}\n{%- endhighlight -%}|\n{% raw %}\n-a\n{% endraw %}\n|highlight tag diff-md"}},
		{"comment", "{% comment %}\nCheck {{ this }}.\n\nAgain.\n{% endcomment %}",
			[]string{"{% comment %}\nCheck {{ this }}.\n\nAgain.\n{% endcomment %}|\nCheck {{ this }}.\n\nAgain.\n|comment comment "}},
		{"raw over lines", "{% raw %}\nWrite {{ page.title }}.\n{% endraw %}",
			[]string{"{% raw %}\nWrite {{ page.title }}.\n{% endraw %}|\nWrite {{ page.title }}.\n|raw tag "}},
		{"nunjucks verbatim", "{% verbatim %}\n{{ x }}\n{% endverbatim %}",
			[]string{"{% verbatim %}\n{{ x }}\n{% endverbatim %}|\n{{ x }}\n|verbatim tag "}},
		{"raw in a sentence", "Any {% raw %}`{% if x %}`{% endraw %} tags.",
			[]string{"{% raw %}||raw tag ", "{% endraw %}||endraw tag "}},
		{"a fence in a raw does not hide its end", "{% raw %}\n```liquid\n{% if %}\n```\n{% endraw %}",
			[]string{"{% raw %}\n```liquid\n{% if %}\n```\n{% endraw %}|\n```liquid\n{% if %}\n```\n|raw tag "}},
		{"hugo highlight", "{{< highlight go \"linenos=table\" >}}\nfunc main() {}\n\n// {{< x >}}\n{{< /highlight >}}",
			[]string{"{{< highlight go \"linenos=table\" >}}\nfunc main() {}\n\n// {{< x >}}\n{{< /highlight >}}|\nfunc main() {}\n\n// {{< x >}}\n|highlight shortcode go"}},
		{"hugo code-toggle", "{{< code-toggle file=hugo >}}\n[params]\n  title = 'x'\n{{</ code-toggle >}}",
			[]string{"{{< code-toggle file=hugo >}}\n[params]\n  title = 'x'\n{{</ code-toggle >}}|\n[params]\n  title = 'x'\n|code-toggle shortcode "}},
		{"hugo's % form", "{{% highlight sh %}}\nls\n{{% /highlight %}}",
			[]string{"{{% highlight sh %}}\nls\n{{% /highlight %}}|\nls\n|highlight shortcode sh"}},
		{"a word is no closing tag", "{% highlight %}\nendhighlight highlight\n{% endhighlighter %}\n{% endhighlight %}",
			[]string{"{% highlight %}\nendhighlight highlight\n{% endhighlighter %}\n{% endhighlight %}|\nendhighlight highlight\n{% endhighlighter %}\n|highlight tag "}},
		{"unclosed", "{% highlight ruby %}\nx\n\n{{ y }}",
			[]string{"{% highlight ruby %}||highlight tag ", "{{ y }}|| "}},
		{"a closing tag before it closes nothing", "{% endraw %}\n{% raw %}\nx",
			[]string{"{% endraw %}||endraw tag ", "{% raw %}||raw tag "}},
		{"two in a row", "{% raw %}\na\n{% endraw %}{% raw %}\nb\n{% endraw %}",
			[]string{"{% raw %}\na\n{% endraw %}|\na\n|raw tag ", "{% raw %}\nb\n{% endraw %}|\nb\n|raw tag "}},
		{"in a fence, no code", "```\n{% raw %}\nx\n{% endraw %}\n```", nil},
	}
	kinds := map[Kind]string{Shortcode: "shortcode", Tag: "tag", Output: "", Comment: "comment"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range Find([]byte(tt.src)) {
				body := ""
				if c.BodyEnd > 0 {
					body = tt.src[c.BodyStart:c.BodyEnd]
				}
				got = append(got, tt.src[c.Start:c.End]+"|"+body+"|"+strings.TrimSpace(c.Name+" "+kinds[c.Kind])+" "+c.Lang)
			}
			if strings.Join(got, "\n~\n") != strings.Join(tt.want, "\n~\n") {
				t.Errorf("Find(%q):\n%s\nwant:\n%s", tt.src, strings.Join(got, "\n~\n"), strings.Join(tt.want, "\n~\n"))
			}
		})
	}
}

// TestMaskPaired: a paired code is masked as one word on one line, so that
// Markdown reads no blank line or fence in it; Unmask gives it back.
func TestMaskPaired(t *testing.T) {
	src := []byte("Intro.\n\n{% highlight ruby %}\nx\n\n```\n{% endhighlight %}\nOutro {{ y }}\nend\n")
	m := Mask(src, Find(src))
	paired := len("{% highlight ruby %}\nx\n\n```\n{% endhighlight %}")
	want := "Intro.\n\nTz0" + strings.Repeat("z", paired-3) + "\nOutro Tz1zzzz\nend\n"
	if string(m.Text) != want {
		t.Errorf("masked:\n%q\nwant:\n%q", m.Text, want)
	}
	if len(m.Text) != len(src) || bytes.ContainsAny(m.Text, "{}`") {
		t.Errorf("masked text %q: not the source's length, or braces or backticks left", m.Text)
	}
	if got := m.Unmask(string(m.Text)); got != string(src) {
		t.Errorf("Unmask(masked) = %q, want %q", got, src)
	}
}
