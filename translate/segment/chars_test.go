package segment

import (
	"fmt"
	"strings"
	"testing"
)

// TestChars: every character no edition can carry is found where it
// stands, with the unit whose text holds it; one written as a character
// reference or a TOML escape is found at its unit or field (the field's
// key, or a list's item).
func TestChars(t *testing.T) {
	const fm = "+++\ntitle = \"T\"\n+++\n\n"
	tests := []struct {
		name, src string
		want      string // each Char as line:col U+XXXX unit-kind, ", "-separated
	}{
		{"clean", fm + "A tab\there, «Алматы».\n\n```\ncode\n```\n", ""},
		{"vertical tab in a paragraph", fm + "First line\nsecond\vline.\n", "6:7 U+000B paragraph"},
		{"two in a paragraph", fm + "Ал\x1bматы \x0c.\n", "5:3 U+001B paragraph, 5:9 U+000C paragraph"},
		{"U+FFFE in a heading", fm + "## Ал\uFFFE\n", "5:6 U+FFFE heading"},
		{"a character reference", fm + "One &#11; two.\n", "5:1 U+000B paragraph"},
		{"a noncharacter reference", fm + "One &#xFDD0; two.\n", "5:1 U+FDD0 paragraph"},
		{"a TOML escape in the title", "+++\nnote = \"N\"\ntitle = \"A\\u000Bb\"\n+++\n\nText.\n", "3:1 U+000B headline"},
		{"a code block", fm + "Text.\n\n```\nx\x1by\n```\n", "8:2 U+001B -"},
		{"an HTML block's reference", fm + "Text.\n\n<div>a&#xFFFE;b</div>\n", "7:6 U+FFFE html"},
		{"an HTML block", fm + "Text.\n\n<div>a\x7fb</div>\n", "7:7 U+007F html"},
		{"an HTML block's tag", fm + "Text.\n\n<div data-x=\"\x7f\">a</div>\n", "7:14 U+007F -"},
		{"a reference without its semicolon, as HTML reads it", fm + "Text.\n\n<div>&#1", "7:1 U+0001 -"},
		{"inline HTML", fm + "Text <span title=\"&#11;\">x</span>.\n", "5:1 U+000B paragraph"},
		{"a link's address", fm + "A [link](<a\vb>).\n", "5:12 U+000B paragraph"},
		{"a figure's address", fm + "![Caption](x&#xFFFF;.jpg)\n", "5:1 U+FFFF -"},
		{"a param", "+++\ntitle = \"T\"\n[params]\nsub = \"a\\uFFFEb\"\n+++\n\nText.\n", "4:1 U+FFFE -"},
		{"a field tilmash does not read, at the item", "+++\ntitle = \"T\"\nsub = [\"\\u0085\"]\n+++\n\nText.\n", "3:8 U+0085 -"},
		{"C1 in a list item", fm + "- one\n- t\u0093wo\n", "6:4 U+0093 item"},
		{"CRLF", "+++\r\ntitle = \"T\"\r\n+++\r\n\r\nA\r\nb\vc.\r\n", "6:2 U+000B paragraph"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Split("content/a.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range a.Chars {
				if c.Pos.File != "content/a.md" {
					t.Errorf("file %q", c.Pos.File)
				}
				kind := "-"
				if c.Unit >= 0 {
					kind = string(a.Units[c.Unit].Kind)
				}
				got = append(got, fmt.Sprintf("%d:%d %U %s", c.Pos.Line, c.Pos.Col, c.Rune, kind))
			}
			if s := strings.Join(got, ", "); s != tt.want {
				t.Errorf("Chars = %q\nwant    %q", s, tt.want)
			}
		})
	}
}
