package catalog

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/segment"
)

// TestRenamedArticleMoves: the units of a renamed article take their
// translations and the translator's notes (an exemption included) from
// their old IDs, with nothing to review; the old entries do not linger as
// obsolete. The same English in another role (a new article's paragraph
// in another section) is reused for review, as before.
func TestRenamedArticleMoves(t *testing.T) {
	cat := func(path, md string) *Catalog {
		a, err := segment.Split(path, []byte(md))
		if err != nil {
			t.Fatal(err)
		}
		return FromUnits("locales/en", []*segment.Article{a})
	}
	md := "+++\ntitle = \"Almaty\"\n+++\n\nThe city grows.\n\n## Profile\n\nThe city grows.\n"
	old := cat("content/almaty.md", md)
	ru, _ := Sync(old, nil, language.Russian, "locales/ru", false)
	for _, m := range ru.Messages {
		m.Forms[locale.Other] = "Город растёт."
	}
	ru.Messages[1].Notes = []string{"# tilmash: ignore number"}
	renamed := cat("content/almaty-city.md", md)
	got, st := Sync(renamed, ru, language.Russian, "locales/ru", false)
	if st.Moved != len(renamed.Messages) || st.Translated != st.Moved || st.Reused != 0 || st.Obsolete != 0 {
		t.Errorf("stats %+v: want every unit moved, none reused or obsolete", st)
	}
	for _, m := range got.Messages {
		if !strings.HasPrefix(m.ID, "almaty-city.") || slices.ContainsFunc(m.Notes, func(n string) bool { return strings.HasPrefix(n, ReusedDirective) }) {
			t.Errorf("%s: notes %q", m.ID, m.Notes)
		}
	}
	if n := got.Lookup(renamed.Messages[1].ID).Notes; !slices.Equal(n, []string{"# tilmash: ignore number"}) {
		t.Errorf("the exemption did not move: %q", n)
	}
}
