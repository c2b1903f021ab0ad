package workspace

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/finding"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/render"
	"github.com/tilmash/tilmash/translate/segment"
	"github.com/tilmash/tilmash/translate/site"
)

// Formats are the publishing formats, in the order they are built.
var Formats = []string{"md", "html", "txt", "epub"}

// HugoFormat is the page of a Hugo site's content tree (package site):
// dist/hugo/content/<language key>/<article>/index.md, with the images
// its figures show beside it. Built when asked for (--format, --site, or
// [publish] site = "hugo"), never by default.
const HugoFormat = "hugo"

// AllFormats are every format Build can make: Formats, then the sites'.
var AllFormats = append(slices.Clone(Formats), HugoFormat)

// WordsPerMinute is the reading speed behind a report's reading time.
const WordsPerMinute = 200

// BuildOptions choose what Build makes and what it publishes.
type BuildOptions struct {
	Locales []language.Tag // the locales to build; empty: every locale, the source included
	Formats []string       // the formats; empty: all of Formats (and Site's)
	// Site, when "hugo", adds the Hugo content tree to the formats built
	// (as [publish] site = "hugo" does).
	Site    string
	Article string // only the article with this slug; empty: every article
	// Fallback publishes an edition with missing, rejected or stale units
	// anyway, showing the English for them (marked lang="en" in HTML and
	// EPUB).
	Fallback bool
	// MinCoverage publishes an incomplete edition, with fallback, when at
	// least this percentage of its units is translated and up to date.
	MinCoverage float64
	// Previous is the report of the last build, if any. An edition this
	// build refuses stays published if that build published it complete
	// (it is "kept", and its language links are brought up to date); the
	// editions a partial build does not make count as published; and in a
	// full build, the files it recorded that this build does not make (an
	// article deleted since) are removed.
	Previous *Report
	// Published are editions a build of the other locales would publish,
	// by article and locale (export: the article's editions in every
	// locale, from a PlanOnly build): an edition's language links name
	// them, as a whole build's would.
	Published map[string]map[string]bool
	// Now is the moment embargoes (Embargo) are judged at; zero: Now().
	Now time.Time
	// PlanOnly decides what would be published, as a build would, and
	// reports it, without rendering anything (tilmash status).
	PlanOnly bool
	// Part makes this build one part of a build of the whole archive
	// (package archive): see PartOptions.
	Part *PartOptions

	selection bool // the workspace holds a selection of the articles (Select)
}

// PartOptions make a build of one part of an archive decide as the build
// of the whole archive does, and leave to CombineBuilds what only the
// whole knows: the report merged with the last build's, the images other
// parts' articles show, and the files of articles in no part. The
// workspace's Previous report need only hold its own articles' entries.
type PartOptions struct {
	// Selected: the archive build is of a selection of the articles (a
	// shard), partial as Build of that selection is.
	Selected bool
	// Elsewhere says in which locales an article the part does not hold
	// is published (nil: in none, or not known), for the links to it.
	Elsewhere func(slug string) map[string]bool
	// OldPages are the old addresses a partial build of the archive
	// leaves as they are (OldPagesLeft of the whole last report): a part's
	// Previous holds only its own articles' editions.
	OldPages map[string]string
}

// full reports whether the options build everything.
func (o BuildOptions) full() bool {
	return len(o.Locales) == 0 && len(o.Formats) == 0 && o.Article == "" && !o.selection
}

// Edition is one built edition: an article in a locale.
type Edition struct {
	*assemble.Edition
	Coverage float64  // percentage of units translated and up to date
	Files    []string // the files written for it
}

// Output is one file of the build report.
type Output struct {
	Locale         string  `json:"locale"`
	Article        string  `json:"article"`
	Format         string  `json:"format"`
	File           string  `json:"file"`
	Requirement    string  `json:"requirement"` // required, in progress, or (for the source) source
	Coverage       float64 `json:"coverage"`
	Words          int     `json:"words"`
	ReadingMinutes int     `json:"reading_minutes"`
	FallbackUnits  int     `json:"fallback_units"`
	// UnderRevision lists the units shown in a translation made from
	// English that has changed since (the "keep" stale policy): the
	// edition is published, awaiting their revision.
	UnderRevision []string `json:"under_revision,omitempty"`
	// Kept is true for a file this build did not make: the edition could
	// not be published now, so the complete one an earlier build made
	// from the same English stays (with its language links brought up to
	// date).
	Kept bool `json:"kept,omitempty"`
	// Source fingerprints the English the edition was built from (every
	// unit's ID and hash, in order): an edition is kept only while the
	// English is what it was.
	Source   string   `json:"source,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
	// Redirects are the pages an HTML edition left at its article's old
	// addresses (the names it had before a rename): each leads to it.
	Redirects []string `json:"redirects,omitempty"`
	// Resources are the images a Hugo page's figures show, in its bundle
	// (dist/hugo/content/ru/a/media/photo.jpg).
	Resources []string `json:"resources,omitempty"`
}

// AllFiles are the files of the edition: its own, the redirect pages it
// left, the images of its bundle.
func (o Output) AllFiles() []string {
	return slices.Concat([]string{o.File}, o.Redirects, o.Resources)
}

// Rejection is a unit whose translation a build would not publish, and why.
type Rejection struct {
	Unit    string `json:"unit"`
	Pos     string `json:"pos"` // file:line:col of the problem in the catalogue
	Message string `json:"message"`
}

// Refusal is an edition Build did not publish because it is incomplete.
type Refusal struct {
	Locale      string      `json:"locale"`
	Article     string      `json:"article"`
	Requirement string      `json:"requirement"` // required or in progress: only a required one fails the build
	Coverage    float64     `json:"coverage"`
	Missing     []string    `json:"missing,omitempty"`  // units with no translation
	Stale       []string    `json:"stale,omitempty"`    // units whose translation is stale (stale = "refuse")
	Rejected    []Rejection `json:"rejected,omitempty"` // units whose translation fails a check
	Kept        bool        `json:"kept,omitempty"`     // the earlier, complete edition stays published
}

// Report is what a build made, as dist/report.json records it.
type Report struct {
	// Inputs is the Digest of what the build read and how it was asked:
	// the next build with the same digest has nothing to do.
	Inputs   string    `json:"inputs,omitempty"`
	Editions []Output  `json:"editions"`
	Refused  []Refusal `json:"refused,omitempty"`
	// Media are the images the articles' figures show, published once
	// under dist/media/ for every locale's editions.
	Media []Media `json:"media,omitempty"`
	// Until is the earliest embargo of the articles the build held back
	// (RFC 3339, UTC): from then on, the same files build differently.
	Until string `json:"until,omitempty"`
	// HeldBack are the articles published in no locale, and why: a
	// draft, or under embargo until a time; by article.
	HeldBack []HeldBack `json:"held_back,omitempty"`
}

// HeldBack is an article a build publishes in no locale.
type HeldBack struct {
	Article string `json:"article"`
	Why     string `json:"why"` // "draft", or "under embargo until <RFC 3339>"
}

// Due reports whether an embargo the build held an article back for
// has ended by now: its files unchanged, the next build still has
// something to do.
func (r *Report) Due(now time.Time) bool {
	t, err := time.Parse(time.RFC3339, r.Until)
	return err == nil && !now.Before(t)
}

// Failed reports whether the build refused an edition the publication
// policy requires, or a source edition: what makes tilmash build exit 1.
func (r Report) Failed() bool {
	for _, x := range r.Refused {
		if x.Fails() {
			return true
		}
	}
	return false
}

// Fails reports whether the refusal fails the build: the edition is
// required, or it is the source's (always required: refused only when its
// English holds a character no edition can carry).
func (x Refusal) Fails() bool {
	return x.Requirement == check.Required.String() || x.Requirement == sourceRequirement
}

// sourceRequirement is the requirement of a source edition.
const sourceRequirement = "source"

// Result is a build's files, editions and report.
type Result struct {
	Files    fileset.Set // to write; a nil content means "remove": an edition refused now but published before
	Editions []Edition
	Report   Report

	// Of a part's build (BuildOptions.Part), for CombineBuilds:
	// Published are the locales each article is published in (now,
	// kept, or left as they are by a partial build); Decided the
	// locale/article pairs decided on; KeptMedia the images of the
	// editions kept from the last build.
	Published map[string]map[string]bool
	Decided   map[string]bool
	KeptMedia []Media
}

// plan is the decision about one edition, before anything is rendered.
type plan struct {
	article  *segment.Article
	cat      *catalog.Catalog
	req      string
	ed       *assemble.Edition
	refusal  *Refusal // nil: published
	planOnly bool     // decide, do not render
	// noKeep: the edition holds a character no edition can carry, so an
	// earlier edition of the same English (made by a tilmash that let it
	// through) must not stay online either.
	noKeep bool
}

// Build assembles every article in every locale and renders each in every
// format under dist/<locale>/. It decides first, then renders:
//
//  1. Each target locale is checked (as tilmash check does, spelling aside);
//     a unit with an error finding is rejected for that edition only, like
//     a missing one.
//  2. An edition with a missing or rejected unit (or a stale one, under the
//     stale policy "refuse") is refused, unless opts allow fallback. An
//     edition the policy does not require is in progress: refused quietly.
//     A refused edition that an earlier build published complete, from the
//     same English, is kept: the refusal is the translation's fault alone.
//  3. Every published edition is rendered with language links to exactly
//     the editions published (now, kept, or untouched by a partial build).
//
// Locales are built in parallel; the result does not depend on their order.
// Each step below is a method of its own, in the order Build takes them.
func (w *Workspace) Build(opts BuildOptions) (*Result, error) {
	if err := w.ready(); err != nil {
		return nil, err
	}
	opts = w.scope(opts)
	formats, err := BuildFormats(opts, w.Config)
	if err != nil {
		return nil, err
	}
	sel, err := w.selectEditions(opts)
	if err != nil {
		return nil, err
	}
	plans, err := w.planEditions(sel, opts) // 1 and 2
	if err != nil {
		return nil, err
	}
	refused, standIns := w.refuseUnreadable(sel, opts)
	plans = append(plans, refused...)
	links := append(sel.all, standIns...) // the catalogues of the language links, in their order
	pub, report := w.publicationOf(plans, sel, opts)
	imgs := w.shownImages(plans, sel.articles, opts)
	res := &Result{Files: fileset.Set{}, Report: report}
	w.renderEditions(res, plans, links, pub.published, formats, imgs, opts) // 3
	w.keep(res, pub, opts)
	w.relinkKept(res, pub, links, opts)
	if opts.Part != nil {
		res.Published, res.Decided = pub.published, pub.decided
		sortReport(&res.Report)
		return res, nil // CombineBuilds does the rest, for the whole
	}
	res.Report = finalReport(res.Report, pub.decided, formats, opts)
	w.removeGone(res, opts)
	return res, nil
}

// scope takes the options as given and gives them completed with what the
// workspace knows: a build of a selection of the articles (Select, or an
// archive part's PartOptions.Selected) is partial, leaving the other
// articles' editions as they are and merging its report; and the last
// build's report is kept only as far as it can be trusted (trusted). It
// also sets where a part's links to the articles of other parts go.
func (w *Workspace) scope(opts BuildOptions) BuildOptions {
	opts.selection = !w.selected.All()
	w.elsewhere = nil
	if opts.Part != nil {
		opts.selection = opts.Part.Selected
		w.elsewhere = opts.Part.Elsewhere
	}
	opts.Previous = w.trusted(opts.Previous)
	if opts.Part != nil {
		w.oldPages = opts.Part.OldPages
	} else {
		w.oldPages = OldPagesLeft(opts.Previous, opts.full(), func(slug string) bool { return w.selected.Has(slug) && (opts.Article == "" || slug == opts.Article) })
	}
	return opts
}

// OldPagesLeft are the old addresses (the redirect pages) the last build
// (prev) made for the editions of articles a partial build does not decide
// on (inBuild false: it leaves them as they are), with the article each
// leads to; none for a full build. Such a page stays its article's when
// that article is the first in path order of those that claim its old
// name, as a full build decides.
func OldPagesLeft(prev *Report, full bool, inBuild func(slug string) bool) map[string]string {
	if prev == nil || full {
		return nil
	}
	var out map[string]string
	for _, o := range prev.Editions {
		if len(o.Redirects) == 0 || inBuild(o.Article) {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		for _, f := range o.Redirects {
			out[f] = o.Article
		}
	}
	return out
}

// selection is what a build is of: the locales and the articles it
// decides on, chosen before anything is decided.
type selection struct {
	all      []*catalog.Catalog // every catalogue, the source's first: the order of the language links
	cats     []*catalog.Catalog // the catalogues of the locales built (opts.Locales, or all)
	missing  []language.Tag     // the locales required that have no catalogue (requiredWithoutCatalogue)
	articles []*segment.Article // the articles built: the one asked for, or every one; no draft, none under embargo
	now      time.Time          // the moment embargoes are judged at
	until    time.Time          // the earliest embargo an article is held back for; zero: none
}

// selectEditions takes the options and gives the locales' catalogues and
// the articles the build decides on: the catalogues of the locales asked
// for (each indexed now, for the goroutines of the steps after it, which
// only read), and the articles asked for that are neither drafts nor
// under embargo at opts.Now. A locale asked for that has no catalogue,
// not even a broken or a required one, and an article asked for that is
// not there (or held back), are errors.
func (w *Workspace) selectEditions(opts BuildOptions) (selection, error) {
	sel := selection{all: append([]*catalog.Catalog{w.Source}, w.Targets...)}
	for _, c := range sel.all {
		c.Lookup("") // build the index now: the goroutines below only read
		if len(opts.Locales) == 0 || slices.Contains(opts.Locales, c.Locale) {
			sel.cats = append(sel.cats, c)
		}
	}
	sel.missing = w.requiredWithoutCatalogue()
	for _, tag := range opts.Locales {
		known := slices.ContainsFunc(sel.all, func(c *catalog.Catalog) bool { return c.Locale == tag }) ||
			slices.ContainsFunc(w.Broken, func(b *BrokenCatalogue) bool { return b.Locale == tag }) || slices.Contains(sel.missing, tag)
		if !known {
			return selection{}, fmt.Errorf("no catalogue for %s: add it with tilmash extract --add-locale %s", tag, tag)
		}
	}
	sel.now = opts.Now
	if sel.now.IsZero() {
		sel.now = Now()
	}
	for _, a := range w.Articles {
		if t, ok := Embargo(a); ok && sel.now.Before(t) {
			if sel.until.IsZero() || t.Before(sel.until) {
				sel.until = t
			}
			continue
		}
		if (opts.Article == "" || a.Slug == opts.Article) && !Draft(a) {
			sel.articles = append(sel.articles, a)
		}
	}
	if len(sel.articles) == 0 && opts.Article != "" {
		return selection{}, fmt.Errorf("no article %q in %s/", opts.Article, w.Layout.Content)
	}
	return sel, nil
}

// planEditions takes the selection and gives the plan of every edition of its
// catalogues, one list per catalogue of sel.cats: each locale checked and
// its editions published or refused (steps 1 and 2 of Build), the locales
// in parallel; then the editions of a derived locale (kk-Latn) follow
// those of the locale they are computed from (followSources).
func (w *Workspace) planEditions(sel selection, opts BuildOptions) ([][]plan, error) {
	j := w.judge(sel.articles)
	plans := make([][]plan, len(sel.cats))
	errs := make([]error, len(sel.cats))
	var wg sync.WaitGroup
	for i, c := range sel.cats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			plans[i], errs[i] = w.planLocale(c, sel.articles, opts, j)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := w.followSources(sel.cats, plans, sel.articles, opts, j); err != nil {
		return nil, err
	}
	return plans, nil
}

// refuseUnreadable takes the selection and gives the plans of the locales
// whose catalogue cannot be read (w.Broken) or that are required but have
// none (sel.missing), of those asked for: every edition of a locale whose
// catalogue cannot be read is refused (the earlier ones may be kept);
// every edition a locale without a catalogue is required to have is
// refused. It gives, too, the stand-in catalogue the plans of each such
// locale are made with (empty, at the catalogue's path), one per locale
// in the order of the plans, for the language links.
func (w *Workspace) refuseUnreadable(sel selection, opts BuildOptions) ([][]plan, []*catalog.Catalog) {
	var plans [][]plan
	var standIns []*catalog.Catalog
	refuseAll := func(tag language.Tag, path string, why Rejection, onlyRequired bool) {
		if len(opts.Locales) > 0 && !slices.Contains(opts.Locales, tag) {
			return
		}
		c := &catalog.Catalog{Locale: tag, Path: path}
		var ps []plan
		for _, a := range sel.articles {
			req := w.Config.Requirement(a, tag.String())
			if req == check.NotForTranslation || onlyRequired && req != check.Required {
				continue
			}
			ps = append(ps, plan{article: a, cat: c, req: req.String(), planOnly: opts.PlanOnly,
				refusal: &Refusal{Locale: tag.String(), Article: a.Slug, Requirement: req.String(), Rejected: []Rejection{why}}})
		}
		plans = append(plans, ps)
		standIns = append(standIns, c)
	}
	for _, b := range w.Broken {
		why := Rejection{Pos: b.Path, Message: b.Err.Error()}
		var ce *catalog.Error
		if errors.As(b.Err, &ce) {
			why = Rejection{Pos: ce.Pos.String(), Message: ce.Msg}
		}
		refuseAll(b.Locale, b.Path, why, false)
	}
	for _, tag := range sel.missing {
		path := catalog.TargetPath(w.Layout.Locales, tag)
		msg := fmt.Sprintf("%s is required, but there is no catalogue in %s/: start it with tilmash extract --add-locale %s", tag, path, tag)
		if from := w.Config.Locales[tag.String()].From; from != "" {
			msg = fmt.Sprintf("%s is derived from %s, which has no catalogue in %s/%s/: start it with tilmash extract --add-locale %s", tag, from, w.Layout.Locales, from, from)
		}
		refuseAll(tag, path, Rejection{Pos: w.Config.LocalePos(tag.String()).String(), Message: msg}, true)
	}
	return plans, standIns
}

// publication is which editions a build publishes, once every edition it
// builds is decided on.
type publication struct {
	prev map[string]prevEdition // the last build's editions, by locale/article
	// published: article → locale → published, now, kept from the last
	// build, left as they are by a partial build, or by the build of the
	// other locales (BuildOptions.Published). A draft, or an article under
	// embargo, has an empty map: published nowhere, known so.
	published map[string]map[string]bool
	decided   map[string]bool // the locale/article pairs this build decided on
	kept      []string        // the locale/article pairs refused now but kept from the last build
	untouched []string        // the locale/article pairs a partial build leaves as they are, sorted
}

// add records the edition of the article slug in loc as published.
func (pub *publication) add(slug, loc string) {
	if pub.published[slug] == nil {
		pub.published[slug] = map[string]bool{}
	}
	pub.published[slug][loc] = true
}

// publicationOf takes the plans and gives which editions are published,
// per the policy and the last build: an edition not refused is; a
// refused one stays published (kept; its refusal marked so) when the last
// build published it complete from the same English and its files are
// still there, unless it holds a character no edition can carry; a
// partial build leaves the editions it does not decide on as they are.
// It gives, too, the report's refusals (in the order of the plans), the
// articles held back (drafts, and those under embargo) and the end of
// the earliest embargo; the report's other parts are the later steps'.
func (w *Workspace) publicationOf(plans [][]plan, sel selection, opts BuildOptions) (publication, Report) {
	pub := publication{prev: previousEditions(opts.Previous), published: map[string]map[string]bool{}, decided: map[string]bool{}}
	var report Report
	for _, ps := range plans {
		for _, p := range ps {
			key := p.cat.Locale.String() + "/" + p.article.Slug
			pub.decided[key] = true
			switch {
			case p.refusal == nil:
				pub.add(p.article.Slug, p.cat.Locale.String())
			case !p.noKeep && pub.prev[key].keepable(w.fingerprint(p.article), w.Config.StalePolicy()) && w.exists(pub.prev[key].outputs):
				p.refusal.Kept = true
				pub.add(p.article.Slug, p.cat.Locale.String())
				pub.kept = append(pub.kept, key)
			}
			if p.refusal != nil {
				report.Refused = append(report.Refused, *p.refusal)
			}
		}
	}
	report.HeldBack = w.holdBack(&pub, sel.now)
	if !sel.until.IsZero() {
		report.Until = sel.until.UTC().Format(time.RFC3339)
	}
	for key, e := range pub.prev {
		loc, slug, _ := strings.Cut(key, "/")
		if !pub.decided[key] && !opts.full() && w.exists(e.outputs) && slices.ContainsFunc(w.Articles, func(a *segment.Article) bool { return a.Slug == slug }) {
			pub.add(slug, loc)
			pub.untouched = append(pub.untouched, key)
		}
	}
	sort.Strings(pub.untouched)
	for slug, locs := range opts.Published {
		for loc, ok := range locs {
			if ok && !pub.decided[loc+"/"+slug] {
				pub.add(slug, loc)
			}
		}
	}
	return pub, report
}

// holdBack takes the publication and the moment embargoes are judged at,
// records each draft and each article under embargo as published
// nowhere, known so (a link to it shows its words alone, in every part of
// an archive), and gives the report's entries for them.
func (w *Workspace) holdBack(pub *publication, now time.Time) []HeldBack {
	var out []HeldBack
	for _, a := range w.Articles {
		t, ok := Embargo(a)
		embargoed := ok && now.Before(t)
		if (Draft(a) || embargoed) && pub.published[a.Slug] == nil {
			pub.published[a.Slug] = map[string]bool{}
		}
		switch {
		case Draft(a):
			out = append(out, HeldBack{Article: a.Slug, Why: "draft"})
		case embargoed:
			out = append(out, HeldBack{Article: a.Slug, Why: "under embargo until " + t.UTC().Format(time.RFC3339)})
		}
	}
	return out
}

// shownImages takes the plans and gives the images of the figures of
// every article this build renders in any locale: read once, published
// once under dist/media/, packed into each book. Nil when nothing is
// rendered (opts.PlanOnly).
func (w *Workspace) shownImages(plans [][]plan, articles []*segment.Article, opts BuildOptions) *images {
	if opts.PlanOnly {
		return nil
	}
	shown := map[*segment.Article]bool{}
	for _, ps := range plans {
		for _, p := range ps {
			if p.refusal == nil {
				shown[p.article] = true
			}
		}
	}
	return w.collectImages(slices.DeleteFunc(slices.Clone(articles), func(a *segment.Article) bool { return !shown[a] }))
}

// renderEditions takes the plans and what is published and adds to res
// what step 3 of Build makes: every edition published now, rendered in
// the formats with language links to the editions published (in the
// order of links), the locales in parallel, with its report entries; the
// removal of every edition refused and not kept, in every format (an
// earlier fallback edition must not stay published); and the images
// shown, with their report entries.
func (w *Workspace) renderEditions(res *Result, plans [][]plan, links []*catalog.Catalog, published map[string]map[string]bool, formats []string, imgs *images, opts BuildOptions) {
	type rendered struct {
		files   fileset.Set
		eds     []Edition
		outputs []Output
	}
	outs := make([]rendered, len(plans))
	var wg sync.WaitGroup
	for i := range plans {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &outs[i]
			r.files = fileset.Set{}
			for _, p := range plans[i] {
				if p.refusal != nil {
					if !p.refusal.Kept && !opts.PlanOnly {
						for _, f := range AllFormats { // the whole edition, whatever formats this build makes
							r.files[w.editionFile(p.cat.Locale, p.article.Slug, f)] = nil // an earlier fallback edition must not stay published
						}
					}
					continue
				}
				pg := w.page(p.cat.Locale, p.article.Slug, links, published)
				var warnings []string
				if imgs != nil {
					pg.Images, warnings = imgs.pages[p.article], imgs.warnings[p.article]
				}
				ed, outputs := w.render(p, formats, pg, r.files, warnings)
				r.eds = append(r.eds, ed)
				r.outputs = append(r.outputs, outputs...)
			}
		}()
	}
	wg.Wait()
	for _, r := range outs {
		for p, data := range r.files {
			res.Files[p] = data
		}
		res.Editions = append(res.Editions, r.eds...)
		res.Report.Editions = append(res.Report.Editions, r.outputs...)
	}
	if imgs != nil {
		for f, data := range imgs.files {
			res.Files[f] = data
		}
		res.Report.Media = imgs.media
	}
}

// keep adds to res what the editions kept from the last build carry over:
// their report entries, marked kept, and, in a full build, the images
// they show (a part's, in res.KeptMedia for CombineBuilds to merge).
func (w *Workspace) keep(res *Result, pub publication, opts BuildOptions) {
	for _, key := range pub.kept {
		for _, o := range pub.prev[key].outputs {
			o.Kept = true
			res.Report.Editions = append(res.Report.Editions, o)
		}
	}
	if !opts.PlanOnly && opts.Previous != nil && opts.full() {
		if opts.Part != nil {
			res.KeptMedia = w.keptMedia(opts.Previous.Media, pub.kept)
		} else {
			res.Report.Media = mergeMedia(w.keptMedia(opts.Previous.Media, pub.kept), res.Report.Media)
		}
	}
}

// relinkKept adds to res.Files the pages and books of the editions kept
// from the last build, and of those a partial build leaves as they are,
// with the language links of this build's published editions (relink):
// those whose links change.
func (w *Workspace) relinkKept(res *Result, pub publication, links []*catalog.Catalog, opts BuildOptions) {
	if opts.PlanOnly {
		return
	}
	for _, key := range append(pub.kept, pub.untouched...) {
		for _, o := range pub.prev[key].outputs {
			if page, ok := w.relink(o, links, pub.published); ok {
				res.Files[o.File] = page
			}
		}
	}
}

// finalReport takes the report of this build and gives the one it writes:
// a partial build's merged with the last build's (mergeReport), in its
// canonical order, shards merged included, with an empty list of editions
// rather than none.
func finalReport(report Report, decided map[string]bool, formats []string, opts BuildOptions) Report {
	if !opts.full() && opts.Previous != nil {
		report = mergeReport(*opts.Previous, report, decided, formats)
	}
	sortReport(&report) // whichever way it was made, shards merged included
	if report.Editions == nil {
		report.Editions = []Output{}
	}
	return report
}

// removeGone adds to res.Files, in a full build, the removal of every file
// the last build published that this one neither made nor kept: the
// editions of an article deleted since, and an image no article shows any
// more (or whose article is gone).
func (w *Workspace) removeGone(res *Result, opts BuildOptions) {
	if opts.Previous == nil || !opts.full() || opts.PlanOnly {
		return
	}
	for _, o := range opts.Previous.Editions {
		for _, f := range o.AllFiles() {
			if _, made := res.Files[f]; !made && !keptFile(res.Report.Editions, f) && strings.HasPrefix(f, w.Layout.Dist+"/") {
				res.Files[f] = nil
			}
		}
	}
	// An image no article shows any more (or whose article is gone).
	for _, m := range opts.Previous.Media {
		if _, made := res.Files[m.File]; !made && !slices.ContainsFunc(res.Report.Media, func(n Media) bool { return n.File == m.File }) {
			res.Files[m.File] = nil
		}
	}
}

// CombineBuilds joins the builds of the parts of an archive (Build with
// opts.Part, each given the options opts) into the report one Build of
// them all writes: their reports together, merged with the last build's
// as Build merges it. For a full build it also returns the files the last
// build published that no part made (made reports those that a part
// wrote or removed): the editions of articles deleted since, and the
// images no article shows any more. Build removes them.
func (p *Project) CombineBuilds(opts BuildOptions, parts []*Result, made func(string) bool) (Report, []string) {
	w := &Workspace{Layout: p.Layout, fsys: p.fsys}
	prev := w.trusted(opts.Previous)
	opts.selection = opts.Part != nil && opts.Part.Selected
	formats, err := BuildFormats(opts, p.Config)
	if err != nil { // each part's Build refused it first
		formats = Formats
	}
	var out Report
	decided := map[string]bool{}
	var kept, shown [][]Media
	for _, r := range parts {
		out.Editions = append(out.Editions, r.Report.Editions...)
		out.Refused = append(out.Refused, r.Report.Refused...)
		if u := r.Report.Until; u != "" && (out.Until == "" || u < out.Until) {
			out.Until = u // RFC 3339 in UTC: ordered as text
		}
		out.HeldBack = append(out.HeldBack, r.Report.HeldBack...)
		shown = append(shown, r.Report.Media)
		kept = append(kept, r.KeptMedia)
		for k := range r.Decided {
			decided[k] = true
		}
	}
	oneClaimEach(out.Editions) // the first part's, as its files are (fileset.Stage.AddAs)
	if !opts.PlanOnly {
		out.Media = mergeMedia(shown...)
		if prev != nil && opts.full() {
			out.Media = mergeMedia(append(kept, out.Media)...)
		}
	}
	if !opts.full() && prev != nil {
		out = mergeReport(*prev, out, decided, formats)
	}
	sortReport(&out)
	if out.Editions == nil {
		out.Editions = []Output{}
	}
	var remove []string
	if prev != nil && opts.full() && !opts.PlanOnly {
		keep := map[string]bool{} // the kept editions' files, and the images shown
		for _, o := range out.Editions {
			for _, f := range o.AllFiles() {
				keep[f] = keep[f] || o.Kept
			}
		}
		for _, m := range out.Media {
			keep[m.File] = true
		}
		for _, o := range prev.Editions {
			for _, f := range o.AllFiles() {
				if !made(f) && !keep[f] && strings.HasPrefix(f, w.Layout.Dist+"/") {
					remove = append(remove, f)
				}
			}
		}
		for _, m := range prev.Media {
			if !made(m.File) && !keep[m.File] {
				remove = append(remove, m.File)
			}
		}
	}
	return out, remove
}

// Draft reports whether an article's front matter says draft = true, as
// Hugo, Zola, Jekyll and Eleventy editors mark an article not to publish:
// build publishes it in no locale, and a full build takes down what an
// earlier one published of it.
func Draft(a *segment.Article) bool {
	d, _ := a.Meta.Params["draft"].(bool)
	return d
}

// Embargo is the moment an article may be published from, when its
// front matter sets one: publishDate, as Hugo names it (publishdate,
// publish_date too): a TOML or YAML date, or a string in RFC 3339 or
// 2006-01-02[T15:04:05] form (a time without a zone is UTC). Before it,
// build publishes the article in no locale, as a draft; from it, as any.
func Embargo(a *segment.Article) (time.Time, bool) {
	for _, key := range []string{"publishDate", "publishdate", "publish_date"} {
		switch v := a.Meta.Params[key].(type) {
		case time.Time: // TOML's local forms come with a zone of offset 0: UTC
			return v, true
		case string:
			for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
				if t, err := time.Parse(layout, strings.TrimSpace(v)); err == nil {
					return t, true
				}
			}
		}
	}
	return time.Time{}, false
}

// UnderEmbargo reports whether an article of the workspace is under
// embargo at now (Embargo).
func (w *Workspace) UnderEmbargo(now time.Time) bool {
	for _, a := range w.Articles {
		if t, ok := Embargo(a); ok && now.Before(t) {
			return true
		}
	}
	return false
}

// Now is the moment builds judge embargoes at: SOURCE_DATE_EPOCH (seconds
// since 1970, the reproducible-builds convention) when set, or the clock.
func Now() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return time.Now()
}

// mergeReport is the report after a partial build: the last report's
// entries for the editions this build did not decide on, and for the
// formats it did not make of those it published, with this build's.
func mergeReport(prev, now Report, decided map[string]bool, formats []string) Report {
	refused := map[string]bool{}
	for _, r := range now.Refused {
		if !r.Kept {
			refused[r.Locale+"/"+r.Article] = true
		}
	}
	out := Report{}
	for _, o := range prev.Editions {
		key := o.Locale + "/" + o.Article
		if decided[key] && (refused[key] || slices.Contains(formats, o.Format) || o.Kept) {
			continue // replaced, taken down, or carried over by this build
		}
		out.Editions = append(out.Editions, o)
	}
	// An old address this build's editions lead from is theirs now.
	out.Editions = append(slices.Clone(now.Editions), out.Editions...)
	oneClaimEach(out.Editions)
	for _, r := range prev.Refused {
		if !decided[r.Locale+"/"+r.Article] {
			out.Refused = append(out.Refused, r)
		}
	}
	out.Refused = append(out.Refused, now.Refused...)
	out.Media = mergeMedia(prev.Media, now.Media)
	out.Until, out.HeldBack = now.Until, now.HeldBack // of the articles this build read
	sortReport(&out)
	return out
}

// oneClaimEach drops from each edition of eds the old pages (Redirects)
// an edition before it lists: an old address leads to one page, the first
// claimant's.
func oneClaimEach(eds []Output) {
	claimed := map[string]bool{}
	for i, o := range eds {
		if len(o.Redirects) == 0 {
			continue
		}
		eds[i].Redirects = slices.DeleteFunc(slices.Clone(o.Redirects), func(f string) bool { return claimed[f] })
		for _, f := range eds[i].Redirects {
			claimed[f] = true
		}
	}
}

// MergeReports joins the reports of builds of disjoint selections of the
// articles (the shards of a CI matrix) into the report one build of them
// all would have written. Two reports that name the same edition file, or
// decide on the same edition, are an error: the shards overlap. An image
// is listed once, with the articles of every shard that show it.
func MergeReports(reports []Report) (Report, error) {
	out := Report{Editions: []Output{}}
	file := map[string]int{}    // file → the report that names it
	decided := map[string]int{} // locale/article → the report that decided it
	claim := func(i int, key string) error {
		if j, ok := decided[key]; ok && j != i {
			return fmt.Errorf("reports %d and %d both hold the edition %s: were the shards built from different sets of articles?", j+1, i+1, key)
		}
		decided[key] = i
		return nil
	}
	for i, r := range reports {
		for _, o := range r.Editions {
			if j, ok := file[o.File]; ok {
				return Report{}, fmt.Errorf("reports %d and %d both hold %s: were the shards built from different sets of articles?", j+1, i+1, o.File)
			}
			file[o.File] = i
			if err := claim(i, o.Locale+"/"+o.Article); err != nil {
				return Report{}, err
			}
			out.Editions = append(out.Editions, o)
		}
		for _, x := range r.Refused {
			if err := claim(i, x.Locale+"/"+x.Article); err != nil {
				return Report{}, err
			}
			out.Refused = append(out.Refused, x)
		}
	}
	for _, r := range reports {
		out.Media = mergeMedia(out.Media, r.Media) // an image two shards' articles show is one file
	}
	sortReport(&out)
	return out, nil
}

// sortReport puts a report in its canonical order: by locale (the source
// first), article and format.
func sortReport(out *Report) {
	sort.SliceStable(out.Editions, func(i, j int) bool {
		a, b := out.Editions[i], out.Editions[j]
		if a.Locale != b.Locale {
			return localeOrder(a.Locale) < localeOrder(b.Locale)
		}
		if a.Article != b.Article {
			return a.Article < b.Article
		}
		return slices.Index(AllFormats, a.Format) < slices.Index(AllFormats, b.Format)
	})
	sort.SliceStable(out.Refused, func(i, j int) bool {
		a, b := out.Refused[i], out.Refused[j]
		if a.Locale != b.Locale {
			return localeOrder(a.Locale) < localeOrder(b.Locale)
		}
		return a.Article < b.Article
	})
	sort.SliceStable(out.HeldBack, func(i, j int) bool { return out.HeldBack[i].Article < out.HeldBack[j].Article })
}

// relink gives an edition file an earlier build wrote the language links
// of this build. It reports false when there is nothing to change.
func (w *Workspace) relink(o Output, all []*catalog.Catalog, published map[string]map[string]bool) ([]byte, bool) {
	if w.fsys == nil || (o.Format != "html" && o.Format != "epub") {
		return nil, false
	}
	old, err := bound.ReadFile(w.fsys, o.File, bound.Edition)
	if err != nil {
		return nil, false // rebuilt instead
	}
	tag, err := language.Parse(o.Locale)
	if err != nil {
		return nil, false
	}
	pg := w.page(tag, o.Article, all, published)
	var out []byte
	var ok bool
	if o.Format == "html" {
		out, ok = render.Relink(old, tag, pg)
	} else {
		out, ok = render.RelinkEPUB(old, pg)
	}
	return out, ok && !bytes.Equal(out, old)
}

// fingerprint identifies the English of an article as the editions see
// it: every unit's ID and hash, in order. ready computes them all.
func (w *Workspace) fingerprint(a *segment.Article) string {
	if fp, ok := w.fingerprints[a]; ok {
		return fp
	}
	hashes := make([]string, len(a.Units))
	for i := range a.Units {
		hashes[i] = a.Units[i].Hash()
	}
	return fingerprintOf(a, hashes)
}

// fingerprintOf is the fingerprint of a, whose units have these hashes.
func fingerprintOf(a *segment.Article, hashes []string) string {
	h := sha256.New()
	for i := range a.Units {
		h.Write([]byte(a.Units[i].ID + "\x00" + hashes[i] + "\x00"))
	}
	return "sha256-" + hex.EncodeToString(h.Sum(nil))[:16]
}

// requiredWithoutCatalogue lists the locales that tilmash.toml or an
// article's required_locales requires but that have no catalogue, not even
// a broken one.
func (w *Workspace) requiredWithoutCatalogue() []language.Tag {
	seen := map[string]bool{}
	var out []language.Tag
	add := func(s string) {
		tag, err := locale.Parse(s)
		if err != nil || seen[tag.String()] || tag == locale.Source || slices.Contains(w.Locales(), tag) {
			return
		}
		seen[tag.String()] = true
		out = append(out, tag)
	}
	if w.Config != nil {
		for s, rules := range w.Config.Locales {
			if rules.Required {
				add(s)
			}
		}
	}
	for _, a := range w.Articles {
		if a.Meta.Translate {
			for _, s := range a.Meta.Required {
				add(s)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// withoutCatalogue is requiredWithoutCatalogue with the derived locales
// whose source locale has no catalogue, required or not: each is a
// finding, never a silent gap.
func (w *Workspace) withoutCatalogue() []language.Tag {
	out := w.requiredWithoutCatalogue()
	if w.Config == nil {
		return out
	}
	for _, key := range w.Config.Derived() {
		tag, err := locale.Parse(key)
		if err == nil && !slices.Contains(out, tag) && !slices.Contains(w.Locales(), tag) {
			out = append(out, tag)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// prevEdition is what the last build's report says of one edition.
type prevEdition struct {
	outputs  []Output
	complete bool   // published with no unit in English
	revising bool   // published with units under revision (stale = "keep")
	source   string // the fingerprint of the English it was built from
}

// keepable reports whether the edition may stay published when this build
// refuses it: it was complete, made from the English as it is now, and
// what the stale policy allows (no units under revision unless "keep").
func (e prevEdition) keepable(fp, stalePolicy string) bool {
	return e.complete && e.source == fp && (!e.revising || stalePolicy == check.StaleKeep)
}

// previousEditions indexes the last build's report by locale/article.
func previousEditions(r *Report) map[string]prevEdition {
	out := map[string]prevEdition{}
	if r == nil {
		return out
	}
	for _, o := range r.Editions {
		key := o.Locale + "/" + o.Article
		e, seen := out[key]
		if !seen {
			e.complete = true
		}
		e.outputs = append(e.outputs, o)
		e.complete = e.complete && o.FallbackUnits == 0
		e.source = o.Source
		e.revising = e.revising || len(o.UnderRevision) > 0
		out[key] = e
	}
	return out
}

func keptFile(outputs []Output, file string) bool {
	return slices.ContainsFunc(outputs, func(o Output) bool { return o.Kept && slices.Contains(o.AllFiles(), file) })
}

// exists reports whether every file of an earlier edition is still there.
func (w *Workspace) exists(outputs []Output) bool {
	if w.fsys == nil || len(outputs) == 0 {
		return false
	}
	for _, o := range outputs {
		if _, err := fs.Stat(w.fsys, o.File); err != nil {
			return false
		}
	}
	return true
}

// trusted keeps, of the last build's report, the entries that name an
// edition file exactly as build writes it: dist/<locale>/<article>.<format>,
// with a locale, an article name and a format that can be. dist/report.json
// is a file anyone can edit, and build removes and rewrites the files it
// names: a crafted "dist/../locales/ru.toml" must name nothing.
func (w *Workspace) trusted(r *Report) *Report {
	if r == nil {
		return nil
	}
	ok := func(loc, article, format, file string) bool {
		tag, err := locale.Parse(loc)
		return err == nil && tag.String() == loc && slices.Contains(AllFormats, format) &&
			article != "" && !strings.HasPrefix(article, ".") && !strings.ContainsAny(article, "/\\\x00") &&
			file == w.editionFile(tag, article, format)
	}
	out := &Report{Inputs: r.Inputs, Media: w.trustedMedia(r.Media)}
	for _, o := range r.Editions {
		if ok(o.Locale, o.Article, o.Format, o.File) {
			tag := language.Make(o.Locale)
			o.Redirects = slices.DeleteFunc(slices.Clone(o.Redirects), func(f string) bool {
				name := strings.TrimSuffix(path.Base(f), ".html")
				return o.Format != "html" || !catalog.ValidName(name) || f != w.editionFile(tag, name, "html")
			})
			o.Resources = slices.DeleteFunc(slices.Clone(o.Resources), func(f string) bool {
				return o.Format != HugoFormat || !bundleResource(o.File, f)
			})
			out.Editions = append(out.Editions, o)
		}
	}
	for _, x := range r.Refused {
		if ok(x.Locale, x.Article, Formats[0], w.editionFile(language.Make(x.Locale), x.Article, Formats[0])) {
			out.Refused = append(out.Refused, x)
		}
	}
	return out
}

func (w *Workspace) editionFile(tag language.Tag, slug, format string) string {
	if format == HugoFormat {
		return path.Join(w.Layout.Dist, HugoDir, "content", site.LanguageKey(tag), slug, "index.md")
	}
	return path.Join(w.Layout.Dist, tag.String(), slug+"."+format)
}

// page gives an HTML edition its language links: the other editions of the
// article that are published, in the order of the catalogues.
func (w *Workspace) page(tag language.Tag, slug string, all []*catalog.Catalog, published map[string]map[string]bool) render.Page {
	base := w.Config.Publish.BaseURL
	if base != "" && !strings.HasSuffix(base, "/") {
		base += "/"
	}
	href := func(t language.Tag) string {
		if base != "" {
			return base + t.String() + "/" + slug + ".html"
		}
		return "../" + t.String() + "/" + slug + ".html"
	}
	pg := render.Page{EditorHTML: w.Config.Publish.HTML == check.HTMLAsWritten, Link: w.linker(tag, slug, base, published)}
	for _, c := range all {
		if c.Locale != tag && published[slug][c.Locale.String()] {
			pg.Alternates = append(pg.Alternates, render.Alternate{Locale: c.Locale, Href: href(c.Locale)})
		}
	}
	if base != "" {
		pg.Self = href(tag)
		if published[slug][locale.Source.String()] {
			pg.Default = href(locale.Source)
		}
	}
	return pg
}

// linker is render.Page.Link for an edition of the article slug in tag:
//   - a link to another article's file (other.md, ../news/x.md#part) goes
//     to that article's edition in the same language, or in English when
//     that one is not published; in a book, to its address under the base
//     URL, or nowhere without one; to an article published in neither (a
//     draft), nowhere: its words stay, unlinked;
//   - a site-absolute address (/about/) goes to the site's page under the
//     base URL's host; without a base URL the page keeps it as written
//     (served from the site, it works) and a book has none;
//   - any other relative address (../news/) is the article's to its own
//     place on the site, unknown here: kept in a page, none in a book;
//   - an address with a scheme, a fragment (#part) or a query alone is
//     kept; a protocol-relative one (//host/x) gets https.
func (w *Workspace) linker(tag language.Tag, slug, base string, published map[string]map[string]bool) func(string, bool) string {
	a := w.Article(slug)
	return func(dest string, book bool) string {
		u, err := url.Parse(dest)
		switch {
		case err != nil:
			if book {
				return ""
			}
			return dest
		case u.Scheme != "":
			return dest
		case u.Host != "":
			return "https:" + dest
		case u.Path == "":
			return dest
		}
		frag := ""
		if u.Fragment != "" {
			frag = "#" + u.Fragment
		}
		if a != nil && !strings.HasPrefix(u.Path, "/") && path.Ext(u.Path) == ".md" {
			if other, ok := w.slugByPath[path.Join(path.Dir(a.Path), u.Path)]; ok {
				loc := tag.String()
				pub, known := published[other]
				if !known && w.elsewhere != nil && w.bySlug[other] == nil {
					pub = w.elsewhere(other)
					known = pub != nil
				}
				if known && !pub[loc] && pub[locale.Source.String()] {
					loc = locale.Source.String()
				}
				if known && !pub[loc] {
					return "" // published nowhere (a draft, refused): its words alone
				}
				switch {
				case base != "":
					return base + loc + "/" + other + ".html" + frag
				case book:
					return ""
				case loc == tag.String():
					return other + ".html" + frag
				}
				return "../" + loc + "/" + other + ".html" + frag
			}
		}
		if strings.HasPrefix(u.Path, "/") && base != "" {
			if b, err := url.Parse(base); err == nil {
				return b.ResolveReference(u).String()
			}
		}
		if book {
			return ""
		}
		return dest
	}
}

// rejections runs the checks on a target catalogue, as tilmash check does
// (spelling aside, and whatever the publication policy), and returns the
// units with an error finding: a build must not publish them.
func (w *Workspace) rejections(c *catalog.Catalog) map[string]*assemble.Error {
	fs := check.Run(check.Input{Articles: w.Articles, Source: w.Source, Targets: []*catalog.Catalog{c}, Glossary: w.Glossary, Config: w.Config, Words: w.Words, IgnorePolicy: true})
	out := map[string]*assemble.Error{}
	for _, f := range fs {
		if f.Severity != finding.Error || f.Unit == "" || out[f.Unit] != nil || f.Locale != c.Locale.String() {
			continue // the English's own findings are englishChars'
		}
		switch f.Code {
		case check.CodeMissing, check.CodeStale, check.CodeObsolete:
			continue // missing and stale units are the edition's own business
		}
		out[f.Unit] = &assemble.Error{Pos: f.Pos, Unit: f.Unit, Err: fmt.Errorf("%s [%s]", f.Message, f.Code)}
	}
	return out
}

// judged is what the checks say, found once per build and shared by the
// locales' plans (which run in parallel).
type judged struct {
	english map[*segment.Article][]Rejection // englishChars
	// rejected gives each target catalogue's rejections, computed once
	// for whichever plan needs them first: a derived locale's plan
	// needs its source locale's too.
	rejected map[*catalog.Catalog]func() map[string]*assemble.Error
}

// judge prepares what the checks say for a build of articles.
func (w *Workspace) judge(articles []*segment.Article) *judged {
	j := &judged{english: englishChars(articles), rejected: map[*catalog.Catalog]func() map[string]*assemble.Error{}}
	for _, c := range w.Targets {
		j.rejected[c] = sync.OnceValue(func() map[string]*assemble.Error { return w.rejections(c) })
	}
	return j
}

// rejections are catalogue c's (Workspace.rejections), once.
func (j *judged) rejections(c *catalog.Catalog) map[string]*assemble.Error {
	if f := j.rejected[c]; f != nil {
		return f()
	}
	return nil
}

// englishChars returns, by article, the characters of its English that no
// edition can carry (check.Chars, as tilmash check reports them): none of
// the article's editions may be published while it holds one, whatever
// tilmash.toml turns off.
func englishChars(articles []*segment.Article) map[*segment.Article][]Rejection {
	out := map[*segment.Article][]Rejection{}
	for _, a := range articles {
		for _, f := range check.Chars(a) {
			out[a] = append(out[a], Rejection{Unit: f.Unit, Pos: f.Pos.String(), Message: fmt.Sprintf("%s [%s]", f.Message, f.Code)})
		}
	}
	return out
}

// unpublishable is why the assembled edition p.ed may not be published
// (a character no format can carry): the English's check findings, or,
// where the checks let one through (turned off in tilmash.toml), the
// edition's own. Nil when it may be.
func (w *Workspace) unpublishable(p plan, english []Rejection) []Rejection {
	if len(english) > 0 {
		return english
	}
	what, unit, ok := p.ed.Unpublishable()
	if !ok {
		return nil
	}
	pos := segment.Pos{File: p.article.Path, Line: 1, Col: 1} // outside units: in the article
	for _, u := range p.article.Units {
		if u.ID == unit {
			pos = u.Pos
		}
	}
	if m := p.cat.Lookup(unit); unit != "" && p.cat != w.Source && m != nil && m.Translated() {
		pos = m.Pos // the translation's
	}
	return []Rejection{{Unit: unit, Pos: pos.String(), Message: fmt.Sprintf("the edition would hold %s, which no edition can carry (XML 1.0 forbids it): not published [%s]", what, check.CodeControl)}}
}

// followSources refuses a derived locale's edition (kk-Latn) whenever its
// source locale's (kk) is refused: its text is computed from that
// catalogue, so what makes one unpublishable makes the other too, and an
// override must not publish what the source locale may not. The source
// locale is decided here if this build does not make it.
func (w *Workspace) followSources(cats []*catalog.Catalog, plans [][]plan, articles []*segment.Article, opts BuildOptions, j *judged) error {
	for i, c := range cats {
		if !c.Derived() {
			continue
		}
		var from []plan
		for k, sc := range cats {
			if sc.Locale == c.DerivedFrom {
				from = plans[k]
			}
		}
		if from == nil {
			sc := w.target(c.DerivedFrom)
			if sc == nil {
				continue // derive made nothing without it
			}
			o := opts
			o.PlanOnly = true
			var err error
			if from, err = w.planLocale(sc, articles, o, j); err != nil {
				return err
			}
		}
		for k := range plans[i] {
			p := &plans[i][k]
			for _, sp := range from {
				if sp.article != p.article || sp.refusal == nil || p.refusal != nil {
					continue
				}
				why := Rejection{Pos: c.Path + ":1:1", Message: fmt.Sprintf("the %s edition is not published, and %s is computed from it [%s]", c.DerivedFrom, c.Locale, check.CodeMissing)}
				if len(sp.refusal.Rejected) > 0 {
					why.Unit, why.Pos = sp.refusal.Rejected[0].Unit, sp.refusal.Rejected[0].Pos
					why.Message = fmt.Sprintf("the %s edition is not published (%s), and %s is computed from it", c.DerivedFrom, sp.refusal.Rejected[0].Message, c.Locale)
				} else if len(sp.refusal.Missing) > 0 {
					why.Unit = sp.refusal.Missing[0]
					if m := sp.cat.Lookup(why.Unit); m != nil {
						why.Pos = m.Pos.String() // its empty entry
					}
					why.Message = fmt.Sprintf("the %s edition is not published (%d units missing), and %s is computed from it [%s]", c.DerivedFrom, len(sp.refusal.Missing), c.Locale, check.CodeMissing)
				}
				p.refusal = &Refusal{Locale: c.Locale.String(), Article: p.article.Slug, Requirement: p.req, Coverage: percent(p.ed.Stats.Translated, p.ed.Stats.Units), Rejected: []Rejection{why}}
				p.noKeep = sp.noKeep
			}
		}
	}
	return nil
}

// planLocale decides, for every article, whether its edition in c's locale
// is published. An article whose English holds a character no edition can
// carry (j.english) is published in no locale, with or without fallback; a
// derived locale's unit is rejected where its source locale's is.
func (w *Workspace) planLocale(c *catalog.Catalog, articles []*segment.Article, opts BuildOptions, j *judged) ([]plan, error) {
	source := c == w.Source
	var reject map[string]*assemble.Error
	if !source {
		reject = j.rejections(c)
		if c.Derived() {
			if from := w.target(c.DerivedFrom); from != nil {
				merged := maps.Clone(reject)
				for id, e := range j.rejections(from) {
					if merged[id] == nil {
						merged[id] = e
					}
				}
				reject = merged
			}
		}
	}
	policy := w.Config.StalePolicy()
	// [publish] incomplete = "fallback": what --min-coverage does, for
	// every build, unless the command line says otherwise. Unset, a
	// required edition falls back from the default coverage (a correction
	// must not take a translated page down), and so does one in progress
	// that was once complete (catalog.CompletedLine); another waits.
	told := opts.Fallback || opts.MinCoverage > 0
	if cov, ok := w.Config.FallbackCoverage(); ok && !told {
		opts.MinCoverage = cov
		opts.Fallback = cov <= 0
		told = true
	}
	var out []plan
	for _, a := range articles {
		p := plan{article: a, cat: c, req: sourceRequirement, planOnly: opts.PlanOnly}
		minCoverage := opts.MinCoverage
		if !source {
			req := w.Config.Requirement(a, c.Locale.String())
			if req == check.NotForTranslation {
				continue
			}
			p.req = req.String()
			if !told && (req == check.Required || w.completedOnce(c, a)) && w.Config.Publish.Incomplete == "" {
				minCoverage = w.Config.DefaultFallback()
			}
		}
		aopts := assemble.Options{Reject: reject, SourceForStale: policy == check.StaleFallback}
		ed, err := assemble.Assemble(a, w.Source, c, aopts)
		if err != nil {
			return nil, err
		}
		st := ed.Stats
		blocking := len(st.Missing) > 0 || len(st.Rejected) > 0 || (policy == check.StaleRefuse && st.Stale > 0)
		coverage := percent(st.Translated, st.Units)
		if blocking {
			if !opts.Fallback && (minCoverage <= 0 || coverage < minCoverage) {
				r := &Refusal{Locale: c.Locale.String(), Article: a.Slug, Requirement: p.req, Coverage: coverage, Missing: st.Missing}
				if policy == check.StaleRefuse {
					r.Stale = st.StaleUnits
				}
				for _, e := range st.Rejected {
					r.Rejected = append(r.Rejected, Rejection{Unit: e.Unit, Pos: e.Pos.String(), Message: e.Err.Error()})
				}
				p.refusal = r
			} else if policy == check.StaleRefuse && st.Stale > 0 {
				// Published with fallback: stale units show the English too.
				aopts.SourceForStale = true
				if ed, err = assemble.Assemble(a, w.Source, c, aopts); err != nil {
					return nil, err
				}
			}
		}
		p.ed = ed
		if bad := w.unpublishable(p, j.english[a]); len(bad) > 0 {
			if p.refusal == nil {
				p.refusal = &Refusal{Locale: c.Locale.String(), Article: a.Slug, Requirement: p.req, Coverage: coverage}
			}
			p.refusal.Rejected = append(p.refusal.Rejected, bad...)
			p.noKeep = true
		}
		out = append(out, p)
	}
	return out, nil
}

// render writes a published edition in every format into files.
// imageWarnings are the article's figures whose images are left out,
// which the HTML and EPUB editions' warnings list.
func (w *Workspace) render(p plan, formats []string, pg render.Page, files fileset.Set, imageWarnings []string) (Edition, []Output) {
	ed := p.ed
	coverage := percent(ed.Stats.Translated, ed.Stats.Units)
	e := Edition{Edition: ed, Coverage: coverage}
	var revising []string
	if ed.Stats.UnderRevision > 0 {
		revising = ed.Stats.StaleUnits
	}
	var outputs []Output
	var former []string // the old names, none of them an article's now
	for _, n := range w.former[p.article.Slug] {
		if !w.isArticle(n) {
			former = append(former, n)
		}
	}
	ed.Aliases = former
	ed.Reader = w.Config.Locales[p.cat.Locale.String()].Reader
	for _, f := range formats {
		var data []byte
		var warnings []string
		var redirects, resources []string
		if f == "html" {
			href := pg.Self
			if href == "" {
				href = p.article.Slug + ".html"
			}
			for _, n := range former {
				file := w.editionFile(p.cat.Locale, n, f)
				if _, taken := files[file]; taken {
					continue // two articles claim the old name: it leads to the first's, in path order (and across parts: fileset.Stage.AddAs)
				}
				if owner, ok := w.oldPages[file]; ok && owner != p.article.Slug && w.isArticle(owner) && w.relBySlug[owner] < w.relBySlug[p.article.Slug] {
					continue // the first's, which this partial build leaves as it is
				}
				if !p.planOnly {
					files[file] = render.Redirect(ed, href)
				}
				redirects = append(redirects, file)
			}
		}
		switch {
		case p.planOnly:
		case f == "md":
			data = render.Markdown(ed)
		case f == "html":
			data = render.HTML(ed, pg)
		case f == "txt":
			data = render.Text(ed)
		case f == "epub":
			data, warnings = render.EPUB(ed, pg)
		case f == HugoFormat:
			var images map[string][]byte
			data, images, warnings = w.hugoPage(p, pg)
			dir := path.Dir(w.editionFile(p.cat.Locale, p.article.Slug, f))
			for _, rel := range slices.Sorted(maps.Keys(images)) {
				file := path.Join(dir, rel)
				files[file] = images[rel]
				resources = append(resources, file)
			}
		}
		if f == "html" || f == "epub" || f == HugoFormat {
			warnings = append(slices.Clone(imageWarnings), warnings...)
		}
		if ed.Stats.Fallback > 0 {
			warnings = append([]string{fmt.Sprintf("%d of %d units shown in English (fallback)", ed.Stats.Fallback, ed.Stats.Units)}, warnings...)
		}
		if len(revising) > 0 {
			n := fmt.Sprintf("%d units", len(revising))
			if len(revising) == 1 {
				n = "1 unit"
			}
			warnings = append(warnings, n+" under revision: the English changed; the earlier translation still passes every check")
		}
		file := w.editionFile(p.cat.Locale, p.article.Slug, f)
		if !p.planOnly {
			files[file] = data
		}
		e.Files = append(e.Files, file)
		outputs = append(outputs, Output{Locale: p.cat.Locale.String(), Article: p.article.Slug, Format: f, File: file, Requirement: p.req, Coverage: coverage,
			Words: ed.Stats.Words, ReadingMinutes: (ed.Stats.Words + WordsPerMinute - 1) / WordsPerMinute, FallbackUnits: ed.Stats.Fallback, UnderRevision: revising, Source: w.fingerprint(p.article), Warnings: warnings, Redirects: redirects, Resources: resources})
	}
	return e, outputs
}

// PreviousReport reads the report of the last build from data (the
// content of dist/report.json); nil data means there was none.
func PreviousReport(data []byte) (*Report, error) {
	if data == nil {
		return nil, nil
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("report.json: %w (delete it; the next build writes a new one)", err)
	}
	return &r, nil
}

// ReportFile is dist/report.json with a report, as a set to write.
func (p *Project) ReportFile(r Report) fileset.Set {
	name, data := (&Workspace{Layout: p.Layout}).ReportFile(r)
	return fileset.Set{name: data}
}

// ReportFile returns dist/report.json for a report.
func (w *Workspace) ReportFile(r Report) (string, []byte) {
	data, _ := json.MarshalIndent(r, "", "  ")
	return path.Join(w.Layout.Dist, "report.json"), append(data, '\n')
}

func percent(n, total int) float64 {
	if total == 0 {
		return 100
	}
	return float64(int(1000*float64(n)/float64(total))) / 10
}
