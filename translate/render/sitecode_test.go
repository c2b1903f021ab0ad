package render

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/segment"
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
