package segment

import (
	"fmt"
	"strings"
	"testing"
)

// TestTemplateParams: the readable parameters of Liquid's and Nunjucks'
// tags and of Zola's shortcodes are units, as Hugo's are: each with its
// ID (the same text, the same ID, whatever the syntax), a context that
// names its code, and a span over its value, inside its quotes.
func TestTemplateParams(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string // each unit: kind, text, context | the source at its span, its quoting
	}{
		{"jekyll include", `{% include figure.html image="/a.jpg" caption="A street" alt='Blue shutters' %}`, []string{
			`param "A street" The caption parameter of a {% include figure.html %} tag (a site generator's code; the rest of it stays as it is). | A street "`,
			`param "Blue shutters" The alt parameter of a {% include figure.html %} tag (a site generator's code; the rest of it stays as it is). | Blue shutters '`,
		}},
		{"nunjucks include of a quoted file", `{%- include "card.njk", title="Prices" -%}`, []string{
			`param "Prices" The title parameter of a {% include card.njk %} tag (a site generator's code; the rest of it stays as it is). | Prices "`,
		}},
		{"eleventy image", `{% image "./bus.jpg", "A night bus" %}`, []string{
			`param "A night bus" The alt parameter of a {% image %} tag (a site generator's code; the rest of it stays as it is). | A night bus "`,
		}},
		{"zola shortcode", "{{ youtube(id=\"w7F\", caption=`The first run`) }}", []string{
			"param \"The first run\" The caption parameter of a \"youtube\" shortcode (a site generator's code; the rest of it stays as it is). | The first run `",
		}},
		{"zola shortcode with a body", "{% note(title='Tickets') %}\nTickets cost 200 tenge.\n{% end %}", []string{
			`param "Tickets" The title parameter of a "note" shortcode (a site generator's code; the rest of it stays as it is). | Tickets '`,
			`paragraph "Tickets cost 200 tenge." Body text, before the first section heading. | Tickets cost 200 tenge. 0`,
		}},
		{"hugo, for comparison", `{{< figure src="a.jpg" caption="A street" >}}`, []string{
			`caption "A street" A photo caption. | A street "`,
		}},
		{"a variable, a number, an empty string: no units", `{% include x.html caption=page.caption title="" alt="  " n=3 %}`, nil},
		{"not a readable key", `{% include x.html image="A street" %}`, nil},
		{"an assignment: no unit", `{% assign title = "A street" %}`, nil},
		{"in a sentence: the code is a tag", `See {% include x.html title="A street" %} here.`, []string{
			`paragraph "See <tpl1/> here." Body text, before the first section heading. | See {% include x.html title="A street" %} here. 0`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustSplit(t, "content/x.md", "+++\ntitle = \"T\"\n+++\n\n"+tt.body+"\n")
			var got []string
			spans := map[int]Span{}
			var walk func([]Block)
			walk = func(bs []Block) {
				for _, b := range bs {
					if b.Unit >= 0 {
						spans[b.Unit] = b.Span
					}
					walk(b.Children)
				}
			}
			walk(a.Blocks)
			for i, u := range a.Units[1:] {
				sp := spans[i+1]
				q := byte('0')
				if !sp.Param.IsZero() {
					q = sp.Param.Mark
					if q == 0 {
						q = 'b'
					}
				}
				got = append(got, fmt.Sprintf("%s %q %s | %s %c", u.Kind, u.Text(), u.Context, a.Source[sp.Start:sp.End], q))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("units:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestTemplateParamIDs: a parameter's ID comes from its text, in the
// section it is in, as a Hugo shortcode's does.
func TestTemplateParamIDs(t *testing.T) {
	ids := func(body string) []string {
		a := mustSplit(t, "content/rents.md", "+++\ntitle = \"T\"\n+++\n\n## Old town\n\n"+body+"\n")
		var out []string
		for _, u := range a.Units[2:] {
			out = append(out, u.ID)
		}
		return out
	}
	hugo := ids(`{{< card title="A street" >}}`)
	if len(hugo) != 1 || !strings.HasPrefix(hugo[0], "rents.old-town.param-") {
		t.Fatalf("hugo's parameter: IDs %q", hugo)
	}
	for _, body := range []string{`{% include card.html title="A street" %}`, `{{ card(title='A street') }}`, `{% card(title="A street") %}`} {
		if got := ids(body); len(got) != 1 || got[0] != hugo[0] {
			t.Errorf("%s: IDs %q, want %q", body, got, hugo)
		}
	}
	// Two of the same text: the second's ID is the first's with -2.
	if got := ids(`{% include x.html caption="Same" alt="Same" %}`); len(got) != 2 || got[1] != got[0]+"-2" {
		t.Errorf("two parameters of the same text: IDs %q", got)
	}
}

// TestTemplateParamsSetting: the setting that names Hugo's readable
// parameters names Liquid's and Zola's.
func TestTemplateParamsSetting(t *testing.T) {
	src := []byte("+++\ntitle = \"T\"\n+++\n\n{% include x.html title=\"Prices\" note=\"Ask at the stall\" %}\n\n{{ y(note='Cash only', caption='Stalls') }}\n")
	a, err := SplitWith("content/x.md", src, Options{ShortcodeParams: []string{"note"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range a.Units[1:] {
		got = append(got, u.Text())
	}
	if strings.Join(got, "|") != "Ask at the stall|Cash only" {
		t.Errorf("set to note: %q", got)
	}
}

// TestPairedCode: what Liquid's highlight, raw (over lines) and comment
// and Hugo's highlight and code-toggle enclose is no unit: a highlight, a
// raw, a code-toggle is a code block of its body in every edition, a
// comment the site generator's code, left out of them.
func TestPairedCode(t *testing.T) {
	tests := []struct {
		name, body string
		want       string // the blocks: kind, info, literal
	}{
		{"liquid highlight", "{% highlight ruby %}\nrent = 150_000\n\nputs rent\n{% endhighlight %}",
			"code ruby \"rent = 150_000\\n\\nputs rent\\n\""},
		{"hugo highlight", "{{< highlight go \"linenos=table\" >}}\nfunc main() {}\n{{< /highlight >}}",
			"code go \"func main() {}\\n\""},
		{"hugo code-toggle", "{{< code-toggle file=hugo >}}\nbaseURL = 'https://example.org/'\n\n[params]\ntitle = 'My Site in English'\n{{< /code-toggle >}}",
			"code  \"baseURL = 'https://example.org/'\\n\\n[params]\\ntitle = 'My Site in English'\\n\""},
		{"raw", "{% raw %}\nWrite {{ page.title }} to show the title.\n{% endraw %}",
			"code  \"Write {{ page.title }} to show the title.\\n\""},
		{"raw around fenced code", "{% raw %}\n```liquid\n{% if x %}\n```\n{% endraw %}",
			"code liquid \"{% if x %}\\n\""},
		{"eleventy's highlight of liquid", "{% highlight \"diff-md\" %}\n{% raw %}\n-title: World\n+title: Moon\n{% endraw %}\n{% endhighlight %}",
			"code diff-md \"-title: World\\n+title: Moon\\n\""},
		{"in a quote", "> {% highlight sh %}\n> ls -l\n>\n> pwd\n> {% endhighlight %}",
			"quote  \"\"\n  code sh \"ls -l\\n\\npwd\\n\""},
		{"in a list item", "1. Run:\n\n   {% highlight sh %}\n   make\n\n   make test\n   {% endhighlight %}\n\n2. Done.",
			"list  \"\"\n  item  \"\"\n    paragraph  \"\"\n    code sh \"make\\n\\nmake test\\n\"\n  item  \"\"\n    paragraph  \"\""},
		{"comment", "{% comment %}\nCheck these figures.\n\nAgain.\n{% endcomment %}",
			"template  \"{% comment %}\\nCheck these figures.\\n\\nAgain.\\n{% endcomment %}\""},
		{"after a line of text", "Intro.\n{% comment %}\nNot this.\n{% endcomment %}",
			"paragraph  \"\""},
		{"raw in a sentence: its words are words", "Any {% raw %}`{% if %}`{% endraw %} tags.",
			"paragraph  \"\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustSplit(t, "content/x.md", "+++\ntitle = \"T\"\n+++\n\n"+tt.body+"\n")
			var got []string
			var walk func([]Block, string)
			walk = func(bs []Block, indent string) {
				for _, b := range bs {
					got = append(got, fmt.Sprintf("%s%s %s %q", indent, b.Kind, b.Info, b.Literal))
					walk(b.Children, indent+"  ")
				}
			}
			walk(a.Blocks, "")
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
			for _, u := range a.Units[1:] {
				if txt := u.Text(); strings.ContainsAny(txt, "=_") || strings.Contains(txt, "Check") || strings.Contains(txt, "Not this") || strings.Contains(txt, "make") {
					t.Errorf("the code is a unit: %q", txt)
				}
			}
		})
	}
	// The words around a raw in a sentence stay a unit.
	a := mustSplit(t, "content/x.md", "+++\ntitle = \"T\"\n+++\n\nAny {% raw %}`{% if %}`{% endraw %} tags.\n")
	if got := a.Units[1].Text(); got != "Any <tpl1/><code1/><tpl2/> tags." {
		t.Errorf("a raw in a sentence: %q", got)
	}
}
