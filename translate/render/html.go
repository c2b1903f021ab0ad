package render

import (
	"bytes"
	_ "embed"
	"html/template"

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
	"inline": func(t *assemble.Text) template.HTML { return template.HTML((&htmlWriter{}).inline(t.Nodes)) },
	"plain":  func(t *assemble.Text) string { return markup.PlainText(t.Nodes) },
	"css":    func() template.CSS { return template.CSS(pageCSS) },
}).Parse(pageTemplate))

type pageData struct {
	Lang, Dir   string
	Title       *assemble.Text
	Note        *assemble.Text
	Author      *assemble.Text
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
		Author:      ed.Meta[segment.Author],
		Publication: ed.Meta[segment.Publication],
		Dateline:    ed.Meta[segment.Dateline],
		DateText:    ed.Meta[segment.Date],
		Date:        ed.Date,
	}
	w := &htmlWriter{}
	w.blocks(ed.Blocks)
	d.Body = template.HTML(w.b.String())
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
