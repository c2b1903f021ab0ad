package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/tilmash/tilmash/internal/testrace"
)

// TestBadInput feeds the real commands broken, hostile and odd files, as
// translators and editors make them. Each broken file is a clear error
// (exit 2) naming the file and position, with every file left as it was;
// what is only odd (a BOM, CRLF, NFD text, an empty catalogue, huge or
// deeply nested articles) works, within bounds. A panic fails the test.
func TestBadInput(t *testing.T) {
	testrace.NotUnderRace(t, subprocess)
	t.Parallel() // processes and files, mostly waiting: overlap with the other slow tests
	article := "+++\ntitle = \"A\"\n+++\n\nAlmaty.\n"
	deep := strings.Repeat("> ", 10000) + "deep\n"
	nested := strings.Repeat("{a = ", 20000) + "1" + strings.Repeat("}", 20000) // 120 KB
	var many strings.Builder
	for i := range 20000 {
		many.WriteString("Paragraph " + strings.Repeat("x", i%7) + ".\n\n")
	}
	tests := []struct {
		name string
		file string // the file to write (relative), or "" for none
		data string // its content; "<dir>" makes a folder
		args string
		code int
		err  string // a regular expression the standard error must match (exit 2)
	}{
		{"unclosed string", "locales/ru/a.ru.toml", "[a.title]\nother = \"Алматы\n", "extract", 2, `locales/ru/a\.ru\.toml:2:16: TOML`},
		{"missing =", "locales/ru/a.ru.toml", "[a.title]\nother \"Алматы\"\n", "extract", 2, `locales/ru/a\.ru\.toml:2:\d+: TOML`},
		{"bad table", "locales/ru/a.ru.toml", "[a.title\nother = \"x\"\n", "extract", 2, `locales/ru/a\.ru\.toml:1:\d+: TOML`},
		{"duplicate key", "locales/ru/a.ru.toml", "[a.title]\nother = \"x\"\nother = \"y\"\n", "extract", 2, `locales/ru/a\.ru\.toml:3:1: .*already been defined.*first is at line 2`},
		{"number", "locales/ru/a.ru.toml", "[a.title]\nother = 3\n", "extract", 2, `locales/ru/a\.ru\.toml:2:9: "other" of message "a\.title" is 3, not text`},
		{"invalid UTF-8 in a catalogue", "locales/ru/a.ru.toml", "[a.title]\nother = \"Ал\xffматы\"\n", "extract", 2, `locales/ru/a\.ru\.toml:2:12: invalid UTF-8`},
		{"NUL", "locales/ru/a.ru.toml", "[a.title]\nother = \"x\"\x00\n", "extract", 2, `locales/ru/a\.ru\.toml:2:\d+: .*control characters`},
		{"junk", "locales/ru/a.ru.toml", strings.Repeat("\x9f\x00junk", 1<<20), "extract", 2, `locales/ru/a\.ru\.toml:1:1: invalid UTF-8`},
		{"a folder", "locales/ru/a.ru.toml", "<dir>", "extract", 2, `locales/ru/a\.ru\.toml:1:1: a folder`},
		{"a folder in the old layout", "locales/ru.toml", "<dir>", "extract", 2, `locales/ru\.toml:1:1: a folder`},
		{"8 MB value", "locales/ru/a.ru.toml", "[a.title]\nother = \"" + strings.Repeat("Алматы ", 8<<20/13) + "\"\n", "check", 2, `locales/ru/a\.ru\.toml:2:9: message "a\.title": a text of \d+ bytes`},
		{"invalid UTF-8 in an article", "content/b.md", "+++\ntitle = \"B\"\n+++\n\nAl\xffmaty.\n", "extract", 2, `content/b\.md:5:3: .*UTF-8`},
		{"broken front matter", "content/b.md", "+++\ntitle = \"B\n+++\n\nText.\n", "extract", 2, `content/b\.md:2:\d+`},
		{"broken config", "tilmash.toml", "[locales.ru\n", "check", 2, `tilmash\.toml:1:\d+`},
		// 100 KB of nesting took the TOML decoder a minute and gigabytes
		// (and the front matter was then taken, exit 0): refused before it.
		{"nested front matter", "content/b.md", "+++\ntitle = \"B\"\n[params]\nx = " + nested + "\n+++\n\nText.\n", "extract", 2, `^tilmash: content/b\.md:4:160: front matter: tables and arrays nested more than 32 deep`},
		{"a dotted key in front matter", "content/b.md", "+++\ntitle = \"B\"\n" + strings.Repeat("p.", 50000) + "q = 1\n+++\n\nText.\n", "build", 2, `^tilmash: content/b\.md:3:66: front matter: tables and arrays nested`},
		{"a nested glossary", "glossary/terms.toml", "[[term]]\nen = \"Almaty\"\npos = \"name\"\n[term.ru]\nnote = " + nested + "\n", "check", 2, `^tilmash: glossary/terms\.toml:5:158: tables and arrays nested more than 32 deep`},
		{"nested settings", "tilmash.toml", "[locales.ru]\nrequired = true\nquotes = " + nested + "\n", "build", 2, `^tilmash: tilmash\.toml:3:160: tables and arrays nested more than 32 deep`},
		{"unknown locale", "", "", "check --locale xx-Zzzz-ZZ", 2, `--locale`},
		// What is not a file: a link to /dev/zero would fill memory, a named
		// pipe would make build wait for ever (its no-change digest read
		// every input before anything refused them).
		{"an article linked to /dev/zero", "content/z.md", "<link:/dev/zero>", "build", 2, `content/z\.md:1:1: a symbolic link`},
		{"an article that is a named pipe", "content/p.md", "<fifo>", "build", 2, `content/p\.md:1:1: not a regular file`},
		{"a glossary file that is a named pipe", "glossary/terms.toml", "<fifo>", "check", 2, `glossary/terms\.toml:1:1: not a regular file`},
		{"the report linked to /dev/zero", "dist/report.json", "<link:/dev/zero>", "build", 2, `dist/report\.json:1:1: not a regular file`},
		{"an edition linked to /dev/zero", "dist/en/a.html", "<link:/dev/zero>", "build", 2, `dist/en/a\.html is a symbolic link`},

		{"BOM", "locales/ru/a.ru.toml", "\ufeff[a.title]\nother = \"Алматы\"\n", "check --no-spelling", 1, ""},
		{"CRLF", "locales/ru/a.ru.toml", "[a.title]\r\nother = \"Алматы\"\r\n", "check --no-spelling", 1, ""},
		{"NFD", "locales/ru/a.ru.toml", "[a.title]\nother = \"Алматы и\u0306\"\n", "check --no-spelling", 1, ""},
		{"empty catalogue", "locales/ru/a.ru.toml", "", "check --no-spelling", 1, ""},
		{"a line of 1,000,000 characters", "content/b.md", "+++\ntitle = \"B\"\n+++\n\n" + strings.Repeat("word ", 200000) + "\n", "extract", 0, ""},
		{"block quotes 10,000 deep", "content/b.md", "+++\ntitle = \"B\"\n+++\n\n" + deep, "extract", 0, ""},
		{"20,000 paragraphs", "content/b.md", "+++\ntitle = \"B\"\n+++\n\n" + many.String(), "extract", 0, ""},
	}
	// The project every case starts from, extracted once.
	base := t.TempDir()
	writeTree(t, base, map[string][]byte{"content/a.md": []byte(article), "tilmash.toml": []byte("[locales.ru]\nrequired = true\n")})
	run(t, base, "extract", "--add-locale", "ru")
	project := tree(t, base)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, project)
			if tt.file != "" {
				p := filepath.Join(dir, tt.file)
				switch target, link := strings.CutPrefix(tt.data, "<link:"); {
				case tt.data == "<dir>":
					os.Remove(p)
					if err := os.MkdirAll(p, 0o755); err != nil {
						t.Fatal(err)
					}
				case link:
					os.MkdirAll(filepath.Dir(p), 0o755)
					os.Remove(p)
					if err := os.Symlink(strings.TrimSuffix(target, ">"), p); err != nil {
						t.Fatal(err)
					}
				case tt.data == "<fifo>":
					os.MkdirAll(filepath.Dir(p), 0o755)
					os.Remove(p)
					if err := syscall.Mkfifo(p, 0o644); err != nil {
						t.Fatal(err)
					}
				default:
					writeTree(t, dir, map[string][]byte{tt.file: []byte(tt.data)})
				}
			}
			before := tree(t, dir)
			code, out, errOut := tilmashExec(t, dir, strings.Fields(tt.args)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tt.code, out, errOut)
			}
			if tt.err != "" && !regexp.MustCompile(tt.err).MatchString(errOut) {
				t.Errorf("stderr = %q, want it to match %s", errOut, tt.err)
			}
			if code != 2 {
				return
			}
			after := tree(t, dir)
			delete(after, ".tilmash.lock")
			delete(before, ".tilmash.lock")
			for p := range mergeKeys(before, after) {
				if !bytes.Equal(before[p], after[p]) {
					t.Errorf("%s changed", p)
				}
			}
		})
	}
}
