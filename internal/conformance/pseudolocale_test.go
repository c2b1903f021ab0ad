package conformance

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tilmash/tilmash/internal/parallel"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/segment"
	"github.com/tilmash/tilmash/translate/sitecode"
)

// TestPseudoLocale builds every article of the corpus in en-XA, whose every
// unit is Pseudo's (each word ⟦marked⟧), and requires of each:
//
//   - leak: no edition (the HTML page, the EPUB's documents, the text, and
//     the Markdown as Hugo renders it) shows a reader a word outside the
//     marks, in its text or its readable attributes (alt, title,
//     aria-label…), code and addresses aside;
//   - units: the Markdown edition, split again, gives the article's units,
//     of the same kinds, with the same words once the marks are gone;
//   - structure: Hugo renders the Markdown edition to the same elements,
//     with the same attributes, as the article.
func TestPseudoLocale(t *testing.T) {
	t.Parallel()
	p, samples := theProject(t)
	found := make([][]finding, len(samples))
	parallel.For(len(samples), func(i int) {
		if a := p.Articles[samples[i].Slug]; a != nil {
			found[i] = pseudoFindings(p, samples[i], a)
		}
	})
	var fs []finding
	for _, f := range found {
		fs = append(fs, f...)
	}
	judge(t, p, fs, checkLeak, checkUnits, checkStructure)
}

// pseudoFindings checks the en-XA editions of one article.
func pseudoFindings(p *project, s sample, a *segment.Article) []finding {
	var fs []finding
	add := func(format string, ls []leak, err error) {
		if err != nil {
			fs = append(fs, finding{Sample: s.Name, Check: checkLeak, Format: format, Text: err.Error()})
		}
		for _, l := range ls {
			fs = append(fs, finding{Sample: s.Name, Check: checkLeak, Format: format, Where: l.Where, Text: l.Text, Words: l.Words})
		}
	}
	ed := p.Edition(pseudoTag, s.Slug)
	var date string
	if ed != nil && ed.Meta[segment.Date] != nil {
		date = markup.PlainText(ed.Meta[segment.Date].Nodes)
	}
	ls, err := htmlLeaks(p.File(pseudoTag, s.Slug, "html"), date)
	add("html", ls, err)
	ls, err = epubLeaks(p.File(pseudoTag, s.Slug, "epub"), date)
	add("epub", ls, err)
	add("txt", textLeaks(string(p.File(pseudoTag, s.Slug, "txt")), append(verbatim(a), date)), nil)

	md := p.File(pseudoTag, s.Slug, "md")
	b, err := segment.Split("content/"+s.Name+".md", md)
	if err != nil {
		return append(fs, finding{Sample: s.Name, Check: checkUnits, Format: "md", Text: err.Error()})
	}
	ls, err = htmlLeaks(alertMarker.ReplaceAll(renderSite(b.Source[b.BodyStart:]), nil), "")
	add("md", ls, err)
	fs = append(fs, fieldLeaks(s.Name, a, b)...)
	fs = append(fs, paramLeaks(s.Name, b)...)

	// The units, read back.
	var want, got []string
	for _, u := range a.Units {
		want = append(want, string(u.Kind)+" "+u.Text())
	}
	for _, u := range b.Units {
		got = append(got, string(u.Kind)+" "+strings.NewReplacer(open, "", close, "").Replace(u.Text()))
	}
	if w, g := strings.Join(want, "\n"), strings.Join(got, "\n"); w != g {
		fs = append(fs, finding{Sample: s.Name, Check: checkUnits, Format: "md", Text: "units " + lineDiff(w, g)})
	}
	// The structure, as Hugo renders it.
	if w, g := skeleton(renderSite(a.Source[a.BodyStart:])), skeleton(renderSite(b.Source[b.BodyStart:])); w != g {
		fs = append(fs, finding{Sample: s.Name, Check: checkStructure, Format: "md", Text: "elements " + lineDiff(w, g)})
	}
	return fs
}

// alertMarker is a GitHub alert's marker ([!NOTE]) in Hugo's rendering of
// a block quote, which Hugo's templates draw as the alert's box: syntax,
// not words.
var alertMarker = regexp.MustCompile(`(<blockquote>\s*<p>)\[!(?i:note|tip|important|warning|caution)\]`)

// fieldLeaks are the English of the front-matter fields that are units,
// in the Markdown edition b of article a.
func fieldLeaks(name string, a, b *segment.Article) []finding {
	var fs []finding
	for _, f := range a.Meta.Fields {
		field, ok := b.Meta.FrontMatter.Field(f.Path)
		if !ok {
			fs = append(fs, finding{Sample: name, Check: checkLeak, Format: "md", Where: "front matter " + f.Path, Text: "the field is gone"})
			continue
		}
		if s, ok := field.Value.(string); ok {
			if w := english(s); len(w) > 0 {
				fs = append(fs, finding{Sample: name, Check: checkLeak, Format: "md", Where: "front matter " + f.Path, Text: s, Words: w})
			}
		}
	}
	return fs
}

// paramLeaks are the English of the readable parameters (caption, alt,
// title…) of the site generators' code in the Markdown edition b: the
// rest of the code is the site generator's, and Hugo's Markdown never
// sees it.
//
// sitecode reads the parameters; those of Liquid's tags and Zola's
// shortcodes ({% include x.html caption="…" %}, {{ youtube(caption="…") }})
// are read here too, as key="value", and the alt of Eleventy Image's
// {% image "src", "alt" %}, on their own: a parameter sitecode missed
// would stay English unseen.
func paramLeaks(name string, b *segment.Article) []finding {
	var fs []finding
	for _, c := range sitecode.Find(b.Source) {
		code := string(b.Source[c.Start:c.End])
		if c.BodyEnd > 0 {
			code = string(b.Source[c.Start:c.BodyStart]) // a highlight's listing, a raw, a comment: as written
		}
		params := map[string][]string{} // each key's values, as sitecode reads them and as read here
		for _, p := range c.Params {
			params[p.Key] = append(params[p.Key], p.Value)
		}
		if c.Kind != sitecode.Shortcode {
			for _, m := range keyValue.FindAllStringSubmatch(code, -1) {
				params[m[1]] = append(params[m[1]], m[2]+m[3])
			}
			if m := imageAlt.FindStringSubmatch(code); m != nil {
				params["alt"] = append(params["alt"], m[1])
			}
		}
		for key, values := range params {
			if !slices.Contains(segment.DefaultShortcodeParams, key) {
				continue
			}
			slices.Sort(values)
			for _, value := range slices.Compact(values) {
				if w := english(value); len(w) > 0 {
					fs = append(fs, finding{Sample: name, Check: checkLeak, Format: "md", Where: "code " + shorten(code) + " " + key, Text: value, Words: w})
				}
			}
		}
	}
	return fs
}

// keyValue is a named parameter of a Liquid tag or a Zola shortcode;
// imageAlt the alt text of Eleventy Image's shortcode.
var (
	keyValue = regexp.MustCompile(`\b([a-z]+)\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	imageAlt = regexp.MustCompile(`^\{%-?\s*image\s+(?:"[^"]*"|'[^']*')\s*,?\s*["']([^"']*)["']`)
)

// verbatim is what an article shows as it is written, in every language:
// code, the site generators' code, raw HTML, addresses.
func verbatim(a *segment.Article) []string {
	var out []string
	var nodes func(ns []markup.Node)
	nodes = func(ns []markup.Node) {
		for _, n := range ns {
			switch n.Kind {
			case markup.Code, markup.Template, markup.HTML:
				out = append(out, n.Text)
			case markup.Link, markup.Image:
				out = append(out, n.Href)
			}
			nodes(n.Children)
		}
	}
	for _, u := range a.Units {
		for _, n := range u.Tags {
			nodes([]markup.Node{n})
		}
	}
	var blocks func(bs []segment.Block)
	blocks = func(bs []segment.Block) {
		for _, b := range bs {
			if b.Literal != "" {
				out = append(out, strings.Split(b.Literal, "\n")...)
			}
			if b.Src != "" {
				out = append(out, b.Src)
			}
			blocks(b.Children)
		}
	}
	blocks(a.Blocks)
	return out
}
