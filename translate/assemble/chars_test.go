package assemble

import (
	"testing"

	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/segment"
)

// TestUnpublishable: a character no edition can carry is found wherever an
// edition would write it, and with its unit when a unit holds it; the
// same text written harmlessly (a code span's "&#11;", shown as written)
// is not.
func TestUnpublishable(t *testing.T) {
	tests := []struct {
		name, body, what, unit string // what "": none
	}{
		{"clean", "Text, `&#11;` and <b>bold</b>.\n\n```\n&#11;\n```\n", "", ""},
		{"a paragraph", "Te\vxt.\n", "a control character (U+000B)", "a.intro.p-"},
		{"a code block", "Text.\n\n```\nx\x1by\n```\n", "a control character (U+001B)", ""},
		{"an HTML block's reference", "Text.\n\n<div>a&#xFFFE;b</div>\n", "a noncharacter (U+FFFE)", ""},
		{"inline HTML's reference", "Text <span title=\"&#11;\">x</span>.\n", "a control character (U+000B)", "a.intro.p-"},
		{"a link's address", "A [link](<a\x7fb>).\n", "the control character DEL (U+007F)", "a.intro.p-"},
		{"a figure's address", "![Caption](x&#xFFFF;.jpg)\n", "a noncharacter (U+FFFF)", ""},
		{"a fenced code block's info", "```go\x1b\nx\n```\n", "a control character (U+001B)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := segment.Split("content/a.md", []byte("+++\ntitle = \"T\"\n[params]\nsub = \"s\"\n+++\n\n"+tt.body))
			if err != nil {
				t.Fatal(err)
			}
			src := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
			ed, err := Assemble(a, src, src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			what, unit, ok := ed.Unpublishable()
			if what != tt.what || ok != (tt.what != "") || len(unit) < len(tt.unit) || unit[:len(tt.unit)] != tt.unit {
				t.Errorf("Unpublishable() = %q, %q, %v; want %q, %q…", what, unit, ok, tt.what, tt.unit)
			}
		})
	}
	// Outside the blocks: the masthead's texts and the passed-through fields.
	a, err := segment.Split("content/a.md", []byte("+++\ntitle = \"T\"\n[params]\nsub = [\"a\", \"\\uFFFE\"]\n+++\n\nText.\n"))
	if err != nil {
		t.Fatal(err)
	}
	src := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	ed, err := Assemble(a, src, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if what, _, _ := ed.Unpublishable(); what != "a noncharacter (U+FFFE)" {
		t.Errorf("params: %q", what)
	}
	ed.Params = nil
	ed.Meta[segment.Headline].Nodes[0].Text = "T\x0c"
	if what, unit, _ := ed.Unpublishable(); what != "a control character (U+000C)" || unit != "a.title" {
		t.Errorf("title: %q %q", what, unit)
	}
}
