package words

import (
	"reflect"
	"testing"
	"unicode"
)

func TestStrings(t *testing.T) {
	tests := map[string][]string{
		"I don’t know, 18-30 men.":       {"I", "don’t", "know", "18-30", "men"},
		"«Алма-Ата» — 150\u00a0000 адам": {"Алма-Ата", "150", "000", "адам"},
		"КСРО-ны қайтарғысы келеді":      {"КСРО-ны", "қайтарғысы", "келеді"},
		"end- and 'quoted' words":        {"end", "and", "quoted", "words"},
		"Ёлка\u0301!":                    {"Ёлка\u0301"},
		"  ":                             nil,
	}
	for in, want := range tests {
		if got := Strings(in); !reflect.DeepEqual(got, want) {
			t.Errorf("Strings(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitOffsets(t *testing.T) {
	text := "Ол «Мәскеуге» барды"
	for _, w := range Split(text) {
		if text[w.Start:w.End] != w.Text {
			t.Errorf("%q at %d:%d is %q", w.Text, w.Start, w.End, text[w.Start:w.End])
		}
	}
}

// TestIsWordRuneFastPaths holds the ASCII and Cyrillic shortcuts to the
// general definition.
func TestIsWordRuneFastPaths(t *testing.T) {
	for c := rune(0); c < 0x600; c++ {
		want := unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c)
		if got := isWordRune(c); got != want {
			t.Errorf("isWordRune(%U) = %v, want %v", c, got, want)
		}
	}
}

// TestCountAndEach: Count and Each see exactly the words Split returns.
func TestCountAndEach(t *testing.T) {
	for _, text := range []string{"", "Алма-Ата, 18-30 don’t", "  КСРО-ны - и — 150 000 ", "one", "a\u00a0b\u202fc"} {
		split := Split(text)
		var each []Word
		Each(text, func(w Word) { each = append(each, w) })
		if Count(text) != len(split) || len(each) != len(split) {
			t.Errorf("%q: Count %d, Each %d, Split %d", text, Count(text), len(each), len(split))
			continue
		}
		for i := range split {
			if each[i] != split[i] {
				t.Errorf("%q: Each's word %d is %+v, Split's %+v", text, i, each[i], split[i])
			}
		}
	}
}
