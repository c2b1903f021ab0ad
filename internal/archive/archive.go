// Package archive works through a project's whole archive of articles a
// part at a time, for every command that reads it whole (check, status,
// build, extract): each part's articles and catalogues are read, worked
// on and dropped before the next, a part for each core at once, so that
// peak memory is a few parts', not the archive's. What the parts give is combined into
// exactly what one pass over everything gives (a test compares them),
// the findings about the project as a whole once.
//
// With a cache (package cache), a part whose files, and the files every
// part reads (the settings, the glossary), are as they were when its
// result was kept is not read again: its result is taken from the cache.
// A test applies random edits to a project and compares cached and
// uncached runs.
package archive

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/cache"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/finding"
	"github.com/tilmash/tilmash/translate/locale"
)

// Options say what to work through, and how.
type Options struct {
	Selection workspace.Selection // the articles (a shard's, --article, --changed-since); zero: all
	Locales   []language.Tag      // only these target locales; none: all
	Speller   check.Speller       // spelling (check only); nil: none
	// PartBytes is how much article text a part holds; 0: one article a
	// part (what the cache keeps results of).
	PartBytes int64
	Workers   int // parts worked on at once; 0: one a core
	// Previous is the last build's report (status), for what the next
	// build keeps.
	Previous *workspace.Report

	// Cache keeps each part's result, keyed by everything the result
	// depends on; nil, or off: none.
	Cache *cache.Cache
	// Hash gives the files' content hashes (cache.FileHashes, with its
	// stat index); needed with Cache.
	Hash func(paths []string) ([][32]byte, error)
	// HashOutputs is Hash with a stat index of its own, for build (which
	// hashes its editions too).
	HashOutputs func(paths []string) ([][32]byte, error)
	// Version is the tool's version and anything else that changes
	// results without changing files (the speller's dictionaries): part
	// of every key.
	Version string
	// Exists reports whether a file of the last build's report is there
	// (status: an edition is kept only while its files are); nil: none is.
	Exists func(path string) bool
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
	// Parts counts the parts, and Cached those whose result the cache
	// held.
	Parts, Cached int
	// Summary says the whole result came from one cache entry: nothing
	// changed since a run that kept every part.
	Summary bool
}

// part is what one part gives: what a cache keeps.
type part struct {
	Findings  []finding.Finding         `json:"findings,omitempty"`
	Statuses  []check.Status            `json:"statuses,omitempty"`
	Editions  []workspace.EditionStatus `json:"editions,omitempty"`
	Units     []string                  `json:"units,omitempty"`
	Locales   []string                  `json:"locales"`
	Required  []string                  `json:"required,omitempty"`
	OutOfDate string                    `json:"out_of_date,omitempty"`
	NotArts   int                       `json:"not_articles,omitempty"`
	NotArt    string                    `json:"not_article,omitempty"` // the first, as its error says it
	Articles  int                       `json:"articles,omitempty"`

	broken      []*workspace.BrokenCatalogue // never kept: a part with one is never cached
	uncacheable bool                         // what it gives depends on more than its key says
}

// Check runs every check over the archive, part by part.
func Check(p *workspace.Project, o Options) (*Result, error) {
	var speller check.Speller
	var mem *memory
	if o.Speller != nil {
		mem = Remember(o.Speller).(*memory)
		speller = mem
	}
	res, err := each(p, o, "check", func(w *workspace.Workspace, r *part) error {
		fs, err := w.Check(o.Locales, speller)
		if err != nil {
			return err
		}
		// Spelling that could not be checked (hunspell failed) is this
		// run's trouble, not the part's result: never kept.
		r.uncacheable = mem != nil && mem.failed.Load()
		r.Findings = fs
		r.Statuses, err = w.Status(o.Locales)
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
// edition, part by part, each part given what the last build's report
// says of its own articles (the whole report, read by every part, made
// status quadratic: 100 s at 1,000 articles).
func Status(p *workspace.Project, o Options) (*Result, error) {
	var byArticle map[string]*workspace.Report
	if o.Previous != nil {
		byArticle = map[string]*workspace.Report{}
		of := func(a string) *workspace.Report {
			if byArticle[a] == nil {
				byArticle[a] = &workspace.Report{Inputs: o.Previous.Inputs, Media: o.Previous.Media}
			}
			return byArticle[a]
		}
		for _, e := range o.Previous.Editions {
			of(e.Article).Editions = append(of(e.Article).Editions, e)
		}
		for _, x := range o.Previous.Refused {
			of(x.Article).Refused = append(of(x.Article).Refused, x)
		}
	}
	res, err := each(p, o, "status", func(w *workspace.Workspace, r *part) error {
		var err error
		if r.Statuses, err = w.Status(o.Locales); err != nil {
			return err
		}
		prev := o.Previous
		if byArticle != nil {
			prev = &workspace.Report{Inputs: o.Previous.Inputs, Media: o.Previous.Media}
			for _, slug := range w.Names() {
				if x := byArticle[slug]; x != nil {
					prev.Editions = append(prev.Editions, x.Editions...)
					prev.Refused = append(prev.Refused, x.Refused...)
				}
			}
		}
		r.Editions, err = w.Editions(o.Locales, prev)
		// What it says of an article under embargo changes when the
		// embargo ends, its files unchanged: never kept.
		r.uncacheable = r.uncacheable || w.UnderEmbargo(workspace.Now())
		return err
	})
	if err != nil {
		return nil, err
	}
	workspace.SortEditions(res.Editions)
	return res, nil
}

// each works through the parts, a few at once, and combines what they
// give in their order; what is the same in every part (the locales, what
// is broken) is gathered here.
func each(p *workspace.Project, o Options, kind string, work func(*workspace.Workspace, *part) error) (*Result, error) {
	if err := p.Validate(o.Selection); err != nil {
		return nil, err
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	keys, err := keysOf(p, o, kind)
	if err != nil {
		return nil, err
	}
	for {
		known := p.Unreadables() // as the keys have them
		sels := p.Parts(o.Selection, o.PartBytes)
		var partKeys []*cache.Key
		if keys != nil {
			partKeys = keys(sels)
		}
		// Nothing changed since a run that kept every part: the whole
		// result, kept as one entry (at 10,000 articles, reading 10,000
		// entries was most of such a run).
		runKey, whole := runKeyOf(kind, partKeys, known)
		if whole {
			if r, ok := summaryFrom(o.Cache, runKey); ok {
				return r.result(), nil
			}
		}
		parts := make([]*part, len(sels))
		errs := make([]error, len(sels))
		cached := make([]bool, len(sels))
		next := make(chan int)
		var wg sync.WaitGroup
		for range min(workers, len(sels)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					if partKeys != nil && partKeys[i] != nil {
						if r, ok := fromCache(o.Cache, *partKeys[i]); ok {
							parts[i], cached[i] = r, true
							continue
						}
					}
					parts[i], errs[i] = run(p, sels[i], work)
					if errs[i] == nil && partKeys != nil && partKeys[i] != nil && knownBroken(parts[i], known) && !parts[i].uncacheable {
						toCache(o.Cache, *partKeys[i], parts[i])
					}
				}
			}()
		}
		for i := range sels {
			next <- i
		}
		close(next)
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return nil, err
			}
		}
		// A part that found a locale unreadable (a translator's broken
		// file) makes every part start again with the locale known to be
		// so, as one pass that reads no part of it does: rare, at most
		// once a locale, and the parts not concerned come from the cache.
		found := false
		for _, r := range parts {
			for _, b := range r.broken {
				if !slices.Contains(known, b.Locale.String()) {
					p.Unreadable(b) // the first file in path order stays
					found = true
				}
			}
		}
		if found {
			if keys != nil {
				keys, err = keysOf(p, o, kind)
				if err != nil {
					return nil, err
				}
			}
			continue
		}
		res := combine(parts, cached)
		if whole && len(p.Unreadables()) == 0 && !slices.ContainsFunc(parts, func(r *part) bool { return r.uncacheable }) {
			if data, err := encodeSummary(summaryOf(res)); err == nil {
				_ = o.Cache.Put(runKey, data)
			}
		}
		if res.Articles == 0 && res.NotArticles > 0 && o.Selection.All() {
			for _, r := range parts {
				if r.NotArt != "" {
					return nil, fmt.Errorf("%s/ holds no articles: %s", p.Layout.Content, r.NotArt)
				}
			}
		}
		// What is broken is known to every part now, the cached ones too.
		for _, t := range p.Unreadables() {
			res.Broken = append(res.Broken, p.UnreadableOf(language.MustParse(t)))
		}
		return res, nil
	}
}

// runKeyOf is the key of a whole run's result: every part's key, in
// order; whole is false when a part has none (it is not kept) or a locale
// is known to be unreadable (what every part then gives depends on which
// file broke it, decided as the parts run).
func runKeyOf(kind string, partKeys []*cache.Key, known []string) (cache.Key, bool) {
	if len(partKeys) == 0 || len(known) > 0 {
		return cache.Key{}, false
	}
	parts := [][]byte{[]byte("tilmash archive run " + kind)}
	for _, k := range partKeys {
		if k == nil {
			return cache.Key{}, false
		}
		parts = append(parts, k[:])
	}
	return cache.NewKey(parts...), true
}

// summary is a whole run's Result, as the cache keeps it.
type summary struct {
	Findings    []finding.Finding         `json:"findings,omitempty"`
	Statuses    []check.Status            `json:"statuses,omitempty"`
	Editions    []workspace.EditionStatus `json:"editions,omitempty"`
	Units       []string                  `json:"units,omitempty"`
	Locales     []string                  `json:"locales"`
	Required    []string                  `json:"required,omitempty"`
	OutOfDate   string                    `json:"out_of_date,omitempty"`
	NotArticles int                       `json:"not_articles,omitempty"`
	Articles    int                       `json:"articles,omitempty"`
	Parts       int                       `json:"parts"`
}

func summaryOf(r *Result) summary {
	s := summary{Findings: r.Findings, Statuses: r.Statuses, Editions: r.Editions, Units: r.Units, Locales: []string{},
		OutOfDate: r.OutOfDate, NotArticles: r.NotArticles, Articles: r.Articles, Parts: r.Parts}
	for _, t := range r.Locales {
		s.Locales = append(s.Locales, t.String())
	}
	for t := range r.Required {
		s.Required = append(s.Required, t.String())
	}
	slices.Sort(s.Required)
	return s
}

// summaryFrom reads the summary kept under k, in gob: a whole archive's
// findings decode in a third of JSON's time. Anything that does not
// decode, or is not a summary, is a miss.
func summaryFrom(c *cache.Cache, k cache.Key) (*summary, bool) {
	data, ok := c.Get(k)
	if !ok {
		return nil, false
	}
	s, err := decodeSummary(data)
	if err != nil || !s.valid() {
		return nil, false
	}
	return s, true
}

// summaryChunk is how many findings, editions or units one gob message
// holds: a whole archive's in one message was a second copy of it in
// memory while it was encoded (90 MiB more at 10,000 articles).
const summaryChunk = 4096

// encodeSummary writes s as gob messages: its small fields, then its
// lists a chunk at a time.
func encodeSummary(s summary) ([]byte, error) {
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	head := s
	head.Findings, head.Editions, head.Units = nil, nil, nil
	if err := enc.Encode(head); err != nil {
		return nil, err
	}
	counts := []int{len(s.Findings), len(s.Editions), len(s.Units)}
	if err := enc.Encode(counts); err != nil {
		return nil, err
	}
	if err := encodeChunks(enc, s.Findings); err != nil {
		return nil, err
	}
	if err := encodeChunks(enc, s.Editions); err != nil {
		return nil, err
	}
	if err := encodeChunks(enc, s.Units); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// encodeChunks writes list as gob messages of summaryChunk items.
func encodeChunks[T any](enc *gob.Encoder, list []T) error {
	for i := 0; i < len(list); i += summaryChunk {
		if err := enc.Encode(list[i:min(i+summaryChunk, len(list))]); err != nil {
			return err
		}
	}
	return nil
}

// decodeChunks reads n items that encodeChunks wrote: nil for none.
func decodeChunks[T any](dec *gob.Decoder, n int) ([]T, error) {
	if n == 0 {
		return nil, nil
	}
	out := make([]T, 0, n)
	for len(out) < n {
		var chunk []T
		if err := dec.Decode(&chunk); err != nil || len(chunk) == 0 {
			return nil, errors.New("a summary cut short")
		}
		out = append(out, chunk...)
	}
	return out, nil
}

// decodeSummary reads what encodeSummary wrote.
func decodeSummary(data []byte) (*summary, error) {
	dec := gob.NewDecoder(bytes.NewReader(data))
	var s summary
	if err := dec.Decode(&s); err != nil {
		return nil, err
	}
	var counts []int
	if err := dec.Decode(&counts); err != nil || len(counts) != 3 || slices.ContainsFunc(counts, func(n int) bool { return n < 0 || n > len(data) }) {
		return nil, errors.New("a summary without its counts")
	}
	var err error
	if s.Findings, err = decodeChunks[finding.Finding](dec, counts[0]); err != nil {
		return nil, err
	}
	if s.Editions, err = decodeChunks[workspace.EditionStatus](dec, counts[1]); err != nil {
		return nil, err
	}
	if s.Units, err = decodeChunks[string](dec, counts[2]); err != nil {
		return nil, err
	}
	if len(s.Findings) != counts[0] || len(s.Editions) != counts[1] || len(s.Units) != counts[2] {
		return nil, errors.New("a summary of other lengths")
	}
	return &s, nil
}

// valid reports whether a summary read back is one: a foreign or damaged
// entry is a miss, never a panic.
func (s *summary) valid() bool {
	if s.Locales == nil {
		return false
	}
	for _, t := range append(slices.Clone(s.Locales), s.Required...) {
		if _, err := language.Parse(t); err != nil {
			return false
		}
	}
	return true
}

// result is the Result a summary keeps, every part from the cache.
func (s *summary) result() *Result {
	r := &Result{Findings: s.Findings, Statuses: s.Statuses, Editions: s.Editions, Units: s.Units, Required: map[language.Tag]bool{},
		OutOfDate: s.OutOfDate, NotArticles: s.NotArticles, Articles: s.Articles, Parts: s.Parts, Cached: s.Parts, Summary: true}
	for _, t := range s.Locales {
		r.Locales = append(r.Locales, language.MustParse(t))
	}
	for _, t := range s.Required {
		r.Required[language.MustParse(t)] = true
	}
	return r
}

// knownBroken reports whether every locale the part could not read was
// known not to be readable before it ran (its key says so): a part that
// finds one is never kept, as every part starts again.
func knownBroken(r *part, known []string) bool {
	for _, b := range r.broken {
		if !slices.Contains(known, b.Locale.String()) {
			return false
		}
	}
	return true
}

// run loads one part and has work do it.
func run(p *workspace.Project, sel workspace.Selection, work func(*workspace.Workspace, *part) error) (*part, error) {
	w, err := p.Load(sel)
	if err != nil {
		return nil, err
	}
	r := &part{broken: w.Broken, OutOfDate: w.OutOfDate, NotArts: len(w.NotArticles), Articles: len(w.Articles)}
	if len(w.NotArticles) > 0 {
		r.NotArt = w.NotArticles[0].Error()
	}
	if err := work(w, r); err != nil {
		return nil, err
	}
	for _, tag := range w.Locales() {
		r.Locales = append(r.Locales, tag.String())
		if w.Requires(tag) {
			r.Required = append(r.Required, tag.String())
		}
	}
	if w.Source != nil {
		for _, m := range w.Source.Messages {
			r.Units = append(r.Units, m.ID)
		}
	}
	if r.OutOfDate == "" {
		r.OutOfDate = w.OutOfDate // ready() sets it
	}
	r.detach()
	return r, nil
}

// detach copies every string a part's result keeps: an ID or a text read
// from a catalogue is a slice of the whole file's content (the reader
// makes no copies), which would keep every file of the archive alive
// until the end (144 MB at 1,000 articles).
func (r *part) detach() {
	for i := range r.Findings {
		f := &r.Findings[i]
		f.Pos.File, f.Unit, f.Locale, f.Code = strings.Clone(f.Pos.File), strings.Clone(f.Unit), strings.Clone(f.Locale), strings.Clone(f.Code)
		f.Message, f.Hint = strings.Clone(f.Message), strings.Clone(f.Hint)
	}
	for i := range r.Units {
		r.Units[i] = strings.Clone(r.Units[i])
	}
	for i := range r.Editions {
		e := &r.Editions[i]
		e.Article = strings.Clone(e.Article)
		for j := range e.Rejected {
			e.Rejected[j] = strings.Clone(e.Rejected[j])
		}
	}
	r.OutOfDate = strings.Clone(r.OutOfDate)
}

// combine adds the parts up, in their order.
func combine(parts []*part, cached []bool) *Result {
	res := &Result{Required: map[language.Tag]bool{}, Parts: len(parts)}
	var statuses [][]check.Status
	for i, r := range parts {
		if cached[i] {
			res.Cached++
		}
		res.Findings = append(res.Findings, r.Findings...)
		res.Editions = append(res.Editions, r.Editions...)
		res.Units = append(res.Units, r.Units...)
		statuses = append(statuses, r.Statuses)
		res.Locales = nil
		for _, t := range r.Locales {
			res.Locales = append(res.Locales, language.MustParse(t))
		}
		for _, t := range r.Required {
			res.Required[language.MustParse(t)] = true
		}
		if res.OutOfDate == "" {
			res.OutOfDate = r.OutOfDate
		}
		res.NotArticles += r.NotArts
		res.Articles += r.Articles
	}
	res.Statuses = check.MergeStatuses(statuses...)
	return res
}

// keysOf returns, when there is a cache, what gives each part's key:
// everything its result depends on. The settings and the glossary, the
// tool, the options and the locales the project has, for every part;
// the part's own files (its articles and every one of their catalogue
// files) for each, and for status what the last build's report says of
// its articles and whether the files it names are there. A project still
// in the old layout (one file per locale, every part's) is not cached.
func keysOf(p *workspace.Project, o Options, kind string) (func([]workspace.Selection) []*cache.Key, error) {
	if o.Cache == nil || o.Cache.Off() != "" || o.Hash == nil || len(p.OldLayout()) > 0 {
		return nil, nil
	}
	var tags []string
	for _, t := range o.Locales {
		tags = append(tags, t.String())
	}
	var locales []string
	for _, t := range p.Locales() {
		locales = append(locales, t.String())
	}
	spelling := "no spelling"
	if o.Speller != nil {
		spelling = "spelling"
	}
	common := [][]byte{[]byte("tilmash archive " + kind), []byte(o.Version), []byte(strings.Join(tags, ",")), []byte(strings.Join(locales, ",")),
		[]byte(spelling), []byte(p.UnreadableKey()), []byte(locale.Source.String())}
	// What the last build's report says of each article (status).
	reported := map[string][]any{}
	if o.Previous != nil {
		for _, e := range o.Previous.Editions {
			there := o.Exists != nil && o.Exists(e.File)
			reported[e.Article] = append(reported[e.Article], e, there)
		}
		for _, r := range o.Previous.Refused {
			reported[r.Article] = append(reported[r.Article], r)
		}
	}
	return func(sels []workspace.Selection) []*cache.Key {
		// Every file of every part, hashed in one call: the cache's stat
		// index keeps the last call's files.
		shared := p.Shared()
		all := slices.Clone(shared)
		per := make([][]string, len(sels))
		for i, sel := range sels {
			if len(sel.Names) > 0 { // the whole selection is too big a part to keep
				per[i] = p.Inputs(sel.Names)
				all = append(all, per[i]...)
			}
		}
		slices.Sort(all)
		all = slices.Compact(all)
		sums, err := o.Hash(all)
		if err != nil {
			return nil // a file gone since it was listed: worked on, not kept
		}
		sum := make(map[string][32]byte, len(all))
		for i, f := range all {
			sum[f] = sums[i]
		}
		base := slices.Clone(common)
		for _, f := range shared {
			s := sum[f]
			base = append(base, []byte(f), s[:])
		}
		baseKey := cache.NewKey(base...)
		out := make([]*cache.Key, len(sels))
		for i, sel := range sels {
			if per[i] == nil {
				continue
			}
			parts := [][]byte{baseKey[:], []byte(strings.Join(sel.Names, "\x00"))}
			for _, f := range per[i] {
				s := sum[f]
				parts = append(parts, []byte(f), s[:])
			}
			for _, n := range sel.Names {
				if r, ok := reported[n]; ok {
					data, err := json.Marshal(r)
					if err != nil {
						return nil
					}
					parts = append(parts, data)
				}
			}
			k := cache.NewKey(parts...)
			out[i] = &k
		}
		return out
	}, nil
}

// fromCache reads a part's result; anything it cannot decode is a miss.
func fromCache(c *cache.Cache, k cache.Key) (*part, bool) {
	return cached(c, k, func(r *part) bool { return r.Locales != nil })
}

// cached reads the result kept under k, a T, when it decodes and whole
// says it is one; anything else is a miss.
func cached[T any](c *cache.Cache, k cache.Key, whole func(*T) bool) (*T, bool) {
	data, ok := c.Get(k)
	if !ok {
		return nil, false
	}
	var r T
	if err := json.Unmarshal(data, &r); err != nil || !whole(&r) {
		return nil, false
	}
	return &r, true
}

// toCache keeps a part's result; a cache that cannot keep it is no error
// (the next run works the part again).
func toCache(c *cache.Cache, k cache.Key, r *part) {
	if data, err := json.Marshal(r); err == nil {
		_ = c.Put(k, data)
	}
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
// Parts worked on at once ask one at a time per dictionary.
func Remember(s check.Speller) check.Speller {
	return &memory{s: s, dicts: map[string]*dictMemory{}}
}

type memory struct {
	s      check.Speller
	mu     sync.Mutex
	dicts  map[string]*dictMemory
	failed atomic.Bool // the speller failed once: what it said since is not to be kept
}

// dictMemory is what one dictionary said of each word it was asked
// about: the word itself, or the parts of it it did not know; nil for a
// word it knows.
type dictMemory struct {
	mu    sync.Mutex
	known map[string][]string
}

// Unknown asks the speller about the words it was never asked about, and
// answers the others from memory: what the speller said of each word, in
// the order asked.
func (m *memory) Unknown(dict string, words []string) ([]string, error) {
	m.mu.Lock()
	d := m.dicts[dict]
	if d == nil {
		d = &dictMemory{known: map[string][]string{}}
		m.dicts[dict] = d
	}
	m.mu.Unlock()
	d.mu.Lock()
	defer d.mu.Unlock()
	var ask []string
	asking := map[string]bool{}
	for _, w := range words {
		if _, ok := d.known[w]; !ok && !asking[w] {
			asking[w] = true
			ask = append(ask, w)
		}
	}
	var fresh []string
	if len(ask) > 0 {
		var err error
		if fresh, err = m.s.Unknown(dict, ask); err != nil {
			m.failed.Store(true)
			return nil, err
		}
		// Keys copied: a word is a slice of a catalogue file's text, which
		// the memory must not keep alive (a string key is replaced by the
		// one assigned with, so every assignment uses the copy).
		own := make(map[string]string, len(ask))
		for _, w := range ask {
			own[w] = strings.Clone(w)
			d.known[own[w]] = nil
		}
		for _, u := range fresh {
			if asking[u] {
				d.known[own[u]] = append(d.known[own[u]], u)
				continue
			}
			for _, w := range ask { // a part of a word (hunspell splits some)
				if strings.Contains(w, u) {
					d.known[own[w]] = append(d.known[own[w]], u)
				}
			}
		}
	}
	var unknown []string
	seen := map[string]bool{}
	for _, u := range fresh {
		if !seen[u] {
			seen[u] = true
			unknown = append(unknown, u)
		}
	}
	for _, w := range words {
		for _, u := range d.known[w] {
			if !seen[u] {
				seen[u] = true
				unknown = append(unknown, u)
			}
		}
	}
	return unknown, nil
}
