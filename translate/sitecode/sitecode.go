package sitecode

import (
	"bytes"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Kind says what a code is.
type Kind int

// The kinds of code.
const (
	Shortcode  Kind = iota // Hugo's {{< name … >}} or {{% name … %}}
	Tag                    // Liquid's and Nunjucks' {% … %}
	Output                 // {{ … }}: Liquid, Nunjucks, a site's own templates
	Comment                // {# … #}, or an escaped shortcode {{</* … */>}}
	Attributes             // kramdown's attribute list {: .lead}
)

// Code is one piece of site-generator syntax in a source.
type Code struct {
	Start, End int    // its bytes in the source
	Kind       Kind   // what it is
	Name       string // a shortcode's or a tag's name (figure, include); "" otherwise
	Closing    bool   // a closing shortcode ({{< /details >}}) or tag ({% endif %})
	Params     []Param
}

// Param is a named parameter of a shortcode: key="value" or key=`value`.
type Param struct {
	Key        string
	Value      string // as Hugo reads it: quotes removed, \" and \\ resolved in "…"
	Start, End int    // the value's bytes in the source, inside its quotes
	Raw        bool   // written `…`: no escapes
}

// Param returns the value of the named parameter and whether it is set.
func (c Code) Param(key string) (Param, bool) {
	for _, p := range c.Params {
		if p.Key == key {
			return p, true
		}
	}
	return Param{}, false
}

// blankLine is a line of blanks inside a would-be code.
var blankLine = regexp.MustCompile(`\n[ \t\r]*\n`)

// maxCode bounds one code's length: a shortcode of more than 64 KiB is no
// shortcode (an unclosed {{ followed by the rest of the article).
const maxCode = 64 << 10

// Find returns the codes in src, in order. Fenced code blocks and code spans
// are skipped: what they hold is shown as written.
func Find(src []byte) []Code {
	var out []Code
	skip := codeRanges(src)
	k := 0
	for i := 0; i < len(src); i++ {
		for k < len(skip) && skip[k][1] <= i {
			k++
		}
		if k < len(skip) && i >= skip[k][0] {
			i = skip[k][1] - 1
			continue
		}
		if src[i] != '{' {
			continue
		}
		if c, ok := scan(src, i); ok {
			out = append(out, c)
			i = c.End - 1
		}
	}
	return out
}

// scan reads a code starting at src[i] == '{'.
func scan(src []byte, i int) (Code, bool) {
	rest := src[i:min(len(src), i+maxCode)]
	type form struct {
		open, close string
		kind        Kind
	}
	for _, f := range []form{
		{"{{</*", "*/>}}", Comment}, {"{{%/*", "*/%}}", Comment},
		{"{{<", ">}}", Shortcode}, {"{{%", "%}}", Shortcode},
		{"{%", "%}", Tag}, {"{{", "}}", Output}, {"{#", "#}", Comment}, {"{:", "}", Attributes},
	} {
		if !bytes.HasPrefix(rest, []byte(f.open)) {
			continue
		}
		end := bytes.Index(rest[len(f.open):], []byte(f.close))
		if end < 0 {
			continue // not this form: perhaps a shorter one ({{< … }} is an output)
		}
		inner := rest[len(f.open) : len(f.open)+end]
		if blankLine.Match(inner) {
			continue // a code ends in its paragraph: a blank line ends the paragraph first
		}
		if f.kind == Attributes && (bytes.ContainsAny(inner, "\n{") || len(bytes.TrimSpace(inner)) == 0) {
			continue // {: alone, or a brace in prose: not kramdown's
		}
		if f.kind == Output && len(bytes.TrimSpace(inner)) == 0 {
			continue
		}
		c := Code{Start: i, End: i + len(f.open) + end + len(f.close), Kind: f.kind}
		if f.kind == Shortcode || f.kind == Tag {
			c.name(inner, i+len(f.open))
		}
		return c, true
	}
	return Code{}, false
}

// name reads a shortcode's or a tag's name and a shortcode's parameters
// from its inner text, which starts at byte at of the source.
func (c *Code) name(inner []byte, at int) {
	s := string(inner)
	i := 0
	skipSpace := func() {
		for i < len(s) && strings.IndexByte(" \t\n\r-", s[i]) >= 0 { // - : {%- trimmed -%}
			i++
		}
	}
	skipSpace()
	if i < len(s) && s[i] == '/' {
		c.Closing = true
		i++
		skipSpace()
	}
	start := i
	for i < len(s) && !strings.ContainsRune(" \t\n\r/", rune(s[i])) {
		i++
	}
	c.Name = s[start:i]
	if c.Kind == Tag && strings.HasPrefix(c.Name, "end") {
		c.Closing = true
	}
	if c.Kind != Shortcode {
		return
	}
	for i < len(s) {
		skipSpace()
		kstart := i
		for i < len(s) && (s[i] == '_' || s[i] == '-' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9') {
			i++
		}
		if i == kstart || i >= len(s) || s[i] != '=' {
			// A positional parameter, or the closing /: step over a word or
			// a quoted string.
			if i < len(s) && (s[i] == '"' || s[i] == '`') {
				if _, j, ok := quoted(s, i); ok {
					i = j
					continue
				}
			}
			if i == kstart {
				i++
			}
			continue
		}
		key := s[kstart:i]
		i++ // =
		if i < len(s) && (s[i] == '"' || s[i] == '`') {
			v, j, ok := quoted(s, i)
			if !ok {
				return
			}
			c.Params = append(c.Params, Param{Key: key, Value: v, Start: at + i + 1, End: at + j - 1, Raw: s[i] == '`'})
			i = j
			continue
		}
		vstart := i
		for i < len(s) && !strings.ContainsRune(" \t\n\r", rune(s[i])) {
			i++
		}
		c.Params = append(c.Params, Param{Key: key, Value: s[vstart:i], Start: at + vstart, End: at + i})
	}
}

// quoted reads the string quoted at s[i] ('"' or '`'): its value, and the
// index just past its closing quote.
func quoted(s string, i int) (string, int, bool) {
	q := s[i]
	var b strings.Builder
	for j := i + 1; j < len(s); j++ {
		switch {
		case s[j] == q:
			return b.String(), j + 1, true
		case q == '"' && s[j] == '\\' && j+1 < len(s):
			j++
			b.WriteByte(s[j])
		default:
			b.WriteByte(s[j])
		}
	}
	return "", 0, false
}

// Quote writes text as a shortcode parameter's value in the quoting of p:
// inside "…", a quotation mark and a backslash escaped; inside `…`, as it
// is (a backtick cannot be written there: it becomes a ’).
func (p Param) Quote(text string) string {
	if p.Raw {
		return strings.ReplaceAll(text, "`", "’")
	}
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(text)
}

// codeRanges returns the byte ranges of src's fenced code blocks and code
// spans, in order: where a site generator's syntax is shown, not run (as
// tilmash treats it; Hugo runs shortcodes even there, unless written
// {{</* … */>}}).
func codeRanges(src []byte) [][2]int {
	var out [][2]int
	lineStart := 0
	fence := ""
	fenceStart := 0
	for lineStart < len(src) {
		lineEnd := bytes.IndexByte(src[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(src)
		} else {
			lineEnd += lineStart + 1
		}
		line := string(src[lineStart:lineEnd])
		t := strings.TrimLeft(line, " ")
		switch {
		case fence != "":
			if strings.HasPrefix(strings.TrimRight(t, " \t\r\n"), fence) {
				out = append(out, [2]int{fenceStart, lineEnd})
				fence = ""
			}
		case len(line)-len(t) <= 3 && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")):
			n := 0
			for n < len(t) && t[n] == t[0] {
				n++
			}
			fence, fenceStart = t[:n], lineStart
		default:
			out = append(out, spans(src, lineStart, lineEnd)...)
		}
		lineStart = lineEnd
	}
	if fence != "" {
		out = append(out, [2]int{fenceStart, len(src)})
	}
	return out
}

// spans returns the code spans of one line: a run of backticks to the next
// run of the same length.
func spans(src []byte, from, to int) [][2]int {
	var out [][2]int
	for i := from; i < to; i++ {
		if src[i] != '`' {
			continue
		}
		n := 0
		for i+n < to && src[i+n] == '`' {
			n++
		}
		run := bytes.Repeat([]byte("`"), n)
		j := i + n
		for {
			k := bytes.Index(src[j:to], run)
			if k < 0 {
				i += n - 1
				break
			}
			k += j
			m := 0
			for k+m < to && src[k+m] == '`' {
				m++
			}
			if m == n {
				out = append(out, [2]int{i, k + n})
				i = k + n - 1
				break
			}
			j = k + m
		}
	}
	return out
}

// Masked is a source with its codes replaced by tokens.
type Masked struct {
	Text   []byte // the source, each code's bytes a token (newlines kept)
	Codes  []Code // the codes, by position
	orig   []byte // the source
	prefix string // what starts every token: absent from the source (it fits the first line of any code: "{{", "{%"…)
}

// Mask replaces each code in src with a token Markdown reads as a word: the
// same number of bytes, the same line breaks.
func Mask(src []byte, codes []Code) *Masked {
	m := &Masked{Text: bytes.Clone(src), Codes: codes, orig: src}
	for _, p := range []string{"Tz", "Qx", "Jq", "Vw", "Kj", "Zq", "Xk"} {
		if !bytes.Contains(src, []byte(p)) {
			m.prefix = p
			break
		}
	}
	if m.prefix == "" {
		m.prefix = "Tz" // every candidate appears: Unmask checks a token's whole text
	}
	// A code too short for its token (a {{x}} past the ten-thousandth) is
	// left to Markdown as it is.
	kept := codes[:0:0]
	for _, c := range codes {
		width := c.End - c.Start - bytes.Count(src[c.Start:c.End], []byte("\n"))
		if width >= len(m.token(len(kept))) {
			kept = append(kept, c)
		}
	}
	m.Codes = kept
	for i, c := range kept {
		tok := m.token(i)
		k := 0
		for j := c.Start; j < c.End; j++ {
			if src[j] == '\n' {
				continue
			}
			if k < len(tok) {
				m.Text[j] = tok[k]
			} else {
				m.Text[j] = 'z'
			}
			k++
		}
	}
	return m
}

// token is the i-th code's token, before its padding.
func (m *Masked) token(i int) string { return m.prefix + strconv.Itoa(i) + "z" }

// Unmask returns s, text the masked source gave (a link's address, a
// code block), with every whole token replaced by the code it stands for.
func (m *Masked) Unmask(s string) string {
	if m == nil || len(m.Codes) == 0 || !strings.Contains(s, m.prefix) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], m.prefix)
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		j += i
		b.WriteString(s[i:j])
		k := j + len(m.prefix)
		e := k
		var id strings.Builder // the token's number, which a code's line break may split
		for e < len(s) && (s[e] >= '0' && s[e] <= '9' || s[e] == '\n') {
			if s[e] != '\n' {
				id.WriteByte(s[e])
			}
			e++
		}
		n, err := strconv.Atoi(id.String())
		if err != nil || e >= len(s) || s[e] != 'z' || n < 0 || int(n) >= len(m.Codes) {
			b.WriteString(m.prefix)
			i = k
			continue
		}
		c := m.Codes[n]
		tok := string(m.Text[c.Start:c.End])
		if !strings.HasPrefix(s[j:], tok) {
			b.WriteString(m.prefix)
			i = k
			continue
		}
		b.Write(m.orig[c.Start:c.End])
		i = j + len(tok)
	}
	return b.String()
}

// At returns the codes that overlap bytes [start, end) of the source, in
// order.
func (m *Masked) At(start, end int) []Code {
	if m == nil {
		return nil
	}
	i := sort.Search(len(m.Codes), func(i int) bool { return m.Codes[i].End > start })
	var out []Code
	for ; i < len(m.Codes) && m.Codes[i].Start < end; i++ {
		out = append(out, m.Codes[i])
	}
	return out
}
