package cli

import (
	"fmt"
	"github.com/tilmash/tilmash/internal/escape"
	"github.com/tilmash/tilmash/internal/workspace"
	"golang.org/x/text/language"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/translate/finding"
	"github.com/tilmash/tilmash/translate/locale"
)

// GlossaryOptions are the options of tilmash glossary and tilmash glossary check.
type GlossaryOptions struct {
	*Global
	IO
	Locales []string // the locales to list or check; all if empty
}

// NewCmdGlossary builds tilmash glossary and its check subcommand. runF
// replaces glossaryRun in tests.
func NewCmdGlossary(g *Global, streams IO, runF func(*GlossaryOptions) error) *cobra.Command {
	opts := &GlossaryOptions{Global: g, IO: streams}
	cmd := &cobra.Command{
		Use:   "glossary",
		Short: "List the glossary in a locale's alphabetical order",
		Long: `List the glossary's entries for each locale (or the ones named with --locale),
sorted in that language's alphabetical order (Kazakh order is not Russian
order): the approved rendering, the English term, the part of speech and the
flags. The glossary lives in glossary/*.toml.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return glossaryRun(opts)
		},
	}
	cmd.PersistentFlags().StringSliceVarP(&opts.Locales, "locale", "l", nil, "only these locales (BCP 47 tags)")
	check := &cobra.Command{
		Use:   "check",
		Short: "Report translations that break the glossary",
		Long: `Report each translated unit whose English uses a glossary term and whose
translation lacks an approved rendering (or a rendering that must come with it),
or keeps no do-not-translate term as it is; and every use of a forbidden
rendering. Inflected forms count: «квартиру» is «квартира», «пәтерде» is
«пәтер». Each finding names the catalogue's file:line:col, the unit and the term.
Exits 1 if there is any finding.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return glossaryCheckRun(opts)
		},
	}
	cmd.AddCommand(check, newCmdGlossaryAddWords(opts))
	return cmd
}

func glossaryRun(opts *GlossaryOptions) error {
	w, tags, err := opts.loadLocales(opts.Locales, true)
	if err != nil {
		return err
	}
	if len(tags) == 0 {
		tags = w.Locales()
	}
	tw := tabwriter.NewWriter(opts.Out, 0, 4, 2, ' ', 0)
	for i, tag := range tags {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		missing := 0
		for _, e := range w.Glossary.Entries {
			if r := e.Locales[tag.String()]; tag != locale.Source && !e.DoNotTranslate && (r == nil || len(r.Approved) == 0) {
				missing++
			}
		}
		head := fmt.Sprintf("# %s (%s): %d entries", locale.SelfName(tag), tag, len(w.Glossary.Entries))
		if missing > 0 {
			head += fmt.Sprintf(", %d with no rendering in %s yet", missing, tag)
		}
		fmt.Fprintln(tw, head)
		for _, e := range w.Glossary.Sorted(tag) {
			rendering := e.Term
			if tag != locale.Source && !e.DoNotTranslate {
				rendering = "(no rendering)"
			}
			if r := e.Locales[tag.String()]; r != nil && len(r.Approved) > 0 {
				rendering = strings.Join(r.Approved, " / ")
				if len(r.Also) > 0 {
					rendering += " + " + strings.Join(r.Also, " + ")
				}
			}
			var flags []string
			if e.Proper {
				flags = append(flags, "proper")
			}
			if e.Loanword {
				flags = append(flags, "loanword")
			}
			if e.DoNotTranslate {
				flags = append(flags, "do-not-translate")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", escape.Line(rendering), escape.Line(e.Term), escape.Line(e.POS), strings.Join(flags, ","))
		}
	}
	return tw.Flush()
}

func glossaryCheckRun(opts *GlossaryOptions) error {
	w, tags, err := opts.loadLocales(opts.Locales, false)
	if err != nil {
		return err
	}
	fs, err := w.CheckGlossary(tags)
	if err != nil {
		return &exitError{ExitError, err}
	}
	if err := reportBroken(w, tags, opts.Err); err != nil {
		for _, f := range fs {
			fmt.Fprintln(opts.Out, escape.Line(f.String()))
		}
		return err
	}
	for _, f := range fs {
		fmt.Fprintln(opts.Out, escape.Line(f.String()))
	}
	if n := finding.Errors(fs); n > 0 {
		return &exitError{ExitFindings, fmt.Errorf("%d glossary findings", n)}
	}
	fmt.Fprintf(opts.Out, "glossary: %d entries, no findings\n", len(w.Glossary.Entries))
	glossaryGaps(opts, w, tags)
	return nil
}

// glossaryGaps says, per locale, how many terms have no rendering yet: a
// term without one is not held to anything in that locale.
func glossaryGaps(opts *GlossaryOptions, w *workspace.Workspace, tags []language.Tag) {
	if len(tags) == 0 {
		tags = w.Locales()[1:]
	}
	for _, tag := range tags {
		missing := 0
		for _, e := range w.Glossary.Entries {
			if r := e.Locales[tag.String()]; !e.DoNotTranslate && (r == nil || len(r.Approved) == 0) {
				missing++
			}
		}
		if missing > 0 {
			fmt.Fprintf(opts.Out, "%s: %d of %d terms have no rendering yet (add [term.%s] tables to the glossary)\n", tag, missing, len(w.Glossary.Entries), tag)
		}
	}
}
