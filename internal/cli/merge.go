package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/finding"
	"github.com/tilmash/tilmash/translate/segment"
)

// MergeOptions are the options of tilmash merge.
type MergeOptions struct {
	*Global
	IO
	Files  []string
	Output string // where a merged build report goes ("-": standard output)
	Format string // how merged findings are written: text, json or github
}

// NewCmdMerge builds tilmash merge. runF replaces mergeRun in tests.
func NewCmdMerge(g *Global, streams IO, runF func(*MergeOptions) error) *cobra.Command {
	opts := &MergeOptions{Global: g, IO: streams}
	cmd := &cobra.Command{
		Use:   "merge FILE...",
		Short: "Join the results of shards (check --shard, build --shard) into one",
		Long: `A site too big for one machine checks and builds in shards, as a CI matrix:
tilmash check --shard K/N --format json and tilmash build --shard K/N each
do the articles of one shard. tilmash merge joins what the shards wrote into
what one run over every article would have given:

  - check findings (--format json files): one sorted list, written in
    --format; exit 1 if any is an error, as check would;
  - build reports (each shard's dist/report.json): one report, written to
    --output (dist/report.json by default), refusing reports that overlap.

Each file's kind is read from its content; all must be of one kind. Exit 1 as
tilmash build would when a required edition was refused.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if !slices.Contains([]string{"text", "json", "github"}, opts.Format) {
				return &exitError{ExitError, fmt.Errorf("--format %q: use text, json or github", opts.Format)}
			}
			if runF != nil {
				return runF(opts)
			}
			return mergeRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", `where the merged build report goes (default: report.json in the editions folder; "-": standard output)`)
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "how merged findings are written: text, json or github")
	return cmd
}

func mergeRun(opts *MergeOptions) error {
	if opts.Output != "" && opts.Output != "-" {
		if err := opts.guardOutput("-o", opts.Output); err != nil {
			return err
		}
	}
	var lists [][]jsonFinding
	var reports []workspace.Report
	for _, name := range opts.Files {
		abs, err := filepath.Abs(name)
		if err != nil {
			return &exitError{ExitError, err}
		}
		data, err := bound.ReadFile(os.DirFS(filepath.Dir(abs)), filepath.Base(abs), bound.Report)
		if err != nil {
			return &exitError{ExitError, err}
		}
		data = bytes.TrimSpace(data)
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		switch {
		case bytes.HasPrefix(data, []byte("[")):
			var fs []jsonFinding
			if err := dec.Decode(&fs); err != nil {
				return &exitError{ExitError, fmt.Errorf("%s: %v: not the findings of tilmash check --format json", name, err)}
			}
			lists = append(lists, fs)
		case bytes.HasPrefix(data, []byte("{")):
			var r workspace.Report
			if err := dec.Decode(&r); err != nil {
				return &exitError{ExitError, fmt.Errorf("%s: %v: not a build report (dist/report.json)", name, err)}
			}
			reports = append(reports, r)
		default:
			return &exitError{ExitError, fmt.Errorf("%s: neither the findings of tilmash check --format json nor a build report (dist/report.json)", name)}
		}
	}
	if len(lists) > 0 && len(reports) > 0 {
		return &exitError{ExitError, fmt.Errorf("%d files are findings and %d build reports: merge each kind on its own", len(lists), len(reports))}
	}
	if len(reports) > 0 {
		return mergeReports(opts, reports)
	}
	return mergeFindings(opts, lists)
}

// mergeFindings writes the union of the shards' findings. A finding every
// shard makes (about tilmash.toml, or a locale with no catalogue) is
// written once, as one unsharded run writes it.
func mergeFindings(opts *MergeOptions, lists [][]jsonFinding) error {
	seen := map[jsonFinding]bool{}
	var fs []finding.Finding
	for _, list := range lists {
		for _, j := range list {
			if seen[j] {
				continue
			}
			seen[j] = true
			sev, ok := finding.ParseSeverity(j.Severity)
			if !ok {
				return &exitError{ExitError, fmt.Errorf("finding at %s:%d:%d: unknown severity %q", j.File, j.Line, j.Col, j.Severity)}
			}
			fs = append(fs, finding.Finding{Pos: segment.Pos{File: j.File, Line: j.Line, Col: j.Col}, Severity: sev, Code: j.Code, Unit: j.Unit, Locale: j.Locale, Message: j.Message, Hint: j.Hint})
		}
	}
	finding.Sort(fs)
	var err error
	switch opts.Format {
	case "json":
		err = writeJSON(opts.Out, fs)
	case "github":
		writeGitHub(opts.Out, fs)
	default:
		writeText(opts.Out, fs)
	}
	if err != nil {
		return &exitError{ExitError, err}
	}
	errs, infos := finding.Errors(fs), finding.Count(fs, finding.Info)
	fmt.Fprintf(opts.Err, "%s, %s (and %s) in %s\n", count(errs, "error"), count(len(fs)-errs-infos, "warning"), count(infos, "note"), count(len(lists), "file"))
	if errs > 0 {
		return &exitError{ExitFindings, fmt.Errorf("check failed: %s", count(errs, "error"))}
	}
	return nil
}

// mergeReports writes the union of the shards' build reports.
func mergeReports(opts *MergeOptions, reports []workspace.Report) error {
	merged, err := workspace.MergeReports(reports)
	if err != nil {
		return &exitError{ExitError, err}
	}
	data, _ := json.MarshalIndent(merged, "", "  ")
	data = append(data, '\n')
	switch out := opts.Output; out {
	case "-":
		_, err = opts.Out.Write(data)
	default:
		if out == "" {
			out = filepath.Join(opts.Dir, filepath.FromSlash(opts.Dist), "report.json")
		}
		_, err = fileset.Set{filepath.Base(out): data}.Commit(filepath.Dir(out))
		if err == nil {
			fmt.Fprintf(opts.Err, "merged %s: %s, %s refused, in %s\n", count(len(reports), "report"), count(len(merged.Editions), "file"), count(len(merged.Refused), "edition"), out)
		}
	}
	if err != nil {
		return &exitError{ExitError, err}
	}
	return refusals(&workspace.Result{Report: merged})
}
