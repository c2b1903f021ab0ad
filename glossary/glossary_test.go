package glossary

import (
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func project(t *testing.T) *Glossary {
	t.Helper()
	data, err := os.ReadFile("../testdata/project/glossary/terms.toml")
	if err != nil {
		t.Fatal(err)
	}
	g, err := Parse("glossary/terms.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestProjectGlossary(t *testing.T) {
	g := project(t)
	if len(g.Entries) < 25 {
		t.Errorf("%d entries, want at least 25", len(g.Entries))
	}
	for _, want := range []string{"kvartira", "mobilisation", "hostel", "frontline", "flea market", "state television",
		"former republics of the Soviet Union", "visa", "exam papers", "high school", "alien",
		"Dmitri", "Vasily", "Yuri Gagarin", "Putin", "Almaty", "Astana", "Yekaterinburg", "Moscow", "Kazakhstan",
		"Georgia", "Armenia", "Kyrgyzstan", "Ukraine", "Russia", "USSR", "Post Soviet Journal"} {
		found := false
		for _, e := range g.Entries {
			if e.Term == want {
				found = true
				if !e.DoNotTranslate && (e.Locales["ru"] == nil || e.Locales["kk"] == nil) {
					t.Errorf("%q lacks a ru or kk rendering", want)
				}
			}
		}
		if !found {
			t.Errorf("the glossary lacks %q", want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"broken TOML", "[[term]]\nen = \"visa\npos = \"noun\"\n", "glossary/x.toml:2:"},
		{"no term", "[[term]]\npos = \"noun\"\n\n[[term]]\nen = \"x\"\n", "glossary/x.toml:1:1: entry has no English term"},
		{"no pos", "[[term]]\nen = \"visa\"\n\n[[term]]\nen = \"hostel\"\n", "glossary/x.toml:1:1: entry \"visa\" has no part of speech"},
		{"bad flag", "[[term]]\nen = \"a\"\npos = \"noun\"\n\n[[term]]\nen = \"b\"\npos = \"noun\"\nflags = [\"loan\"]\n", `glossary/x.toml:5:1: flag "loan" is not one of`},
		{"bad locale key", "[[term]]\nen = \"a\"\npos = \"noun\"\n[term.ru]\napprove = [\"б\"]\n", `glossary/x.toml:1:1: [term.ru] has unknown key "approve"`},
		{"unknown field", "[[term]]\nen = \"a\"\npos = \"noun\"\ncolour = \"red\"\n", `unknown key "colour"`},
		{"approved not a list", "[[term]]\nen = \"a\"\npos = \"noun\"\n[term.kk]\napproved = \"пәтер\"\n", "approved must be a list of strings"},
		{"term not a table", "# terms\nterm = 1\n", `glossary/x.toml:2:1: key "term": incompatible types: TOML value has type int64; destination has type slice: entries are [[term]] tables`},
		// Nesting is refused before the TOML decoder, which spent a minute
		// and gigabytes on 100 KB of it.
		{"100 KB of nested inline tables", "[[term]]\nen = \"a\"\npos = \"noun\"\n[term.kk]\nnote = " + strings.Repeat("{a = ", 20000) + "1" + strings.Repeat("}", 20000) + "\n", "glossary/x.toml:5:158: tables and arrays nested more than 32 deep (a glossary holds [[term]] tables of texts and lists of texts: write them with fewer levels)"},
		{"nested arrays", "[[term]]\nen = \"a\"\npos = \"noun\"\nvariants = " + strings.Repeat("[", 50000) + strings.Repeat("]", 50000) + "\n", "glossary/x.toml:4:42: tables and arrays nested more than 32 deep"},
		{"a dotted key of 100 KB", "[[term]]\nen = \"пәтер\"\n" + strings.Repeat("a.", 50000) + "b = 1\n", "glossary/x.toml:3:62: tables and arrays nested more than 32 deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("glossary/x.toml", []byte(tt.data))
			var ge *Error
			if !errors.As(err, &ge) {
				t.Fatalf("error = %v, want *Error", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want %q", err, tt.want)
			}
		})
	}
}

func TestFindLongestFirst(t *testing.T) {
	g := project(t)
	text := "going to former republics of the Soviet Union that allowed Russians, unlike Russia's hostels in Almaty"
	var got []string
	for _, o := range g.Find(text) {
		got = append(got, o.Entry.Term+"="+text[o.Start:o.End])
	}
	want := "former republics of the Soviet Union=former republics of the Soviet Union|Russians=Russians|Russia=Russia's|hostel=hostels|Almaty=Almaty"
	if strings.Join(got, "|") != want {
		t.Errorf("Find = %s\nwant   %s", strings.Join(got, "|"), want)
	}
}

func TestSortedCollation(t *testing.T) {
	g := &Glossary{}
	for _, r := range []struct{ en, ru, kk string }{{"a", "Іле", "Іле"}, {"b", "Ұлы", "Ұлы"}, {"c", "Ысты", "Ысты"}, {"d", "Арал", "Арал"}, {"e", "Ель", "Ақтау"}, {"f", "Ёлка", "Атырау"}} {
		g.Entries = append(g.Entries, &Entry{Term: r.en, Locales: map[string]*Rendering{"ru": {Approved: []string{r.ru}}, "kk": {Approved: []string{r.kk}}}})
	}
	order := func(tag language.Tag) string {
		var s []string
		for _, e := range g.Sorted(tag) {
			s = append(s, e.Locales[tag.String()].Approved[0])
		}
		return strings.Join(s, " ")
	}
	// The Kazakh alphabet: … к қ … т у ұ ү … ы і …; Russian (CLDR root order)
	// puts і after и and ұ after у, and sorts ё with е.
	if got, want := order(language.Kazakh), "Ақтау Арал Атырау Ұлы Ысты Іле"; got != want {
		t.Errorf("kk order = %s, want %s", got, want)
	}
	if got, want := order(language.Russian), "Арал Ёлка Ель Іле Ұлы Ысты"; got != want {
		t.Errorf("ru order = %s, want %s", got, want)
	}
}
