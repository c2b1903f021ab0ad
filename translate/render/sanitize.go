package render

import (
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The HTML editors write in an article (an HTML block, an inline tag) goes
// through bluemonday before it reaches a page or a book, with its
// user-generated-content policy: formatting, quotations, lists, tables,
// images, and links to http, https and mailto addresses, with no script,
// style, event handler, form, frame or object, and no javascript: address.
// tilmash adds the class attribute (for a site's own styles) and leaves
// editors' links without rel="nofollow".
var policy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("class").Globally()
	p.RequireNoFollowOnLinks(false)
	return p
})

// sanitize returns the editor's HTML s as it may be published.
func sanitize(s string) string { return policy().Sanitize(s) }

// xhtml re-serialises sanitised HTML as XML (void elements closed, every
// attribute quoted, entities written as characters), for the EPUB. ok is
// false when it cannot.
func xhtml(s string) (string, bool) {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return "", false
	}
	var b strings.Builder
	for _, n := range nodes {
		if err := html.Render(&b, n); err != nil {
			return "", false
		}
	}
	return b.String(), true
}
