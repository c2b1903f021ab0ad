package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// BuildOptions are the options of tilmash build.
type BuildOptions struct {
	*Global
	IO
}

// NewCmdBuild builds tilmash build. runF replaces buildRun in tests.
func NewCmdBuild(g *Global, streams IO, runF func(*BuildOptions) error) *cobra.Command {
	opts := &BuildOptions{Global: g, IO: streams}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Assemble every article in every locale into dist/<locale>/",
		Long: `Assemble every article in every locale, the English included, from the
catalogues in locales/, and write each edition to dist/<locale>/ as Markdown
(<article>.md) and as a standalone HTML page (<article>.html).

A unit that a locale has not translated yet is shown in English (marked
lang="en" in the HTML), and the build says how many units each edition is
missing. Files whose content did not change are not rewritten.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return buildRun(opts)
		},
	}
	return cmd
}

func buildRun(opts *BuildOptions) error {
	w, err := opts.load()
	if err != nil {
		return &exitError{ExitError, err}
	}
	files, eds, err := w.Build()
	if err != nil {
		return &exitError{ExitError, err}
	}
	res, err := files.Commit(opts.Dir)
	if err != nil {
		return &exitError{ExitError, err}
	}
	for _, ed := range eds {
		st := ed.Stats
		line := fmt.Sprintf("%-8s %-28s %3d/%d units translated", ed.Locale, ed.Slug, st.Translated, st.Units)
		if st.Stale > 0 {
			line += fmt.Sprintf(", %d stale", st.Stale)
		}
		if st.Fallback > 0 {
			line += fmt.Sprintf(", %d missing (shown in English)", st.Fallback)
		}
		fmt.Fprintln(opts.Out, line)
	}
	fmt.Fprintf(opts.Out, "%d files written, %d unchanged, in %s/\n", len(res.Written), len(res.Unchanged), opts.Dist)
	return nil
}
