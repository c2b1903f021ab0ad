package assemble

import (
	"maps"
	"slices"

	"golang.org/x/net/html"

	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/segment"
	"github.com/tilmash/tilmash/translate/xmlchar"
)

// Unpublishable finds the first character of the edition that no format
// can carry (package xmlchar), in its texts, addresses, code, raw HTML
// and passed-through fields: what a build must never write. It returns
// the character, described, and the unit holding it ("" outside units);
// ok is false when there is none. The checks report such characters where
// they stand; this is the last guard, whatever the checks were told.
func (ed *Edition) Unpublishable() (what, unit string, ok bool) {
	find := func(s string) bool {
		if i, _ := xmlchar.Index(s); i >= 0 {
			what, ok = xmlchar.Describe(s, i), true
		}
		return ok
	}
	// Raw HTML and addresses as a browser or a Markdown reader reads them
	// too: a character reference (&#11;) in an editor's HTML is the
	// character itself once the sanitiser has read it.
	decoded := func(s string) bool { return find(s) || find(html.UnescapeString(s)) }
	var nodes func([]markup.Node) bool
	nodes = func(ns []markup.Node) bool {
		for _, n := range ns {
			if find(n.Text) || n.Kind == markup.HTML && decoded(n.Text) || decoded(n.Href) || find(n.Title) || nodes(n.Children) {
				return true
			}
		}
		return false
	}
	text := func(t *Text) bool {
		if t != nil && nodes(t.Nodes) {
			unit = t.Unit
			return true
		}
		return false
	}
	var blocks func([]Block) bool
	blocks = func(bs []Block) bool {
		for _, b := range bs {
			literal := b.Literal
			if b.Kind == segment.HTMLBlock {
				literal = b.HTML(nil) // the editor's HTML as the edition writes it, its words the edition's
			}
			if text(b.Text) || find(literal) || b.Kind == segment.HTMLBlock && decoded(literal) || find(b.Info) || decoded(b.Src) || find(b.Class) || blocks(b.Children) {
				return true
			}
		}
		return false
	}
	for _, kind := range slices.Sorted(maps.Keys(ed.Meta)) {
		if text(ed.Meta[kind]) {
			return what, unit, true
		}
	}
	if find(ed.Date) || find(ed.Slug) || param(ed.Params, find) || blocks(ed.Blocks) {
		return what, unit, true
	}
	return "", "", false
}

// param calls find on every string of a passed-through front-matter
// value, at any depth, until it reports true.
func param(v any, find func(string) bool) bool {
	switch v := v.(type) {
	case string:
		return find(v)
	case []any:
		for _, x := range v {
			if param(x, find) {
				return true
			}
		}
	case []map[string]any:
		for _, x := range v {
			if param(x, find) {
				return true
			}
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			if find(k) || param(v[k], find) {
				return true
			}
		}
	}
	return false
}
