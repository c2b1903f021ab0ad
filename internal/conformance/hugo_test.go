package conformance

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/tilmash/tilmash/translate/sitecode"
)

// hugo is goldmark as Hugo configures it by default (markup.goldmark):
// CommonMark with heading attributes and automatic heading IDs, GitHub's
// tables, strikethrough, autolinks and task lists, definition lists,
// footnotes and the typographer. One difference, on purpose: raw HTML is
// rendered (Hugo's renderer.unsafe = true), so that a change to the
// editor's HTML shows instead of hiding behind "raw HTML omitted".
var hugo = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.DefinitionList,
		extension.Footnote, extension.Typographer,
		extension.NewLinkify(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:", "ftp:", "mailto:"}))),
	goldmark.WithParserOptions(parser.WithHeadingAttribute(), parser.WithAutoHeadingID()),
	goldmark.WithRendererOptions(html.WithUnsafe()))

// render is the HTML Hugo makes of a page's Markdown.
func render(md []byte) []byte {
	var b bytes.Buffer
	if err := hugo.Convert(md, &b); err != nil {
		panic(err) // goldmark's renderer fails only on a failing writer
	}
	return b.Bytes()
}

// renderSite is the HTML Hugo makes of a page's Markdown, with each piece
// of a site generator's code (a shortcode, a Liquid tag) as the word
// "0000…" of its length: what the site generator writes there is its own.
func renderSite(md []byte) []byte {
	codes := sitecode.Find(md)
	if len(codes) == 0 {
		return render(md)
	}
	md = bytes.Clone(md)
	for _, c := range codes {
		for i := c.Start; i < c.End; i++ {
			if md[i] != '\n' {
				md[i] = '0'
			}
		}
	}
	return render(md)
}
