package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/archive"
	"github.com/tilmash/tilmash/internal/escape"
	"github.com/tilmash/tilmash/internal/hunspell"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/finding"
)

// CheckOptions are the options of tilmash check.
type CheckOptions struct {
	*Global
	IO
	SelectOptions
	Locales     []string // only these locales
	Format      string   // text, json, github, junit
	MinCoverage float64  // fail below this coverage (percent of units), per locale
	NoSpelling  bool     // skip hunspell
	Notes       bool     // list the notes on work in progress too (text format)
	// ChangedSince (--changed-since REF) checks only the articles whose
	// files changed since REF (git).
	ChangedSince string
}

// NewCmdCheck builds tilmash check. runF replaces checkRun in tests.
func NewCmdCheck(g *Global, streams IO, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{Global: g, IO: streams}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check every catalogue: missing, stale and broken strings",
		Long: `Load the articles, the glossary and every catalogue, and report each problem
with its file:line:col, unit, locale, severity and a hint: missing, empty,
stale and obsolete entries; translations identical to the English; plural
forms the locale lacks or does not have; placeholders, templates and markup
that differ from the English; numbers of the English that are missing; the
glossary; typography, script and spelling (hunspell).

Exit status: 0 no errors; 1 error findings, or coverage under --min-coverage;
2 the check could not run (a file that cannot be read or parsed).

Checks and severities are set in tilmash.toml; a translator marks one entry
with a comment above it: "# tilmash: identical" or "# tilmash: ignore number".`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(reportFormats, opts.Format) {
				return &exitError{ExitError, fmt.Errorf("--format %q: use one of %s", opts.Format, strings.Join(reportFormats, ", "))}
			}
			if runF != nil {
				return runF(opts)
			}
			return checkRun(opts)
		},
	}
	cmd.Flags().StringSliceVarP(&opts.Locales, "locale", "l", nil, "only these locales (BCP 47 tags)")
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "output: text, json, github (workflow annotations) or junit")
	percentVar(cmd.Flags(), &opts.MinCoverage, "min-coverage", "fail when a locale has fewer than this percentage of its units translated and up to date (0 to 100)")
	cmd.Flags().BoolVar(&opts.NoSpelling, "no-spelling", false, "do not run hunspell")
	opts.SelectOptions.bind(cmd)
	cmd.Flags().BoolVar(&opts.Notes, "notes", false, "list the notes too: the gaps of locales and articles that are not required, and the checks set to \"info\"")
	changedSinceVar(cmd, &opts.ChangedSince)
	return cmd
}

func checkRun(opts *CheckOptions) error {
	p, sel, tags, nothing, err := opts.openArchive(opts.Locales, false, &opts.SelectOptions, opts.ChangedSince)
	if err != nil {
		return err
	}
	if nothing {
		if opts.Format == "json" {
			fmt.Fprintln(opts.Out, "[]")
		}
		return nil
	}
	// One hunspell per dictionary for the whole run: the parts ask it
	// many times.
	pipe := &hunspell.Pipe{}
	defer pipe.Close()
	var speller check.Speller = pipe
	if opts.NoSpelling {
		speller = nil
	}
	// The archive a part at a time: memory is a part's, not the archive's.
	ao, err := opts.archiveOptions(p, sel, tags, speller)
	if err != nil {
		return err
	}
	res, err := archive.Check(p, ao)
	if err != nil {
		return &exitError{ExitError, err}
	}
	fs, statuses, units := res.Findings, res.Statuses, res.Units
	var locs []string
	for _, st := range statuses {
		locs = append(locs, st.Locale)
	}
	switch opts.Format {
	case "json":
		err = writeJSON(opts.Out, fs)
	case "github":
		writeGitHub(opts.Out, fs)
	case "junit":
		err = writeJUnit(opts.Out, fs, units, locs)
	default:
		shown := fs
		if !opts.Notes {
			shown = nil
			for _, f := range fs {
				if f.Severity != finding.Info {
					shown = append(shown, f)
				}
			}
		}
		writeText(opts.Out, shown)
	}
	if err != nil {
		return &exitError{ExitError, err}
	}
	errs := finding.Errors(fs)
	broken := reportBrokenOf(res.Broken, func(tag language.Tag) bool { return res.Required[tag] }, tags, opts.Err)
	if res.OutOfDate != "" {
		fmt.Fprintf(opts.Err, "tilmash: note: %s (checked against the articles as they are)\n", escape.Line(res.OutOfDate))
	}
	var low []string
	for _, st := range statuses {
		if st.UnitsPct < opts.MinCoverage {
			low = append(low, fmt.Sprintf("%s %.1f%%", st.Locale, st.UnitsPct))
		}
	}
	infos := finding.Count(fs, finding.Info)
	summary := fmt.Sprintf("%s, %s in %s", count(errs, "error"), count(len(fs)-errs-infos, "warning"), count(len(statuses), "locale"))
	if infos > 0 {
		summary += fmt.Sprintf(" (and %s", count(infos, "note"))
		if !opts.Notes && opts.Format == "text" {
			summary += ": --notes lists them"
		}
		summary += ")"
	}
	if opts.Format == "text" {
		fmt.Fprintln(opts.Out, summary)
	} else {
		fmt.Fprintln(opts.Err, summary)
	}
	switch {
	case broken != nil:
		return broken
	case errs > 0:
		return &exitError{ExitFindings, fmt.Errorf("check failed: %s", count(errs, "error"))}
	case len(low) > 0:
		return &exitError{ExitFindings, fmt.Errorf("coverage under %.1f%%: %s", opts.MinCoverage, strings.Join(low, ", "))}
	}
	return nil
}

// StatusOptions are the options of tilmash status.
type StatusOptions struct {
	*Global
	IO
	SelectOptions
	Locales []string
	Format  string // text or json
	// ChangedSince (--changed-since REF): only the articles whose files
	// changed since REF (git).
	ChangedSince string
}

// NewCmdStatus builds tilmash status. runF replaces statusRun in tests.
func NewCmdStatus(g *Global, streams IO, runF func(*StatusOptions) error) *cobra.Command {
	opts := &StatusOptions{Global: g, IO: streams}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show how much of each locale is translated",
		Long: `For each locale, count units and English words: total, translated (up to date),
stale, missing and obsolete, with coverage by units and by words. Then, for each
article and locale, what the publication policy asks of it (required, in
progress, not for translation), its coverage, and what the next build does
with it: published (with units under revision, if any), kept (refused, the
earlier complete edition stays), refused (required and incomplete: the build
fails) or waiting (in progress and incomplete).

A catalogue that cannot be read is named at file:line:col; the other locales
are counted, and the command exits 2 when its locale is required.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Format != "text" && opts.Format != "json" {
				return &exitError{ExitError, fmt.Errorf("--format %q: use text or json", opts.Format)}
			}
			if runF != nil {
				return runF(opts)
			}
			return statusRun(opts)
		},
	}
	cmd.Flags().StringSliceVarP(&opts.Locales, "locale", "l", nil, "only these locales (BCP 47 tags)")
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "output: text or json")
	opts.SelectOptions.bind(cmd)
	changedSinceVar(cmd, &opts.ChangedSince)
	return cmd
}

// changedSinceVar binds --changed-since.
func changedSinceVar(cmd *cobra.Command, ref *string) {
	cmd.Flags().StringVar(ref, "changed-since", "", "only the articles whose files (the article, or any of its catalogues) changed since this git ref, such as origin/main, and every article when tilmash.toml or the glossary changed; for CI on a pull request (fetch the ref: fetch-depth: 0)")
}

func statusRun(opts *StatusOptions) error {
	p, sel, tags, nothing, err := opts.openArchive(opts.Locales, false, &opts.SelectOptions, opts.ChangedSince)
	if err != nil || nothing {
		return err
	}
	prev, err := previousReportAt(opts.Global, p.Layout)
	if err != nil {
		return err
	}
	ao, err := opts.archiveOptions(p, sel, tags, nil)
	if err != nil {
		return err
	}
	ao.Previous = prev
	res, err := archive.Status(p, ao)
	if err != nil {
		return &exitError{ExitError, err}
	}
	sts, eds := res.Statuses, res.Editions
	// A broken catalogue of a required locale fails the command, after
	// what could be counted is shown (the other locales go on), as in
	// check and build: a script reading status must not take a locale it
	// could not read for done.
	broken := func() error {
		return reportBrokenOf(res.Broken, func(tag language.Tag) bool { return res.Required[tag] }, tags, opts.Err)
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if sts == nil {
			sts = []check.Status{}
		}
		if eds == nil {
			eds = []workspace.EditionStatus{}
		}
		if err := enc.Encode(struct {
			Locales  []check.Status            `json:"locales"`
			Editions []workspace.EditionStatus `json:"editions"`
		}{sts, eds}); err != nil {
			return err
		}
		return broken()
	}
	tw := tabwriter.NewWriter(opts.Out, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "locale\tunits\ttranslated\tstale\tmissing\tobsolete\twords\twords translated\twords stale\twords missing\tcoverage by units\tcoverage by words\t")
	for _, s := range sts {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.1f%%\t%.1f%%\t\n", s.Locale, s.Total.Units, s.Translated.Units, s.Stale.Units, s.Missing.Units, s.Obsolete.Units,
			s.Total.Words, s.Translated.Words, s.Stale.Words, s.Missing.Words, s.UnitsPct, s.WordsPct)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	out := bufio.NewWriterSize(opts.Out, 64<<10) // a line a write: a tenth of a run at 10,000 articles
	fmt.Fprintln(out)
	tw = tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "article\tlocale\trequirement\tcoverage by units\tnext build")
	for _, e := range eds {
		next := e.Publish
		var why []string
		if e.UnderRevision > 0 {
			why = append(why, count(e.UnderRevision, "unit")+" under revision")
		}
		if e.English > 0 {
			why = append(why, count(e.English, "unit")+" in English")
		}
		if e.Missing > 0 {
			why = append(why, fmt.Sprintf("%d missing", e.Missing))
		}
		if e.Stale > 0 {
			why = append(why, fmt.Sprintf("%d stale", e.Stale))
		}
		if len(e.Rejected) > 0 {
			why = append(why, fmt.Sprintf("%d rejected by the checks", len(e.Rejected)))
		}
		if len(why) > 0 {
			next += " (" + strings.Join(why, ", ") + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.1f%%\t%s\n", escape.Line(e.Article), escape.Line(e.Locale), escape.Line(e.Requirement), e.Coverage, escape.Line(next))
	}
	tw.Flush()
	if err := out.Flush(); err != nil {
		return err
	}
	return broken()
}

// count writes n and a noun, in the plural unless n is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
