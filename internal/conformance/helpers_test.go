package conformance

import (
	"strings"
	"testing"
)

// TestPseudo: every word is marked, and what a translator keeps is kept.
func TestPseudo(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hello, world.", "⟦Hello⟧, ⟦world⟧."},
		{"It's 150 tenge", "⟦It⟧'⟦s⟧ 150 ⟦tenge⟧"},
		{"<em>fresh</em> <a1>bread</a1><code1/>", "<em>⟦fresh⟧</em> <a1>⟦bread⟧</a1><code1/>"},
		{"{{.Number1}} men, {{.Name}}", "{{.Number1}} ⟦men⟧, {{.Name}}"},
		{`a {{"{{"}} b`, `⟦a⟧ {{"{{"}} ⟦b⟧`},
		{"&lt;br/> &amp;lt; x", "&lt;⟦br⟧/> &amp;⟦lt⟧; ⟦x⟧"},
		{"Алматы, é", "⟦Алматы⟧, ⟦é⟧"},
		{"e\u0301t\u00e9", "⟦e\u0301t\u00e9⟧"},
		{"a < b", "⟦a⟧ < ⟦b⟧"},
	}
	for _, tt := range tests {
		if got := Pseudo(tt.in); got != tt.want {
			t.Errorf("Pseudo(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLeakCheckers: the checkers see English where a reader would, and
// only there.
func TestLeakCheckers(t *testing.T) {
	page := `<html><head><title>⟦T⟧</title></head><body><nav class="languages">English</nav><article>
<p>⟦Marked⟧ <code>code</code> <time>⟦March⟧ 2024</time> ↩︎ ≧̸</p>
<p title="Title">⟦ok⟧</p><img alt="⟦ok⟧"><img alt="Photo"><span aria-label="Label">⟦x⟧</span>
<pre>pre</pre><p>Left</p><!-- comment --></article></body></html>`
	ls, err := htmlLeaks([]byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range ls {
		got = append(got, l.Where+" "+strings.Join(l.Words, " "))
	}
	want := []string{"/html/body/article/p@title Title", "/html/body/article/img@alt Photo", "/html/body/article/span@aria-label Label", "/html/body/article/p Left"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("htmlLeaks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ls, _ := htmlLeaks([]byte(`<p>March 14, 2024</p>`), "March 14, 2024"); len(ls) != 0 {
		t.Errorf("the date is no leak: %v", ls)
	}
	text := "⟦Title⟧\n=======\n\n• [x] ⟦Buy⟧\n\n    rent = 150_000\n\n⟦See⟧ [1] and\nleft\n\n[1] https://example.org/a-page\n"
	ls = textLeaks(text, []string{"rent = 150_000", "https://example.org/a-page"})
	if len(ls) != 2 || ls[0].Where != "line 8" || strings.Join(ls[0].Words, " ") != "and" || ls[1].Where != "line 9" {
		t.Errorf("textLeaks = %v, want lines 8 (and) and 9 (left)", ls)
	}
	if w := english("⟦open⟧ ⟦cut"); len(w) != 0 {
		t.Errorf("english(an open mark) = %q", w)
	}
}

// TestSkeleton: the structure compared is the elements and their
// attributes, not the words, the readable attributes or a heading's id.
func TestSkeleton(t *testing.T) {
	a := skeleton(render([]byte("# Prices\n\n[a](http://www.x.org \"T\") *b*\n")))
	b := skeleton(render([]byte("# ⟦Prices⟧\n\n[⟦a⟧](https://www.x.org \"⟦T⟧\") *⟦b⟧*\n")))
	if a != b {
		t.Errorf("the same structure compares unequal:\n%s\n%s", a, b)
	}
	if c := skeleton(render([]byte("# Prices\n\n[a](/y) b\n"))); c == a {
		t.Error("a lost emphasis and another address compare equal")
	}
}

// TestParseCases reads goldmark's test case format.
func TestParseCases(t *testing.T) {
	data := "1\n//- - - - - - - - -//\na\n//- - - - - - - - -//\n<p>a</p>\n//= = = = = = = = = = = = = = = = = = = = = = = =//\n\n\n" +
		"2: a description\n    OPTIONS: {\"enableEscape\": true}\n//- - - - - - - - -//\nb\\tc\n\n//- - - - - - - - -//\n<p>b</p>\n//= = = = = = = = = = = = = = = = = = = = = = = =//\n"
	cases, err := parseCases([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 || cases[0].no != 1 || cases[0].markdown != "a\n" || cases[1].no != 2 || cases[1].markdown != "b\tc\n\n" {
		t.Errorf("cases = %+v", cases)
	}
	if _, err := parseCases([]byte("x\n")); err == nil {
		t.Error("a case without a number is read")
	}
}
