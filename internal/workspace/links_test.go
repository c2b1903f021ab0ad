package workspace

import (
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"
)

// TestLinks: where an edition's link to an address the article writes
// goes (render.Page.Link): another article's edition for its file, in the
// same language or in English when that one is not published; the site's
// page under the base URL; nowhere in a book that cannot reach it.
func TestLinks(t *testing.T) {
	files := fstest.MapFS{
		"content/news/a.md":     {Data: []byte("+++\ntitle = \"A\"\n+++\n\nText.\n")},
		"content/news/b.md":     {Data: []byte("+++\ntitle = \"B\"\n+++\n\nText.\n")},
		"content/features/c.md": {Data: []byte("+++\ntitle = \"C\"\n+++\n\nText.\n")},
	}
	w, err := Load(files, Default)
	if err != nil {
		t.Fatal(err)
	}
	published := map[string]map[string]bool{
		"a": {"en": true, "ru": true},
		"b": {"en": true, "ru": true},
		"c": {"en": true}, // no Russian edition yet
	}
	ru := language.Russian
	tests := []struct {
		dest, base string
		book       bool
		want       string
	}{
		{"b.md", "", false, "b.html"},
		{"b.md#part", "", false, "b.html#part"},
		{"../features/c.md", "", false, "../en/c.html"},
		{"b.md", "https://example.org/news/", false, "https://example.org/news/ru/b.html"},
		{"b.md", "https://example.org/news/", true, "https://example.org/news/ru/b.html"},
		{"b.md", "", true, ""},
		{"missing.md", "", false, "missing.md"},
		{"/about/", "", false, "/about/"},
		{"/about/", "", true, ""},
		{"/about/?x=1#y", "https://example.org/news/", true, "https://example.org/about/?x=1#y"},
		{"../news/", "https://example.org/news/", false, "../news/"},
		{"../news/", "https://example.org/news/", true, ""},
		{"https://example.org/x", "", true, "https://example.org/x"},
		{"mailto:desk@example.org", "", true, "mailto:desk@example.org"},
		{"#part", "", true, "#part"},
		{"//example.org/x", "", true, "https://example.org/x"},
	}
	for _, tt := range tests {
		link := w.linker(ru, "a", tt.base, published)
		if got := link(tt.dest, tt.book); got != tt.want {
			t.Errorf("link %q (base %q, book %v) = %q, want %q", tt.dest, tt.base, tt.book, got, tt.want)
		}
	}
}
