package catalog

import (
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
)

// TestFigures: English without a word gets the locale's decimal separator
// and percent spacing; anything with a letter, or without a digit, is a
// translator's.
func TestFigures(t *testing.T) {
	ru, kk := language.Russian, language.Kazakh
	tests := []struct {
		tag     language.Tag
		english string
		want    string
		ok      bool
	}{
		{ru, "25", "25", true},
		{ru, "1.5", "1,5", true},
		{kk, "1.5", "1,5", true},
		{ru, "37.8%", "37,8\u00a0%", true},
		{kk, "37.8 %", "37,8%", true},
		{ru, "−3…+4", "−3…+4", true},
		{ru, "{{.Number1}}", "{{.Number1}}", true},
		{ru, "<b1>2.5</b1>", "<b1>2,5</b1>", true},
		{language.English, "2.5", "2.5", true},
		{ru, "25 trucks", "", false},
		{ru, "2023 (est.)", "", false},
		{ru, "—", "", false},
		{ru, "", "", false},
		{ru, "<b1>Total</b1>", "", false},
	}
	for _, tt := range tests {
		got, ok := Figures(tt.tag, tt.english)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Figures(%s, %q) = %q, %v; want %q, %v", tt.tag, tt.english, got, ok, tt.want, tt.ok)
		}
	}
}

// TestFiguresReadsMarkup: tags, placeholders and template actions are
// what markup reads as such (markup.Verbatim, markup.Tokens). Tag-like
// text markup reads as text holds letters, so it is a translator's; a
// spaced {{ .Number1 }} is a placeholder; an action is code, never a
// figure's text to rewrite. was, wasOK: before Figures read English
// through markup.
func TestFiguresReadsMarkup(t *testing.T) {
	tests := []struct {
		name, english, was string
		wasOK              bool
		want               string
		ok                 bool
	}{
		{"an attribute: text", "<b1 x>2.5</b1>", "<b1 x>2,5</b1>", true, "", false},
		{"letters after digits: text", "<a1b>2.5</a1b>", "<a1b>2,5</a1b>", true, "", false},
		{"closing and self-closing: text", "<b1>2.5</b1/>", "<b1>2,5</b1/>", true, "", false},
		{"capitals: text", "<EM>2.5</EM>", "<EM>2,5</EM>", true, "", false},
		{"a space before />: text", "2.5<br />", "2,5<br />", true, "", false},
		{"a < before a digit: text", "<3>", "", false, "<3>", true},
		{"a placeholder with spaces", "{{ .Number1 }}", "", false, "{{ .Number1 }}", true},
		{"an action around a placeholder", "{{{.Number1}}}", "{{{.Number1}}}", true, "", false},
		{"an action with a brace inside", `{{ "{" 1.5 }} 2.5`, `{{ "{" 1,5 }} 2,5`, true, `{{ "{" 1.5 }} 2,5`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Figures(language.Russian, tt.english)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Figures(ru, %q) = %q, %v; want %q, %v (was %q, %v)", tt.english, got, ok, tt.want, tt.ok, tt.was, tt.wasOK)
			}
		})
	}
}

// TestSyncFillsFigures: a table's figures are filled in by extract, again
// when they change (the entry was extract's), never over a translator's
// own text; an entry of figures whose unit is gone goes with it, holding
// no one's work.
func TestSyncFillsFigures(t *testing.T) {
	const file = "locales/ru/a.ru.toml"
	cell := func(id, text string) *Catalog { return source(unit("a.s.p-1", "Trucks"), unit(id, text)) }
	first, st := Sync(cell("a.s.td-1", "1.5"), nil, language.Russian, file, false)
	if m := first.Lookup("a.s.td-1"); m.Text() != "1,5" || st.Translated != 1 || st.Missing != 1 {
		t.Fatalf("filled %q; stats %+v", m.Text(), st)
	}
	read := func(c *Catalog) *Catalog {
		t.Helper()
		c, err := Parse(file, Format(c))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	// The figure changes, its ID kept: filled in anew, current.
	src := cell("a.s.td-1", "2.5")
	again, st := Sync(src, read(first), language.Russian, file, false)
	if m := again.Lookup("a.s.td-1"); m.Text() != "2,5" || m.Hash != src.Lookup("a.s.td-1").Hash || st.Stale != 0 {
		t.Errorf("changed figure: %q, stats %+v", m.Text(), st)
	}
	// A translator's own text for a figure stays theirs, stale when the
	// English changes.
	mine := read(again)
	mine.Lookup("a.s.td-1").Forms[locale.Other] = "≈2,5"
	kept, st := Sync(cell("a.s.td-1", "3.5"), read(mine), language.Russian, file, false)
	if m := kept.Lookup("a.s.td-1"); m.Text() != "≈2,5" || st.Stale != 1 {
		t.Errorf("a translator's figure: %q, stats %+v", m.Text(), st)
	}
	// The cell gone: extract's entry goes, no obsolete entry kept.
	gone, st := Sync(source(unit("a.s.p-1", "Trucks")), read(again), language.Russian, file, false)
	if gone.Lookup("a.s.td-1") != nil || st.Obsolete != 0 {
		t.Errorf("a gone figure kept: stats %+v", st)
	}
}
