package workspace

import (
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/render"
	"github.com/tilmash/tilmash/translate/segment"
)

// Formats are the publishing formats, in the order they are built.
var Formats = []string{"md", "html", "txt", "epub"}

// WordsPerMinute is the reading speed behind a report's reading time.
const WordsPerMinute = 200

// BuildOptions choose what Build makes and what it publishes.
type BuildOptions struct {
	Locales []language.Tag // the locales to build; empty: every locale, the source included
	Formats []string       // the formats; empty: all of Formats
	Article string         // only the article with this slug; empty: every article
	// Fallback publishes an edition with missing or stale units anyway,
	// showing the English for them (marked lang="en" in HTML and EPUB).
	Fallback bool
	// MinCoverage publishes an incomplete edition, with fallback, when at
	// least this percentage of its units is translated and up to date.
	MinCoverage float64
	// Previous is the report of the last full build, if any: its files that
	// this build does not make (an article deleted since) are removed.
	Previous *Report
}

// Edition is one built edition: an article in a locale.
type Edition struct {
	*assemble.Edition
	Coverage float64  // percentage of units translated and up to date
	Files    []string // the files written for it
}

// Output is one file of the build report.
type Output struct {
	Locale         string   `json:"locale"`
	Article        string   `json:"article"`
	Format         string   `json:"format"`
	File           string   `json:"file"`
	Coverage       float64  `json:"coverage"`
	Words          int      `json:"words"`
	ReadingMinutes int      `json:"reading_minutes"`
	FallbackUnits  int      `json:"fallback_units"`
	Warnings       []string `json:"warnings,omitempty"`
}

// Refusal is an edition Build did not publish because it is incomplete.
type Refusal struct {
	Locale   string   `json:"locale"`
	Article  string   `json:"article"`
	Coverage float64  `json:"coverage"`
	Missing  []string `json:"missing,omitempty"` // units with no translation
	Stale    []string `json:"stale,omitempty"`   // units whose translation is stale
}

// Report is what a build made, as dist/report.json records it.
type Report struct {
	Editions []Output  `json:"editions"`
	Refused  []Refusal `json:"refused,omitempty"`
}

// Result is a build's files, editions and report.
type Result struct {
	Files    fileset.Set // to write; a nil content means "remove": an edition refused now but published before
	Editions []Edition
	Report   Report
}

// Build assembles every article in every locale and renders each in every
// format under dist/<locale>/. An edition with a missing or stale unit is
// refused (and any earlier copy of it removed) unless opts allow it.
// Locales are built in parallel; the result does not depend on their order.
func (w *Workspace) Build(opts BuildOptions) (*Result, error) {
	if err := w.ready(); err != nil {
		return nil, err
	}
	formats := opts.Formats
	if len(formats) == 0 {
		formats = Formats
	}
	for _, f := range formats {
		if !slices.Contains(Formats, f) {
			return nil, fmt.Errorf("unknown format %q: use %s", f, strings.Join(Formats, ", "))
		}
	}
	all := append([]*catalog.Catalog{w.Source}, w.Targets...)
	var cats []*catalog.Catalog
	for _, c := range all {
		c.Lookup("") // build the index now: the goroutines below only read
		if len(opts.Locales) == 0 || slices.Contains(opts.Locales, c.Locale) {
			cats = append(cats, c)
		}
	}
	for _, tag := range opts.Locales {
		if !slices.ContainsFunc(all, func(c *catalog.Catalog) bool { return c.Locale == tag }) {
			return nil, fmt.Errorf("no catalogue for %s: add it with tilmash extract --add-locale %s", tag, tag)
		}
	}
	var articles []*segment.Article
	for _, a := range w.Articles {
		if opts.Article == "" || a.Slug == opts.Article {
			articles = append(articles, a)
		}
	}
	if len(articles) == 0 {
		return nil, fmt.Errorf("no article %q in %s/", opts.Article, w.Layout.Content)
	}

	type localeResult struct {
		files   fileset.Set
		eds     []Edition
		outputs []Output
		refused []Refusal
		err     error
	}
	results := make([]localeResult, len(cats))
	var wg sync.WaitGroup
	for i, c := range cats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &results[i]
			r.files = fileset.Set{}
			for _, a := range articles {
				if err := w.buildEdition(a, c, all, formats, opts, r.files, &r.eds, &r.outputs, &r.refused); err != nil {
					r.err = err
					return
				}
			}
		}()
	}
	wg.Wait()
	res := &Result{Files: fileset.Set{}}
	for _, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		for p, data := range r.files {
			res.Files[p] = data
		}
		res.Editions = append(res.Editions, r.eds...)
		res.Report.Editions = append(res.Report.Editions, r.outputs...)
		res.Report.Refused = append(res.Report.Refused, r.refused...)
	}
	if res.Report.Editions == nil {
		res.Report.Editions = []Output{}
	}
	if opts.Previous != nil {
		for _, o := range opts.Previous.Editions {
			if _, made := res.Files[o.File]; !made && strings.HasPrefix(o.File, w.Layout.Dist+"/") {
				res.Files[o.File] = nil
			}
		}
	}
	return res, nil
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

// ReportFile returns dist/report.json for a report.
func (w *Workspace) ReportFile(r Report) (string, []byte) {
	data, _ := json.MarshalIndent(r, "", "  ")
	return path.Join(w.Layout.Dist, "report.json"), append(data, '\n')
}

func (w *Workspace) buildEdition(a *segment.Article, c *catalog.Catalog, all []*catalog.Catalog, formats []string, opts BuildOptions, files fileset.Set, eds *[]Edition, outputs *[]Output, refused *[]Refusal) error {
	dir := path.Join(w.Layout.Dist, c.Locale.String())
	fileOf := func(format string) string { return path.Join(dir, a.Slug+"."+format) }
	ed, err := assemble.Assemble(a, w.Source, c, assemble.Options{})
	if err != nil {
		return err
	}
	coverage := percent(ed.Stats.Translated, ed.Stats.Units)
	if ed.Stats.Fallback > 0 || ed.Stats.Stale > 0 {
		if !opts.Fallback && (opts.MinCoverage <= 0 || coverage < opts.MinCoverage) {
			*refused = append(*refused, Refusal{Locale: c.Locale.String(), Article: a.Slug, Coverage: coverage, Missing: ed.Stats.Missing, Stale: ed.Stats.StaleUnits})
			for _, f := range formats {
				files[fileOf(f)] = nil // an earlier, complete build must not stay published
			}
			return nil
		}
		// Published with fallback: stale units show the English too.
		if ed, err = assemble.Assemble(a, w.Source, c, assemble.Options{SourceForStale: true}); err != nil {
			return err
		}
	}
	var alts []render.Alternate
	for _, o := range all {
		if o != c {
			alts = append(alts, render.Alternate{Locale: o.Locale, Href: "../" + o.Locale.String() + "/" + a.Slug + ".html"})
		}
	}
	e := Edition{Edition: ed, Coverage: coverage}
	for _, f := range formats {
		var data []byte
		var warnings []string
		switch f {
		case "md":
			data = render.Markdown(ed)
		case "html":
			data = render.HTML(ed, alts)
		case "txt":
			data = render.Text(ed)
		case "epub":
			data, warnings = render.EPUB(ed)
		}
		if ed.Stats.Fallback > 0 {
			warnings = append([]string{fmt.Sprintf("%d of %d units shown in English (fallback)", ed.Stats.Fallback, ed.Stats.Units)}, warnings...)
		}
		file := fileOf(f)
		files[file] = data
		e.Files = append(e.Files, file)
		*outputs = append(*outputs, Output{Locale: c.Locale.String(), Article: a.Slug, Format: f, File: file, Coverage: coverage,
			Words: ed.Stats.Words, ReadingMinutes: (ed.Stats.Words + WordsPerMinute - 1) / WordsPerMinute, FallbackUnits: ed.Stats.Fallback, Warnings: warnings})
	}
	*eds = append(*eds, e)
	return nil
}

func percent(n, total int) float64 {
	if total == 0 {
		return 100
	}
	return float64(int(1000*float64(n)/float64(total))) / 10
}
