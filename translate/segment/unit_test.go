package segment

import (
	"strconv"
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

// referenceDedupe is dedupeIDs as first written: try -2, -3… each time.
func referenceDedupe(ids []string) []string {
	seen := map[string]bool{}
	out := make([]string, len(ids))
	for i, id := range ids {
		base := id
		for k := 2; seen[id]; k++ {
			id = base + "-" + strconv.Itoa(k)
		}
		seen[id] = true
		out[i] = id
	}
	return out
}

func TestDedupeIDs(t *testing.T) {
	tests := [][]string{
		{"a.s.p-1", "a.s.p-1", "a.s.p-1"},
		{"x", "x-2", "x", "x", "x-2", "x-3", "x"},
		{"x-2", "x", "x", "x-2-2", "x-2", "x-2"},
	}
	for _, ids := range tests {
		a := &Article{}
		for _, id := range ids {
			a.Units = append(a.Units, Unit{ID: id})
		}
		dedupeIDs(a)
		want := referenceDedupe(ids)
		seen := map[string]bool{}
		for i := range a.Units {
			if a.Units[i].ID != want[i] {
				t.Fatalf("unit %d of %d: ID %s, want %s", i, len(ids), a.Units[i].ID, want[i])
			}
			if seen[want[i]] {
				t.Fatalf("ID %s given twice", want[i])
			}
			seen[want[i]] = true
		}
	}
}

// TestDedupeIDsManyIdentical: 100,000 identical paragraphs (the quadratic
// numbering hung on them) get -2 … -100000, in order.
func TestDedupeIDsManyIdentical(t *testing.T) {
	a := &Article{Units: make([]Unit, 100000)}
	for i := range a.Units {
		a.Units[i].ID = "a.s.p-same"
	}
	dedupeIDs(a)
	for i, u := range a.Units {
		want := "a.s.p-same"
		if i > 0 {
			want += "-" + strconv.Itoa(i+1)
		}
		if u.ID != want {
			t.Fatalf("unit %d: ID %s, want %s", i, u.ID, want)
		}
	}
}
