// Package archive works through a project's whole archive of articles a
// part at a time, for the commands that only read it (check, status):
// each part's articles and catalogues are read, worked on and dropped
// before the next, so that peak memory is a part's, not the archive's.
// What the parts give is combined into exactly what one pass over
// everything gives (a test compares them), the findings about the project
// as a whole once.
package archive

import (
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/finding"
)

// PartBytes is how much article text a part holds by default: about fifty
// articles of 20 KB, with their catalogues some tens of MiB in memory.
const PartBytes = 1 << 20

// Options say what to work through, and how.
type Options struct {
	Selection workspace.Selection // the articles (a shard's, --article); zero: all
	Locales   []language.Tag      // only these target locales; none: all
	Speller   check.Speller       // spelling (check only); nil: none
	PartBytes int64               // the article text a part holds; 0: PartBytes
	// Previous is the last build's report (status), for what the next
	// build keeps.
	Previous *workspace.Report
}

// Result is what the parts give, combined.
type Result struct {
	Findings []finding.Finding         // check: sorted
	Statuses []check.Status            // each locale's tally
	Editions []workspace.EditionStatus // status: what the next build does with each edition
	Units    []string                  // every unit's ID, in the articles' order
	// Locales are the project's locales, the source first (as
	// Workspace.Locales).
	Locales []language.Tag
	// Broken are the catalogues that could not be read: every part
	// treats their locales as one pass does.
	Broken []*workspace.BrokenCatalogue
	// Required are the locales some article's edition is required in.
	Required map[language.Tag]bool
	// OutOfDate is the first place where the articles differ from the
	// source catalogue on disk (Workspace.OutOfDate), or "".
	OutOfDate string
	// NotArticles are the Markdown files with no front matter.
	NotArticles int
	// Articles counts the articles worked through.
	Articles int

	statuses [][]check.Status // each part's
}

// Check runs every check over the archive, part by part.
func Check(p *workspace.Project, o Options) (*Result, error) {
	speller := o.Speller
	if speller != nil {
		speller = Remember(speller)
	}
	res, err := each(p, o, func(w *workspace.Workspace, r *Result) error {
		fs, err := w.Check(o.Locales, speller)
		if err != nil {
			return err
		}
		r.Findings = append(r.Findings, fs...)
		sts, err := w.Status(o.Locales)
		r.statuses = append(r.statuses, sts)
		return err
	})
	if err != nil {
		return nil, err
	}
	res.Findings = once(res.Findings)
	finding.Sort(res.Findings)
	return res, nil
}

// Status tallies the archive and says what the next build does with each
// edition, part by part.
func Status(p *workspace.Project, o Options) (*Result, error) {
	res, err := each(p, o, func(w *workspace.Workspace, r *Result) error {
		sts, err := w.Status(o.Locales)
		if err != nil {
			return err
		}
		r.statuses = append(r.statuses, sts)
		eds, err := w.Editions(o.Locales, o.Previous)
		r.Editions = append(r.Editions, eds...)
		return err
	})
	if err != nil {
		return nil, err
	}
	workspace.SortEditions(res.Editions)
	return res, nil
}

// each loads the parts in turn and has work do each; what is the same in
// every part (the locales, what is broken) is gathered here.
func each(p *workspace.Project, o Options, work func(*workspace.Workspace, *Result) error) (*Result, error) {
	size := o.PartBytes
	if size <= 0 {
		size = PartBytes
	}
	if err := p.Validate(o.Selection); err != nil {
		return nil, err
	}
	known := 0
again:
	// A part that finds a locale unreadable (a translator's broken file)
	// makes every part start again with the locale known to be so, as one
	// pass that reads no part of it: rare, and at most once a locale.
	res := &Result{Required: map[language.Tag]bool{}}
	for _, part := range p.Parts(o.Selection, size) {
		w, err := p.Load(part)
		if err != nil {
			return nil, err
		}
		if len(w.Broken) > known {
			for _, b := range w.Broken {
				p.Unreadable(b)
			}
			known = len(w.Broken)
			goto again
		}
		if err := work(w, res); err != nil {
			return nil, err
		}
		res.Broken = w.Broken // the same in every part, now
		res.Locales = w.Locales()
		for _, tag := range w.Locales() {
			if w.Requires(tag) {
				res.Required[tag] = true
			}
		}
		if res.OutOfDate == "" {
			res.OutOfDate = w.OutOfDate
		}
		for _, m := range w.Source.Messages {
			res.Units = append(res.Units, m.ID)
		}
		res.NotArticles += len(w.NotArticles)
		res.Articles += len(w.Articles)
	}
	res.Statuses = check.MergeStatuses(res.statuses...)
	return res, nil
}

// once keeps each finding once: one the parts all make (about the
// settings, or a locale with no catalogue) is the project's. Of a
// locale's findings about the project (no unit), the most severe stands,
// at its first place, as one pass decides them over all the articles.
func once(fs []finding.Finding) []finding.Finding {
	type key struct{ code, locale string }
	best := map[key]int{}
	seen := map[finding.Finding]bool{}
	var out []finding.Finding
	for _, f := range fs {
		if seen[f] {
			continue
		}
		seen[f] = true
		if f.Unit != "" || f.Code != check.CodeSettings && f.Code != check.CodeMissing {
			out = append(out, f)
			continue
		}
		k := key{f.Code, f.Locale}
		i, ok := best[k]
		switch {
		case !ok:
			best[k] = len(out)
			out = append(out, f)
		case f.Severity < out[i].Severity || f.Severity == out[i].Severity && before(f, out[i]):
			out[i] = f
		}
	}
	return out
}

// before reports whether a sorts before b (finding.Sort's order).
func before(a, b finding.Finding) bool {
	fs := []finding.Finding{b, a}
	finding.Sort(fs)
	return fs[0] == a && a != b
}

// Remember wraps a speller so that each word is asked about once per
// dictionary, whatever the part: a word the first parts asked about is
// answered from memory (a language's words, not the archive's size).
func Remember(s check.Speller) check.Speller {
	return &memory{s: s, known: map[string]map[string][]string{}}
}

type memory struct {
	s     check.Speller
	mu    sync.Mutex
	known map[string]map[string][]string // dictionary → word → what the speller called unknown in it (nil: nothing)
}

// Unknown asks the speller about the words it was never asked about, and
// answers the others from memory: what the speller said of each word (the
// word itself, or the parts of it it did not know), in the order asked.
func (m *memory) Unknown(dict string, words []string) ([]string, error) {
	m.mu.Lock()
	known := m.known[dict]
	if known == nil {
		known = map[string][]string{}
		m.known[dict] = known
	}
	var ask []string
	asking := map[string]bool{}
	for _, w := range words {
		if _, ok := known[w]; !ok && !asking[w] {
			asking[w] = true
			ask = append(ask, w)
		}
	}
	m.mu.Unlock()
	var fresh []string
	if len(ask) > 0 {
		var err error
		if fresh, err = m.s.Unknown(dict, ask); err != nil {
			return nil, err
		}
		asked := make(map[string]bool, len(ask))
		for _, w := range ask {
			asked[w] = true
		}
		m.mu.Lock()
		for _, w := range ask {
			known[w] = nil
		}
		for _, u := range fresh {
			if asked[u] {
				known[u] = append(known[u], u)
				continue
			}
			for _, w := range ask { // a part of a word (hunspell splits some)
				if strings.Contains(w, u) {
					known[w] = append(known[w], u)
				}
			}
		}
		m.mu.Unlock()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var unknown []string
	seen := map[string]bool{}
	for _, u := range fresh {
		seen[u] = true
		unknown = append(unknown, u)
	}
	for _, w := range words {
		for _, u := range known[w] {
			if !seen[u] {
				seen[u] = true
				unknown = append(unknown, u)
			}
		}
	}
	return unknown, nil
}
