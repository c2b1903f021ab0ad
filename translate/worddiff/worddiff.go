// Package worddiff shows what changed between two versions of a text word
// by word, as git diff --word-diff=plain writes it: deleted words in
// [-…-], inserted ones in {+…+}. A translator revising a stale entry reads
// "he worked [-whilst-]{+while+} living" instead of two whole paragraphs.
package worddiff

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation mark, with the white space before it.
type token struct {
	space, text string
}

// tokens splits s into words (letters, digits, and the apostrophes and
// hyphens inside them) and single punctuation marks.
func tokens(s string) []token {
	var out []token
	for i := 0; i < len(s); {
		start := i
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
		if i == len(s) {
			if i > start && len(out) > 0 {
				out = append(out, token{space: s[start:i]})
			}
			break
		}
		wordStart := i
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if isWord(r) {
			for i < len(s) {
				r, n := utf8.DecodeRuneInString(s[i:])
				if isWord(r) || (r == '\'' || r == '’' || r == '-') && i+n < len(s) && nextIsWord(s[i+n:]) {
					i += n
					continue
				}
				break
			}
		}
		out = append(out, token{space: s[start:wordStart], text: s[wordStart:i]})
	}
	return out
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

func nextIsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWord(r)
}

// op is one step of the edit script: a token kept, deleted or inserted.
type op struct {
	kind byte // '=', '-', '+'
	tok  token
}

// maxCells bounds the table of the longest common subsequence: texts
// longer than that (far beyond any paragraph) are shown as replaced whole.
const maxCells = 4 << 20

// script returns the edit script from a to b: the longest common
// subsequence of their tokens, by dynamic programming over what remains
// after the common prefix and suffix.
func script(a, b []token) []op {
	var pre, suf []op
	for len(a) > 0 && len(b) > 0 && a[0].text == b[0].text {
		pre = append(pre, op{'=', b[0]})
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1].text == b[len(b)-1].text {
		suf = append(suf, op{'=', b[len(b)-1]})
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	var mid []op
	if (len(a)+1)*(len(b)+1) > maxCells {
		for _, t := range a {
			mid = append(mid, op{'-', t})
		}
		for _, t := range b {
			mid = append(mid, op{'+', t})
		}
	} else {
		mid = lcs(a, b)
	}
	out := append(pre, mid...)
	for i := len(suf) - 1; i >= 0; i-- {
		out = append(out, suf[i])
	}
	return out
}

func lcs(a, b []token) []op {
	n, m := len(a), len(b)
	w := m + 1
	l := make([]int32, (n+1)*w) // l[i*w+j]: LCS length of a[i:] and b[j:]
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i].text == b[j].text {
				l[i*w+j] = l[(i+1)*w+j+1] + 1
			} else {
				l[i*w+j] = max(l[(i+1)*w+j], l[i*w+j+1])
			}
		}
	}
	var out []op
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i].text == b[j].text:
			out = append(out, op{'=', b[j]})
			i, j = i+1, j+1
		case l[(i+1)*w+j] >= l[i*w+j+1]:
			out = append(out, op{'-', a[i]})
			i++
		default:
			out = append(out, op{'+', b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, op{'-', a[i]})
	}
	for ; j < m; j++ {
		out = append(out, op{'+', b[j]})
	}
	return out
}

// Diff writes new with the words of old it dropped in [-…-] and the ones it
// added in {+…+}, keeping up to context unchanged words around each change
// and writing "…" for the rest (context < 0 keeps every word). It returns
// "" when the two texts have the same words.
func Diff(old, new string, context int) string {
	ops := script(tokens(old), tokens(new))
	changed := false
	for _, o := range ops {
		if o.kind != '=' {
			changed = true
			break
		}
	}
	if !changed {
		return ""
	}
	// Which kept words to show: those within context of a change.
	show := make([]bool, len(ops))
	for i, o := range ops {
		if o.kind != '=' || context < 0 {
			show[i] = true
			continue
		}
	}
	if context >= 0 {
		for i, o := range ops {
			if o.kind == '=' {
				continue
			}
			for k := 1; k <= context; k++ {
				if i-k >= 0 && ops[i-k].kind == '=' {
					show[i-k] = true
				}
				if i+k < len(ops) && ops[i+k].kind == '=' {
					show[i+k] = true
				}
			}
		}
	}
	var b strings.Builder
	elided := false
	for i := 0; i < len(ops); {
		o := ops[i]
		if !show[i] {
			if !elided {
				if b.Len() > 0 {
					b.WriteString(" ")
				}
				b.WriteString("…")
				elided = true
			}
			i++
			continue
		}
		elided = false
		if o.kind == '=' {
			if b.Len() > 0 || i > 0 {
				b.WriteString(o.tok.space)
			}
			b.WriteString(o.tok.text)
			i++
			continue
		}
		// A run of changes: its deletions, then its insertions.
		j := i
		var del, ins []token
		for ; j < len(ops) && ops[j].kind != '='; j++ {
			if ops[j].kind == '-' {
				del = append(del, ops[j].tok)
			} else {
				ins = append(ins, ops[j].tok)
			}
		}
		lead := ""
		if b.Len() > 0 {
			lead = " "
			if len(ins) > 0 && ins[0].space == "" || len(ins) == 0 && len(del) > 0 && del[0].space == "" {
				lead = ""
			}
		}
		b.WriteString(lead)
		if len(del) > 0 {
			b.WriteString("[-" + join(del) + "-]")
		}
		if len(ins) > 0 {
			b.WriteString("{+" + join(ins) + "+}")
		}
		i = j
	}
	return strings.TrimSpace(b.String())
}

// join writes tokens with the white space between them (none before the first).
func join(ts []token) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteString(t.space)
		}
		b.WriteString(t.text)
	}
	return strings.TrimSpace(b.String())
}
