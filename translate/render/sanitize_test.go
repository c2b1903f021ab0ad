package render

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
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
	md := string(Markdown(ed))
	for name, out := range map[string]string{"HTML": page, "EPUB": chapter, "Markdown": md} {
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
