package render

import (
	"bytes"
	_ "embed"
	"html/template"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/segment"
)

// Alternate is another language edition of the same article.
type Alternate struct {
	Locale language.Tag // its language
	Href   string       // its address, relative to this edition
}

//go:embed page.html.tmpl
var pageTemplate string

//go:embed page.css
var pageCSS string

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"inline": func(t *assemble.Text) template.HTML { return template.HTML(htmlInline(t.Nodes)) },
	"plain":  func(t *assemble.Text) string { return markup.PlainText(t.Nodes) },
	"css":    func() template.CSS { return template.CSS(pageCSS) },
}).Parse(pageTemplate))

type pageData struct {
	Lang, Dir   string
	Title       *assemble.Text
	Note        *assemble.Text
	Publication *assemble.Text
	Dateline    *assemble.Text
	DateText    *assemble.Text
	Date        string
	Body        template.HTML
	Languages   []langLink
}

type langLink struct {
	Tag, Name, Href string
	Current         bool
}

// HTML writes the edition as a standalone HTML page: no external resources,
// lang and dir on the root element, <link rel="alternate" hreflang> and a
// language switcher naming each language in itself.
func HTML(ed *assemble.Edition, alternates []Alternate) []byte {
	d := pageData{
		Lang:        ed.Locale.String(),
		Dir:         locale.Dir(ed.Locale),
		Title:       ed.Meta[segment.Headline],
		Note:        ed.Meta[segment.Note],
		Publication: ed.Meta[segment.Publication],
		Dateline:    ed.Meta[segment.Dateline],
		DateText:    ed.Meta[segment.Date],
		Date:        ed.Date,
	}
	var body strings.Builder
	htmlBlocks(&body, ed.Blocks)
	d.Body = template.HTML(body.String())
	d.Languages = append(d.Languages, langLink{Tag: d.Lang, Name: locale.SelfName(ed.Locale), Current: true})
	for _, a := range alternates {
		d.Languages = append(d.Languages, langLink{Tag: a.Locale.String(), Name: locale.SelfName(a.Locale), Href: a.Href})
	}
	var b bytes.Buffer
	if err := page.Execute(&b, d); err != nil {
		panic("render: page template: " + err.Error()) // the template is ours and tested
	}
	return b.Bytes()
}

func langAttr(t *assemble.Text) string {
	if t != nil && t.Lang != "" {
		return ` lang="` + t.Lang + `"`
	}
	return ""
}

func htmlBlocks(b *strings.Builder, blocks []assemble.Block) {
	inProfile := false
	for _, bl := range blocks {
		if bl.Kind == segment.HeadingBlock && bl.Level <= 2 {
			if inProfile {
				b.WriteString("</section>\n")
				inProfile = false
			}
			if bl.Class == "profile" {
				b.WriteString(`<section class="profile">` + "\n")
				inProfile = true
			}
		}
		htmlBlock(b, bl)
	}
	if inProfile {
		b.WriteString("</section>\n")
	}
}

func htmlBlock(b *strings.Builder, bl assemble.Block) {
	switch bl.Kind {
	case segment.HeadingBlock:
		tag := "h" + string(rune('0'+bl.Level))
		if bl.Level == 1 {
			tag = "h2" // the headline is the page's only h1
		}
		cls := ""
		if bl.Class != "" {
			cls = ` class="` + bl.Class + `"`
		}
		b.WriteString("<" + tag + cls + langAttr(bl.Text) + ">" + htmlInline(bl.Text.Nodes) + "</" + tag + ">\n")
	case segment.ParagraphBlock:
		cls := ""
		if bl.Class != "" {
			cls = ` class="` + bl.Class + `"`
		}
		b.WriteString("<p" + cls + langAttr(bl.Text) + ">" + htmlInline(bl.Text.Nodes) + "</p>\n")
	case segment.FigureBlock:
		b.WriteString("<figure>\n")
		if bl.Src != "" {
			b.WriteString(`<img src="` + template.HTMLEscapeString(bl.Src) + `" alt="` + template.HTMLEscapeString(markup.PlainText(bl.Text.Nodes)) + `">` + "\n")
		} else {
			b.WriteString(`<div class="photo" role="presentation"></div>` + "\n")
		}
		b.WriteString("<figcaption" + langAttr(bl.Text) + ">" + htmlInline(bl.Text.Nodes) + "</figcaption>\n</figure>\n")
	case segment.ListBlock:
		tag := "ul"
		start := ""
		if bl.Ordered {
			tag = "ol"
			if bl.Start != 1 {
				start = ` start="` + itoa(bl.Start) + `"`
			}
		}
		b.WriteString("<" + tag + start + ">\n")
		for _, item := range bl.Children {
			b.WriteString("<li>")
			if bl.Tight && len(item.Children) == 1 && item.Children[0].Kind == segment.ParagraphBlock {
				t := item.Children[0].Text
				if t.Lang != "" {
					b.WriteString(`<span` + langAttr(t) + `>` + htmlInline(t.Nodes) + `</span>`)
				} else {
					b.WriteString(htmlInline(t.Nodes))
				}
			} else {
				b.WriteString("\n")
				for _, c := range item.Children {
					htmlBlock(b, c)
				}
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</" + tag + ">\n")
	case segment.QuoteBlock:
		b.WriteString("<blockquote>\n")
		for _, c := range bl.Children {
			htmlBlock(b, c)
		}
		b.WriteString("</blockquote>\n")
	case segment.CodeBlock:
		cls := ""
		if lang, _, _ := strings.Cut(bl.Info, " "); lang != "" {
			cls = ` class="language-` + template.HTMLEscapeString(lang) + `"`
		}
		b.WriteString("<pre><code" + cls + ">" + template.HTMLEscapeString(bl.Literal) + "</code></pre>\n")
	case segment.HTMLBlock:
		b.WriteString(bl.Literal)
		if !strings.HasSuffix(bl.Literal, "\n") {
			b.WriteString("\n")
		}
	case segment.RuleBlock:
		b.WriteString("<hr>\n")
	}
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func htmlInline(nodes []markup.Node) string {
	var b strings.Builder
	for _, n := range nodes {
		switch n.Kind {
		case markup.Text:
			b.WriteString(template.HTMLEscapeString(n.Text))
		case markup.Emph:
			b.WriteString("<em>" + htmlInline(n.Children) + "</em>")
		case markup.Strong:
			b.WriteString("<strong>" + htmlInline(n.Children) + "</strong>")
		case markup.Link:
			b.WriteString(`<a href="` + template.HTMLEscapeString(n.Href) + `"`)
			if n.Title != "" {
				b.WriteString(` title="` + template.HTMLEscapeString(n.Title) + `"`)
			}
			b.WriteString(">" + htmlInline(n.Children) + "</a>")
		case markup.Code:
			b.WriteString("<code>" + template.HTMLEscapeString(n.Text) + "</code>")
		case markup.HTML:
			b.WriteString(n.Text)
		case markup.Break:
			b.WriteString("<br>\n")
		}
	}
	return b.String()
}
