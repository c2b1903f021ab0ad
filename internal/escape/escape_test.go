package escape

import "testing"

func TestLine(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "locales/ru.toml", "locales/ru.toml"},
		{"Cyrillic and Kazakh kept", "Сәлем, Алматы — «жаңа»", "Сәлем, Алматы — «жаңа»"},
		{"newline then a workflow command", "the-conscript.p1\n::add-mask::secret", `the-conscript.p1\n::add-mask::secret`},
		{"carriage return", "a\r::warning::x", `a\r::warning::x`},
		{"terminal escape", "\x1b[2J\x1b]0;title\x07", `\x1b[2J\x1b]0;title\x07`},
		{"tab", "a\tb", `a\tb`},
		{"C1 control", "a\u0085b", `a\x85b`},
		{"line separator", "a\u2028b", `a\u2028b`},
		{"bidi override", "ru\u202e.lmth", `ru\u202e.lmth`},
		{"not UTF-8", "a\xffb", `a\xffb`},
		{"DEL", "a\x7f", `a\x7f`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Line(tt.in); got != tt.want {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTextKeepsLineFeeds(t *testing.T) {
	in := "first line\nsecond \x1b[31mred\r"
	if got, want := Text(in), "first line\nsecond \\x1b[31mred\\r"; got != want {
		t.Errorf("Text(%q) = %q, want %q", in, got, want)
	}
}
