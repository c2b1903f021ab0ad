package catalog

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/tilmash/tilmash/translate/catalog/catpath"
)

// TestForeign: a catalogue another tool rewrote, in the shape the real
// tool writes it, is one error at its place that names the tool and says
// what to do, never entries read as something else. The files in
// testdata/foreign are the tools' own output, made by testdata/foreign/
// gen.sh (translate-toolkit's go-i18n TOML store, the one Weblate uses;
// goi18n merge; an extract of a tilmash that did not know the shape) from
// the catalogues in testdata/foreign/in, as tilmash wrote them.
func TestForeign(t *testing.T) {
	tests := []struct {
		name string
		file string // under testdata/foreign
		path string // the path it is read as
		line int
		col  int
		want []string // in the error, in order
	}{
		{"weblate saved it, no edit", "weblate-saved.ru.toml", "locales/ru/the-conscript.ru.toml", 22, 1, []string{
			"rewritten by a tool that does not know go-i18n's reserved keys (Weblate's or translate-toolkit's go-i18n TOML store)",
			`[the-conscript.publication.other] makes the "other" of entry the-conscript.publication a table of its own`,
			"as do 57 more tables here (hash, one, few, many, other)",
			"git checkout -- locales/ru/the-conscript.ru.toml",
			"tilmash handoff --locale ru --all --format po"}},
		{"a translator's edit, Kazakh plurals", "weblate-edited.kk.toml", "locales/kk/the-conscript.kk.toml", 22, 1, []string{
			"rewritten by a tool", "[the-conscript.publication.other]", "as do 53 more tables here (hash, one, other)", "tilmash handoff --locale kk --all --format po"}},
		{"the English, its descriptions", "weblate-saved.en.toml", "locales/en/the-conscript.en.toml", 12, 1, []string{
			"rewritten by a tool", "as do 79 more tables here (description, hash, one, other)"}},
		{"then extracted by an older tilmash", "extracted.ru.toml", "locales/ru/the-conscript.ru.toml", 233, 1, []string{
			"rewritten by a tool that does not know go-i18n's reserved keys", "then by an older tilmash extract",
			`[the-conscript.date.hash] makes the "hash" of entry the-conscript.date a table of its own`,
			"from the commit before the tool's, which git log -- locales/ru/the-conscript.ru.toml lists"}},
		{"goi18n merge's translate file over a catalogue", "goi18n-translate.ru.toml", "locales/ru/the-conscript.ru.toml", 3, 8, []string{
			`hash = "sha1-9cccf6b90d6b0f5f64388c4f923721a71c2d3400" is go-i18n's hash, not tilmash's: goi18n merge wrote this entry, and 25 more in this file`,
			"takes every other hash for outdated, tilmash's too", "git checkout -- locales/ru/the-conscript.ru.toml", "tilmash extract, not goi18n merge"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile("testdata/foreign/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			c, err := Parse(tt.path, data)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse = %v, %v; want an *Error", c, err)
			}
			if e.Pos.File != tt.path || e.Pos.Line != tt.line || e.Pos.Col != tt.col {
				t.Errorf("at %s, want %s:%d:%d", e.Pos, tt.path, tt.line, tt.col)
			}
			rest := err.Error()
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("error\n%s\nlacks (after what came before)\n%s", err, w)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}

// TestForeignShapes: the shapes by hand, one entry each, on both of
// Parse's readers (the fast one and the general decoder): the store's
// table of a reserved key with or without its entry's empty table above
// it, written in any TOML way, in any case; and what is none of them.
func TestForeignShapes(t *testing.T) {
	tests := []struct {
		name string
		data string
		err  string // the error's start, or "" for none
	}{
		{"a table of a reserved key", "[a.b.other]\nother = \"x\"\n", `locales/ru/a.ru.toml:1:1: rewritten by a tool`},
		{"under its entry's empty table", "# c\n[a.b]\n\n[a.b.hash]\nother = \"sha256-0123456789abcdef\"\n", `locales/ru/a.ru.toml:4:1: rewritten by a tool`},
		{"indented, quoted", "  [ \"a\" . \"b\" . \"one\" ]\n  other = \"x\"\n", `locales/ru/a.ru.toml:1:1: rewritten by a tool`},
		{"upper case", "[a.b.Description]\nother = \"x\"\n", `locales/ru/a.ru.toml:1:1: rewritten by a tool`},
		{"two of them", "[a.b.hash]\nother = \"x\"\n[a.b.other]\nother = \"y\"\n", `locales/ru/a.ru.toml:1:1: rewritten by a tool that does not know go-i18n's reserved keys (Weblate's or translate-toolkit's go-i18n TOML store): [a.b.hash] makes the "hash" of entry a.b a table of its own, as does 1 more table here (hash, other)`},
		{"goi18n's hash", "[a.b]\nhash = \"sha1-0a\"\nother = \"x\"\n", `locales/ru/a.ru.toml:2:8: hash = "sha1-0a" is go-i18n's hash`},
		{"goi18n's hash, quoted table", "[\"a.b\"]\nother = \"x\"\nhash  =  \"sha1-0a\"\n", `locales/ru/a.ru.toml:3:10: hash = "sha1-0a" is go-i18n's hash`},

		// What tilmash writes is never one: package segment gives no ID a
		// reserved word for a segment ("s-other"), and texts and comments
		// may say anything.
		{"a section named Other", "[a.s-other.p-0a1b2c]\nhash = \"sha256-0123456789abcdef\"\nother = \"x\"\n", ""},
		{"an article named hash", "[s-hash.title]\nhash = \"sha256-0123456789abcdef\"\nother = \"x\"\n", ""},
		{"a front-matter field", "[a.fm-description]\nhash = \"sha256-0123456789abcdef\"\nother = \"x\"\n[a.fm-params-other]\nother = \"y\"\n", ""},
		{"words that begin as reserved ones", "[a.others]\nother = \"x\"\n[a.one-two.hashes]\nother = \"y\"\n", ""},
		{"texts and comments", "# [a.b.other]\n[a.b]\nhash = \"sha256-0123456789abcdef\"\nother = \"[a.b.other] sha1-0a\"\n", ""},
		{"a hash that is not goi18n's", "[a.b]\nhash = \"sha10-x\"\nother = \"x\"\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("locales/ru/a.ru.toml", []byte(tt.data))
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("Parse: %v", err)
			case tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)):
				t.Fatalf("Parse: %v\nwant an error starting %s", err, tt.err)
			}
		})
	}
}

// TestForeignValid: the catalogues the tools were given, as tilmash wrote
// them, are read; so is goi18n's active file of the source, a valid
// go-i18n file with the same IDs (workspace refuses it by its name).
func TestForeignValid(t *testing.T) {
	for file, path := range map[string]string{
		"in/the-conscript.ru.toml": "locales/ru/the-conscript.ru.toml",
		"in/the-conscript.kk.toml": "locales/kk/the-conscript.kk.toml",
		"in/the-conscript.en.toml": "locales/en/the-conscript.en.toml",
		"goi18n-active.en.toml":    "locales/en/the-conscript.en.toml",
	} {
		data, err := os.ReadFile("testdata/foreign/" + file)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Parse(path, data)
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		if len(c.Messages) != 26 {
			t.Errorf("%s: %d messages, want 26", file, len(c.Messages))
		}
	}
}

// TestGoi18nFileError says what the file is and what to do, in the
// locales folder the project has.
func TestGoi18nFileError(t *testing.T) {
	for _, tt := range []struct{ path, kind, want string }{
		{"locales/active.ru.toml", "active", `locales/active.ru.toml:1:1: "active.ru.toml" is a work file of goi18n, go-i18n's command, not a tilmash catalogue: goi18n merge and extract write the messages they count as translated`},
		{"i18n/ru/translate.ru.toml", "translate", `i18n/ru/translate.ru.toml:1:1: "translate.ru.toml" is a work file of goi18n, go-i18n's command, not a tilmash catalogue: goi18n merge writes the messages it wants translated, the English as their text`},
	} {
		dir := tt.path[:strings.IndexByte(tt.path, '/')]
		err := Goi18nFileError(dir, tt.path, tt.kind)
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s:\n%s\nwant it to start\n%s", tt.path, err, tt.want)
		}
		if want := "move the file out of " + dir + "/"; !strings.Contains(err.Hint, want) {
			t.Errorf("hint %q lacks %q", err.Hint, want)
		}
		if kind, ok := catpath.Goi18n(tt.path); !ok || kind != tt.kind {
			t.Errorf("catpath.Goi18n(%s) = %q, %v", tt.path, kind, ok)
		}
	}
}

// TestHasHeader: tilmash's catalogues, source and target, begin with its
// header; goi18n's and the store's files do not, or not first.
func TestHasHeader(t *testing.T) {
	for file, want := range map[string]bool{
		"in/the-conscript.ru.toml": true,
		"in/the-conscript.en.toml": true,
		"goi18n-active.en.toml":    false,
		"goi18n-translate.ru.toml": false,
	} {
		data, err := os.ReadFile("testdata/foreign/" + file)
		if err != nil {
			t.Fatal(err)
		}
		if got := HasHeader(data); got != want {
			t.Errorf("HasHeader(%s) = %v", file, got)
		}
	}
	if !HasHeader([]byte("\uFEFF# tilmash catalogue: ru")) || HasHeader(nil) || HasHeader([]byte("# mine\n# tilmash catalogue: ru")) {
		t.Error("HasHeader: a byte-order mark, an empty file, a note above the header")
	}
}
