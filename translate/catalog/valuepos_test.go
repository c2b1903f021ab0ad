package catalog

import (
	"testing"

	"github.com/tilmash/tilmash/translate/locale"
)

// TestValuePosFollowsTheFile: a finding at an offset of a translation is
// reported where that character stands in the file, whatever the string's
// form.
func TestValuePosFollowsTheFile(t *testing.T) {
	tests := []struct {
		name, file, at string // at: the text whose first character is looked up
		want           string
	}{
		{"basic", "[a.b]\nother = \"Алма \\\"ты\\\" X\"\n", "X", "locales/ru.toml:2:22"},
		{"literal", "[a.b]\nother = 'Алма \"ты\" X'\n", "X", "locales/ru.toml:2:20"},
		{"multi-line after a break", "[a.b]\nother = \"\"\"\nАлма\nты X\"\"\"\n", "X", "locales/ru.toml:4:4"},
		{"multi-line on the same line", "[a.b]\nother = \"\"\"Алма\nты X\"\"\"\n", "X", "locales/ru.toml:3:4"},
		{"multi-line, first line", "[a.b]\nother = '''Ал X\nма'''\n", "X", "locales/ru.toml:2:15"},
	}
	for _, tt := range tests {
		c, err := Parse("locales/ru.toml", []byte(tt.file))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		m := c.Lookup("a.b")
		off := -1
		for i := range m.Forms[locale.Other] {
			if m.Forms[locale.Other][i:][:len(tt.at)] == tt.at {
				off = i
				break
			}
		}
		if got := m.ValuePos(locale.Other, off).String(); got != tt.want {
			t.Errorf("%s: %q at %s, want %s", tt.name, tt.at, got, tt.want)
		}
	}
}

func TestNumberIsNotText(t *testing.T) {
	_, err := Parse("locales/ru.toml", []byte("[a.b]\nother = 3\n"))
	if err == nil || err.Error() != `locales/ru.toml:2:9: "other" of message "a.b" is 3, not text (write text in quotes: other = "3")` {
		t.Errorf("error = %v", err)
	}
}
