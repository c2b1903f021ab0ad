package segment

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// attrBlocks lists the blocks of the readable attributes of an article's
// texts: kind, tag, label, the unit's kind and text, and where a Span is
// set, what of the source it covers.
func attrBlocks(a *Article) []string {
	var out []string
	var walk func([]Block)
	walk = func(bs []Block) {
		for _, b := range bs {
			for _, c := range b.Children {
				if c.Tag == "" && c.Kind != TitleBlock {
					continue
				}
				s := fmt.Sprintf("%s %s %s: %s", c.Kind, c.Tag, c.Label, a.Units[c.Unit].Text())
				if !c.Span.IsZero() {
					s += fmt.Sprintf(" @%q %c", a.Source[c.Span.Start:c.Span.End], c.Span.Quote)
				}
				if c.Kind == HTMLAttrBlock {
					s += fmt.Sprintf(" [%d:%d %c]", c.Place.Start, c.Place.End, c.Span.Quote)
				}
				out = append(out, s)
			}
			walk(b.Children)
		}
	}
	walk(a.Blocks)
	return out
}

// TestReadableAttributes: a link's or an image's title, and the readable
// attributes of inline HTML, are units of their own, children of the
// block whose text holds them, their Tag naming their tag in its message;
// a reference definition's title is written by the first link that uses
// it; a title or value holding the site generator's code, or none, is no
// unit.
func TestReadableAttributes(t *testing.T) {
	tests := []struct {
		name, body string
		units      []string // the units after the headline: kind, text, position
		blocks     []string // attrBlocks
	}{
		{"a link's title",
			"See [the map](/m \"A map of Almaty\").\n",
			[]string{"paragraph See <a1>the map</a1>. 5:1", "link-title A map of Almaty 5:5"},
			[]string{"title a1 title: A map of Almaty"}},
		{"a link's title after an autolink, the second link",
			"<https://x.org> and [b](/u \"U\")\n",
			[]string{"paragraph <a1>https://x.org</a1> and <a2>b</a2> 5:1", "link-title U 5:21"},
			[]string{"title a2 title: U"}},
		{"an image's title in single quotes, after an autolink",
			"<https://x.org> and ![prices](c.png 'Prices & <costs>') here.\n",
			[]string{"paragraph <a1>https://x.org</a1> and <img1>prices</img1> here. 5:1", "link-title Prices & &lt;costs> 5:21"},
			[]string{"title img1 title: Prices & &lt;costs>"}},
		{"escapes and references resolved, an escaped reference kept",
			"[a](/u (ti\\)tle &amp; \\&amp; f&ouml;))\n",
			[]string{"paragraph <a1>a</a1> 5:1", "link-title ti)tle & &amp;amp; fö 5:1"},
			[]string{"title a1 title: ti)tle & &amp;amp; fö"}},
		{"a reference definition's title, written by its first link",
			"[One][m] and [two][M].\n\n[m]: /m\n  'A map'\n",
			[]string{"paragraph <a1>One</a1> and <a2>two</a2>. 5:1", "link-title A map 5:1", "link-title A map 5:14"},
			[]string{"title a1 title: A map @\"A map\" '", "title a2 title: A map"}},
		{"a definition's title over lines in a quote: its links' only",
			"[One][m]\n\n> [m]: /m '\\'\n> y'\n",
			[]string{"paragraph <a1>One</a1> 5:1", "link-title '\ny 5:1"},
			[]string{"title a1 title: '\ny"}},
		{"a figure's title",
			"![Stalls at dawn.](s.jpg \"The bazaar\")\n",
			[]string{"caption Stalls at dawn. 5:1", "link-title The bazaar 5:1"},
			[]string{"title  title: The bazaar"}},
		{"inline HTML's readable attributes",
			"The <abbr title=\"Almaty Bazaar Administration\">ABA</abbr> and <span class=x aria-label='tenge'>₸</span> <img alt=coin src=c.png>.\n",
			[]string{"paragraph The <html1/>ABA<html2/> and <html3/>₸<html4/> <html5/>. 5:1", "html-attr Almaty Bazaar Administration 5:18", "html-attr tenge 5:89", "html-attr coin 5:114"},
			[]string{"htmlattr html1 title: Almaty Bazaar Administration [13:41 \"]", "htmlattr html3 aria-label: tenge [26:31 ']", "htmlattr html5 alt: coin [9:13 \x00]"}},
		{"a heading's and a table cell's",
			"## The [bazaar](/b \"Its site\")\n\n| [a](/a \"Cell title\") |\n|---|\n| b |\n",
			[]string{"heading The <a1>bazaar</a1> 5:4", "link-title Its site 5:8", "cell <a1>a</a1> 7:3", "link-title Cell title 7:3", "cell b 9:3"},
			[]string{"title a1 title: Its site", "title a1 title: Cell title"}},
		{"a tag inside an HTML block's words",
			"<p>See <a href=\"/x\" title=\"The map\">the map</a>.</p>\n",
			[]string{"html See <html1/>the map<html2/>. 5:4", "html-attr The map 5:4"},
			[]string{"htmlattr html1 title: The map [20:27 \"]"}},
		{"no unit: blank, the site generator's code, an unsafe link's",
			"[a](/u \"  \") [b](/u \"{{< param x >}}\") [c](javascript:x \"T\") [d](/d \"D\") <span title=\"{{ .x }}\">e</span>\n",
			[]string{"paragraph <a1>a</a1> <a2>b</a2> c <a3>d</a3> <html1/>e<html2/> 5:1", "link-title D 5:62"},
			[]string{"title a3 title: D"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustSplit(t, "content/x.md", "+++\ntitle = \"T\"\n+++\n\n"+tt.body)
			var got []string
			for _, u := range a.Units[1:] {
				got = append(got, fmt.Sprintf("%s %s %d:%d", u.Kind, u.Text(), u.Pos.Line, u.Pos.Col))
			}
			if strings.Join(got, "\n") != strings.Join(tt.units, "\n") {
				t.Errorf("units:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.units, "\n"))
			}
			if got := attrBlocks(a); strings.Join(got, "\n") != strings.Join(tt.blocks, "\n") {
				t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.blocks, "\n"))
			}
		})
	}
}

// TestAttributeIDsAndNotes: an attribute's unit has an ID derived from its
// text, like a paragraph's (an edit elsewhere changes none), and a note
// that says what it is and where a reader meets it.
func TestAttributeIDsAndNotes(t *testing.T) {
	a := mustSplit(t, "content/x.md", "+++\ntitle = \"T\"\n+++\n\n## Prices\n\nSee [the official statistics](/s \"Bureau of National Statistics\") and <abbr title=\"Almaty Bazaar Administration\">ABA</abbr>.\n\n![Stalls.](s.jpg \"The bazaar\")\n\n![](t.jpg \"Untitled\")\n")
	want := []struct {
		kind Kind
		note string
	}{
		{Heading, "A level-2 section heading."},
		{Paragraph, "Body text, in section “prices”."},
		{LinkTitle, "The title of the link on «the official statistics», shown when a reader points at it."},
		{HTMLAttr, "The title of a <abbr> in «See the official statistics and ABA.» (the article's own HTML): what a reader who cannot see it hears, or sees on pointing at it."},
		{Caption, "A photo caption."},
		{LinkTitle, "The title of the photo captioned «Stalls.», shown when a reader points at it."},
		{LinkTitle, "The title of a photo, shown when a reader points at it."},
	}
	if len(a.Units)-1 != len(want) {
		t.Fatalf("%d units, want %d", len(a.Units)-1, len(want))
	}
	for i, w := range want {
		u := a.Units[i+1]
		if u.Kind != w.kind || u.Context != w.note {
			t.Errorf("unit %d: %s %q, want %s %q", i+1, u.Kind, u.Context, w.kind, w.note)
		}
		if id := textID("x", "prices", u.Kind, u.Text()); u.ID != id {
			t.Errorf("unit %d: ID %s, want %s", i+1, u.ID, id)
		}
	}
	b := mustSplit(t, "content/x.md", strings.Replace(string(a.Source), "## Prices\n\n", "## Prices\n\nA new paragraph.\n\n", 1))
	for _, u := range a.Units {
		if !slices.ContainsFunc(b.Units, func(v Unit) bool { return v.ID == u.ID }) {
			t.Errorf("unit %s (%s) lost its ID when a paragraph was added", u.ID, u.Kind)
		}
	}
}

// TestAttributeChars: a character no edition can carry in a title or an
// attribute's value is found once, at the value, with its unit; one in the
// text after it, with the text's unit.
func TestAttributeChars(t *testing.T) {
	a := mustSplit(t, "content/x.md", "+++\ntitle = \"T\"\n+++\n\nSome <span title=\"&#xFFFE;\">men</span> [came](/c \"a\vb\") \x1b.\n")
	var got []string
	for _, c := range a.Chars {
		got = append(got, fmt.Sprintf("%s %U %s", c.Pos, c.Rune, a.Units[c.Unit].Kind))
	}
	want := "content/x.md:5:19 U+FFFE html-attr\ncontent/x.md:5:52 U+000B link-title\ncontent/x.md:5:57 U+001B paragraph"
	if strings.Join(got, "\n") != want {
		t.Errorf("chars:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestManyAttributesLinear: a paragraph of many titled links and inline
// tags with a title is read in work that grows with its length: each
// attribute's note quoted the whole paragraph's words, read again for
// each. Bytes allocated are counted, not time: four times the text, at
// most five times the bytes.
func TestManyAttributesLinear(t *testing.T) {
	alloc := func(n int) uint64 {
		src := []byte("+++\ntitle = \"T\"\n+++\n\n" + strings.Repeat("[a](/u \"t\") <abbr title=\"x\">b</abbr> ", n) + "\n")
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		a, err := Split("content/x.md", src)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Units) != 2+2*n {
			t.Fatalf("%d units, want %d", len(a.Units), 2+2*n)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	if small, large := alloc(1000), alloc(4000); large > 5*small {
		t.Errorf("%d bytes allocated for 1,000 links and tags, %d for 4,000: the work grows faster than the text", small, large)
	}
}
