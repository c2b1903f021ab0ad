package sitecode

import (
	"bytes"
	"strings"
)

// liquidBodies are Liquid's and Nunjucks' paired tags whose body is not
// Markdown, by the name of their closing tag: a listing to highlight, a
// comment, text that Liquid leaves as it is (raw, Nunjucks' verbatim).
var liquidBodies = map[string]string{
	"highlight": "endhighlight", "comment": "endcomment", "raw": "endraw", "verbatim": "endverbatim",
}

// hugoBodies are Hugo's paired shortcodes whose body is code: a listing to
// highlight, a configuration shown in TOML, YAML and JSON.
var hugoBodies = map[string]bool{"highlight": true, "code-toggle": true}

// body extends c, if it opens a paired code whose body is not Markdown,
// over its body and its closing tag (the first after it, as Liquid reads
// it: a fence between them does not hide it). Without a closing tag, within
// maxBody, c stays the opening tag alone. A raw whose body holds no line
// break ({% raw %}`{{ x }}`{% endraw %} in a sentence) is left so: its
// body is Markdown in a sentence, its site code codes of their own.
func (f *finder) body(c *Code) {
	if c.Closing {
		return
	}
	start, end := -1, -1
	switch c.Kind {
	case Tag:
		closing, ok := liquidBodies[c.Name]
		if !ok {
			return
		}
		start, end = f.next("end:"+closing, closing, c.End, func(at int) (int, int, bool) {
			return f.around(at, len(closing), "{%", "%}", "%}")
		})
	case Shortcode:
		if !hugoBodies[c.Name] {
			return
		}
		name := c.Name
		start, end = f.next("/"+name, name, c.End, func(at int) (int, int, bool) {
			b := back(f.src, at, " \t")
			if b == 0 || f.src[b-1] != '/' {
				return 0, 0, false
			}
			return f.around(b-1, len(name)+at-(b-1), "{{<", ">}}", "%}}")
		})
	default:
		return
	}
	if start < 0 || end-c.Start > maxBody {
		return
	}
	if c.Name == "raw" || c.Name == "verbatim" {
		if nl, _ := f.next("body:\n", "\n", c.End, nil); nl < 0 || nl >= start {
			return
		}
	}
	if c.Name == "highlight" {
		c.Lang = lang(f.src[c.Start:c.End])
	}
	if c.Name == "comment" {
		c.Kind = Comment
	}
	c.BodyStart, c.BodyEnd, c.End = c.End, start, end
}

// around reads a closing tag around the n bytes at f.src[at]: before them
// blanks (and a - that trims) after open (or, for Hugo's, "{{%"), after
// them blanks before one of the closes. It returns where the tag starts
// and ends.
func (f *finder) around(at, n int, open string, closes ...string) (int, int, bool) {
	b := back(f.src, at, " \t\r\n-")
	switch {
	case b >= len(open) && string(f.src[b-len(open):b]) == open:
		b -= len(open)
	case open == "{{<" && b >= 3 && string(f.src[b-3:b]) == "{{%":
		b -= 3
	default:
		return 0, 0, false
	}
	e := at + n
	for k := 0; k < 16 && e < len(f.src) && strings.IndexByte(" \t\r\n-", f.src[e]) >= 0; k++ {
		e++
	}
	for _, cl := range closes {
		if bytes.HasPrefix(f.src[e:], []byte(cl)) {
			return b, e + len(cl), true
		}
	}
	return 0, 0, false
}

// back returns the index before which src[:at] ends in at most 16 bytes of
// set.
func back(src []byte, at int, set string) int {
	for k := 0; k < 16 && at > 0 && strings.IndexByte(set, src[at-1]) >= 0; k++ {
		at--
	}
	return at
}

// lang is the language an opening highlight names: its first argument
// after its name ({% highlight ruby linenos %}, {% highlight "js" %},
// {{< highlight go "linenos=table" >}}), quotes removed; "" if none.
func lang(open []byte) string {
	f := strings.Fields(strings.Trim(string(open), "{}%<>-"))
	if len(f) < 2 {
		return ""
	}
	l := strings.Trim(f[1], `"'-`)
	if strings.ContainsAny(l, "=%<>{}") {
		return ""
	}
	return l
}
