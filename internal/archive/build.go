package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/cache"
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
	// Parts counts the parts, Cached those the cache held, and Again
	// those built a second time, once every part had decided what it
	// publishes, because one of their links to another part's article
	// had been made on a guess.
	Parts, Cached, Again int
}

// Built is one edition a build made.
type Built struct {
	Locale  string   `json:"locale"`
	Article string   `json:"article"`
	Files   []string `json:"files"`
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
		res, again, err := buildParts(p, o, bo, st, workers, locales, root)
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

// builtPart is what one part's build gives: what the cache keeps of it.
type builtPart struct {
	Report    workspace.Report           `json:"report"`
	KeptMedia []workspace.Media          `json:"kept_media,omitempty"`
	Published map[string]map[string]bool `json:"published,omitempty"`
	Decided   map[string]bool            `json:"decided,omitempty"`
	Built     []Built                    `json:"built,omitempty"`
	// Asked is what the part was told of the articles of other parts
	// (Elsewhere), by article: its links were made with it.
	Asked       map[string]map[string]bool `json:"asked,omitempty"`
	NotArticles []string                   `json:"not_articles,omitempty"`
	Warnings    []string                   `json:"warnings,omitempty"`
	OutOfDate   string                     `json:"out_of_date,omitempty"`
	Required    []string                   `json:"required,omitempty"`
	// Files are the files the part wrote, each with the SHA-256 of its
	// content (hex), or "" for one it removed.
	Files map[string]string `json:"files"`
}

// result is the part's build as CombineBuilds takes it.
func (r *builtPart) result() *workspace.Result {
	return &workspace.Result{Report: r.Report, KeptMedia: r.KeptMedia, Published: r.Published, Decided: r.Decided}
}

// buildParts builds every part into st; again reports that a part found a
// locale unreadable that was not known to be, so that every part must
// start again (as check's parts do).
func buildParts(p *workspace.Project, o Options, bo workspace.BuildOptions, st *fileset.Stage, workers int, locales []string, root string) (*BuildResult, bool, error) {
	sels := p.Parts(o.Selection, o.PartBytes)
	prevOf := previousByArticle(bo.Previous)
	keys, sums, keyOf := buildKeys(p, o, bo, sels, prevOf)
	var mu sync.Mutex
	truth := map[string]map[string]bool{} // article → the locales it is published in, as parts decide
	known := p.Unreadables()
	results := make([]*builtPart, len(sels))
	broke := make([][]*workspace.BrokenCatalogue, len(sels)) // locales found unreadable
	errs := make([]error, len(sels))
	var cached atomic.Int64

	// nextKey is the key part i will have in the next build if nothing
	// changes: the last report's entries for its articles are r's, and
	// the files they name what r wrote. Only for a full build (a partial
	// one merges its report with the last), and only when r wrote every
	// file its report names (a kept edition's file, left as it was, is
	// not known here).
	full := len(bo.Locales) == 0 && len(bo.Formats) == 0 && bo.Article == "" && o.Selection.All() && !bo.PlanOnly
	oldPages := workspace.OldPagesLeft(bo.Previous, len(bo.Locales) == 0 && len(bo.Formats) == 0 && bo.Article == "" && o.Selection.All(), o.Selection.Has)
	nextKey := func(i int, r *builtPart) (cache.Key, bool) {
		if !full || keyOf == nil {
			return cache.Key{}, false
		}
		own := r.Report
		own.Media = workspace.MergeMedia(r.KeptMedia, r.Report.Media)
		prev := previousByArticle(&own)(sels[i].Names)
		known := true
		k, ok := keyOf(i, prev, func(f string) ([32]byte, bool) {
			h, wrote := r.Files[f]
			var sum [32]byte
			if !wrote {
				known = false
				return sum, false
			}
			if h == "" {
				return sum, false // removed
			}
			b, err := hex.DecodeString(h)
			if err != nil || len(b) != len(sum) {
				known = false
				return sum, false
			}
			copy(sum[:], b)
			return sum, true
		})
		return k, ok && known
	}
	decided := func(r *builtPart) {
		mu.Lock()
		for slug, locs := range r.Published {
			truth[slug] = locs
		}
		mu.Unlock()
	}
	// one builds part i, or takes it from the cache (not when fresh: a
	// part built again because its links were guesses).
	one := func(i int, fresh bool) {
		if keys != nil && keys[i] != nil && !fresh {
			if r, ok := builtFromCache(o.Cache, *keys[i]); ok && r.inPlace(sums) && r.onlyIn(p.Layout.Dist) {
				var keep []string
				gone := fileset.Set{}
				for f, sum := range r.Files {
					if sum == "" {
						gone[f] = nil
					} else {
						keep = append(keep, f)
					}
				}
				st.KeepAs(i, keep)
				if errs[i] = st.AddAs(i, gone); errs[i] == nil {
					decided(r)
					results[i] = r
					cached.Add(1)
				}
				return
			}
		}
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
		r := &builtPart{Asked: map[string]map[string]bool{}, Files: map[string]string{}}
		pbo := bo
		pbo.Previous = prevOf(w.Names())
		pbo.Part = &workspace.PartOptions{Selected: !o.Selection.All(), OldPages: oldPages, Elsewhere: func(slug string) map[string]bool {
			mu.Lock()
			defer mu.Unlock()
			// The same answer to every question about an article: the
			// part's links are made with what Asked records.
			if m, ok := r.Asked[slug]; ok {
				return m
			}
			m := truth[slug] // nil: published nowhere, or (a first build) not decided yet
			r.Asked[strings.Clone(slug)] = m
			return m
		}}
		res, err := w.Build(pbo)
		if err != nil {
			errs[i] = err
			return
		}
		// By rank, the part's place: where two parts write one file (an
		// old address two articles claim), the first part's stays,
		// whichever finishes first, as in one pass the first article's.
		if err := st.AddAs(i, res.Files); err != nil {
			errs[i] = err
			return
		}
		for f, data := range res.Files {
			r.Files[f] = ""
			if data != nil {
				sum := sha256.Sum256(data)
				r.Files[f] = hex.EncodeToString(sum[:])
			}
		}
		for _, ed := range res.Editions {
			r.Built = append(r.Built, Built{Locale: ed.Locale.String(), Article: strings.Clone(ed.Slug), Files: ed.Files})
		}
		detachReport(&res.Report)
		r.Report, r.KeptMedia, r.Decided = res.Report, res.KeptMedia, res.Decided
		r.Published = map[string]map[string]bool{}
		for slug, locs := range res.Published {
			r.Published[strings.Clone(slug)] = locs
		}
		r.OutOfDate = strings.Clone(w.OutOfDate) // Build has read them
		for _, e := range w.NotArticles {
			r.NotArticles = append(r.NotArticles, strings.Clone(e.Error()))
		}
		for _, a := range w.Articles {
			for _, warn := range a.Warnings {
				r.Warnings = append(r.Warnings, strings.Clone(warn.Error()))
			}
		}
		for _, tag := range w.Locales() {
			if w.Requires(tag) {
				r.Required = append(r.Required, tag.String())
			}
		}
		decided(r)
		results[i] = r
		// A part holding an article under embargo builds differently once
		// it ends, its files unchanged: never kept.
		if keys != nil && keys[i] != nil && knownBroken(&part{broken: w.Broken}, known) && r.Report.Until == "" {
			if data, err := json.Marshal(r); err == nil {
				_ = o.Cache.Put(*keys[i], data) // a cache that cannot keep it is no error
				// Kept too under the key the next build will have if
				// nothing changes: its report is this one, and its files
				// these. A build with the report it made itself makes the
				// same files (the differential test holds it to that).
				if next, ok := nextKey(i, r); ok {
					_ = o.Cache.Put(next, data)
				}
			}
		}
	}
	run := func(idx []int, fresh bool) error {
		next := make(chan int)
		var wg sync.WaitGroup
		for range min(workers, len(idx)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					one(i, fresh)
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
	if err := run(all, false); err != nil {
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
		for slug, given := range r.Asked {
			if !sameLinks(given, truth[slug], locales) {
				wrong = append(wrong, i)
				break
			}
		}
	}
	if err := run(wrong, true); err != nil {
		return nil, false, err
	}
	out := &BuildResult{Stage: st, Parts: len(sels), Again: len(wrong), Cached: int(cached.Load()), Required: map[language.Tag]bool{}}
	parts := make([]*workspace.Result, len(results))
	for i, r := range results {
		parts[i] = r.result()
		out.Built = append(out.Built, r.Built...)
		out.NotArticles = append(out.NotArticles, r.NotArticles...)
		out.Warnings = append(out.Warnings, r.Warnings...)
		if out.OutOfDate == "" {
			out.OutOfDate = r.OutOfDate
		}
		for _, t := range r.Required {
			out.Required[language.Make(t)] = true
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
// only that is published, or none when neither is (the linker's rule).
func sameLinks(given, truth map[string]bool, locales []string) bool {
	to := func(m map[string]bool, loc string) string {
		switch {
		case m != nil && !m[loc] && m[locale.Source.String()]:
			return locale.Source.String()
		case m != nil && !m[loc]:
			return "" // published nowhere: no link
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
// a part's articles their entries, with the images they show: all a
// part's build reads of it (a part's result, and its cache key, depend on
// its own articles' entries only).
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
	for i, m := range prev.Media {
		for _, a := range m.Articles {
			of(a).Media = append(of(a).Media, prev.Media[i])
		}
	}
	return func(names []string) *workspace.Report {
		r := &workspace.Report{}
		seen := map[string]bool{}
		for _, n := range names {
			if x := byArticle[n]; x != nil {
				r.Editions = append(r.Editions, x.Editions...)
				r.Refused = append(r.Refused, x.Refused...)
				for _, m := range x.Media {
					if !seen[m.File] {
						seen[m.File] = true
						r.Media = append(r.Media, m)
					}
				}
			}
		}
		return r
	}
}

// buildKeys gives, when there is a cache, each part's key: everything its
// build depends on. For every part: the tool, the options, the project's
// locales and those known unreadable, the settings, the glossary and the
// content folder's other files (images). For each: its articles and every
// one of their catalogue files, what the last build's report says of its
// articles, and each file that report names for them as it is now (or
// that it is gone): a kept edition's page is relinked from it. sums are
// the hashes taken, by file, to tell whether a cached part's files are
// still what it wrote. A project still in the old layout is not cached.
func buildKeys(p *workspace.Project, o Options, bo workspace.BuildOptions, sels []workspace.Selection, prevOf func([]string) *workspace.Report) ([]*cache.Key, map[string][32]byte, func(int, *workspace.Report, func(string) ([32]byte, bool)) (cache.Key, bool)) {
	if o.Cache == nil || o.Cache.Off() != "" || o.HashOutputs == nil || len(p.OldLayout()) > 0 {
		return nil, nil, nil
	}
	settings, err := json.Marshal(struct {
		Locales      []language.Tag
		Formats      []string
		Site         string
		Fallback     bool
		MinCoverage  float64
		Article      string
		Selected     bool
		Layout       workspace.Layout
		ProjectLocs  []language.Tag
		Unreadable   string
		SourceLocale string
	}{bo.Locales, bo.Formats, bo.Site, bo.Fallback, bo.MinCoverage, bo.Article, !o.Selection.All(), p.Layout, p.Locales(), p.UnreadableKey(), locale.Source.String()})
	if err != nil {
		return nil, nil, nil
	}
	shared := p.Shared()
	all := slices.Clone(shared)
	inputs := make([][]string, len(sels))
	prevs := make([]*workspace.Report, len(sels))
	exists := func(f string) bool { return o.Exists != nil && o.Exists(f) }
	for i, sel := range sels {
		if len(sel.Names) == 0 {
			continue // the whole selection is too big a part to keep
		}
		inputs[i] = p.Inputs(sel.Names)
		all = append(all, inputs[i]...)
		prevs[i] = prevOf(sel.Names)
		for _, f := range reportFiles(prevs[i]) {
			if exists(f) {
				all = append(all, f)
			}
		}
	}
	slices.Sort(all)
	all = slices.Compact(all)
	hashes, err := o.HashOutputs(all)
	if err != nil {
		return nil, nil, nil // a file gone since it was listed: built, not kept
	}
	sums := make(map[string][32]byte, len(all))
	for i, f := range all {
		sums[f] = hashes[i]
	}
	base := [][]byte{[]byte("tilmash archive build"), []byte(o.Version), settings}
	for _, f := range shared {
		s := sums[f]
		base = append(base, []byte(f), s[:])
	}
	baseKey := cache.NewKey(base...)
	// keyOf is part i's key with the report prev and the files as sumOf
	// gives them (false: not there).
	keyOf := func(i int, prev *workspace.Report, sumOf func(string) ([32]byte, bool)) (cache.Key, bool) {
		data, err := json.Marshal(prev)
		if err != nil {
			return cache.Key{}, false
		}
		parts := [][]byte{baseKey[:], []byte(strings.Join(sels[i].Names, "\x00")), data}
		for _, f := range inputs[i] {
			s := sums[f]
			parts = append(parts, []byte(f), s[:])
		}
		for _, f := range reportFiles(prev) {
			if s, ok := sumOf(f); ok {
				parts = append(parts, []byte(f), s[:])
			} else {
				parts = append(parts, []byte(f), []byte("absent"))
			}
		}
		return cache.NewKey(parts...), true
	}
	now := func(f string) ([32]byte, bool) { s, ok := sums[f]; return s, ok }
	keys := make([]*cache.Key, len(sels))
	for i := range sels {
		if inputs[i] == nil {
			continue
		}
		k, ok := keyOf(i, prevs[i], now)
		if !ok {
			return nil, nil, nil
		}
		keys[i] = &k
	}
	return keys, sums, keyOf
}

// reportFiles are the files a report (a part's share of the last one)
// names: its editions', then its images'.
func reportFiles(r *workspace.Report) []string {
	if r == nil {
		return nil
	}
	var out []string
	for _, e := range r.Editions {
		out = append(out, e.File)
	}
	for _, m := range r.Media {
		out = append(out, m.File)
	}
	return out
}

// builtFromCache reads a part's build; anything it cannot decode is a
// miss.
func builtFromCache(c *cache.Cache, k cache.Key) (*builtPart, bool) {
	return cached(c, k, func(r *builtPart) bool { return r.Files != nil })
}

// onlyIn reports whether every file a cached result names is under the
// editions' folder, as every file a build writes or removes is: a cache
// is outside the work tree, but one restored by a CI runner from another
// branch must not make a build remove a catalogue.
func (r *builtPart) onlyIn(dist string) bool {
	for f := range r.Files {
		if !strings.HasPrefix(f, path.Clean(dist)+"/") || strings.Contains(f, "..") {
			return false
		}
	}
	return true
}

// inPlace reports whether every file the part wrote is still what it
// wrote (sums: the files as they are now), so that it need not be
// written again.
func (r *builtPart) inPlace(sums map[string][32]byte) bool {
	for f, want := range r.Files {
		if want == "" {
			continue
		}
		got, ok := sums[f]
		if !ok || hex.EncodeToString(got[:]) != want {
			return false
		}
	}
	return true
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
