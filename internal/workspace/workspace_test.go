package workspace

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/render"
	"github.com/tilmash/tilmash/translate/segment"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixture is the test project: a copy of the article, catalogues, glossary
// and settings as they were when the tests were written. The tests never read
// the live content/ and locales/, which editors and translators change every day.
const fixture = "../../testdata/project"

// project loads the fixture project.
func project(t *testing.T) *Workspace {
	t.Helper()
	w, err := Load(os.DirFS(fixture), Default)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// built builds the fixture project with the default options.
func built(t *testing.T) *Result {
	t.Helper()
	res, err := project(t).Build(BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// sourceWords returns the words of the article as received, less the page
// chrome and spacer lines that its README names.
func sourceWords(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../../shared/article/the-conscript-russians-of-almaty.txt")
	if err != nil {
		b, err = os.ReadFile("testdata/the-conscript-russians-of-almaty.txt")
		if err != nil {
			t.Fatal(err)
		}
	}
	var words []string
	for _, line := range strings.Split(string(b), "\n") {
		l := strings.TrimSpace(strings.Trim(line, "\u00a0"))
		if l == "" || l == "top of page" || l == "bottom of page" {
			continue
		}
		words = append(words, normWords(l)...)
	}
	return words
}

func normWords(s string) []string {
	return assemble.Words(strings.NewReplacer("’", "'", "‘", "'").Replace(s))
}

// TestEnglishEditionKeepsEveryWord compares the words of the English edition,
// assembled from locales/en.toml, with the article as received: any word
// dropped, added or reworded fails, and the diff names the place.
func TestEnglishEditionKeepsEveryWord(t *testing.T) {
	res := built(t)
	eds := res.Editions
	var en *Edition
	for i := range eds {
		if eds[i].Locale == language.English && eds[i].Slug == "the-conscript" {
			en = &eds[i]
		}
	}
	if en == nil {
		t.Fatal("no English edition of the-conscript")
	}
	got := normWords(string(render.Text(en.Edition)))
	want := sourceWords(t)
	if len(want) < 700 {
		t.Fatalf("only %d source words: is the article there?", len(want))
	}
	for i := 0; i < len(got) || i < len(want); i++ {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			lo := max(0, i-5)
			t.Fatalf("word %d: edition has %q, source has %q\nedition: …%s…\nsource:  …%s…", i, g, w,
				strings.Join(got[lo:min(len(got), i+5)], " "), strings.Join(want[lo:min(len(want), i+5)], " "))
		}
	}
}

// TestGoI18nLoadsEveryCatalogue is the oracle: go-i18n itself must load every
// catalogue file tilmash writes, by its own name (the-conscript.ru.toml is
// Russian), and render its plural messages. The fixture's catalogues are
// what extract writes: byte for byte in the layout of a file per article;
// in the old layout (locales/ru.toml), which extract migrates, entry for
// entry, comments and all, under the header extract writes now.
func TestGoI18nLoadsEveryCatalogue(t *testing.T) {
	w := project(t)
	files, _, err := w.Extract(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	var loaded, written, removed []string
	for _, p := range files.Paths() {
		if files[p] == nil {
			removed = append(removed, p)
			continue
		}
		written = append(written, p)
		mf, err := bundle.ParseMessageFileBytes(files[p], p)
		if err != nil {
			t.Fatalf("go-i18n refuses %s: %v", p, err)
		}
		if folder := strings.Split(p, "/")[1]; mf.Tag.String() != folder {
			t.Errorf("go-i18n reads %s as %s, not %s", p, mf.Tag, folder)
		}
		loaded = append(loaded, mf.Tag.String())
		if onDisk, err := os.ReadFile(filepath.Join(fixture, p)); err == nil {
			if string(onDisk) != string(files[p]) {
				t.Errorf("%s in the fixture is not what tilmash extract writes: run tilmash -C testdata/project extract", p)
			}
			continue
		}
		flat := catpath.Flat("locales", mf.Tag)
		onDisk, err := os.ReadFile(filepath.Join(fixture, flat))
		if err != nil {
			t.Fatalf("neither %s nor %s is in the fixture: run tilmash -C testdata/project extract", p, flat)
		}
		old, err := catalog.Parse(flat, onDisk)
		if err != nil {
			t.Fatal(err)
		}
		part, err := catalog.Parse(p, files[p])
		if err != nil {
			t.Fatal(err)
		}
		old.Header = part.Header
		if string(catalog.Format(old)) != string(files[p]) {
			t.Errorf("%s in the fixture is not what tilmash extract writes to %s: run tilmash -C testdata/project extract", flat, p)
		}
	}
	if strings.Join(loaded, " ") != "en kk ru" {
		t.Errorf("loaded %v, want en kk ru", loaded)
	}
	if want := "locales/en/the-conscript.en.toml locales/kk/the-conscript.kk.toml locales/ru/the-conscript.ru.toml"; strings.Join(written, " ") != want {
		t.Errorf("extract writes %v, want %s", written, want)
	}
	// Extract removes only the old layout's files (the fixture's, if any).
	for _, p := range removed {
		if f, ok := catpath.Parse("locales", p); !ok || !f.Flat {
			t.Errorf("extract removes %s", p)
		}
		if _, err := os.Stat(filepath.Join(fixture, p)); err != nil {
			t.Errorf("extract removes %s, which the fixture has not: %v", p, err)
		}
	}
	en := i18n.NewLocalizer(bundle, "en")
	plural := map[string]bool{}
	for _, m := range w.Source.Messages {
		cfg := &i18n.LocalizeConfig{MessageID: m.ID, TemplateData: map[string]any{"Name": "N", "Age": 1, "Number1": "1"}}
		if _, ok := m.Forms[locale.One]; ok {
			plural[m.ID] = true
			cfg.PluralCount = 1
		}
		if _, err := en.Localize(cfg); err != nil {
			t.Errorf("go-i18n cannot render %s in en: %v", m.ID, err)
		}
	}
	for _, tag := range []string{"ru", "kk"} {
		loc := i18n.NewLocalizer(bundle, tag)
		for _, c := range w.Targets {
			if c.Locale.String() != tag {
				continue
			}
			for _, m := range c.Messages {
				if !m.Translated() {
					continue
				}
				for _, n := range []int{1, 2, 5, 31, 35} {
					cfg := &i18n.LocalizeConfig{MessageID: m.ID, TemplateData: map[string]any{"Name": "N", "Age": n, "Number1": "1"}}
					if plural[m.ID] {
						cfg.PluralCount = n
					}
					_, err := loc.Localize(cfg)
					if err != nil {
						t.Errorf("go-i18n cannot render %s in %s for %d: %v", m.ID, tag, n, err)
					}
				}
			}
		}
	}
}

// TestPluralHeadingsThroughGoI18n renders the profile headings of a small
// article in Russian and Kazakh from catalogues tilmash wrote.
func TestPluralHeadingsThroughGoI18n(t *testing.T) {
	fsys := fstest.MapFS{
		"content/iv.md": {Data: []byte("+++\ntitle = \"Ages\"\n+++\n\n## Dmitri, 31 {.profile}\n\nA.\n\n## Vasily, 35 {.profile}\n\nB.\n\n## Ivan, 22 {.profile}\n\nC.\n")},
	}
	w, err := Load(fsys, Default)
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := w.Extract([]language.Tag{language.Russian, language.Kazakh}, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := "locales/en/iv.en.toml locales/kk/iv.kk.toml locales/ru/iv.ru.toml"; strings.Join(files.Paths(), " ") != want {
		t.Fatalf("extract wrote %v, want %s", files.Paths(), want)
	}
	translate := func(path string, texts map[string]map[locale.Form]string) {
		c, err := catalog.Parse(path, files[path])
		if err != nil {
			t.Fatal(err)
		}
		for id, forms := range texts {
			for f, s := range forms {
				c.Lookup(id).Forms[f] = s
			}
		}
		fsys[path] = &fstest.MapFile{Data: catalog.Format(c)}
	}
	other := func(s string) map[locale.Form]string { return map[locale.Form]string{locale.Other: s} }
	ruHeading := map[locale.Form]string{locale.One: "{{.Name}}, {{.Age}} год", locale.Few: "{{.Name}}, {{.Age}} года", locale.Many: "{{.Name}}, {{.Age}} лет", locale.Other: "{{.Name}}, {{.Age}} года"}
	kkHeading := map[locale.Form]string{locale.One: "{{.Name}}, {{.Age}} жаста", locale.Other: "{{.Name}}, {{.Age}} жаста"}
	translate("locales/ru/iv.ru.toml", map[string]map[locale.Form]string{
		"iv.vasily.name": other("Василий"), "iv.ivan.name": other("Иван"),
		"iv.dmitri.heading": ruHeading, "iv.vasily.heading": ruHeading, "iv.ivan.heading": ruHeading,
	})
	translate("locales/kk/iv.kk.toml", map[string]map[locale.Form]string{"iv.dmitri.heading": kkHeading, "iv.vasily.heading": kkHeading})
	fsys["locales/en/iv.en.toml"] = &fstest.MapFile{Data: files["locales/en/iv.en.toml"]}
	w, err = Load(fsys, Default)
	if err != nil {
		t.Fatal(err)
	}
	res, err := w.Build(BuildOptions{Fallback: true})
	if err != nil {
		t.Fatal(err)
	}
	eds := res.Editions
	got := map[string]string{}
	for _, ed := range eds {
		got[ed.Locale.String()] = string(render.Text(ed.Edition))
	}
	for _, want := range []struct{ lang, text string }{
		{"en", "Dmitri, 31"}, {"en", "Vasily, 35"},
		{"ru", "Dmitri, 31 год"}, {"ru", "Василий, 35 лет"}, {"ru", "Иван, 22 года"},
		{"kk", "Dmitri, 31 жаста"}, {"kk", "Vasily, 35 жаста"},
	} {
		if !strings.Contains(got[want.lang], want.text) {
			t.Errorf("%s edition lacks %q:\n%s", want.lang, want.text, got[want.lang])
		}
	}
}

// TestManyArticlesAndLocales shows the layout serving several articles and
// locales beyond ru and kk: one catalogue file per article and locale,
// mirroring content/ (locales/uz-Latn/politics/c.uz-Latn.toml), each with
// its article's entries alone, IDs namespaced by article.
func TestManyArticlesAndLocales(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range []string{"a", "b", "politics/c"} {
		fsys["content/"+name+".md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Title " + name + "\"\n+++\n\nSame paragraph in every article.\n")}
	}
	w, err := Load(fsys, Default)
	if err != nil {
		t.Fatal(err)
	}
	files, rep, err := w.Extract([]language.Tag{language.MustParse("uz-Latn"), language.MustParse("kk-Latn"), language.Russian}, false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Units != 6 {
		t.Errorf("units = %d, want 6", rep.Units)
	}
	var want []string
	for _, loc := range []string{"en", "kk-Latn", "ru", "uz-Latn"} {
		for _, a := range []string{"a", "b", "politics/c"} {
			want = append(want, "locales/"+loc+"/"+a+"."+loc+".toml")
		}
	}
	if got := strings.Join(files.Paths(), " "); got != strings.Join(want, " ") {
		t.Errorf("files = %s, want %s", got, strings.Join(want, " "))
	}
	for p, ids := range map[string][]string{
		"locales/uz-Latn/a.uz-Latn.toml":          {"[a.title]", "[a.intro.p-"},
		"locales/uz-Latn/b.uz-Latn.toml":          {"[b.title]", "[b.intro.p-"},
		"locales/uz-Latn/politics/c.uz-Latn.toml": {"[c.title]", "[c.intro.p-"},
	} {
		cat := string(files[p])
		for _, id := range ids {
			if !strings.Contains(cat, id) {
				t.Errorf("%s lacks %s", p, id)
			}
		}
		if n := strings.Count(cat, "\n["); n != len(ids) {
			t.Errorf("%s holds %d entries, want its article's %d", p, n, len(ids))
		}
	}
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	w, err = Load(fsys, Default)
	if err != nil {
		t.Fatal(err)
	}
	res, err := w.Build(BuildOptions{Fallback: true})
	if err != nil {
		t.Fatal(err)
	}
	out, eds := res.Files, res.Editions
	if len(eds) != 12 {
		t.Errorf("%d editions, want 3 articles × 4 locales", len(eds))
	}
	for _, p := range []string{"dist/uz-Latn/c.html", "dist/kk-Latn/a.md", "dist/en/b.html"} {
		if _, ok := out[p]; !ok {
			t.Errorf("no %s in %v", p, out.Paths())
		}
	}
	if !strings.Contains(string(out["dist/uz-Latn/c.html"]), `<html lang="uz-Latn"`) {
		t.Errorf("uz-Latn page lacks its lang")
	}
}

// TestGoldenEditions compares every edition of the project with
// testdata/golden; run go test -update to accept a change after reading it.
func TestGoldenEditions(t *testing.T) {
	res := built(t)
	files := res.Files
	for _, p := range files.Paths() {
		golden := filepath.Join("testdata/golden", strings.TrimPrefix(p, "dist/"))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, files[p], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%s: no golden file (run go test ./internal/workspace -update)", p)
			continue
		}
		if string(want) != string(files[p]) {
			t.Errorf("%s differs from %s (run go test ./internal/workspace -update and read the diff)", p, golden)
		}
	}
	// Building again gives byte-identical output.
	again := built(t).Files
	for _, p := range files.Paths() {
		if string(again[p]) != string(files[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

// TestExactHashesBeforeExtract: catalogues written by an earlier tilmash
// (hashes of the English exactly as written) are current for check and
// build even before extract has moved them to the folded hash, as when a
// broken catalogue keeps extract from running.
func TestExactHashesBeforeExtract(t *testing.T) {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(fixture), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(fixture, p))
		if err != nil {
			return err
		}
		fsys[p] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	src, err := catalog.Parse("locales/en/the-conscript.en.toml", fsys["locales/en/the-conscript.en.toml"].Data)
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for _, p := range []string{"locales/en/the-conscript.en.toml", "locales/ru/the-conscript.ru.toml", "locales/kk/the-conscript.kk.toml"} {
		c, err := catalog.Parse(p, fsys[p].Data)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range c.Messages {
			old := segment.ExactHash(src.Lookup(m.ID).Forms)
			if old != m.Hash {
				changed++
			}
			m.Hash = old
		}
		fsys[p] = &fstest.MapFile{Data: catalog.Format(c)}
	}
	if changed == 0 {
		t.Fatal("no unit's exact hash differs from its folded one: the test proves nothing")
	}
	w, err := Load(fsys, Default)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := w.Check(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Code == check.CodeStale {
			t.Errorf("%v", f)
		}
	}
	if w.OutOfDate == "" {
		t.Errorf("the old source catalogue was taken as up to date")
	}
}
