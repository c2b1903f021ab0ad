package handoff

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
)

func TestReadPO(t *testing.T) {
	tests := []struct {
		name, data string
		want       []POEntry // Line, Fuzzy, Context, ID, Plural, Str
		err        string
	}{
		{"plain", "msgctxt \"a.b\"\nmsgid \"Hi\"\nmsgstr \"Привет\"\n", []POEntry{{Line: 1, Context: "a.b", ID: "Hi", Str: map[int]string{0: "Привет"}}}, ""},
		{"split strings, CRLF, BOM", "\uFEFFmsgctxt \"a.b\"\r\nmsgid \"\"\r\n\"Hi \"\r\n\"there\"\r\nmsgstr \"\"\r\n\"При\"\r\n\"вет\\n\"\r\n", []POEntry{{Line: 1, Context: "a.b", ID: "Hi there", Str: map[int]string{0: "Привет\n"}}}, ""},
		{"fuzzy, previous, plural", "#, fuzzy, c-format\n#| msgid \"Old\"\nmsgctxt \"a\"\nmsgid \"One\"\nmsgid_plural \"Many\"\nmsgstr[0] \"x\"\nmsgstr[1] \"y\"\n\nmsgctxt \"b\"\nmsgid \"B\"\nmsgstr \"\"\n",
			[]POEntry{{Line: 3, Fuzzy: true, Context: "a", ID: "One", Plural: "Many", Str: map[int]string{0: "x", 1: "y"}}, {Line: 9, Context: "b", ID: "B", Str: map[int]string{0: ""}}}, ""},
		{"entries without blank lines", "msgctxt \"a\"\nmsgid \"A\"\nmsgstr \"1\"\nmsgctxt \"b\"\nmsgid \"B\"\nmsgstr \"2\"\n", []POEntry{{Line: 1, Context: "a", ID: "A", Str: map[int]string{0: "1"}}, {Line: 4, Context: "b", ID: "B", Str: map[int]string{0: "2"}}}, ""},
		{"escapes", "msgid \"q\\\"t\\\\ \\t\\101\"\nmsgstr \"ok\"\n", []POEntry{{Line: 1, ID: "q\"t\\ \tA", Str: map[int]string{0: "ok"}}}, ""},
		{"obsolete skipped", "#~ msgid \"old\"\n#~ msgstr \"x\"\nmsgid \"A\"\nmsgstr \"1\"\n", []POEntry{{Line: 3, ID: "A", Str: map[int]string{0: "1"}}}, ""},
		{"straight quote", "msgid \"A\"\nmsgstr \"a \" b\"\n", nil, "x.po:2:8: a \" inside a string"},
		{"unknown keyword", "msgid \"A\"\nmsgtxt \"a\"\n", nil, "x.po:2:1: \"msgtxt\" is not a PO keyword"},
		{"dangling string", "\"a\"\n", nil, "x.po:1:1: a string that continues nothing"},
		{"twice", "msgid \"A\"\nmsgid_plural \"B\"\nmsgid_plural \"C\"\nmsgstr[0] \"\"\n", nil, "x.po:3:1: msgid_plural twice"},
		{"bad escape", "msgid \"\\q\"\nmsgstr \"\"\n", nil, "x.po:1:7: unknown escape"},
		{"invalid UTF-8", "msgid \"A\"\nmsgstr \"\xff\"\n", nil, "x.po:2:1: invalid UTF-8"},
		{"msgstr[N] after msgstr", "msgid \"A\"\nmsgid_plural \"B\"\nmsgstr \"a\"\nmsgstr[1] \"b\"\n", nil, "x.po:4:1: msgstr[N] after msgstr in one entry"},
		{"msgstr after msgstr[N]", "msgid \"A\"\nmsgid_plural \"B\"\nmsgstr[1] \"b\"\nmsgstr \"a\"\n", nil, "x.po:4:1: msgstr after msgstr[N] in one entry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			po, err := ReadPO("x.po", []byte(tt.data))
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("error = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(po.Entries) != len(tt.want) {
				t.Fatalf("%d entries, want %d: %+v", len(po.Entries), len(tt.want), po.Entries)
			}
			for i, w := range tt.want {
				g := po.Entries[i]
				if g.Line != w.Line || g.Fuzzy != w.Fuzzy || g.Context != w.Context || g.ID != w.ID || g.Plural != w.Plural || !reflect.DeepEqual(g.Str, w.Str) {
					t.Errorf("entry %d = %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

// TestForms: an entry's msgstrs are the forms it gives, never more: an
// empty or missing msgstr[N] gives none (import keeps the catalogue's), and
// what does not fit the unit is a problem at its line.
func TestForms(t *testing.T) {
	one := map[locale.Form]string{locale.Other: "Hi"}
	plural := map[locale.Form]string{locale.One: "{{.N}} year", locale.Other: "{{.N}} years"}
	tests := []struct {
		name     string
		tag      language.Tag
		english  map[locale.Form]string
		po       string
		text     map[locale.Form]string
		problems []Problem
	}{
		{"one form", language.Russian, one, "msgid \"Hi\"\nmsgstr \"Привет\"\n", map[locale.Form]string{locale.Other: "Привет"}, nil},
		{"one form, empty", language.Russian, one, "msgid \"Hi\"\nmsgstr \"\"\n", map[locale.Form]string{}, nil},
		{"every form", language.Russian, plural, "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0] \"год\"\nmsgstr[1] \"года\"\nmsgstr[2] \"лет\"\n", map[locale.Form]string{locale.One: "год", locale.Few: "года", locale.Many: "лет"}, nil},
		{"msgstr[0] only", language.Russian, plural, "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0] \"год\"\n", map[locale.Form]string{locale.One: "год"}, nil},
		{"msgstr[1] empty", language.Russian, plural, "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0] \"год\"\nmsgstr[1] \"\"\nmsgstr[2] \"лет\"\n", map[locale.Form]string{locale.One: "год", locale.Many: "лет"}, nil},
		{"msgstr[3]", language.Russian, plural, "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0] \"год\"\nmsgstr[3] \"x\"\n", map[locale.Form]string{locale.One: "год"},
			[]Problem{{4, "msgstr[3]: gettext's Russian has 3 plural forms, msgstr[0] to msgstr[2] (one, few, many): not imported"}}},
		{"Kazakh msgstr[2]", language.Kazakh, plural, "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0] \"жыл\"\nmsgstr[1] \"жыл\"\nmsgstr[2] \"x\"\n", map[locale.Form]string{locale.One: "жыл", locale.Other: "жыл"},
			[]Problem{{5, "msgstr[2]: gettext's Kazakh has 2 plural forms, msgstr[0] to msgstr[1] (one, other): not imported"}}},
		{"single msgstr, plural unit", language.Russian, plural, "msgid \"a\"\nmsgstr \"год\"\n", map[locale.Form]string{},
			[]Problem{{2, "a single msgstr for a unit with plural forms: write msgid_plural and msgstr[0] to msgstr[2] (one, few, many): not imported"}}},
		{"plural entry, one form", language.Russian, one, "msgid \"Hi\"\nmsgid_plural \"His\"\nmsgstr[0] \"Привет\"\n", map[locale.Form]string{},
			[]Problem{{3, "msgid_plural or msgstr[N] for a unit with one form: write its translation as msgstr: not imported"}}},
		{"no gettext rule", language.French, plural, "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0] \"an\"\n", map[locale.Form]string{},
			[]Problem{{1, "no gettext plural rule is known for French, and the unit has plural forms: hand it off as XLIFF instead; not imported"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			po, err := ReadPO("x.po", []byte(tt.po))
			if err != nil {
				t.Fatal(err)
			}
			pf := Forms(tt.tag, tt.english, po.Entries[0])
			if !reflect.DeepEqual(pf.Text, tt.text) || !reflect.DeepEqual(pf.Problems, tt.problems) {
				t.Errorf("Forms = %q, %v; want %q, %v", pf.Text, pf.Problems, tt.text, tt.problems)
			}
		})
	}
}

// FuzzPORoundTrip: whatever the texts, WritePO then ReadPO gives back each
// unit's ID, English and translation.
func FuzzPORoundTrip(f *testing.F) {
	f.Add("a.b", "He said \"no\".\nThen left.", "Он сказал «нет».", "{{.Name}}, {{.Age}}")
	f.Add("x", "\t\\", "\x01", "")
	f.Fuzz(func(t *testing.T, id, english, text, heading string) {
		if id == "" || english == "" || strings.ContainsAny(id+english+text+heading, "\r") {
			return // PO cannot hold a bare CR through CRLF-tolerant reading; IDs are never empty
		}
		for _, s := range []string{id, english, text, heading} {
			if !utf8Valid(s) {
				return
			}
		}
		units := []Unit{
			{ID: id, English: map[locale.Form]string{locale.Other: english}, Text: map[locale.Form]string{locale.Other: text}, Hash: "h1", Stale: true, Previous: map[locale.Form]string{locale.Other: english + "!"}},
			{ID: id + ".p", English: map[locale.Form]string{locale.One: heading, locale.Other: heading + "s"}, Text: map[locale.Form]string{locale.One: text, locale.Few: text + "а", locale.Many: text + "ов"}, Hash: "h2"},
		}
		data, err := WritePO(language.Russian, units)
		if err != nil {
			t.Fatal(err)
		}
		po, err := ReadPO("f.po", data)
		if err != nil {
			t.Fatalf("%v\n%s", err, data)
		}
		if po.Header["Language"] != "ru" || len(po.Entries) != 2 {
			t.Fatalf("header %v, %d entries\n%s", po.Header, len(po.Entries), data)
		}
		e := po.Entries[0]
		if e.Context != id || e.ID != english || e.Str[0] != text || !e.Fuzzy {
			t.Errorf("entry = %+v\n%s", e, data)
		}
		pf := Forms(language.Russian, units[1].English, po.Entries[1])
		if text != "" && (pf.Text[locale.One] != text || pf.Text[locale.Few] != text+"а" || pf.Text[locale.Many] != text+"ов" || pf.Follow[locale.Other] != locale.Few || len(pf.Problems) > 0) {
			t.Errorf("plural forms = %q, follow %q, problems %v", pf.Text, pf.Follow, pf.Problems)
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

// FuzzReadPO: any input is read or refused with a position, never a panic.
func FuzzReadPO(f *testing.F) {
	f.Add([]byte("msgctxt \"a\"\nmsgid \"A\"\nmsgstr[0] \"x\"\n\"y\"\n#, fuzzy\n"))
	f.Add([]byte("\uFEFF#| msgid \"\"\n#| \"a\"\nmsgid \"\\101\\\"\"\r\nmsgstr \"\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		po, err := ReadPO("f.po", data)
		if err != nil {
			if e, ok := err.(*Error); !ok || e.Line < 1 || e.Col < 1 {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		for _, e := range po.Entries {
			if e.Line < 1 {
				t.Fatalf("entry without a line: %+v", e)
			}
		}
	})
}

// BenchmarkReadPO reads a work file of 5,000 units, and a file of blank
// lines only (what a slice of every line costs), reporting allocations.
func BenchmarkReadPO(b *testing.B) {
	var units []Unit
	for i := range 5000 {
		id := "a.p-" + strings.Repeat("x", i%7) + string(rune('a'+i%26))
		units = append(units, Unit{ID: id, Context: []string{"Body text, in section “dmitri”."}, English: map[locale.Form]string{locale.Other: "Men left Russia for Almaty, and stayed."}, Text: map[locale.Form]string{locale.Other: "Мужчины уехали из России в Алматы и остались."}, Hash: "sha256-0123456789abcdef", Base: "sha256-fedcba9876543210"})
	}
	work, err := WritePO(language.Russian, units)
	if err != nil {
		b.Fatal(err)
	}
	for _, bb := range []struct {
		name string
		data []byte
	}{{"work file", work}, {"blank lines", []byte(strings.Repeat("\n", len(work)))}} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bb.data)))
			for b.Loop() {
				if _, err := ReadPO("ru.po", bb.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
