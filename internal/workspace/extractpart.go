package workspace

import (
	"fmt"
	"path"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
	"github.com/tilmash/tilmash/translate/segment"
)

// PartFacts is what one part of an archive tells extract before any part
// is synced (Gather): which of its units want a translation from
// elsewhere, and which entries of no current article it holds or names,
// so that parts whose entries move into each other's files are synced
// together.
type PartFacts struct {
	// Wants are, per locale, the units with no translation in the part.
	Wants map[language.Tag][]catalog.Want
	// Orphans are the entries of no current article the part's files
	// hold ("tag\x00ID"), with the name whose file holds each.
	Orphans map[string]string
	// Refs are the entries of no current article the part's "reused
	// from" notes name ("tag\x00ID"), and their IDs' names.
	Refs []string
	// Foreign, when set, is an entry in a file of another current
	// article's (moved there by hand): it is judged with its file, which
	// a part cannot do alone. Extract then reads the archive whole.
	Foreign string
	// Fresh and Gone are the rename keys (catalog.RoleKey) of the part's
	// new articles' units and of its source entries of articles gone: a
	// part with a Gone key and one with the same Fresh key are synced
	// together, so that a rename is seen as one pass sees it.
	Fresh, Gone []string
}

// NameOf is the name of the article a catalogue file is for (its part's
// name), or "" for a file of the old layout or none.
func (p *Project) NameOf(file string) string {
	f, ok := catpath.Parse(p.Layout.Locales, file)
	if !ok || f.Flat {
		return ""
	}
	return segment.SlugOf(path.Join(p.Layout.Content, f.Article))
}

// IsArticle reports whether an article has the name.
func (p *Project) IsArticle(name string) bool {
	_, ok := p.relBySlug[name]
	return ok
}

// Gather adds a part's entries to its locales' gatherers (a gatherer for
// each target locale the project has) and says what the part wants from
// the others. A broken catalogue is an error, as for Extract.
func (w *Workspace) Gather(gs map[language.Tag]*catalog.Gatherer) (*PartFacts, error) {
	if err := w.BrokenErr(); err != nil {
		return nil, err
	}
	w.reconcile()
	src := catalog.FromUnits(w.SourcePath(), w.Articles)
	f := &PartFacts{Wants: map[language.Tag][]catalog.Want{}, Orphans: map[string]string{}}
	f.Fresh, f.Gone = w.renameKeys()
	for _, c := range append([]*catalog.Catalog{w.Source}, w.Targets...) {
		if c == nil || c.Derived() {
			continue
		}
		tag := c.Locale.String()
		for _, m := range c.Messages {
			slug, _, _ := strings.Cut(m.ID, ".")
			owner := w.ownerOf(m)
			_, current := w.relBySlug[slug]
			switch {
			case current && slug != owner && f.Foreign == "":
				f.Foreign = fmt.Sprintf("%s: entry %s is in the file of another article's", m.Pos, m.ID)
			case !current:
				f.Orphans[tag+"\x00"+m.ID] = owner
			}
			for _, from := range catalog.ReusedFrom(m) {
				if s, _, _ := strings.Cut(from, "."); !w.isArticle(s) {
					f.Refs = append(f.Refs, tag+"\x00"+from)
				}
			}
		}
		if g := gs[c.Locale]; g != nil && c != w.Source {
			f.Wants[c.Locale] = g.Add(src, c)
		}
	}
	return f, nil
}

func (w *Workspace) isArticle(slug string) bool {
	_, ok := w.relBySlug[slug]
	return ok
}

// ExtractPart is Extract of one part of an archive (Project.Load of a
// selection of names), with what the rest of each locale offers its
// units gathered from every part (Gather, catalog.Gatherer): the files
// it gives are those one Extract of the whole gives for the part's
// names, provided that the parts whose entries move into each other's
// files (PartFacts) are one part.
func (w *Workspace) ExtractPart(addLocales []language.Tag, prune bool, elsewhere map[language.Tag]*catalog.Elsewhere) (fileset.Set, ExtractReport, error) {
	return w.extract(addLocales, prune, elsewhere)
}
