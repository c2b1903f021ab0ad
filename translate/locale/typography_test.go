package locale

import (
	"testing"

	"golang.org/x/text/language"
)

// TestSpacedDash: Russian and Kazakh (either alphabet) join the dash to
// the word before it with a no-break space; English spaces it plainly.
func TestSpacedDash(t *testing.T) {
	for _, tt := range []struct {
		tag  string
		want string
	}{{"ru", "\u00a0— "}, {"kk", "\u00a0— "}, {"kk-Latn", "\u00a0— "}, {"en", " — "}, {"uz", " — "}} {
		if got := SpacedDash(language.MustParse(tt.tag)); got != tt.want {
			t.Errorf("SpacedDash(%s) = %q, want %q", tt.tag, got, tt.want)
		}
	}
}
