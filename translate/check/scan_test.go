package check

import (
	"fmt"
	"regexp"
	"slices"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The expressions the scanners replace: the reference they are held to.
var (
	numRe     = regexp.MustCompile(`\d+(?:[,.\x{00A0}\x{202F} ]\d{3})*(?:[.,]\d+)?`)
	groupedRe = regexp.MustCompile(`\d{1,3}(?:[,\x{00A0}\x{202F} ]\d{3})+\b`)
)

var scanSeeds = []string{
	"", "1", "150 000", "150\u00a0000 и 2,5", "150,000.25", "1,2345", "12345 678", "1 234 567x",
	"1 234 567", "3.14.15", "a1,000b", "1\u202f000\u202f000 тенге", "1,000,00", "1,000_", "1,000é",
	"9 999 999 999", "12 345,678.9", "…1.000.000", "1,\u00a0000", "\xc2\xa0000", "1\xe2\x80",
}

func groupedByRegexp(s string) [][2]int {
	var out [][2]int
	for _, m := range groupedRe.FindAllStringIndex(s, -1) {
		out = append(out, [2]int{m[0], m[1]})
	}
	return out
}

func TestScannersMatchTheirExpressions(t *testing.T) {
	for _, s := range scanSeeds {
		t.Run(fmt.Sprintf("%q", s), func(t *testing.T) {
			if got, want := scanNumbers(s), numRe.FindAllString(s, -1); !slices.Equal(got, want) {
				t.Errorf("scanNumbers = %q, the expression %q", got, want)
			}
			if got, want := scanGrouped(s), groupedByRegexp(s); !slices.Equal(got, want) {
				t.Errorf("scanGrouped = %v, the expression %v", got, want)
			}
		})
	}
}

func FuzzScanners(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := scanNumbers(s), numRe.FindAllString(s, -1); !slices.Equal(got, want) {
			t.Errorf("scanNumbers(%q) = %q, the expression %q", s, got, want)
		}
		if got, want := scanGrouped(s), groupedByRegexp(s); !slices.Equal(got, want) {
			t.Errorf("scanGrouped(%q) = %v, the expression %v", s, got, want)
		}
		if got, want := isNFC(s), norm.NFC.IsNormalString(s); got != want {
			t.Errorf("isNFC(%q) = %v, the normaliser %v", s, got, want)
		}
		for _, p := range scanPercents(s) {
			if p.start < 0 || p.end > len(s) || p.start >= p.end || s[p.end-1] != '%' || !isDigit(s[p.start]) {
				t.Errorf("scanPercents(%q) gave %+v", s, p)
			}
		}
	})
}

func TestIsNFC(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"", true},
		{"Алматы, 150\u00a0000 «тенге» — ok", true},
		{"и\u0306", false}, // й as и + combining breve
		{"e\u0301", false}, // é decomposed
		{"\u2001", false},  // EM QUAD: NFC maps it to EM SPACE
		{"\u212b", false},  // ANGSTROM SIGN
		{"Қазақстан әлемі", true},
		{"ё\u0308", true}, // a mark that composes with nothing before it
		{"\xff", true},    // invalid UTF-8: the normaliser's answer
	}
	for _, tt := range tests {
		if got, want := isNFC(tt.s), norm.NFC.IsNormalString(tt.s); got != want || got != tt.want {
			t.Errorf("isNFC(%q) = %v, the normaliser %v, want %v", tt.s, got, want, tt.want)
		}
	}
}

// TestInertRunesStayNFC holds the inert table to the normaliser: every rune
// it marks is NFC alone and after any of the letters that take
// diacritics, and a text of inert runes only is NFC.
func TestInertRunesStayNFC(t *testing.T) {
	n := 0
	for r := range rune(inertLimit) {
		if !inert()[r] {
			continue
		}
		n++
		for _, before := range []string{"", "a", "e", "и", "е", "у", "A", "Ү", "ı", "\u0627"} {
			if s := before + string(r); !norm.NFC.IsNormalString(s) {
				t.Fatalf("%U is marked inert, but %q is not NFC", r, s)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d runes marked inert: Latin and Cyrillic alone have more", n)
	}
	for _, s := range []string{"и\u0306", "e\u0301", "\u2001"} {
		for _, r := range s {
			if r < inertLimit && inert()[r] && !norm.NFC.IsNormalString(string(r)) {
				t.Errorf("%U is marked inert", r)
			}
		}
	}
}

// TestScriptFastPaths holds the script check's shortcut for the Cyrillic
// block to Unicode's script tables.
func TestScriptFastPaths(t *testing.T) {
	for c := rune(0x400); c <= 0x4ff; c++ {
		fast := 0x400 <= c && c <= 0x482 || 0x48a <= c && c <= 0x4ff
		if fast && (!unicode.Is(unicode.Cyrillic, c) || unicode.Is(unicode.Latin, c)) {
			t.Errorf("%U is taken for Cyrillic, and is not", c)
		}
	}
	for c := rune(0); c < 0x80; c++ {
		if got, want := 'a' <= c|0x20 && c|0x20 <= 'z', unicode.Is(unicode.Latin, c); got != want {
			t.Errorf("%U: Latin %v, want %v", c, got, want)
		}
	}
}
