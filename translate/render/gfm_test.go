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

// gfmArticle holds what Hugo's default Markdown reads beyond CommonMark:
// a table, a definition list, footnotes, strikethrough, a task list, a
// GitHub alert, a heading id, an inline image and a bare address.
const gfmArticle = `+++
title = "Extensions"
+++

## Prices {#prices}

| Item | Price |
|:-----|------:|
| Bread *fresh* | 150 |
| Milk \| litre | |

Kvartira
: A flat, *in Russian*.

Prices rose ~~a lot~~ sharply[^src], see www.example.org and ![a chart](chart.png "Chart").

- [x] Buy bread
- [ ] Sell milk

> [!WARNING]
> Prices change daily.

[^src]: The bureau's figures.
`

// TestGFMUnits: each text a reader sees is a unit of the right kind, with
// its tags; the table's shape, the task's box, the alert's marker and the
// footnote's label are not.
func TestGFMUnits(t *testing.T) {
	a, err := segment.Split("content/x.md", []byte(gfmArticle))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range a.Units {
		got = append(got, string(u.Kind)+": "+u.Text())
	}
	want := []string{
		"headline: Extensions",
		"heading: Prices",
		"cell: Item", "cell: Price", "cell: Bread <em>fresh</em>", "cell: 150", "cell: Milk | litre",
		"term: Kvartira",
		"definition: A flat, <em>in Russian</em>.",
		"paragraph: Prices rose <s>a lot</s> sharply<fn1/>, see <a1>www.example.org</a1> and <img1>a chart</img1>.",
		"link-title: Chart",
		"item: Buy bread", "item: Sell milk",
		"alert: Warning",
		"quote: Prices change daily.",
		"footnote: The bureau's figures.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("units:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestGFMEditions: the HTML edition draws each construct as HTML does, the
// text edition keeps every word, and another language's Markdown edition
// keeps the source's shape with each text in its place.
func TestGFMEditions(t *testing.T) {
	a, ed := english(t, "content/x.md", []byte(gfmArticle))
	page := string(HTML(ed, Page{}))
	for _, want := range []string{
		`<h2 id="prices">Prices</h2>`,
		`<th style="text-align: left">Item</th>`, `<td style="text-align: right">150</td>`, `<td style="text-align: right"></td>`,
		`<td style="text-align: left">Milk | litre</td>`,
		`<dl>`, `<dt>Kvartira</dt>`, `<dd>`,
		`<del>a lot</del>`,
		`<sup class="footnote-ref" id="fnref-src"><a href="#fn-src">1</a></sup>`,
		`<a href="https://www.example.org">www.example.org</a>`,
		`<img src="chart.png" alt="a chart" title="Chart">`,
		`<li class="task"><input type="checkbox" disabled="" checked=""> Buy bread</li>`,
		`<blockquote class="alert alert-warning">`, `<p class="alert-title">Warning</p>`,
		`<li id="fn-src">`, `<a href="#fnref-src">↩︎</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the HTML edition lacks %s", want)
		}
	}
	text := string(Text(ed))
	for _, want := range []string{"Item | Price", "Bread fresh | 150", "Kvartira", "[x] Buy bread", "WARNING", "sharply¹", "¹ The bureau's figures.", "[a chart]"} {
		if !strings.Contains(text, want) {
			t.Errorf("the text edition lacks %q:\n%s", want, text)
		}
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
	want := `
## PRICES {#prices}

| ITEM | PRICE |
|:-----|------:|
| BREAD *FRESH* | 150 |
| MILK \| LITRE | |

KVARTIRA
: A FLAT, *IN RUSSIAN*.

PRICES ROSE ~~A LOT~~ SHARPLY[^src], SEE [WWW.EXAMPLE.ORG](https://www.example.org) AND ![A CHART](chart.png "CHART").

- [x] BUY BREAD
- [ ] SELL MILK

> [!WARNING]
> PRICES CHANGE DAILY.

[^src]: THE BUREAU'S FIGURES.
`
	if body := md[strings.Index(md, "\n+++\n")+5:]; body != want {
		t.Errorf("the Russian Markdown edition:\n%s\nwant:\n%s", body, want)
	}
	if _, err := segment.Split("content/x.md", []byte(md)); err != nil {
		t.Errorf("the Russian Markdown edition does not read back: %v", err)
	}
}
