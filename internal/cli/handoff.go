package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/translate/handoff"
	"github.com/tilmash/tilmash/translate/locale"
)

// HandoffOptions are the flags of tilmash handoff.
type HandoffOptions struct {
	*Global
	IO
	Locale string // the locale whose work goes out
	Format string // po, xliff or tmx
	All    bool   // every unit, not only those that need work
	Output string // the file; "" or "-": standard output
}

// NewCmdHandoff is tilmash handoff.
func NewCmdHandoff(g *Global, streams IO, runF func(*HandoffOptions) error) *cobra.Command {
	opts := &HandoffOptions{Global: g, IO: streams}
	cmd := &cobra.Command{
		Use:   "handoff --locale L [--format po|xliff] [--all] [-o FILE]",
		Short: "Write a locale's work as a file for a translator's tool (PO or XLIFF 2.0)",
		Long: `Write, for one locale, the units that need work (missing and stale ones;
every unit with --all) as a file a translator's tool reads.

gettext PO (Poedit, Weblate, Lokalize): msgctxt is the unit's ID; "#." lines
carry its context, the glossary's terms, the translation memory's
suggestions and the hashes tilmash import checks; a stale unit is
"#, fuzzy", with "#| msgid" holding the English its translation was made
from; units with plural forms use the language's gettext Plural-Forms.
msgfmt -c accepts the file.

XLIFF 2.0 (OmegaT, Trados, memoQ, Phrase): a <unit> per unit with the same
context, terms and suggestions as <note>s ("previous-source" for a stale
unit's old English); a <segment> per plural form; tags as <pc>, codes and
{{.Placeholders}} as <ph>; state "initial" for the work to do, "final" for
what is done. It validates against the OASIS XLIFF 2.0 core schema.

TMX 1.4 (--format tmx): the whole translation memory of the locale (every
translation whose English is known, obsolete and stale ones included), for
a CAT tool's TM.

Bring the translated file back with tilmash import FILE.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return handoffRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Locale, "locale", "l", "", "the locale (BCP 47 tag, such as ru)")
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "po", "the file's format: po, xliff or tmx (the translation memory)")
	cmd.Flags().BoolVar(&opts.All, "all", false, "every unit, translated ones included (to review a whole locale)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", `the file to write ("-" or none: standard output)`)
	cmd.MarkFlagRequired("locale")
	return cmd
}

func handoffRun(opts *HandoffOptions) error {
	tag, err := locale.Parse(opts.Locale)
	if err != nil {
		return &exitError{ExitError, fmt.Errorf("--locale: %w", err)}
	}
	if opts.Format != "po" && opts.Format != "xliff" && opts.Format != "tmx" {
		return &exitError{ExitError, fmt.Errorf("--format %q: write po, xliff or tmx", opts.Format)}
	}
	if opts.Output != "" && opts.Output != "-" {
		if err := opts.guardOutput("-o", opts.Output); err != nil {
			return err
		}
	}
	w, err := opts.load()
	if err != nil {
		return &exitError{ExitError, err}
	}
	var units []handoff.Unit
	var data []byte
	if opts.Format == "tmx" {
		entries, err := w.MemoryEntries(tag)
		if err != nil {
			return &exitError{ExitError, err}
		}
		data = handoff.WriteTMX(tag, entries, version())
		units = make([]handoff.Unit, len(entries))
	} else if units, err = w.HandoffUnits(tag, opts.All); err != nil {
		return &exitError{ExitError, err}
	}
	switch opts.Format {
	case "xliff":
		data = handoff.WriteXLIFF(tag, units)
	case "po":
		if data, err = handoff.WritePO(tag, units); err != nil {
			return &exitError{ExitError, err}
		}
	}
	if opts.Output == "" || opts.Output == "-" {
		_, err = opts.Out.Write(data)
		return err
	}
	out, err := filepath.Abs(opts.Output) // from the working folder, as a shell user means it
	if err != nil {
		return &exitError{ExitError, err}
	}
	if _, err := (fileset.Set{filepath.Base(out): data}).Commit(filepath.Dir(out)); err != nil {
		return &exitError{ExitError, err}
	}
	what := count(len(units), "unit")
	if opts.Format == "tmx" {
		what = count(len(units), "translation")
	}
	fmt.Fprintf(opts.Err, "wrote %s: %s of %s\n", opts.Output, what, tag)
	return nil
}

// ImportOptions are the flags of tilmash import.
type ImportOptions struct {
	*Global
	IO
	File   string
	Force  bool // take the file's translation even where the catalogue's changed since
	DryRun bool // report, write nothing
}

// NewCmdImport is tilmash import.
func NewCmdImport(g *Global, streams IO, runF func(*ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{Global: g, IO: streams}
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Bring a translated work file (PO or XLIFF) back into its locale's catalogue",
		Long: `Read a translated PO or XLIFF 2.0 file that tilmash handoff wrote, and apply
it to the catalogue of the locale it names. An entry left empty, still marked
fuzzy (PO) or in state "initial" (XLIFF), is not imported. An entry whose English changed after the file
was made is refused, with its file:line; one whose translation changed in
the catalogue since (someone else's newer work) is kept as the catalogue has
it, and named, unless --force. Prints what it changed; writes nothing when
nothing changed, and nothing at all with --dry-run. Exits 1 when it refused
or skipped an entry.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return importRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "take the file's translation even where the catalogue's changed since the file was made")
	cmd.Flags().BoolVarP(&opts.DryRun, "dry-run", "n", false, "report what would change; write nothing")
	return cmd
}

func importRun(opts *ImportOptions) error {
	data, err := os.ReadFile(opts.File)
	if err != nil {
		return &exitError{ExitError, err}
	}
	if !opts.DryRun {
		l, err := opts.lock("import")
		if err != nil {
			return err
		}
		defer l.Release()
	}
	w, err := opts.load()
	if err != nil {
		return &exitError{ExitError, err}
	}
	files, rep, err := w.Import(opts.File, data, opts.Force)
	if err != nil {
		return &exitError{ExitError, err}
	}
	for _, id := range rep.Changed {
		fmt.Fprintf(opts.Out, "changed  %s\n", id)
	}
	for _, s := range rep.Refused {
		fmt.Fprintf(opts.Out, "refused  %s\n", s)
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(opts.Out, "skipped  %s\n", s)
	}
	for _, s := range rep.Partial {
		fmt.Fprintf(opts.Out, "partial  %s\n", s)
	}
	verb := "changed"
	if opts.DryRun {
		verb = "would change"
	}
	fmt.Fprintf(opts.Out, "%s: %s %s, %d unchanged, %d empty or fuzzy, %d refused, %d skipped, %d partial\n", rep.Locale, verb, entries(len(rep.Changed)), rep.Unchanged, rep.Untouched, len(rep.Refused), len(rep.Skipped), len(rep.Partial))
	if len(files) > 0 && !opts.DryRun {
		if changed := w.ChangedOnDisk(files.Paths()); len(changed) > 0 {
			return &exitError{ExitError, fmt.Errorf("%v changed while import ran (saved by an editor?): nothing written; run it again", changed)}
		}
		if _, err := files.Commit(opts.Dir); err != nil {
			return &exitError{ExitError, err}
		}
		for _, p := range files.Paths() {
			fmt.Fprintf(opts.Out, "wrote %s\n", p)
		}
	}
	if len(rep.Refused) > 0 || len(rep.Skipped) > 0 || len(rep.Partial) > 0 {
		return &exitError{ExitFindings, fmt.Errorf("import: %d refused, %d skipped, %d partial (above)", len(rep.Refused), len(rep.Skipped), len(rep.Partial))}
	}
	return nil
}

func entries(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}
