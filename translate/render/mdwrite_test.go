package render

import (
	"strings"
	"testing"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/segment"
)

// TestMarkdownWritesAnew: where another language's edition writes a text
// anew (its words differ from the English), what the text holds reads
// back as it was: inline HTML as the editor wrote it, a title's text (its
// escapes and references resolved, written again as the title needs),
// blanks from a character reference, a heading's closing #s, a setext
// heading's first character. Each source comes from a CommonMark example
// the conformance tests found (internal/conformance).
func TestMarkdownWritesAnew(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"inline HTML as written", "Foo <bar>baz</bar> <a href=\"x\" onclick=\"y\">q</a>\n", "Foo <bar>baz</bar> <a href=\"x\" onclick=\"y\">q</a>"},
		{"a title's escaped quotation mark", "[foo](/url \"a \\\"b\\\" c\")\n", `[foo](/url "a \"b\" c")`},
		{"a title in single quotes", "[foo](/url 'a \"b\" \\'c\\'')\n", `[foo](/url "a \"b\" \'c\'")`},
		{"an image's title", "![foo](/url \"ti\\*tle\")\n", `![foo](/url "ti*tle")`},
		{"a title's character reference and escaped one", "[foo](/url \"f&ouml;\\&ouml;\")\n", `[foo](/url "fö\&ouml;")`},
		{"a tab from a character reference", "&#9;foo\n", "&#9;foo"},
		{"a heading's closing sequence", "### foo \\###\n", `### foo \###`},
		{"a setext heading's block quote sign", "\\> foo\n------\n", `\> foo`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "+++\ntitle = \"T\"\n+++\n" + tt.body
			a, err := segment.Split("content/x.md", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			cat := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
			ed, err := assemble.Assemble(a, cat, identity(cat), assemble.Options{})
			if err != nil {
				t.Fatal(err)
			}
			md := string(Markdown(ed))
			if !strings.Contains(md, tt.want) {
				t.Errorf("the edition writes\n%s\nwant it to hold %s", md, tt.want)
			}
			b, err := segment.Split("content/x.md", []byte(md))
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Units) != len(b.Units) {
				t.Fatalf("%d units read back as %d", len(a.Units), len(b.Units))
			}
			for i := range a.Units {
				if a.Units[i].Text() != b.Units[i].Text() || a.Units[i].Kind != b.Units[i].Kind {
					t.Errorf("%s %q read back as %s %q", a.Units[i].Kind, a.Units[i].Text(), b.Units[i].Kind, b.Units[i].Text())
				}
			}
		})
	}
}

// TestLinkDestinationsReadBack: an address is written so that Markdown
// reads back the same address (segment resolves escapes and references,
// as a browser would have them): a backslash, something that reads as a
// character reference, spaces and parentheses.
func TestLinkDestinationsReadBack(t *testing.T) {
	for _, href := range []string{
		"https://x.org/\\[", "foo):", "/f&ouml;o", "/a&amp;b", "/a b(c)", "/plain", "mailto:a@b.org", "/q?x=1&y=2", "/ö",
	} {
		src := "+++\ntitle = \"T\"\n+++\n\n[x](" + mdURL(href) + ")\n"
		a, err := segment.Split("content/a.md", []byte(src))
		if err != nil {
			t.Fatalf("%q: %v", href, err)
		}
		var got []string
		for _, tag := range a.Units[len(a.Units)-1].Tags {
			got = append(got, tag.Href)
		}
		if len(got) != 1 || got[0] != href {
			t.Errorf("%q written as %q reads back as %q", href, mdURL(href), got)
		}
	}
}
