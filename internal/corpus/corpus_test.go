package corpus

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/hunspell"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/finding"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/segment"
)

// small is the corpus most tests share: 8 articles, seed 1.
var small = sync.OnceValues(func() (*Corpus, error) { return Generate(8, 1) })

func smallCorpus(t *testing.T) *Corpus {
	t.Helper()
	c, err := small()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// catalogueFiles lists a locale's catalogue files in c, in path order:
// locales/<loc>/<section>/<slug>.<loc>.toml, one per article.
func catalogueFiles(c *Corpus, loc string) []string {
	var out []string
	for _, p := range c.Files.Paths() {
		if strings.HasPrefix(p, "locales/"+loc+"/") {
			out = append(out, p)
		}
	}
	return out
}

// catalogue is a locale's catalogue as tilmash reads it: every file of
// locales/<loc>/ parsed, and merged in path order.
func catalogue(t *testing.T, c *Corpus, loc string) *catalog.Catalog {
	t.Helper()
	var parts []*catalog.Catalog
	for _, p := range catalogueFiles(c, loc) {
		part, err := catalog.Parse(p, c.Files[p])
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		t.Fatalf("no catalogue file in locales/%s/", loc)
	}
	cat, err := catalog.Merge(language.MustParse(loc), "locales/"+loc, parts)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// joined is a locale's catalogue files, one after the other.
func joined(c *Corpus, loc string) []byte {
	var b []byte
	for _, p := range catalogueFiles(c, loc) {
		b = append(append(b, p...), c.Files[p]...)
	}
	return b
}

func mapFS(files map[string][]byte) fstest.MapFS {
	fsys := fstest.MapFS{}
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	return fsys
}

func TestDeterministic(t *testing.T) {
	// Two runs of 3 articles: a map ranged over, a clock read, show at once.
	a, err := Generate(3, 1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(3, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Files.Paths(), b.Files.Paths()) {
		t.Fatalf("two runs wrote different files:\n%v\n%v", a.Files.Paths(), b.Files.Paths())
	}
	for _, p := range a.Files.Paths() {
		if !bytes.Equal(a.Files[p], b.Files[p]) {
			t.Errorf("%s differs between two runs", p)
		}
	}
	for _, loc := range []string{"ru", "kk"} {
		if !slices.Equal(a.Stale[loc], b.Stale[loc]) || !slices.Equal(a.Missing[loc], b.Missing[loc]) || !slices.Equal(a.Broken[loc], b.Broken[loc]) {
			t.Errorf("%s: the damage differs between two runs", loc)
		}
	}
	// An article depends on the seed and its number alone: a smaller
	// corpus holds the first articles of a larger one.
	large := smallCorpus(t) // 8 articles, seed 1
	for p, data := range a.Files {
		if strings.HasPrefix(p, "content/") && !bytes.Equal(large.Files[p], data) {
			t.Errorf("%s differs between corpora of 3 and 8 articles", p)
		}
	}
	// Another seed, other articles.
	d, err := Generate(3, 2)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(joined(a, "en"), joined(d, "en")) {
		t.Error("seeds 1 and 2 give the same corpus")
	}
}

// articles splits every article of c.
func articles(t *testing.T, c *Corpus) []*segment.Article {
	t.Helper()
	var out []*segment.Article
	for _, p := range c.Files.Paths() {
		if !strings.HasPrefix(p, "content/") {
			continue
		}
		a, err := segment.Split(p, c.Files[p])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

func TestStructure(t *testing.T) {
	c := smallCorpus(t)
	arts := articles(t, c)
	if len(arts) != 8 || c.Articles != 8 {
		t.Fatalf("%d articles (Articles = %d), want 8", len(arts), c.Articles)
	}
	units := 0
	for _, a := range arts {
		units += len(a.Units)
		size := len(c.Files[a.Path])
		if n := len(a.Units); n < 46 || n > 66 {
			t.Errorf("%s: %d units, want 56 ± 10", a.Path, n)
		}
		if size < 19_000 || size > 26_000 {
			t.Errorf("%s: %d bytes, want about 20–25 KB", a.Path, size)
		}
		if !regexp.MustCompile(`^content/[a-z]+/[a-z]+-[a-z]+-\d{4}\.md$`).MatchString(a.Path) {
			t.Errorf("%s: not content/<section>/<slug>.md", a.Path)
		}
		src := string(c.Files[a.Path])
		if !regexp.MustCompile(`(?m)^date = \d{4}-\d{2}-\d{2}$`).MatchString(src) || len(a.Meta.Date) != 10 {
			t.Errorf("%s: the date is not a TOML date: %q", a.Path, a.Meta.Date)
		}
		kinds := map[segment.Kind]int{}
		for _, u := range a.Units {
			kinds[u.Kind]++
		}
		for _, k := range []segment.Kind{segment.Headline, segment.Dateline, segment.Publication, segment.Author, segment.Paragraph, segment.Heading,
			segment.Caption, segment.Item, segment.Quote, segment.Name, segment.Profile, segment.Question, segment.Answer} {
			if kinds[k] == 0 {
				t.Errorf("%s: no %s unit", a.Path, k)
			}
		}
		if kinds[segment.Profile] != 2 || kinds[segment.Question] != 6 {
			t.Errorf("%s: %d profiles and %d questions, want 2 and 6", a.Path, kinds[segment.Profile], kinds[segment.Question])
		}
		for _, want := range []string{"*", "**", "](https://example.org/", "`", "\n- ", "\n1. ", "\n> “", "\n![", "]()\n", "\n## ", "\n### ", "{.profile}", "” {.question}"} {
			if !strings.Contains(src, want) {
				t.Errorf("%s: no %q", a.Path, want)
			}
		}
		for _, re := range []string{`\b\d{1,3},\d{3}\b`, `\b(19|20)\d\d\b`, `\b\d+\.\d\b`, `\b\d+-\d+\b`} {
			if !regexp.MustCompile(re).MatchString(src) {
				t.Errorf("%s: no number like %s", a.Path, re)
			}
		}
	}
	if units != c.Units {
		t.Errorf("the articles have %d units, Units says %d", units, c.Units)
	}
	sections := map[string]bool{}
	for _, p := range c.Files.Paths() {
		if rest, ok := strings.CutPrefix(p, "content/"); ok {
			sections[rest[:strings.IndexByte(rest, '/')]] = true
		}
	}
	if len(sections) < 4 {
		t.Errorf("8 articles in %d section folders", len(sections))
	}
	for _, p := range []string{"tilmash.toml", "po/en.pot", "po/ru.po", "po/kk.po", "po4a/po4a.cfg"} {
		if len(c.Files[p]) == 0 {
			t.Errorf("no %s", p)
		}
	}
	// A catalogue file per article and locale, mirroring content/
	// (locales/ru/<section>/<slug>.ru.toml), in the format tilmash writes,
	// and nothing else in locales/: no file of the old layout (locales/ru.toml).
	for _, loc := range []string{"en", "ru", "kk"} {
		want := []string{}
		for _, a := range arts {
			want = append(want, catpath.Article("locales", language.MustParse(loc), strings.TrimPrefix(a.Path, "content/")))
		}
		sort.Strings(want)
		got := catalogueFiles(c, loc)
		if !slices.Equal(got, want) {
			t.Errorf("locales/%s/ holds\n%v\nwant\n%v", loc, got, want)
		}
		for _, p := range got {
			if !bytes.Contains(c.Files[p], []byte("\n"+catpath.FormatLine+strconv.Itoa(catpath.Format)+":")) {
				t.Errorf("%s does not say its format (%s%d)", p, catpath.FormatLine, catpath.Format)
			}
		}
		if n := len(catalogue(t, c, loc).Messages); n != c.Units {
			t.Errorf("locales/%s/: %d entries, want one per unit, %d", loc, n, c.Units)
		}
	}
	var under []string
	for _, p := range c.Files.Paths() {
		if strings.HasPrefix(p, "locales/") {
			under = append(under, p)
		}
	}
	if len(under) != 3*c.Articles {
		t.Errorf("%d files in locales/, want %d (3 per article): %v", len(under), 3*c.Articles, under)
	}
	for p := range c.Files {
		if strings.HasPrefix(p, "glossary/") {
			t.Errorf("%s: the corpus has no glossary", p)
		}
	}
}

// share is how many units Generate damages per mille of n.
func share(n, perMille int) int { return max(1, (n*perMille+500)/1000) }

// TestCheckReportsTheDamage: tilmash check (without a speller) reports
// the damaged units, each as what was done to it, and nothing else.
func TestCheckReportsTheDamage(t *testing.T) { checkReportsTheDamage(t, smallCorpus(t), nil) }

func checkReportsTheDamage(t *testing.T, c *Corpus, speller check.Speller) {
	t.Helper()
	w, err := workspace.Load(mapFS(c.Files), workspace.Default)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := w.Check(nil, speller)
	if err != nil {
		t.Fatal(err)
	}
	if w.OutOfDate != "" {
		t.Errorf("the source catalogue is out of date: %s", w.OutOfDate)
	}
	type key struct{ loc, unit string }
	want := map[key]string{} // → the codes check must report
	for _, loc := range []string{"ru", "kk"} {
		if n := len(c.Stale[loc]); n != share(c.Units, 10) {
			t.Errorf("%s: %d stale units of %d, want 1%%", loc, n, c.Units)
		}
		if n := len(c.Missing[loc]); n != share(c.Units, 10) {
			t.Errorf("%s: %d missing units of %d, want 1%%", loc, n, c.Units)
		}
		if n := len(c.Broken[loc]); n != share(c.Units, 5) {
			t.Errorf("%s: %d broken units of %d, want 0.5%%", loc, n, c.Units)
		}
		for _, id := range c.Stale[loc] {
			want[key{loc, id}] = check.CodeStale
		}
		for _, id := range c.Missing[loc] {
			want[key{loc, id}] = check.CodeMissing
		}
		for _, id := range c.Broken[loc] {
			want[key{loc, id}] = check.CodePlaceholder + " " + check.CodeMarkup
		}
	}
	seen := map[key]bool{}
	codes := map[string]int{}
	for _, f := range findings {
		k := key{f.Locale, f.Unit}
		codes[f.Code]++
		allowed := want[k]
		switch {
		case allowed == "" || !slices.Contains(strings.Fields(allowed), f.Code):
			t.Errorf("unexpected finding: %s %s %s %s: %s", f.Pos, f.Locale, f.Unit, f.Code, f.Message)
		case f.Code == check.CodeStale && f.Severity != finding.Warning, f.Code != check.CodeStale && f.Severity != finding.Error:
			t.Errorf("%s %s %s: severity %v", f.Locale, f.Unit, f.Code, f.Severity)
		}
		seen[k] = true
	}
	for k, codes := range want {
		if !seen[k] {
			t.Errorf("%s %s: damaged (%s) but not reported", k.loc, k.unit, codes)
		}
	}
	if codes[check.CodePlaceholder] == 0 || codes[check.CodeMarkup] == 0 {
		t.Errorf("broken units should include renamed placeholders and dropped tags: %v", codes)
	}
}

// TestExtractChangesNothing: the catalogues are exactly what tilmash
// extract keeps.
func TestExtractChangesNothing(t *testing.T) {
	c := smallCorpus(t)
	w, err := workspace.Load(mapFS(c.Files), workspace.Default)
	if err != nil {
		t.Fatal(err)
	}
	files, rep, err := w.Extract(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3*c.Articles {
		t.Errorf("extract wrote %d files, want %d (3 per article): %v", len(files), 3*c.Articles, files.Paths())
	}
	for p, data := range files {
		switch {
		case data == nil:
			t.Errorf("extract removes %s", p)
		case !bytes.Equal(data, c.Files[p]):
			t.Errorf("extract rewrites %s", p)
		}
	}
	for loc, st := range rep.Locales {
		if st.Stale != len(c.Stale[loc]) || st.Missing != len(c.Missing[loc]) || st.Translated != c.Units-st.Stale-st.Missing || st.Obsolete+st.Reused != 0 {
			t.Errorf("%s: extract counts %+v", loc, st)
		}
	}
}

// TestGoI18n: go-i18n reads every catalogue file, by its own name, as its
// locale (locales/ru/<section>/<slug>.ru.toml is Russian), all of a
// locale's files together hold every unit once, and go-i18n renders every
// message that is not damaged, plural forms and placeholders included.
func TestGoI18n(t *testing.T) {
	c := smallCorpus(t)
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	loaded := map[string]int{}   // files by locale
	messages := map[string]int{} // messages by locale
	for _, p := range c.Files.Paths() {
		if !strings.HasPrefix(p, "locales/") {
			continue
		}
		loc := strings.Split(p, "/")[1]
		mf, err := bundle.ParseMessageFileBytes(c.Files[p], p)
		if err != nil {
			t.Fatalf("go-i18n: %v", err)
		}
		if mf.Tag.String() != loc {
			t.Errorf("go-i18n reads %s as %s, want %s", p, mf.Tag, loc)
		}
		loaded[loc]++
		messages[loc] += len(mf.Messages)
	}
	for _, loc := range []string{"en", "ru", "kk"} {
		if loaded[loc] != c.Articles || messages[loc] != c.Units {
			t.Errorf("%s: go-i18n loaded %d files with %d messages, want %d (one per article) with %d", loc, loaded[loc], messages[loc], c.Articles, c.Units)
		}
	}
	src := catalogue(t, c, "en")
	for _, tag := range Locales {
		loc := tag.String()
		damaged := map[string]bool{}
		for _, id := range slices.Concat(c.Missing[loc], c.Broken[loc]) {
			damaged[id] = true
		}
		l := i18n.NewLocalizer(bundle, loc)
		rendered := 0
		for _, m := range src.Messages {
			if damaged[m.ID] {
				continue
			}
			data := map[string]any{}
			for v := range markup.Tokens(m.Text()) {
				if v.Kind == markup.Placeholder {
					data[v.Name] = locale.FormatInt(tag, 150000)
				}
			}
			cfg := &i18n.LocalizeConfig{MessageID: m.ID, TemplateData: data}
			if len(m.Forms) > 1 {
				for _, age := range []int{1, 2, 5, 21, 34} {
					cfg.PluralCount, data["Name"], data["Age"] = age, "Айгерім", age
					out, tagged, err := l.LocalizeWithTag(cfg)
					if err != nil || tagged != tag || !strings.HasPrefix(out, "Айгерім, "+strconv.Itoa(age)+" ") {
						t.Errorf("%s %s (%d): %q, %v, %v", loc, m.ID, age, out, tagged, err)
					}
				}
				rendered++
				continue
			}
			out, tagged, err := l.LocalizeWithTag(cfg)
			if err != nil || tagged != tag || out == "" || strings.Contains(out, "<no value>") {
				t.Errorf("%s %s: %q, %v, %v", loc, m.ID, out, tagged, err)
			}
			rendered++
		}
		if rendered < c.Units*95/100 {
			t.Errorf("%s: rendered %d of %d messages", loc, rendered, c.Units)
		}
	}
	// Russian ages take their CLDR forms.
	l := i18n.NewLocalizer(bundle, "ru")
	var profile string
	for _, m := range src.Messages {
		if len(m.Forms) > 1 {
			profile = m.ID
			break
		}
	}
	for age, want := range map[int]string{21: "год", 34: "года", 35: "лет"} {
		out := l.MustLocalize(&i18n.LocalizeConfig{MessageID: profile, PluralCount: age, TemplateData: map[string]any{"Name": "Х", "Age": age}})
		if !strings.HasSuffix(out, " "+want) {
			t.Errorf("ru, age %d: %q, want … %s", age, out, want)
		}
	}
}

// TestConfig: the locales' rules are the repository's own.
func TestConfig(t *testing.T) {
	repo, err := os.ReadFile("../../testdata/project/tilmash.toml")
	if err != nil {
		t.Fatal(err)
	}
	want, err := check.ParseConfig("tilmash.toml", repo)
	if err != nil {
		t.Fatal(err)
	}
	for _, spelling := range []bool{false, true} {
		got, err := check.ParseConfig("tilmash.toml", Config(spelling))
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got.Locales) != fmt.Sprint(want.Locales) {
			t.Errorf("locales:\n%v\nwant (testdata/project/tilmash.toml)\n%v", got.Locales, want.Locales)
		}
		for _, tag := range []string{"ru", "kk"} {
			if !got.Locales[tag].Required {
				t.Errorf("%s is not required", tag)
			}
		}
		if off := slices.Contains(got.Check.Disable, check.CodeSpelling); off == spelling {
			t.Errorf("Spelling %v: disable = %v", spelling, got.Check.Disable)
		}
	}
	if !bytes.Equal(smallCorpus(t).Files["tilmash.toml"], Config(false)) {
		t.Error("Generate does not write Config(false)")
	}
}

func TestBreakText(t *testing.T) {
	for _, tc := range []struct {
		in      string
		dropTag bool
		want    string
	}{
		{"Ас {{.Number1}} ин {{.Number2}}", false, "Ас {{.Nomer1}} ин {{.Number2}}"},
		{"Ас {{.Number1}} ин <em>х</em>", true, "Ас {{.Number1}} ин <em>х"},
		{"Ас <em>х</em> {{.Number1}}", false, "Ас <em>х</em> {{.Nomer1}}"},
		{"Те хаштаг <code1/> хас <a1>а</a1>", true, "Те хаштаг хас <a1>а</a1>"},
		{"Те хаштаг <code1/>.", true, "Те хаштаг ."},
		{"<code1/> ис", true, "ис"},
		{"ис <code1/>", true, "ис"},
		// What markup.Tokens reads, where the corpus's own readers
		// disagreed with markup.Decode and package placeholder.
		{"Ас {{ .Number1 }} ин", false, "Ас {{ .Nomer1 }} ин"},                   // was left as it was: {{\.Name}} only, no spaces
		{"Ас </em/> ин <code1/>", true, "Ас </em/> ин"},                          // was "Ас  ин <code1/>": </em/> dropped as a tag
		{"Ас {{{.Number1}}} ин <em>х</em>", false, "Ас {{{.Number1}}} ин <em>х"}, // was "Ас {{{.Nomer1}}} ин <em>х</em>"
	} {
		if got := breakText(tc.in, tc.dropTag); got != tc.want {
			t.Errorf("breakText(%q, %v) = %q, want %q", tc.in, tc.dropTag, got, tc.want)
		}
	}
}

// poEntry is one entry of a PO file, as the test reads it.
type poEntry struct {
	flags, prev string
	ctxt        string
	msgid       string
	msgstr      []string
}

// readPO reads the entries of a PO file written by po (one line per keyword).
func readPO(t *testing.T, data []byte) []poEntry {
	t.Helper()
	var out []poEntry
	for _, block := range strings.Split(string(data), "\n\n") {
		var e poEntry
		for _, line := range strings.Split(block, "\n") {
			kw, val, _ := strings.Cut(line, " ")
			unq := func(s string) string {
				u, err := strconv.Unquote(s)
				if err != nil {
					t.Fatalf("%s: %v", line, err)
				}
				return u
			}
			switch {
			case kw == "#,":
				e.flags = val
			case kw == "#|" && strings.HasPrefix(val, "msgid "):
				e.prev = unq(strings.TrimPrefix(val, "msgid "))
			case kw == "msgctxt":
				e.ctxt = unq(val)
			case kw == "msgid":
				e.msgid = unq(val)
			case kw == "msgstr" || strings.HasPrefix(kw, "msgstr["):
				e.msgstr = append(e.msgstr, unq(val))
			}
		}
		if e.ctxt != "" {
			out = append(out, e)
		}
	}
	return out
}

func TestPO(t *testing.T) {
	c := smallCorpus(t)
	src := catalogue(t, c, "en")
	if got := readPO(t, c.Files["po/en.pot"]); len(got) != c.Units {
		t.Errorf("en.pot: %d entries, want %d", len(got), c.Units)
	}
	for _, tag := range Locales {
		loc := tag.String()
		p := "po/" + loc + ".po"
		cat := catalogue(t, c, loc)
		if !bytes.Contains(c.Files[p], []byte(`"Plural-Forms: `+gettextPlural[loc].header+`\n"`)) || !bytes.Contains(c.Files[p], []byte(`"Language: `+loc+`\n"`)) {
			t.Errorf("%s: header", p)
		}
		entries := readPO(t, c.Files[p])
		if len(entries) != c.Units {
			t.Fatalf("%s: %d entries, want %d", p, len(entries), c.Units)
		}
		var fuzzy, empty []string
		for i, e := range entries {
			sm := src.Messages[i]
			m := cat.Lookup(sm.ID)
			if e.ctxt != sm.ID || e.msgid != sm.Forms[locale.One] && e.msgid != sm.Text() {
				t.Fatalf("%s: entry %d is %s %q, want %s", p, i, e.ctxt, e.msgid, sm.ID)
			}
			if len(sm.Forms) > 1 {
				if len(e.msgstr) != len(gettextPlural[loc].forms) || e.msgstr[0] != m.Forms[locale.One] {
					t.Errorf("%s %s: msgstr %q", p, e.ctxt, e.msgstr)
				}
			} else if len(e.msgstr) != 1 || e.msgstr[0] != m.Text() {
				t.Errorf("%s %s: msgstr %q, want %q", p, e.ctxt, e.msgstr, m.Text())
			}
			if e.flags == "fuzzy" {
				fuzzy = append(fuzzy, e.ctxt)
				if e.prev == "" || e.prev == e.msgid || segment.Hash(map[locale.Form]string{locale.Other: e.prev}) != m.Hash {
					t.Errorf("%s %s: fuzzy, made from %q", p, e.ctxt, e.prev)
				}
			}
			if e.msgstr[0] == "" {
				empty = append(empty, e.ctxt)
			}
		}
		if !slices.Equal(fuzzy, c.Stale[loc]) || !slices.Equal(empty, c.Missing[loc]) {
			t.Errorf("%s: fuzzy %v, empty %v; want the stale %v and missing %v", p, fuzzy, empty, c.Stale[loc], c.Missing[loc])
		}
	}
	cfg := string(c.Files["po4a/po4a.cfg"])
	for _, p := range c.Files.Paths() {
		if strings.HasPrefix(p, "content/") && !strings.Contains(cfg, "\n[type: text] "+p+" $lang:po4a/out/$lang/"+strings.TrimPrefix(p, "content/")+"\n") {
			t.Errorf("po4a.cfg does not translate %s", p)
		}
	}
}

// TestSize generates 16 articles as make bench does (the glossary, spelling
// on): their sizes and units, and
// that check still reports nothing but the damage (the more units, the
// likelier a rare case).
func TestSize(t *testing.T) {
	needHunspell(t)
	c, err := GenerateWith(Options{Articles: 16, Seed: 1, Spelling: true, Glossary: testGlossary(t)})
	if err != nil {
		t.Fatal(err)
	}
	var sizes, units []int
	for _, a := range articles(t, c) {
		sizes = append(sizes, len(c.Files[a.Path]))
		units = append(units, len(a.Units))
	}
	sort.Ints(sizes)
	sort.Ints(units)
	mean := func(xs []int) float64 {
		s := 0
		for _, x := range xs {
			s += x
		}
		return float64(s) / float64(len(xs))
	}
	t.Logf("16 articles: %d units; bytes min %d, mean %.0f, max %d; units min %d, mean %.1f, max %d; %d bytes in all",
		c.Units, sizes[0], mean(sizes), sizes[len(sizes)-1], units[0], mean(units), units[len(units)-1], total(c))
	if len(sizes) != 16 || mean(sizes) < 20_000 || mean(sizes) > 25_000 || sizes[0] < 18_000 || sizes[len(sizes)-1] > 27_000 {
		t.Errorf("article sizes: %d articles, min %d, mean %.0f, max %d; want about 20–25 KB", len(sizes), sizes[0], mean(sizes), sizes[len(sizes)-1])
	}
	if m := mean(units); m < 54 || m > 58 || units[0] < 46 || units[len(units)-1] > 66 {
		t.Errorf("units: min %d, mean %.1f, max %d; want 56 ± 10", units[0], m, units[len(units)-1])
	}
	checkReportsTheDamage(t, c, hunspell.Speller{})
}

func total(c *Corpus) int {
	n := 0
	for _, data := range c.Files {
		n += len(data)
	}
	return n
}

// TestPeers runs the gettext and po4a tools on a small corpus: msgfmt -c
// accepts the PO files and counts what was damaged, msgmerge merges the
// template, pocount and pofilter read them, po4a extracts and translates
// the articles. It runs only with TILMASH_PEERS=1 (the comparison with the
// peers needs their tools; CI does not install them), and then a missing
// tool is a failure that names the Debian package, never a skip:
//
//	TILMASH_PEERS=1 go test ./internal/corpus -run TestPeers
func TestPeers(t *testing.T) {
	if os.Getenv("TILMASH_PEERS") != "1" {
		t.Skip("set TILMASH_PEERS=1 to run msgfmt, msgmerge, pocount, pofilter and po4a on a generated corpus")
	}
	for tool, pkg := range map[string]string{"msgfmt": "gettext", "msgmerge": "gettext", "msgen": "gettext", "pocount": "translate-toolkit", "pofilter": "translate-toolkit", "po4a": "po4a"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: apt-get update && apt-get install -y %s", tool, pkg)
		}
	}
	c, err := Generate(3, 1)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := c.Files.Commit(dir); err != nil {
		t.Fatal(err)
	}
	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	for _, loc := range []string{"ru", "kk"} {
		out := run("msgfmt", "-c", "--statistics", "-o", "/dev/null", "po/"+loc+".po")
		want := fmt.Sprintf("%d translated messages, %d fuzzy translations, %d untranslated messages.", c.Units-len(c.Stale[loc])-len(c.Missing[loc]), len(c.Stale[loc]), len(c.Missing[loc]))
		if strings.TrimSpace(out) != want {
			t.Errorf("msgfmt po/%s.po: %q, want %q", loc, out, want)
		}
		run("msgmerge", "-q", "--previous", "-o", filepath.Join(dir, loc+"-merged.po"), "po/"+loc+".po", "po/en.pot")
		if out := run("msgfmt", "-c", "--statistics", "-o", "/dev/null", loc+"-merged.po"); strings.TrimSpace(out) != want {
			t.Errorf("msgmerge changed po/%s.po: %q, want %q", loc, out, want)
		}
		out = run("pocount", "--csv", "po/"+loc+".po")
		if !strings.Contains(out, fmt.Sprintf(", %d, ", c.Units)) {
			t.Errorf("pocount po/%s.po: %s", loc, out)
		}
		run("pofilter", "--progress=none", "--nofuzzy", "-t", "xmltags", "-t", "untranslated", "po/"+loc+".po", loc+"-findings.po")
		findings, err := os.ReadFile(filepath.Join(dir, loc+"-findings.po"))
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(findings), "# (pofilter) untranslated"); n != len(c.Missing[loc]) {
			t.Errorf("pofilter finds %d untranslated units in po/%s.po, want %d", n, loc, len(c.Missing[loc]))
		}
	}
	run("po4a", "--no-translations", "po4a/po4a.cfg")
	for _, loc := range []string{"ru", "kk"} {
		run("msgen", "-o", "po4a/"+loc+".po", "po4a/"+loc+".po")
	}
	run("po4a", "--no-update", "--force", "po4a/po4a.cfg")
	for _, p := range c.Files.Paths() {
		rest, ok := strings.CutPrefix(p, "content/")
		if !ok {
			continue
		}
		for _, loc := range []string{"ru", "kk"} {
			out, err := os.ReadFile(filepath.Join(dir, "po4a", "out", loc, rest))
			if err != nil {
				t.Fatal(err)
			}
			// msgen's translation is the English: po4a writes the article
			// back (and puts a blank line between list items).
			if !bytes.Contains(out, c.Files[p][:bytes.Index(c.Files[p], []byte("\n- "))]) {
				t.Errorf("po4a/out/%s/%s is not the article", loc, rest)
			}
		}
	}
}
