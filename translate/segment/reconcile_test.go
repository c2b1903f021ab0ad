package segment

import (
	"os"
	"strings"
	"testing"
)

func conscript(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../testdata/project/content/the-conscript.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func priors(a *Article) []Prior {
	var p []Prior
	for _, u := range a.Units {
		p = append(p, Prior{ID: u.ID, Text: u.Text()})
	}
	return p
}

// extractAgain splits the edited source and reconciles it with the units of
// the original, as tilmash extract does with locales/en.toml.
func extractAgain(t *testing.T, orig *Article, edited string) *Article {
	t.Helper()
	a := mustSplit(t, "content/the-conscript.md", edited)
	Reconcile(a, priors(orig))
	return a
}

func paragraphs(src string) []string { return strings.Split(src, "\n\n") }

const (
	joke   = "Dmitri smiled and returned with a joke"
	laptop = "Dmitri is working on his laptop"
	unlike = "Unlike the other men"
)

// blockWith returns the index of the Markdown block that contains s.
func blockWith(t *testing.T, blocks []string, s string) int {
	t.Helper()
	for i, b := range blocks {
		if strings.Contains(b, s) {
			return i
		}
	}
	t.Fatalf("no block contains %q", s)
	return -1
}

func TestIDsStableAcrossExtractions(t *testing.T) {
	src := conscript(t)
	a := mustSplit(t, "content/the-conscript.md", src)
	b := extractAgain(t, a, src)
	for i := range a.Units {
		if a.Units[i].ID != b.Units[i].ID {
			t.Errorf("unit %d: %s, then %s", i, a.Units[i].ID, b.Units[i].ID)
		}
	}
}

func TestIDStability(t *testing.T) {
	src := conscript(t)
	orig := mustSplit(t, "content/the-conscript.md", src)
	idOf := func(a *Article, prefix string) string {
		t.Helper()
		for _, u := range a.Units {
			if strings.HasPrefix(u.Text(), prefix) {
				return u.ID
			}
		}
		t.Fatalf("no unit starts %q", prefix)
		return ""
	}
	tests := []struct {
		name    string
		edit    func([]string) []string
		newUnit string // prefix of a unit that must get an ID unknown before
	}{
		{"edit one paragraph", func(bs []string) []string {
			i := blockWith(t, bs, laptop)
			bs[i] = strings.Replace(bs[i], "whilst eating lunch", "while eating a late lunch", 1)
			return bs
		}, ""},
		{"insert a paragraph", func(bs []string) []string {
			i := blockWith(t, bs, laptop)
			return append(bs[:i+1], append([]string{"A new paragraph the editor added later."}, bs[i+1:]...)...)
		}, "A new paragraph"},
		{"delete a paragraph", func(bs []string) []string {
			i := blockWith(t, bs, laptop)
			return append(bs[:i], bs[i+1:]...)
		}, ""},
		{"move a paragraph to another section", func(bs []string) []string {
			i := blockWith(t, bs, laptop)
			p := bs[i]
			bs = append(bs[:i], bs[i+1:]...)
			j := blockWith(t, bs, unlike)
			return append(bs[:j+1], append([]string{p}, bs[j+1:]...)...)
		}, ""},
		{"swap two paragraphs", func(bs []string) []string {
			i, j := blockWith(t, bs, laptop), blockWith(t, bs, unlike)
			bs[i], bs[j] = bs[j], bs[i]
			return bs
		}, ""},
		{"rewrite a paragraph completely", func(bs []string) []string {
			i := blockWith(t, bs, laptop)
			bs[i] = "Entirely different words about something else here."
			return bs
		}, "Entirely different"},
		{"edit two neighbours", func(bs []string) []string {
			i := blockWith(t, bs, joke)
			bs[i] = strings.Replace(bs[i], "smiled", "grinned", 1)
			k := blockWith(t, bs, "Why did Putin invade")
			bs[k+1] = strings.Replace(bs[k+1], "state television", "state TV", 1)
			return bs
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edited := strings.Join(tt.edit(paragraphs(src)), "\n\n")
			a := extractAgain(t, orig, edited)
			seen := map[string]bool{}
			for _, u := range a.Units {
				if seen[u.ID] {
					t.Errorf("duplicate ID %s", u.ID)
				}
				seen[u.ID] = true
			}
			prior := map[string]string{} // ID → original text
			for _, u := range orig.Units {
				prior[u.ID] = u.Text()
			}
			for _, u := range a.Units {
				was, known := prior[u.ID]
				switch {
				case tt.newUnit != "" && strings.HasPrefix(u.Text(), tt.newUnit):
					if known {
						t.Errorf("new text %q took the ID %s of %q", u.Text()[:20], u.ID, was[:20])
					}
				case !known:
					t.Errorf("unit %q got a new ID %s", u.Text(), u.ID)
				case was != u.Text() && dice(was, u.Text()) < similarEnough:
					t.Errorf("ID %s moved from %q to unrelated text %q", u.ID, was, u.Text())
				}
			}
			// Every unchanged text keeps its ID.
			for _, u := range orig.Units {
				for _, v := range a.Units {
					if v.Text() == u.Text() && v.Kind == u.Kind && sectionOf(v.ID) == sectionOf(u.ID) && v.ID != u.ID {
						t.Errorf("unchanged %q: ID %s became %s", u.Text(), u.ID, v.ID)
					}
				}
			}
			if tt.name == "edit one paragraph" {
				if got, want := idOf(a, laptop), idOf(orig, laptop); got != want {
					t.Errorf("edited paragraph ID %s, want it kept as %s", got, want)
				}
			}
			if tt.name == "edit two neighbours" {
				if got, want := idOf(a, "Dmitri grinned"), idOf(orig, joke); got != want {
					t.Errorf("edited answer ID %s, want %s", got, want)
				}
				if got, want := idOf(a, "“I don’t know, there are"), idOf(orig, "“I don’t know, there are"); got != want {
					t.Errorf("edited answer ID %s, want %s", got, want)
				}
			}
		})
	}
}

func sectionOf(id string) string {
	parts := strings.Split(id, ".")
	if len(parts) < 3 {
		return ""
	}
	return parts[1]
}

func TestReconcileLeavesOtherArticlesAlone(t *testing.T) {
	a := mustSplit(t, "content/a.md", "+++\ntitle = \"A\"\n+++\n\nShared words in a paragraph here.\n")
	b := mustSplit(t, "content/b.md", "+++\ntitle = \"B\"\n+++\n\nShared words in a paragraph there.\n")
	Reconcile(b, priors(a))
	if strings.HasPrefix(b.Units[1].ID, "a.") {
		t.Errorf("article b took article a's ID %s", b.Units[1].ID)
	}
}
