package handoff

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/translate/locale"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// tricky12 are texts that test what XLIFF 1.2 must carry: the English and
// its translation.
var tricky12 = []struct{ name, english, text string }{
	{"plain", "Russians of Almaty", "Россияне в Алматы"},
	{"a tag", "Read <em>this</em>.", "Читайте <em>это</em>."},
	{"nested tags", "Read <a1>the <em>full</em> report</a1>.", "Читайте <a1>полный <em>отчёт</em></a1>."},
	{"tags reordered", "<em>a</em> and <strong>b</strong>", "<strong>б</strong> и <em>а</em>"},
	{"a tag twice", "<em>a</em> <em>b</em>", "<em>б</em>, <em>а</em>, <em>в</em>"},
	{"an open never closed", "A <em>b</em> c", "А <em>б c"},
	{"a close without its open", "A <em>b</em> c", "А б</em> c"},
	{"tags that cross", "<em>a <strong>b</strong></em>", "<em>а <strong>б</em></strong>"},
	{"a tag the English lacks", "Plain", "<strong>Простой</strong> <em>текст"},
	{"empty tags", "<em></em>x", "<em></em>х"},
	{"deep tags", strings.Repeat("<b>", 20) + "x" + strings.Repeat("</b>", 20), strings.Repeat("<b>", 20) + "х" + strings.Repeat("</b>", 20)},
	{"placeholders", "{{.Count}} men and {{.Name}}", "{{.Name}} и {{.Count}} мужчин"},
	{"a placeholder written two ways", "{{.Name}} and {{ .Name }}", "{{ .Name }} и {{.Name}}"},
	{"self-closing codes", "Press <code1/> then <br/>", "Нажмите <br/>, затем <code1/>"},
	{"markup characters", `Tom & Jerry <3 "quotes" 'single' a>b ]]> &amp;`, `Том & Джерри <3 «кавычки» "q" 's' a>b ]]> &amp;`},
	{"braces that are no placeholder", "{{ x }} {{.}} {.A}", "{{ х }} {{.}} {.A}"},
	{"characters XML cannot carry", "a\x00b\fc\uFFFE", "а\x00б\fв\uFFFE\uFFFF\x1b"},
	{"a NUL the English lacks", "ab", "а\x00б"},
	{"newlines, CR, tab", "line 1\nline 2\r\n\tend", "строка 1\nстрока 2\r\n\tконец"},
	{"spaces kept", "  two  spaces  ", "  два  пробела  "},
	{"Kazakh letters", "Almaty", "Алматы: әңғүұқөһі ӘҢҒҮҰҚӨҺІ"},
	{"codes in a tag's place", "<em>{{.Count}}</em>", "<em><code1/>{{.Count}}</em>"},
}

// units12 are the units the tests write: every tricky text as a done
// unit, a stale one, a rejected one, a missing one, and plural units.
func units12() []Unit {
	var units []Unit
	for i, tt := range tricky12 {
		text := map[locale.Form]string{locale.Other: tt.text}
		units = append(units, Unit{ID: fmt.Sprintf("a.t-%02d", i), English: map[locale.Form]string{locale.Other: tt.english}, Text: text, Hash: fmt.Sprintf("sha256-%02d", i), Base: TextHash(text)})
	}
	stale := map[locale.Form]string{locale.Other: "Они <em>приехали</em>."}
	units = append(units,
		Unit{ID: "a.stale", Where: []string{"content/a.md:7 (paragraph)"}, Context: []string{"The lead & <b>more</b>"}, English: map[locale.Form]string{locale.Other: "They came to <em>Almaty</em>."}, Previous: map[locale.Form]string{locale.Other: "They <em>came</em>."}, Stale: true, Text: stale, Hash: "sha256-st", Base: TextHash(stale), Suggestions: []string{"87% b.p-2: Они приехали в Алматы."}, Terms: []string{"Almaty → Алматы"}},
		Unit{ID: "a.rejected", English: map[locale.Form]string{locale.Other: "{{.Count}} men"}, Text: map[locale.Form]string{locale.Other: "мужчин"}, Rejected: []string{"locales/ru/a.ru.toml:3:1: the translation lacks {{.Count}} [placeholders]"}, Hash: "sha256-rj", Base: TextHash(map[locale.Form]string{locale.Other: "мужчин"})},
		Unit{ID: "a.missing", English: map[locale.Form]string{locale.Other: "Men <em>left</em>."}, Hash: "sha256-mi"},
	)
	ru := map[locale.Form]string{locale.One: "{{.Count}} <em>мужчина</em>", locale.Few: "{{.Count}} <em>мужчины</em>", locale.Many: "{{.Count}} <em>мужчин</em>", locale.Other: "{{.Count}} <em>мужчины</em>\x00"}
	units = append(units,
		Unit{ID: "a.men", English: map[locale.Form]string{locale.One: "{{.Count}} <em>man</em>", locale.Other: "{{.Count}} <em>men</em>"}, Text: ru, Hash: "sha256-pl", Base: TextHash(ru)},
		Unit{ID: "a.days", English: map[locale.Form]string{locale.One: "{{.Count}} day", locale.Other: "{{.Count}} days"}, Text: map[locale.Form]string{locale.One: "{{.Count}} день"}, Hash: "sha256-pd", Base: TextHash(map[locale.Form]string{locale.One: "{{.Count}} день"})},
	)
	return units
}

// kkUnits: Kazakh has one and other.
func kkUnits() []Unit {
	kk := map[locale.Form]string{locale.One: "{{.Count}} <em>ер</em>", locale.Other: "{{.Count}} <em>ер</em> әйел"}
	return []Unit{
		{ID: "a.men", English: map[locale.Form]string{locale.One: "{{.Count}} <em>man</em>", locale.Other: "{{.Count}} <em>men</em>"}, Text: kk, Hash: "sha256-kk", Base: TextHash(kk)},
		{ID: "a.title", English: map[locale.Form]string{locale.Other: "Almaty"}, Text: map[locale.Form]string{locale.Other: "Алматы қаласы"}, Hash: "sha256-kt", Base: TextHash(map[locale.Form]string{locale.Other: "Алматы қаласы"})},
	}
}

// TestXLIFF12Validates: the file validates against the OASIS XLIFF 1.2
// strict schema (xmllint), for Russian and Kazakh; an invalid one does not
// (the check can fail).
func TestXLIFF12Validates(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		valid bool
	}{
		{"ru", string(WriteXLIFF12(language.Russian, units12())), true},
		{"kk", string(WriteXLIFF12(language.Kazakh, kkUnits())), true},
		{"no units", string(WriteXLIFF12(language.Russian, nil)), true},
		{"a state 1.2 does not have", strings.Replace(string(WriteXLIFF12(language.Russian, units12())), `state="final"`, `state="done"`, 1), false},
		{"a trans-unit id twice", strings.Replace(string(WriteXLIFF12(language.Russian, units12())), `id="a.t-01"`, `id="a.t-00"`, 1), false},
		{"a code without its id", strings.Replace(string(WriteXLIFF12(language.Russian, units12())), `<ph id="1">`, `<ph>`, 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := xmllintSchema(t, []byte(tt.data), "testdata/schema/xliff-core-1.2-strict.xsd")
			if tt.valid && err != nil {
				t.Fatalf("%v\n%s", err, tt.data)
			}
			if !tt.valid && err == nil {
				t.Fatal("xmllint accepted it: the validation is not running")
			}
		})
	}
}

func xmllintSchema(t *testing.T, data []byte, schema string) error {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Fatal("xmllint is not installed: scripts/deps test (libxml2-utils)")
	}
	f := filepath.Join(t.TempDir(), "ru.xlf")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xmllint", "--noout", "--nonet", "--schema", schema, f).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%v: %s", err, out)
	}
	return nil
}

// TestXLIFF12RoundTrip: reading the file back gives every unit's ID, hash
// and base and every target byte for byte, a segment per plural form of
// the language, and the states import needs (final for a done unit,
// initial for a stale or rejected one).
func TestXLIFF12RoundTrip(t *testing.T) {
	for _, tt := range []struct {
		tag   language.Tag
		units []Unit
	}{{language.Russian, units12()}, {language.Kazakh, kkUnits()}} {
		t.Run(tt.tag.String(), func(t *testing.T) {
			x, err := ReadXLIFF12("x.xlf", WriteXLIFF12(tt.tag, tt.units))
			if err != nil {
				t.Fatal(err)
			}
			checkUnits12(t, x, tt.tag, tt.units)
		})
	}
}

// checkUnits12 checks that x holds units as written.
func checkUnits12(t *testing.T, x *XLIFF, tag language.Tag, units []Unit) {
	t.Helper()
	if x.TrgLang != tag.String() || len(x.Units) != len(units) {
		t.Fatalf("target-language %q, %d units; want %q, %d", x.TrgLang, len(x.Units), tag, len(units))
	}
	for i, u := range units {
		got := x.Units[i]
		if got.ID != u.ID || got.Hash != u.Hash || got.Base != u.Base || len(got.Notes) != 0 {
			t.Errorf("unit %d: %q hash %q base %q notes %q; want %q %q %q, no notes", i, got.ID, got.Hash, got.Base, got.Notes, u.ID, u.Hash, u.Base)
		}
		var forms []string
		for _, f := range segments(tag, u) {
			forms = append(forms, f.form)
		}
		if len(got.Segments) != len(forms) {
			t.Errorf("%s: %d segments, want %v", u.ID, len(got.Segments), forms)
			continue
		}
		for k, s := range got.Segments {
			want, has := u.Text[locale.Form(s.ID)]
			state := "initial"
			if has && u.Translated() && !u.Stale && len(u.Rejected) == 0 {
				state = "final"
			}
			if s.ID != forms[k] || s.HasTarget != has || s.Target != want || s.State != state {
				t.Errorf("%s/%s: target %q (%v) %s; want %s: %q (%v) %s", u.ID, s.ID, s.Target, s.HasTarget, s.State, forms[k], want, has, state)
			}
		}
	}
}

// TestXLIFF12CATEdits: the file as CAT tools save it reads as written, and
// the states and texts a translator set read as import needs them.
func TestXLIFF12CATEdits(t *testing.T) {
	written := string(WriteXLIFF12(language.Russian, units12()))
	transUnits := regexp.MustCompile(`(?s)<trans-unit id="([^"]*)".*?</trans-unit>`)
	// perUnit edits each trans-unit; src are the ids of its source's codes.
	perUnit := func(s string, f func(id, tu string, src map[string]bool) string) string {
		return transUnits.ReplaceAllStringFunc(s, func(tu string) string {
			src := map[string]bool{}
			source := regexp.MustCompile(`(?s)<source>.*?</source>`).FindString(tu)
			for _, m := range regexp.MustCompile(` id="(\d+)"`).FindAllStringSubmatch(source, -1) {
				src[m[1]] = true
			}
			return f(transUnits.FindStringSubmatch(tu)[1], tu, src)
		})
	}
	unit := func(s, id string, f func(string) string) string { // edits one trans-unit
		found := false
		s = perUnit(s, func(got, tu string, _ map[string]bool) string {
			if got != id {
				return tu
			}
			found = true
			return f(tu)
		})
		if !found {
			t.Fatalf("no trans-unit %s", id)
		}
		return s
	}
	targets := regexp.MustCompile(`(?s)<target[^>]*>.*?</target>`)
	type want struct{ unit, form, state, target string }
	tests := []struct {
		name  string
		edit  func(string) string
		want  []want   // segments that differ from what was written
		rest  string   // if set, the state of every other target
		notes []string // a.t-00's notes
	}{
		{"as written", func(s string) string { return s }, nil, "", nil},
		{"attributes reordered, white space, CRLF, a BOM", func(s string) string {
			s = regexp.MustCompile(`<trans-unit id="([^"]*)" resname="([^"]*)" xml:space="preserve"`).ReplaceAllString(s, `<trans-unit  xml:space="preserve"`+"\n\t"+`resname="$2" id="$1"`)
			s = strings.ReplaceAll(s, `<target state=`, `<target xml:lang="ru"  state=`)
			s = strings.ReplaceAll(s, "\n        <target", "\n\n\t\t<target")
			s = strings.ReplaceAll(s, `<note from="tilmash" priority="10">`, `<note priority="10" from="tilmash">`)
			return "\uFEFF" + strings.ReplaceAll(s, "\n", "\r\n")
		}, nil, "", nil},
		{"g as bpt/ept, ph as x, it as bx: the source's codes, the content the tool's", func(s string) string {
			return perUnit(s, func(_, tu string, src map[string]bool) string {
				return targets.ReplaceAllStringFunc(tu, func(tg string) string {
					var ids []string
					tg = regexp.MustCompile(`<g id="(\d+)" ctype="[^"]*">|</g>`).ReplaceAllStringFunc(tg, func(g string) string {
						if g == "</g>" {
							id := ids[len(ids)-1]
							ids = ids[:len(ids)-1]
							if id == "" {
								return g
							}
							return `<ept id="` + id + `">{/` + id + `}</ept>`
						}
						id := regexp.MustCompile(`\d+`).FindString(g)
						if !src[id] { // a code the source lacks: as written
							ids = append(ids, "")
							return g
						}
						ids = append(ids, id)
						return `<bpt id="` + id + `">{` + id + `}</bpt>`
					})
					tg = regexp.MustCompile(`<ph id="(\d+)">[^<]*</ph>`).ReplaceAllStringFunc(tg, func(ph string) string {
						if id := regexp.MustCompile(`\d+`).FindString(ph); src[id] {
							return `<x id="` + id + `"/>`
						}
						return ph
					})
					return regexp.MustCompile(`<it id="(\d+)" pos="open"[^>]*>[^<]*</it>`).ReplaceAllStringFunc(tg, func(it string) string {
						if id := regexp.MustCompile(`\d+`).FindString(it); src[id] {
							return `<bx id="` + id + `"/>`
						}
						return it
					})
				})
			})
		}, nil, "", nil},
		{"mrk added", func(s string) string {
			s = strings.Replace(s, "Россияне", `<mrk mtype="term" comment="x">Россия<mrk mtype="x-spell">не</mrk></mrk>`, 1)
			return targets.ReplaceAllStringFunc(s, func(tg string) string {
				i, j := strings.Index(tg, ">")+1, strings.LastIndex(tg, "<")
				return tg[:i] + `<mrk mtype="seg" mid="0">` + tg[i:j] + `</mrk>` + tg[j:]
			})
		}, nil, "", nil},
		{"seg-source and alt-trans added", func(s string) string {
			return unit(s, "a.t-02", func(tu string) string {
				src := regexp.MustCompile(`(?s)<source>(.*?)</source>`).FindStringSubmatch(tu)
				tu = strings.Replace(tu, "</source>", `</source><seg-source><mrk mtype="seg" mid="1">`+src[1]+`</mrk></seg-source>`, 1)
				return strings.Replace(tu, "</target>", `</target><alt-trans match-quality="80%"><source>Read</source><target>Не то</target><note>tm</note></alt-trans>`, 1)
			})
		}, nil, "", nil},
		{"another tool's elements and attributes", func(s string) string {
			s = strings.Replace(s, `<xliff xmlns=`, `<xliff xmlns:okp="okapi-framework:xliff-extensions" xmlns=`, 1)
			s = strings.ReplaceAll(s, `<source>`, `<source okp:lang="en">`)
			return strings.ReplaceAll(s, `</target>`, `</target><okp:engine><target>not a target</target></okp:engine>`)
		}, nil, "", nil},
		{"states a translator set", func(s string) string {
			s = unit(s, "a.stale", func(tu string) string {
				return strings.Replace(tu, `state="needs-review-translation">Они`, `state="translated">Теперь они`, 1)
			})
			s = unit(s, "a.t-00", func(tu string) string { return strings.Replace(tu, `state="final"`, `state="signed-off"`, 1) })
			s = unit(s, "a.t-01", func(tu string) string {
				return strings.Replace(tu, `state="final"`, `state="needs-review-translation"`, 1)
			})
			s = unit(s, "a.t-03", func(tu string) string { return strings.Replace(tu, `state="final"`, `state="x-locked"`, 1) })
			s = unit(s, "a.missing", func(tu string) string {
				return strings.Replace(tu, "</source>", `</source><target state="translated">Мужчины <g id="1" ctype="x-em">уехали</g>.</target>`, 1)
			})
			return unit(s, "a.men[few]", func(tu string) string { return strings.Replace(tu, `state="final">`, `state="new">`, 1) })
		}, []want{
			{"a.stale", "other", "translated", "Теперь они <em>приехали</em>."},
			{"a.t-00", "other", "reviewed", "Россияне в Алматы"},
			{"a.t-01", "other", "initial", "Читайте <em>это</em>."},
			{"a.t-03", "other", "initial", "<strong>б</strong> и <em>а</em>"},
			{"a.missing", "other", "translated", "Мужчины <em>уехали</em>."},
			{"a.men", "few", "initial", "{{.Count}} <em>мужчины</em>"},
		}, "", nil},
		{"targets without a state (OmegaT's Okapi filter)", func(s string) string {
			s = regexp.MustCompile(`<target state="[^"]*">`).ReplaceAllString(s, `<target>`)
			s = unit(s, "a.rejected", func(tu string) string {
				return strings.Replace(tu, "<target>", `<target><ph id="1">{{.Count}}</ph> `, 1)
			})
			s = unit(s, "a.missing", func(tu string) string { // a copy of the source
				return strings.Replace(tu, "</source>", `</source><target>Men <g id="1" ctype="x-em">left</g>.</target>`, 1)
			})
			s = unit(s, "a.days[many]", func(tu string) string { // a form translated
				return strings.Replace(tu, "</source>", `</source><target><ph id="1">{{.Count}}</ph> дней</target>`, 1)
			})
			return unit(s, "a.days[few]", func(tu string) string { // an empty target
				return strings.Replace(tu, "</source>", `</source><target/>`, 1)
			})
		}, []want{
			// A copy of the source: not a translation.
			{"a.missing", "other", "initial", "Men <em>left</em>."},
			// Edited: translated, with the unit's other targets.
			{"a.rejected", "other", "translated", "{{.Count}} мужчин"},
			{"a.days", "one", "translated", "{{.Count}} день"},
			{"a.days", "many", "translated", "{{.Count}} дней"},
			{"a.days", "few", "initial", ""},
		}, "initial", nil}, // every other target as tilmash wrote it: not to import
		{"Trados's status in sdl:seg", func(s string) string {
			s = strings.Replace(s, `<xliff xmlns=`, `<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" xmlns=`, 1)
			s = unit(s, "a.t-00", func(tu string) string {
				tu = strings.Replace(tu, `<target state="final">`, `<target>`, 1)
				return strings.Replace(tu, "</trans-unit>", `<sdl:seg-defs><sdl:seg id="1" conf="ApprovedSignOff"/></sdl:seg-defs></trans-unit>`, 1)
			})
			return unit(s, "a.t-01", func(tu string) string {
				tu = strings.Replace(tu, `<target state="final">Читайте`, `<target>Прочтите`, 1)
				return strings.Replace(tu, "</trans-unit>", `<sdl:seg-defs><sdl:seg id="1" conf="Translated"/><sdl:seg id="2" conf="Draft"/></sdl:seg-defs></trans-unit>`, 1)
			})
		}, []want{
			{"a.t-00", "other", "final", "Россияне в Алматы"},
			{"a.t-01", "other", "initial", "Прочтите <em>это</em>."},
		}, "", nil},
		{"a translator's notes", func(s string) string {
			return unit(s, "a.t-00", func(tu string) string {
				return strings.Replace(tu, "</trans-unit>", `<note from="Aigerim">tilmash: ignore number</note><note>  Checked with the editor.  </note><note from="Aigerim">tilmash: ignore number</note></trans-unit>`, 1)
			})
		}, nil, "", []string{"tilmash: ignore number", "Checked with the editor."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.edit(written)
			x, err := ReadXLIFF12("ru.xlf", []byte(file))
			if err != nil {
				t.Fatalf("%v\n%s", err, file)
			}
			units := units12()
			if len(x.Units) != len(units) {
				t.Fatalf("%d units, want %d", len(x.Units), len(units))
			}
			wants := map[string]want{}
			for _, w := range tt.want {
				wants[w.unit+"/"+w.form] = w
			}
			for i, u := range units {
				got := x.Units[i]
				notes := []string(nil)
				if i == 0 {
					notes = tt.notes
				}
				if got.ID != u.ID || got.Hash != u.Hash || got.Base != u.Base || strings.Join(got.Notes, "|") != strings.Join(notes, "|") {
					t.Errorf("unit %d: %q hash %q base %q notes %q; want %q %q %q, notes %q", i, got.ID, got.Hash, got.Base, got.Notes, u.ID, u.Hash, u.Base, notes)
				}
				segs := segments(language.Russian, u)
				if len(got.Segments) != len(segs) {
					t.Errorf("%s: %d segments, want %d", u.ID, len(got.Segments), len(segs))
					continue
				}
				for k, s := range got.Segments {
					w, ok := wants[u.ID+"/"+s.ID]
					if !ok {
						w = want{u.ID, segs[k].form, "initial", segs[k].text}
						if w.target != "" && !u.Stale && len(u.Rejected) == 0 {
							w.state = "final"
						}
						if w.target != "" && tt.rest != "" {
							w.state = tt.rest
						}
					}
					if s.ID != w.form || s.State != w.state || s.Target != w.target || s.HasTarget != (w.target != "" || ok) {
						t.Errorf("%s/%s: %s %q (%v); want %s/%s: %s %q", u.ID, s.ID, s.State, s.Target, s.HasTarget, u.ID, w.form, w.state, w.target)
					}
				}
			}
		})
	}
}

// TestReadXLIFF12Codes: a target's codes are known by their ids: as the
// source has them, whichever element a tool wrote them with; else as the
// element itself says.
func TestReadXLIFF12Codes(t *testing.T) {
	tests := []struct{ name, source, target, want string }{
		{"g in the source, bpt/ept in the target", `a <g id="1" ctype="x-em">b</g>`, `а <bpt id="1">[1]</bpt>б<ept id="1">[/1]</ept>`, "а <em>б</em>"},
		{"bpt/ept in the source, g in the target", `<bpt id="1">&lt;a1&gt;</bpt>a<ept id="1">&lt;/a1&gt;</ept>`, `<g id="1">а</g>`, "<a1>а</a1>"},
		{"bx/ex in the target", `<g id="1" ctype="x-em">a</g>`, `<bx id="1"/>а<ex id="1"/>`, "<em>а</em>"},
		{"it for the halves of a pair", `<g id="1" ctype="x-em">a</g>`, `<it id="1" pos="open"/>а<it id="1" pos="close"/>`, "<em>а</em>"},
		{"ph in the source, x in the target", `<ph id="1">{{.Count}}</ph> men`, `<x id="1"/> мужчин`, "{{.Count}} мужчин"},
		{"the source's code, not the content a tool wrote", `<ph id="1">{{.Count}}</ph>`, `<ph id="1">{1}</ph>`, "{{.Count}}"},
		{"a code the source lacks: its content", `a`, `<ph id="9">{{.X}}</ph><bpt id="8">&lt;b&gt;</bpt>а<ept id="8">&lt;/b&gt;</ept>`, "{{.X}}<b>а</b>"},
		{"a code the source lacks: its ctype", `a`, `<g id="9" ctype="x-strong">а</g><x id="8" ctype="x-br"/>`, "<strong>а</strong><br/>"},
		{"a ctype with a tag's digits", `a`, `<g id="9" ctype="x-a12">а</g><x id="8" ctype="x-code1"/>`, "<a12>а</a12><code1/>"},
		{"a character XML cannot carry", `<ph id="1" ctype="x-tilmash-char">U+000C</ph>`, `<ph id="1"/>а<ph id="2" ctype="x-tilmash-char">U+0000</ph>`, "\fа\x00"},
		{"sub in a code", `a`, `<ph id="5">&lt;img alt="<sub>кот</sub>"/&gt;</ph>`, `<img alt="кот"/>`},
		{"mrk around codes", `<g id="1" ctype="x-em">a</g>`, `<mrk mtype="seg" mid="1"><g id="1"><mrk mtype="term">а</mrk></g></mrk>`, "<em>а</em>"},
		{"comments and instructions", `a`, `а<!-- x --><?okp y?>б`, "аб"},
		{"a seg-source tells the codes", `a<seg-source><mrk mtype="seg" mid="1"><ph id="3">{{.N}}</ph></mrk></seg-source>`, `<x id="3"/>`, "{{.N}}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			source, segSource, _ := strings.Cut(tt.source, "<seg-source>")
			if segSource != "" {
				segSource = "<seg-source>" + segSource
			}
			doc := `<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="x" source-language="en" target-language="ru" datatype="plaintext"><body><trans-unit id="u"><source>` + source + `</source>` + segSource + `<target state="translated">` + tt.target + `</target></trans-unit></body></file></xliff>`
			x, err := ReadXLIFF12("x.xlf", []byte(doc))
			if err != nil {
				t.Fatalf("%v\n%s", err, doc)
			}
			if got := x.Units[0].Segments[0].Target; got != tt.want {
				t.Errorf("target %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadXLIFF12Errors(t *testing.T) {
	const head = `<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="x" source-language="en" target-language="ru" datatype="plaintext"><body>`
	const tail = `</body></file></xliff>`
	unit := func(source, target string) string {
		return head + "\n<trans-unit id=\"u\"><source>" + source + "</source>\n<target>" + target + "</target></trans-unit>" + tail
	}
	tests := []struct{ name, data, err string }{
		{"not XML", head + "\n<trans-unit", "x.xlf:2:12: XML: unexpected EOF"},
		{"a tag not closed", head + "\n  <trans-unit id=\"u\"><source>a</target>", "x.xlf:2:"},
		{"empty", "", "x.xlf:1:1: no <file target-language=…>"},
		{"XLIFF 2.0", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru"></xliff>`, "x.xlf:1:1: an XLIFF 2.0 file"},
		{"version 1.1", `<xliff version="1.1"></xliff>`, `x.xlf:1:1: XLIFF version "1.1"`},
		{"not XLIFF", "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"/>", "x.xlf:2:1: <tmx>: not an XLIFF file"},
		{"no target-language", "<xliff version=\"1.2\">\n  <file original=\"x\" source-language=\"en\" datatype=\"plaintext\"/></xliff>", "x.xlf:2:3: <file> without target-language"},
		{"two languages", head + `</body></file><file original="y" source-language="en" target-language="kk" datatype="plaintext"><body>` + tail, `x.xlf:1:170: a <file> for "kk" after one for "ru"`},
		{"UTF-16", "\xff\xfe<\x00x\x00", "x.xlf:1:1: the file is UTF-16"},
		{"an unknown code, its column in characters", unit("a", "Привет, <g id=\"9\">мир</g>"), `x.xlf:3:17: <g id="9">: the trans-unit's source has no code "9"`},
		// Letters after a tag's digits: markup reads <h1x> as text, so
		// the ctype names no tag (it was read as the tag <h1x>…</h1x>).
		{"a ctype that names no tag", unit("a", `<g id="9" ctype="x-h1x">а</g>`), `x.xlf:3:9: <g id="9">: the trans-unit's source has no code "9"`},
		{"an unknown x", unit(`<ph id="1">{{.A}}</ph>`, `<x id="2"/>`), `x.xlf:3:9: <x id="2">: the trans-unit's source has no code "2"`},
		{"an empty ph the source lacks", unit(`a`, `<ph id="1"></ph>`), `x.xlf:3:9: <ph id="1">: the trans-unit's source has no code "1"`},
		{"a g where the source has a ph", unit(`<ph id="1">{{.A}}</ph>`, `<g id="1">x</g>`), `x.xlf:3:9: <g id="1">: the trans-unit's source has no code "1"`},
		{"a bad character", unit("a", `<ph id="1" ctype="x-tilmash-char">U+D800</ph>`), `x.xlf:3:9: <ph ctype="x-tilmash-char">U+D800</ph>: not a Unicode code point`},
		{"a character past U+10FFFF", unit("a", `<ph id="1" ctype="x-tilmash-char">U+110000</ph>`), `x.xlf:3:9: <ph ctype="x-tilmash-char">U+110000</ph>: not a Unicode code point`},
		{"it without pos", unit("a", `<it id="1">x</it>`), `x.xlf:3:9: <it id="1" pos="">: pos must be open or close`},
		{"HTML in a target", unit("a", `<b>x</b>`), "x.xlf:3:9: <b> inside a <target>: XLIFF 1.2 allows g, x"},
		{"XLIFF 2.0 markup in a target", unit("a", `<pc id="1">x</pc>`), "x.xlf:3:9: <pc> inside a <target>"},
		{"two targets", head + "<trans-unit id=\"u\"><source>a</source><target>b</target>\n<target>c</target></trans-unit>" + tail, `x.xlf:2:1: a second <target> in trans-unit of "u"`},
		{"a target outside a trans-unit", head + "\n<target>c</target>" + tail, "x.xlf:2:1: <target> outside a <trans-unit>"},
		{"a plural form without its form", head + "<group id=\"a.b\" restype=\"x-gettext-plurals\">\n<trans-unit id=\"a.b\"><source>a</source></trans-unit></group>" + tail, `x.xlf:2:1: <trans-unit id="a.b"> in the plural group of "a.b": its id must be`},
		{"a plural form of another unit", head + "<group id=\"a.b\" restype=\"x-gettext-plurals\">\n<trans-unit id=\"a.c[one]\"><source>a</source></trans-unit></group>" + tail, `x.xlf:2:1: <trans-unit id="a.c[one]"> in the plural group of "a.b": it names another unit`},
		{"a plural group in a plural group", head + "<group id=\"a.b\" restype=\"x-gettext-plurals\">\n<group id=\"a.c\" restype=\"x-gettext-plurals\"></group></group>" + tail, `x.xlf:2:1: a plural <group> inside the plural group of "a.b"`},
		{"nested too deep", unit("a", strings.Repeat(`<mrk mtype="x">`, bound.MaxDepth)+strings.Repeat("</mrk>", bound.MaxDepth)), fmt.Sprintf("x.xlf:3:%d: <mrk>: elements nest more than %d deep", 9+15*(bound.MaxDepth-5), bound.MaxDepth)},
		{"codes that add more than the file", unit(`<ph id="1">`+strings.Repeat("x", 1000)+`</ph>`, strings.Repeat(`<x id="1"/>`, 1000)), "x.xlf:3:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadXLIFF12("x.xlf", []byte(tt.data))
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
				t.Fatalf("error %v, want %q…", err, tt.err)
			}
			if _, ok := err.(*Error); !ok {
				t.Errorf("error %T, want *Error", err)
			}
		})
	}
}

// TestReadXLIFF12Duplicates: a unit or a form given twice is read twice,
// for import to name (as ReadXLIFF does).
func TestReadXLIFF12Duplicates(t *testing.T) {
	doc := `<xliff version="1.2"><file original="x" source-language="en" target-language="ru" datatype="plaintext"><body>
<trans-unit id="a"><source>a</source><target state="final">а</target></trans-unit>
<trans-unit id="a"><source>a</source><target state="final">б</target></trans-unit>
<group id="p" restype="x-gettext-plurals">
<trans-unit id="p[one]"><source>a</source></trans-unit>
<trans-unit id="p[one]"><source>a</source></trans-unit>
</group>
<group><trans-unit id="g"><source>in a group that is no plural</source></trans-unit></group>
</body></file></xliff>`
	x, err := ReadXLIFF12("x.xlf", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range x.Units {
		s := fmt.Sprintf("%s@%d:", u.ID, u.Line)
		for _, seg := range u.Segments {
			s += fmt.Sprintf(" %s@%d", seg.ID, seg.Line)
		}
		got = append(got, s)
	}
	want := []string{"a@2: other@2", "a@3: other@3", "p@4: one@5 one@6", "g@8: other@8"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("units %q, want %q", got, want)
	}
}

func TestXLIFFVersion(t *testing.T) {
	tests := []struct{ data, want string }{
		{string(WriteXLIFF12(language.Russian, nil)), "1.2"},
		{string(WriteXLIFF(language.Russian, nil)), "2.0"},
		{"\uFEFF<?xml version=\"1.0\"?>\r\n<!-- a tool -->\r\n<xliff version=\"1.2\">", "1.2"},
		{`<xliff version="2.1" srcLang="en">`, "2.0"},
		{`<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1" version="1.1">`, ""},
		{`<xliff>`, ""},
		{`<tmx version="1.4">`, ""},
		{`msgid ""`, ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := XLIFFVersion([]byte(tt.data)); got != tt.want {
			t.Errorf("XLIFFVersion(%.60q) = %q, want %q", tt.data, got, tt.want)
		}
	}
}

// TestXLIFF12Golden: the file for a representative set of units is
// testdata/xliff12.golden (go test -update rewrites it), and writing what
// was read back gives the same file again.
func TestXLIFF12Golden(t *testing.T) {
	units := append(append([]Unit{}, xliffUnits...), units12()[len(tricky12):]...)
	for i, tt := range tricky12 {
		if tt.name == "tags that cross" || tt.name == "characters XML cannot carry" {
			units = append(units, units12()[i])
		}
	}
	got := WriteXLIFF12(language.Russian, units)
	const golden = "testdata/xliff12.golden"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("WriteXLIFF12 differs from %s (go test -update rewrites it):\n%s", golden, got)
	}
	x, err := ReadXLIFF12(golden, want)
	if err != nil {
		t.Fatal(err)
	}
	for i := range units { // the targets as read, written again
		units[i].Text = map[locale.Form]string{}
		for _, s := range x.Units[i].Segments {
			if s.HasTarget {
				units[i].Text[locale.Form(s.ID)] = s.Target
			}
		}
	}
	if again := WriteXLIFF12(language.Russian, units); !bytes.Equal(again, want) {
		t.Errorf("written again from what was read, the file differs:\n%s", again)
	}
}

// TestXLIFF12TranslateToolkit: Translate Toolkit's XLIFF store (what
// Pootle, Weblate and Virtaal read 1.2 with) parses the file and sees
// every trans-unit with its source and target. It needs Translate
// Toolkit (Debian's translate-toolkit, which scripts/deps test installs).
func TestXLIFF12TranslateToolkit(t *testing.T) {
	python := ""
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "from translate.storage import xliff").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		t.Fatal("Translate Toolkit is not installed (python3 -c 'from translate.storage import xliff'): scripts/deps test (translate-toolkit)")
	}
	f := filepath.Join(t.TempDir(), "ru.xlf")
	if err := os.WriteFile(f, WriteXLIFF12(language.Russian, units12()), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `import sys
from translate.storage import xliff
s = xliff.xlifffile.parsefile(open(sys.argv[1], "rb"))
print(s.gettargetlanguage())
for u in s.units:
    print(u.getid().split("\x04")[-1] + "\t" + ("T" if u.target else "-") + "\t" + repr(u.source))
`
	out, err := exec.Command(python, "-c", script, f).CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var want []string
	for _, u := range units12() {
		for _, s := range segments(language.Russian, u) {
			id, has := u.ID, "-"
			if plural(u.English) {
				id += "[" + s.form + "]"
			}
			if s.text != "" {
				has = "T"
			}
			want = append(want, id+"\t"+has)
		}
	}
	if lines[0] != "ru" || len(lines)-1 != len(want) {
		t.Fatalf("Translate Toolkit reads:\n%s\nwant ru and %d units", out, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i+1], w+"\t") {
			t.Errorf("Translate Toolkit reads %q, want %q…", lines[i+1], w)
		}
	}
	if !strings.Contains(string(out), `'Read the full report.'`) && !strings.Contains(string(out), "Read the full report.") {
		t.Errorf("Translate Toolkit does not see the text around the codes:\n%s", out)
	}
}

// FuzzReadXLIFF12: any input is read or refused with a position, never a
// panic, and what is read stays proportional to the input; a file tilmash
// wrote reads back whatever the texts, in a plain unit and a plural one.
func FuzzReadXLIFF12(f *testing.F) {
	u := units12()
	f.Add(WriteXLIFF12(language.Russian, []Unit{u[2], u[5], u[7], u[16]}), "Он <em>сказал</em> {{.X}} & <code1/> әңғ")
	f.Add(WriteXLIFF12(language.Kazakh, kkUnits()), "<a><b></a></b>\x00\f")
	f.Add([]byte(`<xliff version="1.2"><file target-language="kk"><body><group id="p" restype="x-gettext-plurals"><trans-unit id="p[one]"><source><ph id="1">x</ph></source><target><mrk mtype="seg"><x id="1"/><g id="2" ctype="x-em">қ</g></mrk></target></trans-unit></group></body></file></xliff>`), "</em>")
	f.Add([]byte(`<xliff version="1.2"><file target-language="ru"><body><trans-unit id="u"><source><ph id="1">long</ph></source><target><x id="1"/><x id="1"/><x id="1"/><it id="2" pos="close">x</it></target></trans-unit></body></file></xliff>`), "")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		x, err := ReadXLIFF12("f.xlf", data)
		if err != nil {
			if e, ok := err.(*Error); !ok || e.Line < 1 || e.Col < 1 {
				t.Fatalf("error without a position: %v", err)
			}
		} else {
			n := 0
			for _, u := range x.Units {
				for _, s := range u.Segments {
					n += len(s.Target)
				}
			}
			if n > 2*len(data)+4096 {
				t.Fatalf("%d bytes of targets from a file of %d", n, len(data))
			}
		}
		if !utf8Valid(text) {
			return // catalogues are UTF-8
		}
		units := []Unit{
			{ID: "a.b", English: map[locale.Form]string{locale.Other: text + "."}, Text: map[locale.Form]string{locale.Other: text}, Hash: "h"},
			{ID: "a.c", English: map[locale.Form]string{locale.One: "<em>" + text, locale.Other: text}, Text: map[locale.Form]string{locale.One: text, locale.Few: "<b>" + text + "</b>", locale.Many: text + "{{.N}}"}, Hash: "h"},
		}
		data = WriteXLIFF12(language.Russian, units)
		x, err = ReadXLIFF12("f.xlf", data)
		if err != nil {
			t.Fatalf("%v\n%s", err, data)
		}
		for i, u := range units {
			for _, s := range x.Units[i].Segments {
				if want := u.Text[locale.Form(s.ID)]; s.Target != want || s.HasTarget != (want != "") {
					t.Fatalf("%s/%s: target %q, want %q\n%s", u.ID, s.ID, s.Target, want, data)
				}
			}
		}
	})
}
