package workspace

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/finding"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/render"
	"github.com/tilmash/tilmash/translate/segment"
)

// LocaleView is one locale of the project as the live preview (tilmash
// serve) shows it: its findings, as tilmash check reports them, and each
// article's edition with every unit the build would not show in the
// locale's language shown in English, as build --fallback en does.
//
// A LocaleView reads the workspace; the workspace must not change while
// it is used, and one workspace's views must not be used concurrently.
type LocaleView struct {
	w      *Workspace
	cat    *catalog.Catalog
	reject map[string]*assemble.Error
	// byArticle are the findings about each article's units, by slug;
	// those about no unit are under "".
	byArticle map[string][]finding.Finding

	// Findings are what tilmash check reports for the locale (none for
	// the source locale), sorted by position.
	Findings []finding.Finding
}

// View prepares the preview of one locale: the source locale (English) or
// a target locale with a catalogue. speller may be nil (no spelling).
func (w *Workspace) View(tag language.Tag, speller check.Speller) (*LocaleView, error) {
	if err := w.ready(); err != nil {
		return nil, err
	}
	v := &LocaleView{w: w}
	if tag == locale.Source {
		v.cat = w.Source
		return v, nil
	}
	v.cat = w.target(tag)
	if v.cat == nil {
		return nil, fmt.Errorf("no catalogue for %s", tag)
	}
	fs, err := w.Check([]language.Tag{tag}, speller)
	if err != nil {
		return nil, err
	}
	v.Findings = fs
	v.reject = w.rejections(v.cat)
	// Each finding filed under its unit's article, by the units' IDs: an
	// obsolete entry's ID still starts with its article's slug.
	slugOf := map[string]string{}
	for _, a := range w.Articles {
		for _, u := range a.Units {
			slugOf[u.ID] = a.Slug
		}
	}
	v.byArticle = map[string][]finding.Finding{}
	for _, f := range fs {
		slug, ok := slugOf[f.Unit]
		if !ok && f.Unit != "" {
			slug, _, _ = strings.Cut(f.Unit, ".")
		}
		v.byArticle[slug] = append(v.byArticle[slug], f)
	}
	return v, nil
}

// Locale is the view's locale.
func (v *LocaleView) Locale() language.Tag { return v.cat.Locale }

// Catalogue is the folder the view's translations come from: locales/kk
// (for a derived locale, its source locale's).
func (v *LocaleView) Catalogue() string { return v.cat.Path }

// Preview is one article's edition in one locale, ready for the preview.
type Preview struct {
	Edition *assemble.Edition // the edition, with fallback to English
	English *assemble.Edition // the English edition, to show beside it
	// HTML is the page exactly as build renders the HTML edition, each
	// unit's element marked with data-unit (render.Page.MarkUnits), its
	// language links pointing to every locale's preview of the article.
	HTML []byte
	// Hosts names, for a unit shown inside another unit's element (a
	// profile's name, inside its heading; a link's title, an inline tag's
	// alt, on the paragraph's link or tag), that element's unit.
	Hosts map[string]string
	// Findings are the view's findings about this article's units, and
	// those about no unit in particular (a catalogue's settings).
	Findings []finding.Finding
	// Entries are the catalogue positions of the article's units that have
	// an entry in the view's catalogue: where a translator edits them.
	Entries map[string]catalog.Pos
}

// Article prepares the preview of the article slug in the view's locale.
func (v *LocaleView) Article(slug string) (*Preview, error) {
	w := v.w
	a := w.Article(slug)
	if a == nil {
		return nil, fmt.Errorf("no article %q in %s/", slug, w.Layout.Content)
	}
	ed, err := v.assemble(a)
	if err != nil {
		return nil, err
	}
	en := ed
	if v.cat != w.Source {
		if en, err = assemble.Assemble(a, w.Source, w.Source, assemble.Options{}); err != nil {
			return nil, err
		}
	}
	pg := render.Page{MarkUnits: true, EditorHTML: w.Config.Publish.HTML == check.HTMLAsWritten}
	for _, tag := range w.Locales() {
		if tag != v.cat.Locale {
			pg.Alternates = append(pg.Alternates, render.Alternate{Locale: tag, Href: "../" + tag.String() + "/" + slug + ".html"})
		}
	}
	p := &Preview{Edition: ed, English: en, HTML: render.HTML(ed, pg), Hosts: map[string]string{}, Entries: map[string]catalog.Pos{}}
	for _, u := range a.Units {
		if m := v.cat.Lookup(u.ID); m != nil && m.Pos.Line > 0 {
			p.Entries[u.ID] = m.Pos
		}
	}
	var walk func([]segment.Block)
	walk = func(bs []segment.Block) {
		for _, b := range bs {
			if b.NameUnit >= 0 && b.Unit >= 0 {
				p.Hosts[a.Units[b.NameUnit].ID] = a.Units[b.Unit].ID
			}
			for _, c := range b.Children { // a link's title, an inline tag's alt: its text's element shows it
				if b.Unit >= 0 && c.Unit >= 0 && (c.Tag != "" || c.Kind == segment.TitleBlock) {
					p.Hosts[a.Units[c.Unit].ID] = a.Units[b.Unit].ID
				}
			}
			walk(b.Children)
		}
	}
	walk(a.Blocks)
	p.Findings = append(slices.Clone(v.byArticle[slug]), v.byArticle[""]...)
	finding.Sort(p.Findings)
	return p, nil
}

// assemble builds a's edition in the view's locale, as build --fallback en
// would: rejected units, and stale ones unless the stale policy keeps
// them, in English.
func (v *LocaleView) assemble(a *segment.Article) (*assemble.Edition, error) {
	opts := assemble.Options{Reject: v.reject, SourceForStale: v.w.Config.StalePolicy() != check.StaleKeep}
	return assemble.Assemble(a, v.w.Source, v.cat, opts)
}

// Coverage is how far an article's edition in the view's locale has come:
// the percentage of its units translated and up to date, and the view's
// findings about its units by severity.
func (v *LocaleView) Coverage(a *segment.Article) (pct float64, errors, warnings int, err error) {
	ed, err := v.assemble(a)
	if err != nil {
		return 0, 0, 0, err
	}
	for _, f := range v.byArticle[a.Slug] {
		switch f.Severity {
		case finding.Error:
			errors++
		case finding.Warning:
			warnings++
		}
	}
	return percent(ed.Stats.Translated, ed.Stats.Units), errors, warnings, nil
}

// Article returns the article named slug, or nil.
func (w *Workspace) Article(slug string) *segment.Article {
	if w.bySlug == nil { // a Workspace made by hand, not by Load
		i := slices.IndexFunc(w.Articles, func(a *segment.Article) bool { return a.Slug == slug })
		if i < 0 {
			return nil
		}
		return w.Articles[i]
	}
	return w.bySlug[slug]
}
