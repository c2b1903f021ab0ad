package markup

import (
	"iter"
	"strings"
)

// TokenKind says what a piece of message text is.
type TokenKind uint8

// The kinds of token.
const (
	Plain       TokenKind = iota // text: a "<" that starts no tag and a "{{" that starts no placeholder are text too
	Escaped                      // an escape: &lt; (Name "<"), &amp; (Name "&") or {{"{{"}} (Name "{{"), as Escape writes them
	Open                         // an opening tag: <em>, <a1>
	Close                        // a closing tag: </em>, </a1>
	SelfClosing                  // a tag that stands alone: <code1/>, <br/>
	Placeholder                  // a template placeholder: {{.Number1}}, {{ .Name }}
)

// Token is one piece of message text, as Tokens reads it.
type Token struct {
	Kind       TokenKind // what the piece is
	Name       string    // a tag's name (em, a1, code1, br), a placeholder's (Number1), what an escape stands for; "" for Plain
	Start, End int       // the piece's byte offsets in the text
}

// Tag reports whether t is a tag: Open, Close or SelfClosing.
func (t Token) Tag() bool { return t.Kind == Open || t.Kind == Close || t.Kind == SelfClosing }

// Code reports whether t is a tag or a placeholder: what a translator
// keeps and moves but does not translate.
func (t Token) Code() bool { return t.Tag() || t.Kind == Placeholder }

// braces is how Escape writes "{{": text/template's constant "{{".
const braces = `{{"{{"}}`

// Tokens reads message text s into its pieces, in order; together they
// cover s, and no two Plain pieces are next to each other. It is the one
// reader of tags and placeholders: every package that looks for them
// calls it.
//
// A tag is what Decode reads as one: "<", an optional "/", lower-case
// ASCII letters, optional digits, then ">" or (not after "</") "/>". So
// "<br/>" is a tag and "<br />", "<a1 href>", "</em/>", "<a1b>", "<3" and
// "<EM>" are text (which Decode rejects). A placeholder is what package
// placeholder lets through to the template engine: "{{", optional spaces,
// ".", a Go identifier of ASCII letters, digits and underscores, optional
// spaces, "}}". Any other "{{" (an action such as {{- .X -}} or
// {{range}}, an unclosed {{.Name}) is text, and so is the action up to
// its first "}}", so that {{{.A}}} holds no placeholder, as the template
// engine reads it; tags inside such an action are still tags, as Decode
// reads them.
func Tokens(s string) iter.Seq[Token] {
	return func(yield func(Token) bool) {
		plain := 0  // where the text not yet yielded starts
		action := 0 // where the action that is no placeholder ends, if one was read
		for i := 0; i < len(s); {
			j := strings.IndexAny(s[i:], "<&{")
			if j < 0 {
				break
			}
			i += j
			t, skip := codeAt(s, i, i < action)
			if skip > 0 {
				if skip == len("{{") { // an action that is no placeholder
					action, _ = ActionEnd(s, i)
				}
				i += skip
				continue
			}
			if plain < i && !yield(Token{Kind: Plain, Start: plain, End: i}) {
				return
			}
			if !yield(t) {
				return
			}
			i, plain = t.End, t.End
		}
		if plain < len(s) {
			yield(Token{Kind: Plain, Start: plain, End: len(s)})
		}
	}
}

// Verbatim yields, in order, where each piece of s that is not words
// starts and ends: what a transform of the words (a transliteration, a
// figure's decimal separator) leaves as written. The pieces are the tags
// and placeholders Tokens reads (Token.Code) and each template action that
// is no placeholder ({{- .X -}}, {{.Номер}}, {{range}}): from a "{{" that
// Tokens reads as text to its first "}}", tags inside it included. Package
// placeholder refuses a message that holds such an action; kept as
// written, the action stays refused after a transform, which could
// otherwise make {{.Нумбер1}} the placeholder {{.Number1}}. A "{{" that
// is never closed is words, as are escapes (&lt;): a transform of the
// words writes no "}}" to close it with.
func Verbatim(s string) iter.Seq2[int, int] {
	return func(yield func(start, end int) bool) {
		end := 0 // where the last piece yielded ends
		for t := range Tokens(s) {
			switch {
			case t.Code():
				if t.Start < end { // a tag inside an action
					continue
				}
				if !yield(t.Start, t.End) {
					return
				}
				end = t.End
			case t.Kind == Plain:
				// Each "{{" of text outside an action opens one.
				for i := max(t.Start, end); i < t.End; i = end {
					j := strings.Index(s[i:t.End], "{{")
					if j < 0 {
						break
					}
					e, closed := ActionEnd(s, i+j)
					if !closed {
						break
					}
					if !yield(i+j, e) {
						return
					}
					end = e
				}
			}
		}
	}
}

// ActionEnd is where the template action that starts with the "{{" at
// s[i:] ends: just after its first "}}", as Verbatim and package
// placeholder both read it. If it has none, it runs to the end of s and
// closed is false.
func ActionEnd(s string, i int) (end int, closed bool) {
	if end := strings.Index(s[i+len("{{"):], "}}"); end >= 0 {
		return i + len("{{") + end + len("}}"), true
	}
	return len(s), false
}

// codeAt reads the token that is not text at s[i:], where s[i] is one of
// "<&{"; inAction, a "{{" is text. If there is no token it returns how
// many bytes of text to pass over: 2 for the "{{" of an action that is no
// placeholder, else 1.
func codeAt(s string, i int, inAction bool) (t Token, skip int) {
	rest := s[i:]
	switch rest[0] {
	case '<':
		name, closing, self, n := scanTag(rest)
		switch {
		case n == 0:
			return t, 1
		case closing:
			return Token{Close, name, i, i + n}, 0
		case self:
			return Token{SelfClosing, name, i, i + n}, 0
		}
		return Token{Open, name, i, i + n}, 0
	case '&':
		switch {
		case strings.HasPrefix(rest, "&lt;"):
			return Token{Escaped, "<", i, i + len("&lt;")}, 0
		case strings.HasPrefix(rest, "&amp;"):
			return Token{Escaped, "&", i, i + len("&amp;")}, 0
		}
		return t, 1
	}
	if inAction || !strings.HasPrefix(rest, "{{") {
		return t, 1
	}
	if strings.HasPrefix(rest, braces) {
		return Token{Escaped, "{{", i, i + len(braces)}, 0
	}
	if name, n := scanPlaceholder(rest); n > 0 {
		return Token{Placeholder, name, i, i + n}, 0
	}
	return t, len("{{")
}

// scanPlaceholder reads a placeholder such as {{.Name}} or {{ .Name }} at
// the start of s. It returns n == 0 if s does not start with one.
func scanPlaceholder(s string) (name string, n int) {
	i := len("{{")
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i == len(s) || s[i] != '.' {
		return "", 0
	}
	i++
	start := i
	for i < len(s) && (s[i] == '_' || 'a' <= s[i] && s[i] <= 'z' || 'A' <= s[i] && s[i] <= 'Z' || i > start && '0' <= s[i] && s[i] <= '9') {
		i++
	}
	if i == start {
		return "", 0
	}
	name = s[start:i]
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if !strings.HasPrefix(s[i:], "}}") {
		return "", 0
	}
	return name, i + len("}}")
}
