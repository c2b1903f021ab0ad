package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/glossary"
	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/internal/parallel"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/media"
	"github.com/tilmash/tilmash/translate/segment"
)

// Project is what every part of a project shares, read once: which
// articles and catalogue files there are, the settings and the glossary.
// Load reads a selection of its articles, with their catalogues, into a
// Workspace, so that a command can work through an archive a part at a
// time (Parts) and hold one part in memory.
type Project struct {
	Layout   Layout
	Config   *check.Config       // tilmash.toml (empty if there is none)
	Glossary *glossary.Glossary  // every glossary entry (empty if there is no glossary folder)
	Words    map[string][]string // the project's word lists for spelling, by locale

	fsys       fs.FS
	paths      []string                // every article file, in path order
	sizes      []int64                 // each article file's size, by paths' index
	slugByPath map[string]string       // every article's slug by its file
	relBySlug  map[string]string       // every article's path relative to the content folder, by slug
	cats       []catFile               // every catalogue file, in path order
	catsBySlug map[string][]catFile    // the files of each article's name (not the old layout's)
	flat       []catFile               // the old layout's files
	tags       []language.Tag          // the locales with files, by their first file
	firstOf    map[language.Tag]string // each locale's first file
	shared     []string                // the settings and glossary files, and the content folder's other files, sorted
	assets     []string                // the content folder's files that are no articles (images)
	inputs     map[string][]string
	unreadable map[language.Tag]*BrokenCatalogue
}

// Unreadable says that a locale's catalogue cannot be read, found by
// loading one part of the archive: every part loaded after this treats
// the locale as that part did, so that the parts together give what one
// pass gives (a broken file breaks its whole locale).
func (p *Project) Unreadable(b *BrokenCatalogue) {
	if p.unreadable == nil {
		p.unreadable = map[language.Tag]*BrokenCatalogue{}
	}
	// The first of its broken files in path order, whichever part found
	// one first: what one pass over everything reports.
	if cur := p.unreadable[b.Locale]; cur == nil || b.Path < cur.Path {
		p.unreadable[b.Locale] = b
	}
}

// UnreadableKey names every locale known not to be readable with the file
// and the error that make it so: what a part's cached result depends on
// (its refusals quote them).
func (p *Project) UnreadableKey() string {
	var b strings.Builder
	for _, t := range p.Unreadables() {
		u := p.unreadable[language.MustParse(t)]
		fmt.Fprintf(&b, "%s\x00%s\x00%v\n", t, u.Path, u.Err)
	}
	return b.String()
}

// Open lists a project's articles and catalogue files and reads its
// settings and glossary. It fails on the first of them it cannot read,
// naming file:line:col, and on two articles with one name.
func Open(fsys fs.FS, lay Layout) (*Project, error) {
	p := &Project{Layout: lay, fsys: fsys}
	for _, d := range [][2]string{{lay.Content, "content"}, {lay.Locales, "locales"}, {lay.Glossary, "glossary"}} {
		if err := noLinkOnTheWay(fsys, d[0], d[1]); err != nil {
			return nil, err
		}
	}
	err := fs.WalkDir(fsys, lay.Content, func(f string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// A linked folder is refused, as a linked article is: what it
			// holds is outside the project, and skipping it would lose
			// its articles without a word.
			if fi, err := fs.Stat(fsys, f); err == nil && fi.IsDir() {
				return &catalog.Error{Pos: catalog.Pos{File: f, Line: 1, Col: 1}, Msg: "a symbolic link to a folder: tilmash reads no folder through a link", Hint: "replace the link with the folder itself"}
			}
		}
		if d.IsDir() && f != lay.Content && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir // a hidden folder (.drafts, .git), as a hidden file: not read, as in locales/
		}
		if !d.IsDir() && !strings.HasSuffix(f, ".md") && !strings.HasPrefix(d.Name(), ".") && d.Type().IsRegular() {
			p.assets = append(p.assets, f) // an image a figure may show: what a part's result depends on
		}
		if !d.IsDir() && strings.HasSuffix(f, ".md") && !strings.HasPrefix(d.Name(), ".") {
			if err := regular(d, f, "an article"); err != nil {
				return err
			}
			if i := strings.IndexFunc(f, func(r rune) bool { return r < 0x20 || r == 0x7f || r == utf8.RuneError }); i >= 0 {
				return &catalog.Error{Pos: catalog.Pos{File: strings.Trim(strconv.QuoteToASCII(f), `"`), Line: 1, Col: 1}, Msg: "the file name holds a control character (a newline, a tab…) or is not UTF-8", Hint: "rename the file"}
			}
			var size int64
			if fi, err := d.Info(); err == nil {
				size = fi.Size()
			}
			p.paths = append(p.paths, f)
			p.sizes = append(p.sizes, size)
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no %s/ folder: run tilmash in the project root, or name the folder with --content", lay.Content)
		}
		return nil, err
	}
	if len(p.paths) == 0 {
		return nil, fmt.Errorf("%s/ holds no Markdown articles (*.md)", lay.Content)
	}
	// WalkDir walks each folder in name order, which puts content/a/b.md
	// before content/a.md: sorted as paths.
	order := make([]int, len(p.paths))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return p.paths[order[i]] < p.paths[order[j]] })
	paths, sizes := make([]string, len(order)), make([]int64, len(order))
	for i, k := range order {
		paths[i], sizes[i] = p.paths[k], p.sizes[k]
	}
	p.paths, p.sizes = paths, sizes
	// Two files with one name would give clashing IDs: found before any is
	// read, among all the articles, whatever the selection.
	p.slugByPath = make(map[string]string, len(p.paths))
	p.relBySlug = make(map[string]string, len(p.paths))
	slugs := make(map[string]string, len(p.paths))
	for _, f := range p.paths {
		slug := segment.SlugOf(f)
		if other, dup := slugs[slug]; dup {
			return nil, fmt.Errorf("%s: the article name %q is taken by %s: IDs would clash; rename one file", f, slug, other)
		}
		slugs[slug] = f
		p.slugByPath[f] = slug
		p.relBySlug[slug] = strings.TrimPrefix(f, path.Clean(lay.Content)+"/")
	}
	if p.Config, err = readSettings(fsys, lay); err != nil {
		return nil, err
	}
	if p.cats, err = findCatalogues(fsys, lay.Locales, lay.Content); err != nil {
		return nil, err
	}
	p.catsBySlug = map[string][]catFile{}
	p.firstOf = map[language.Tag]string{}
	for _, c := range p.cats {
		if c.Flat {
			p.flat = append(p.flat, c)
		} else {
			p.catsBySlug[c.slug] = append(p.catsBySlug[c.slug], c)
		}
		if _, ok := p.firstOf[c.Locale]; !ok {
			p.firstOf[c.Locale] = c.path
			p.tags = append(p.tags, c.Locale)
		}
	}
	if p.Glossary, p.Words, p.shared, err = readGlossary(fsys, lay); err != nil {
		return nil, err
	}
	if _, err := fs.Stat(fsys, lay.Config); lay.Config != "" && err == nil {
		p.shared = append(p.shared, lay.Config)
	}
	p.shared = append(p.shared, p.assets...)
	sort.Strings(p.shared)
	return p, nil
}

// Shared are the files every part of the project may read: the settings,
// the glossary's files, and the content folder's files that are no
// articles (the images figures show), sorted.
func (p *Project) Shared() []string { return p.shared }

// Inputs are the files a part of the project that selects the names
// reads: each article's file (if it has one) and its catalogue files, in
// every locale, sorted.
func (p *Project) Inputs(names []string) []string {
	if p.inputs == nil {
		p.inputs = map[string][]string{}
		for f, slug := range p.slugByPath {
			p.inputs[slug] = append(p.inputs[slug], f)
		}
		for slug, cs := range p.catsBySlug {
			for _, c := range cs {
				p.inputs[slug] = append(p.inputs[slug], c.path)
			}
		}
	}
	var out []string
	for _, n := range names {
		out = append(out, p.inputs[n]...)
	}
	sort.Strings(out)
	return out
}

// Unreadables are the locales known not to be readable (Unreadable), by
// tag.
func (p *Project) Unreadables() []string {
	var out []string
	for tag := range p.unreadable {
		out = append(out, tag.String())
	}
	sort.Strings(out)
	return out
}

// Load reads the articles sel selects and their catalogue files (the old
// layout's one file per locale whole), then keeps only their catalogue
// entries (Select). The settings and the glossary are the project's,
// shared.
func (p *Project) Load(sel Selection) (*Workspace, error) {
	w := &Workspace{Layout: p.Layout, fsys: p.fsys, Config: p.Config, Glossary: p.Glossary.Fresh(), Words: p.Words,
		slugByPath: p.slugByPath, relBySlug: p.relBySlug, unreadable: p.unreadable}
	paths := p.paths
	if !sel.All() {
		for _, name := range sel.Articles {
			if _, ok := p.relBySlug[name]; !ok {
				return nil, fmt.Errorf("--article %s: no article %s.md in %s/", name, name, p.Layout.Content)
			}
		}
		if len(sel.Names) > 0 { // a part: its names' files, not a scan of all
			paths = nil
			for _, n := range sel.Names {
				if rel, ok := p.relBySlug[n]; ok && sel.Has(n) {
					paths = append(paths, path.Join(path.Clean(p.Layout.Content), rel))
				}
			}
			sort.Strings(paths)
		} else {
			paths = slices.DeleteFunc(slices.Clone(paths), func(f string) bool { return !sel.Has(p.slugByPath[f]) })
		}
	}
	// The articles are read and split in parallel; what follows is in
	// path order, so the result is the same whatever the scheduling.
	articles := make([]*segment.Article, len(paths))
	figures := make([][]media.Ref, len(paths))
	errs := make([]error, len(paths))
	folder := w.folder()
	parallel.For(len(paths), func(i int) {
		data, err := bound.ReadFile(p.fsys, paths[i], bound.Article)
		if err == nil {
			articles[i], err = segment.SplitWith(paths[i], data, w.Config.SplitOptions())
		}
		if err == nil {
			figures[i] = resolveFigures(folder, articles[i])
		}
		errs[i] = err
	})
	w.figures = make(map[*segment.Article][]media.Ref, len(paths))
	for i := range paths {
		var se *segment.Error
		if errors.As(errs[i], &se) && se.Code == segment.WarnNotArticle {
			w.NotArticles = append(w.NotArticles, se)
			continue
		}
		if errs[i] != nil {
			return nil, errs[i]
		}
		w.Articles = append(w.Articles, articles[i])
		w.figures[articles[i]] = figures[i]
	}
	if len(w.Articles) == 0 && len(w.NotArticles) > 0 && sel.All() {
		return nil, fmt.Errorf("%s/ holds no articles: %s", p.Layout.Content, w.NotArticles[0])
	}
	if err := w.loadCatalogues(p, sel); err != nil {
		return nil, err
	}
	w.derive()
	if err := w.Select(sel); err != nil {
		return nil, err
	}
	w.bySlug = make(map[string]*segment.Article, len(w.Articles))
	for _, a := range w.Articles {
		w.bySlug[a.Slug] = a
	}
	return w, nil
}

// readSettings reads tilmash.toml; none is empty settings.
func readSettings(fsys fs.FS, lay Layout) (*check.Config, error) {
	if lay.Config == "" {
		return &check.Config{}, nil
	}
	// A link would have the settings, and the TOML errors that quote
	// them, come from any file the link names (a CI runner's secrets).
	if fi, err := fs.Lstat(fsys, lay.Config); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return nil, &catalog.Error{Pos: catalog.Pos{File: lay.Config, Line: 1, Col: 1}, Msg: "a symbolic link: the settings file must be a file of its own", Hint: "replace the link with a copy of the file"}
	}
	data, err := bound.ReadFile(fsys, lay.Config, bound.Settings)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &check.Config{}, nil
	case err != nil:
		return nil, err
	}
	return check.ParseConfig(lay.Config, data)
}

// readGlossary reads the glossary folder: its terms, and its word lists
// (words.<tag>.txt) by locale.
func readGlossary(fsys fs.FS, lay Layout) (*glossary.Glossary, map[string][]string, []string, error) {
	if lay.Glossary == "" {
		return &glossary.Glossary{}, nil, nil, nil
	}
	gentries, err := fs.ReadDir(fsys, lay.Glossary)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil, err
	}
	var names []string
	for _, e := range gentries {
		// A folder named like a glossary file (terms.toml/) would
		// leave the glossary silently empty: an error, as for a
		// catalogue. Other folders (the package's own) are not read.
		if !e.IsDir() || strings.HasSuffix(e.Name(), ".toml") || isWordList(e.Name()) {
			f := path.Join(lay.Glossary, e.Name())
			if err := regular(e, f, "a glossary file"); err != nil {
				return nil, nil, nil, err
			}
			names = append(names, f)
		}
	}
	g, err := glossary.Load(names, func(f string) ([]byte, error) { return bound.ReadFile(fsys, f, bound.Glossary) })
	if err != nil {
		return nil, nil, nil, err
	}
	words := map[string][]string{}
	for _, n := range names {
		if tagName, ok := check.WordListLocale(path.Base(n)); ok {
			data, err := bound.ReadFile(fsys, n, bound.WordList)
			if err != nil {
				return nil, nil, nil, err
			}
			words[tagName] = append(words[tagName], check.WordList(data)...)
		}
	}
	return g, words, names, nil
}

// isWordList reports whether a file of the glossary folder is a word list.
func isWordList(name string) bool { _, ok := check.WordListLocale(name); return ok }

// Parts divides the articles sel selects into parts of about maxBytes of
// articles each (at least one article), in path order, for a command
// that works through the archive one part at a time. The names of
// catalogue files that no article has any more (a deleted article's
// obsolete entries) follow, in the last parts. Every part's selection
// keeps sel's shard. A project still in the old layout is one part.
func (p *Project) Parts(sel Selection, maxBytes int64) []Selection {
	type name struct {
		slug string
		size int64
	}
	var names []name
	for i, f := range p.paths {
		if slug := p.slugByPath[f]; sel.Has(slug) {
			names = append(names, name{slug, p.sizes[i]})
		}
	}
	var orphans []string
	for slug := range p.catsBySlug {
		if _, ok := p.relBySlug[slug]; !ok && sel.Has(slug) {
			orphans = append(orphans, slug)
		}
	}
	sort.Strings(orphans)
	for _, slug := range orphans {
		names = append(names, name{slug, 0})
	}
	if len(names) == 0 || len(p.OldLayout()) > 0 {
		// The old layout's one file per locale is read whole by every
		// part, and its deleted articles' entries are known only once
		// read: one part, until extract migrates it.
		return []Selection{sel}
	}
	var parts []Selection
	var cur []string
	var size int64
	for _, n := range names {
		if len(cur) > 0 && size+n.size > maxBytes {
			parts = append(parts, Selection{Shard: sel.Shard, Shards: sel.Shards, Names: cur})
			cur, size = nil, 0
		}
		cur = append(cur, n.slug)
		size += n.size
	}
	if len(cur) > 0 {
		parts = append(parts, Selection{Shard: sel.Shard, Shards: sel.Shards, Names: cur})
	}
	return parts
}

// Locales are the locales a project has catalogues for, the source
// first, then the others by tag, derived ones included (as
// Workspace.Locales lists them, without loading any).
func (p *Project) Locales() []language.Tag {
	has := map[language.Tag]bool{}
	for _, c := range p.cats {
		has[c.Locale] = true
	}
	for _, key := range p.Config.Derived() {
		tag, err1 := locale.Parse(key)
		from, err2 := locale.Parse(p.Config.Locales[key].From)
		if err1 == nil && err2 == nil && has[from] {
			has[tag] = true
		}
	}
	out := []language.Tag{locale.Source}
	for tag := range has {
		if tag != locale.Source {
			out = append(out, tag)
		}
	}
	sort.Slice(out[1:], func(i, j int) bool { return out[1+i].String() < out[1+j].String() })
	return out
}

// Validate says whether sel names only articles the project has.
func (p *Project) Validate(sel Selection) error {
	for _, name := range sel.Articles {
		if _, ok := p.relBySlug[name]; !ok {
			return fmt.Errorf("--article %s: no article %s.md in %s/", name, name, p.Layout.Content)
		}
	}
	return nil
}

// OldLayout lists the catalogue files in the old layout, one per locale
// (locales/ru.toml), that the next extract migrates.
func (p *Project) OldLayout() []string {
	var out []string
	for _, c := range p.cats {
		if c.Flat {
			out = append(out, c.path)
		}
	}
	return out
}

// Touched says which articles a list of changed files (slash paths
// relative to the root, as git names them; deleted ones included)
// concerns: an article's file, or any of its catalogue files, names it
// (a deleted article's name too, for the entries it left behind). all is
// set, with why, when a change concerns every article: the settings, the
// glossary, a catalogue of the old layout, or a file in the content
// folder that is no article (an image a figure shows). Other files (a
// README, CI's settings) concern none.
func (p *Project) Touched(changed []string) (names []string, all bool, why string) {
	lay := p.Layout
	under := func(dir, f string) bool {
		dir = path.Clean(dir)
		return dir != "." && dir != "" && strings.HasPrefix(f, dir+"/")
	}
	seen := map[string]bool{}
	add := func(slug string) {
		if !seen[slug] {
			seen[slug] = true
			names = append(names, slug)
		}
	}
	for _, f := range changed {
		switch {
		case lay.Config != "" && f == path.Clean(lay.Config):
			return nil, true, f + " changed"
		case lay.Glossary != "" && under(lay.Glossary, f):
			return nil, true, "the glossary changed (" + f + ")"
		case under(lay.Content, f) && strings.HasSuffix(f, ".md"):
			add(segment.SlugOf(f))
		case under(lay.Content, f):
			return nil, true, f + " changed, and an article may show it"
		case under(lay.Locales, f) && strings.HasSuffix(f, ".toml"):
			c, ok := catpath.Parse(lay.Locales, f)
			if !ok || c.Flat {
				return nil, true, f + " changed (a catalogue of the old layout: every article's)"
			}
			add(segment.SlugOf(path.Join(lay.Content, c.Article)))
		}
	}
	sort.Strings(names)
	return names, false, ""
}

// Articles counts the project's article files.
func (p *Project) Articles() int { return len(p.paths) }

// UnreadableOf is what Unreadable was told of tag, or nil.
func (p *Project) UnreadableOf(tag language.Tag) *BrokenCatalogue { return p.unreadable[tag] }
