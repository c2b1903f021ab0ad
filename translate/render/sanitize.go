package render

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/tilmash/tilmash/translate/htmlpolicy"
)

// sanitize returns the editor's HTML s as a page may hold it (package
// htmlpolicy).
func sanitize(s string) string { return htmlpolicy.Sanitize(s) }

// balancer keeps an editor's HTML from closing what it did not open on an
// HTML page: bluemonday passes a lone </article>, </section>, </body> or
// </p>, and a browser reading one closes the page's own element there,
// leaving the rest of the page outside it. A raw end tag closes only an
// element raw HTML opened in the same container of the page (a paragraph,
// its emphasis or link, a list item, a quotation, a profile section, the
// article); one that closes nothing there is left out. What raw HTML
// leaves open is closed where its container ends.
type balancer struct {
	frames  [][]string // per container, the elements raw HTML opened in it, innermost last
	dropped []string   // the end tags left out, for a warning
}

// open starts a container of the page.
func (b *balancer) open() { b.frames = append(b.frames, nil) }

// close ends the innermost container and returns the end tags of what raw
// HTML left open in it, innermost first.
func (b *balancer) close() string {
	if len(b.frames) == 0 {
		return ""
	}
	top := b.frames[len(b.frames)-1]
	b.frames = b.frames[:len(b.frames)-1]
	var s strings.Builder
	for i := len(top) - 1; i >= 0; i-- {
		s.WriteString("</" + top[i] + ">")
	}
	return s.String()
}

// raw returns sanitised HTML s as the page may hold it in the innermost
// container: its end tags that close nothing raw HTML opened there left
// out, and an end tag that closes an element with others still open
// inside it preceded by theirs. Everything else is s's own bytes.
func (b *balancer) raw(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	if len(b.frames) == 0 {
		b.open()
	}
	frame := &b.frames[len(b.frames)-1]
	var out strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := string(z.Raw())
		name, _ := z.TagName()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			if !voidElement(string(name)) { // <span/> opens a span in HTML
				*frame = append(*frame, string(name))
			}
		case html.EndTagToken:
			i := len(*frame) - 1
			for i >= 0 && (*frame)[i] != string(name) {
				i--
			}
			if i < 0 {
				b.dropped = append(b.dropped, raw)
				continue
			}
			for j := len(*frame) - 1; j > i; j-- {
				out.WriteString("</" + (*frame)[j] + ">")
			}
			*frame = (*frame)[:i]
		}
		out.WriteString(raw)
	}
	return out.String()
}

// voidElement reports whether an HTML element has no end tag.
func voidElement(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr":
		return true
	}
	return false
}

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
