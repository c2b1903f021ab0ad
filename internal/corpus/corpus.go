package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/glossary"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/internal/parallel"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/segment"
)

// Locales are the corpus's target locales, both required.
var Locales = []language.Tag{language.Russian, language.Kazakh}

// Options says what corpus to make.
type Options struct {
	Articles int   // how many articles (at least 1)
	Seed     int64 // the same seed gives the same corpus, byte for byte
	// Spelling leaves the spelling check on in tilmash.toml (off by
	// default, for tests that run check without hunspell; the translations
	// are words hunspell knows, and bench/gencorpus turns it on).
	Spelling bool
	// Glossary is the project's glossary folder, by file name
	// (terms.toml, words.ru.txt…): the corpus holds it in glossary/, and the
	// translations render its terms as it says. Nil: no glossary.
	// bench/gencorpus copies the live project's; tests use the copy in
	// internal/corpus/testdata/glossary (ReadGlossary).
	Glossary map[string][]byte
}

// ReadGlossary returns the files of a glossary folder that tilmash reads
// (*.toml, words.*.txt), for Options.Glossary.
func ReadGlossary(fsys fs.FS) (map[string][]byte, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || !(path.Ext(n) == ".toml" || strings.HasPrefix(n, "words.") && path.Ext(n) == ".txt") {
			continue
		}
		if out[n], err = fs.ReadFile(fsys, n); err != nil {
			return nil, err
		}
	}
	if len(out) == 0 {
		return nil, errors.New("corpus: no glossary file (*.toml, words.*.txt) in the folder")
	}
	return out, nil
}

// Corpus is a generated project and what was damaged in it.
type Corpus struct {
	// Files is the whole project, by path relative to its root: content/,
	// tilmash.toml, locales/, po/ and po4a/ (see the package documentation).
	Files    fileset.Set
	Articles int // articles in content/
	Units    int // units of all articles: the entries of each locale's catalogue, all its files

	// Stale, Missing and Broken list, by locale ("ru", "kk"), the IDs of
	// the units damaged on purpose, in catalogue order. tilmash check
	// reports exactly these: stale (a warning under the default stale
	// policy, keep), missing (an error), and broken: a placeholder renamed
	// (placeholder) or a tag dropped (markup), errors.
	Stale, Missing, Broken map[string][]string
}

// ContentBytes is the size of the articles, front matter included.
func (c *Corpus) ContentBytes() int {
	n := 0
	for p, data := range c.Files {
		if strings.HasPrefix(p, "content/") {
			n += len(data)
		}
	}
	return n
}

// Generate makes a project of n articles from seed, with the default
// options (spelling off).
func Generate(n int, seed int64) (*Corpus, error) {
	return GenerateWith(Options{Articles: n, Seed: seed})
}

// GenerateWith makes the project o asks for. It writes nothing: the caller
// commits Corpus.Files where it likes.
func GenerateWith(o Options) (*Corpus, error) {
	if o.Articles < 1 {
		return nil, errors.New("corpus: at least one article")
	}
	c := &Corpus{Files: fileset.Set{}, Articles: o.Articles, Stale: map[string][]string{}, Missing: map[string][]string{}, Broken: map[string][]string{}}
	// The articles, in parallel: each has its own random stream.
	paths := make([]string, o.Articles)
	mds := make([][]byte, o.Articles)
	parallel.For(o.Articles, func(i int) { paths[i], mds[i] = article(o.Seed, i) })
	fsys := fstest.MapFS{}
	for i, p := range paths {
		if _, dup := c.Files[p]; dup {
			return nil, fmt.Errorf("corpus: two articles at %s", p)
		}
		c.Files[p] = mds[i]
		fsys[p] = &fstest.MapFile{Data: mds[i]}
	}
	cfg := Config(o.Spelling)
	c.Files[workspace.Default.Config] = cfg
	fsys[workspace.Default.Config] = &fstest.MapFile{Data: cfg}
	for n, data := range o.Glossary {
		p := workspace.Default.Glossary + "/" + n
		c.Files[p] = data
		fsys[p] = &fstest.MapFile{Data: data}
	}

	// The catalogues, made by tilmash's own code: what extract writes for
	// a project that has never been translated.
	w, err := workspace.Load(fsys, workspace.Default)
	if err != nil {
		return nil, fmt.Errorf("corpus: the generated project does not load: %w", err)
	}
	files, rep, err := w.Extract(Locales, false)
	if err != nil {
		return nil, fmt.Errorf("corpus: extract: %w", err)
	}
	c.Units = rep.Units
	src := w.Source
	for p, data := range files {
		if f, ok := catpath.Parse(workspace.Default.Locales, p); ok && f.Locale == locale.Source {
			c.Files[p] = data // a file per article, as extract writes them
		}
	}
	place := byArticle(paths)
	var gloss *glossary.Glossary
	if len(w.Glossary.Entries) > 0 {
		gloss = w.Glossary // as tilmash reads it
	}
	src.Lookup("") // builds the index: from here on the goroutines only read src

	// Each locale (and the template) in parallel.
	type result struct {
		files                  fileset.Set
		stale, missing, broken []string
		err                    error
	}
	results := make([]result, len(w.Targets)+1)
	parallel.For(len(results), func(i int) {
		res := &results[i]
		if i == len(w.Targets) {
			res.files = fileset.Set{"po/en.pot": pot(src)}
			return
		}
		old := w.Targets[i]
		loc := old.Locale.String()
		d := chooseDamage(src, newRNG(uint64(o.Seed), uint64(i), 2))
		translate(src, old, d, newPseudo(old.Locale, gloss))
		// What extract would keep: the same Sync over the filled
		// catalogue, so the comments (#, stale, #| …) are extract's own.
		synced, st := catalog.Sync(src, old, old.Locale, old.Path, false)
		w.MarkCompleted(src, synced)
		if st.Stale != len(d.stale) || st.Missing != len(d.missing) || st.Reused != 0 || st.Obsolete != 0 {
			res.err = fmt.Errorf("corpus: %s: extract sees %d stale, %d missing, %d reused, %d obsolete entries; %d stale and %d missing were made", loc, st.Stale, st.Missing, st.Reused, st.Obsolete, len(d.stale), len(d.missing))
			return
		}
		res.files = fileset.Set{"po/" + loc + ".po": po(src, synced)}
		for _, part := range catalog.Split(synced, place(old.Locale)) {
			res.files[part.Path] = catalog.Format(part)
		}
		for _, m := range synced.Messages {
			switch {
			case d.stale[m.ID] != "":
				res.stale = append(res.stale, m.ID)
			case d.missing[m.ID]:
				res.missing = append(res.missing, m.ID)
			case hasKey(d.broken, m.ID):
				res.broken = append(res.broken, m.ID)
			}
		}
	})
	for i, res := range results {
		if res.err != nil {
			return nil, res.err
		}
		maps.Copy(c.Files, res.files)
		if i < len(w.Targets) {
			loc := w.Targets[i].Locale.String()
			c.Stale[loc], c.Missing[loc], c.Broken[loc] = res.stale, res.missing, res.broken
		}
	}
	c.Files["po4a/po4a.cfg"] = po4aConfig(paths)
	return c, nil
}

// byArticle places a locale's entries as tilmash does (package catpath):
// each in its article's file, locales/<tag>/<section>/<slug>.<tag>.toml,
// by its ID's first part, the article's name. paths are the articles.
func byArticle(paths []string) func(language.Tag) func(*catalog.Message) string {
	rel := make(map[string]string, len(paths)) // slug → path relative to content/
	for _, p := range paths {
		rel[segment.SlugOf(p)] = strings.TrimPrefix(p, workspace.Default.Content+"/")
	}
	return func(tag language.Tag) func(*catalog.Message) string {
		return func(m *catalog.Message) string {
			slug, _, _ := strings.Cut(m.ID, ".")
			return catpath.Article(workspace.Default.Locales, tag, rel[slug])
		}
	}
}

// Config returns the corpus's tilmash.toml: both locales required, with
// the rules of the repository's own tilmash.toml (quotation marks, Kazakh
// letters forbidden in Russian and required in long Kazakh units), and the
// spelling check off unless spelling is set.
func Config(spelling bool) []byte {
	disable := `["spelling"]        # for a run without hunspell (the translations are words it knows)`
	if spelling {
		disable = "[]"
	}
	return []byte(`# tilmash settings of a generated benchmark corpus (internal/corpus).
# The locales' rules are the repository's own tilmash.toml's.
[locales.ru]
required = true
quotes = "«»„“"                  # outer « », inner „ “
forbidden-letters = "әғқңөұүһі"  # Kazakh letters have no place in Russian text
dictionary = "ru_RU"             # hunspell (Debian: hunspell-ru)

[locales.kk]
required = true
quotes = "«»“”"                  # outer « », inner “ ”
required-letters = "әғқңөұүһі"   # a unit of min-words words or more needs one of them
min-words = 8
dictionary = "kk_KZ"             # hunspell (Debian: hunspell-kk)

[check]
disable = ` + disable + `

[check.severity]
spelling = "warning"
obsolete = "warning"

[publish]
stale = "keep"
`)
}

// damage is what is done to one locale's catalogue.
type damage struct {
	stale   map[string]string // unit ID → the English the translation was made from
	missing map[string]bool
	broken  map[string]bool // true: drop a tag rather than rename a placeholder
}

// chooseDamage picks about 1% of the units to turn stale, 1% missing and
// 0.5% broken, at random (from r) among the units that are not plural. A
// missing unit's English is found nowhere else (extract would fill it from
// there); a broken one has a placeholder to rename or, every other one, a
// tag to drop; a stale one has a word the author can have changed.
func chooseDamage(src *catalog.Catalog, r *rng) damage {
	d := damage{stale: map[string]string{}, missing: map[string]bool{}, broken: map[string]bool{}}
	share := func(perMille int) int { return max(1, (len(src.Messages)*perMille+500)/1000) }
	nStale, nMissing, nBroken := share(10), share(10), share(5)
	english := map[string]int{}
	var cands []*catalog.Message
	for _, m := range src.Messages {
		english[m.Hash]++
		if len(m.Forms) == 1 {
			cands = append(cands, m)
		}
	}
	for i := len(cands) - 1; i > 0; i-- { // Fisher–Yates
		j := r.intn(i + 1)
		cands[i], cands[j] = cands[j], cands[i]
	}
	for _, m := range cands {
		text := m.Text()
		switch {
		case len(d.broken) < nBroken && breakable(text, len(d.broken)%2 == 1):
			d.broken[m.ID] = len(d.broken)%2 == 1 // every other one loses a tag
		case len(d.missing) < nMissing && english[m.Hash] == 1:
			d.missing[m.ID] = true
		case len(d.stale) < nStale:
			if prev := edited(text); prev != "" {
				d.stale[m.ID] = prev
			}
		}
	}
	return d
}

// breakable reports whether text has a tag (dropTag) or a placeholder to break.
func breakable(text string, dropTag bool) bool {
	if dropTag {
		return hasTag(text)
	}
	_, ok := first(text, markup.Placeholder)
	return ok
}

func hasTag(text string) bool {
	_, ok := first(text, markup.Open, markup.Close, markup.SelfClosing)
	return ok
}

// first is the first token of text of one of kinds.
func first(text string, kinds ...markup.TokenKind) (markup.Token, bool) {
	for t := range markup.Tokens(text) {
		if slices.Contains(kinds, t.Kind) {
			return t, true
		}
	}
	return markup.Token{}, false
}

// edited is text as it was before the author changed one word (see edits),
// or "" if it has none of the words.
func edited(text string) string {
	for i, re := range editRes {
		if loc := re.FindStringIndex(text); loc != nil {
			return text[:loc[0]] + edits[i][1] + text[loc[1]:]
		}
	}
	return ""
}

// editRes find the words of edits.
var editRes = func() []*regexp.Regexp {
	var res []*regexp.Regexp
	for _, e := range edits {
		res = append(res, regexp.MustCompile(`\b`+e[0]+`\b`))
	}
	return res
}()

// translate fills every entry of t with the pseudo-translation of its
// English by p, then does the damage d.
func translate(src, t *catalog.Catalog, d damage, p *pseudo) {
	for _, m := range t.Messages {
		sm := src.Lookup(m.ID)
		m.Comments = nil
		m.Forms = translation(p, t.Locale, sm)
		switch {
		case d.stale[m.ID] != "":
			// Made from English the author has since changed.
			prev := map[locale.Form]string{locale.Other: d.stale[m.ID]}
			m.Hash = segment.Hash(prev)
			m.Comments = []string{"#> " + prev[locale.Other]}
		case d.missing[m.ID]:
			for f := range m.Forms {
				m.Forms[f] = ""
			}
		case hasKey(d.broken, m.ID):
			m.Forms[locale.Other] = breakText(m.Forms[locale.Other], d.broken[m.ID])
		}
	}
}

// profileMessage is the English of every profile heading.
const profileMessage = "{{.Name}}, {{.Age}}"

// translation is the pseudo-translation of a source message in tag, with
// every plural form the locale needs if the message has plural forms.
func translation(p *pseudo, tag language.Tag, sm *catalog.Message) map[locale.Form]string {
	if len(sm.Forms) == 1 {
		return map[locale.Form]string{locale.Other: p.message(sm.Text())}
	}
	if sm.Text() == profileMessage {
		return Age(tag)
	}
	forms := map[locale.Form]string{}
	for _, f := range locale.PluralForms(tag) {
		en, ok := sm.Forms[f]
		if !ok {
			en = sm.Text()
		}
		forms[f] = p.message(en)
	}
	return forms
}

func hasKey[V any](m map[string]V, k string) bool { _, ok := m[k]; return ok }

// breakText does what a careless translator does: renames the first
// placeholder ({{.Number1}} → {{.Nomer1}}, translated), or drops the first
// closing tag (or a tag that stands alone, such as <code1/>); the tag first
// if dropTag, when there is one.
func breakText(s string, dropTag bool) string {
	if ph, ok := first(s, markup.Placeholder); ok && (!dropTag || !hasTag(s)) {
		at := ph.Start + strings.IndexByte(s[ph.Start:ph.End], '.') + 1 // the name's
		renamed := strings.Replace(ph.Name, "Number", "Nomer", 1)
		if renamed == ph.Name {
			renamed = "X" + ph.Name
		}
		return s[:at] + renamed + s[at+len(ph.Name):]
	}
	tag, ok := first(s, markup.Close, markup.SelfClosing)
	switch {
	case !ok:
		return s
	case tag.Kind == markup.Close:
		return s[:tag.Start] + s[tag.End:]
	}
	// With a space, so as not to leave two, or one at either end (check
	// would report that too).
	left, right := s[:tag.Start], s[tag.End:]
	if strings.HasSuffix(left, " ") && (right == "" || strings.HasPrefix(right, " ")) {
		left = left[:len(left)-1]
	}
	if left == "" {
		right = strings.TrimPrefix(right, " ")
	}
	return left + right
}
