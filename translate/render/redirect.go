package render

import (
	"bytes"
	"html/template"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/reader"
	"github.com/tilmash/tilmash/translate/segment"
)

var redirectPage = template.Must(template.New("redirect").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<link rel="canonical" href="{{.Href}}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.Href}}">
</head>
<body>
<p{{with .NoticeLang}} lang="{{.}}"{{end}}>{{.Notice}} <a href="{{.Href}}">{{.Title}}</a></p>
</body>
</html>
`))

// Redirect writes the page left at a renamed article's old address, in
// the edition's language: it sends the browser on to href, the edition's
// address now, tells search engines that href is the page (canonical,
// noindex), and says so to a reader whose browser does not follow it, as
// Hugo's alias pages do.
func Redirect(ed *assemble.Edition, href string) []byte {
	d := struct {
		Lang, Dir, Title, Href, Notice, NoticeLang string
	}{Lang: ed.Locale.String(), Dir: locale.Dir(ed.Locale), Href: href}
	if t := ed.Meta[segment.Headline]; t != nil {
		d.Title = markup.PlainText(t.Nodes)
	}
	text, ok := ed.Reader.Say(reader.MovedKey, ed.Locale)
	d.Notice = text
	if !ok {
		d.NoticeLang = locale.Source.String()
	}
	var b bytes.Buffer
	if err := redirectPage.Execute(&b, d); err != nil {
		panic("render: redirect template: " + err.Error()) // the template is ours and tested
	}
	return b.Bytes()
}
