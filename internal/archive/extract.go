package archive

import (
	"errors"
	"runtime"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/internal/parallel"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/segment"
)

// ExtractOptions say what Extract does with what it makes.
type ExtractOptions struct {
	AddLocales []language.Tag // locales to start a catalogue for
	Prune      bool           // remove obsolete entries instead of keeping them
	Workers    int            // parts worked on at once; 0: one a core
	// Whole makes Extract read the archive whole, as one Workspace.Extract
	// (what a project in the old layout always gets).
	Whole bool
	// Emit takes the files of a part (a nil content is a removal), those
	// that are already as extract would write them left out, with what
	// was read where each goes (Workspace.Expectations): one call at a
	// time, in no set order.
	Emit func(files fileset.Set, expect map[string]fileset.Expect) error
}

// ExtractResult is what Extract did.
type ExtractResult struct {
	Report      workspace.ExtractReport
	Articles    int              // articles split
	NotArticles []*segment.Error // files in the content folder that are no articles (warnings), by path
	Parts       int              // parts synced (1: the archive read whole)
	// Whole says why the archive was read whole, if it was.
	Whole string
	// Note, when set, is why the archive had to be read whole though it
	// is laid out a file per article: something the user can mend.
	Note string
}

// Extract brings every catalogue of the project up to date with its
// articles, a part at a time, as Workspace.Extract does for the whole
// (a test compares them, file by file): first every part tells what its
// units may take from elsewhere (translations of the same English,
// renamed articles' entries, the translation memory), gathered per
// locale (catalog.Gatherer); then each part, with the parts whose
// entries move into each other's files joined into one, is synced and
// given to Emit, and dropped. Peak memory is a few parts' and the
// locales' translation memories, not the archive's.
//
// A project in the old layout (one file per locale), one with an entry
// in the file of another article's, or with a broken catalogue is read
// whole, as before: the first is migrated, the others are reported.
func Extract(p *workspace.Project, o ExtractOptions) (ExtractResult, error) {
	sels := p.Parts(workspace.Selection{}, 0)
	switch {
	case o.Whole:
		return extractWhole(p, o, "asked to")
	case len(sels) <= 1:
		return extractWhole(p, o, "one part")
	case len(p.OldLayout()) > 0:
		return extractWhole(p, o, "the old layout, migrated")
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	gs := map[language.Tag]*catalog.Gatherer{}
	for _, tag := range p.Locales()[1:] {
		g, err := catalog.NewGatherer()
		if err != nil {
			return ExtractResult{}, err
		}
		gs[tag] = g
	}
	spent := false
	defer func() {
		if !spent { // let go of the gatherers' files
			for _, g := range gs {
				g.Close()
			}
		}
	}()
	// A translator's own memory, brought in by tilmash import: after the
	// catalogues' translations, as Workspace.Extract places it.
	for tag, g := range gs {
		more, err := p.ImportedMemory(tag)
		if err != nil {
			return ExtractResult{}, err
		}
		g.AddMemory(more)
	}
	// What each part wants from the others.
	facts := make([]*workspace.PartFacts, len(sels))
	errs := make([]error, len(sels))
	parallel.ForN(len(sels), workers, func(i int) {
		w, err := p.Load(sels[i])
		if err == nil {
			facts[i], err = w.Gather(gs)
		}
		errs[i] = err
	})
	partOf := map[string]int{}
	for i, s := range sels {
		for _, n := range s.Names {
			partOf[n] = i
		}
	}
	orphans := map[string]string{}
	for i := range sels {
		switch {
		case errs[i] != nil:
			return extractWhole(p, o, "an error, reported as one pass reports it")
		case facts[i].Foreign != "":
			res, err := extractWhole(p, o, facts[i].Foreign)
			res.Note = facts[i].Foreign + ": extract reads the whole archive at once (slower, more memory) while an entry is filed with another article; this run files it with its own"
			return res, err
		}
		for k, owner := range facts[i].Orphans {
			if other, ok := orphans[k]; ok && other != owner {
				return extractWhole(p, o, "an entry in two files") // Merge says which
			}
			orphans[k] = owner
		}
	}
	// What each locale offers, gathered.
	elsewhere := map[language.Tag]*catalog.Elsewhere{}
	var mu sync.Mutex
	tags := make([]language.Tag, 0, len(gs))
	for tag := range gs {
		tags = append(tags, tag)
	}
	errs = make([]error, len(tags))
	parallel.For(len(tags), func(i int) {
		e, err := gs[tags[i]].Elsewhere()
		mu.Lock()
		elsewhere[tags[i]], errs[i] = e, err
		mu.Unlock()
	})
	spent = true
	defer func() {
		for _, e := range elsewhere {
			e.Close()
		}
	}()
	if err := errors.Join(errs...); err != nil {
		return ExtractResult{}, err
	}
	// The parts whose entries go into each other's files, joined.
	join := newUnion(len(sels))
	for i, f := range facts {
		for tag, wants := range f.Wants {
			for _, want := range wants {
				for _, file := range elsewhere[tag].From(want) {
					if j, ok := partOf[p.NameOf(file)]; ok {
						join.union(i, j)
					}
				}
			}
		}
		for _, ref := range f.Refs {
			if j, ok := partOf[orphans[ref]]; ok {
				join.union(i, j)
			}
			_, id, _ := strings.Cut(ref, "\x00")
			if j, ok := partOf[strings.SplitN(id, ".", 2)[0]]; ok {
				join.union(i, j)
			}
		}
	}
	// A renamed article's part and its old name's (Workspace renames),
	// by the keys few enough new articles share to tell them apart.
	fresh := map[string][]int{}
	shared := map[string]int{} // how many new articles have each key
	for i, f := range facts {
		for _, k := range f.Fresh {
			shared[k]++
			if ps := fresh[k]; len(ps) == 0 || ps[len(ps)-1] != i {
				fresh[k] = append(ps, i)
			}
		}
	}
	common := map[string]bool{}
	for k, n := range shared {
		if n > workspace.RenameKeyShare {
			common[k] = true
		}
	}
	for i, f := range facts {
		for _, k := range f.Gone {
			if common[k] {
				continue
			}
			for _, j := range fresh[k] {
				join.union(i, j)
			}
		}
	}
	facts = nil
	var joined []workspace.Selection
	at := map[int]int{}
	for i, s := range sels {
		r := join.find(i)
		k, ok := at[r]
		if !ok {
			k = len(joined)
			at[r] = k
			joined = append(joined, workspace.Selection{})
		}
		joined[k].Names = append(joined[k].Names, s.Names...)
	}
	// Each part synced with what the others offer, and emitted.
	res := ExtractResult{Parts: len(joined), Report: workspace.ExtractReport{Locales: map[string]catalog.Stats{}, PrunedFrom: map[string]map[string]string{}}}
	errs = make([]error, len(joined))
	parallel.ForN(len(joined), workers, func(i int) {
		w, err := p.Load(joined[i])
		if err != nil {
			errs[i] = err
			return
		}
		w.UseCommonRenameKeys(common)
		files, rep, err := w.ExtractPart(o.AddLocales, o.Prune, elsewhere)
		if err != nil {
			errs[i] = err
			return
		}
		unchangedOut(w, files)
		mu.Lock()
		defer mu.Unlock()
		res.add(w, rep)
		errs[i] = o.Emit(files, w.Expectations(files.Paths()))
	})
	for _, err := range errs {
		if err != nil {
			return res, err // the first part's, in path order
		}
	}
	for tag, st := range res.Report.Locales {
		sort.Strings(st.Pruned)
		res.Report.Locales[tag] = st
	}
	sort.Slice(res.NotArticles, func(i, j int) bool { return res.NotArticles[i].Error() < res.NotArticles[j].Error() })
	return res, nil
}

// extractWhole is Extract of the archive read whole.
func extractWhole(p *workspace.Project, o ExtractOptions, why string) (ExtractResult, error) {
	w, err := p.Load(workspace.Selection{})
	if err != nil {
		return ExtractResult{}, err
	}
	files, rep, err := w.Extract(o.AddLocales, o.Prune)
	if err != nil {
		return ExtractResult{}, err
	}
	unchangedOut(w, files)
	res := ExtractResult{Report: rep, Articles: len(w.Articles), NotArticles: w.NotArticles, Parts: 1, Whole: why}
	return res, o.Emit(files, w.Expectations(files.Paths()))
}

// unchangedOut leaves out the catalogues extract would write back exactly
// as it read them, whatever the disk holds now: a translator saving a ru
// file while extract only updates the English is no conflict.
func unchangedOut(w *workspace.Workspace, files fileset.Set) {
	for p, data := range files {
		if data != nil && w.AsRead(p, data) {
			delete(files, p)
		}
	}
}

// add counts a part's report into the whole's.
func (r *ExtractResult) add(w *workspace.Workspace, rep workspace.ExtractReport) {
	r.Report.Units += rep.Units
	r.Articles += len(w.Articles)
	r.NotArticles = append(r.NotArticles, w.NotArticles...)
	for tag, st := range rep.Locales {
		all := r.Report.Locales[tag]
		all.Units += st.Units
		all.Translated += st.Translated
		all.Stale += st.Stale
		all.Missing += st.Missing
		all.Obsolete += st.Obsolete
		all.Reused += st.Reused
		all.Moved += st.Moved
		all.Pruned = append(all.Pruned, st.Pruned...)
		r.Report.Locales[tag] = all
	}
	for tag, from := range rep.PrunedFrom {
		if r.Report.PrunedFrom[tag] == nil {
			r.Report.PrunedFrom[tag] = map[string]string{}
		}
		for id, file := range from {
			r.Report.PrunedFrom[tag][id] = file
		}
	}
	r.Report.Migrated = append(r.Report.Migrated, rep.Migrated...)
	for from, to := range rep.Renamed {
		if r.Report.Renamed == nil {
			r.Report.Renamed = map[string]string{}
		}
		r.Report.Renamed[from] = to
	}
}

// union is a disjoint-set forest over 0 … n-1.
type union []int

func newUnion(n int) union {
	u := make(union, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u union) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u union) union(i, j int) {
	if a, b := u.find(i), u.find(j); a != b {
		u[max(a, b)] = min(a, b)
	}
}
