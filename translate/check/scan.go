package check

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Scanners for what the checks look for in every text, in place of
// regular expressions (the backtracking matcher was a third of check's
// time). Each matches exactly what the expression in its comment matches,
// leftmost first, as package regexp would; scan_test.go holds the
// expressions and fuzzes each scanner against its expression.

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// isWordByte is regexp's \w, the side of a \b boundary.
func isWordByte(b byte) bool {
	return isDigit(b) || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || b == '_'
}

// groupSep reports the length of a group separator at s[i:] (",", ".",
// U+00A0, U+202F or a space, as the set allows), or 0.
func groupSep(s string, i int, dot bool) int {
	switch {
	case i >= len(s):
		return 0
	case s[i] == ',' || s[i] == ' ' || dot && s[i] == '.':
		return 1
	case s[i] == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0: // U+00A0
		return 2
	case s[i] == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0xAF: // U+202F
		return 3
	}
	return 0
}

// threeDigits reports whether s[i:i+3] are digits.
func threeDigits(s string, i int) bool {
	return i+3 <= len(s) && isDigit(s[i]) && isDigit(s[i+1]) && isDigit(s[i+2])
}

// scanNumbers returns the numbers in s, as
// `\d+(?:[,.\x{00A0}\x{202F} ]\d{3})*(?:[.,]\d+)?` finds them. Every part
// after \d+ is optional, so the leftmost-first match is the greedy one.
func scanNumbers(s string) []string {
	var out []string
	for _, m := range scanNumberSpans(s) {
		out = append(out, s[m[0]:m[1]])
	}
	return out
}

// scanNumberSpans returns the byte ranges of the numbers scanNumbers finds.
func scanNumberSpans(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		start := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		for {
			n := groupSep(s, i, true)
			if n == 0 || !threeDigits(s, i+n) {
				break
			}
			i += n + 3
		}
		if i+1 < len(s) && (s[i] == '.' || s[i] == ',') && isDigit(s[i+1]) {
			i++
			for i < len(s) && isDigit(s[i]) {
				i++
			}
		}
		out = append(out, [2]int{start, i})
	}
	return out
}

// scanGrouped returns the byte ranges of the grouped numbers in s, as
// `\d{1,3}(?:[,\x{00A0}\x{202F} ]\d{3})+\b` finds them: from each start,
// three, two or one leading digits, then as many groups as can be taken,
// backing off a group at a time until a word boundary follows.
func scanGrouped(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		end := -1
		for k := 3; k >= 1 && end < 0; k-- {
			if i+k > len(s) || !allDigits(s[i:i+k]) {
				continue
			}
			var ends []int
			for j := i + k; ; {
				n := groupSep(s, j, false)
				if n == 0 || !threeDigits(s, j+n) {
					break
				}
				j += n + 3
				ends = append(ends, j)
			}
			for m := len(ends) - 1; m >= 0; m-- {
				if e := ends[m]; e == len(s) || !isWordByte(s[e]) {
					end = e
					break
				}
			}
		}
		if end < 0 {
			i++
			continue
		}
		out = append(out, [2]int{i, end})
		i = end
	}
	return out
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// inert marks the runes below inertLimit that Unicode's NFC quick check
// passes: NFC_QC=Yes and combining class 0 (from x/text's own properties).
// A text made of them only is in NFC (UAX #15, section 9), with no need to
// ask the normaliser. Built at its first use, not at every start of the
// program (it was the largest of tilmash's own package initialisations).
var inert = sync.OnceValue(func() *[inertLimit]bool {
	var t [inertLimit]bool
	var buf [utf8.UTFMax]byte
	for r := range rune(inertLimit) {
		if !utf8.ValidRune(r) {
			continue
		}
		// NFC_QC=Yes: NFC leaves it alone (not No) and it combines
		// with nothing before it (not Maybe); and combining class 0.
		b := utf8.AppendRune(buf[:0], r)
		p := norm.NFC.Properties(b)
		t[r] = p.BoundaryBefore() && p.CCC() == 0 && norm.NFC.IsNormal(b)
	}
	return &t
})

const inertLimit = 0x2100 // Latin, Cyrillic, general punctuation

// isNFC reports whether s is in Unicode Normalization Form C.
func isNFC(s string) bool {
	for _, r := range s {
		if r >= inertLimit || !inert()[r] {
			return norm.NFC.IsNormalString(s)
		}
	}
	return true
}

// percentage is a percentage in a text: where it stands, its value, and
// how many fraction digits it was written with.
type percentage struct {
	start, end int
	value      float64
	decimals   int
}

// scanPercents finds the percentages in s: digits, an optional decimal
// part (after "." or ","), optional spaces (a space, U+00A0 or U+202F),
// then "%". A number grouped in thousands is not taken for one.
func scanPercents(s string) []percentage {
	var out []percentage
	for i := 0; i < len(s); i++ {
		j := strings.IndexByte(s[i:], '%')
		if j < 0 {
			break
		}
		pct := i + j
		k := pct
		for k > 0 && (s[k-1] == ' ') {
			k--
		}
		for _, sp := range []string{"\u00a0", "\u202f"} {
			if strings.HasSuffix(s[:k], sp) {
				k -= len(sp)
			}
		}
		end := k
		for k > 0 && isDigit(s[k-1]) {
			k--
		}
		decimals := 0
		if k > 1 && (s[k-1] == '.' || s[k-1] == ',') && isDigit(s[k-2]) && k < end {
			decimals = end - k
			k--
			for k > 0 && isDigit(s[k-1]) {
				k--
			}
		}
		if k == end || k > 0 && (isDigit(s[k-1]) || s[k-1] == '.' || s[k-1] == ',') {
			i = pct
			continue // no number, or part of a longer one (1,000.5)
		}
		num := strings.Replace(s[k:end], ",", ".", 1)
		v, err := strconv.ParseFloat(num, 64)
		if err == nil {
			out = append(out, percentage{start: k, end: pct + 1, value: v, decimals: decimals})
		}
		i = pct
	}
	return out
}
