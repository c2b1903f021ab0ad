package site

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/segment"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// edition assembles article src in tag, every unit of which is what tr
// makes of its English (the English edition when tag is English).
func edition(t *testing.T, src string, tag language.Tag, tr func(string) string) *assemble.Edition {
	t.Helper()
	a, err := segment.Split("content/a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	en := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	target := en
	if tag != locale.Source {
		target = &catalog.Catalog{Locale: tag, Path: "locales/ru.toml"}
		for _, m := range en.Messages {
			cp := *m
			cp.Forms = map[locale.Form]string{}
			for f, text := range m.Forms {
				cp.Forms[f] = tr(text)
			}
			target.Add(&cp)
		}
	}
	ed, err := assemble.Assemble(a, en, target, assemble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

// frontMatter decodes a page's front matter as Hugo would (TOML between
// +++ lines).
func frontMatter(t *testing.T, page []byte) map[string]any {
	t.Helper()
	rest, ok := strings.CutPrefix(string(page), "+++\n")
	fm, _, ok2 := strings.Cut(rest, "+++\n")
	if !ok || !ok2 {
		t.Fatalf("no TOML front matter:\n%s", page)
	}
	out := map[string]any{}
	if _, err := toml.Decode(fm, &out); err != nil {
		t.Fatalf("the front matter is not TOML: %v\n%s", err, fm)
	}
	return out
}

// TestHugoFrontMatter: the fields Hugo reads stay at the top, every other
// one goes under params (the editor's params merged), the units are in
// the edition's language, dates are ones Hugo reads, with the text as
// written kept, and translationKey links the editions.
func TestHugoFrontMatter(t *testing.T) {
	ru := func(s string) string { return "RU " + s }
	tests := []struct {
		name    string
		src     string
		tag     language.Tag
		want    map[string]string // dotted path → value, as fmt prints it
		absent  []string
		notes   int
		aliases []string
		tkey    string
	}{
		{"the newsroom's TOML", "+++\npublication = \"Post Soviet Journal\"\ndateline = \"Almaty, Kazakhstan\"\ndate = \"2022-10\"\ndate_text = \"Oct 2022\"\ntitle = \"The Conscript\"\nnote = \"All names have been changed.\"\n+++\n\nText.\n",
			language.Russian, map[string]string{"title": "RU The Conscript", "date": "2022-10-01", "translationKey": "a",
				"params.date_original": "2022-10", "params.date_text": "RU Oct 2022", "params.dateline": "RU Almaty, Kazakhstan", "params.note": "RU All names have been changed."},
			[]string{"dateline", "note", "date_text", "publication"}, 0, nil, "a"},
		{"the English edition", "+++\ntitle = \"The Conscript\"\ndate = \"2022-10-05\"\nsubtitle = \"A story\"\n+++\n\nText.\n",
			language.English, map[string]string{"title": "The Conscript", "date": "2022-10-05", "params.subtitle": "A story", "params.date_text": "October 5, 2022"},
			[]string{"params.date_original"}, 0, nil, "a"},
		{"YAML, with the editor's params, tags, draft and a date-time", "---\ntitle: Rents\ndate: 2023-01-02T10:00:00Z\ntags: [housing, almaty]\ndraft: false\nauthor: A. Reporter\nparams:\n  subtitle: Rising\n---\n\nText.\n",
			language.Russian, map[string]string{"title": "RU Rents", "tags": "[housing almaty]", "draft": "false", "params.subtitle": "RU Rising", "params.author": "RU A. Reporter"},
			[]string{"author", "subtitle"}, 0, nil, "a"},
		{"a year alone", "+++\ntitle = \"T\"\ndate = \"2021\"\n+++\n\nText.\n", language.Russian,
			map[string]string{"date": "2021-01-01", "params.date_original": "2021", "params.date_text": "2021"}, nil, 0, nil, "a"},
		{"no date_text: the date as Kazakh writes it", "+++\ntitle = \"T\"\ndate = \"2012-05-03\"\n+++\n\nText.\n", language.Kazakh,
			map[string]string{"params.date_text": "2012\u202fж. 3 мамыр"}, nil, 0, nil, "a"},
		{"a date Hugo cannot read", "+++\ntitle = \"T\"\nlastmod = \"last spring\"\n+++\n\nText.\n", language.Russian,
			map[string]string{"params.lastmod_original": "last spring"}, []string{"lastmod"}, 1, nil, "a"},
		{"the editor's translationKey and aliases", "+++\ntitle = \"T\"\ntranslationKey = \"rents-2023\"\naliases = [\"/old/\"]\n+++\n\nText.\n", language.Russian,
			map[string]string{"translationKey": "rents-2023", "aliases": "[/old/ almaty]"}, nil, 0, []string{"almaty"}, "a"},
		{"Params and Title as an editor may capitalise them", "+++\ntitle = \"T\"\nTitle = \"Other\"\n[Params]\nsubtitle = \"S\"\n+++\n\nText.\n", language.Russian,
			map[string]string{"title": "RU T", "params.Title": "Other", "params.subtitle": "S"}, []string{"Title", "Params"}, 1, nil, "a"},
		{"params that is not a table", "+++\ntitle = \"T\"\nparams = \"x\"\n+++\n\nText.\n", language.Russian,
			map[string]string{"params.params": "x"}, nil, 1, nil, "a"},
		{"a padded date", "+++\ntitle = \"T\"\nlastmod = \" 2023-01-02\"\n+++\n\nText.\n", language.Russian,
			map[string]string{"lastmod": "2023-01-02", "params.lastmod_original": " 2023-01-02"}, nil, 0, nil, "a"},
		{"lang names the edition's", "+++\ntitle = \"T\"\nlang = \"en\"\n+++\n\nText.\n", language.Russian,
			map[string]string{"params.lang": "ru"}, []string{"lang"}, 0, nil, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ed := edition(t, tt.src, tt.tag, ru)
			ed.Aliases = tt.aliases
			page, notes := Hugo(ed, HugoPage{Key: tt.tkey})
			fm := frontMatter(t, page)
			for p, want := range tt.want {
				got, ok := lookup(fm, p)
				if !ok || fmtValue(got) != want {
					t.Errorf("%s = %v (%v), want %q\n%s", p, got, ok, want, page)
				}
			}
			for _, p := range tt.absent {
				if got, ok := lookup(fm, p); ok {
					t.Errorf("%s = %v, want no such field\n%s", p, got, page)
				}
			}
			if len(notes) != tt.notes {
				t.Errorf("notes %q, want %d", notes, tt.notes)
			}
		})
	}
}

// TestHugoFigures: a figure with a published image becomes Hugo's figure
// shortcode with the image's place in the bundle, its caption quoted so
// that no caption can end the shortcode; one with no image to show, its
// caption alone; an external image keeps its address. A Russian caption
// is set without its final full stop, as the other editions set it.
func TestHugoFigures(t *testing.T) {
	const head = "+++\ntitle = \"T\"\n+++\n\n"
	image := func(src string) (string, bool) {
		if src == "images/chart.png" {
			return "media/images/chart.png", true
		}
		return "", false
	}
	tests := []struct {
		name, body, translation, want string
	}{
		{"a published image", "![A chart of rents.](images/chart.png)\n", "Диаграмма «аренда».",
			`{{< figure src="media/images/chart.png" caption="Диаграмма «аренда»" >}}`},
		{"a caption alone", "![Almaty Flea Market.]()\n", "Алматинская барахолка.", "*Алматинская барахолка*"},
		{"an image not published", "![A missing photo.](images/gone.jpg)\n", "Пропавшее фото.", "*Пропавшее фото*"},
		{"an external image, with a title", "![A photo.](https://example.org/p.jpg \"Photo: A. B.\")\n", "Фото.",
			`{{< figure src="https://example.org/p.jpg" caption="Фото" title="Фото: А. Б." >}}`},
		{"quotes and braces in the caption", "![A \"chart\".](images/chart.png)\n", `Схема "раз" >}} \ два`,
			`{{< figure src="media/images/chart.png" caption="Схема \"раз\" >}&#125; &#92; два" >}}`},
		{"a caption ending in a backslash, a star", "![A chart.](images/chart.png)\n", `Схема * и \`,
			`{{< figure src="media/images/chart.png" caption="Схема &#42; и &#92;" >}}`},
		{"a title with a backslash and braces", "![A photo.](https://example.org/p.jpg \"Photo: A. B.\")\n", "Фото.",
			`{{< figure src="https://example.org/p.jpg" caption="Фото" title="Фото ＼" >}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ed := edition(t, head+"Text.\n\n"+tt.body, language.Russian, func(s string) string {
				switch s {
				case "Text.", "T":
					return "Текст."
				case "Photo: A. B.":
					if strings.Contains(tt.name, "backslash and braces") {
						return `Фото \`
					}
					return "Фото: А. Б."
				}
				return tt.translation
			})
			page, _ := Hugo(ed, HugoPage{Key: "a", Image: image})
			if !strings.Contains(string(page), tt.want+"\n") {
				t.Errorf("want %s in\n%s", tt.want, page)
			}
		})
	}
	// The English edition's figures too.
	ed := edition(t, head+"![A chart of rents.](images/chart.png)\n", language.English, nil)
	page, _ := Hugo(ed, HugoPage{Key: "a", Image: image})
	if want := `{{< figure src="media/images/chart.png" caption="A chart of rents." >}}`; !strings.Contains(string(page), want) {
		t.Errorf("the English edition: want %s in\n%s", want, page)
	}
}

// TestHugoGolden: the newsroom's first article in Russian, as a Hugo page
// (testdata/the-conscript.ru.md; go test -update rewrites it).
func TestHugoGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/the-conscript.md")
	if err != nil {
		t.Fatal(err)
	}
	ed := edition(t, string(src), language.Russian, func(s string) string { return "Перевод: " + s })
	page, notes := Hugo(ed, HugoPage{Key: "the-conscript"})
	if len(notes) > 0 {
		t.Errorf("notes: %q", notes)
	}
	golden := filepath.Join("testdata", "the-conscript.ru.md")
	if *update {
		if err := os.WriteFile(golden, page, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(page) != string(want) {
		t.Errorf("the page differs from %s (go test -update rewrites it):\n%s", golden, page)
	}
}

// TestLanguageKey: Hugo's keys are lower-case.
func TestLanguageKey(t *testing.T) {
	for tag, want := range map[string]string{"ru": "ru", "kk": "kk", "kk-Latn": "kk-latn", "en": "en"} {
		if got := LanguageKey(language.MustParse(tag)); got != want {
			t.Errorf("LanguageKey(%s) = %s, want %s", tag, got, want)
		}
	}
}

// lookup finds the value at a dotted path of a decoded front matter.
func lookup(m map[string]any, p string) (any, bool) {
	var cur any = m
	for _, seg := range strings.Split(p, ".") {
		t, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = t[seg]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// fmtValue prints a decoded value: a list as [a b], a date as 2006-01-02.
func fmtValue(v any) string {
	switch x := v.(type) {
	case []any:
		var parts []string
		for _, e := range x {
			parts = append(parts, fmtValue(e))
		}
		return "[" + strings.Join(parts, " ") + "]"
	case string:
		return x
	}
	return strings.TrimSpace(strings.ReplaceAll(toString(v), "\n", " "))
}

func toString(v any) string {
	var b strings.Builder
	toml.NewEncoder(&b).Encode(map[string]any{"v": v})
	return strings.TrimPrefix(strings.TrimSpace(b.String()), "v = ")
}

// TestHugoLanguages: the languages file is TOML Hugo reads, under the
// keys Hugo uses, each with its folder, code, name and place; a language
// the site has in two scripts is named with each, in it.
func TestHugoLanguages(t *testing.T) {
	data := HugoLanguages([]HugoLanguage{{language.English, "dist/hugo/content/en"}, {language.Russian, "dist/hugo/content/ru"}, {language.MustParse("kk-Latn"), "dist/hugo/content/kk-latn"}})
	var file struct {
		Languages map[string]struct {
			ContentDir, LanguageCode, LanguageName, LanguageDirection string
			Weight                                                    int
		}
	}
	if _, err := toml.Decode(string(data), &file); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	got := file.Languages
	if l := got["kk-latn"]; l.ContentDir != "dist/hugo/content/kk-latn" || l.LanguageCode != "kk-Latn" || l.Weight != 3 || l.LanguageName == "" || l.LanguageDirection != "ltr" {
		t.Errorf("kk-latn: %+v\n%s", l, data)
	}
	if l := got["ru"]; l.LanguageName != "Русский" || l.Weight != 2 {
		t.Errorf("ru: %+v", l)
	}
	if len(got) != 3 {
		t.Errorf("%d languages, want 3:\n%s", len(got), data)
	}
	if l := got["kk-latn"]; l.LanguageName != "Qazaqşa" {
		t.Errorf("kk-latn, the only Kazakh: named %q, want Qazaqşa", l.LanguageName)
	}

	data = HugoLanguages([]HugoLanguage{{language.English, "en"}, {language.Kazakh, "kk"}, {language.MustParse("kk-Latn"), "kk-latn"}, {language.Russian, "ru"}})
	if _, err := toml.Decode(string(data), &file); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	for key, want := range map[string]string{"kk": "Қазақша (кирилл)", "kk-latn": "Qazaqşa (latyn)", "ru": "Русский", "en": "English"} {
		if l := file.Languages[key]; l.LanguageName != want {
			t.Errorf("%s: named %q, want %q\n%s", key, l.LanguageName, want, data)
		}
	}
}

// TestShortcodeString: no text can end a Hugo shortcode's parameter or
// the shortcode, or start another; no backslash is written (Hugo 0.111
// drops them, or takes one before the closing quote for an escape).
func TestShortcodeString(t *testing.T) {
	tests := []struct {
		in       string
		markdown bool
		want     string
	}{
		{`plain "quoted"`, false, `"plain \"quoted\""`},
		{`ends \`, false, `"ends ＼"`},
		{"{{< x >}}", false, "\"{\u200b{< x >}\u200b}\""},
		{`\*not emphasis\*`, true, `"&#42;not emphasis&#42;"`},
		{`a \\ b`, true, `"a &#92; b"`},
		{"{{% x %}} }}", true, `"{&#123;% x %}&#125; }&#125;"`},
		{`trailing \`, true, `"trailing &#92;"`},
	}
	for _, tt := range tests {
		if got := shortcodeString(tt.in, tt.markdown); got != tt.want {
			t.Errorf("shortcodeString(%q, %v) = %s, want %s", tt.in, tt.markdown, got, tt.want)
		}
	}
}

// TestHugoDeterministic: the same edition gives the same page and the
// same notes, in the same order, every time (the notes were made in a
// map's order, and dist/report.json changed between two builds).
func TestHugoDeterministic(t *testing.T) {
	src := "+++\ntitle = \"T\"\nlastmod = \"last spring\"\nexpiryDate = \"never ever\"\npublishDate = \"some day\"\nb = 1\na = 2\n+++\n\nText.\n"
	ed := edition(t, src, language.Russian, func(s string) string { return "RU " + s })
	page, notes := Hugo(ed, HugoPage{Key: "a"})
	if len(notes) != 3 {
		t.Fatalf("notes %q, want 3", notes)
	}
	for range 30 {
		p, n := Hugo(ed, HugoPage{Key: "a"})
		if string(p) != string(page) || strings.Join(n, "\n") != strings.Join(notes, "\n") {
			t.Fatalf("a second conversion differs:\n%s\n%q\nfrom\n%s\n%q", p, n, page, notes)
		}
	}
}
