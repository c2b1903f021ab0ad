package archive

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/locale"
)

// BuildResult is what a build of the archive, part by part, made: its
// report, and its files staged (written to temporary files beside their
// places), for the caller to add the report to and commit, or abort.
type BuildResult struct {
	Report workspace.Report
	Stage  *fileset.Stage
	// Built names each edition built, with its files, in the parts'
	// order.
	Built []Built
	// NotArticles and Warnings are what the articles' files give to warn
	// of (the Markdown files with no front matter; the articles' own
	// warnings), in path order.
	NotArticles, Warnings []string
	// OutOfDate is the first place where the articles differ from the
	// source catalogue on disk (Workspace.OutOfDate), or "".
	OutOfDate string
	// Broken are the catalogues that could not be read; Required the
	// locales some article's edition is required in.
	Broken   []*workspace.BrokenCatalogue
	Required map[language.Tag]bool
	// Parts counts the parts, and Again those built a second time, once
	// every part had decided what it publishes, because one of their
	// links to another part's article had been made on a guess.
	Parts, Again int
}

// Built is one edition a build made.
type Built struct {
	Locale, Article string
	Files           []string
}

// Build builds the editions of the archive part by part, a part for each
// core at once, each part's files written to temporary files as it goes
// (a fileset.Stage under root): memory holds a few parts and the report,
// not the archive's editions. The result is the one Build of the whole
// workspace gives, file for file (a test compares them):
//
//   - each part is built with the last build's report entries of its own
//     articles, deciding what it publishes as the whole build does;
//   - a link to an article of another part is made with what that part
//     decided if it is known by then, or on a guess (the same locale);
//     once every part has decided, a part whose guesses were wrong is
//     built again, with the truth (decisions never depend on links);
//   - the reports are joined (workspace.Project.CombineBuilds), and the
//     files the last build made that no part made are removed.
func Build(p *workspace.Project, o Options, bo workspace.BuildOptions, root string, fo fileset.Options) (*BuildResult, error) {
	if err := p.Validate(o.Selection); err != nil {
		return nil, err
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	bo.Locales = o.Locales
	var locales []string
	for _, t := range p.Locales() {
		locales = append(locales, t.String())
	}
	for {
		st, err := fileset.NewStage(root, fo)
		if err != nil {
			return nil, err
		}
		res, again, err := buildParts(p, o, bo, st, workers, locales)
		if err != nil {
			st.Abort()
			return nil, err
		}
		if again {
			st.Abort() // a locale found unreadable: every part anew
			continue
		}
		return res, nil
	}
}

// builtPart is what one part's build gives.
type builtPart struct {
	res                   *workspace.Result
	built                 []Built
	asked                 map[string]map[string]bool // what Elsewhere answered, by article
	notArticles, warnings []string
	outOfDate             string
	required              []language.Tag
}

// buildParts builds every part into st; again reports that a part found a
// locale unreadable that was not known to be, so that every part must
// start again (as check's parts do).
func buildParts(p *workspace.Project, o Options, bo workspace.BuildOptions, st *fileset.Stage, workers int, locales []string) (*BuildResult, bool, error) {
	sels := p.Parts(o.Selection, o.PartBytes)
	prevOf := previousByArticle(bo.Previous)
	var mu sync.Mutex
	truth := map[string]map[string]bool{} // article → the locales it is published in, as parts decide
	known := p.Unreadables()
	results := make([]*builtPart, len(sels))
	broke := make([][]*workspace.BrokenCatalogue, len(sels)) // locales found unreadable
	errs := make([]error, len(sels))

	one := func(i int) {
		w, err := p.Load(sels[i])
		if err != nil {
			errs[i] = err
			return
		}
		for _, b := range w.Broken {
			if !slices.Contains(known, b.Locale.String()) {
				broke[i] = append(broke[i], b)
			}
		}
		if len(broke[i]) > 0 {
			return
		}
		r := &builtPart{asked: map[string]map[string]bool{}}
		pbo := bo
		pbo.Previous = prevOf(w.Names())
		pbo.Part = &workspace.PartOptions{Selected: !o.Selection.All(), Elsewhere: func(slug string) map[string]bool {
			mu.Lock()
			defer mu.Unlock()
			m := truth[slug] // nil: published nowhere, or (a first build) not decided yet
			r.asked[slug] = m
			return m
		}}
		res, err := w.Build(pbo)
		if err != nil {
			errs[i] = err
			return
		}
		if err := st.Add(res.Files); err != nil {
			errs[i] = err
			return
		}
		for _, ed := range res.Editions {
			r.built = append(r.built, Built{Locale: ed.Locale.String(), Article: strings.Clone(ed.Slug), Files: ed.Files})
		}
		res.Files, res.Editions = nil, nil
		r.outOfDate = strings.Clone(w.OutOfDate) // Build has read them
		detachReport(&res.Report)
		r.res = res
		for _, e := range w.NotArticles {
			r.notArticles = append(r.notArticles, strings.Clone(e.Error()))
		}
		for _, a := range w.Articles {
			for _, warn := range a.Warnings {
				r.warnings = append(r.warnings, strings.Clone(warn.Error()))
			}
		}
		for _, tag := range w.Locales() {
			if w.Requires(tag) {
				r.required = append(r.required, tag)
			}
		}
		mu.Lock()
		for slug, locs := range res.Published {
			truth[strings.Clone(slug)] = locs
		}
		mu.Unlock()
		results[i] = r
	}
	run := func(idx []int) error {
		next := make(chan int)
		var wg sync.WaitGroup
		for range min(workers, len(idx)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					one(i)
				}
			}()
		}
		for _, i := range idx {
			next <- i
		}
		close(next)
		wg.Wait()
		for _, i := range idx {
			if errs[i] != nil {
				return errs[i]
			}
		}
		return nil
	}
	all := make([]int, len(sels))
	for i := range all {
		all[i] = i
	}
	if err := run(all); err != nil {
		return nil, false, err
	}
	found := false
	for _, bs := range broke {
		for _, b := range bs {
			p.Unreadable(b)
			found = true
		}
	}
	if found {
		return nil, true, nil
	}
	// Every part has decided: the parts whose links were made on a wrong
	// guess are built again, with the truth.
	var wrong []int
	for i, r := range results {
		for slug, given := range r.asked {
			if !sameLinks(given, truth[slug], locales) {
				wrong = append(wrong, i)
				break
			}
		}
	}
	if err := run(wrong); err != nil {
		return nil, false, err
	}
	out := &BuildResult{Stage: st, Parts: len(sels), Again: len(wrong), Required: map[language.Tag]bool{}}
	parts := make([]*workspace.Result, len(results))
	for i, r := range results {
		parts[i] = r.res
		out.Built = append(out.Built, r.built...)
		out.NotArticles = append(out.NotArticles, r.notArticles...)
		out.Warnings = append(out.Warnings, r.warnings...)
		if out.OutOfDate == "" {
			out.OutOfDate = r.outOfDate
		}
		for _, t := range r.required {
			out.Required[t] = true
		}
	}
	bo.Part = &workspace.PartOptions{Selected: !o.Selection.All()}
	report, remove := p.CombineBuilds(bo, parts, st.Has)
	gone := fileset.Set{}
	for _, f := range remove {
		gone[f] = nil
	}
	if err := st.Add(gone); err != nil {
		return nil, false, err
	}
	out.Report = report
	for _, t := range p.Unreadables() {
		out.Broken = append(out.Broken, p.UnreadableOf(language.MustParse(t)))
	}
	return out, false, nil
}

// sameLinks reports whether a link to an article gives the same address
// in every locale with what a part was told of it (given) as with the
// truth: the edition in the link's own locale, or the English one when
// only that is published (the linker's rule).
func sameLinks(given, truth map[string]bool, locales []string) bool {
	to := func(m map[string]bool, loc string) string {
		if m != nil && !m[loc] && m[locale.Source.String()] {
			return locale.Source.String()
		}
		return loc
	}
	for _, loc := range locales {
		if to(given, loc) != to(truth, loc) {
			return false
		}
	}
	return true
}

// previousByArticle indexes the last build's report by article, and gives
// a part's articles their entries (with every image, for those its kept
// editions show).
func previousByArticle(prev *workspace.Report) func(names []string) *workspace.Report {
	if prev == nil {
		return func([]string) *workspace.Report { return nil }
	}
	byArticle := map[string]*workspace.Report{}
	of := func(a string) *workspace.Report {
		if byArticle[a] == nil {
			byArticle[a] = &workspace.Report{}
		}
		return byArticle[a]
	}
	for _, e := range prev.Editions {
		of(e.Article).Editions = append(of(e.Article).Editions, e)
	}
	for _, x := range prev.Refused {
		of(x.Article).Refused = append(of(x.Article).Refused, x)
	}
	return func(names []string) *workspace.Report {
		r := &workspace.Report{Inputs: prev.Inputs, Media: prev.Media}
		for _, n := range names {
			if x := byArticle[n]; x != nil {
				r.Editions = append(r.Editions, x.Editions...)
				r.Refused = append(r.Refused, x.Refused...)
			}
		}
		return r
	}
}

// detachReport copies the strings a part's report keeps that may be
// slices of a file's whole content (unit IDs), so the part's files are
// not kept alive by them.
func detachReport(r *workspace.Report) {
	clone := func(ss []string) {
		for i := range ss {
			ss[i] = strings.Clone(ss[i])
		}
	}
	for i := range r.Editions {
		e := &r.Editions[i]
		e.Article = strings.Clone(e.Article)
		clone(e.UnderRevision)
		clone(e.Warnings)
	}
	for i := range r.Refused {
		x := &r.Refused[i]
		x.Article = strings.Clone(x.Article)
		clone(x.Missing)
		clone(x.Stale)
		for j := range x.Rejected {
			x.Rejected[j].Unit = strings.Clone(x.Rejected[j].Unit)
			x.Rejected[j].Message = strings.Clone(x.Rejected[j].Message)
			x.Rejected[j].Pos = strings.Clone(x.Rejected[j].Pos)
		}
	}
	for i := range r.Media {
		clone(r.Media[i].Articles)
	}
}
