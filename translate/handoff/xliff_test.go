package handoff

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
)

var xliffUnits = []Unit{
	{ID: "a.title", Where: []string{"content/a.md:2 (headline)"}, Context: []string{"The headline & more <b>"}, English: map[locale.Form]string{locale.Other: "Russians of Almaty"}, Text: map[locale.Form]string{locale.Other: "Россияне в Алматы"}, Hash: "sha256-1", Base: "sha256-b"},
	{ID: "a.intro.p-1", English: map[locale.Form]string{locale.Other: "Read <a1>the <em>full</em> report</a1> on {{.Number1}} men, <code1/> & <em>more</em>."}, Text: map[locale.Form]string{locale.Other: "Читайте <a1>полный <em>отчёт</em></a1> о {{.Number1}} мужчинах, <code1/> и <em>ещё</em>."}, Hash: "sha256-2", Base: "sha256-c", Stale: true, Previous: map[locale.Form]string{locale.Other: "Read the report."}, Suggestions: []string{"87% b.p-2: Читайте отчёт."}},
	{ID: "a.dmitri.heading", English: map[locale.Form]string{locale.One: "{{.Name}}, {{.Age}}", locale.Other: "{{.Name}}, {{.Age}}"}, Hash: "sha256-3"},
	{ID: "a.broken", English: map[locale.Form]string{locale.Other: "A <em>b</em> c"}, Text: map[locale.Form]string{locale.Other: "А <em>б c"}, Hash: "sha256-4", Base: "sha256-d"},
}

// TestXLIFFValidates: the file validates against the OASIS XLIFF 2.0 core
// schema (xmllint), and an invalid one does not (the check can fail).
func TestXLIFFValidates(t *testing.T) {
	data := WriteXLIFF(language.Russian, xliffUnits)
	if err := xmllint(t, data); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	bad := strings.Replace(string(data), `state="final"`, `state="done"`, 1)
	if err := xmllint(t, []byte(bad)); err == nil {
		t.Error("xmllint accepted state=\"done\": the validation is not running")
	}
}

func xmllint(t *testing.T, data []byte) error {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Fatal("xmllint is not installed: scripts/deps test (libxml2-utils)")
	}
	f := filepath.Join(t.TempDir(), "ru.xlf")
	os.WriteFile(f, data, 0o644)
	out, err := exec.Command("xmllint", "--noout", "--nonet", "--schema", "testdata/schema/xliff-core-2.0.xsd", f).CombinedOutput()
	if err != nil {
		return &Error{File: string(out)}
	}
	return nil
}

// TestXLIFFRoundTrip: reading the file back gives each target's text as
// written, also after a CAT tool's edits: attributes reordered, white space
// between elements changed, <pc> as <sc>/<ec>, <mrk> added, a BOM, CRLF.
func TestXLIFFRoundTrip(t *testing.T) {
	data := string(WriteXLIFF(language.Russian, xliffUnits))
	catEdited := data
	catEdited = strings.ReplaceAll(catEdited, `<segment id="other" state="final">`, `<segment state="final"   id="other">`)
	catEdited = strings.ReplaceAll(catEdited, "\n        <target>", "\n\n\t<target>")
	pc := regexp.MustCompile(`<pc id="([^"]+)">`)
	// In the targets only: every <pc> as an <sc>/<ec> pair.
	catEdited = regexp.MustCompile(`(?s)<target>.*?</target>`).ReplaceAllStringFunc(catEdited, func(target string) string {
		var stack []string
		out := ""
		for rest := target; rest != ""; {
			switch {
			case pc.MatchString(rest) && pc.FindStringIndex(rest)[0] == 0:
				m := pc.FindStringSubmatch(rest)
				stack = append(stack, m[1])
				out += `<sc id="` + m[1] + `"/>`
				rest = rest[len(m[0]):]
			case strings.HasPrefix(rest, "</pc>"):
				out += `<ec startRef="` + stack[len(stack)-1] + `"/>`
				stack = stack[:len(stack)-1]
				rest = rest[len("</pc>"):]
			default:
				out += rest[:1]
				rest = rest[1:]
			}
		}
		return out
	})
	catEdited = strings.Replace(catEdited, "Россияне", `<mrk id="m1" type="term">Россияне</mrk>`, 1)
	catEdited = "\uFEFF" + strings.ReplaceAll(catEdited, "\n", "\r\n")
	for name, file := range map[string]string{"as written": data, "as a CAT tool saves it": catEdited} {
		t.Run(name, func(t *testing.T) {
			x, err := ReadXLIFF("ru.xlf", []byte(file))
			if err != nil {
				t.Fatalf("%v\n%s", err, file)
			}
			if x.TrgLang != "ru" || len(x.Units) != len(xliffUnits) {
				t.Fatalf("trgLang %q, %d units", x.TrgLang, len(x.Units))
			}
			for i, u := range xliffUnits {
				got := x.Units[i]
				if got.ID != u.ID || got.Hash != u.Hash || got.Base != u.Base {
					t.Errorf("unit %d: %s %s %s, want %s %s %s", i, got.ID, got.Hash, got.Base, u.ID, u.Hash, u.Base)
				}
				for _, s := range got.Segments {
					want, has := u.Text[locale.Form(s.ID)]
					if s.HasTarget != has || s.Target != want {
						t.Errorf("%s/%s: target %q (%v), want %q", u.ID, s.ID, s.Target, s.HasTarget, want)
					}
				}
			}
			if n := len(x.Units[2].Segments); n != len(locale.PluralForms(language.Russian)) {
				t.Errorf("the plural unit has %d segments", n)
			}
		})
	}
}

// TestXLIFFCharactersXMLCannotCarry: a text holding characters XML 1.0
// cannot carry (NUL, form feed, the other C0 controls, U+FFFE, U+FFFF)
// travels as <cp hex="…"/>, validates, and reads back as itself; the
// characters XML can carry travel as they are.
func TestXLIFFCharactersXMLCannotCarry(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"NUL", "a\x00b", `a<cp hex="0000"/>b`},
		{"form feed", "a\fb", `a<cp hex="000C"/>b`},
		{"U+FFFE, U+FFFF", "\uFFFE<em>x\uFFFF</em>", `<cp hex="FFFE"/><pc id="em">x<cp hex="FFFF"/></pc>`},
		{"every C0 control", "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f", ""},
		{"tab, line feed, CR, DEL, NEL, U+FFFD", "\t\n\r\r\n\x7f\u0085\uFFFD", "&#x9;&#xA;&#xD;&#xD;&#xA;\x7f\u0085\uFFFD"},
	}
	var units []Unit
	for i, tt := range tests {
		units = append(units, Unit{ID: "a.p-" + string(rune('a'+i)), English: map[locale.Form]string{locale.Other: "x"}, Text: map[locale.Form]string{locale.Other: tt.text}, Hash: "h", Base: "b"})
	}
	data := WriteXLIFF(language.Russian, units)
	if err := xmllint(t, data); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	x, err := ReadXLIFF("ru.xlf", data)
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		if tt.want != "" && !strings.Contains(string(data), "<target>"+tt.want+"</target>") {
			t.Errorf("%s: no <target>%s</target> in\n%s", tt.name, tt.want, data)
		}
		if got := x.Units[i].Segments[0].Target; got != tt.text {
			t.Errorf("%s: read back %q, want %q", tt.name, got, tt.text)
		}
	}
	for _, bad := range []string{"D800", "110000", "xyz", ""} {
		doc := `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru"><file id="f"><unit id="u"><segment state="final"><source>a</source><target>a<cp hex="` + bad + `"/></target></segment></unit></file></xliff>`
		if _, err := ReadXLIFF("x.xlf", []byte(doc)); err == nil || !strings.Contains(err.Error(), "not a Unicode code point") {
			t.Errorf("<cp hex=%q>: error %v", bad, err)
		}
	}
}

func TestReadXLIFFErrors(t *testing.T) {
	tests := []struct{ name, data, err string }{
		{"not XML", "<xliff version=\"2.0\" trgLang=\"ru\"><file>\n<unit", "x.xlf:2:"},
		{"version 1.2", `<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"></xliff>`, `x.xlf:1:`},
		{"no trgLang", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"></xliff>`, "x.xlf:1:1: no <xliff trgLang"},
		{"bad inline", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" trgLang="ru"><file id="f"><unit id="u"><segment><source>a</source><target>a <b>x</b></target></segment></unit></file></xliff>`, "x.xlf:1:"},
		{"nested too deep", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" trgLang="ru"><file id="f"><unit id="u"><segment state="final"><source>a</source><target>` + strings.Repeat(`<pc id="1">`, 40) + "x", "x.xlf:1:"},
	}
	for _, tt := range tests {
		if _, err := ReadXLIFF("x.xlf", []byte(tt.data)); err == nil || !strings.HasPrefix(err.Error(), tt.err) {
			t.Errorf("%s: error %v, want %q…", tt.name, err, tt.err)
		}
	}
	if _, err := ReadXLIFF("x.xlf", []byte(tests[len(tests)-1].data)); err == nil || !strings.Contains(err.Error(), "nest more than 32 deep") {
		t.Errorf("a deep file: %v, want the depth named", err)
	}
}

// FuzzReadXLIFF: any input is read or refused with a position, never a
// panic; a file tilmash wrote reads back whatever the texts.
func FuzzReadXLIFF(f *testing.F) {
	f.Add([]byte(WriteXLIFF(language.Russian, xliffUnits)), "Он <em>сказал</em> {{.X}} & <code1/>")
	f.Add([]byte(`<xliff version="2.0" trgLang="kk"><file id="f"><unit id="u"><segment state="final"><source>a</source><target><cp hex="0007"/><mrk id="m">x</mrk></target></segment></unit></file></xliff>`), "")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		if _, err := ReadXLIFF("f.xlf", data); err != nil {
			if e, ok := err.(*Error); !ok || e.Line < 1 || e.Col < 1 {
				t.Fatalf("error without a position: %v", err)
			}
		}
		if !utf8Valid(text) {
			return // catalogues are UTF-8
		}
		u := Unit{ID: "a.b", English: map[locale.Form]string{locale.Other: text + "."}, Text: map[locale.Form]string{locale.Other: text}, Hash: "h"}
		x, err := ReadXLIFF("f.xlf", WriteXLIFF(language.Kazakh, []Unit{u}))
		if err != nil {
			t.Fatalf("%v", err)
		}
		if text != "" && x.Units[0].Segments[0].Target != text {
			t.Fatalf("target %q, want %q", x.Units[0].Segments[0].Target, text)
		}
	})
}
