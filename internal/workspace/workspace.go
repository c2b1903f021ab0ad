// Package workspace sequences tilmash's pipeline over a project folder:
// content → units → catalogues → editions. It reads through an fs.FS and
// returns the files to write as a fileset.Set; it never writes itself.
package workspace

import (
	"crypto/sha256"
	"fmt"
	"github.com/tilmash/tilmash/internal/parallel"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/glossary"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/finding"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/media"
	"github.com/tilmash/tilmash/translate/reader"
	"github.com/tilmash/tilmash/translate/segment"
	"github.com/tilmash/tilmash/translate/translit"
)

// Layout names a project's folders, relative to its root. The zero value
// is not useful; start from Default.
type Layout struct {
	Content  string // articles: content/**/*.md
	Locales  string // catalogues: locales/<tag>/<article>.<tag>.toml, the source's in locales/en/
	Dist     string // editions: dist/<tag>/<article>.<ext>
	Glossary string // the glossary: glossary/*.toml, and word lists glossary/words.<tag>.txt
	Config   string // the settings file: tilmash.toml
}

// Default is the conventional layout: content/, locales/, dist/.
var Default = Layout{Content: "content", Locales: "locales", Dist: "dist", Glossary: "glossary", Config: "tilmash.toml"}

// IsOutput reports whether rel, a slash path relative to the project's
// root, is a file tilmash's commands write in the project: a catalogue
// (locales/<tag>/<article>.<tag>.toml, or the old layout's
// locales/<tag>.toml, which extract migrates) or anything under dist/. Nothing else (an article,
// the settings, the glossary, .git) is ever an output, whatever the
// folders are called: a journal naming anything else is refused.
func (l Layout) IsOutput(rel string) bool {
	under := func(dir string) bool {
		dir = path.Clean(dir)
		return dir != "." && strings.HasPrefix(rel, dir+"/")
	}
	switch {
	case rel == path.Clean(l.Config), under(l.Content), l.Glossary != "" && under(l.Glossary), rel == ".git", strings.HasPrefix(rel, ".git/"):
		return false
	case under(l.Locales) && strings.HasSuffix(rel, ".toml"):
		_, ok := catpath.Parse(l.Locales, rel)
		return ok
	case under(l.Locales) && strings.HasSuffix(rel, ".tmx"):
		_, ok := l.memoryLocale(rel)
		return ok
	}
	return under(l.Dist)
}

// IsCatalogue reports whether rel is a catalogue file of either layout.
func (l Layout) IsCatalogue(rel string) bool {
	_, ok := catpath.Parse(l.Locales, rel)
	return ok && l.IsOutput(rel)
}

// Workspace is a project read into memory.
type Workspace struct {
	Layout   Layout
	Articles []*segment.Article  // every article, by path
	Source   *catalog.Catalog    // locales/en.toml, or nil if never extracted
	Targets  []*catalog.Catalog  // every other catalogue, by locale tag
	Glossary *glossary.Glossary  // every glossary entry (empty if there is no glossary folder)
	Config   *check.Config       // tilmash.toml (empty if there is none)
	Words    map[string][]string // the project's word lists for spelling, by locale

	// OutOfDate, when set after check or build, says where the articles
	// differ from the source catalogue on disk: the steps used the
	// articles as they are; extract brings the catalogues up to date.
	OutOfDate string

	// OldLayout lists the catalogue files Load read in the old layout, one
	// file per locale (locales/ru.toml): the next extract migrates them
	// to a file per article (package catpath).
	OldLayout []string

	// Broken are the target catalogues that could not be read (a TOML
	// syntax error, invalid UTF-8…): extract refuses to run, check and
	// build report them and go on with the other locales.
	Broken []*BrokenCatalogue

	// NotArticles are the Markdown files in the content folder that have
	// no front matter (a README, an editor's notes): not articles, so no
	// command reads them further; check and build report each as a
	// warning (segment.WarnNotArticle), and the articles go on.
	NotArticles []*segment.Error

	fsys     fs.FS     // the project, for the editions an earlier build left in dist/
	selected Selection // the articles Select kept; zero: all of them

	fingerprints map[*segment.Article]string       // by ready, for fingerprint
	read         map[string][32]byte               // each catalogue file's content as Load read it (SHA-256)
	files        map[language.Tag][]string         // each locale's catalogue files Load read, in path order
	relBySlug    map[string]string                 // every article's path relative to the content folder, by slug
	former       map[string][]string               // the names articles had before a rename, by name (Formerly)
	commonKeys   map[string]bool                   // by parts: the rename keys too many new articles share (UseCommonRenameKeys)
	overrides    []*catalog.Catalog                // the derived locales' overrides (locales/kk-Latn/), as read
	unreadable   map[language.Tag]*BrokenCatalogue // locales a part of the archive could not read (Project.Unreadable)
	bySlug       map[string]*segment.Article       // the articles by slug, for Article
	slugByPath   map[string]string                 // every article's slug by its file, the unselected too (links between articles)
	elsewhere    func(string) map[string]bool      // a part's build: where the articles it does not hold are published (PartOptions)
	oldPages     map[string]string                 // a partial build: the old addresses it leaves as they are, with their articles (oldPagesLeft)

	figures map[*segment.Article][]media.Ref // each article's figures' images that can be published (Load)
}

// BrokenCatalogue is a catalogue that could not be read.
type BrokenCatalogue struct {
	Locale language.Tag // from the file name
	Path   string       // the file
	Err    error        // what is wrong, at file:line:col
}

// BrokenErr returns the first broken catalogue's error, or nil.
func (w *Workspace) BrokenErr() error {
	if len(w.Broken) == 0 {
		return nil
	}
	return w.Broken[0].Err
}

// Load reads every article and catalogue under fsys. It fails on the first
// file it cannot read or parse, naming file:line:col.
func Load(fsys fs.FS, lay Layout) (*Workspace, error) {
	return LoadSelection(fsys, lay, Selection{})
}

// LoadSelection reads the project as Load does, but only the articles sel
// selects (a shard's), then keeps only their catalogue entries (Select):
// a shard does not split the other shards' articles.
func LoadSelection(fsys fs.FS, lay Layout, sel Selection) (*Workspace, error) {
	p, err := Open(fsys, lay)
	if err != nil {
		return nil, err
	}
	return p.Load(sel)
}

// derive adds the derived locales' catalogues (tilmash.toml's from and
// transform), computed from their source locales' catalogues.
func (w *Workspace) derive() {
	for _, key := range w.Config.Derived() {
		rules := w.Config.Locales[key]
		tag, err1 := locale.Parse(key)
		from, err2 := locale.Parse(rules.From)
		t, err3 := translit.Lookup(rules.Transform)
		src := w.target(from)
		if err1 != nil || err2 != nil || err3 != nil {
			continue // ParseConfig checked the names
		}
		if src == nil {
			// Nothing to derive from: the overrides (if any) are no
			// translation. A source that cannot be read makes this
			// locale unreadable too; one that has no catalogue is
			// reported as such (withoutCatalogue).
			w.Targets = slices.DeleteFunc(w.Targets, func(c *catalog.Catalog) bool { return c.Locale == tag })
			for _, b := range w.Broken {
				if b.Locale == from && !slices.ContainsFunc(w.Broken, func(b *BrokenCatalogue) bool { return b.Locale == tag }) {
					w.Broken = append(w.Broken, &BrokenCatalogue{Locale: tag, Path: b.Path, Err: fmt.Errorf("%s is computed from %s, which cannot be read: %w", tag, from, b.Err)})
				}
			}
			continue
		}
		// locales/kk-Latn.toml, if any, holds overrides, not a translation.
		overrides := w.target(tag)
		w.Targets = slices.DeleteFunc(w.Targets, func(c *catalog.Catalog) bool { return c == overrides })
		if overrides != nil {
			w.overrides = append(w.overrides, overrides)
		}
		d := catalog.Derive(src, tag, rules.Transform, t.Text)
		w.glossaryForms(d, from, t)
		d.Stale = d.Override(overrides, w.Source)
		w.Targets = append(w.Targets, d)
	}
	sort.Slice(w.Targets, func(i, j int) bool { return w.Targets[i].Locale.String() < w.Targets[j].Locale.String() })
}

// glossaryForms puts the glossary's own forms into a derived catalogue: a
// term with renderings for the derived locale (a name's accepted Latin
// spelling) replaces what the transform made of the source locale's
// renderings, each by the one at its place in the list (the full name by
// the full name, the surname alone by the surname), at the start of a
// word, its endings kept (Almatydağy). A source rendering with no
// counterpart keeps the transform's spelling. The text is replaced in one
// pass, the longest rendering first, so a name is never replaced twice
// («Каримджанов» inside «Илья Каримджанов»).
func (w *Workspace) glossaryForms(d *catalog.Catalog, from language.Tag, t translit.Transform) {
	if w.Glossary == nil || w.Source == nil {
		return
	}
	for _, m := range d.Messages {
		sm := w.Source.Lookup(m.ID)
		if sm == nil {
			continue
		}
		var pairs []wordPair
		for _, o := range w.Glossary.Find(sm.Forms[locale.Other]) {
			own, src := o.Entry.Locales[d.Locale.String()], o.Entry.Locales[from.String()]
			if own == nil || src == nil {
				continue
			}
			for i, r := range src.Approved {
				if i >= len(own.Approved) {
					break
				}
				if made := t.Text(r); made != "" && made != own.Approved[i] {
					pairs = append(pairs, wordPair{made, own.Approved[i]})
				}
			}
		}
		if len(pairs) == 0 {
			continue
		}
		sort.SliceStable(pairs, func(i, j int) bool { return len(pairs[i].old) > len(pairs[j].old) })
		for f, text := range m.Forms {
			m.Forms[f] = replaceWordStarts(text, pairs)
		}
	}
}

// wordPair is a spelling to replace and its replacement.
type wordPair struct{ old, new string }

// replaceWordStarts replaces, in one pass from the left, each pair's old
// where it starts a word of s by its new, trying the pairs in order.
func replaceWordStarts(s string, pairs []wordPair) string {
	if !slices.ContainsFunc(pairs, func(p wordPair) bool { return strings.Contains(s, p.old) }) {
		return s
	}
	var b strings.Builder
	prev := rune(-1)
	for i := 0; i < len(s); {
		if prev < 0 || !unicode.IsLetter(prev) {
			replaced := false
			for _, p := range pairs {
				if strings.HasPrefix(s[i:], p.old) {
					b.WriteString(p.new)
					i += len(p.old)
					prev, _ = utf8.DecodeLastRuneInString(p.old)
					replaced = true
					break
				}
			}
			if replaced {
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+size])
		prev = r
		i += size
	}
	return b.String()
}

func fileName(p string) string { return path.Base(p) }

// AsRead reports whether data is exactly what Load read at p: a catalogue
// a command would write back unchanged, whatever the disk holds now (a
// translator may have saved it since: that save is theirs to keep).
func (w *Workspace) AsRead(p string, data []byte) bool {
	sum, ok := w.read[p]
	return ok && sha256.Sum256(data) == sum
}

// Expectations says, for each catalogue among paths, what Load read
// there (or that there was none): what a commit must find before it
// replaces the file (fileset.Options.Expect), so that a translator's save
// made while the command ran is never written over.
func (w *Workspace) Expectations(paths []string) map[string]fileset.Expect {
	out := map[string]fileset.Expect{}
	for _, p := range paths {
		if !strings.HasPrefix(p, w.Layout.Locales+"/") {
			continue
		}
		if sum, ok := w.read[p]; ok {
			out[p] = fileset.Expect{Sum: sum}
		} else {
			out[p] = fileset.Expect{Absent: true}
		}
	}
	return out
}

// noLinkOnTheWay refuses a project folder (content/, locales/, glossary/)
// that is, or lies under, a symbolic link: tilmash reads no folder through
// a link, at the top as below it.
func noLinkOnTheWay(fsys fs.FS, dir, flag string) error {
	if dir == "" || dir == "." {
		return nil
	}
	p := ""
	for _, part := range strings.Split(path.Clean(dir), "/") {
		p = path.Join(p, part)
		if part == ".." {
			continue // a folder the user named outside the root, on the command line
		}
		fi, err := fs.Lstat(fsys, p)
		if err != nil {
			return nil // missing: each reader says what that means
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return &catalog.Error{Pos: catalog.Pos{File: p, Line: 1, Col: 1}, Msg: "a symbolic link: tilmash reads no folder through a link", Hint: "replace the link with the folder itself, or name the real folder with --" + flag}
		}
	}
	return nil
}

// regular refuses what is not a regular file where tilmash reads one: a
// folder named like a catalogue, or a symbolic link, which would have a
// command read a file from elsewhere (outside the project, even) into the
// catalogues or onto a published page.
func regular(d fs.DirEntry, p, what string) error {
	switch {
	case d.Type()&fs.ModeSymlink != 0:
		return &catalog.Error{Pos: catalog.Pos{File: p, Line: 1, Col: 1}, Msg: fmt.Sprintf("a symbolic link: %s must be a file of its own", what), Hint: "replace the link with a copy of the file"}
	case d.IsDir():
		return &catalog.Error{Pos: catalog.Pos{File: p, Line: 1, Col: 1}, Msg: fmt.Sprintf("a folder: %s must be a file", what), Hint: "move the folder out of the way or rename it"}
	case !d.Type().IsRegular():
		return &catalog.Error{Pos: catalog.Pos{File: p, Line: 1, Col: 1}, Msg: fmt.Sprintf("not a regular file (%s): %s must be a file", d.Type(), what)}
	}
	return nil
}

// reconcile gives the articles' units the IDs the source catalogue knows.
func (w *Workspace) reconcile() {
	if w.Source == nil {
		return
	}
	prior := map[string][]segment.Prior{} // by article slug
	for _, m := range w.Source.Messages {
		slug, _, _ := strings.Cut(m.ID, ".")
		prior[slug] = append(prior[slug], segment.Prior{ID: m.ID, Text: m.Text()})
	}
	for _, a := range w.Articles {
		segment.Reconcile(a, prior[a.Slug])
	}
}

// SourcePath is the source catalogue's folder: locales/en, a file per
// article in it.
func (w *Workspace) SourcePath() string {
	return catalog.TargetPath(w.Layout.Locales, locale.Source)
}

// ExtractReport says what Extract found per locale.
type ExtractReport struct {
	Units   int                      // units in all articles
	Locales map[string]catalog.Stats // per target locale
	// PrunedFrom is the file each pruned entry was in, by locale, then ID.
	PrunedFrom map[string]map[string]string
	// Migrated lists the old layout's files (locales/ru.toml) extract
	// moved to a file per article, with how many entries each held.
	Migrated []Migration
	// Renamed are the articles renamed since the last extract: old name →
	// new name (the new one's source catalogue records the old).
	Renamed map[string]string
}

// Migration is one old-layout catalogue extract moved to a file per
// article: every entry, translator's comments and all, to its article's
// file in Folder.
type Migration struct {
	From    string // locales/ru.toml
	Folder  string // locales/ru
	Entries int    // entries moved
}

// Extract splits every article into units, keeps the IDs the source
// catalogue already gave them (see segment.Reconcile), and returns the new
// source catalogue and every target catalogue brought up to date with it.
// New locales are added by naming them in addLocales.
//
// With prune, entries whose unit is in no article any more (obsolete) are
// removed instead of kept; the report lists them.
func (w *Workspace) Extract(addLocales []language.Tag, prune bool) (fileset.Set, ExtractReport, error) {
	if !w.selected.All() {
		return nil, ExtractReport{}, fmt.Errorf("extract rewrites whole catalogues: it cannot run on a selection of articles (%s)", w.selected)
	}
	return w.extract(addLocales, prune, nil)
}

// extract is Extract, with what the rest of each locale offers its units
// (catalog.Elsewhere) given for a part of an archive; nil: the workspace
// is the whole.
func (w *Workspace) extract(addLocales []language.Tag, prune bool, elsewhere map[language.Tag]*catalog.Elsewhere) (fileset.Set, ExtractReport, error) {
	if err := w.BrokenErr(); err != nil {
		return nil, ExtractReport{}, err // rewriting it would lose the translator's work
	}
	w.reconcile()
	rep := ExtractReport{Locales: map[string]catalog.Stats{}, PrunedFrom: map[string]map[string]string{}}
	for _, c := range append(append([]*catalog.Catalog{w.Source}, w.Targets...), w.overrides...) {
		if c == nil || c.Derived() {
			continue // a derived catalogue is computed: its overrides are migrated
		}
		flat := catpath.Flat(w.Layout.Locales, c.Locale)
		if !slices.Contains(w.OldLayout, flat) {
			continue
		}
		n := 0
		for _, m := range c.Messages {
			if m.Pos.File == flat {
				n++
			}
		}
		rep.Migrated = append(rep.Migrated, Migration{From: flat, Folder: catalog.TargetPath(w.Layout.Locales, c.Locale), Entries: n})
	}
	sort.Slice(rep.Migrated, func(i, j int) bool { return rep.Migrated[i].From < rep.Migrated[j].From })
	oldSrc := w.Source
	src := catalog.FromUnits(w.SourcePath(), w.Articles)
	src.Place = w.fileFor(locale.Source)
	rep.Renamed = w.renames(oldSrc)
	w.recordRenames(oldSrc, src, rep.Renamed)
	w.former = w.formerNames(src)
	w.Source = src
	files := w.catalogueFiles(src)
	for _, a := range w.Articles {
		rep.Units += len(a.Units)
	}
	targets := w.Targets
	for _, tag := range addLocales {
		if locale.IsSource(tag) {
			return nil, rep, fmt.Errorf("%s is the source language; add a target locale such as ru", tag)
		}
		if w.target(tag) == nil {
			targets = append(targets, &catalog.Catalog{Locale: tag, Path: catalog.TargetPath(w.Layout.Locales, tag), Place: w.fileFor(tag)})
		}
	}
	var synced []*catalog.Catalog
	for _, old := range targets {
		if old.Derived() {
			continue // computed, never written
		}
		w.markCompletedAsWas(oldSrc, old) // finished since the last extract, corrected since
		from := elsewhere[old.Locale]
		if from == nil {
			more, err := ImportedMemory(w.fsys, w.Layout, old.Locale)
			if err != nil {
				return nil, rep, err
			}
			if len(more) > 0 {
				from = catalog.WholeElsewhere(src, old, more)
			}
		}
		c, st := catalog.SyncWith(src, old, old.Locale, old.Path, prune, from)
		w.MarkCompleted(src, c)
		for from, to := range c.Moved { // a renamed article's mark goes with it
			if om := old.Lookup(from); om != nil && old.Completed[om.Pos.File] {
				c.MarkCompleted(catpath.Article(w.Layout.Locales, c.Locale, w.articleOf(to)))
			}
		}
		for _, id := range st.Pruned {
			if rep.PrunedFrom[c.Locale.String()] == nil {
				rep.PrunedFrom[c.Locale.String()] = map[string]string{}
			}
			rep.PrunedFrom[c.Locale.String()][id] = old.FileOf(id)
		}
		maps.Copy(files, w.catalogueFiles(c))
		rep.Locales[c.Locale.String()] = st
		synced = append(synced, c)
	}
	// A derived locale's overrides (locales/kk-Latn/) are the
	// translator's own: rewritten only to move them out of the old layout.
	for _, o := range w.overrides {
		if slices.ContainsFunc(w.files[o.Locale], func(p string) bool { return slices.Contains(w.OldLayout, p) }) {
			maps.Copy(files, w.catalogueFiles(o))
		}
	}
	w.Targets = synced
	return files, rep, nil
}

// MarkCompleted records in the translated catalogue c each article every
// unit of which has a translation of its current English
// (catalog.CompletedLine): from then on, build keeps its edition published
// in a locale in progress too.
func (w *Workspace) MarkCompleted(src, c *catalog.Catalog) {
	for _, a := range w.Articles {
		done := len(a.Units) > 0
		for i := range a.Units {
			m, sm := c.Lookup(a.Units[i].ID), src.Lookup(a.Units[i].ID)
			if m == nil || sm == nil || !m.Translated() || m.Hash != sm.Hash {
				done = false
				break
			}
		}
		if done {
			c.MarkCompleted(catpath.Article(w.Layout.Locales, c.Locale, w.relBySlug[a.Slug]))
		}
	}
}

// markCompletedAsWas records in the translated catalogue c each current
// article every unit of which had a translation of its English as the
// source catalogue src last recorded it: a translator who finished an
// article after one extract, the English corrected before the next, still
// finished it.
func (w *Workspace) markCompletedAsWas(src, c *catalog.Catalog) {
	if src == nil || c == nil {
		return
	}
	done := map[string]bool{}
	for _, sm := range src.Messages {
		name, _, _ := strings.Cut(sm.ID, ".")
		if _, ok := done[name]; !ok {
			done[name] = w.isArticle(name)
		}
		if m := c.Lookup(sm.ID); m == nil || !m.Translated() || m.Hash != sm.Hash {
			done[name] = false
		}
	}
	for name, ok := range done {
		if ok {
			c.MarkCompleted(catpath.Article(w.Layout.Locales, c.Locale, w.relBySlug[name]))
		}
	}
}

// completedOnce reports whether article a was once complete in c's locale
// (catalog.CompletedLine; a derived locale's is its source locale's).
func (w *Workspace) completedOnce(c *catalog.Catalog, a *segment.Article) bool {
	if c.Derived() {
		if c = w.target(c.DerivedFrom); c == nil {
			return false
		}
	}
	return c.Completed[catpath.Article(w.Layout.Locales, c.Locale, w.relBySlug[a.Slug])]
}

func (w *Workspace) target(tag language.Tag) *catalog.Catalog {
	for _, c := range w.Targets {
		if c.Locale == tag {
			return c
		}
	}
	return nil
}

// Locales returns the source locale followed by every target locale.
func (w *Workspace) Locales() []language.Tag {
	tags := []language.Tag{locale.Source}
	for _, c := range w.Targets {
		tags = append(tags, c.Locale)
	}
	for _, b := range w.Broken {
		tags = append(tags, b.Locale)
	}
	return tags
}

// ready makes sure the source catalogue exists and gives the articles'
// units the IDs it knows: what every step after extract needs. When the
// articles have changed since the last extract, the source catalogue is
// made anew in memory, as extract would write it (OutOfDate says so), so
// that check and build judge the articles as they are, even while extract
// cannot run (a translator's broken file).
func (w *Workspace) ready() error {
	if w.Source == nil {
		return fmt.Errorf("no source catalogue %s: run tilmash extract first", w.SourcePath())
	}
	w.reconcile()
	// Every unit's hash, and every article's fingerprint, once, in parallel.
	hashes := make([][]string, len(w.Articles))
	fps := make([]string, len(w.Articles))
	parallel.For(len(w.Articles), func(i int) {
		a := w.Articles[i]
		hashes[i] = make([]string, len(a.Units))
		for j := range a.Units {
			hashes[i][j] = a.Units[j].Hash()
		}
		fps[i] = fingerprintOf(a, hashes[i])
	})
	w.fingerprints = make(map[*segment.Article]string, len(w.Articles))
	for i, a := range w.Articles {
		w.fingerprints[a] = fps[i]
	}
	w.Source.Lookup("") // the index, built before the goroutines that read it
outer:
	for i, a := range w.Articles {
		for j, u := range a.Units {
			if m := w.Source.Lookup(u.ID); m == nil || m.Hash != hashes[i][j] || !maps.Equal(m.Forms, u.Forms) {
				w.OutOfDate = fmt.Sprintf("%s: unit %s: the source catalogue %s is out of date with the article: run tilmash extract", u.Pos, u.ID, w.SourcePath())
				w.Source = catalog.FromUnits(w.SourcePath(), w.Articles)
				w.Source.Place = w.fileFor(locale.Source)
				break outer
			}
		}
	}
	// A translation hashed as tilmash once did (the English exactly as
	// written) is current: what extract would record, done in memory for
	// the steps that run before it can.
	for _, c := range w.Targets {
		for _, m := range c.Messages {
			if sm := w.Source.Lookup(m.ID); sm != nil && m.Hash != sm.Hash && (m.Hash == segment.ExactHash(sm.Forms) || m.Revised(sm.Hash)) {
				m.Hash = sm.Hash // or revised: its stale mark deleted
			}
		}
	}
	return nil
}

// CheckGlossary holds every target catalogue (or only those of the locales
// named) to the glossary.
func (w *Workspace) CheckGlossary(locales []language.Tag) ([]finding.Finding, error) {
	if err := w.ready(); err != nil {
		return nil, err
	}
	var out []finding.Finding
	for _, c := range w.targets(locales) {
		out = append(out, check.Glossary(w.Glossary, w.Source, c)...)
	}
	finding.Sort(out)
	return out, nil
}

// Check runs every check (package check) on the target catalogues, or on
// those of the locales named. speller may be nil.
func (w *Workspace) Check(locales []language.Tag, speller check.Speller) ([]finding.Finding, error) {
	if err := w.ready(); err != nil {
		return nil, err
	}
	fs := check.Run(check.Input{Articles: w.Articles, NotArticles: w.NotArticles, Source: w.Source, Targets: w.targets(locales), Glossary: w.Glossary, Config: w.Config, Speller: speller, Words: w.Words})
	// A catalogue whose locale tilmash.toml does not describe: its quotes,
	// letters and dictionary are unknown, so those checks cannot run.
	for _, c := range w.targets(locales) {
		tag := c.Locale.String()
		if _, ok := w.Config.Locales[tag]; ok {
			continue
		}
		sev := finding.Info // a locale just started: a note, listed with --notes
		if w.Requires(c.Locale) {
			sev = finding.Warning
		}
		fs = append(fs, finding.Finding{Pos: segment.Pos{File: c.Path, Line: 1, Col: 1}, Locale: tag, Code: check.CodeSettings, Severity: sev,
			Message: fmt.Sprintf("%s has no [locales.%s] table in %s: its quotation marks, letters and spelling are not checked", tag, tag, w.Layout.Config),
			Hint:    fmt.Sprintf("add to %s: [locales.%s] with quotes = \"«»\" (the language's own), dictionary = \"%s\" (hunspell; Debian: %s), and required = true once its editions must be published", w.Layout.Config, tag, suggestDictionary(tag), check.DictionaryPackage(suggestDictionary(tag)))})
	}
	// A language tilmash has no words for its readers in: its pages say
	// those things in English until tilmash.toml gives the words.
	for _, c := range w.targets(locales) {
		tag := c.Locale.String()
		rules, described := w.Config.Locales[tag]
		missing := reader.Words(rules.Reader).Missing(c.Locale)
		if len(missing) == 0 || !described {
			continue // a locale with no table at all is told to add one first (above)
		}
		pos := w.Config.LocalePos(tag)
		sev := finding.Info
		if w.Requires(c.Locale) {
			sev = finding.Warning
		}
		var lines []string
		for _, k := range missing {
			lines = append(lines, fmt.Sprintf("%s = \"…\" (in English: %q)", k, reader.English(k)))
		}
		fs = append(fs, finding.Finding{Pos: pos, Locale: tag, Code: check.CodeSettings, Severity: sev,
			Message: fmt.Sprintf("tilmash has no %s words for what it tells readers (%s): those pages say it in English", locale.EnglishName(c.Locale), strings.Join(missing, ", ")),
			Hint:    fmt.Sprintf("add them to %s in %s: [locales.%s.reader] %s", w.Layout.Config, locale.EnglishName(c.Locale), tag, strings.Join(lines, ", "))})
	}
	// A required locale with no catalogue at all is the biggest gap there
	// is; a derived locale whose source has none has nothing to derive
	// from, required or not.
	for _, tag := range w.withoutCatalogue() {
		if len(locales) > 0 && !slices.Contains(locales, tag) {
			continue
		}
		pos := w.Config.LocalePos(tag.String())
		if _, ok := w.Config.Locales[tag.String()]; !ok {
			pos = w.requiringArticle(tag)
		}
		f := finding.Finding{Pos: pos, Locale: tag.String(), Code: check.CodeMissing, Severity: finding.Error,
			Message: fmt.Sprintf("%s is required, but there is no catalogue in %s/%s/", tag, w.Layout.Locales, tag),
			Hint:    fmt.Sprintf("start it with tilmash extract --add-locale %s, or drop required = true until it is ready", tag)}
		if from := w.Config.Locales[tag.String()].From; from != "" {
			f.Message = fmt.Sprintf("%s is derived from %s, which has no catalogue in %s/%s/: there is nothing to derive it from", tag, from, w.Layout.Locales, from)
			f.Hint = fmt.Sprintf("start %s with tilmash extract --add-locale %s, or remove [locales.%s] from %s", from, from, tag, w.Layout.Config)
			if !w.Requires(tag) {
				f.Severity = finding.Info // in progress: a note
			}
		}
		fs = append(fs, f)
	}
	finding.Sort(fs)
	return fs, nil
}

// requiringArticle is where the first article that requires tag says so.
func (w *Workspace) requiringArticle(tag language.Tag) segment.Pos {
	for _, a := range w.Articles {
		if slices.Contains(a.Meta.Required, tag.String()) {
			return segment.Pos{File: a.Path, Line: 1, Col: 1}
		}
	}
	return segment.Pos{File: w.Layout.Config, Line: 1, Col: 1}
}

// Requires reports whether the publication policy requires any article's
// edition in tag.
func (w *Workspace) Requires(tag language.Tag) bool {
	for _, a := range w.Articles {
		if w.Config.Requirement(a, tag.String()) == check.Required {
			return true
		}
	}
	return false
}

// Status tallies the target catalogues, or those of the locales named.
func (w *Workspace) Status(locales []language.Tag) ([]check.Status, error) {
	if err := w.ready(); err != nil {
		return nil, err
	}
	return check.Statuses(w.Source, w.targets(locales)), nil
}

// EditionStatus is how far one article's edition in one locale has come,
// and whether the next build publishes it.
type EditionStatus struct {
	Article     string  `json:"article"`
	Locale      string  `json:"locale"`
	Requirement string  `json:"requirement"` // source, required, in progress, not for translation
	Coverage    float64 `json:"coverage"`    // units translated and up to date, percent
	// Publish is what the next build does with it: "published", "kept"
	// (refused, the earlier complete edition stays), "refused" (required,
	// incomplete: the build fails), "waiting" (in progress, incomplete),
	// "not for translation", or, for the source edition of an article
	// published in no locale, "draft" or "under embargo until <time>".
	Publish       string   `json:"publish"`
	UnderRevision int      `json:"under_revision,omitempty"` // stale units shown in their earlier translation
	English       int      `json:"english,omitempty"`        // units shown in English (fallback)
	Missing       int      `json:"missing,omitempty"`
	Stale         int      `json:"stale,omitempty"`    // blocking stale units (stale = "refuse")
	Rejected      []string `json:"rejected,omitempty"` // units whose translation fails a check
}

// Editions says, for every article and locale (or those named), what the
// next build would publish: the build's own decision, without rendering.
// previous is the last build's report, if any.
func (w *Workspace) Editions(locales []language.Tag, previous *Report) ([]EditionStatus, error) {
	if len(locales) > 0 {
		locales = append([]language.Tag{locale.Source}, locales...)
	}
	res, err := w.Build(BuildOptions{Locales: locales, Formats: []string{"html"}, Previous: previous, PlanOnly: true})
	if err != nil {
		return nil, err
	}
	var out []EditionStatus
	for _, o := range res.Report.Editions {
		st := EditionStatus{Article: o.Article, Locale: o.Locale, Requirement: o.Requirement, Coverage: o.Coverage, Publish: "published", UnderRevision: len(o.UnderRevision), English: o.FallbackUnits}
		if o.Kept || o.Format != "html" {
			continue // listed with its refusal; or another format of an edition the last build made
		}
		out = append(out, st)
	}
	for _, r := range res.Report.Refused {
		st := EditionStatus{Article: r.Article, Locale: r.Locale, Requirement: r.Requirement, Coverage: r.Coverage, Missing: len(r.Missing), Stale: len(r.Stale)}
		for _, x := range r.Rejected {
			st.Rejected = append(st.Rejected, x.Unit)
		}
		switch {
		case r.Kept:
			st.Publish = "kept"
		case r.Fails():
			st.Publish = "refused"
		default:
			st.Publish = "waiting"
		}
		out = append(out, st)
	}
	for _, h := range res.Report.HeldBack {
		out = append(out, EditionStatus{Article: h.Article, Locale: locale.Source.String(), Requirement: sourceRequirement, Coverage: 100, Publish: h.Why})
	}
	for _, a := range w.Articles {
		if a.Meta.Translate {
			continue
		}
		for _, c := range w.targets(locales) {
			out = append(out, EditionStatus{Article: a.Slug, Locale: c.Locale.String(), Requirement: check.NotForTranslation.String(), Publish: "not for translation"})
		}
	}
	SortEditions(out)
	return out, nil
}

// SortEditions orders edition statuses by article, then locale, the
// source first.
func SortEditions(out []EditionStatus) {
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Article != out[j].Article {
			return out[i].Article < out[j].Article
		}
		return localeOrder(out[i].Locale) < localeOrder(out[j].Locale)
	})
}

// localeOrder sorts the source locale first, then the others by tag.
func localeOrder(tag string) string {
	if tag == locale.Source.String() {
		return ""
	}
	return tag
}

func (w *Workspace) targets(locales []language.Tag) []*catalog.Catalog {
	if len(locales) == 0 {
		return w.Targets
	}
	var out []*catalog.Catalog
	for _, c := range w.Targets {
		if slices.Contains(locales, c.Locale) {
			out = append(out, c)
		}
	}
	return out
}

// suggestDictionary guesses a locale's hunspell dictionary name: ru_RU for
// ru, kk_KZ for kk, the region's when the tag has one.
func suggestDictionary(tag string) string {
	t := language.Make(tag)
	base, _ := t.Base()
	region, _ := t.Region()
	return base.String() + "_" + region.String()
}
