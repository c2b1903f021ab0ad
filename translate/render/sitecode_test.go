package render

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/segment"
	"github.com/tilmash/tilmash/translate/sitecode"
)

// siteArticle is written for Hugo and Jekyll: shortcodes (a figure, a
// reference inside a link, a paired note), Liquid, a kramdown attribute
// list and the summary divider.
const siteArticle = `+++
title = "Markets"
+++

The market opened.
<!--more-->

{{< figure src="/img/market.jpg" caption="The flea \"market\"" alt=` + "`Stalls`" + ` >}}

See [the map]({{< ref "map.md" >}}) or [the archive]({{ site.baseurl }}/archive/).
{: .lead}

{{% note title="Prices" %}}
Bread costs {{< price 150 >}} tenge.
{{% /note %}}

{% include fact.html %}
`

func TestSiteCode(t *testing.T) {
	a, err := segment.Split("content/m.md", []byte(siteArticle))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range a.Units {
		got = append(got, string(u.Kind)+": "+u.Text())
	}
	want := []string{
		"headline: Markets",
		"paragraph: The market opened.",
		"caption: The flea \"market\"",
		"param: Stalls",
		"paragraph: See <a1>the map</a1> or <a2>the archive</a2>.",
		"param: Prices",
		"paragraph: Bread costs <tpl1/> tenge.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("units:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	cat := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	up := &catalog.Catalog{Locale: language.Russian, Path: "locales/ru.toml"}
	for _, m := range cat.Messages {
		cp := *m
		cp.Forms = map[locale.Form]string{}
		for f, text := range m.Forms {
			cp.Forms[f] = upper(text)
		}
		up.Add(&cp)
	}
	ru, err := assemble.Assemble(a, cat, up, assemble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	md := string(Markdown(ru))
	wantMD := "\nTHE MARKET OPENED.\n<!--more-->\n\n" +
		"{{< figure src=\"/img/market.jpg\" caption=\"THE FLEA \\\"MARKET\\\"\" alt=`STALLS` >}}\n\n" +
		"SEE [THE MAP]({{< ref \"map.md\" >}}) OR [THE ARCHIVE]({{ site.baseurl }}/archive/).\n{: .lead}\n\n" +
		"{{% note title=\"PRICES\" %}}\nBREAD COSTS {{< price 150 >}} TENGE.\n{{% /note %}}\n\n" +
		"{% include fact.html %}\n"
	if body := md[strings.Index(md, "\n+++\n")+5:]; body != wantMD {
		t.Errorf("the Russian Markdown edition:\n%s\nwant:\n%s", body, wantMD)
	}
	page := string(HTML(ru, Page{}))
	for _, want := range []string{`<img src="/img/market.jpg" alt="STALLS">`, `<figcaption>THE FLEA &#34;MARKET&#34;</figcaption>`, `<p>SEE THE MAP OR THE ARCHIVE.</p>`, `<p>BREAD COSTS  TENGE.</p>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the HTML edition lacks %s", want)
		}
	}
	for _, bad := range []string{"{{", "{%", "{:"} {
		if strings.Contains(page[strings.Index(page, "<article"):], bad) {
			t.Errorf("the HTML edition shows the site generator's code %q", bad)
		}
	}
	if len(a.Warnings) == 0 {
		t.Errorf("no warning for the code the HTML edition leaves out")
	}
}

// translated is the Russian edition of article src whose every unit is
// what tr makes of its English.
func translated(t *testing.T, src string, tr func(string) string) *assemble.Edition {
	t.Helper()
	a, err := segment.Split("content/m.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	cat := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	ru := &catalog.Catalog{Locale: language.Russian, Path: "locales/ru.toml"}
	for _, m := range cat.Messages {
		cp := *m
		cp.Forms = map[locale.Form]string{}
		for f, text := range m.Forms {
			cp.Forms[f] = tr(text)
		}
		ru.Add(&cp)
	}
	ed, err := assemble.Assemble(a, cat, ru, assemble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

// TestTemplateParamsMarkdown: in the Markdown edition, a translated
// parameter of a Liquid tag, a Zola shortcode or Eleventy Image is written
// in its place, in its quotes, so that no translation can break its code
// (a quotation mark, a %} or a }}, a blank line, a backslash before the
// closing quote): every other byte of the code as written. Read again, the
// edition gives the same codes and units.
func TestTemplateParamsMarkdown(t *testing.T) {
	const head = "+++\ntitle = \"Rents\"\n+++\n\n"
	tests := []struct {
		name, code, translation, want string
	}{
		{"jekyll include", `{% include figure.html image="/a.jpg" caption="A street" %}`, "Улица",
			`{% include figure.html image="/a.jpg" caption="Улица" %}`},
		{"a quotation mark, escaped as Jekyll reads it", `{% include figure.html caption="A street" %}`, `Улица "Абая"`,
			`{% include figure.html caption="Улица \"Абая\"" %}`},
		{"in single quotes", `{% include figure.html caption='A street' %}`, `It's "here"`,
			`{% include figure.html caption='It\'s "here"' %}`},
		{"a quotation mark in a zola string, which has no escapes", `{{ youtube(id="w7F", caption="The first run") }}`, `Рейс "Алматы"`,
			`{{ youtube(id="w7F", caption="Рейс “Алматы”") }}`},
		{"%} in a tag", `{% include x.html caption="A street" %}`, "Скидка 50 %} и {% endif %}",
			`{% include x.html caption="Скидка 50 % } и {% endif % }" %}`},
		{"}} in a zola shortcode", `{{ youtube(id="w7F", caption="The first run") }}`, "Первый }} рейс",
			`{{ youtube(id="w7F", caption="Первый } } рейс") }}`},
		{"a backtick in a zola string", "{{ youtube(id=\"w7F\", caption=`The first run`) }}", "Первый `рейс`",
			"{{ youtube(id=\"w7F\", caption=`Первый ’рейс’`) }}"},
		{"a blank line", `{% note(title="Tickets") %}`, "Билеты\n\nи цены",
			"{% note(title=\"Билеты\nи цены\") %}"},
		{"a line break in hugo's string, which Hugo refuses", `{{< card title="Prices" >}}`, "Цены\nна рынке",
			`{{< card title="Цены на рынке" >}}`},
		{"a backslash before the closing quote", `{% include x.html caption="A street" %}`, `C:\улица\`,
			`{% include x.html caption="C:\улица＼" %}`},
		{"eleventy image", `{%- image "./bus.jpg", "A night bus" -%}`, "Ночной автобус",
			`{%- image "./bus.jpg", "Ночной автобус" -%}`},
		{"hugo's bare value, quoted where it must be", `{{< card title=Prices >}}`, "Цены на рынке",
			`{{< card title="Цены на рынке" >}}`},
		{"hugo's bare value, a word", `{{< card title=Prices >}}`, "Цены",
			`{{< card title=Цены >}}`},
		{"hugo's closing delimiter", `{{< card title="Prices" >}}`, `Цены >}} "Алтын"`,
			`{{< card title="Цены >} } \"Алтын\"" >}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := head + tt.code + "\n\nText.\n"
			ed := translated(t, src, func(en string) string {
				switch en {
				case "Rents":
					return "Аренда"
				case "Text.":
					return "Текст."
				}
				return tt.translation
			})
			md := string(Markdown(ed))
			want := strings.Replace(head, "Rents", "Аренда", 1) + tt.want + "\n\nТекст.\n"
			if md != want {
				t.Fatalf("the Russian Markdown edition:\n%s\nwant:\n%s", md, want)
			}
			// Read again: one code, whole, its parameter the translation.
			b, err := segment.Split("content/m.md", []byte(md))
			if err != nil {
				t.Fatal(err)
			}
			a, _ := segment.Split("content/m.md", []byte(src))
			if len(b.Units) != len(a.Units) {
				t.Fatalf("read again: %d units, want %d", len(b.Units), len(a.Units))
			}
			for i := range a.Units {
				if b.Units[i].Kind != a.Units[i].Kind {
					t.Errorf("read again: unit %d is a %s, want a %s", i, b.Units[i].Kind, a.Units[i].Kind)
				}
			}
			if codes := sitecode.Find([]byte(tt.want)); len(codes) != 1 || codes[0].End != len(tt.want) {
				t.Errorf("the code is no more one code: %d", len(codes))
			}
		})
	}
}

// TestPairedCodeEditions: a highlight's listing and a comment are no units:
// the Markdown edition keeps them as written, the HTML shows the listing
// as code and leaves the comment out.
func TestPairedCodeEditions(t *testing.T) {
	src := "+++\ntitle = \"Rents\"\n+++\n\n{% highlight ruby %}\nrent = \"150\"\n\nputs rent\n{% endhighlight %}\n\n" +
		"{% comment %}\nCheck the figures.\n{% endcomment %}\n\n{{< code-toggle >}}\ntitle = 'Site'\n{{< /code-toggle >}}\n\nText.\n"
	ed := translated(t, src, func(en string) string { return map[string]string{"Rents": "Аренда"}[en] + "Текст." })
	if md := string(Markdown(ed)); md != strings.NewReplacer("Text.", "Текст.", "Rents", "АрендаТекст.").Replace(src) {
		t.Errorf("the Russian Markdown edition:\n%s", md)
	}
	page := string(HTML(ed, Page{}))
	for _, want := range []string{`<pre><code class="language-ruby">rent = &#34;150&#34;` + "\n\nputs rent\n</code></pre>", "title = &#39;Site&#39;\n</code></pre>", "<p>Текст.</p>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the HTML edition lacks %q", want)
		}
	}
	if strings.Contains(page, "Check") || strings.Contains(page, "highlight") {
		t.Errorf("the HTML edition shows the code around the listing, or the comment")
	}
}
