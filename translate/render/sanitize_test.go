package render

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// hostileArticle is an article whose editor wrote raw HTML a reader's
// browser must never run.
const hostileArticle = `+++
title = "Raw HTML"
+++

Before the block.

<script>alert("block")</script>

<div class="note" onclick="alert('div')">A note<br>on two lines &amp; <img src="x" onerror="alert('img')"></div>

<p><a href="javascript:alert('a')">a link</a> <iframe src="https://evil.example/"></iframe><style>body{display:none}</style></p>

Inline <span onmouseover="alert('span')">tag</span> and <script>alert("inline")</script> end.
`

func TestEditorsHTMLIsSanitised(t *testing.T) {
	_, ed := english(t, "content/raw.md", []byte(hostileArticle))
	page := string(HTML(ed, Page{}))
	book, warnings := EPUB(ed, Page{})
	z, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var chapter string
	for _, f := range z.File {
		if strings.HasSuffix(f.Name, ".xhtml") && !strings.Contains(f.Name, "nav") {
			rc, _ := f.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			chapter += string(data)
		}
	}
	// The Markdown edition is what the editor wrote, their HTML included:
	// the site generator that reads it applies its own policy (Hugo drops
	// raw HTML unless the site trusts it). Only pages tilmash renders
	// itself are sanitised.
	md := string(Markdown(ed))
	if body := hostileArticle[strings.Index(hostileArticle, "\nBefore"):]; !strings.HasSuffix(md, body) {
		t.Errorf("the Markdown edition does not keep the editor's text as written:\n%s", md)
	}
	for name, out := range map[string]string{"HTML": page, "EPUB": chapter} {
		for _, bad := range []string{"<script", "onclick", "onerror", "onmouseover", "javascript:", "<iframe", "<style>body"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s edition holds %q", name, bad)
			}
		}
		for _, want := range []string{`class="note"`, "A note", "a link", "Before the block.", "end."} {
			if !strings.Contains(out, want) {
				t.Errorf("%s edition lost %q", name, want)
			}
		}
	}
	// The inline script's words stay as inert text, never as a script.
	if !strings.Contains(page, "alert(&#34;inline&#34;)") && !strings.Contains(page, "alert(&quot;inline&quot;)") && !strings.Contains(page, `alert("inline")`) {
		t.Errorf("the inline script's words are not shown as text")
	}
	if !strings.Contains(chapter, "<br/>") {
		t.Errorf("EPUB: the <br> is not written as XML")
	}
	d := xml.NewDecoder(strings.NewReader(chapter))
	for {
		if _, err := d.Token(); err != nil {
			if !errors.Is(err, io.EOF) {
				t.Errorf("EPUB chapter is not well-formed XML: %v", err)
			}
			break
		}
	}
	if len(warnings) == 0 {
		t.Errorf("no warning says the HTML was sanitised")
	}
}

// TestEditorsHTMLKeepsThePageWhole: an editor's end tag that closes
// nothing the editor opened (a lone </article>, </body>, </html>, </p>,
// </section>…) is left out of the HTML page, wherever it stands, so the
// page's own elements hold what they hold; what raw HTML opens and
// closes, as a <div> around paragraphs, keeps its structure; what it
// leaves open is closed where its container ends. The markers are
// paragraphs whose place in the page the cases check.
func TestEditorsHTMLKeepsThePageWhole(t *testing.T) {
	tests := []struct {
		name, body string
		in         map[string]string // marker text → the element (tag.class) that must hold it
	}{
		{"a lone </article>", "Before.\n\n</article>\n\nThe end.\n", map[string]string{"The end.": "article"}},
		{"</body></html>", "Before.\n\n</body></html>\n\nThe end.\n", map[string]string{"The end.": "article"}},
		{"</main>, </header>, </figure>, </div>", "Before.\n\n</main></header></figure></div>\n\nThe end.\n", map[string]string{"The end.": "article"}},
		{"inline </p> and </article>", "One </p> two </article> three.\n\nThe end.\n", map[string]string{"The end.": "article", "One  two  three.": "p"}},
		{"</section> in a profile", "## Dmitri, 31 {.profile}\n\nIn </section> it.\n\n</section>\n\nStill in.\n", map[string]string{"Still in.": "section.profile", "In  it.": "section.profile"}},
		{"</blockquote> in a quotation", "> Quoted.\n>\n> </blockquote>\n>\n> Quoted too.\n\nThe end.\n", map[string]string{"Quoted too.": "blockquote", "The end.": "article"}},
		{"</li> in a list", "- One </li></ul> item.\n- Two.\n\nThe end.\n", map[string]string{"Two.": "ul", "The end.": "article"}},
		{"</em> inside emphasis", "*Lean </em> text* after.\n\nThe end.\n", map[string]string{"Lean  text": "em", "The end.": "article"}},
		{"a <div> around paragraphs", "<div class=\"note\">\n\nInside.\n\n</div>\n\nThe end.\n", map[string]string{"Inside.": "div.note", "The end.": "article"}},
		{"a <span> left open", "An <span class=\"x\">open span.\n\nThe end.\n", map[string]string{"The end.": "article"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ed := english(t, "content/a.md", []byte("+++\ntitle = \"T\"\n+++\n\n"+tt.body))
			page := string(HTML(ed, Page{}))
			doc, err := html.Parse(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			articles, footer := 0, false
			var walk func(n *html.Node, path []*html.Node)
			walk = func(n *html.Node, path []*html.Node) {
				if n.Type == html.ElementNode && n.Data == "article" {
					articles++
				}
				if n.Type == html.TextNode {
					text := strings.TrimSpace(n.Data)
					if want, ok := tt.in[text]; ok {
						if !inside(path, want) {
							t.Errorf("%q is not inside a %s: %s\n%s", text, want, describePath(path), page)
						}
						delete(tt.in, text)
					}
				}
				if n.Type == html.ElementNode && n.Data == "p" && len(path) > 0 && path[len(path)-1].Data == "body" {
					footer = true // a paragraph of the article's outside it
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c, append(path, n))
				}
			}
			walk(doc, nil)
			if articles != 1 || footer {
				t.Errorf("%d <article> elements, paragraphs outside it: %v\n%s", articles, footer, page)
			}
			for text := range tt.in {
				t.Errorf("%q is not on the page as a text of its own\n%s", text, page)
			}
		})
	}
}

// inside reports whether path (from the root) holds an element want,
// written tag or tag.class.
func inside(path []*html.Node, want string) bool {
	tag, class, _ := strings.Cut(want, ".")
	for _, n := range path {
		if n.Type == html.ElementNode && n.Data == tag && (class == "" || slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "class" && a.Val == class })) {
			return true
		}
	}
	return false
}

func describePath(path []*html.Node) string {
	var s []string
	for _, n := range path {
		if n.Type == html.ElementNode {
			s = append(s, n.Data)
		}
	}
	return strings.Join(s, " > ")
}

// TestEditorHTMLAsWritten: a newsroom that trusts its editors publishes
// their HTML as written (a video embed's <iframe>); by default the
// sanitiser leaves it out, with a warning. The page's structure is kept
// whole either way.
func TestEditorHTMLAsWritten(t *testing.T) {
	src := "+++\ntitle = \"Video\"\n+++\n\nWatch:\n\n<iframe src=\"https://video.example/embed/1\" title=\"The walk\"></iframe>\n\n<div>Text</div></article>\n"
	_, ed := english(t, "content/v.md", []byte(src))
	page := string(HTML(ed, Page{}))
	if strings.Contains(page, "<iframe") {
		t.Errorf("by default the editor's <iframe> is published")
	}
	trusted := string(HTML(ed, Page{EditorHTML: true}))
	if !strings.Contains(trusted, `<iframe src="https://video.example/embed/1" title="The walk"></iframe>`) {
		t.Errorf("as written, the <iframe> is not published:\n%s", trusted)
	}
	if err := pageWhole([]byte(trusted)); err != nil {
		t.Errorf("as written: %v", err)
	}
}
