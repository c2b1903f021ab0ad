package catalog

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/segment"
)

const ruFile = `# header
# A translator's note about the whole file.

# ─── content/a.md ───

# Переводчик: проверить у редактора.
#: content/a.md:3 (headline)
#> The Conscript
[a.title]
hash = "sha256-1"
other = "Призывник"

[a.intro.p-000001]
hash = "sha256-2"
other = "Около {{.Number1}} мужчин"

[a.dmitri.heading]
one = "{{.Name}}, {{.Age}} год"
few = "{{.Name}}, {{.Age}} года"
many = "{{.Name}}, {{.Age}} лет"
other = "{{.Name}}, {{.Age}} года"
`

func TestParse(t *testing.T) {
	c, err := Parse("locales/ru.toml", []byte(ruFile))
	if err != nil {
		t.Fatal(err)
	}
	if c.Locale != language.Russian {
		t.Errorf("Locale = %s", c.Locale)
	}
	var ids []string
	for _, m := range c.Messages {
		ids = append(ids, m.ID)
	}
	if want := []string{"a.title", "a.intro.p-000001", "a.dmitri.heading"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("IDs = %v, want %v (file order)", ids, want)
	}
	title := c.Lookup("a.title")
	if title.Pos.Line != 9 || title.FormPos[locale.Other].Line != 11 || title.FormPos[locale.Other].Col != 9 {
		t.Errorf("positions: table %s, other %s", title.Pos, title.FormPos[locale.Other])
	}
	if !reflect.DeepEqual(title.Notes, []string{"# Переводчик: проверить у редактора."}) {
		t.Errorf("Notes = %q", title.Notes)
	}
	if title.Source()[locale.Other] != "The Conscript" {
		t.Errorf("Source = %v", title.Source())
	}
	h := c.Lookup("a.dmitri.heading")
	if len(h.Forms) != 4 || h.Forms[locale.Many] != "{{.Name}}, {{.Age}} лет" {
		t.Errorf("heading forms = %v", h.Forms)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, path, data, want string
	}{
		{"broken TOML", "locales/ru.toml", "[a.b]\nother = \"Алматы\n", "locales/ru.toml:2:16: TOML: strings cannot contain newlines"},
		{"unknown key", "locales/kk.toml", "[a.b]\nother = \"x\"\nfuzzy = \"true\"\n", `locales/kk.toml:3:9: message "a.b" has key "fuzzy", which go-i18n does not accept`},
		{"duplicate table", "locales/ru.toml", "[a.b]\nother = \"x\"\n\n[a.b]\nother = \"y\"\n", "locales/ru.toml:4:1: TOML: Key 'a.b' has already been defined. (the same key or table is written twice: keep one (the first is at line 1))"},
		{"straight quote inside", "locales/ru.toml", "[a.b]\nother = \"Он сказал \"нет\" вчера\"\n", `locales/ru.toml:2:21: a straight " inside the text ends it early (expected a top-level item to end with a newline, comment, or EOF, but got 'н' instead) (inside a text, write \" for a straight quotation mark, or use the language's own quotes « »)`},
		{"duplicate key", "locales/ru.toml", "[a.b]\nhash = \"h\"\nother = \"Алматы\"\n  other = \"y\"\n", "locales/ru.toml:4:3: TOML: Key 'a.b.other' has already been defined. (the same key or table is written twice: keep one (the first is at line 3))"},
		{"invalid UTF-8", "locales/ru.toml", "[a.b]\nother = \"Қа\xffз\"\n", "locales/ru.toml:2:12: invalid UTF-8"},
		{"not a locale", "locales/russian.toml", "", `locales/russian.toml:1:1: "russian.toml" is not named after a locale`},
		{"number value", "locales/ru.toml", "[a]\nb = 3\n", `locales/ru.toml:2:5: "a.b" is a int64, not a message`},
		{"leftdelim", "locales/ru.toml", "[a.b]\nleftdelim = \"<<\"\nother = \"x\"\n", `locales/ru.toml:2:13: message "a.b" sets "leftdelim"`},
		{"nested inline tables", "locales/ru.toml", "[a]\n# {{{ [[[ \"{[\"\nb = " + strings.Repeat("{c = ", 16000) + "1" + strings.Repeat("}", 16000) + "\n", "locales/ru.toml:3:160: tables and arrays nested more than 32 deep"},
		{"a dotted key 20,000 deep", "locales/ru.toml", "[a]\nb = \"x\"\n" + strings.Repeat("c.", 20000) + "other = \"x\"\n", "locales/ru.toml:3:64: tables and arrays nested more than 32 deep"},
		{"a table 20,000 deep", "locales/ru.toml", "[" + strings.Repeat("c.", 20000) + "d]\nother = \"x\"\n", "locales/ru.toml:1:65: tables and arrays nested more than 32 deep"},
		{"huge text", "locales/ru.toml", "[a.b]\nother = \"" + strings.Repeat("Алматы ", 200000) + "\"\n", `locales/ru.toml:2:9: message "a.b": a text of 2600000 bytes`},
		{"huge text, general path", "locales/ru.toml", "[a]\nb.other = '" + strings.Repeat("x", MaxText+1) + "'\n", `locales/ru.toml:1:1: message "a.b": a text of 1048577 bytes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.path, []byte(tt.data))
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error = %v, want *Error", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q\nwant prefix %q", err, tt.want)
			}
		})
	}
}

func TestFormatRoundTrip(t *testing.T) {
	c, err := Parse("locales/ru.toml", []byte(ruFile))
	if err != nil {
		t.Fatal(err)
	}
	out := Format(c)
	again, err := Parse("locales/ru.toml", out)
	if err != nil {
		t.Fatalf("reparse: %v\n%s", err, out)
	}
	if string(Format(again)) != string(out) {
		t.Errorf("Format is not stable:\n%s\n---\n%s", out, Format(again))
	}
	for _, m := range c.Messages {
		n := again.Lookup(m.ID)
		if n == nil || !reflect.DeepEqual(n.Forms, m.Forms) || n.Hash != m.Hash || !reflect.DeepEqual(n.Notes, m.Notes) {
			t.Errorf("%s changed: %+v → %+v", m.ID, m, n)
		}
	}
}

func TestKey(t *testing.T) {
	tests := map[string]string{
		"a.intro.p-1": "a.intro.p-1",
		"a.b c":       `a."b c"`,
		"a.Қ":         `a."Қ"`,
	}
	for in, want := range tests {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %s, want %s", in, got, want)
		}
	}
}

func FuzzQuote(f *testing.F) {
	for _, s := range []string{"Алматы", "150\u00a0000", `a "quote" \ back`, "line\nbreak\ttab", "\u200b\u00ad", "қазақ «тілі» — “иә”", "\x7f\x01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utfValid(s) {
			return
		}
		var v struct{ S string }
		if _, err := toml.Decode("S = "+Quote(s), &v); err != nil {
			t.Fatalf("decode %s: %v", Quote(s), err)
		}
		if v.S != s {
			t.Fatalf("round trip %q → %q", s, v.S)
		}
	})
}

func utfValid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func FuzzParseFormat(f *testing.F) {
	f.Add([]byte(ruFile))
	f.Add([]byte("[a.b]\nother = \"Қазақ\"\n"))
	f.Add([]byte("x = \"y\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("locales/kk.toml", data)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error is not *Error: %v", err)
			}
			return
		}
		out := Format(c)
		again, err := Parse("locales/kk.toml", out)
		if err != nil {
			t.Fatalf("Format wrote what Parse refuses: %v\n%s", err, out)
		}
		// go-i18n itself loads what tilmash writes.
		bundle := i18n.NewBundle(language.English)
		bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
		if _, err := bundle.ParseMessageFileBytes(out, "kk.toml"); err != nil {
			t.Fatalf("go-i18n does not load what Format wrote: %v\n%s", err, out)
		}
		if len(again.Messages) != len(c.Messages) {
			t.Fatalf("%d messages became %d", len(c.Messages), len(again.Messages))
		}
		for _, m := range c.Messages {
			n := again.Lookup(m.ID)
			if n == nil || !reflect.DeepEqual(n.Forms, m.Forms) {
				t.Fatalf("message %q changed in the round trip", m.ID)
			}
		}
	})
}

func unit(id, text string) segment.Unit {
	return segment.Unit{ID: id, Kind: segment.Paragraph, Forms: map[locale.Form]string{locale.Other: text}, Context: "Body text.", Pos: segment.Pos{File: "content/a.md", Line: 1, Col: 1}}
}

func source(units ...segment.Unit) *Catalog {
	return FromUnits("locales/en.toml", []*segment.Article{{Slug: "a", Units: units}})
}

func TestSync(t *testing.T) {
	v1 := source(unit("a.s.p-1", "Old English."), unit("a.s.p-2", "Kept English."), unit("a.s.p-3", "Gone English."))
	ru, _ := Sync(v1, nil, language.Russian, "locales/ru.toml", false)
	for id, text := range map[string]string{"a.s.p-1": "Старый текст.", "a.s.p-2": "Сохранённый текст.", "a.s.p-3": "Удалённый текст."} {
		ru.Lookup(id).Forms[locale.Other] = text
	}
	ru.Lookup("a.s.p-2").Notes = []string{"# Примечание переводчика."}
	// Round trip through the file, as a translator's save would.
	ru, err := Parse("locales/ru.toml", Format(ru))
	if err != nil {
		t.Fatal(err)
	}

	v2 := source(unit("a.s.p-1", "New English."), unit("a.s.p-2", "Kept English."), unit("a.s.p-4", "Kept English."))
	got, st := Sync(v2, ru, language.Russian, "locales/ru.toml", false)
	if want := (Stats{Units: 3, Translated: 1, Stale: 1, Reused: 1, Obsolete: 1}); !reflect.DeepEqual(st, want) {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	stale := got.Lookup("a.s.p-1")
	if stale.Text() != "Старый текст." || stale.Hash == v2.Lookup("a.s.p-1").Hash {
		t.Errorf("stale entry lost its text or hash: %+v", stale)
	}
	if !contains(stale.Comments, "#, stale") || stale.Previous()[locale.Other] != "Old English." || stale.Source()[locale.Other] != "New English." {
		t.Errorf("stale comments = %q", stale.Comments)
	}
	if kept := got.Lookup("a.s.p-2"); kept.Text() != "Сохранённый текст." || !reflect.DeepEqual(kept.Notes, []string{"# Примечание переводчика."}) {
		t.Errorf("kept entry = %+v", kept)
	}
	// The same English as a translated entry: filled in, marked for review.
	fresh := got.Lookup("a.s.p-4")
	if fresh.Text() != "Сохранённый текст." || fresh.Hash != v2.Lookup("a.s.p-4").Hash || !reflect.DeepEqual(fresh.Notes, []string{ReusedNote("a.s.p-2")}) {
		t.Errorf("new entry = %+v", fresh)
	}
	gone := got.Lookup("a.s.p-3")
	if gone == nil || gone.Text() != "Удалённый текст." || !contains(gone.Comments, "#, obsolete") || got.Messages[len(got.Messages)-1] != gone {
		t.Errorf("obsolete entry = %+v", gone)
	}
	// Syncing the result again changes nothing.
	reparsed, err := Parse("locales/ru.toml", Format(got))
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Sync(v2, reparsed, language.Russian, "locales/ru.toml", false)
	if string(Format(again)) != string(Format(got)) {
		t.Errorf("second sync changed the file:\n%s\n---\n%s", Format(got), Format(again))
	}
}

// TestSyncRename: an article renamed gives every unit a new ID; each takes
// the entry of its old ID with the same role and English, with nothing to
// review; one made for earlier English moves too and stays stale, saying
// so (the translator's work stays with its unit). Renamed again, the
// translation follows once more.
func TestSyncRename(t *testing.T) {
	v1 := FromUnits("locales/en.toml", []*segment.Article{{Slug: "a", Units: []segment.Unit{unit("a.s.p-1", "One."), unit("a.s.p-2", "Two.")}}})
	ru, _ := Sync(v1, nil, language.Russian, "locales/ru.toml", false)
	ru.Lookup("a.s.p-1").Forms[locale.Other] = "Один."
	ru.Lookup("a.s.p-2").Forms[locale.Other] = "Два."
	ru.Lookup("a.s.p-2").Hash = "sha256-older" // stale: made from other English
	ru, err := Parse("locales/ru.toml", Format(ru))
	if err != nil {
		t.Fatal(err)
	}
	v2 := FromUnits("locales/en.toml", []*segment.Article{{Slug: "b", Units: []segment.Unit{unit("b.s.p-1", "One."), unit("b.s.p-2", "Two.")}}})
	got, st := Sync(v2, ru, language.Russian, "locales/ru.toml", false)
	if st.Moved != 2 || st.Translated != 1 || st.Stale != 1 || st.Reused != 0 || st.Missing != 0 || st.Obsolete != 0 {
		t.Errorf("stats = %+v, want 2 moved: 1 translated, 1 stale", st)
	}
	if m := got.Lookup("b.s.p-1"); m.Text() != "Один." || len(m.Notes) != 0 || m.Hash != v2.Lookup("b.s.p-1").Hash {
		t.Errorf("renamed unit = %+v", m)
	}
	if m := got.Lookup("b.s.p-2"); m.Text() != "Два." || m.Hash != "sha256-older" || !contains(m.Comments, "#, stale") {
		t.Errorf("the stale translation did not move, stale: %+v", m)
	}
	if got.Lookup("a.s.p-1") != nil || got.Lookup("a.s.p-2") != nil {
		t.Errorf("a moved entry lingers under its old ID")
	}
	// Renamed again: the translation follows once more.
	got, err = Parse("locales/ru.toml", Format(got))
	if err != nil {
		t.Fatal(err)
	}
	v3 := FromUnits("locales/en.toml", []*segment.Article{{Slug: "c", Units: []segment.Unit{unit("c.s.p-1", "One."), unit("c.s.p-2", "Two.")}}})
	again, st := Sync(v3, got, language.Russian, "locales/ru.toml", false)
	if m := again.Lookup("c.s.p-1"); st.Moved != 2 || m.Text() != "Один." || len(m.Notes) != 0 {
		t.Errorf("second rename: %+v, %+v", st, m)
	}
	// The same English in another role (a new article's other section)
	// is reused, for review, as before.
	v4 := FromUnits("locales/en.toml", []*segment.Article{{Slug: "d", Units: []segment.Unit{unit("d.t.p-1", "One.")}}})
	other, st := Sync(v4, again, language.Russian, "locales/ru.toml", false)
	if m := other.Lookup("d.t.p-1"); st.Reused != 1 || st.Moved != 0 || !strings.Contains(m.Notes[0], "reused from c.s.p-1") {
		t.Errorf("another role: %+v, %+v", st, m)
	}
}

// TestSyncExactHash: an entry hashed as tilmash once did (the English
// exactly as written) is current, and moves to the folded hash.
func TestSyncExactHash(t *testing.T) {
	v := source(unit("a.s.p-1", "It’s 18–30."))
	ru, _ := Sync(v, nil, language.Russian, "locales/ru.toml", false)
	m := ru.Lookup("a.s.p-1")
	m.Forms[locale.Other] = "Это 18–30."
	m.Hash = segment.ExactHash(v.Lookup("a.s.p-1").Forms)
	got, st := Sync(v, ru, language.Russian, "locales/ru.toml", false)
	if st.Translated != 1 || got.Lookup("a.s.p-1").Hash != v.Lookup("a.s.p-1").Hash {
		t.Errorf("stats %+v, hash %s", st, got.Lookup("a.s.p-1").Hash)
	}
}

func TestSyncPluralStub(t *testing.T) {
	u := segment.Unit{ID: "a.x.heading", Kind: segment.Profile, Forms: map[locale.Form]string{locale.One: "{{.Name}}, {{.Age}}", locale.Other: "{{.Name}}, {{.Age}}"}}
	src := source(u)
	for _, tt := range []struct {
		tag  language.Tag
		want []locale.Form
	}{
		{language.Russian, []locale.Form{locale.One, locale.Few, locale.Many, locale.Other}},
		{language.Kazakh, []locale.Form{locale.One, locale.Other}},
	} {
		c, _ := Sync(src, nil, tt.tag, "x", false)
		var got []locale.Form
		for _, f := range locale.Forms {
			if _, ok := c.Lookup("a.x.heading").Forms[f]; ok {
				got = append(got, f)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s stub forms = %v, want %v", tt.tag, got, tt.want)
		}
	}
}

func contains(lines []string, prefix string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

// TestFormatSections: each article's entries stand under a rule naming its
// file, sub-folder included.
func TestFormatSections(t *testing.T) {
	c := FromUnits("locales/en.toml", []*segment.Article{{Slug: "a", Units: []segment.Unit{{ID: "a.s.p-1", Kind: segment.Paragraph, Forms: map[locale.Form]string{locale.Other: "One."}, Pos: segment.Pos{File: "content/culture/a.md", Line: 7, Col: 1}}}}})
	if out := string(Format(c)); !strings.Contains(out, "# ─── content/culture/a.md ───") {
		t.Errorf("no section rule with the sub-folder:\n%s", out)
	}
}

// TestParseFastIsParseGeneral: the single-pass reader gives exactly what
// the general TOML path gives, on real catalogues and on files it must hand
// over to the general path.
func TestParseFastIsParseGeneral(t *testing.T) {
	files := map[string][]byte{}
	for _, p := range []string{"en", "ru", "kk"} {
		name := "locales/" + p + "/the-conscript." + p + ".toml"
		data, err := os.ReadFile("../../testdata/project/" + name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = data
	}
	files["locales/ru.toml#ru-file"] = []byte(ruFile)
	for name, data := range files {
		path, _, _ := strings.Cut(name, "#")
		fast, ok := parseFast(path, data, language.Russian)
		if !ok {
			t.Errorf("%s: the fast reader handed over a file Format wrote", name)
			continue
		}
		general, err := parseGeneral(path, data, language.Russian)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fast, general) {
			t.Errorf("%s: the fast reader differs from the general one", name)
		}
	}
	for name, src := range map[string]string{
		"inline table":    "[a.b]\nother = { x = 1 }\n",
		"literal string":  "[a.b]\nother = 'x'\n",
		"multi-line":      "[a.b]\nother = \"\"\"\nx\"\"\"\n",
		"quoted key":      "[a.\"b c\"]\nother = \"x\"\n",
		"upper-case key":  "[a.b]\nOther = \"x\"\n",
		"duplicate key":   "[a.b]\nother = \"x\"\nother = \"y\"\n",
		"duplicate table": "[a.b]\nother = \"x\"\n[a.b]\nhash = \"y\"\n",
		"unknown key":     "[a.b]\nfuzzy = \"x\"\n",
		"prefix table":    "[a]\nother = \"x\"\n[a.b]\nother = \"y\"\n",
		"empty table":     "[a]\n[a.b]\nother = \"y\"\n",
		"bad escape":      "[a.b]\nother = \"\\q\"\n",
		"key outside":     "other = \"x\"\n",
		"CRLF":            "[a.b]\r\nother = \"x\"\r\n",
		"trailing text":   "[a.b]\nother = \"x\" y\n",
		"indented":        "[a.b]\n  other = \"x\"\n",
	} {
		if _, ok := parseFast("locales/ru.toml", []byte(src), language.Russian); ok {
			t.Errorf("%s: the fast reader took a file it must hand over", name)
		}
	}
}

// FuzzParseFast: whatever the fast reader accepts, the general path reads
// the same way.
func FuzzParseFast(f *testing.F) {
	f.Add([]byte(ruFile))
	f.Add([]byte("# h\n\n# note\n#> x\n[a.b]\nhash = \"h\"\nother = \"Қа\\u00A0з \\\"x\\\" \\U0001F600\"\n"))
	f.Add([]byte("[a.b]\nother = \"x\"\n[a.c]\none = \"y\"\nother = \"z\"\n"))
	f.Add([]byte("# tilmash catalogue: kk\n\n# mine\n\n[a.b]\n# between\nhash = \"h\" # after\nother = \"x\"\n# tail\n\n# loose\n\n[a.c]\nother = \"y\"\n# end\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return
		}
		fast, ok := parseFast("locales/kk.toml", data, language.Kazakh)
		if !ok {
			return
		}
		general, err := parseGeneral("locales/kk.toml", data, language.Kazakh)
		if err != nil {
			t.Fatalf("the fast reader took what the general path refuses: %v", err)
		}
		if !reflect.DeepEqual(fast, general) {
			t.Fatalf("the fast reader differs from the general one:\nfast    %+v\ngeneral %+v", fast.Messages, general.Messages)
		}
	})
}

// TestDescriptionSaysWhatTagsStandFor: a translator must know what
// <code1/> stands for to build the sentence around it, and that it closes
// itself; a link's target is named.
func TestDescriptionSaysWhatTagsStandFor(t *testing.T) {
	a, err := segment.Split("content/a.md", []byte("+++\ntitle = \"T\"\n+++\n\nHe calls it `kvartira`, see [the map](https://example.org/map) and <abbr>USSR</abbr>.\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := FromUnits("locales/en.toml", []*segment.Article{a})
	d := c.Messages[len(c.Messages)-1].Description
	for _, want := range []string{
		"<code1/> stands for the code “kvartira”, shown as it is: place it where your sentence needs it.",
		"<a1>…</a1> is a link to https://example.org/map: keep it around the words that carry it.",
		"<html1/> stands for the article's HTML “<abbr>”: keep it where it is.",
	} {
		if !strings.Contains(d, want) {
			t.Errorf("description %q lacks %q", d, want)
		}
	}
}

// TestDescriptionLinear: a paragraph of thousands of code spans, links, HTML
// tags or numbers has a description of thousands of sentences, and making
// it must allocate in proportion to its length (adding each sentence to a
// string allocated the whole text again each time: gigabytes and minutes
// for 260 KB of code spans; about 6 times the text now: the buffer's
// growth, the sorted names). Bytes are counted, not time.
func TestDescriptionLinear(t *testing.T) {
	const n = 2000
	tests := []struct {
		name string
		add  func(u *segment.Unit, i int) string // adds the i-th placeholder, returns how the description names it
	}{
		{"code spans", func(u *segment.Unit, i int) string {
			u.Tags[fmt.Sprintf("code%d", i)] = markup.Node{Kind: markup.Code, Text: "a"}
			return fmt.Sprintf("<code%d/> stands for the code", i)
		}},
		{"links", func(u *segment.Unit, i int) string {
			u.Tags[fmt.Sprintf("a%d", i)] = markup.Node{Kind: markup.Link, Href: fmt.Sprintf("https://example.org/%d", i)}
			return fmt.Sprintf("<a%d>…</a%d> is a link to https://example.org/%d:", i, i, i)
		}},
		{"HTML", func(u *segment.Unit, i int) string {
			u.Tags[fmt.Sprintf("html%d", i)] = markup.Node{Kind: markup.HTML, Text: "<b>"}
			return fmt.Sprintf("<html%d/> stands for the article's HTML", i)
		}},
		{"numbers", func(u *segment.Unit, i int) string {
			u.Vars[fmt.Sprintf("N%d", i)] = segment.Var{Number: int64(i)}
			return fmt.Sprintf("{{.N%d}} is the number %d", i, i)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := segment.Unit{Context: "Body text.", Tags: markup.Tags{}, Vars: map[string]segment.Var{}}
			var names []string
			for i := range n {
				names = append(names, tt.add(&u, i+1))
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			d := description(u)
			runtime.ReadMemStats(&after)
			if got, bound := after.TotalAlloc-before.TotalAlloc, uint64(16*len(d)); got > bound {
				t.Errorf("%d bytes allocated for a description of %d bytes (at most %d): the work grows faster than the text", got, len(d), bound)
			}
			for _, name := range []string{names[0], names[n-1]} {
				if !strings.Contains(d, name) {
					t.Fatalf("the description lacks %q", name)
				}
			}
		})
	}
}

// TestSyncNumberChangesPluralCategory: a number in the English changed
// (the placeholder did not): where the target language says the new
// number with another plural form (ru: 1,250 → 1,321, «домохозяйств» →
// «домохозяйство»), the translation is stale, saying why, made from the
// English with the old number; where it does not (ru: 1,250 → 1,300; kk,
// whose nouns stay singular after numbers), it stays current. Syncing
// again changes nothing, and deleting the stale mark revises it.
func TestSyncNumberChangesPluralCategory(t *testing.T) {
	counted := func(n int64) *Catalog {
		u := unit("a.s.p-1", "{{.Number1}} households were counted.")
		u.Vars = map[string]segment.Var{"Number1": {Number: n}}
		return source(u)
	}
	tests := []struct {
		tag       language.Tag
		text      string
		from, to  int64
		wantStale bool
	}{
		{language.Russian, "Подсчитано {{.Number1}} домохозяйств.", 1250, 1321, true},
		{language.Russian, "Подсчитано {{.Number1}} домохозяйств.", 1250, 1300, false},
		{language.Russian, "Подсчитано {{.Number1}} домохозяйств.", 1250, 1250, false},
		{language.Kazakh, "{{.Number1}} үй шаруашылығы есептелді.", 1250, 1321, false},
		{language.Russian, "Подсчитано {{.Number1}} домохозяйство.", 1321, 1322, true}, // one → few
	}
	for _, tt := range tests {
		file := "locales/" + tt.tag.String() + "/a." + tt.tag.String() + ".toml"
		first, _ := Sync(counted(tt.from), nil, tt.tag, file, false)
		first.Lookup("a.s.p-1").Forms[locale.Other] = tt.text
		done, err := Parse(file, Format(first))
		if err != nil {
			t.Fatal(err)
		}
		src := counted(tt.to)
		got, st := Sync(src, done, tt.tag, file, false)
		m := got.Lookup("a.s.p-1")
		if stale := m.Hash != src.Lookup("a.s.p-1").Hash; stale != tt.wantStale || (st.Stale == 1) != tt.wantStale || m.Text() != tt.text {
			t.Errorf("%s %d → %d: stale %v (stats %+v), want %v; text %q", tt.tag, tt.from, tt.to, stale, st, tt.wantStale, m.Text())
			continue
		}
		if !tt.wantStale {
			continue
		}
		if !contains(m.Comments, "#, stale: {{.Number1}} is now") || m.Previous()[locale.Other] != fmt.Sprintf("%d households were counted.", tt.from) {
			t.Errorf("%s %d → %d: comments %q", tt.tag, tt.from, tt.to, m.Comments)
		}
		again, err := Parse(file, Format(got))
		if err != nil {
			t.Fatal(err)
		}
		twice, _ := Sync(src, again, tt.tag, file, false)
		if string(Format(twice)) != string(Format(got)) {
			t.Errorf("%s %d → %d: a second sync changed the file:\n%s\n---\n%s", tt.tag, tt.from, tt.to, Format(got), Format(twice))
		}
		// The translator revises and deletes the stale mark: current.
		revised := strings.Replace(string(Format(got)), tt.text, "Подсчитано {{.Number1}} домохозяйство.", 1)
		var kept []string
		for _, line := range strings.SplitAfter(revised, "\n") {
			if !strings.HasPrefix(line, StaleMark) {
				kept = append(kept, line)
			}
		}
		r, err := Parse(file, []byte(strings.Join(kept, "")))
		if err != nil {
			t.Fatal(err)
		}
		if !r.Lookup("a.s.p-1").Revised(src.Lookup("a.s.p-1").Hash) {
			t.Errorf("%s %d → %d: the stale mark deleted does not revise it", tt.tag, tt.from, tt.to)
		}
	}
}
