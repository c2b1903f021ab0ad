package segment

import (
	"fmt"
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

func TestSafeURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://example.org/a":              true,
		"http://x":                           true,
		"mailto:ed@example.org":              true,
		"tel:+77270000000":                   true,
		"../ru/a.html":                       true,
		"a.html#part":                        true,
		"/path:with-colon":                   true,
		"?q=a:b":                             true,
		"javascript:alert(1)":                false,
		"JavaScript:alert(1)":                false,
		" \x01javascript:alert(1)":           false,
		"java\tscript:alert(1)":              false,
		"java\nscript:alert(1)":              false,
		"vbscript:msgbox":                    false,
		"data:text/html;base64,PHNjcmlwdD4=": false,
	} {
		if got := SafeURL(u); got != want {
			t.Errorf("SafeURL(%q) = %v, want %v", u, got, want)
		}
	}
}

func TestUnsafeLinksAreNotPublished(t *testing.T) {
	a, err := Split("content/a.md", []byte("+++\ntitle = \"A\"\n+++\n\nSee [the report](javascript:alert(1)) and <javascript:alert(2)> or [this](https://example.org).\n"))
	if err != nil {
		t.Fatal(err)
	}
	var tags string
	for _, u := range a.Units {
		tags += fmt.Sprintf("%+v", u.Tags)
	}
	if strings.Contains(tags, "javascript") || !strings.Contains(tags, "https://example.org") || !strings.Contains(fmt.Sprint(a.Units), "See the report and") {
		t.Errorf("units = %+v: want the words, the https link, and no javascript: link", a.Units)
	}
	if len(a.Warnings) != 2 || !strings.Contains(a.Warnings[0].Error(), "content/a.md:5:") || !strings.Contains(a.Warnings[0].Error(), "javascript:alert(1)") {
		t.Errorf("warnings = %v", a.Warnings)
	}
}
