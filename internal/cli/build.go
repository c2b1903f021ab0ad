package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/archive"
	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/internal/cache"
	"github.com/tilmash/tilmash/internal/escape"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/internal/programid"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/locale"
)

// PublishOptions are what build and export share: which editions may be
// published incomplete.
type PublishOptions struct {
	Fallback    string  // "" or the source locale: show the English for missing and stale units
	MinCoverage float64 // publish incomplete editions at this coverage or more, with fallback
}

func (p *PublishOptions) bind(cmd *cobra.Command) {
	cmd.Flags().StringVar(&p.Fallback, "fallback", "", "publish incomplete editions anyway, showing the English for the units missing or rejected by a check, and for stale ones under [publish] stale = \"refuse\" (the only value: en)")
	percentVar(cmd.Flags(), &p.MinCoverage, "min-coverage", "publish an incomplete edition, with English fallback, when at least this percentage of its units is translated (0 to 100)")
}

func (p *PublishOptions) apply(o *workspace.BuildOptions) error {
	switch p.Fallback {
	case "":
	case locale.Source.String():
		o.Fallback = true
	default:
		return &exitError{ExitError, fmt.Errorf("--fallback %q: the fallback is the source language, %s", p.Fallback, locale.Source)}
	}
	o.MinCoverage = p.MinCoverage
	return nil
}

// BuildOptions are the options of tilmash build.
type BuildOptions struct {
	*Global
	IO
	PublishOptions
	SelectOptions
	Locales []string // only these locales
	Formats []string // only these formats
	Site    string   // also the content tree of this site generator: hugo
}

// NewCmdBuild builds tilmash build. runF replaces buildRun in tests.
func NewCmdBuild(g *Global, streams IO, runF func(*BuildOptions) error) *cobra.Command {
	opts := &BuildOptions{Global: g, IO: streams}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build every edition of every article into dist/<locale>/",
		Long: `Assemble every article in every locale, the English included, from the
catalogues in locales/, and write each edition to dist/<locale>/ in every
format: Markdown (.md), a standalone HTML page (.html), plain text (.txt) and
an EPUB 3 book (.epub). The image files the articles' figures show beside
them are published once, under dist/media/ (their path under content/), and
packed into each book. dist/report.json records each file with its coverage,
word count, reading time and warnings, and each image.

The checks run first, and build never publishes what tilmash check rejects: a
missing unit, or a unit whose translation fails a check (or a stale one, under
[publish] stale = "refuse"). A required edition with such units is published
with the English for them, marked lang="en", and a notice to its readers, when
at least half its units (min-coverage) are translated: a correction to the
English does not take a page down (check, the CI gate, still fails). Below
that, or under [publish] incomplete = "refuse", it is not published: the
command names the units and exits 1; if the last build published the edition
complete from the same English, that edition stays ("kept"). An edition in
progress waits until it is complete (incomplete = "fallback" publishes it
too). --fallback en publishes every incomplete edition with the English for
those units; --min-coverage N does so at N% or more.

A draft (draft = true) and an article under embargo (publishDate in the
future) are published in no locale; a link to one shows its words alone.
The first build after an embargo ends publishes the article. Builds judge the
time at SOURCE_DATE_EPOCH when it is set.

Every edition's language links name exactly the editions published. Locales
are built in parallel; files whose content did not change are not rewritten.
A partial build (--locale, --format) merges what it made into dist/report.json.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return buildRun(opts)
		},
	}
	opts.PublishOptions.bind(cmd)
	cmd.Flags().StringSliceVarP(&opts.Locales, "locale", "l", nil, "only these locales (BCP 47 tags)")
	cmd.Flags().StringSliceVarP(&opts.Formats, "format", "f", nil, "only these formats: md, html, txt, epub, hugo")
	cmd.Flags().StringVar(&opts.Site, "site", "", "also write the content tree of this site generator: hugo (dist/hugo/; [publish] site sets it for every build)")
	opts.SelectOptions.bind(cmd)
	return cmd
}

func buildRun(opts *BuildOptions) error {
	l, err := opts.lock("build")
	if err != nil {
		return err
	}
	defer l.Release()
	// An interrupted write first: the editions it leaves are not the last
	// build's.
	if err := opts.recover(opts.Err); err != nil {
		return err
	}
	// Nothing changed since the last build (same files, same program, same
	// options, every edition in place): nothing to do, and nothing to parse.
	fsys := os.DirFS(opts.Dir)
	digest, derr := workspace.DigestWith(fsys, opts.layout(), fmt.Sprintf("%s\x00%q %q %q %q %v %+v", programID(), opts.Locales, opts.Formats, opts.Site, opts.Fallback, opts.MinCoverage, opts.layout())+fmt.Sprintf(" %q %q", opts.Shard, opts.Articles), opts.inputHashes())
	if derr == nil {
		if prev, err := previousReportAt(opts.Global, opts.layout()); err == nil && prev != nil && prev.Inputs == digest && prev.Current(fsys) && !prev.Due(workspace.Now()) {
			summary(opts.Out, &workspace.Result{Report: opts.ofThisBuild(*prev, append(slices.Clone(opts.Formats), prevHugo(prev)...))}, false)
			fmt.Fprintf(opts.Out, "nothing changed since the last build: 0 files written, in %s/\n", opts.Dist)
			return refusals(&workspace.Result{Report: *prev})
		}
	}
	// The archive a part at a time: each part's editions are written to
	// temporary files as they are made, and put in place together at the
	// end (memory holds a few parts, not the archive's editions).
	p, sel, tags, _, err := opts.openArchive(opts.Locales, true, &opts.SelectOptions, "")
	if err != nil {
		return err
	}
	bo := workspace.BuildOptions{Locales: tags, Formats: opts.Formats, Site: opts.Site}
	if err := opts.PublishOptions.apply(&bo); err != nil {
		return err
	}
	if bo.Previous, err = previousReportAt(opts.Global, p.Layout); err != nil {
		return err
	}
	ao, err := opts.archiveOptions(p, sel, tags, nil)
	if err != nil {
		return err
	}
	res, err := archive.Build(p, ao, bo, opts.Dir, fileset.Options{Journal: true, Command: "build"})
	if err != nil {
		return &exitError{ExitError, err}
	}
	if derr == nil && len(res.Broken) == 0 && len(res.NotArticles) == 0 && res.OutOfDate == "" && len(res.Warnings) == 0 {
		res.Report.Inputs = digest // nothing a rebuild would have to say again
	}
	if err := res.Stage.Add(p.SiteFiles(res.Report)); err != nil {
		res.Stage.Abort()
		return &exitError{ExitError, err}
	}
	if err := res.Stage.Add(p.ReportFile(res.Report)); err != nil { // a partial build merges its editions into the last report
		res.Stage.Abort()
		return &exitError{ExitError, err}
	}
	done, err := res.Stage.Commit()
	if err != nil {
		return &exitError{ExitError, err}
	}
	if isTerminal(opts.Out) {
		for _, ed := range res.Built {
			fmt.Fprintf(opts.Out, "built %s %s: %s\n", ed.Locale, escape.Line(ed.Article), escape.Line(strings.Join(ed.Files, " ")))
		}
	}
	formats, _ := workspace.BuildFormats(bo, p.Config)
	summary(opts.Out, &workspace.Result{Report: opts.ofThisBuild(res.Report, formats)}, false)
	fmt.Fprintf(opts.Out, "%s written, %d unchanged, %d removed, in %s/\n", count(len(done.Written), "file"), len(done.Unchanged), len(done.Removed), opts.Dist)
	if res.OutOfDate != "" {
		fmt.Fprintf(opts.Err, "tilmash: note: %s (built from the articles as they are)\n", escape.Line(res.OutOfDate))
	}
	for _, warn := range append(res.NotArticles, res.Warnings...) {
		fmt.Fprintf(opts.Err, "tilmash: warning: %s\n", escape.Line(warn))
	}
	if err := reportBrokenOf(res.Broken, func(tag language.Tag) bool { return res.Required[tag] }, tags, opts.Err); err != nil {
		return err
	}
	return refusals(&workspace.Result{Report: res.Report})
}

// ofThisBuild is r with only the editions this build was asked to make (of
// formats, when --format names some: the Hugo tree with them when the
// site is Hugo's, workspace.BuildFormats): a
// partial build (some locales, formats or articles) merges its editions
// into the last build's report, which keeps them all, and its table lists
// only its own. The refusals stay, all of them: a required edition the
// last build refused still fails this one, and the table says why.
func (opts *BuildOptions) ofThisBuild(r workspace.Report, formats []string) workspace.Report {
	sel, err := opts.SelectOptions.selection()
	if err != nil {
		sel = workspace.Selection{}
	}
	var locales []string
	for _, l := range opts.Locales {
		if tag, err := language.Parse(l); err == nil {
			locales = append(locales, tag.String())
		}
	}
	out := r
	out.Editions = nil
	for _, o := range r.Editions {
		if (len(locales) == 0 || slices.Contains(locales, o.Locale)) && (len(opts.Formats) == 0 || slices.Contains(formats, o.Format)) && sel.Has(o.Article) {
			out.Editions = append(out.Editions, o)
		}
	}
	return out
}

// prevHugo is the Hugo format if the last build made the Hugo tree: a
// build that changed nothing made what it made.
func prevHugo(r *workspace.Report) []string {
	if slices.ContainsFunc(r.Editions, func(o workspace.Output) bool { return o.Format == workspace.HugoFormat }) {
		return []string{workspace.HugoFormat}
	}
	return nil
}

// inputHashes hashes the project's files for the build digest through
// the result cache's stat index (its own: build's other hashing is of
// other files); with no cache, each file is read.
func (g *Global) inputHashes() func([]string) ([][32]byte, error) {
	c, err := cache.Open()
	root, aerr := filepath.Abs(g.Dir)
	if err != nil || aerr != nil || c.Off() != "" {
		return nil
	}
	return func(paths []string) ([][32]byte, error) { return c.FileHashesAs(root, "digest", paths) }
}

// previousReport reads dist/report.json, the last build's report, if any.
func previousReport(g *Global, w *workspace.Workspace) (*workspace.Report, error) {
	return previousReportAt(g, w.Layout)
}

func previousReportAt(g *Global, lay workspace.Layout) (*workspace.Report, error) {
	reportPath := path.Join(lay.Dist, "report.json")
	data, err := bound.ReadFile(os.DirFS(g.Dir), reportPath, bound.Report)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, &exitError{ExitError, err}
	}
	r, err := workspace.PreviousReport(data)
	if err != nil {
		return nil, &exitError{ExitError, fmt.Errorf("%s: %w", reportPath, err)}
	}
	return r, nil
}

// summary prints one line per edition and format, and the refused editions.
// Editions in progress are counted per locale unless all is set. The
// report may be the last build's, read from dist/report.json: every text
// in it is escaped to one line.
func summary(w interface{ Write([]byte) (int, error) }, res *workspace.Result, all bool) {
	out := bufio.NewWriter(w) // a line a write made a terminal's worth of lines slow
	defer out.Flush()
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "locale\tarticle\tformat\tcoverage\twords\treading\tfile\twarnings")
	for _, o := range res.Report.Editions {
		warnings := o.Warnings
		if o.Kept {
			warnings = append([]string{"kept from an earlier build"}, warnings...)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.1f%%\t%d\t%d min\t%s\t%s\n", escape.Line(o.Locale), escape.Line(o.Article), escape.Line(o.Format), o.Coverage, o.Words, o.ReadingMinutes, escape.Line(o.File), escape.Line(strings.Join(warnings, "; ")))
	}
	tw.Flush()
	// A renamed article's old addresses, once per article and old name.
	moved := map[string][]string{}
	var names []string
	for _, o := range res.Report.Editions {
		for _, r := range o.Redirects {
			old := strings.TrimSuffix(path.Base(r), ".html")
			k := old + " -> " + o.Article
			if len(moved[k]) == 0 {
				names = append(names, k)
			}
			moved[k] = append(moved[k], o.Locale)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(out, "old address kept: %s (renamed; a page in %s leads to the new one)\n", escape.Line(k), escape.Line(strings.Join(moved[k], ", ")))
	}
	for _, h := range res.Report.HeldBack {
		fmt.Fprintf(out, "held back in every locale: %s (%s)\n", escape.Line(h.Article), escape.Line(h.Why))
	}
	waiting := map[string]int{} // in progress, incomplete, by locale
	var locs []string
	for _, r := range res.Report.Refused {
		if !all && r.Requirement != "required" && !r.Kept && len(r.Rejected) == 0 {
			if waiting[r.Locale] == 0 {
				locs = append(locs, r.Locale)
			}
			waiting[r.Locale]++
			continue
		}
		fmt.Fprintf(out, "not published: %s %s (%s), %.1f%% translated", escape.Line(r.Locale), escape.Line(r.Article), escape.Line(r.Requirement), r.Coverage)
		if len(r.Missing) > 0 {
			fmt.Fprintf(out, "; missing: %s", escape.Line(strings.Join(r.Missing, ", ")))
		}
		if len(r.Stale) > 0 {
			fmt.Fprintf(out, "; stale: %s", escape.Line(strings.Join(r.Stale, ", ")))
		}
		if r.Kept {
			fmt.Fprintf(out, "; the earlier complete edition stays published")
		}
		fmt.Fprintln(out)
		for _, x := range r.Rejected {
			if x.Unit == "" {
				fmt.Fprintf(out, "  %s: %s\n", escape.Line(x.Pos), escape.Line(x.Message))
			} else {
				fmt.Fprintf(out, "  %s: %s: %s\n", escape.Line(x.Pos), escape.Line(x.Unit), escape.Line(x.Message))
			}
		}
	}
	if len(locs) > 0 {
		sort.Strings(locs)
		var parts []string
		for _, l := range locs {
			parts = append(parts, fmt.Sprintf("%s %s", escape.Line(l), count(waiting[l], "edition")))
		}
		fmt.Fprintf(out, "in progress, not yet complete (tilmash status lists them): %s\n", strings.Join(parts, ", "))
	}
}

// refusals fails the build when an edition the publication policy requires
// was refused; editions in progress are reported and do not fail it.
func refusals(res *workspace.Result) error {
	if !res.Report.Failed() {
		return nil
	}
	var eds []string
	for _, r := range res.Report.Refused {
		if r.Fails() {
			eds = append(eds, r.Locale+" "+r.Article)
		}
	}
	// The first few, on one line a CI log can show: the list above (and
	// tilmash status) names every one.
	const shown = 10
	list := strings.Join(eds[:min(len(eds), shown)], ", ")
	if len(eds) > shown {
		list += fmt.Sprintf(" and %d more (listed above; tilmash status lists them too)", len(eds)-shown)
	}
	return &exitError{ExitFindings, fmt.Errorf("%s not published: %s (translate or fix them, or publish with --fallback en or --min-coverage N)", count(len(eds), "required edition"), list)}
}

// ExportOptions are the options of tilmash export.
type ExportOptions struct {
	*Global
	IO
	PublishOptions
	Locale  string // the edition's locale
	Format  string // md, html, txt, epub
	Article string // the article's slug; may be empty when there is one article
	Output  string // the file to write; "-" for standard output; "" for dist/<locale>/<article>.<format>
}

// NewCmdExport builds tilmash export. runF replaces exportRun in tests.
func NewCmdExport(g *Global, streams IO, runF func(*ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{Global: g, IO: streams}
	cmd := &cobra.Command{
		Use:   "export --locale L --format md|html|txt|epub [-o PATH]",
		Short: "Export one edition in one format",
		Long: `Export one article in one locale and format: Markdown (md), standalone HTML
(html), plain text (txt) or EPUB 3 (epub). It is written to -o PATH ("-" for
standard output), or to dist/<locale>/<article>.<format>.

An incomplete edition is published, or refused (exit 1, naming its missing and
stale units), as tilmash build decides it; --fallback en or --min-coverage N
allow it for this run.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Locale == "" {
				return &exitError{ExitError, &usageError{errors.New("--locale is required"), cmd.UsageString()}}
			}
			if !slices.Contains(workspace.Formats, opts.Format) {
				return &exitError{ExitError, fmt.Errorf("--format %q: use one of %s", opts.Format, strings.Join(workspace.Formats, ", "))}
			}
			if runF != nil {
				return runF(opts)
			}
			return exportRun(opts)
		},
	}
	opts.PublishOptions.bind(cmd)
	cmd.Flags().StringVarP(&opts.Locale, "locale", "l", "", "the edition's locale (BCP 47 tag)")
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "html", "md, html, txt or epub")
	cmd.Flags().StringVarP(&opts.Article, "article", "a", "", "the article (file name without .md); needed when content/ holds several")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", `the file to write ("-": standard output)`)
	return cmd
}

func exportRun(opts *ExportOptions) error {
	if opts.Output != "" && opts.Output != "-" {
		if err := opts.guardOutput("-o", opts.Output); err != nil {
			return err
		}
	}
	if opts.Output != "-" {
		l, err := opts.lock("export")
		if err != nil {
			return err
		}
		defer l.Release()
	}
	w, tags, err := opts.loadLocales([]string{opts.Locale}, true)
	if err != nil {
		return err
	}
	if opts.Article == "" && len(w.Articles) > 1 {
		var slugs []string
		for _, a := range w.Articles {
			slugs = append(slugs, a.Slug)
		}
		return &exitError{ExitError, fmt.Errorf("content/ holds %d articles: name one with --article (%s)", len(slugs), strings.Join(slugs, ", "))}
	}
	bo := workspace.BuildOptions{Locales: tags, Formats: []string{opts.Format}, Article: opts.Article}
	if err := opts.PublishOptions.apply(&bo); err != nil {
		return err
	}
	// The editions a build would publish in every locale, which the
	// page's language links name, as a build's page does.
	plan := bo
	plan.Locales, plan.PlanOnly = nil, true
	all, err := w.Build(plan)
	if err != nil {
		return &exitError{ExitError, err}
	}
	bo.Published = map[string]map[string]bool{}
	for _, e := range all.Report.Editions {
		if bo.Published[e.Article] == nil {
			bo.Published[e.Article] = map[string]bool{}
		}
		bo.Published[e.Article][e.Locale] = true
	}
	res, err := w.Build(bo)
	if err != nil {
		return &exitError{ExitError, err}
	}
	if len(res.Report.Refused) > 0 {
		summary(opts.Err, res, true)
		r := res.Report.Refused[0]
		return &exitError{ExitFindings, fmt.Errorf("the %s edition of %s is incomplete (%s): translate or fix it, or export with --fallback en or --min-coverage N", r.Locale, r.Article, r.Requirement)}
	}
	if len(res.Report.Editions) == 0 {
		slug := opts.Article
		if slug == "" {
			slug = w.Articles[0].Slug
		}
		return &exitError{ExitFindings, fmt.Errorf("%s is not for translation (its front matter says translate = false): only the %s edition exists", slug, locale.Source)}
	}
	o := res.Report.Editions[0]
	data := res.Files[o.File]
	switch opts.Output {
	case "-":
		_, err = opts.Out.Write(data)
	case "":
		_, err = fileset.Set{o.File: data}.CommitWith(opts.Dir, fileset.Options{Journal: true, Command: "export"})
		fmt.Fprintf(opts.Err, "wrote %s (%.1f%% translated, %d words)\n", o.File, o.Coverage, o.Words)
	default:
		dst, _ := filepath.Abs(opts.Output)
		_, err = fileset.Set{filepath.Base(dst): data}.Commit(filepath.Dir(dst))
		fmt.Fprintf(opts.Err, "wrote %s (%.1f%% translated, %d words)\n", opts.Output, o.Coverage, o.Words)
	}
	if err != nil {
		return &exitError{ExitError, err}
	}
	for _, warn := range o.Warnings {
		fmt.Fprintln(opts.Err, "warning:", escape.Line(fmt.Sprint(warn)))
	}
	return nil
}

// programID names this very program for the build and extract digests:
// its version and its build (programid.Self), so that a tilmash built anew
// from changed source (its version still "devel") does not take the last
// one's results for its own.
func programID() string {
	return version() + " " + programid.Self()
}
