package sitecode

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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
	Name       string // a shortcode's or a tag's name (figure, include, Zola's youtube); "" otherwise
	Closing    bool   // a closing shortcode ({{< /details >}}) or tag ({% endif %}, Zola's {% end %})
	// Params are the named parameters whose values a reader may see (see
	// params.go): every one of a Hugo shortcode's; those of a Liquid or
	// Nunjucks tag and of a Zola shortcode written as strings (unquoted,
	// a value there is a variable or a number); and the alt text of
	// Eleventy Image's {% image "src", "alt" %}, its second argument. In
	// the order they are written.
	Params []Param
	// BodyStart and BodyEnd, when BodyEnd is set, are the body of a
	// paired code that is not Markdown and is kept as written: Liquid's
	// highlight, comment, and raw (over lines; Nunjucks' verbatim too),
	// Hugo's highlight and code-toggle. The code then runs from its
	// opening tag to the end of its closing one, the body between them.
	BodyStart, BodyEnd int
	// Lang is a highlight's language, the first word after its name
	// (ruby, go), quotes removed.
	Lang string
}

// Param is a named parameter of a site generator's code: key="value",
// key='value', key=`value` or key=value.
type Param struct {
	Key        string
	Value      string  // as the site generator reads it: quotes removed, escapes resolved (\" and \\ in Hugo's "…", \" and \' in Liquid's)
	Start, End int     // the value's bytes in the source, inside its quotes
	Quoting    Quoting // how the value is written
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

// maxCode bounds one code's length: a shortcode of more than 64 KiB is no
// shortcode (an unclosed {{ followed by the rest of the article).
const maxCode = 64 << 10

// maxBody bounds what a paired code that is not Markdown may enclose (a
// highlighted listing, a comment): past it, the opening tag is a code of
// its own and the rest is read as Markdown.
const maxBody = 1 << 20

// Find returns the codes in src, in order. Fenced code blocks and code spans
// are skipped: what they hold is shown as written (those that open inside
// a code are no fence and no span: Markdown never reads a code's bytes).
//
// Find reads src once: each delimiter it looks for is found by a search
// that only moves forward (see finder and shown), so that its time grows
// with the source's length, whatever the source holds.
func Find(src []byte) []Code {
	var out []Code
	f := &finder{src: src}
	sh := &shown{src: src}
	for i := 0; i < len(src); i++ {
		if src[i] != '{' {
			continue
		}
		if end := sh.in(i); end >= 0 {
			i = end - 1
			continue
		}
		if c, ok := f.scan(i); ok {
			out = append(out, c)
			i = c.End - 1
			sh.restart(c.End)
		}
	}
	return out
}

// A form is one way of writing a code: its delimiters and its kind.
type form struct {
	open, close string
	kind        Kind
}

// forms are tried in order at each {: the longer openings first.
var forms = []form{
	{"{{</*", "*/>}}", Comment}, {"{{%/*", "*/%}}", Comment},
	{"{{<", ">}}", Shortcode}, {"{{%", "%}}", Shortcode},
	{"{%", "%}", Tag}, {"{{", "}}", Output}, {"{#", "#}", Comment}, {"{:", "}", Attributes},
}

// finder finds codes in src, asked at positions that only grow: each
// search it makes is remembered (cursor) and starts past the last one, so
// that no byte is searched twice for the same thing.
type finder struct {
	src     []byte
	cursors map[string]*cursor // by what is searched: a closing delimiter, a closing tag
	blank   cursor             // the next blank line
}

// cursor is the next place where something was found, at or after the
// position last asked about; at < 0: nowhere after it.
type cursor struct {
	at, end int // where it starts and ends
	set     bool
}

// next returns where needle next occurs in f.src at or after from (from
// never less than in the cursor's last call), for which valid, if given,
// says where the whole of it starts and ends; -1 if nowhere.
func (f *finder) next(key, needle string, from int, valid func(at int) (start, end int, ok bool)) (int, int) {
	if f.cursors == nil {
		f.cursors = map[string]*cursor{}
	}
	c := f.cursors[key]
	if c == nil {
		c = &cursor{}
		f.cursors[key] = c
	}
	if c.set && (c.at < 0 || c.at >= from) {
		return c.at, c.end
	}
	c.set = true
	for p := from; p <= len(f.src); {
		j := bytes.Index(f.src[p:], []byte(needle))
		if j < 0 {
			break
		}
		j += p
		if valid == nil {
			c.at, c.end = j, j+len(needle)
			return c.at, c.end
		}
		if start, end, ok := valid(j); ok && start >= from {
			c.at, c.end = start, end
			return c.at, c.end
		}
		p = j + 1
	}
	c.at, c.end = -1, -1
	return -1, -1
}

// blankLine reports whether a blank line (a line break, blanks, a line
// break) lies wholly in src[from:to]. The blank line found first at or
// after from ends first: it is the one to compare.
func (f *finder) blankLine(from, to int) bool {
	c := &f.blank
	if !c.set || c.at >= 0 && c.at < from {
		c.set, c.at, c.end = true, -1, -1
		for p := from; p < len(f.src); {
			j := bytes.IndexByte(f.src[p:], '\n')
			if j < 0 {
				break
			}
			j += p
			e := j + 1
			for e < len(f.src) && (f.src[e] == ' ' || f.src[e] == '\t' || f.src[e] == '\r') {
				e++
			}
			if e < len(f.src) && f.src[e] == '\n' {
				c.at, c.end = j, e+1
				break
			}
			p = e
		}
	}
	return c.at >= 0 && c.end <= to
}

// scan reads a code starting at f.src[i] == '{'.
func (f *finder) scan(i int) (Code, bool) {
	src := f.src
	for _, fm := range forms {
		if !bytes.HasPrefix(src[i:], []byte(fm.open)) {
			continue
		}
		from := i + len(fm.open)
		end, _ := f.next(fm.close, fm.close, from, nil)
		if end < 0 || end+len(fm.close)-i > maxCode {
			continue // not this form: perhaps a shorter one ({{< … }} is an output)
		}
		if f.blankLine(from, end) {
			continue // a code ends in its paragraph: a blank line ends the paragraph first
		}
		inner := src[from:end]
		switch fm.kind {
		case Attributes:
			// {: alone, or a brace in prose: not kramdown's.
			if nl, _ := f.next("attr\n", "\n", from, nil); nl >= 0 && nl < end {
				continue
			}
			if br, _ := f.next("attr{", "{", from, nil); br >= 0 && br < end {
				continue
			}
			if !hasText(inner) {
				continue
			}
		case Output:
			if !hasText(inner) {
				continue
			}
		}
		c := Code{Start: i, End: end + len(fm.close), Kind: fm.kind}
		if fm.kind == Shortcode || fm.kind == Tag || fm.kind == Output {
			c.read(string(inner), from, fm.close)
		}
		f.body(&c)
		return c, true
	}
	return Code{}, false
}

// hasText reports whether b holds anything but white space, looking no
// further than its first character that is not.
func hasText(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if !unicode.IsSpace(r) {
			return true
		}
		b = b[n:]
	}
	return false
}

// shown finds, as Find moves through a source, its fenced code blocks and
// code spans: where a site generator's syntax is shown, not run (as tilmash
// treats it; Hugo runs shortcodes even there, unless written {{</* … */>}}).
// It reads a line when Find reaches it, and a code found starts it again
// where the code ends: what a code holds (a fence, a backtick) is masked,
// and Markdown never sees it. Every line is read once; a line's code spans
// pair each run of backticks with the next run of the same length.
type shown struct {
	src  []byte
	end  int   // where the text read so far ends
	runs []run // the runs of backticks of the line read last
	j    int   // runs[j:] are those not passed yet
}

// run is a run of backticks: where it is, its length, and the index of the
// next run of the same length on its line (-1: none).
type run struct{ at, n, next int }

// in returns the end of the fenced code block or code span that holds
// byte i, or -1. i never goes back, but to where restart says.
func (sh *shown) in(i int) int {
	for i >= sh.end {
		start := sh.end
		if start >= len(sh.src) {
			return -1
		}
		if start == 0 || sh.src[start-1] == '\n' {
			if end := sh.fence(start); end > 0 {
				sh.end, sh.runs, sh.j = end, sh.runs[:0], 0
				if i < end {
					return end
				}
				continue
			}
		}
		sh.line(start)
	}
	for sh.j < len(sh.runs) {
		r := sh.runs[sh.j]
		if r.next < 0 {
			sh.j++ // no run closes it: no code span
			continue
		}
		if i < r.at {
			return -1
		}
		if end := sh.runs[r.next].at + r.n; i < end {
			return end
		}
		sh.j = r.next + 1
	}
	return -1
}

// restart reads on from byte p, where a code ends: no fence is open there,
// and the runs of backticks before it are no more.
func (sh *shown) restart(p int) {
	if p >= sh.end {
		sh.end, sh.runs, sh.j = p, sh.runs[:0], 0
		return
	}
	for sh.j < len(sh.runs) && sh.runs[sh.j].at < p {
		sh.j++
	}
}

// fence reads a fenced code block opening on the line at start (up to
// three spaces, then ``` or ~~~): it returns where the line that closes it
// ends (the source's end if none does), or 0 if no fence opens there.
func (sh *shown) fence(start int) int {
	src := sh.src
	t := start
	for t < len(src) && src[t] == ' ' {
		t++
	}
	if t-start > 3 || !bytes.HasPrefix(src[t:], []byte("```")) && !bytes.HasPrefix(src[t:], []byte("~~~")) {
		return 0
	}
	n := t
	for n < len(src) && src[n] == src[t] {
		n++
	}
	marks := src[t:n]
	for at := lineEnd(src, start); at < len(src); {
		end := lineEnd(src, at)
		line := bytes.TrimRight(bytes.TrimLeft(src[at:end], " "), " \t\r\n")
		if bytes.HasPrefix(line, marks) {
			return end
		}
		at = end
	}
	return len(src)
}

// line reads the runs of backticks from start to the end of its line.
func (sh *shown) line(start int) {
	src := sh.src
	end := lineEnd(src, start)
	sh.runs, sh.j = sh.runs[:0], 0
	for i := start; i < end; i++ {
		if src[i] != '`' {
			continue
		}
		n := 1
		for i+n < end && src[i+n] == '`' {
			n++
		}
		sh.runs = append(sh.runs, run{at: i, n: n, next: -1})
		i += n - 1
	}
	if len(sh.runs) < 2 {
		sh.end = end
		return
	}
	last := map[int]int{} // by length, the index of the run after this one
	for k := len(sh.runs) - 1; k >= 0; k-- {
		if next, ok := last[sh.runs[k].n]; ok {
			sh.runs[k].next = next
		}
		last[sh.runs[k].n] = k
	}
	sh.end = end
}

// lineEnd is where the line holding byte at ends, past its line break.
func lineEnd(src []byte, at int) int {
	if i := bytes.IndexByte(src[at:], '\n'); i >= 0 {
		return at + i + 1
	}
	return len(src)
}

// Masked is a source with its codes replaced by tokens.
type Masked struct {
	Text   []byte // the source, each code's bytes a token (newlines kept, but in a paired code's body)
	Codes  []Code // the codes, by position
	orig   []byte // the source
	prefix string // what starts every token: absent from the source (it fits the first line of any code: "{{", "{%"…)
}

// Mask replaces each code in src with a token Markdown reads as a word: the
// same number of bytes, the same line breaks; but a paired code whose body
// is not Markdown (Code.BodyEnd) is one word on one line, its line breaks
// too masked: Markdown reads no blank line, no fence, no indentation in
// it, and the paragraph that holds it holds all of it.
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
		width := c.End - c.Start
		if c.BodyEnd == 0 {
			width -= bytes.Count(src[c.Start:c.End], []byte("\n"))
		}
		if width >= len(m.token(len(kept))) {
			kept = append(kept, c)
		}
	}
	m.Codes = kept
	for i, c := range kept {
		tok := m.token(i)
		k := 0
		for j := c.Start; j < c.End; j++ {
			if src[j] == '\n' && c.BodyEnd == 0 {
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
