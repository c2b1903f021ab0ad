package xmlchar

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestIndex(t *testing.T) {
	tests := []struct {
		name, s string
		at      int
		what    string
	}{
		{"plain text", "Алматы, 2022: «да».", -1, ""},
		{"tab and line breaks", "a\tb\nc\r\n", -1, ""},
		{"U+FFFD itself", "a\uFFFDb", -1, ""},
		{"private use and emoji", "\uE000 \U0001F600", -1, ""},
		{"vertical tab", "ab\vc", 2, "a control character (U+000B)"},
		{"form feed", "\f", 0, "a control character (U+000C)"},
		{"escape", "x\x1b[31m", 1, "a control character (U+001B)"},
		{"NUL", "\x00", 0, "a control character (U+0000)"},
		{"DEL", "a\x7f", 1, "the control character DEL (U+007F)"},
		{"C1", "«\u0093»", 2, "a C1 control character (Windows-1252 text decoded wrongly?) (U+0093)"},
		{"U+FFFE", "Екінші\uFFFE", 12, "a noncharacter (U+FFFE)"},
		{"U+FFFF", "\uFFFF", 0, "a noncharacter (U+FFFF)"},
		{"U+FDD0", "a\uFDD0", 1, "a noncharacter (U+FDD0)"},
		{"U+1FFFE", "a\U0001FFFE", 1, "a noncharacter (U+1FFFE)"},
		{"U+10FFFF", "\U0010FFFF", 0, "a noncharacter (U+10FFFF)"},
		{"not UTF-8", "a\xffb", 1, "a byte that is not UTF-8 (0xFF)"},
		{"an encoded surrogate", "a\xed\xa0\x80", 1, "a byte that is not UTF-8 (0xED)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at, _ := Index(tt.s)
			if at != tt.at {
				t.Fatalf("Index(%q) = %d, want %d", tt.s, at, tt.at)
			}
			if at >= 0 {
				if got := Describe(tt.s, at); got != tt.what {
					t.Errorf("Describe = %q, want %q", got, tt.what)
				}
			}
		})
	}
}

// TestXMLAgrees: every character encoding/xml refuses in a document's
// text, Index finds (XML 1.0's Char production allows a superset of what
// tilmash does); Why and Index agree. The whole BMP, and the ends of every
// other plane.
func TestXMLAgrees(t *testing.T) {
	var runes []rune
	for r := rune(0); r < 0x10000; r++ {
		runes = append(runes, r)
	}
	for plane := rune(1); plane <= 16; plane++ {
		for _, low := range []rune{0x0000, 0xfffd, 0xfffe, 0xffff} {
			runes = append(runes, plane<<16|low)
		}
	}
	for _, r := range runes {
		if 0xD800 <= r && r <= 0xDFFF {
			if Why(r) == "" {
				t.Errorf("%U: a surrogate is allowed", r)
			}
			continue
		}
		s := string(r)
		at, _ := Index(s)
		if (Why(r) == "") != (at < 0) {
			t.Errorf("%U: Why and Index disagree", r)
		}
		if r == '<' || r == '&' {
			continue
		}
		if err := xml.NewDecoder(strings.NewReader("<a>" + s + "</a>")).Decode(new(struct{})); err != nil && at < 0 {
			t.Errorf("%U: XML refuses it (%v), Index allows it", r, err)
		}
	}
}
