package segment

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/tilmash/tilmash/translate/xmlchar"
)

// Char is a character of an article that no edition can carry (package
// xmlchar: a vertical tab, an escape, U+FFFE…). The article's editions
// are not published while it holds one; check reports each.
type Char struct {
	// Pos is where the character stands in the file; for one written as a
	// character reference (&#11;) or a TOML escape (\u000B), where the text
	// that holds it starts.
	Pos  Pos
	Rune rune // the character
	// Unit is the index in Article.Units of the unit whose text holds it,
	// or -1: a code block, raw HTML, an address, a front-matter field
	// passed through, a comment.
	Unit int
}

// place is a piece of an article's text that is in no unit but reaches an
// edition, decoded as the edition has it (an HTML block's character
// references resolved, a front-matter field's TOML escapes), with the
// bytes of the file it comes from.
type place struct {
	pos        Pos
	start, end int // in the file
	text       string
}

// chars finds the characters of src (the whole file, as Split read it)
// that no edition can carry: every one the file holds, at its position,
// with the unit whose text holds it; and those that only a character
// reference or an escape writes, where their unit or place starts.
// attrs are, by unit, the blocks of the readable attributes of its tags
// (a link's title, an inline tag's alt): units of their own, which hold
// what they hold, not their tag's unit; inside its text, each is read
// first.
func chars(src []byte, units []Unit, places []place, attrs map[int][]Block) []Char {
	type hit struct {
		off  int
		r    rune
		used bool
	}
	var hits []*hit
	for off := 0; off < len(src); {
		i, r := xmlchar.Index(string(src[off:]))
		if i < 0 {
			break
		}
		hits = append(hits, &hit{off: off + i, r: r})
		_, n := utf8.DecodeRune(src[off+i:])
		off += i + max(n, 1)
	}
	bads := make([]string, len(units))
	some := len(hits) > 0
	inTag := map[int]bool{}
	for _, kids := range attrs {
		for _, k := range kids {
			inTag[k.Unit] = true
		}
	}
	for i := range units {
		bads[i] = badRunes(unitTexts(&units[i], attrs[i]))
		some = some || bads[i] != ""
	}
	for _, p := range places {
		some = some || badRunes([]string{p.text}) != ""
	}
	if !some {
		return nil // the common case
	}
	lines := []int{0} // the offset at which each line starts
	for i, c := range src {
		if c == '\n' {
			lines = append(lines, i+1)
		}
	}
	posAt := func(file string, off int) Pos {
		line := sort.SearchInts(lines, off+1) // lines starting at or before off
		return Pos{file, line, utf8.RuneCount(src[lines[line-1]:off]) + 1}
	}
	offsetOf := func(p Pos) int {
		if p.Line < 1 || p.Line > len(lines) {
			return len(src)
		}
		off := lines[p.Line-1]
		for col := 1; col < p.Col && off < len(src) && src[off] != '\n'; col++ {
			_, n := utf8.DecodeRune(src[off:])
			off += n
		}
		return off
	}
	var out []Char
	starts := make([]int, len(units))
	var outer []int // the starts of the units not in a tag
	for i := range units {
		starts[i] = offsetOf(units[i].Pos)
		if !inTag[i] {
			outer = append(outer, starts[i])
		}
	}
	sorted := slices.Sorted(slices.Values(starts))
	slices.Sort(outer)
	// The units in a tag first: the text of their tag's unit runs past
	// them.
	order := make([]int, 0, len(units))
	for i := range units {
		if inTag[i] {
			order = append(order, i)
		}
	}
	for i := range units {
		if !inTag[i] {
			order = append(order, i)
		}
	}
	for _, i := range order {
		bad := bads[i]
		if len(bad) == 0 {
			continue
		}
		// The unit's text runs from its start to the next unit's (for a
		// unit not in a tag, the next such unit's).
		next := outer
		if inTag[i] {
			next = sorted
		}
		end := len(src)
		if j := sort.SearchInts(next, starts[i]+1); j < len(next) {
			end = next[j]
		}
		found := false
		for _, h := range hits {
			if !h.used && starts[i] <= h.off && h.off < end && strings.ContainsRune(bad, h.r) {
				h.used, found = true, true
				out = append(out, Char{Pos: posAt(units[i].Pos.File, h.off), Rune: h.r, Unit: i})
			}
		}
		if !found { // written as a reference or an escape
			r, _ := utf8.DecodeRuneInString(bad)
			out = append(out, Char{Pos: units[i].Pos, Rune: r, Unit: i})
		}
	}
	file := ""
	if len(units) > 0 {
		file = units[0].Pos.File
	}
	for _, p := range places {
		bad := badRunes([]string{p.text})
		if len(bad) == 0 {
			continue
		}
		inFile := false
		for _, h := range hits {
			inFile = inFile || p.start <= h.off && h.off < p.end && strings.ContainsRune(bad, h.r)
		}
		if !inFile {
			r, _ := utf8.DecodeRuneInString(bad)
			out = append(out, Char{Pos: p.pos, Rune: r, Unit: -1})
		}
		file = p.pos.File
	}
	for _, h := range hits {
		if !h.used {
			out = append(out, Char{Pos: posAt(file, h.off), Rune: h.r, Unit: -1})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		return a.Line < b.Line || a.Line == b.Line && (a.Col < b.Col || a.Col == b.Col && out[i].Rune < out[j].Rune)
	})
	return out
}

// unitTexts is what of a unit reaches an edition: its English, and what
// its tags stand for (a link's address and title, a code span, raw HTML
// with its character references resolved, as a browser reads them),
// but the readable attributes that are units of their own (attrs).
func unitTexts(u *Unit, attrs []Block) []string {
	var out []string
	for _, s := range u.Forms {
		out = append(out, s)
	}
	var byTag map[string][]Block
	if len(attrs) > 0 {
		byTag = map[string][]Block{}
		for _, k := range attrs {
			byTag[k.Tag] = append(byTag[k.Tag], k)
		}
	}
	for name, n := range u.Tags {
		for _, k := range slices.Backward(byTag[name]) { // a tag's last place first
			switch {
			case k.Kind == TitleBlock:
				n.Title = ""
			case k.Place.Start <= k.Place.End && k.Place.End <= len(n.Text):
				n.Text = n.Text[:k.Place.Start] + n.Text[k.Place.End:]
			}
		}
		out = append(out, n.Text, html.UnescapeString(n.Text), n.Href, html.UnescapeString(n.Href), n.Title)
	}
	return out
}

// badRunes lists, as a string, the characters of texts that no edition can
// carry, each once, in the order found.
func badRunes(texts []string) string {
	var bad []rune
	for _, s := range texts {
		for s != "" {
			i, r := xmlchar.Index(s)
			if i < 0 {
				break
			}
			if !slices.Contains(bad, r) {
				bad = append(bad, r)
			}
			_, n := utf8.DecodeRuneInString(s[i:])
			s = s[i+max(n, 1):]
		}
	}
	return string(bad)
}

// paramTexts is every string a front-matter value holds, at any depth.
func paramTexts(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			b.WriteString(v)
		case []any:
			for _, x := range v {
				walk(x)
			}
		case []map[string]any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for k, x := range v {
				b.WriteString(k)
				walk(x)
			}
		}
	}
	walk(v)
	return b.String()
}
