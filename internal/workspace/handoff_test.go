package workspace

import (
	"maps"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
	"github.com/tilmash/tilmash/translate/handoff"
	"github.com/tilmash/tilmash/translate/locale"
)

// handoffProject is a project with a headline, a paragraph and a plural
// profile heading, extracted for ru and kk (locales/<tag>/a.<tag>.toml); ru
// has the headline and every form of the heading translated (edit changes
// a.ru.toml's text first).
func handoffProject(t *testing.T, edit func(ru string) string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{
		"content/a.md": {Data: []byte("+++\ntitle = \"Russians of Almaty\"\n+++\n\nMen left.\n\n## Dmitri, 31 {.profile}\n")},
		"tilmash.toml": {Data: []byte("[locales.ru]\n[locales.kk]\n")},
	}
	w, err := Load(fsys, Default)
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := w.Extract([]language.Tag{language.Russian, language.Kazakh}, false)
	if err != nil {
		t.Fatal(err)
	}
	ru := string(files["locales/ru/a.ru.toml"])
	ru = strings.Replace(ru, "other = \"\"", `other = "Россияне в Алматы"`, 1)
	ru = strings.Replace(ru, "one = \"\"\nfew = \"\"\nmany = \"\"\nother = \"\"", "one = \"{{.Name}}, {{.Age}} год\"\nfew = \"{{.Name}}, {{.Age}} года\"\nmany = \"{{.Name}}, {{.Age}} лет\"\nother = \"{{.Name}}, {{.Age}} года\"", 1)
	if edit != nil {
		ru = edit(ru)
	}
	files["locales/ru/a.ru.toml"] = []byte(ru)
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// TestImportKeepsWhatItDoesNotReplace: an entry that gives some of a
// unit's forms changes those and keeps the others (and says so); forms,
// segments and msgstr[N] the unit does not have, an entry whose shape is
// not the unit's, and a unit given twice are named at their line and not
// imported; nothing else changes.
func TestImportKeepsWhatItDoesNotReplace(t *testing.T) {
	const heading = "a.dmitri.heading"
	year := map[locale.Form]string{locale.One: "{{.Name}}, {{.Age}} год", locale.Few: "{{.Name}}, {{.Age}} года", locale.Many: "{{.Name}}, {{.Age}} лет", locale.Other: "{{.Name}}, {{.Age}} года"}
	with := func(f locale.Form, s string) map[locale.Form]string {
		m := maps.Clone(year)
		m[f] = s
		return m
	}
	// inHeading applies edit to the heading's <unit> only.
	inHeading := func(s string, edit func(string) string) string {
		i := strings.Index(s, `<unit id="a.dmitri.heading"`)
		j := i + strings.Index(s[i:], "</unit>")
		return s[:i] + edit(s[i:j]) + s[j:]
	}
	msgstrs := regexp.MustCompile(`msgstr\[0\] "[^"]*"\nmsgstr\[1\] "[^"]*"\nmsgstr\[2\] "[^"]*"\n`)
	tests := []struct {
		name     string
		locale   language.Tag
		format   string              // po or xliff, every unit (--all)
		catalog  func(string) string // an edit of a.ru.toml before the handoff
		edit     func(string) string // the translator's edit of the work file
		changed  []string
		partial  string // a regular expression the partial lines must match ("" for none)
		skipped  string // a regular expression the skipped lines must match ("" for none)
		want     map[locale.Form]string
		stale    bool // the heading's hash is still not its English's
		untouchd bool // the catalogue is not rewritten
	}{
		{"PO: msgstr[0] only", language.Russian, "po", nil,
			func(s string) string {
				return msgstrs.ReplaceAllString(s, "msgstr[0] \"{{.Name}}, {{.Age}} годик\"\n")
			},
			[]string{heading}, `^x:\d+: a.dmitri.heading: no text for few \(msgstr\[1\]\), many \(msgstr\[2\]\) in this file: kept the catalogue's$`, "",
			with(locale.One, "{{.Name}}, {{.Age}} годик"), false, false},
		{"PO: msgstr[1] emptied", language.Russian, "po", nil,
			func(s string) string {
				s = strings.Replace(s, `msgstr[0] "{{.Name}}, {{.Age}} год"`, `msgstr[0] "{{.Name}}, {{.Age}} годик"`, 1)
				return strings.Replace(s, `msgstr[1] "{{.Name}}, {{.Age}} года"`, `msgstr[1] ""`, 1)
			},
			[]string{heading}, `few \(msgstr\[1\]\) in this file: kept the catalogue's$`, "",
			with(locale.One, "{{.Name}}, {{.Age}} годик"), false, false},
		{"PO: few changed, other follows it", language.Russian, "po", nil,
			func(s string) string {
				return strings.Replace(s, `msgstr[1] "{{.Name}}, {{.Age}} года"`, `msgstr[1] "{{.Name}}, {{.Age}} годa"`, 1)
			},
			[]string{heading}, "", "",
			map[locale.Form]string{locale.One: "{{.Name}}, {{.Age}} год", locale.Few: "{{.Name}}, {{.Age}} годa", locale.Many: "{{.Name}}, {{.Age}} лет", locale.Other: "{{.Name}}, {{.Age}} годa"}, false, false},
		{"PO: other of its own is kept", language.Russian, "po",
			func(s string) string {
				return strings.Replace(s, `other = "{{.Name}}, {{.Age}} года"`, `other = "{{.Name}}, {{.Age}} года (дробь)"`, 1)
			},
			func(s string) string {
				return strings.Replace(s, `msgstr[0] "{{.Name}}, {{.Age}} год"`, `msgstr[0] "{{.Name}}, {{.Age}} годик"`, 1)
			},
			[]string{heading}, "", "",
			map[locale.Form]string{locale.One: "{{.Name}}, {{.Age}} годик", locale.Few: "{{.Name}}, {{.Age}} года", locale.Many: "{{.Name}}, {{.Age}} лет", locale.Other: "{{.Name}}, {{.Age}} года (дробь)"}, false, false},
		{"PO: a single msgstr for a plural unit", language.Russian, "po", nil,
			func(s string) string {
				return regexp.MustCompile(`msgid_plural "[^"]*"\n`+msgstrs.String()).ReplaceAllString(s, "msgstr \"{{.Name}}, {{.Age}} годик\"\n")
			},
			nil, "", `^x:\d+: a.dmitri.heading: a single msgstr for a unit with plural forms: write msgid_plural and msgstr\[0\] to msgstr\[2\] \(one, few, many\): not imported$`,
			year, false, true},
		{"PO: msgstr[3] past Russian's forms", language.Russian, "po", nil,
			func(s string) string {
				s = strings.Replace(s, `msgstr[0] "{{.Name}}, {{.Age}} год"`, `msgstr[0] "{{.Name}}, {{.Age}} годик"`, 1)
				return strings.Replace(s, `msgstr[2] "{{.Name}}, {{.Age}} лет"`, "msgstr[2] \"{{.Name}}, {{.Age}} лет\"\nmsgstr[3] \"x\"", 1)
			},
			[]string{heading}, "", `^x:\d+: a.dmitri.heading: msgstr\[3\]: gettext's Russian has 3 plural forms, msgstr\[0\] to msgstr\[2\] \(one, few, many\): not imported$`,
			with(locale.One, "{{.Name}}, {{.Age}} годик"), false, false},
		{"PO: a plural entry for a unit with one form", language.Russian, "po", nil,
			func(s string) string {
				return strings.Replace(s, `msgstr "Россияне в Алматы"`, "msgid_plural \"x\"\nmsgstr[0] \"Россияне\"\nmsgstr[1] \"Россияне\"\nmsgstr[2] \"Россияне\"", 1)
			},
			nil, "", `^x:\d+: a.title: msgid_plural or msgstr\[N\] for a unit with one form`,
			year, false, true},
		{"PO: a stale unit given one form stays stale", language.Russian, "po",
			func(s string) string {
				return regexp.MustCompile(`(\[a.dmitri.heading\]\nhash = )"[^"]+"`).ReplaceAllString(s, `${1}"sha256-0123456789abcdef"`)
			},
			func(s string) string {
				s = strings.Replace(s, "#, fuzzy\n#| msgctxt \"a.dmitri.heading\"", "#| msgctxt \"a.dmitri.heading\"", 1)
				return msgstrs.ReplaceAllString(s, "msgstr[0] \"{{.Name}}, {{.Age}} годик\"\n")
			},
			[]string{heading}, `few \(msgstr\[1\]\), many \(msgstr\[2\]\) in this file: kept the catalogue's, made from older English: the unit stays stale until they are revised$`, "",
			with(locale.One, "{{.Name}}, {{.Age}} годик"), true, false},
		{"PO: a unit given twice", language.Russian, "po", nil,
			func(s string) string {
				i := strings.Index(s, "#. The article's headline.")
				j := i + strings.Index(s[i:], "\n\n")
				return s + "\n" + strings.Replace(s[i:j], "Россияне в Алматы", "Русские в Алматы", 1) + "\n"
			},
			nil, "", `^x:\d+: a.title: the file gives this unit twice \(lines \d+ and \d+\): imported neither; keep one$`,
			year, false, true},
		{"XLIFF: one segment of four confirmed", language.Russian, "xliff", nil,
			func(s string) string {
				return inHeading(s, func(s string) string {
					s = strings.Replace(s, " год</target>", " годик</target>", 1)
					for _, f := range []string{"few", "many", "other"} {
						s = strings.Replace(s, `<segment id="`+f+`" state="final">`, `<segment id="`+f+`" state="initial">`, 1)
					}
					return s
				})
			},
			[]string{heading}, `^x:\d+: a.dmitri.heading: no text for few, many, other in this file: kept the catalogue's$`, "",
			with(locale.One, "{{.Name}}, {{.Age}} годик"), false, false},
		{"XLIFF: a segment the unit has no form for", language.Russian, "xliff", nil,
			func(s string) string {
				return inHeading(s, func(s string) string {
					return strings.Replace(s, `<segment id="other" state="final">`, `<segment id="two" state="final"><source>x</source><target>ДВА</target></segment><segment id="other" state="final">`, 1)
				})
			},
			nil, "", `^x:\d+: a.dmitri.heading: segment "two": the unit has no "two" form in Russian \(its forms: one, few, many, other\): not imported$`,
			year, false, true},
		{"XLIFF: few for a Kazakh unit", language.Kazakh, "xliff", nil,
			func(s string) string {
				return strings.Replace(s, "<segment id=\"other\" state=\"initial\">\n        <source><ph id=\"other-Name\"", "<segment id=\"few\" state=\"translated\"><source>x</source><target>FEW</target></segment><segment id=\"other\" state=\"initial\">\n        <source><ph id=\"other-Name\"", 1)
			},
			nil, "", `^x:\d+: a.dmitri.heading: segment "few": the unit has no "few" form in Kazakh \(its forms: one, other\): not imported$`,
			nil, false, true},
		{"XLIFF: an unknown segment left initial", language.Russian, "xliff", nil,
			func(s string) string {
				return inHeading(s, func(s string) string {
					return strings.Replace(s, `<segment id="other" state="final">`, `<segment id="bogus"><source>x</source></segment><segment id="other" state="final">`, 1)
				})
			},
			nil, "", `^x:\d+: a.dmitri.heading: segment "bogus": the unit has no "bogus" form in Russian \(its forms: one, few, many, other\): not imported$`,
			year, false, true},
		{"XLIFF: a segment twice", language.Russian, "xliff", nil,
			func(s string) string {
				return inHeading(s, func(s string) string {
					s = strings.Replace(s, " год</target>", " годик</target>", 1)
					return strings.Replace(s, `<segment id="other" state="final">`, `<segment id="few" state="final"><source>x</source><target>ГОДА</target></segment><segment id="other" state="final">`, 1)
				})
			},
			nil, "", `^x:\d+: a.dmitri.heading: segment "few" twice in the unit \(lines \d+ and \d+\): the unit is not imported; keep one$`,
			year, false, true},
		{"XLIFF: a unit given twice", language.Russian, "xliff", nil,
			func(s string) string {
				i := strings.Index(s, `<unit id="a.title"`)
				j := i + strings.Index(s[i:], "</unit>") + len("</unit>")
				return s[:j] + strings.Replace(s[i:j], "Россияне в Алматы", "Русские в Алматы", 1) + s[j:]
			},
			nil, "", `^x:\d+: a.title: the file gives this unit twice \(lines \d+ and \d+\): imported neither; keep one$`,
			year, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := handoffProject(t, tt.catalog)
			w, err := Load(fsys, Default)
			if err != nil {
				t.Fatal(err)
			}
			units, err := w.HandoffUnits(tt.locale, true)
			if err != nil {
				t.Fatal(err)
			}
			var data []byte
			if tt.format == "po" {
				if data, err = handoff.WritePO(tt.locale, units); err != nil {
					t.Fatal(err)
				}
			} else {
				data = handoff.WriteXLIFF(tt.locale, units)
			}
			edited := tt.edit(string(data))
			if edited == string(data) {
				t.Fatal("the edit changed nothing")
			}
			files, rep, err := w.Import("x", []byte(edited), false)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(rep.Changed, " ") != strings.Join(tt.changed, " ") {
				t.Errorf("changed %v, want %v", rep.Changed, tt.changed)
			}
			lines := func(what string, got []string, want string) {
				if want == "" && len(got) > 0 {
					t.Errorf("%s: %q, want none", what, got)
				}
				if want == "" {
					return
				}
				if len(got) == 0 {
					t.Errorf("%s: none, want one matching %s", what, want)
				}
				for _, g := range got {
					if !regexp.MustCompile(want).MatchString(g) {
						t.Errorf("%s: %q, want one matching %s", what, g, want)
					}
				}
			}
			lines("partial", rep.Partial, tt.partial)
			lines("skipped", rep.Skipped, tt.skipped)
			if tt.untouchd {
				if files != nil {
					t.Fatalf("wrote %s", files.Paths())
				}
				return
			}
			// The article's catalogue, and nothing else.
			path := catpath.Article("locales", tt.locale, "a.md")
			if got := files.Paths(); len(got) != 1 || got[0] != path {
				t.Fatalf("wrote %v, want %s alone", got, path)
			}
			c, err := catalog.Parse(path, files[path])
			if err != nil {
				t.Fatal(err)
			}
			m := c.Lookup(heading)
			if tt.want != nil && !maps.Equal(m.Forms, tt.want) {
				t.Errorf("forms %q, want %q", m.Forms, tt.want)
			}
			if stale := m.Hash != w.Source.Lookup(heading).Hash; stale != tt.stale {
				t.Errorf("stale %v, want %v", stale, tt.stale)
			}
		})
	}
}

// TestImportUneditedChangesNothing: a work file of every unit imported
// back unedited leaves the catalogue as it was, byte for byte (nothing to
// write), in either format, even for texts holding characters XML 1.0
// cannot carry and a Russian "other" that is not "few"'s text.
func TestImportUneditedChangesNothing(t *testing.T) {
	odd := func(ru string) string {
		ru = strings.Replace(ru, `other = "Россияне в Алматы"`, `other = "Рос\u0000сия\fне \uFFFE\uFFFF\u0007\r\n\t\u007F\u0085 в Алматы"`, 1)
		ru = strings.Replace(ru, "other = \"\"", `other = "Мужчины\u0001 уехали."`, 1)
		return strings.Replace(ru, `other = "{{.Name}}, {{.Age}} года"`, `other = "{{.Name}}, {{.Age}} года (дробь)"`, 1)
	}
	for _, format := range []string{"po", "xliff"} {
		t.Run(format, func(t *testing.T) {
			w, err := Load(handoffProject(t, odd), Default)
			if err != nil {
				t.Fatal(err)
			}
			if m := w.target(language.Russian).Lookup("a.title"); !strings.Contains(m.Forms[locale.Other], "\x00") {
				t.Fatalf("the catalogue holds %q", m.Forms[locale.Other])
			}
			units, err := w.HandoffUnits(language.Russian, true)
			if err != nil {
				t.Fatal(err)
			}
			data := handoff.WriteXLIFF(language.Russian, units)
			if format == "po" {
				if data, err = handoff.WritePO(language.Russian, units); err != nil {
					t.Fatal(err)
				}
			}
			files, rep, err := w.Import("x", data, false)
			if err != nil {
				t.Fatal(err)
			}
			// The three translations the checks reject travel marked for
			// review, so an unedited file leaves them as they are.
			if files != nil || len(rep.Changed)+len(rep.Partial)+len(rep.Skipped)+len(rep.Refused) > 0 || rep.Unchanged+rep.Untouched != len(units) {
				t.Errorf("wrote %v; report %+v, want every unit unchanged or untouched and nothing else", files.Paths(), rep)
			}
		})
	}
}

// TestHandoffCarriesRejectedUnits: a translation the checks reject is not
// published, so the work file carries it, marked for review (PO fuzzy,
// XLIFF initial), with the finding, even when only the units that need
// work are handed off.
func TestHandoffCarriesRejectedUnits(t *testing.T) {
	fsys := handoffProject(t, func(ru string) string {
		return strings.Replace(ru, `other = "Россияне в Алматы"`, `other = "Россияне в  Алматы"`, 1) // a double space: an error
	})
	w, err := Load(fsys, Default)
	if err != nil {
		t.Fatal(err)
	}
	units, err := w.HandoffUnits(language.Russian, false)
	if err != nil {
		t.Fatal(err)
	}
	var title *handoff.Unit
	for i := range units {
		if units[i].ID == "a.title" {
			title = &units[i]
		}
	}
	if title == nil || len(title.Rejected) != 1 || !strings.Contains(title.Rejected[0], "a double space [typography-space]") || !strings.HasPrefix(title.Rejected[0], "locales/ru/a.ru.toml:") {
		t.Fatalf("the rejected title: %+v", title)
	}
	po, err := handoff.WritePO(language.Russian, units)
	if err != nil {
		t.Fatal(err)
	}
	entry := string(po[strings.Index(string(po), "#. tilmash check rejects it"):])
	entry = entry[:strings.Index(entry, "msgctxt")]
	if !strings.Contains(entry, "#, fuzzy") {
		t.Errorf("the PO entry is not marked for review:\n%s", entry)
	}
	x := handoff.WriteXLIFF(language.Russian, units)
	if !regexp.MustCompile(`(?s)tilmash check rejects it: locales/ru/a\.ru\.toml:\d+:\d+: a double space.*?<segment id="other" state="initial">`).Match(x) {
		t.Errorf("the XLIFF unit lacks the finding or is final:\n%s", x)
	}
}

// TestImportTakesExemptions: a translator who checked a translation the
// checks reject sets the exemption in their tool (a PO translator comment,
// an XLIFF note); import puts it above the catalogue entry, and the check
// respects it.
func TestImportTakesExemptions(t *testing.T) {
	for _, format := range []string{"po", "xliff"} {
		t.Run(format, func(t *testing.T) {
			fsys := handoffProject(t, func(ru string) string {
				return strings.Replace(ru, `other = "Россияне в Алматы"`, `other = "Россияне  в Алматы"`, 1)
			})
			w, err := Load(fsys, Default)
			if err != nil {
				t.Fatal(err)
			}
			units, err := w.HandoffUnits(language.Russian, false)
			if err != nil {
				t.Fatal(err)
			}
			var text string
			if format == "po" {
				po, err := handoff.WritePO(language.Russian, units)
				if err != nil {
					t.Fatal(err)
				}
				// The translator's tool: a comment on the entry.
				text = strings.Replace(string(po), "#. tilmash check rejects it:", "# tilmash: ignore typography-space\n#. tilmash check rejects it:", 1)
			} else {
				x := string(handoff.WriteXLIFF(language.Russian, units))
				text = strings.Replace(x, `<note category="check">`, `<note>tilmash: ignore typography-space</note>`+"\n        "+`<note category="check">`, 1)
			}
			files, rep, err := w.Import("ru."+format, []byte(text), false)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Exempted) != 1 || rep.Exempted[0] != "a.title: # tilmash: ignore typography-space" {
				t.Fatalf("exempted %q; report %+v", rep.Exempted, rep)
			}
			ru := string(files["locales/ru/a.ru.toml"])
			if !regexp.MustCompile(`# tilmash: ignore typography-space\n(#.*\n)*\[a\.title\]`).MatchString(ru) {
				t.Errorf("the exemption is not above the entry:\n%s", ru)
			}
			for p, data := range files {
				fsys[p] = &fstest.MapFile{Data: data}
			}
			w, err = Load(fsys, Default)
			if err != nil {
				t.Fatal(err)
			}
			fs, err := w.Check(nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range fs {
				if f.Code == "typography-space" {
					t.Errorf("the exemption is not respected: %v", f)
				}
			}
		})
	}
}

// TestImportWithoutTilmashLines: a PO file whose "#. tilmash:" lines a
// tool dropped is matched by msgctxt (the unit) and msgid (its English
// now). A translation is taken where the catalogue has none or the same;
// one that differs from the catalogue's is a conflict, kept as the
// catalogue has it unless forced; an msgid that is not the English now
// is refused.
func TestImportWithoutTilmashLines(t *testing.T) {
	w, data := russianWork(t)
	// What msgcat --no-location or a platform's export leaves: no
	// extracted comments, no references.
	var kept []string
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(l, "#.") && !strings.HasPrefix(l, "#:") {
			kept = append(kept, l)
		}
	}
	po := strings.Join(kept, "\n")
	if strings.Contains(po, "tilmash: hash") {
		t.Fatal("the tilmash lines are still there")
	}
	po = strings.Replace(po, "msgid \"Men left.\"\nmsgstr \"\"", "msgid \"Men left.\"\nmsgstr \"Мужчины уехали.\"", 1)
	po = strings.Replace(po, "msgstr[2] \"{{.Name}}, {{.Age}} лет\"", "msgstr[2] \"{{.Name}}: {{.Age}} лет\"", 1)
	const poTitle = "msgid \"Russians of Almaty\"\nmsgstr \"Россияне в Алматы\""
	if !strings.Contains(po, poTitle) || !strings.Contains(po, "Мужчины уехали.") || !strings.Contains(po, "{{.Name}}: {{.Age}} лет") {
		t.Fatalf("the edits did not apply:\n%s", po)
	}
	for _, force := range []bool{false, true} {
		w, err := Load(handoffProject(t, nil), Default) // Import changes the catalogue it holds
		if err != nil {
			t.Fatal(err)
		}
		files, rep, err := w.Import("ru.po", []byte(po), force)
		if err != nil {
			t.Fatal(err)
		}
		want := "a.intro.p-fc0b34"
		if force {
			want += " a.dmitri.heading"
		}
		if got := strings.Join(rep.Changed, " "); got != want {
			t.Errorf("force=%v: changed %v, want %v", force, got, want)
		}
		if rep.Unchanged != 1 {
			t.Errorf("force=%v: %d unchanged, want 1 (the title, the same in both)", force, rep.Unchanged)
		}
		if force != (len(rep.Conflicts) == 0) || !force && !strings.Contains(strings.Join(rep.Conflicts, "\n"), "dmitri.heading: the catalogue has another translation") {
			t.Errorf("force=%v: conflicts %q", force, rep.Conflicts)
		}
		if len(rep.Refused)+len(rep.Skipped) > 0 {
			t.Errorf("force=%v: refused %q, skipped %q", force, rep.Refused, rep.Skipped)
		}
		if files == nil {
			t.Errorf("force=%v: nothing written", force)
		}
	}
	// An msgid that is not the English now: refused, at its line.
	old := strings.Replace(po, "msgid \"Men left.\"", "msgid \"Men stayed.\"", 1)
	_, rep, err := w.Import("ru.po", []byte(old), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Refused) != 1 || !strings.Contains(rep.Refused[0], "its msgid is not the unit's English now") {
		t.Errorf("refused %q, want the paragraph", rep.Refused)
	}
}

// TestMemoryPathsAreOutputs: a locale's imported memory
// (locales/memory/<tag>.tmx, the tag as tilmash writes it) is a file
// tilmash writes, so a journal may name it; nothing else under memory/ is.
func TestMemoryPathsAreOutputs(t *testing.T) {
	for rel, want := range map[string]bool{
		"locales/memory/ru.tmx":       true,
		"locales/memory/kk-Latn.tmx":  true,
		"locales/memory/RU.tmx":       false, // not the name tilmash writes
		"locales/memory/en.tmx":       false, // the source's
		"locales/memory/x/ru.tmx":     false,
		"locales/memory/ru.tmx.saved": false,
		"locales/memory/../ru.tmx":    false,
		"content/memory/ru.tmx":       false,
		"locales/ru.tmx":              false,
	} {
		if got := Default.IsOutput(rel); got != want {
			t.Errorf("IsOutput(%q) = %v, want %v", rel, got, want)
		}
	}
	if got := Default.MemoryPath(language.Russian); got != "locales/memory/ru.tmx" {
		t.Errorf("MemoryPath(ru) = %q", got)
	}
}

// TestImportTakesNothingThatWouldHarm: an entry longer than a catalogue
// may hold is not imported (written, it would leave the locale unreadable);
// a directive comes in only with an entry that is imported or confirms the
// catalogue's text, never with one left for later.
func TestImportTakesNothingThatWouldHarm(t *testing.T) {
	w, data := russianWork(t)
	po := string(data)
	huge := strings.Replace(po, "msgid \"Men left.\"\nmsgstr \"\"", "msgid \"Men left.\"\nmsgstr \""+strings.Repeat("я", catalog.MaxText)+"\"", 1)
	files, rep, err := w.Import("ru.po", []byte(huge), true)
	if err != nil {
		t.Fatal(err)
	}
	if files != nil || len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0], "longer than any unit of an article") {
		t.Errorf("a huge entry: wrote %v, skipped %q", files.Paths(), rep.Skipped)
	}
	// A fuzzy entry with another text and a directive: neither the text
	// nor the directive, which is about a translation not imported.
	fuzzy := strings.Replace(po, "msgctxt \"a.title\"", "# tilmash: ignore number\n#, fuzzy\nmsgctxt \"a.title\"", 1)
	fuzzy = strings.Replace(fuzzy, "msgstr \"Россияне в Алматы\"", "msgstr \"Россияне Алматы 2022\"", 1)
	files, rep, err = w.Import("ru.po", []byte(fuzzy), false)
	if err != nil {
		t.Fatal(err)
	}
	if files != nil || len(rep.Exempted) != 0 {
		t.Errorf("a fuzzy entry's directive: wrote %v, exempted %q", files.Paths(), rep.Exempted)
	}
	// The same entry confirmed: its directive comes in.
	confirmed := strings.Replace(po, "msgctxt \"a.title\"", "# tilmash: ignore number\nmsgctxt \"a.title\"", 1)
	files, rep, err = w.Import("ru.po", []byte(confirmed), false)
	if err != nil {
		t.Fatal(err)
	}
	if files == nil || len(rep.Exempted) != 1 || !regexp.MustCompile(`# tilmash: ignore number\n(#.*\n)*\[a\.title\]`).MatchString(string(files["locales/ru/a.ru.toml"])) {
		t.Errorf("a confirmed entry's directive: exempted %q", rep.Exempted)
	}
}

// russianWork loads handoffProject and hands off its every Russian unit
// as PO.
func russianWork(t *testing.T) (*Workspace, []byte) {
	t.Helper()
	w, err := Load(handoffProject(t, nil), Default)
	if err != nil {
		t.Fatal(err)
	}
	units, err := w.HandoffUnits(language.Russian, true)
	if err != nil {
		t.Fatal(err)
	}
	data, err := handoff.WritePO(language.Russian, units)
	if err != nil {
		t.Fatal(err)
	}
	return w, data
}
