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
