package sitecode

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// Quoting is how a parameter's value is written in its code: what a new
// value written there must follow to be read back as it is and to leave
// the code whole. The zero Quoting is no parameter's.
type Quoting struct {
	Mark     byte     // the quotation mark: '"', '\'' or '`'; 0 for a bare word
	Escaping Escaping // what a backslash does in it
	Close    string   // the delimiter that ends the code (%}, }}, >}}, %}}): never in a value
}

// Escaping is what a backslash does in a parameter's value.
type Escaping uint8

// The escapings.
const (
	_      Escaping = iota
	Bare            // Hugo's key=value: a word, unquoted
	Hugo            // Hugo's "…": a backslash takes the character after it as it is (\" is ", \\ is \); no line break
	Liquid          // Jekyll's include's and Nunjucks' "…" and '…': a backslash before the quotation mark is the mark; elsewhere, itself
	Raw             // Hugo's `…`, Tera's (Zola's) strings: no escapes, and no way to write the quotation mark
)

// IsZero reports whether q is no parameter's quoting.
func (q Quoting) IsZero() bool { return q.Escaping == 0 }

// Write writes text as a value quoted as q, for the place inside the quotes
// (a bare value's place: where the word stands), so that the code reads it
// back, and reads it back as text where text came from the code itself
// (an untranslated value is written as it stands). Whatever text holds,
// the code stays whole:
//
//   - Hugo: a quotation mark and a backslash are escaped (\", \\), but a
//     backslash at the end is ＼ (Hugo takes one before the closing quote
//     for an escape, and the site does not build), and a line break is a
//     space (Hugo refuses one in "…");
//   - Liquid: the quotation mark is escaped (\" or \'), and a backslash
//     that would escape it, or the closing quote, becomes ＼;
//   - Raw: the quotation mark becomes a typographic one (“…”, ‘…’ and ’,
//     or ’ for a backtick);
//   - Bare: a word as it is; anything else is written as Hugo's "…";
//   - in every one, a blank line is a line break (it would end the
//     paragraph, and the code with it), and the code's closing delimiter
//     is set apart by a space (% }, } }, >} }, %} }): Liquid ends a tag at
//     the first %}, and tilmash reads every code to its first closing
//     delimiter, in quotes or not.
func (q Quoting) Write(text string) string {
	text = blankLines.ReplaceAllString(text, "\n")
	switch q.Escaping {
	case Bare:
		if bareWord(text) && !strings.Contains(text, q.Close) {
			return text
		}
		return `"` + Quoting{Mark: '"', Escaping: Hugo, Close: q.Close}.Write(text) + `"`
	case Hugo:
		// A backslash at the end would stand before the closing quote,
		// which Hugo (0.111) takes for an escape whatever comes before it:
		// the shortcode would never end, and the site not build.
		trimmed := strings.TrimRight(text, `\`)
		tail := strings.Repeat("＼", len(text)-len(trimmed))
		text = strings.NewReplacer(`\`, `\\`, string(q.Mark), `\`+string(q.Mark), "\r\n", " ", "\n", " ", "\r", " ").Replace(trimmed) + tail
	case Liquid:
		text = liquidEscape(text, q.Mark)
	case Raw:
		switch q.Mark {
		case '"':
			text = typographic(text, '"', "“", "”")
		case '\'':
			text = typographic(text, '\'', "‘", "’")
		default:
			text = strings.ReplaceAll(text, string(q.Mark), "’")
		}
	}
	return apart(text, q.Close)
}

// Quote writes text as the value of p, as p's Quoting says.
func (p Param) Quote(text string) string { return p.Quoting.Write(text) }

// blankLines is a run of blank lines.
var blankLines = regexp.MustCompile(`\n[ \t\r]*\n(?:[ \t\r]*\n)*`)

// liquidEscape writes text for a Liquid string quoted with mark, as
// liquidString reads it: the mark escaped; a backslash and the character
// after it, a pair, as they are; a backslash before the mark or at the
// end, which would escape the mark, as ＼.
func liquidEscape(text string, mark byte) string {
	if strings.IndexByte(text, '\\') < 0 && strings.IndexByte(text, mark) < 0 {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		switch {
		case text[i] == '\\' && i+1 < len(text) && text[i+1] != mark:
			b.WriteString(text[i : i+2])
			i++
		case text[i] == '\\':
			b.WriteString("＼")
		case text[i] == mark:
			b.WriteByte('\\')
			b.WriteByte(mark)
		default:
			b.WriteByte(text[i])
		}
	}
	return b.String()
}

// bareWord reports whether text can be written as a Hugo parameter's
// unquoted value: letters, digits and - _ . , : / + only.
func bareWord(text string) bool {
	if text == "" {
		return false
	}
	for _, r := range text {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || unicode.IsLetter(r) || strings.ContainsRune("-_.,:/+", r)) {
			return false
		}
	}
	return true
}

// typographic replaces each quotation mark q in text with open where a
// quotation opens (at the start, after a blank or an opening bracket or
// quote) and with close elsewhere.
func typographic(text string, q byte, open, close string) string {
	if strings.IndexByte(text, q) < 0 {
		return text
	}
	var b strings.Builder
	prev := rune(-1)
	for _, r := range text {
		if r == rune(q) {
			if prev < 0 || strings.ContainsRune("([{«„‘“—–-/", prev) || unicode.IsSpace(prev) {
				b.WriteString(open)
			} else {
				b.WriteString(close)
			}
		} else {
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// apart writes a space before the last character of each occurrence of
// close in text (% }, } }, >} }): the code's closing delimiter is not
// left in a value.
func apart(text, close string) string {
	if close == "" || !strings.Contains(text, close) {
		return text
	}
	var b strings.Builder
	head, last := close[:len(close)-1], close[len(close)-1]
	for i := 0; i < len(text); i++ {
		if text[i] == last && strings.HasSuffix(b.String(), head) {
			b.WriteByte(' ')
		}
		b.WriteByte(text[i])
	}
	return b.String()
}

// read reads a code's name, whether it closes, and its parameters from its
// inner text (what its delimiters enclose), which starts at byte at of
// the source. Every byte of inner is looked at a bounded number of times.
func (c *Code) read(inner string, at int, close string) {
	s := inner
	i := skip(s, 0, " \t\n\r-") // - : {%- trimmed -%}
	if c.Kind == Shortcode && i < len(s) && s[i] == '/' {
		c.Closing = true
		i = skip(s, i+1, " \t\n\r")
	}
	start := i
	switch c.Kind {
	case Shortcode:
		for i < len(s) && !strings.ContainsRune(" \t\n\r/", rune(s[i])) {
			i++
		}
	default:
		for i < len(s) && isNameByte(s[i]) {
			i++
		}
	}
	name := strings.TrimRight(s[start:i], "-")
	paren := skip(s, i, " \t\n\r")
	call := name != "" && paren < len(s) && s[paren] == '(' // Zola's shortcode: name(key="value")
	switch {
	case c.Kind == Shortcode:
		c.Name = name
		c.hugoParams(s, i, at, close)
	case c.Kind == Tag:
		c.Name = name
		c.Closing = strings.HasPrefix(name, "end")
		switch {
		case call:
			c.callParams(s, paren+1, at, close)
		case !expressionTags[name]:
			c.tagParams(s, i, at, close)
		}
	case c.Kind == Output && call:
		c.Name = name
		c.callParams(s, paren+1, at, close)
	}
	sort.SliceStable(c.Params, func(i, j int) bool { return c.Params[i].Start < c.Params[j].Start })
}

// expressionTags are Liquid's and Nunjucks' tags whose arguments are
// expressions, not parameters: {% assign title = "x" %} names a variable.
var expressionTags = map[string]bool{
	"assign": true, "capture": true, "case": true, "when": true, "cycle": true, "increment": true,
	"decrement": true, "echo": true, "for": true, "if": true, "elsif": true, "elif": true, "elseif": true,
	"else": true, "unless": true, "tablerow": true, "liquid": true, "set": true, "macro": true,
	"call": true, "import": true, "from": true, "extends": true, "block": true, "filter": true, "with": true,
}

// hugoParams reads a Hugo shortcode's named parameters from s[i:]:
// key="value" (escapes \" and \\), key=`value` (none), key=value.
func (c *Code) hugoParams(s string, i, at int, close string) {
	for i < len(s) {
		i = skip(s, i, " \t\n\r-")
		kstart := i
		for i < len(s) && isKeyByte(s[i]) {
			i++
		}
		if i == kstart || i >= len(s) || s[i] != '=' {
			// A positional parameter, or the closing /: step over a word or
			// a quoted string. An unclosed string, which Hugo refuses, ends
			// the reading.
			if i < len(s) && (s[i] == '"' || s[i] == '`') {
				_, j, ok := hugoString(s, i)
				if !ok {
					return
				}
				i = j
				continue
			}
			if i == kstart {
				i++
			}
			continue
		}
		key := s[kstart:i]
		i++ // =
		if i < len(s) && (s[i] == '"' || s[i] == '`') {
			v, j, ok := hugoString(s, i)
			if !ok {
				return
			}
			q := Quoting{Mark: s[i], Escaping: Hugo, Close: close}
			if s[i] == '`' {
				q.Escaping = Raw
			}
			c.Params = append(c.Params, Param{Key: key, Value: v, Start: at + i + 1, End: at + j - 1, Quoting: q})
			i = j
			continue
		}
		vstart := i
		for i < len(s) && !strings.ContainsRune(" \t\n\r", rune(s[i])) {
			i++
		}
		if i > vstart { // key= and a blank: no value
			c.Params = append(c.Params, Param{Key: key, Value: s[vstart:i], Start: at + vstart, End: at + i, Quoting: Quoting{Escaping: Bare, Close: close}})
		}
	}
}

// hugoString reads the string quoted at s[i] ('"' or '`'): its value, and
// the index just past its closing quote; in "…", \" and \\ are resolved,
// and a line break ends the reading, as in Hugo.
func hugoString(s string, i int) (string, int, bool) {
	q := s[i]
	var b strings.Builder
	for j := i + 1; j < len(s); j++ {
		switch {
		case s[j] == q:
			return b.String(), j + 1, true
		case q == '"' && s[j] == '\n':
			return "", 0, false
		case q == '"' && s[j] == '\\' && j+1 < len(s):
			j++
			b.WriteByte(s[j])
		default:
			b.WriteByte(s[j])
		}
	}
	return "", 0, false
}

// tagParams reads a Liquid or Nunjucks tag's parameters from s[i:] (its
// arguments, after its name): key="value" and key='value', as Jekyll's
// include and Nunjucks' keyword arguments write them, separated by blanks
// or commas. An unquoted value is a variable: not read. The second of the
// arguments written as strings of Eleventy Image's {% image "src", "alt" %}
// is its alt text. An unclosed string ends the reading.
func (c *Code) tagParams(s string, i, at int, close string) {
	var strs []Param // the arguments that are strings, without a key
	for i < len(s) {
		i = skip(s, i, " \t\n\r,")
		if i >= len(s) {
			break
		}
		if s[i] == '"' || s[i] == '\'' {
			p, j, ok := liquidString(s, i, at, close)
			if !ok {
				return
			}
			strs = append(strs, p)
			i = j
			continue
		}
		k := i
		for k < len(s) && isKeyByte(s[k]) {
			k++
		}
		if k == i {
			i++ // an operator, a filter's |, a bracket
			continue
		}
		e := skip(s, k, " \t\n\r")
		if e >= len(s) || s[e] != '=' || e+1 < len(s) && s[e+1] == '=' {
			i = k // a word: a file name, a variable
			continue
		}
		v := skip(s, e+1, " \t\n\r")
		if v < len(s) && (s[v] == '"' || s[v] == '\'') {
			p, j, ok := liquidString(s, v, at, close)
			if !ok {
				return
			}
			p.Key = s[i:k]
			c.Params = append(c.Params, p)
			i = j
			continue
		}
		i = v // a variable or a number: the next turns step over it
	}
	if c.Name == "image" && len(strs) >= 2 {
		alt := strs[1]
		alt.Key = "alt"
		c.Params = append(c.Params, alt)
	}
}

// liquidString reads the string quoted at s[i] (a double or a single
// quote) as Jekyll's include reads it: a backslash takes the byte after it
// along, and a backslash before the quotation mark is the mark. It returns the parameter (Key unset) and
// the index just past its closing quote.
func liquidString(s string, i, at int, close string) (Param, int, bool) {
	q := s[i]
	var b strings.Builder
	for j := i + 1; j < len(s); j++ {
		switch {
		case s[j] == q:
			return Param{Value: b.String(), Start: at + i + 1, End: at + j, Quoting: Quoting{Mark: q, Escaping: Liquid, Close: close}}, j + 1, true
		case s[j] == '\\' && j+1 < len(s):
			if s[j+1] != q {
				b.WriteByte('\\')
			}
			j++
			b.WriteByte(s[j])
		default:
			b.WriteByte(s[j])
		}
	}
	return Param{}, 0, false
}

// callParams reads the arguments of a Zola shortcode, name(key="value",
// key=3), from s[i:], just past its opening parenthesis, to the closing
// one: Tera's strings ("…", '…', `…`) have no escapes. A value that is no
// string (a number, true, an array) is not read; an unclosed string ends
// the reading.
func (c *Code) callParams(s string, i, at int, close string) {
	for i < len(s) {
		i = skip(s, i, " \t\n\r,")
		if i >= len(s) || s[i] == ')' {
			return
		}
		if strings.IndexByte("\"'`", s[i]) >= 0 {
			j := strings.IndexByte(s[i+1:], s[i])
			if j < 0 {
				return
			}
			i += j + 2 // a string without a key
			continue
		}
		k := i
		for k < len(s) && isKeyByte(s[k]) {
			k++
		}
		if k == i {
			i++
			continue
		}
		e := skip(s, k, " \t\n\r")
		if e >= len(s) || s[e] != '=' || e+1 < len(s) && s[e+1] == '=' {
			i = k
			continue
		}
		v := skip(s, e+1, " \t\n\r")
		if v < len(s) && strings.IndexByte("\"'`", s[v]) >= 0 {
			j := strings.IndexByte(s[v+1:], s[v])
			if j < 0 {
				return
			}
			j += v + 1
			c.Params = append(c.Params, Param{Key: s[i:k], Value: s[v+1 : j], Start: at + v + 1, End: at + j, Quoting: Quoting{Mark: s[v], Escaping: Raw, Close: close}})
			i = j + 1
			continue
		}
		i = v
	}
}

// skip returns the index of the first byte of s at or after i that is not
// one of set.
func skip(s string, i int, set string) int {
	for i < len(s) && strings.IndexByte(set, s[i]) >= 0 {
		i++
	}
	return i
}

// isKeyByte reports whether b may be part of a parameter's key.
func isKeyByte(b byte) bool {
	return b == '_' || b == '-' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// isNameByte reports whether b may be part of a Liquid tag's, a Nunjucks
// tag's or a Zola shortcode's name.
func isNameByte(b byte) bool { return isKeyByte(b) }
