package check

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/glossary"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
	"github.com/tilmash/tilmash/translate/finding"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/segment"
	"github.com/tilmash/tilmash/translate/translit"
)

var rules = map[string]LocaleRules{
	"ru": {Quotes: "«»„“", ForbiddenLetters: "әғқңөұүһі", Dictionary: "ru_RU", Dash: "—"},
	"kk": {Quotes: "«»“”", RequiredLetters: "әғқңөұүһі", MinWords: 8, Dictionary: "kk_KZ"},
}

// fakeSpeller knows every word but those listed.
type fakeSpeller map[string]bool

func (f fakeSpeller) Unknown(dict string, words []string) ([]string, error) {
	var out []string
	for _, w := range words {
		if f[w] {
			out = append(out, w)
		}
	}
	return out, nil
}

// setup makes an article of one paragraph (the English, in Markdown), its
// source catalogue, and a target catalogue in which edit changes the entry,
// as tilmash keeps them: the locale's catalogue (locales/ru) read from the
// article's file (locales/ru/a.ru.toml, package catpath), where every entry
// of the article belongs.
func setup(t *testing.T, tag language.Tag, english string, edit func(m *catalog.Message)) Input {
	t.Helper()
	a, err := segment.Split("content/a.md", []byte("+++\ntitle = \"T\"\n+++\n\n"+english+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	src := catalog.FromUnits(catalog.TargetPath("locales", locale.Source), []*segment.Article{a})
	src.Place = inArticle(locale.Source)
	tgt, _ := catalog.Sync(src, nil, tag, catalog.TargetPath("locales", tag), false)
	for _, m := range tgt.Messages[:len(tgt.Messages)-1] { // the title, and a profile's name
		m.Forms[locale.Other] = "Дмитрий"
	}
	if edit != nil {
		edit(tgt.Messages[len(tgt.Messages)-1])
	}
	file := articleFile(tag)
	part, err := catalog.Parse(file, catalog.Format(tgt))
	if err != nil {
		t.Fatal(err)
	}
	if tgt, err = catalog.Merge(tag, catalog.TargetPath("locales", tag), []*catalog.Catalog{part}); err != nil {
		t.Fatal(err)
	}
	tgt.Place = inArticle(tag)
	return Input{Articles: []*segment.Article{a}, Source: src, Targets: []*catalog.Catalog{tgt}, Config: &Config{Locales: rules}}
}

// articleFile is content/a.md's catalogue in tag: locales/ru/a.ru.toml.
func articleFile(tag language.Tag) string { return catpath.Article("locales", tag, "a.md") }

// inArticle places every entry of tag in content/a.md's catalogue.
func inArticle(tag language.Tag) func(string) string {
	return func(string) string { return articleFile(tag) }
}

func text(s string) func(*catalog.Message) {
	return func(m *catalog.Message) { m.Forms[locale.Other] = s }
}

func codes(fs []finding.Finding) string {
	var c []string
	for _, f := range fs {
		c = append(c, f.Code)
	}
	return strings.Join(c, " ")
}

func TestChecks(t *testing.T) {
	ru, kk := language.Russian, language.Kazakh
	tests := []struct {
		name    string
		tag     language.Tag
		english string
		edit    func(*catalog.Message)
		want    string
	}{
		{"good", ru, "He lives in a flat.", text("Он живёт в квартире."), ""},
		{"missing", ru, "He lives in a flat.", nil, CodeMissing},
		{"empty plural form", ru, "## Dmitri, 31 {.profile}", func(m *catalog.Message) {
			m.Forms = map[locale.Form]string{locale.One: "{{.Name}}, {{.Age}} год", locale.Few: "{{.Name}}, {{.Age}} года", locale.Many: " ", locale.Other: "{{.Name}}, {{.Age}} года"}
		}, CodeEmpty},
		{"identical", ru, "He lives in a flat.", text("He lives in a flat."), CodeIdentical},
		{"a sentence of the English left in", ru, "He lives in a flat. Rents there doubled last year.", text("Он живёт в квартире. Rents there doubled last year."), CodeIdentical},
		{"a short sentence of the English left in", ru, "He lives in a flat. Rents doubled there.", text("Он живёт в квартире. Rents doubled there."), CodeIdentical},
		{"an English name kept", ru, "He lives in a flat. He reads The New York Times.", text("Он живёт в квартире. Он читает The New York Times."), ""},
		{"identical number is fine", ru, "2022", text("2022"), ""},
		{"identical signs are fine", ru, "<33> <__>", text("&lt;33> &lt;__>"), ""},
		{"stale", ru, "He lives in a flat.", func(m *catalog.Message) {
			m.Forms[locale.Other] = "Он живёт в квартире."
			m.Hash = "sha256-0000"
		}, CodeStale},
		{"plural missing", ru, "## Dmitri, 31 {.profile}", func(m *catalog.Message) {
			m.Forms = map[locale.Form]string{locale.One: "{{.Name}}, {{.Age}} год", locale.Many: "{{.Name}}, {{.Age}} лет", locale.Other: "{{.Name}}, {{.Age}} года"}
		}, CodePluralMissing},
		{"plural extra in kk", kk, "## Dmitri, 31 {.profile}", func(m *catalog.Message) {
			m.Forms = map[locale.Form]string{locale.One: "{{.Name}}, {{.Age}} жаста", locale.Few: "{{.Name}}, {{.Age}} жаста", locale.Other: "{{.Name}}, {{.Age}} жаста"}
		}, CodePluralExtra},
		{"plural good in kk", kk, "## Dmitri, 31 {.profile}", func(m *catalog.Message) {
			m.Forms = map[locale.Form]string{locale.One: "{{.Name}}, {{.Age}} жаста", locale.Other: "{{.Name}}, {{.Age}} жаста"}
		}, ""},
		{"plural forms on a plain message", ru, "A flat.", func(m *catalog.Message) {
			m.Forms[locale.One] = "Квартира."
			m.Forms[locale.Other] = "Квартира."
		}, CodePluralExtra},
		{"placeholder kept", ru, "Some 150,000 men.", text("Около {{.Number1}} мужчин."), ""},
		{"placeholder renamed", ru, "Some 150,000 men.", text("Около {{.Number}} мужчин."), CodePlaceholder + " " + CodePlaceholder},
		{"template broken", ru, "Some 150,000 men.", text("Около {{.Number1 мужчин."), CodePlaceholder + " " + CodeTemplate},
		// Not placeholders to the template gate, so not to the placeholder
		// check (its regular expression once found {{.Number1}} in both).
		{"placeholder with a tab", ru, "Some 150,000 men.", text("Около {{\t.Number1}} мужчин."), CodePlaceholder + " " + CodeTemplate},
		{"placeholder inside an action", ru, "Some 150,000 men.", text("Около {{{.Number1}}} мужчин."), CodePlaceholder + " " + CodeTemplate},
		{"markup kept and moved", ru, "See *the* [map](/m).", text("Смотрите <a1>карту</a1>, <em>эту</em>."), ""},
		{"markup missing", ru, "See *the* [map](/m).", text("Смотрите карту, <em>эту</em>."), CodeMarkup},
		{"markup unbalanced", ru, "See *the* [map](/m).", text("Смотрите <a1>карту, <em>эту</em>."), CodeMarkup},
		{"markup extra", ru, "See the [map](/m).", text("Смотрите <a1>карту</a1><em>!</em>"), CodeMarkup},
		{"numbers reformatted", ru, "Men aged 18-30, since 2014, 3.5 million.", text("Мужчины 18–30 лет, с 2014 года, 3,5 миллиона."), ""},
		{"number missing", ru, "Men aged 18-30, since 2014.", text("Мужчины 18–30 лет, с 2015 года."), CodeNumber},
		{"grouped number with nbsp", kk, "The year 2014.", text("2014 жыл, 20\u00a0000\u00a0000 адам."), ""},
		{"grouped number with a space", ru, "The year 2014.", text("Год 2014, а людей 20 000."), CodeGroupedNumber},
		{"grouped number with a comma", kk, "The year 2014.", text("2014 жыл, 20,000 адам."), CodeGroupedNumber},
		{"straight quotes in ru", ru, "He said “no”.", text("Он сказал \"нет\"."), CodeQuotes + " " + CodeQuotes},
		{"English quotes in ru", ru, "He said “no”.", text("Он сказал «„нет”»."), CodeQuotes},
		{"Russian quotes in ru", ru, "He said “no”.", text("Он сказал «„нет“»."), ""},
		{"Russian inner quotes in kk", kk, "He said “no”.", text("Ол «„жоқ“» деді."), CodeQuotes},
		{"Kazakh quotes in kk", kk, "He said “no”.", text("Ол «“жоқ”» деді."), ""},
		{"double space", ru, "A flat.", text("Одна  квартира."), CodeSpace},
		{"percent as Russian writes it", ru, "Up 37.8% and 50%.", text("Рост на 37,8\u00a0% и 50\u00a0%."), ""},
		{"percent with a decimal point in ru", ru, "Up 37.8%.", text("Рост на 37.8\u00a0%."), CodePercent},
		{"percent without the space in ru", ru, "Up 37.8%.", text("Рост на 37,8%."), CodePercent},
		{"percent as Kazakh writes it", kk, "Up 37.8%.", text("Өсім 37,8% болды."), ""},
		{"percent with a space in kk", kk, "Up 37.8%.", text("Өсім 37,8 % болды."), CodePercent},
		{"decimal comma in ru", ru, "It cost 3.5 million.", text("Это стоило 3,5 миллиона."), ""},
		{"decimal point in ru", ru, "It cost 3.5 million.", text("Это стоило 3.5 миллиона."), CodeDecimal},
		{"decimal point in kk", kk, "It cost 3.5 million.", text("Бұл 3.5 миллион тұрды."), CodeDecimal},
		{"a licence's version", ru, "Under a Creative Commons Attribution 3.0 licence.", text("По лицензии Creative Commons «Атрибуция» 3.0."), ""},
		{"a version after the word", ru, "Since version 2.1 and v3.5 it works.", text("Начиная с версии 2.1 и v3.5 работает."), ""},
		{"a release number", kk, "Hugo 0.128.0 builds it.", text("Оны Hugo 0.128.0 жинайды."), ""},
		{"a quantity after a name", ru, "In May 3.5 million came.", text("В мае приехали 3.5 миллиона."), CodeDecimal},
		{"a decimal after a plain word", ru, "It grew 2.0 times.", text("Он вырос в 2.0 раза."), CodeDecimal},
		{"a date of the translation's own", ru, "On 12 March it cost 3.5 million.", text("12 марта (в отчёте от 12.03) это стоило 3,5 миллиона."), ""},
		{"hyphen for a dash", ru, "A flat - mine.", text("Квартира - моя."), CodeDash},
		{"en dash for a dash", ru, "A flat - mine.", text("Квартира\u00a0– моя."), CodeDash},
		{"the dash", ru, "A flat - mine.", text("Квартира\u00a0— моя."), ""},
		{"a hyphen in a word", ru, "A flat, 18-30.", text("Квартира-студия, 18–30."), ""},
		{"trailing space", ru, "A flat.", text("Квартира. "), CodeSpace},
		{"leading space", ru, "A flat.", text(" Квартира."), CodeSpace},
		{"Latin letter in a Cyrillic word", ru, "A flat.", text("Kвартира."), CodeMixedScript},
		{"Latin c in a Cyrillic word", kk, "A flat.", text("Пәтер cатып алдық."), CodeMixedScript},
		{"Kazakh letter in Russian", ru, "A flat.", text("Пәтер."), CodeForeignLetters},
		{"Russian passed off as Kazakh", kk, "He lives in a flat in the centre of Almaty with friends.", text("Он живёт в квартире в центре Алматы вместе с друзьями."), CodeLanguageLetters},
		{"short Kazakh without special letters", kk, "Yes.", text("Иә."), ""},
		{"not NFC", ru, "A flat.", text("Квартира\u0306."), CodeNFC},
		{"spelling", ru, "A flat.", text("Кваритра."), CodeSpelling},
		{"control character", ru, "A flat.", text("Квар\x1bтира."), CodeControl},
		{"line break", ru, "A flat.", text("Квар\nтира."), CodeControl},
		{"bidi override", ru, "A flat.", text("Квар\u202eтира."), CodeControl},
		{"zero-width space", ru, "A flat.", text("Квар\u200bтира."), CodeInvisible},
		{"soft hyphen the English has", ru, "A fl\u00adat.", text("Квар\u00adтира."), ""},
		{"directive identical", ru, "OK.", func(m *catalog.Message) { m.Forms[locale.Other] = "OK."; m.Notes = []string{"# tilmash: identical"} }, ""},
		{"directive ignore", ru, "Since 2014.", func(m *catalog.Message) {
			m.Forms[locale.Other] = "С тех пор."
			m.Notes = []string{"# tilmash: ignore number"}
		}, ""},
		{"directive ignore identical", ru, "He lives in a flat. Rents doubled there.", func(m *catalog.Message) {
			m.Forms[locale.Other] = "Он живёт в квартире (в оригинале: Rents doubled there.)."
			m.Notes = []string{"# tilmash: ignore identical"}
		}, ""},
		// What would break an edition cannot be ignored.
		{"directive ignore placeholder", ru, "Some 150,000 men.", func(m *catalog.Message) {
			m.Forms[locale.Other] = "Около {{.Number}} мужчин."
			m.Notes = []string{"# tilmash: ignore placeholder, control-char"}
		}, CodePlaceholder + " " + CodePlaceholder},
		{"directive ignore control-char", ru, "A flat.", func(m *catalog.Message) {
			m.Forms[locale.Other] = "Квар\u202eтира."
			m.Notes = []string{"# tilmash: ignore control-char"}
		}, CodeControl},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := setup(t, tt.tag, tt.english, tt.edit)
			in.Speller = fakeSpeller{"Кваритра": true}
			fs := Run(in)
			if got := codes(fs); got != tt.want {
				t.Errorf("codes = %q, want %q\n%v", got, tt.want, fs)
			}
			for _, f := range fs {
				if f.Pos.File == "" || f.Pos.Line < 1 || f.Pos.Col < 1 || f.Unit == "" || f.Locale != tt.tag.String() || f.Hint == "" {
					t.Errorf("incomplete finding %+v", f)
				}
			}
		})
	}
}

// TestMissingPointsAtTheUnit: a missing translation is reported at the
// unit in the article, and names the catalogue file to translate it in:
// the article's (locales/ru/a.ru.toml), at its empty entry's line, or, for
// an entry not there yet, where extract would add it.
func TestMissingPointsAtTheUnit(t *testing.T) {
	file := articleFile(language.Russian)
	in := setup(t, language.Russian, "Text.", nil)
	empty := in.Targets[0].Messages[len(in.Targets[0].Messages)-1]
	fs := Run(in)
	if len(fs) != 1 || fs[0].Pos.String() != "content/a.md:5:1" || !strings.Contains(fs[0].Message, fmt.Sprintf("(%s:%d is empty)", file, empty.Pos.Line)) ||
		!strings.Contains(fs[0].Hint, "translate it in "+file+";") {
		t.Errorf("findings = %v", fs)
	}
	// No entry at all: the file extract would add it to.
	ru := in.Targets[0]
	without, err := catalog.Merge(ru.Locale, ru.Path, []*catalog.Catalog{{Locale: ru.Locale, Path: file, Messages: ru.Messages[:len(ru.Messages)-1]}})
	if err != nil {
		t.Fatal(err)
	}
	without.Place = ru.Place
	in.Targets[0] = without
	fs = Run(in)
	if len(fs) != 1 || fs[0].Pos.String() != "content/a.md:5:1" || !strings.Contains(fs[0].Message, "(no entry in "+file+")") || !strings.Contains(fs[0].Hint, "translate it in "+file+";") {
		t.Errorf("no entry: findings = %v", fs)
	}
}

func TestObsolete(t *testing.T) {
	in := setup(t, language.Russian, "Text.", text("Текст."))
	gone := &catalog.Message{ID: "a.gone.p-000000", Hash: "x", Forms: map[locale.Form]string{locale.Other: "Старое."}, Pos: segment.Pos{File: articleFile(language.Russian), Line: 40, Col: 1}}
	in.Targets[0].Add(gone)
	fs := Run(in)
	if codes(fs) != CodeObsolete || fs[0].Severity != finding.Warning {
		t.Errorf("findings = %v", fs)
	}
}

func TestConfig(t *testing.T) {
	cfg, err := ParseConfig("tilmash.toml", []byte(`
[locales.ru]
quotes = "«»„“"
[check]
disable = ["typography"]
[check.severity]
number = "warning"
[check.locales.ru.severity]
number = "error"
[check.locales.kk.severity]
spelling = "info"
[check.units."a.intro.p-1".severity]
number = "warning"
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		f    finding.Finding
		keep bool
		sev  finding.Severity
	}{
		{finding.Finding{Code: CodeQuotes, Locale: "ru"}, false, 0},
		{finding.Finding{Code: CodeNumber, Locale: "kk"}, true, finding.Warning},
		{finding.Finding{Code: CodeNumber, Locale: "ru"}, true, finding.Error},
		{finding.Finding{Code: CodeNumber, Locale: "ru", Unit: "a.intro.p-1"}, true, finding.Warning},
		{finding.Finding{Code: CodeStale, Locale: "ru"}, true, finding.Error},
		{finding.Finding{Code: CodeSpelling, Locale: "kk", Severity: finding.Warning}, true, finding.Info},
		{finding.Finding{Code: CodeSpelling, Locale: "ru", Severity: finding.Warning}, true, finding.Warning},
	}
	for _, tt := range tests {
		f := tt.f
		keep := cfg.decide(&f, nil)
		if keep != tt.keep || (keep && f.Severity != tt.sev) {
			t.Errorf("decide(%s %s %s) = %v %s, want %v %s", tt.f.Code, tt.f.Locale, tt.f.Unit, keep, f.Severity, tt.keep, tt.sev)
		}
	}
	for _, bad := range []string{"[check.severity]\nstale = \"fatal\"\n", "colour = 1\n", "[check\n"} {
		if _, err := ParseConfig("tilmash.toml", []byte(bad)); err == nil || !strings.HasPrefix(err.Error(), "tilmash.toml:") {
			t.Errorf("ParseConfig(%q) error = %v", bad, err)
		}
	}
}

func TestConfigNamesKnownChecks(t *testing.T) {
	tests := []struct {
		config string
		want   string // the error, or "" for none
	}{
		{"[check]\ndisable = [\"typography\", \"glossary-also\"]\n", ""},
		{"[check.severity]\ntypography-decimal = \"warning\"\n", ""},
		{"[check]\ndisable = [\"spelling\",\n  \"typograhpy\"]\n", `tilmash.toml:3:1: unknown check "typograhpy": did you mean "typography"?`},
		{"[check.locales.kk.severity]\nglossary-missng = \"warning\"\n", `tilmash.toml:2:1: unknown check "glossary-missng": did you mean "glossary-missing"?`},
		{"[check.units.\"a.title\"]\ndisable = [\"everything\"]\n", `tilmash.toml:2:1: unknown check "everything" (docs/checks.md lists the codes; a group such as "typography" covers all of its own)`},
		{"[check]\ndisable = [\"typo\"]\n", `tilmash.toml:2:1: unknown check "typo"`}, // a prefix that is not a group
	}
	for _, tt := range tests {
		_, err := ParseConfig("tilmash.toml", []byte(tt.config))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if tt.want == "" && got != "" || tt.want != "" && !strings.HasPrefix(got, tt.want) {
			t.Errorf("ParseConfig(%q) error = %q, want %q", tt.config, got, tt.want)
		}
	}
}

func TestDirectives(t *testing.T) {
	got := Directives([]string{"# a note", "# tilmash: identical", "#tilmash: ignore number, spelling"})
	if want := []string{CodeIdentical, CodeNumber, CodeSpelling}; !reflect.DeepEqual(got, want) {
		t.Errorf("Directives = %v, want %v", got, want)
	}
}

func TestStatuses(t *testing.T) {
	in := setup(t, language.Russian, "Three words here.", text("Три слова."))
	in.Targets[0].Lookup("a.title").Hash = "old"
	st := Statuses(in.Source, in.Targets)[0]
	want := Status{Locale: "ru", Total: Count{2, 4}, Translated: Count{1, 3}, Stale: Count{1, 1}, UnitsPct: 50, WordsPct: 75}
	if !reflect.DeepEqual(st, want) {
		t.Errorf("status = %+v, want %+v", st, want)
	}
}

// TestProjectIsClean holds the fixture project's catalogues (testdata/project) to every check
// (spelling through hunspell, as CI installs it).
func TestProjectIsClean(t *testing.T) {
	read := func(p string) []byte {
		b, err := os.ReadFile("../../testdata/project/" + p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cfg, err := ParseConfig("tilmash.toml", read("tilmash.toml"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := segment.Split("content/the-conscript.md", read("content/the-conscript.md"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := catalog.Parse("locales/en/the-conscript.en.toml", read("locales/en/the-conscript.en.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var prior []segment.Prior
	for _, m := range src.Messages {
		prior = append(prior, segment.Prior{ID: m.ID, Text: m.Text()})
	}
	segment.Reconcile(a, prior)
	g, err := glossary.Parse("glossary/terms.toml", read("glossary/terms.toml"))
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Articles: []*segment.Article{a}, Source: src, Glossary: g, Config: cfg}
	for _, p := range []string{"locales/ru/the-conscript.ru.toml", "locales/kk/the-conscript.kk.toml"} {
		c, err := catalog.Parse(p, read(p))
		if err != nil {
			t.Fatal(err)
		}
		in.Targets = append(in.Targets, c)
	}
	for _, f := range Run(in) {
		t.Error(f)
	}
}

// TestPublicationPolicy: the same gaps are errors in a required locale,
// information in a locale or article in progress, and not reported at all
// for an article not yet for translation; a stale entry is a warning under
// the default stale policy (keep) and an error under refuse.
func TestPublicationPolicy(t *testing.T) {
	required := map[string]LocaleRules{"ru": {Quotes: "«»„“", Required: true}}
	stale := func(m *catalog.Message) {
		m.Forms[locale.Other] = "Около 150 мужчин."
		m.Hash = "sha256-old"
	}
	tests := []struct {
		name      string
		locales   map[string]LocaleRules
		stale     string
		translate bool
		required  []string
		edit      func(*catalog.Message)
		want      string // code:severity of each finding
	}{
		{"required, missing", required, "", true, nil, nil, "missing:error"},
		{"in progress, missing", rules, "", true, nil, nil, "missing:info"},
		{"in progress, broken", rules, "", true, nil, text("Около 15 мужчин."), "number:warning"},
		{"required, broken", required, "", true, nil, text("Около 15 мужчин."), "number:error"},
		{"front matter requires ru", rules, "", true, []string{"ru"}, nil, "missing:error"},
		{"front matter requires kk only", required, "", true, []string{"kk"}, nil, "missing:info"},
		{"not for translation", required, "", false, nil, nil, ""},
		{"not for translation, broken", required, "", false, nil, text("Около 15 мужчин."), "number:info"},
		{"stale, keep", required, "", true, nil, stale, "stale:warning"},
		{"stale, refuse", required, StaleRefuse, true, nil, stale, "stale:error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := setup(t, language.Russian, "Some 150 men.", tt.edit)
			in.Config = &Config{Locales: tt.locales, Publish: PublishConfig{Stale: tt.stale}}
			in.Articles[0].Meta.Translate = tt.translate
			in.Articles[0].Meta.Required = tt.required
			var got []string
			for _, f := range Run(in) {
				got = append(got, f.Code+":"+f.Severity.String())
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("findings = %v, want %s", got, tt.want)
			}
			// What build sees: every finding at its check's severity.
			in.IgnorePolicy = true
			for _, f := range Run(in) {
				if f.Code == CodeNumber && f.Severity != finding.Error {
					t.Errorf("with IgnorePolicy the number finding is %s", f.Severity)
				}
			}
		})
	}
}

// TestConfigLocaleKeys: [locales.X] tables are read under the canonical tag
// (pt-br is pt-BR, as required_locales and the catalogues' names are), and
// two tables for one locale are an error at the second one's line.
func TestConfigLocaleKeys(t *testing.T) {
	c, err := ParseConfig("tilmash.toml", []byte("[locales.pt-br]\nrequired = true\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Locales["pt-BR"].Required || c.LocalePos("pt-BR").Line != 1 {
		t.Errorf("locales = %v, pos %v", c.Locales, c.LocalePos("pt-BR"))
	}
	if _, err := ParseConfig("tilmash.toml", []byte("[locales.pt-br]\nrequired = true\n\n[locales.pt-BR]\nquotes = \"«»\"\n")); err == nil || !strings.Contains(err.Error(), "which another table sets already") {
		t.Errorf("two tables for pt-BR: %v", err)
	}
}

// TestFrontMatterWarningsFollowTheConfig: [check] disable = ["front-matter"]
// silences the warning of a field to be translated that holds no text.
func TestFrontMatterWarningsFollowTheConfig(t *testing.T) {
	a, err := segment.Split("content/a.md", []byte("+++\ntitle = \"T\"\ndescription = 3\nslug = \"x\"\n+++\n"))
	if err != nil {
		t.Fatal(err)
	}
	src := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	if fs := Run(Input{Articles: []*segment.Article{a}, Source: src}); codes(fs) != CodeFrontMatter {
		t.Errorf("findings = %v", fs)
	}
	off := &Config{Check: CheckConfig{Rules: Rules{Disable: []string{CodeFrontMatter}}}}
	if fs := Run(Input{Articles: []*segment.Article{a}, Source: src, Config: off}); len(fs) != 0 {
		t.Errorf("disabled, findings = %v", fs)
	}
}

// TestStripCode: stripCode blanks the tags and placeholders markup.Tokens
// reads (markup's FuzzScanAgreesWithDecode holds it to markup.Decode), "_"
// a blanked byte here. The rows marked "was" are where the regular
// expressions it once matched disagreed with Decode or package
// placeholder, and blanked what the comment says.
func TestStripCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Около {{.Number1}} <a1>мужчин</a1>.", "Около ____________ ____мужчин_____."},
		{"{{ .Name }}, <br/><code1/>", "___________, _____________"},
		{`{{printf "<em>"}} &lt;em>`, `{{printf "____"}} &lt;em>`},
		{"a</code1/>b", "a</code1/>b"},                     // was a_________b: Decode rejects </code1/>
		{"{{\t.Number1}} мужчин", "{{\t.Number1}} мужчин"}, // was blanked: package placeholder rejects the tab
		{"{{{.Number1}}}", "{{{.Number1}}}"},               // was {____________}: the template engine reads the action {.Number1
		{"<a1b> <EM> <br /> <3", "<a1b> <EM> <br /> <3"},
	}
	for _, tt := range tests {
		if got := stripCode(tt.in); got != strings.ReplaceAll(tt.want, "_", " ") {
			t.Errorf("stripCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTagOffset: an extra tag is reported where it is, not at a longer
// tag it begins (strings.Index(text, "<a1") found <a10>).
func TestTagOffset(t *testing.T) {
	tests := []struct {
		text, name string
		want       int
	}{
		{"<a10>десять</a10> <a1>один</a1>", "a1", len("<a10>десять</a10> ")},
		{"<code12/> <code1/>", "code1/", len("<code12/> ")},
		{"<em>x</em> <em>y</em>", "/em", len("<em>x")},
		{"&lt;em> <em>x</em>", "em", len("&lt;em> ")},
	}
	for _, tt := range tests {
		if got := tagOffset(tt.text, tt.name); got != tt.want {
			t.Errorf("tagOffset(%q, %q) = %d, want %d", tt.text, tt.name, got, tt.want)
		}
	}
}

// countingSpeller records how many words it was asked about.
type countingSpeller struct{ asked *int }

func (s countingSpeller) Unknown(dict string, words []string) ([]string, error) {
	*s.asked += len(words)
	return nil, nil
}

// TestSpellingOffAsksNothing: spelling turned off in tilmash.toml (for all
// locales or for this one) must not cost a hunspell run.
func TestSpellingOffAsksNothing(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want bool // the speller is asked
	}{
		{"on", Config{}, true},
		{"off everywhere", Config{Check: CheckConfig{Rules: Rules{Disable: []string{CodeSpelling}}}}, false},
		{"off in ru", Config{Check: CheckConfig{Locales: map[string]Rules{"ru": {Disable: []string{CodeSpelling}}}}}, false},
		{"off in kk only", Config{Check: CheckConfig{Locales: map[string]Rules{"kk": {Disable: []string{CodeSpelling}}}}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := setup(t, language.Russian, "A flat.", text("Кваритра."))
			cfg := tt.cfg
			cfg.Locales = in.Config.Locales
			in.Config = &cfg
			asked := 0
			in.Speller = countingSpeller{&asked}
			Run(in)
			if got := asked > 0; got != tt.want {
				t.Errorf("speller asked about %d words, want asked: %v", asked, tt.want)
			}
		})
	}
}

func TestDictionaryPackage(t *testing.T) {
	for dict, want := range map[string]string{"ru_RU": "hunspell-ru", "kk_KZ": "hunspell-kk", "uz_UZ": "hunspell-uz", "en_US": "hunspell-en-us", "en_GB": "hunspell-en-gb", "de_DE": "hunspell-de-de", "fr_FR": "hunspell-fr", "uk": "hunspell-uk"} {
		if got := DictionaryPackage(dict); got != want {
			t.Errorf("DictionaryPackage(%q) = %q, want %q", dict, got, want)
		}
	}
}

func TestDecimalPointsAtTheSeparator(t *testing.T) {
	in := setup(t, language.Kazakh, "It cost 3.5 million, 37.8% more.", text("Бұл 3.5 миллион, 37,8% артық тұрды."))
	fs := Run(in)
	if len(fs) != 1 || fs[0].Code != CodeDecimal {
		t.Fatalf("findings = %v, want one %s", fs, CodeDecimal)
	}
	// Бұл 3.5: the "." is the 6th character of the value.
	if col := fs[0].Pos.Col - in.Targets[0].Messages[0].ValuePos(locale.Other, 0).Col; col != 5 || !strings.HasPrefix(fs[0].Hint, `write "3,5";`) {
		t.Errorf("finding at value column %d with hint %q, want 5 and write \"3,5\"", col, fs[0].Hint)
	}
}

// TestStaleHintShowsTheWordDiff: before extract runs again, the "#>" line
// still holds the English the translation was made from; the hint shows
// what changed, word by word.
func TestStaleHintShowsTheWordDiff(t *testing.T) {
	in := setup(t, language.Russian, "He worked while living in Almaty.", func(m *catalog.Message) {
		m.Forms[locale.Other] = "Он работал, живя в Алматы."
		m.Hash = "sha256-0000"
		m.Comments = []string{"#> He worked whilst living in Almaty."}
	})
	fs := Run(in)
	if len(fs) != 1 || fs[0].Code != CodeStale {
		t.Fatalf("findings = %v", fs)
	}
	if want := "what changed: He worked [-whilst-]{+while+} living in Almaty."; !strings.Contains(fs[0].Hint, want) {
		t.Errorf("hint = %q, want it to hold %q", fs[0].Hint, want)
	}
}

// TestConfigSourceIsNotDerived: the English editions are the articles.
// A [locales.X] table for the source, however BCP 47 lets it be spelt,
// may not derive it from another locale or transform it; a transform
// makes only the locale it writes, from the one it reads. Each is an error
// at the setting's line and column.
func TestConfigSourceIsNotDerived(t *testing.T) {
	const kk = "[locales.kk]\nrequired = true\n\n"
	tests := []struct {
		name, config, want string // want: the error's start, or "" for none
	}{
		{"kk-Latn from kk", kk + "[locales.kk-Latn]\nfrom = \"kk\"\ntransform = \"kk-Latn-2021\"\n", ""},
		{"kk-Latn-KZ from kk-KZ", "[locales.kk-Latn-KZ]\nfrom = \"kk-KZ\"\ntransform = \"kk-Latn-2021\"\n", ""},
		{"en from kk", kk + "[locales.en]\nfrom = \"kk\"\ntransform = \"kk-Latn-2021\"\n", `tilmash.toml:5:1: [locales.en] from = "kk": en is the source language`},
		{"en with a transform alone", kk + "[locales.en]\n  transform = \"kk-Latn-2021\"\n", `tilmash.toml:5:3: [locales.en] transform = "kk-Latn-2021": en is the source language`},
		{"EN", kk + "[locales.EN]\nrequired = true\nfrom = \"kk\"\ntransform = \"kk-Latn-2021\"\n", `tilmash.toml:6:1: [locales.EN] from = "kk": en is the source language`},
		{"eng", kk + "[locales.eng]\nfrom = \"kk\"\ntransform = \"kk-Latn-2021\"\n", `tilmash.toml:5:1: [locales.eng] from = "kk": en is the source language`},
		{"en-Latn", kk + "[locales.en-Latn]\nfrom = \"kk\"\ntransform = \"kk-Latn-2021\"\n", `tilmash.toml:5:1: [locales.en-Latn] from = "kk": en-Latn is en, the source language`},
		{"quoted key", kk + "[locales.\"EN\"]\nfrom = \"kk\"\ntransform = \"kk-Latn-2021\"\n", `tilmash.toml:5:1: [locales.EN] from = "kk": en is the source language`},
		{"dotted key", kk + "[locales]\nen.from = \"kk\"\nen.transform = \"kk-Latn-2021\"\n", `tilmash.toml:5:4: [locales.en] from = "kk": en is the source language`},
		{"inline table", kk + "[locales]\nen = { transform = \"kk-Latn-2021\", from = \"kk\" }\n", `tilmash.toml:5:36: [locales.en] from = "kk": en is the source language`},
		{"en alone is fine", kk + "[locales.en]\nrequired = true\n", ""},
		{"en-US from kk", kk + "[locales.en-US]\nfrom = \"kk\"\ntransform = \"kk-Latn-2021\"\n", `tilmash.toml:6:1: [locales.en-US] transform = "kk-Latn-2021": the transform writes kk-Latn, Kazakh (Latin), not en-US, American English: name it in the [locales.kk-Latn] table`},
		{"ru from kk", kk + "[locales.ru]\nfrom = \"kk\"\ntransform = \"kk-Latn-2021\"\n", `tilmash.toml:6:1: [locales.ru] transform = "kk-Latn-2021": the transform writes kk-Latn, Kazakh (Latin), not ru, Russian`},
		{"kk-Latn from en", "[locales.kk-Latn]\nfrom = \"en\"\ntransform = \"kk-Latn-2021\"\n", `tilmash.toml:2:1: [locales.kk-Latn] from = "en": the transform kk-Latn-2021 reads kk-Cyrl, Kazakh (Cyrillic), not en, English: write from = "kk"`},
		{"kk-Latn from ru", "[locales.kk-Latn]\nfrom = \"ru\"\ntransform = \"kk-Latn-2021\"\n", `tilmash.toml:2:1: [locales.kk-Latn] from = "ru": the transform kk-Latn-2021 reads kk-Cyrl, Kazakh (Cyrillic), not ru, Russian: write from = "kk"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("tilmash.toml", []byte(tt.config))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if tt.want == "" && got != "" || tt.want != "" && !strings.HasPrefix(got, tt.want) {
				t.Errorf("error = %q\nwant    %q", got, tt.want)
			}
		})
	}
}

// TestUnpublishableChars: a character no edition can carry (a vertical
// tab, an escape, DEL, U+FFFE…) is an error wherever it is, in the English
// as in a translation, even where the other has it too, at its position
// and unit.
func TestUnpublishableChars(t *testing.T) {
	tests := []struct {
		name, english, translation string
		want                       string // "pos locale" of each control-char finding, ", "-separated
	}{
		{"clean", "A flat.", "Квартира.", ""},
		{"tab is fine", "A\tflat.", "Квар\tтира.", ""},
		{"vertical tab in both", "A\vflat.", "Квар\vтира.", "content/a.md:5:2 en, locales/ru/a.ru.toml:27:14 ru"},
		{"U+FFFE in the translation", "A flat.", "Квартира\uFFFE.", "locales/ru/a.ru.toml:27:18 ru"},
		{"U+FFFF in the translation", "A flat.", "\uFFFFКвартира.", "locales/ru/a.ru.toml:27:10 ru"},
		{"escape in the English only", "A \x1b[31mflat.", "Квартира.", "content/a.md:5:3 en"},
		{"DEL in both", "A\x7f flat.", "Квартира\x7f.", "content/a.md:5:2 en, locales/ru/a.ru.toml:27:18 ru"},
		{"C1 in the translation", "A flat.", "\u0093Квартира\u0094.", "locales/ru/a.ru.toml:27:10 ru"},
		{"noncharacter reference in the English", "A &#xFDD0; flat.", "Квартира.", "content/a.md:5:1 en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := setup(t, language.Russian, tt.english, text(tt.translation))
			in.IgnorePolicy = true // errors as a build judges them
			var got []string
			for _, f := range Run(in) {
				if f.Code != CodeControl {
					continue
				}
				if f.Severity != finding.Error || f.Unit == "" || f.Hint == "" || !strings.Contains(f.Message, "no edition can carry it") {
					t.Errorf("finding %+v", f)
				}
				got = append(got, f.Pos.String()+" "+f.Locale)
			}
			if s := strings.Join(got, ", "); s != tt.want {
				t.Errorf("control-char findings = %q\nwant                    %q", s, tt.want)
			}
		})
	}
}

// TestOverridesAreChecked: an override of a derived locale
// (locales/kk-Latn/a.kk-Latn.toml) is held to every check a translation is held to,
// by the derived locale's rules, at its own file:line:col (issue 20:
// template code, a stray <, control characters in overrides passed
// check); the computed text is checked for what the transform can get
// wrong, once.
func TestOverridesAreChecked(t *testing.T) {
	kkLatn := language.MustParse("kk-Latn")
	tr, err := translit.Lookup("kk-Latn-2021")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, override string
		notes          string
		want           string // the kk-Latn findings' codes
	}{
		{"a good override", "Şamamen {{.Number1}} er adam Almatyğa keldı.", "", ""},
		{"template code", "{{range .}}Şamamen{{end}} {{.Number1}} er adam keldı.", "", CodeTemplate},
		{"a stray <", "Şamamen {{.Number1}} <b er adam keldı.", "", CodeMarkup},
		{"an escape", "Şamamen {{.Number1}} er\x1b adam keldı.", "", CodeControl},
		{"U+FFFE", "Şamamen {{.Number1}} er adam keldı.\uFFFE", "", CodeControl},
		{"a placeholder lost", "Şamamen 150 000 er adam keldı.", "", CodePlaceholder + " " + CodeGroupedNumber},
		{"straight quotes", "Şamamen {{.Number1}} \"er adam\" keldı.", "", CodeQuotes + " " + CodeQuotes},
		{"the English itself", "Some {{.Number1}} men came to Almaty.", "", CodeIdentical},
		{"a Cyrillic letter in a Latin word", "Şamamen {{.Number1}} er adam keldі.", "", CodeForeignLetters + " " + CodeMixedScript},
		{"a translator's directive", "Şamamen {{.Number1}} \"er adam\" keldı.", "# tilmash: ignore typography\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := setup(t, language.Kazakh, "Some 150,000 men came to Almaty.", text("Шамамен {{.Number1}} ер адам Алматыға келді."))
			kk := in.Targets[0]
			id := kk.Messages[len(kk.Messages)-1].ID
			ovFile := articleFile(kkLatn)
			ov, err := catalog.Parse(ovFile, []byte("# an override\n\n"+tt.notes+"["+id+"]\nhash = "+catalog.Quote(in.Source.Lookup(id).Hash)+"\nother = "+catalog.Quote(tt.override)+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			d := catalog.Derive(kk, kkLatn, "kk-Latn-2021", tr.Text)
			d.Stale = d.Override(ov, in.Source)
			in.Targets = append(in.Targets, d)
			in.Config.Locales = map[string]LocaleRules{"kk": {Quotes: "«»“”"}, "kk-Latn": {Quotes: "«»“”"}}
			in.IgnorePolicy = true
			var got []string
			for _, f := range Run(in) {
				if f.Locale == "kk" && f.Severity == finding.Error {
					t.Errorf("kk: %v", f)
				}
				if f.Locale != "kk-Latn" {
					continue
				}
				got = append(got, f.Code)
				if f.Pos.File != ovFile || f.Pos.Line != 5 || f.Unit != id || f.Severity != finding.Error {
					t.Errorf("finding %v: want it at %s:5, unit %s, an error", f, ovFile, id)
				}
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("kk-Latn findings = %q, want %q", s, tt.want)
			}
		})
	}
}

// TestConfigBaseURL: every page and book links through [publish] base-url,
// so a character no edition can carry (or a space) in it is an error at
// its line, not a broken book.
func TestConfigBaseURL(t *testing.T) {
	tests := []struct{ url, want string }{
		{`https://example.org/news/`, ""},
		{`/news/`, ""},
		{`https://example.org/\u000B/`, `tilmash.toml:3:1: [publish] base-url = "https://example.org/\v/": an address holds no space or control character (a control character (U+000B))`},
		{`https://example.org/\uFFFE`, `tilmash.toml:3:1: [publish] base-url = "https://example.org/\ufffe": an address holds no space or control character (a noncharacter (U+FFFE))`},
		{`https://example.org/a b`, `tilmash.toml:3:1: [publish] base-url = "https://example.org/a b": an address holds no space`},
	}
	for _, tt := range tests {
		_, err := ParseConfig("tilmash.toml", []byte("# the site\n[publish]\nbase-url = \""+tt.url+"\"\n"))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if tt.want == "" && got != "" || tt.want != "" && !strings.HasPrefix(got, tt.want) {
			t.Errorf("base-url %s: error %q\nwant %q", tt.url, got, tt.want)
		}
	}
}

// TestConfigIncomplete: [publish] incomplete and min-coverage, read and
// refused at their lines.
func TestConfigIncomplete(t *testing.T) {
	tests := []struct {
		toml    string
		want    string // the error's start; "" for none
		cov     float64
		enabled bool
	}{
		{"", "", 0, false},
		{"incomplete = \"refuse\"\n", "", 0, false},
		{"incomplete = \"fallback\"\n", "", DefaultMinCoverage, true},
		{"incomplete = \"fallback\"\nmin-coverage = 80\n", "", 80, true},
		{"incomplete = \"fallback\"\nmin-coverage = 0\n", "", 0, true},
		{"incomplete = \"always\"\n", `tilmash.toml:3:1: [publish] incomplete = "always": write "refuse"`, 0, false},
		{"incomplete = \"fallback\"\nmin-coverage = 120\n", `tilmash.toml:4:1: [publish] min-coverage = 120: write a percentage`, 0, false},
		{"min-coverage = 80\n", "", 0, false}, // unset: the required editions' fallback (DefaultFallback)
		{"incomplete = \"refuse\"\nmin-coverage = 80\n", `tilmash.toml:4:1: [publish] min-coverage applies to editions published with fallback, which incomplete = "refuse" turns off`, 0, false},
	}
	for _, tt := range tests {
		c, err := ParseConfig("tilmash.toml", []byte("# the site\n[publish]\n"+tt.toml))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if tt.want == "" && got != "" || tt.want != "" && !strings.HasPrefix(got, tt.want) {
			t.Errorf("%q: error %q\nwant %q", tt.toml, got, tt.want)
			continue
		}
		if err == nil {
			if cov, ok := c.FallbackCoverage(); cov != tt.cov || ok != tt.enabled {
				t.Errorf("%q: FallbackCoverage() = %v, %v; want %v, %v", tt.toml, cov, ok, tt.cov, tt.enabled)
			}
		}
	}
}

// TestLeftOutOfEditions: what the HTML, text and EPUB editions will leave
// out of an article (a site generator's code, a link only it can make, the
// editor's HTML the sanitiser removes) is reported by check first, at its
// line, under its own code; editors' HTML published as written is no
// finding.
func TestLeftOutOfEditions(t *testing.T) {
	a, err := segment.Split("content/a.md", []byte("+++\ntitle = \"T\"\n+++\n\n{{< note >}}\n\nSee [map]({{< ref \"x\" >}}).\n\n<iframe src=\"https://v.example/1\"></iframe>\n"))
	if err != nil {
		t.Fatal(err)
	}
	src := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
	var got []string
	for _, f := range Run(Input{Articles: []*segment.Article{a}, Source: src, Config: &Config{}}) {
		got = append(got, fmt.Sprintf("%d:%s", f.Pos.Line, f.Code))
	}
	if s := strings.Join(got, " "); s != "5:site-code 7:site-code 9:editor-html" {
		t.Errorf("findings = %s", s)
	}
	trusted := &Config{Publish: PublishConfig{HTML: HTMLAsWritten}}
	for _, f := range Run(Input{Articles: []*segment.Article{a}, Source: src, Config: trusted}) {
		if f.Code == CodeEditorHTML {
			t.Errorf("editors' HTML published as written is reported: %v", f)
		}
	}
}

// TestSpellingSkipsAddresses: a web address, a domain name or an e-mail
// address in a translation is no word to spell (Kloop.kg was "Kloop" and
// "kg", unknown to hunspell); the words around it still are.
func TestSpellingSkipsAddresses(t *testing.T) {
	unknown := fakeSpeller{"Kloop": true, "kg": true, "karimdjanov": true, "streetjournal": true, "org": true, "www": true, "http": true, "editor": true, "example": true, "Кваритра": true}
	tests := []struct {
		name, english, ru string
		want              []string // the words reported, in order
	}{
		{"domain name", "On Kloop.kg.", "На Kloop.kg.", nil},
		{"URL as link text", "See http://karimdjanov.kloop.kg now.", "См. http://karimdjanov.kloop.kg сейчас.", nil},
		{"www address", "See www.streetjournal.org.", "См. www.streetjournal.org.", nil},
		{"e-mail", "Write to editor@example.org.", "Пишите на editor@example.org.", nil},
		{"a misspelling beside one", "A flat on Kloop.kg.", "Кваритра на Kloop.kg.", []string{"Кваритра"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := setup(t, language.Russian, tt.english, text(tt.ru))
			in.Speller = unknown
			var got []string
			for _, f := range Run(in) {
				if f.Code == CodeSpelling {
					got = append(got, strings.Split(f.Message, "\"")[1])
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("spelling findings for %v, want %v", got, tt.want)
			}
		})
	}
}

// TestMissingTagSaysWhatItIs: a missing tag is named for what it stands
// for (a footnote's mark, a link, code), with where to put it back.
func TestMissingTagSaysWhatItIs(t *testing.T) {
	tests := []struct {
		name, english, ru string
		msg, hint         string
	}{
		{"footnote", "A claim.[^1]\n\n[^1]: The source.", "Утверждение.", "<fn1/> (the mark of footnote 1) is missing", "where the note's number belongs"},
		{"link", "See the [map](/m).", "Смотрите карту.", "<a1> (link 1) is missing", "<a1>…</a1> around the words that carry the link"},
		{"code", "Run `make` now.", "Запустите сейчас.", "<code1/> (code 1, shown as written) is missing", "where the code stands"},
		{"emphasis", "A *big* flat.", "Большая квартира.", "<em> (emphasis) is missing", "<em>…</em> around the words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := setup(t, language.Russian, tt.english, text(tt.ru))
			var got []finding.Finding
			for _, f := range Run(in) {
				if f.Code == CodeMarkup {
					got = append(got, f)
				}
			}
			if len(got) != 1 || !strings.Contains(got[0].Message, tt.msg) || !strings.Contains(got[0].Hint, tt.hint) {
				t.Fatalf("markup findings = %+v, want one saying %q, hint %q", got, tt.msg, tt.hint)
			}
		})
	}
}

// TestMayHoldAddress: the cheap test before the address expression says
// yes to every text the expression matches in, and no to plain prose.
func TestMayHoldAddress(t *testing.T) {
	for s, want := range map[string]bool{
		"На Kloop.kg.":                    true,
		"См. http://karimdjanov.kloop.kg": true,
		"Пишите на editor@example.org.":   true,
		"www.streetjournal.org":           true,
		"Конец. Начало.":                  false,
		"The end. Next one.":              false,
		"Он сказал: «Нет».":               false,
		"3.5 million":                     false,
	} {
		if got := mayHoldAddress(s); got != want {
			t.Errorf("mayHoldAddress(%q) = %v, want %v", s, got, want)
		}
		if matched := addressRe.MatchString(s); matched && !mayHoldAddress(s) {
			t.Errorf("%q: the expression matches, the cheap test says no", s)
		}
	}
}

// FuzzMayHoldAddress: wherever the address expression matches, the cheap
// test said yes.
func FuzzMayHoldAddress(f *testing.F) {
	for _, s := range []string{"Kloop.kg", "www.1", "mailto:x", "a-.org", "http://x", "x@y.z", "3.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if addressRe.MatchString(s) && !mayHoldAddress(s) {
			t.Errorf("%q: the expression matches, the cheap test says no", s)
		}
	})
}

// TestStaleHints: a stale entry's finding says how to revise it in one
// step (delete the stale mark); a hash that is no hash of any version of
// the unit's English was typed by hand, and the finding says that rather
// than that the English changed.
func TestStaleHints(t *testing.T) {
	for _, tc := range []struct {
		name      string
		edit      func(m *catalog.Message)
		msg, hint string
	}{
		{"an English the translation was not made from", func(m *catalog.Message) {
			m.Forms[locale.Other] = "Он живёт в квартире."
			m.Hash = segment.Hash(map[locale.Form]string{locale.Other: "He lived in a flat."})
			m.Comments = append(m.Comments, catalog.StaleMark+": the English changed; revise the text, then delete this line", "#| He lived in a flat.")
		}, "the English changed since this was translated", `delete the entry's "#, stale" line`},
		{"a hash typed by hand", func(m *catalog.Message) {
			m.Forms[locale.Other] = "Он живёт в квартире."
			m.Hash = "sha256-0123456789abcdef"
		}, `hash = "sha256-0123456789abcdef" is the hash of no version of this unit's English: mistyped?`, "do not edit the hash"},
	} {
		in := setup(t, language.Russian, "He lives in a flat.", tc.edit)
		var got []finding.Finding
		for _, f := range Run(in) {
			if f.Code == CodeStale {
				got = append(got, f)
			}
		}
		if len(got) != 1 || got[0].Message != tc.msg || !strings.Contains(got[0].Hint, tc.hint) {
			t.Errorf("%s: %+v\nwant %q, a hint with %q", tc.name, got, tc.msg, tc.hint)
		}
	}
}

// TestEveryMistakeFound: a unit with the same mistake three times gets
// three findings, each at its column, so one run of check shows the
// translator everything to fix.
func TestEveryMistakeFound(t *testing.T) {
	for _, tc := range []struct {
		name, text, code string
		cols             []int
	}{
		{"hyphens for dashes", "Он - врач, она - учитель, они - соседи.", CodeDash, []int{4, 17, 29}},
		{"double spaces (a run of three is one)", "Он  врач,  она   учитель.", CodeSpace, []int{3, 10, 17}},
	} {
		in := setup(t, language.Russian, "He is a doctor, she is a teacher, they are neighbours.", text(tc.text))
		var cols []int
		for _, f := range Run(in) {
			if f.Code == tc.code {
				cols = append(cols, f.Pos.Col)
			}
		}
		if len(cols) != len(tc.cols) {
			t.Errorf("%s: findings at columns %v, want %d of them", tc.name, cols, len(tc.cols))
		}
	}
}

// TestMixedScriptCompounds: a Latin name with a Cyrillic ending joined by
// a hyphen is how Kazakh and Russian write it; a look-alike letter typed
// in the wrong script is still found. A rejecting finding says how to
// exempt an entry whose translation is right as it is.
func TestMixedScriptCompounds(t *testing.T) {
	for _, tc := range []struct {
		text  string
		mixed bool
	}{
		{"Хабар WhatsApp-та таралды.", false},
		{"Ол iPhone-ның жаңа нұсқасын алды.", false},
		{"Алмaты қаласы.", true},             // a Latin a
		{"Хабар WhatsАpp-та таралды.", true}, // a Cyrillic А inside the name
	} {
		in := setup(t, language.Kazakh, "The news spread on WhatsApp.", text(tc.text))
		var got []finding.Finding
		for _, f := range Run(in) {
			if f.Code == CodeMixedScript {
				got = append(got, f)
			}
		}
		if (len(got) > 0) != tc.mixed {
			t.Errorf("%q: %d mixed-script findings, want mixed = %v", tc.text, len(got), tc.mixed)
		}
		if len(got) > 0 && !strings.Contains(got[0].Hint, `add "# tilmash: ignore script-mixed" above the entry`) {
			t.Errorf("%q: the hint does not say how to exempt the entry: %q", tc.text, got[0].Hint)
		}
	}
}

// TestClockTimes: a 12-hour time of the English written on the 24-hour
// clock, as Russian and Kazakh write times, keeps its number; a wrong
// hour does not.
func TestClockTimes(t *testing.T) {
	for _, tc := range []struct {
		english, kazakh string
		ok              bool
	}{
		{"The curfew starts at 11 p.m.", "Коменданттық сағат 23:00-де басталады.", true},
		{"The curfew starts at 11 p.m.", "Коменданттық сағат 11-де басталады.", true},
		{"The market opens at 7:30am.", "Базар 07:30-да ашылады.", true},
		{"The shift ends at 12 a.m.", "Ауысым 00:00-де аяқталады.", true},
		{"The curfew starts at 11 p.m.", "Коменданттық сағат 22:00-де басталады.", false},
	} {
		in := setup(t, language.Kazakh, tc.english, text(tc.kazakh))
		var got []string
		for _, f := range Run(in) {
			if f.Code == CodeNumber {
				got = append(got, f.Message)
			}
		}
		if (len(got) == 0) != tc.ok {
			t.Errorf("%q → %q: number findings %q, want ok = %v", tc.english, tc.kazakh, got, tc.ok)
		}
	}
}

// knowsOnly is a dictionary that knows exactly the words listed, as the
// Debian kk_KZ dictionary knows lemmas and few of their inflected forms.
type knowsOnly map[string]bool

func (k knowsOnly) Unknown(dict string, words []string) ([]string, error) {
	var out []string
	for _, w := range words {
		if !k[strings.ToLower(w)] {
			out = append(out, w)
		}
	}
	return out, nil
}

// TestKazakhInflectedFormsSpelled: a Kazakh form the dictionary lacks is
// right when its stem, read through the suffix chains, is in it
// (теңізінен: теңіз; инженерлер: инженер); a misspelt word is still found.
func TestKazakhInflectedFormsSpelled(t *testing.T) {
	in := setup(t, language.Kazakh, "The engineers came from the sea.", text("Инженерлер теңізінен келді, бірақ теңзиден емес."))
	in.Config.Locales = map[string]LocaleRules{"kk": {Dictionary: "kk_KZ"}}
	in.Speller = knowsOnly{"инженер": true, "теңіз": true, "келді": true, "бірақ": true, "емес": true, "дмитрий": true}
	var flagged []string
	for _, f := range Run(in) {
		if f.Code == CodeSpelling {
			flagged = append(flagged, f.Message)
		}
	}
	if len(flagged) != 1 || !strings.Contains(flagged[0], "теңзиден") {
		t.Errorf("spelling findings %q, want the misspelt теңзиден alone", flagged)
	}
}

// TestSpellingOncePerWord: a word the dictionary lacks is one finding per
// article, at its first place, saying how many times the article has it.
func TestSpellingOncePerWord(t *testing.T) {
	in := setup(t, language.Russian, "The flat, the flat and the flat.", text("Кваритра, кваритра и Кваритра."))
	in.Config.Locales = map[string]LocaleRules{"ru": {Dictionary: "ru_RU"}}
	in.Speller = fakeSpeller{"Кваритра": true, "кваритра": true}
	var got []finding.Finding
	for _, f := range Run(in) {
		if f.Code == CodeSpelling {
			got = append(got, f)
		}
	}
	if len(got) != 2 || !strings.Contains(got[0].Message+got[1].Message, `"Кваритра" is not in the ru_RU dictionary (2 times in this article; the first here)`) {
		t.Errorf("spelling findings: %v", got)
	}
}

// TestConfigReaderWords: a locale's own words to its readers are read; a
// name that is none of tilmash's, or a value that is not one line of text,
// is refused at its line.
func TestConfigReaderWords(t *testing.T) {
	tests := []struct{ toml, want string }{
		{"[locales.uz.reader]\nfallback = \"Ingliz tilida.\"\n", ""},
		{"[locales.uz.reader]\nfallbak = \"Ingliz tilida.\"\n", `tilmash.toml:3:1: [locales.uz.reader] fallbak: no words of tilmash's have that name: write fallback or moved`},
		{"[locales.uz.reader]\nmoved = \"Bir\\nikki\"\n", `tilmash.toml:3:1: [locales.uz.reader] moved: write one line of text`},
		{"[locales.uz.reader]\nmoved = \"  \"\n", `tilmash.toml:3:1: [locales.uz.reader] moved: write one line of text`},
	}
	for _, tt := range tests {
		c, err := ParseConfig("tilmash.toml", []byte("[locales.uz]\n"+tt.toml))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: %v", tt.toml, err)
		case tt.want == "" && c.Locales["uz"].Reader["fallback"] != "Ingliz tilida.":
			t.Errorf("%q: read %v", tt.toml, c.Locales["uz"].Reader)
		case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
			t.Errorf("%q: %v, want %q", tt.toml, err, tt.want)
		}
	}
}

// TestMayTellTime: the quick look before the 12-hour expression misses no
// time the expression finds.
func TestMayTellTime(t *testing.T) {
	for _, s := range []string{"at 11 p.m. on Tuesday", "11pm", "9:30 AM", "at 10:15\tp.m.", "12 a.m.", "no time here", "in 2022 and 150,000 men", "", "7"} {
		if want := clockRe.MatchString(s); mayTellTime(s) != want && want {
			t.Errorf("mayTellTime(%q) = false, but %q is a time", s, s)
		}
	}
	if mayTellTime("in 2022 and 150,000 men") {
		t.Errorf("a year and a number taken for a time")
	}
}

// TestSentences: the English splits after each sentence's end, closing
// quotes and brackets with it, never inside a number or an abbreviation
// with no space after it.
func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Men left. Women stayed.", []string{"Men left.", "Women stayed."}},
		{"He said \"Go!\" Then left… Why?", []string{"He said \"Go!\"", "Then left…", "Why?"}},
		{"It cost 1.5 million (U.S.) dollars", []string{"It cost 1.5 million (U.S.) dollars"}},
		{"(It rained.) Then", []string{"(It rained.)", "Then"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := sentences(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("sentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if off, s := EnglishLeft("Мужчины уехали. They crossed the border at Lars.", "Men left. They crossed the border at Lars."); off != len("Мужчины уехали. ") || s != "They crossed the border at Lars." {
		t.Errorf("EnglishLeft = %d %q", off, s)
	}
}

// BenchmarkEnglishLeft: a crafted unit (a thousand-fold sentence against
// a translation that holds its first word everywhere) costs what its
// length does, not its square: the attacker's 300 KB paragraph took 7 s
// of check when every sentence was looked for everywhere.
// BenchmarkEnglishLeftTranslated is the usual case: a paragraph and its
// translation, with no English left in.
func BenchmarkEnglishLeftTranslated(b *testing.B) {
	english := "Since September, tens of thousands of Russians have crossed into Kazakhstan. Many of them came to Almaty, where rents doubled within a month. \"We left with two suitcases,\" says Alexei, a programmer from Moscow. The city's landlords were glad of it; its students were not."
	text := "С сентября в Казахстан приехали десятки тысяч россиян. Многие из них осели в Алматы, где аренда за месяц подорожала вдвое. «Мы уехали с двумя чемоданами», — говорит Алексей, программист из Москвы. Арендодатели города были рады, студенты — нет."
	for b.Loop() {
		if off, _ := EnglishLeft(text, english); off >= 0 {
			b.Fatal("found a sentence that is not there")
		}
	}
}

func BenchmarkEnglishLeft(b *testing.B) {
	english := strings.Repeat("Aa bb cc dd. ", 25_000)
	text := strings.Repeat("Aa bb cc dd; ", 25_000)
	for b.Loop() {
		if off, _ := EnglishLeft(text, english); off >= 0 {
			b.Fatal("found a sentence that is not there")
		}
	}
}
