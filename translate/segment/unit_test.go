package segment

import (
	"strings"
	"testing"
)

// The definitions the one-pass fold replaced: the reference it is held to.
var typographic = strings.NewReplacer(
	"“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`, "″", `"`,
	"‘", "'", "’", "'", "‚", "'", "‹", "'", "›", "'", "′", "'",
	"–", "-", "—", "-", "‐", "-", "‑", "-", "−", "-", "―", "-",
	"…", "...",
)

func referenceFold(s string) string {
	return strings.Join(strings.Fields(typographic.Replace(s)), " ")
}

var foldSeeds = []string{
	"", " ", "It’s 18–30", "It's  18-30", "  «Алматы» —\u00a0150\u202f000 … \n\tend ", "\xff\xfe «x»",
	"a\u2028b\u3000c\u0085d", "…", "\u00a0", "„quoted“ and ‚single‘ ‹›″′", "—\xe2\x80",
}

func TestFoldMatchesReference(t *testing.T) {
	for _, s := range foldSeeds {
		if got, want := Fold(s), referenceFold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
		if got, want := normalizeSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("normalizeSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range foldSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), referenceFold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
		if got, want := normalizeSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("normalizeSpace(%q) = %q, want %q", s, got, want)
		}
	})
}
