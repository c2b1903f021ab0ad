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
		"foo):":                              true, // "foo)" is no scheme: a relative address
		"a b:c":                              true,
		"irc+x.y-z:chan":                     false,
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
		// Character references, as a Markdown reader or a browser resolves
		// them (issue 20: java&#x73;cript: passed, its # taken for a fragment).
		"java&#x73;cript:alert(1)":         false,
		"java&#X73cript:alert(1)":          false,
		"java&#115;cript:alert(1)":         false,
		"&#0000106;avascript:alert(1)":     false,
		"&#x6A&#x61vascript:alert(1)":      false,
		"javascript&colon;alert(1)":        false,
		"javascript&#58;alert(1)":          false,
		"jav&Tab;ascript:alert(1)":         false,
		"jav&#x09;ascript:alert(1)":        false,
		"&#x20;&#1;javascript:alert(1)":    false,
		"JaVa&#X53;cRiPt:alert(1)":         false,
		"java&amp;#x73;cript:alert(1)":     false,
		"data&colon;text/html,x":           false,
		"https://example.org/?a=1&amp;b=2": true,
		"a.html#part&#x3A;two":             true,
		"/search?q=&#x3A;":                 true,
		"&#104;ttps://example.org":         true,
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

// TestUnsafeAddressesEverywhere: the addresses of images (a figure's, one
// in running text) and of an editor's raw HTML (href, src… as a browser
// reads them, character references resolved) are judged as links are,
// each refused one a warning at its paragraph; a figure with such an
// address shows its caption alone, an inline image its words.
func TestUnsafeAddressesEverywhere(t *testing.T) {
	tests := []struct {
		name, body string
		warnings   int
		not        string // what no unit's tags nor figure may hold
	}{
		{"a figure", "![Caption](javascript:alert(1))\n", 1, "javascript"},
		{"a figure, encoded", "![Caption](java&#x73;cript:alert(1))\n", 1, "cript:"},
		{"an inline image", "Text ![alt](java&#x73;cript:alert(1)) more.\n", 1, "cript:"},
		{"a raw link", "Text <a href=\"java&#x73;cript:alert(1)\">x</a> more.\n", 1, ""},
		{"a raw image in a block", "<div><img src=\"jav&Tab;ascript:alert(1)\"><a href='https://example.org'>ok</a></div>\n", 1, ""},
		{"safe addresses", "![Caption](photo.jpg)\n\nText ![alt](/i.png) <a href=\"https://example.org/?a=1&amp;b=2\">x</a>.\n", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Split("content/a.md", []byte("+++\ntitle = \"A\"\n+++\n\n"+tt.body))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, w := range a.Warnings {
				if strings.HasPrefix(w.Msg, UnsafeLinkMsg) {
					n++
					if w.Pos.Line != 5 {
						t.Errorf("warning at %s, want line 5", w.Pos)
					}
				}
			}
			if n != tt.warnings {
				t.Errorf("%d unsafe-link warnings, want %d: %v", n, tt.warnings, a.Warnings)
			}
			if tt.not != "" {
				held := fmt.Sprintf("%+v", a.Units)
				for _, b := range a.Blocks {
					held += b.Src
				}
				if strings.Contains(held, tt.not) {
					t.Errorf("the article still holds %q: %s", tt.not, held)
				}
			}
		})
	}
}
