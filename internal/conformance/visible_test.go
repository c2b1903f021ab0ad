package conformance

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// unmarked is s without its marked words: what of it no translation wrote.
func unmarked(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, open)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteByte(' ')
		j := strings.Index(s[i:], close)
		if j < 0 {
			return b.String() // an open mark never closed: its word was cut
		}
		s = s[i+j+len(close):]
	}
}

// english returns the words of s written outside the marks: the English a
// reader of en-XA would see.
func english(s string) []string {
	words := strings.FieldsFunc(unmarked(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) })
	// A mark alone (a variation selector after ↩, a combining
	// solidus after ≧) is no word.
	return slices.DeleteFunc(words, func(w string) bool { return strings.IndexFunc(w, unicode.IsLetter) < 0 })
}

// A leak is English a reader sees in an edition of en-XA.
type leak struct {
	Where string // the element and attribute, or the line, holding it
	Text  string // the text, as the edition has it
	Words []string
}

// shorten cuts s to 100 characters, for a message.
func shorten(s string) string {
	if r := []rune(s); len(r) > 100 {
		return string(r[:100]) + "…"
	}
	return s
}

// skipped are the elements whose content is no text for a translator:
// code, and the page's scripts and styles.
var skipped = []string{"code", "pre", "kbd", "samp", "script", "style"}

// readable are the attributes a reader sees or hears: shown when the
// pointer rests, read aloud, shown in place of an image or in an empty
// field.
var readable = []string{"alt", "title", "aria-label", "aria-description", "aria-roledescription", "aria-placeholder", "aria-valuetext", "placeholder", "label"}

// htmlLeaks returns the English in the text and readable attributes of an
// HTML or XHTML document. date is the article's date as the edition
// writes it: CLDR's, for the locale (en-XA's is English's), not a unit.
func htmlLeaks(doc []byte, date string) ([]leak, error) {
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		return nil, err
	}
	var out []leak
	var walk func(n *html.Node, path string)
	walk = func(n *html.Node, path string) {
		switch n.Type {
		case html.ElementNode:
			if slices.Contains(skipped, n.Data) || n.Data == "nav" && attr(n, "class") == "languages" {
				return // the language switcher names each language in itself
			}
			path += "/" + n.Data
			for _, a := range n.Attr {
				if slices.Contains(readable, a.Key) || a.Key == "value" && n.Data == "input" && slices.Contains([]string{"button", "submit", "reset"}, attr(n, "type")) ||
					a.Key == "content" && n.Data == "meta" && slices.Contains([]string{"description", "og:title", "og:description", "twitter:title", "twitter:description"}, attr(n, "name")+attr(n, "property")) {
					if w := english(a.Val); len(w) > 0 {
						out = append(out, leak{path + "@" + a.Key, a.Val, w})
					}
				}
			}
		case html.TextNode:
			if date != "" && strings.TrimSpace(n.Data) == date {
				return
			}
			if w := english(n.Data); len(w) > 0 {
				out = append(out, leak{path, strings.TrimSpace(n.Data), w})
			}
		case html.CommentNode:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, path)
		}
	}
	walk(root, "")
	return out, nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// epubLeaks returns the English of an EPUB's documents: its XHTML and the
// title and description of its package document.
func epubLeaks(book []byte, date string) ([]leak, error) {
	z, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		return nil, err
	}
	var out []leak
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		switch {
		case strings.HasSuffix(f.Name, ".xhtml"):
			ls, err := htmlLeaks(data, date)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f.Name, err)
			}
			for _, l := range ls {
				l.Where = f.Name + ":" + l.Where
				out = append(out, l)
			}
		case strings.HasSuffix(f.Name, ".opf"):
			for _, el := range []string{"dc:title", "dc:description"} {
				s := string(data)
				for {
					i := strings.Index(s, "<"+el)
					if i < 0 {
						break
					}
					s = s[i:]
					start := strings.IndexByte(s, '>') + 1
					end := strings.Index(s, "</"+el+">")
					text := html.UnescapeString(s[start:end])
					if w := english(text); len(w) > 0 {
						out = append(out, leak{f.Name + ":" + el, text, w})
					}
					s = s[end:]
				}
			}
		}
	}
	return out, nil
}

// textLeaks returns the English of a text edition, less what it shows of
// the article verbatim (code, addresses) and a task's box ([x]), by line.
func textLeaks(text string, verbatim []string) []leak {
	text = taskBox.ReplaceAllString(text, "$1")
	flat := strings.Join(strings.Fields(text), " ")
	slices.SortFunc(verbatim, func(a, b string) int { return len(b) - len(a) }) // the longest first
	for _, v := range verbatim {
		if v = strings.Join(strings.Fields(v), " "); v != "" {
			flat = strings.ReplaceAll(flat, v, " ")
		}
	}
	if w := english(flat); len(w) > 0 {
		var out []leak
		for i, line := range strings.Split(text, "\n") {
			if w := english(line); len(w) > 0 {
				out = append(out, leak{fmt.Sprintf("line %d", i+1), line, w})
			}
		}
		// Words the line-by-line view blames on verbatim text
		// wrapped over lines: keep only the lines holding a word
		// left after the verbatim text went.
		left := map[string]bool{}
		for _, x := range w {
			left[x] = true
		}
		return slices.DeleteFunc(out, func(l leak) bool {
			return !slices.ContainsFunc(l.Words, func(x string) bool { return left[x] })
		})
	}
	return nil
}

// taskBox is a task list item's box in the text edition: "• [x] ".
var taskBox = regexp.MustCompile(`(?m)^(\s*(?:•|\d+\.) )\[[x ]\] `)

// skeleton is an HTML document's elements, in order, with their attributes
// but the readable ones, and its text's marks and letters left out.
func skeleton(doc []byte) string {
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		return err.Error()
	}
	var b strings.Builder
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if n.Type == html.ElementNode {
			b.WriteString(strings.Repeat(" ", depth) + n.Data)
			for _, a := range n.Attr {
				if slices.Contains(readable, a.Key) || a.Key == "id" && len(n.Data) == 2 && n.Data[0] == 'h' {
					continue // a heading's id, which Hugo makes of its words
				}
				if a.Key == "href" {
					// A bare www. address: goldmark links it to http://,
					// Hugo to https:// (linkifyProtocol), as tilmash does.
					a.Val = strings.Replace(a.Val, "http://www.", "https://www.", 1)
				}
				fmt.Fprintf(&b, " %s=%q", a.Key, a.Val)
			}
			b.WriteString("\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	return b.String()
}
