package workspace

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/internal/parallel"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/segment"
)

// catFile is a catalogue file Load found.
type catFile struct {
	path string
	catpath.File
	slug string // the name of its article (Flat: none)
}

// findCatalogues lists the catalogue files under the locales folder, of
// either layout (package catpath), in path order. Anything else ending
// .toml is refused, as a file that would stand in for a locale's; other
// files (a README) are not read.
func findCatalogues(fsys fs.FS, dir, content string) ([]catFile, error) {
	var out []catFile
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if p == dir {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if fi, err := fs.Stat(fsys, p); err == nil && fi.IsDir() {
				return &catalog.Error{Pos: catalog.Pos{File: p, Line: 1, Col: 1}, Msg: "a symbolic link to a folder: tilmash reads no folder through a link", Hint: "replace the link with the folder itself"}
			}
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir // .git and the like
		}
		if !strings.HasSuffix(p, ".toml") {
			return nil // a locale's folder, a README
		}
		if err := regular(d, p, "a catalogue"); err != nil {
			return err
		}
		f, ok := catpath.Parse(dir, p)
		if kind, goi18n := catpath.Goi18n(p); goi18n && (!ok || goi18nWork(fsys, p, content, f)) {
			return catalog.Goi18nFileError(path.Clean(dir), p, kind)
		}
		if !ok {
			return notCatalogue(dir, p)
		}
		c := catFile{path: p, File: f}
		if !f.Flat {
			c.slug = segment.SlugOf(path.Join(content, f.Article))
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// goi18nWork reports whether f, a file at p named as goi18n names its
// work files (active.ru.toml) and as a catalogue (locales/ru/active.ru.toml
// is the Russian catalogue of content/active.md), is goi18n's: its
// article is not there, and it does not begin as tilmash's catalogues do.
// (A deleted article's catalogue, kept for its obsolete entries, does.)
func goi18nWork(fsys fs.FS, p, content string, f catpath.File) bool {
	if f.Flat {
		return false
	}
	if _, err := fs.Stat(fsys, path.Join(content, f.Article)); err == nil {
		return false
	}
	data, err := bound.ReadFile(fsys, p, bound.Catalogue)
	return err == nil && !catalog.HasHeader(data)
}

// notCatalogue is the error for a .toml file under the locales folder
// that is no catalogue's name.
func notCatalogue(dir, p string) error {
	rel := strings.TrimPrefix(p, path.Clean(dir)+"/")
	name := path.Base(p)
	msg := fmt.Sprintf("%q is not a catalogue's name", rel)
	folder, _, nested := strings.Cut(rel, "/")
	switch {
	case !nested:
		if want := locale.CanonicalFile(name); want != "" && want != name {
			msg = fmt.Sprintf("%q is not a catalogue name: a catalogue is named exactly after its locale's tag, and this name would read as %s", name, want)
		}
	case !strings.HasSuffix(name, "."+folder+".toml"):
		if tag, ok := catpath.Tag(name); ok {
			msg = fmt.Sprintf("%q is a %s catalogue in the %s folder: go-i18n reads its locale from the name", rel, tag, folder)
		}
	default:
		msg = fmt.Sprintf("%q: %s is not a locale's tag written as the tag writes itself", rel, folder)
	}
	return &catalog.Error{Pos: catalog.Pos{File: p, Line: 1, Col: 1}, Msg: msg,
		Hint: "catalogues are locales/<tag>/<article>.<tag>.toml, such as locales/ru/the-conscript.ru.toml; move other files out of " + dir + "/"}
}

// loadCatalogues reads the catalogue files and makes one catalogue per
// locale of them (catalog.Merge). With a selection, only the selected
// articles' files are read (and the old layout's one file per locale); a
// locale none of whose files is selected gets an empty catalogue.
func (w *Workspace) loadCatalogues(p *Project, sel Selection) error {
	var files []catFile
	switch {
	case sel.All():
		files = p.cats
	case len(sel.Names) > 0:
		// A part of the archive: its names' files, from the index (a
		// scan of every file for every part grew as the square of the
		// archive), and the old layout's.
		files = slices.Clone(p.flat)
		for _, n := range sel.Names {
			if sel.Has(n) {
				files = append(files, p.catsBySlug[n]...)
			}
		}
		sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	default:
		for _, f := range p.cats {
			if f.Flat || sel.Has(f.slug) {
				files = append(files, f)
			}
		}
	}
	cats := make([]*catalog.Catalog, len(files))
	errs := make([]error, len(files))
	sums := make([][32]byte, len(files))
	read := make([]bool, len(files))
	parallel.For(len(files), func(i int) {
		data, err := bound.ReadFile(w.fsys, files[i].path, bound.Catalogue)
		if err != nil {
			errs[i] = err
			return
		}
		read[i], sums[i] = true, sha256.Sum256(data)
		cats[i], errs[i] = catalog.Parse(files[i].path, data)
	})
	w.read = make(map[string][32]byte, len(files))
	w.files = map[language.Tag][]string{}
	for i, f := range files {
		if read[i] {
			w.read[f.path] = sums[i]
		} else {
			return errs[i]
		}
		w.files[f.Locale] = append(w.files[f.Locale], f.path)
		if f.Flat {
			w.OldLayout = append(w.OldLayout, f.path)
		}
	}
	// Each locale's files, merged; a broken file breaks its locale (the
	// first one found is reported), the source's stops every command.
	byTag := map[language.Tag][]int{}
	tags := p.tags
	for _, t := range tags {
		byTag[t] = nil
	}
	// A file per article first, then the old layout's: an entry in both
	// (a migration interrupted half-way) is read from its article's file.
	for _, flat := range []bool{false, true} {
		for i, f := range files {
			if f.Flat == flat {
				byTag[f.Locale] = append(byTag[f.Locale], i)
			}
		}
	}
	for _, tag := range tags {
		if b := w.unreadable[tag]; b != nil {
			// Known, from another part of the archive, not to be readable.
			if !slices.ContainsFunc(w.Broken, func(x *BrokenCatalogue) bool { return x.Locale == tag }) {
				w.Broken = append(w.Broken, b)
			}
			continue
		}
		var parts []*catalog.Catalog
		var broken error
		var brokenPath string
		flatNotes := []string(nil)
		for _, i := range byTag[tag] {
			if errs[i] != nil {
				if broken == nil {
					broken, brokenPath = errs[i], files[i].path
				}
				continue
			}
			parts = append(parts, cats[i])
			if files[i].Flat {
				flatNotes = cats[i].HeaderNotes
			}
		}
		var c *catalog.Catalog
		if broken == nil {
			// The whole is named by the locale's first file in the
			// project, whatever the selection: where a finding about
			// the locale as a whole stands (a position in a folder is
			// no place), the same in every part of an archive.
			first := catalog.TargetPath(w.Layout.Locales, tag)
			if f, ok := p.firstOf[tag]; ok {
				first = f
			}
			c, broken = catalog.Merge(tag, first, parts)
			if broken != nil {
				var ce *catalog.Error
				if errors.As(broken, &ce) {
					brokenPath = ce.Pos.File
				}
			}
		}
		if broken != nil {
			if tag == locale.Source {
				return broken
			}
			// One translator's broken file must not stop the other
			// locales: each command decides what it means for its work.
			w.Broken = append(w.Broken, &BrokenCatalogue{Locale: tag, Path: brokenPath, Err: broken})
			continue
		}
		if flatNotes != nil {
			// The old layout's one file: its notes were the locale's, and
			// go with every file it is split into.
			c.HeaderNotes = flatNotes
			for _, i := range byTag[tag] {
				if files[i].Flat {
					delete(c.FileNotes, files[i].path)
				}
			}
		}
		c.Place = w.fileFor(tag)
		if tag == locale.Source {
			w.Source = c
			w.former = w.formerNames(c)
		} else {
			w.Targets = append(w.Targets, c)
		}
	}
	sort.Slice(w.Targets, func(i, j int) bool { return w.Targets[i].Locale.String() < w.Targets[j].Locale.String() })
	return nil
}

// articleOf is the article an entry belongs to, by its ID's first part
// (the article's name): its path relative to the content folder, or "".
func (w *Workspace) articleOf(id string) string {
	slug, _, _ := strings.Cut(id, ".")
	return w.relBySlug[slug]
}

// fileFor names the file an entry of tag belongs in, by its ID: its
// article's catalogue (package catpath).
func (w *Workspace) fileFor(tag language.Tag) func(id string) string {
	return func(id string) string {
		rel := w.articleOf(id)
		if rel == "" {
			rel = w.nameFile(id)
		}
		return catpath.Article(w.Layout.Locales, tag, rel)
	}
}

// nameFile is the article path an entry of no article is filed under:
// its ID's first part, the name its article had, when that makes a
// catalogue's name; "unplaced.md" for an ID no article of tilmash's gave
// (written by hand: "x/", "..").
func (w *Workspace) nameFile(id string) string {
	slug, _, _ := strings.Cut(id, ".")
	if slug == "" || strings.HasPrefix(slug, ".") || strings.ContainsAny(slug, "/\\\x00") || segment.SlugOf(slug+".md") != slug {
		return "unplaced.md"
	}
	return slug + ".md"
}

// placer says which file each of a locale's entries is written in: its
// article's catalogue (package catpath). An entry of no article (an
// obsolete one) goes where an entry that reused its translation went (an
// article renamed: its catalogue moves with it), or stays in the file it
// was read from, or, read from the old layout, goes to a file named after
// its article's name.
func (w *Workspace) placer(c *catalog.Catalog) func(*catalog.Message) string {
	dir, tag := w.Layout.Locales, c.Locale
	movedTo := map[string]string{}   // an obsolete entry's ID → the article that reused it
	movedSlug := map[string]string{} // a renamed article's old slug → where its units moved
	first := map[string]string{}     // the first new ID of each old slug's, whatever the map's order
	for from, id := range c.Moved {
		if s, _, _ := strings.Cut(from, "."); first[s] == "" || id < first[s] {
			first[s] = id
		}
	}
	for s, id := range first {
		movedSlug[s] = w.articleOf(id)
	}
	for _, m := range c.Messages {
		for _, n := range m.Notes {
			if rest, ok := strings.CutPrefix(n, catalog.ReusedDirective); ok {
				from, _, _ := strings.Cut(rest, " ")
				if rel := w.articleOf(m.ID); rel != "" && w.articleOf(from) == "" {
					movedTo[from] = rel
				}
			}
		}
	}
	return func(m *catalog.Message) string {
		if rel := w.articleOf(m.ID); rel != "" {
			return catpath.Article(dir, tag, rel)
		}
		if rel := movedTo[m.ID]; rel != "" {
			return catpath.Article(dir, tag, rel)
		}
		// An obsolete entry of a renamed article (a stale one, which did
		// not move): with its article's other entries.
		if s, _, _ := strings.Cut(m.ID, "."); movedSlug[s] != "" {
			return catpath.Article(dir, tag, movedSlug[s])
		}
		if f, ok := catpath.Parse(dir, m.Pos.File); ok && !f.Flat && f.Locale == tag {
			return m.Pos.File
		}
		return catpath.Article(dir, tag, w.nameFile(m.ID))
	}
}

// catalogueFiles are the files that hold c in the new layout: one per
// article (catalog.Split, formatted), and every other file of its locale
// Load read, to be removed: the old layout's one file, a file whose
// entries all went elsewhere (an article renamed or moved, or its
// obsolete entries pruned).
func (w *Workspace) catalogueFiles(c *catalog.Catalog) fileset.Set {
	parts := catalog.Split(c, w.placer(c))
	byPath := map[string]*catalog.Catalog{}
	for _, part := range parts {
		byPath[part.Path] = part
	}
	// A file that goes (its article renamed or moved) gives the notes
	// above its entries to the file they went to, if that has none.
	for _, p := range w.files[c.Locale] {
		notes := c.FileNotes[p]
		if _, stays := byPath[p]; stays || len(notes) == 0 {
			continue
		}
		if dest := byPath[w.successor(c, p)]; dest != nil {
			if _, own := c.FileNotes[dest.Path]; !own && len(dest.HeaderNotes) == 0 {
				dest.HeaderNotes = notes
			}
		}
	}
	files := fileset.Set{}
	for _, part := range parts {
		files[part.Path] = catalog.Format(part)
	}
	for _, p := range w.files[c.Locale] {
		if _, ok := files[p]; !ok {
			files[p] = nil
		}
	}
	return files
}

// successor is the file a catalogue file's article went to: the same name
// in another folder (moved), or the article that reused its entries
// (renamed); "" if none.
func (w *Workspace) successor(c *catalog.Catalog, file string) string {
	f, ok := catpath.Parse(w.Layout.Locales, file)
	if !ok || f.Flat {
		return ""
	}
	slug := segment.SlugOf(path.Join(w.Layout.Content, f.Article))
	if rel, ok := w.relBySlug[slug]; ok {
		return catpath.Article(w.Layout.Locales, c.Locale, rel)
	}
	for _, m := range c.Messages {
		for _, n := range m.Notes {
			if rest, ok := strings.CutPrefix(n, catalog.ReusedDirective); ok {
				if from, _, _ := strings.Cut(rest, "."); from == slug {
					if rel := w.articleOf(m.ID); rel != "" {
						return catpath.Article(w.Layout.Locales, c.Locale, rel)
					}
				}
			}
		}
	}
	// Its units moved (catalog.Sync): where the first of them went, in
	// the catalogue's order.
	var to string
	for from, id := range c.Moved {
		if s, _, _ := strings.Cut(from, "."); s == slug && (to == "" || id < to) {
			to = id
		}
	}
	if rel := w.articleOf(to); to != "" && rel != "" {
		return catpath.Article(w.Layout.Locales, c.Locale, rel)
	}
	return ""
}

// catalogueFilesKeepingLayout is catalogueFiles for a command other than
// extract: a locale still in the old layout is written back as its one
// file (extract alone migrates a project, every locale at once).
func (w *Workspace) catalogueFilesKeepingLayout(c *catalog.Catalog) fileset.Set {
	if flat := catpath.Flat(w.Layout.Locales, c.Locale); slices.Contains(w.files[c.Locale], flat) && len(w.files[c.Locale]) == 1 {
		old := *c
		old.Header = slices.DeleteFunc(slices.Clone(c.Header), func(l string) bool { return strings.HasPrefix(l, catpath.FormatLine) })
		return fileset.Set{flat: catalog.Format(&old)}
	}
	files := w.catalogueFiles(c)
	for p, data := range files {
		if data == nil {
			delete(files, p) // extract alone removes catalogues: an entry moved home is read once meanwhile
		}
	}
	return files
}
