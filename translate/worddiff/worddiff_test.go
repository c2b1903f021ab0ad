package worddiff

import (
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name, old, new string
		context        int
		want           string
	}{
		{"one word", "He worked whilst living in Almaty.", "He worked while living in Almaty.", -1, "He worked [-whilst-]{+while+} living in Almaty."},
		{"same", "He worked.", "He  worked.", -1, ""},
		{"inserted", "He worked.", "He worked remotely.", -1, "He worked {+remotely+}."},
		{"deleted", "He worked hard.", "He worked.", -1, "He worked [-hard-]."},
		{"punctuation", "Yes, he did.", "Yes; he did.", -1, "Yes[-,-]{+;+} he did."},
		{"context", "one two three four five six seven eight nine ten", "one two three four FIVE six seven eight nine ten", 2, "… three four [-five-]{+FIVE+} six seven …"},
		{"two changes", "a b c d e f g h i j k l", "a B c d e f g h i j K l", 1, "a [-b-]{+B+} c … j [-k-]{+K+} l"},
		{"Cyrillic and apostrophes", "Он сказал: «нет».", "Он ответил: «нет».", -1, "Он [-сказал-]{+ответил+}: «нет»."},
		{"hyphenated word whole", "a well-known man", "a little-known man", -1, "a [-well-known-]{+little-known+} man"},
		{"from nothing", "", "New text.", -1, "{+New text.+}"},
		{"to nothing", "Old text.", "", -1, "[-Old text.-]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Diff(tt.old, tt.new, tt.context); got != tt.want {
				t.Errorf("Diff(%q, %q, %d) = %q, want %q", tt.old, tt.new, tt.context, got, tt.want)
			}
		})
	}
}

// TestHugeTextsStayLinear: texts past the table's bound are shown replaced
// whole, not compared in quadratic time and memory.
func TestHugeTextsStayLinear(t *testing.T) {
	old := strings.Repeat("word ", 5000)
	new := strings.Repeat("other ", 5000)
	got := Diff(old, new, 0)
	if !strings.HasPrefix(got, "[-word") || !strings.Contains(got, "{+other") {
		t.Errorf("Diff of huge texts = %.60q…", got)
	}
}

// FuzzDiff: the diff, read back, gives both texts' words: the old with
// the insertions dropped, the new with the deletions dropped.
func FuzzDiff(f *testing.F) {
	f.Add("He worked whilst living in Almaty.", "He worked while living in Almaty.")
	f.Add("a b c", "c b a")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, old, new string) {
		if strings.ContainsAny(old+new, "[]{}-+") {
			return // the markers themselves
		}
		d := Diff(old, new, -1)
		if d == "" {
			if words(old) != words(new) {
				t.Fatalf("no diff between %q and %q", old, new)
			}
			return
		}
		if got := words(strip(d, "{+", "+}", "[-", "-]")); got != words(old) {
			t.Fatalf("old words %q, the diff gives %q (%q)", words(old), got, d)
		}
		if got := words(strip(d, "[-", "-]", "{+", "+}")); got != words(new) {
			t.Fatalf("new words %q, the diff gives %q (%q)", words(new), got, d)
		}
	})
}

// strip drops every span from open to close, and the markers keep/kclose.
func strip(s, open, close, keep, kclose string) string {
	for {
		i := strings.Index(s, open)
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], close)
		s = s[:i] + " " + s[i+j+len(close):]
	}
	return strings.NewReplacer(keep, " ", kclose, " ").Replace(s)
}

func words(s string) string {
	var out []string
	for _, t := range tokens(s) {
		if t.text != "" {
			out = append(out, t.text)
		}
	}
	return strings.Join(out, " ")
}
