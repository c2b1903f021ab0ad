package tomlpos

import (
	"errors"
	"fmt"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestPosition(t *testing.T) {
	tests := []struct{ doc, want string }{
		{"[a.title\nother = \"x\"\n", "1:9"},        // the table name never closed: at the end of its line
		{"[locales.ru\n", "1:12"},                   // the same at the end of the file
		{"[a]\nb = \"Алматы\n", "2:12"},             // a string never closed, in characters
		{"[a]\nb = \"Алматы\"\nb = \"x\"\n", "3:1"}, // a duplicate key
		{"a = 1\nb = \"\"\"\n", "2:8"},              // a multi-line string never closed
		{"[a]\nб = 1\n", "2:1"},                     // a key that is not bare
	}
	for _, tt := range tests {
		var v map[string]any
		_, err := toml.Decode(tt.doc, &v)
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%q: no parse error (%v)", tt.doc, err)
		}
		line, col := Position([]byte(tt.doc), pe)
		if got := fmt.Sprintf("%d:%d", line, col); got != tt.want {
			t.Errorf("%q: %s (%s), want %s (the decoder said %d:%d)", tt.doc, got, pe.Message, tt.want, pe.Position.Line, pe.Position.Col)
		}
	}
}

func TestDecoding(t *testing.T) {
	tests := []struct {
		doc  string
		line int
		msg  string
	}{
		{"[a]\nb = 1\n\n[c]\nd = \"x\"\n", 5, `key "c.d": incompatible types: TOML value has type string; destination has type integer`},
		{"c = 1\n", 1, `key "c": type mismatch for struct { D int }: expected table but found int64`},
	}
	for _, tt := range tests {
		var v struct {
			A map[string]int  `toml:"a"`
			C struct{ D int } `toml:"c"`
		}
		_, err := toml.Decode(tt.doc, &v)
		if err == nil {
			t.Fatalf("%q: no error", tt.doc)
		}
		line, msg := Decoding(err)
		if line != tt.line || msg != tt.msg {
			t.Errorf("%q: %d %q, want %d %q", tt.doc, line, msg, tt.line, tt.msg)
		}
	}
}
