// Package htmlpolicy decides what of an editor's own HTML a page tilmash
// renders (the HTML and EPUB editions) may hold: bluemonday's
// user-generated-content policy (formatting, quotations, lists, tables,
// images, links to http, https and mailto addresses; no script, style,
// event handler, form, frame or object, no javascript: address), with the
// class attribute for a site's styles and editors' links without
// rel="nofollow". bluemonday is the maintained Go sanitiser with a
// documented allow-list: writing one by hand is how sanitisers get
// bypassed.
//
// Sanitize applies it; LeftOut names what it takes away, so that check
// reports at the article's line what build will leave out.
package htmlpolicy

import (
	"sort"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

var policy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("class").Globally()
	p.RequireNoFollowOnLinks(false)
	return p
})

// Sanitize returns the editor's HTML s as a page may hold it.
func Sanitize(s string) string { return policy().Sanitize(s) }

// LeftOut names what Sanitize takes away from s: each element
// ("<iframe>") and attribute ("onclick on <div>") that s has and the
// sanitised HTML has not, once each, in order of first appearance.
// Differences of spelling alone (quotes, the slash of <br/>) are none.
func LeftOut(s string) []string {
	before, after := inventory(s), inventory(Sanitize(s))
	var out []string
	for _, k := range before.order {
		if before.n[k] > after.n[k] {
			out = append(out, k)
		}
	}
	return out
}

type counts struct {
	n     map[string]int
	order []string
}

// inventory counts the elements and attributes of an HTML fragment (an
// attribute together with its value's scheme, for addresses).
func inventory(s string) counts {
	c := counts{n: map[string]int{}}
	add := func(k string) {
		if c.n[k] == 0 {
			c.order = append(c.order, k)
		}
		c.n[k]++
	}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		tag := "<" + string(name) + ">"
		add(tag)
		var attrs []string
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			a := string(k)
			if a == "href" || a == "src" || a == "action" || a == "formaction" {
				if i := strings.IndexByte(string(v), ':'); i > 0 && !strings.ContainsAny(string(v[:i]), "/?#") {
					a += "=" + strings.ToLower(strings.TrimSpace(string(v[:i]))) + ":"
				}
			}
			attrs = append(attrs, a)
		}
		sort.Strings(attrs)
		for _, a := range attrs {
			add(a + " on " + tag)
		}
	}
	return c
}
