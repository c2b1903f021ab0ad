package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/escape"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
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
		Use:   "handoff (--locale L [--format po|xliff|xliff12|tmx] [--all] | --format pot) [-o FILE]",
		Short: "Write a locale's work as a file for a translator's tool (PO, POT, XLIFF 1.2 or 2.0, TMX)",
		Long: `Write, for one locale, the units that need work (missing and stale ones;
every unit with --all) as a file a translator's tool reads.

gettext PO (Poedit, Weblate, Lokalize, OmegaT): msgctxt is the unit's ID;
"#." lines carry its context, the glossary's terms, the translation
memory's suggestions and the hashes tilmash import checks; a stale unit is
"#, fuzzy", with "#| msgid" holding the English its translation was made
from; units with plural forms use the language's gettext Plural-Forms.
The header is gettext's, filled in (dates, Language, Plural-Forms).
msgfmt -c accepts the file.

POT (--format pot, no --locale): the template of every unit, English only,
as xgettext writes one: msginit -i en.pot -l uz makes a language's PO from
it, which tilmash import takes back (once extract --add-locale uz has
started the catalogue).

XLIFF 1.2 (--format xliff12: Trados, memoQ, Phrase, Smartcat, Okapi): a
<trans-unit> per unit (a <group> of them, one per plural form, for a unit
with plural forms) with the same context, terms and suggestions as <note>s;
tags as <g> where they nest, else <bpt>/<ept>, codes and {{.Placeholders}}
as <ph>. A target is written where there is a translation: "final" when it
is up to date, "needs-review-translation" when stale or rejected. Import
takes targets set to translated, signed-off or final. It validates against
the OASIS XLIFF 1.2 strict schema.

XLIFF 2.0 (--format xliff): a <unit> per unit with the same notes
("previous-source" for a stale unit's old English); a <segment> per plural
form; tags as <pc>, codes and {{.Placeholders}} as <ph>; state "initial"
for the work to do, "final" for what is done. It validates against the
OASIS XLIFF 2.0 core schema.

TMX 1.4 (--format tmx): the whole translation memory of the locale (every
translation whose English is known, obsolete and stale ones included), for
a CAT tool's TM. tilmash import memory.tmx brings a translator's own
memory in, for suggestions.

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
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "po", "the file's format: po, pot (the template, no --locale), xliff12 (XLIFF 1.2), xliff (XLIFF 2.0) or tmx (the translation memory)")
	cmd.Flags().BoolVar(&opts.All, "all", false, "every unit, translated ones included (to review a whole locale)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", `the file to write ("-" or none: standard output)`)
	return cmd
}

func handoffRun(opts *HandoffOptions) error {
	switch opts.Format {
	case "po", "pot", "xliff", "xliff12", "tmx":
	default:
		return &exitError{ExitError, fmt.Errorf("--format %q: write po, pot, xliff12, xliff or tmx", opts.Format)}
	}
	var tag language.Tag
	switch {
	case opts.Format == "pot" && opts.Locale != "":
		return &exitError{ExitError, fmt.Errorf("--format pot is the template of every language: leave out --locale %s (msginit -l %s makes its PO from the template)", opts.Locale, opts.Locale)}
	case opts.Format == "pot" && opts.All:
		return &exitError{ExitError, fmt.Errorf("--format pot holds every unit already: leave out --all")}
	case opts.Format != "pot" && opts.Locale == "":
		return &exitError{ExitError, fmt.Errorf("--locale is required (the locale whose work goes out), except with --format pot")}
	case opts.Format != "pot":
		var err error
		if tag, err = locale.Parse(opts.Locale); err != nil {
			return &exitError{ExitError, fmt.Errorf("--locale: %w", err)}
		}
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
	header := handoff.Header{Created: workspace.Now(), Generator: "tilmash " + version()}
	if opts.Format == "pot" {
		if units, err = w.TemplateUnits(); err != nil {
			return &exitError{ExitError, err}
		}
		data = handoff.WritePOT(units, header)
	} else if opts.Format == "tmx" {
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
	case "xliff12":
		data = handoff.WriteXLIFF12(tag, units)
	case "po":
		if data, err = handoff.WritePOHeader(tag, units, header); err != nil {
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
	if opts.Format == "pot" {
		fmt.Fprintf(opts.Err, "wrote %s: the template, %s\n", opts.Output, what)
		return nil
	}
	fmt.Fprintf(opts.Err, "wrote %s: %s of %s\n", opts.Output, what, tag)
	return nil
}

// ImportOptions are the flags of tilmash import.
type ImportOptions struct {
	*Global
	IO
	File    string
	Force   bool     // take the file's translation even where the catalogue's changed since
	DryRun  bool     // report, write nothing
	MaxSize byteSize // the largest file to read; 0: defaultImportLimit
}

// NewCmdImport is tilmash import.
func NewCmdImport(g *Global, streams IO, runF func(*ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{Global: g, IO: streams}
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Bring a translated work file (PO, XLIFF 1.2 or 2.0) back into its catalogue, or a TMX into the translation memory",
		Long: `Read a translated PO, XLIFF 1.2 or XLIFF 2.0 file (tilmash handoff's, or a PO
msginit made from its template) and apply it to the catalogue of the locale
it names. An entry left empty, still marked fuzzy (PO), in state "initial"
(XLIFF 2.0) or needs-translation/needs-review (XLIFF 1.2), is not imported;
nor is one that still holds a sentence of the English, as a CAT tool writes
a segment it had no translation for. An entry whose English changed after
the file was made is refused, with its file:line; one whose translation
changed in the catalogue since (someone else's newer work) is kept as the
catalogue has it, and named, unless --force. A PO entry whose "#. tilmash:"
lines a tool dropped is matched by msgctxt (the unit) and msgid (its English
now): taken where the catalogue has no translation or the same one, named as
a conflict where it has another (--force takes the file's). A plural entry
that gives some forms only changes those and keeps the catalogue's others
("partial"); forms the unit does not have, and a unit given twice, are named
and not imported. Prints what it changed; writes nothing when nothing
changed, and nothing at all with --dry-run. Exits 1 when it refused or
skipped an entry, imported one in part, or found a conflict.

A TMX file (a translator's own translation memory, TMX 1.1 to 1.4) goes to
the translation memory, never into a catalogue: for each locale of the
project it pairs with English, its translations are kept once each in
locales/memory/<locale>.tmx, and tilmash extract offers them as suggestions
("#, tm 87% tmx:<tuid>: …").

FILE must be a regular file (not a device or a named pipe) of at most 64 MiB
or four times the largest catalogue, whichever is more: well above any
work file tilmash writes for the project. --max-size sets another limit.`,
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
	cmd.Flags().Var(&opts.MaxSize, "max-size", "the largest file to read, such as 512MiB (default: 64 MiB or four times the largest catalogue, whichever is more)")
	return cmd
}

func importRun(opts *ImportOptions) error {
	limit, explicit := int64(opts.MaxSize), opts.MaxSize != 0
	if !explicit {
		limit = opts.importLimit()
	}
	data, err := readWorkFile(opts.File, limit, explicit)
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
	if handoff.IsTMX(data) {
		return importMemory(opts, w, data)
	}
	files, rep, err := w.Import(opts.File, data, opts.Force)
	if err != nil {
		return &exitError{ExitError, err}
	}
	// Unit IDs and messages come from the work file: printed escaped.
	for _, id := range rep.Changed {
		fmt.Fprintf(opts.Out, "changed  %s\n", escape.Line(id))
	}
	for _, s := range rep.Refused {
		fmt.Fprintf(opts.Out, "refused  %s\n", escape.Line(s))
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(opts.Out, "skipped  %s\n", escape.Line(s))
	}
	for _, s := range rep.Conflicts {
		fmt.Fprintf(opts.Out, "conflict %s\n", escape.Line(s))
	}
	for _, s := range rep.Partial {
		fmt.Fprintf(opts.Out, "partial  %s\n", escape.Line(s))
	}
	for _, s := range rep.Exempted {
		fmt.Fprintf(opts.Out, "exempted %s\n", escape.Line(s))
	}
	verb := "changed"
	if opts.DryRun {
		verb = "would change"
	}
	conflicts := ""
	if len(rep.Conflicts) > 0 {
		conflicts = fmt.Sprintf(", %d in conflict", len(rep.Conflicts))
	}
	fmt.Fprintf(opts.Out, "%s: %s %s, %d unchanged, %d empty or fuzzy, %d refused, %d skipped, %d partial%s\n", rep.Locale, verb, entries(len(rep.Changed)), rep.Unchanged, rep.Untouched, len(rep.Refused), len(rep.Skipped), len(rep.Partial), conflicts)
	if len(files) > 0 && !opts.DryRun {
		// The catalogue is replaced only if it still holds what import
		// read, checked as it is replaced (a translator may have it open).
		res, err := files.CommitWith(opts.Dir, fileset.Options{Journal: true, Command: "import", Expect: w.Expectations(files.Paths())})
		var conflict *fileset.ConflictError
		if errors.As(err, &conflict) {
			return &exitError{ExitError, fmt.Errorf("%s changed while import ran (saved by an editor?): nothing written; run it again", strings.Join(conflict.Paths, ", "))}
		}
		if err != nil {
			return &exitError{ExitError, err}
		}
		for _, p := range res.Written { // the locale's other files, as they were, are not named
			fmt.Fprintf(opts.Out, "wrote %s\n", p)
		}
	}
	if len(rep.Refused) > 0 || len(rep.Skipped) > 0 || len(rep.Partial) > 0 || len(rep.Conflicts) > 0 {
		return &exitError{ExitFindings, fmt.Errorf("import: %d refused, %d skipped, %d partial%s (above)", len(rep.Refused), len(rep.Skipped), len(rep.Partial), conflicts)}
	}
	return nil
}

// importMemory is import of a translation memory (TMX): its translations
// go to each locale's memory file, for extract's suggestions, never into
// a catalogue.
func importMemory(opts *ImportOptions, w *workspace.Workspace, data []byte) error {
	files, rep, err := w.ImportMemory(opts.File, data)
	if err != nil {
		return &exitError{ExitError, err}
	}
	verb := "added"
	if opts.DryRun {
		verb = "would add"
	}
	locales := slices.Sorted(maps.Keys(rep.Added))
	for l := range rep.Known {
		if rep.Added[l] == 0 {
			locales = append(locales, l)
		}
	}
	slices.Sort(locales)
	for _, l := range locales {
		fmt.Fprintf(opts.Out, "%s: %s %s to the translation memory", l, verb, count(rep.Added[l], "translation"))
		if rep.Files[l] != "" {
			fmt.Fprintf(opts.Out, " (%s)", rep.Files[l])
		}
		fmt.Fprintf(opts.Out, ", %d there already\n", rep.Known[l])
	}
	if len(rep.Foreign) > 0 {
		fmt.Fprintf(opts.Out, "not a locale of the project, left out: %s\n", escape.Line(strings.Join(rep.Foreign, ", ")))
	}
	if rep.Unpaired > 0 {
		fmt.Fprintf(opts.Out, "%s with no English or no text in a locale of the project, left out\n", count(rep.Unpaired, "unit"))
	}
	if len(locales) == 0 {
		fmt.Fprintf(opts.Out, "%s: nothing to bring in: no unit pairs English with a locale of the project\n", escape.Line(opts.File))
		return nil
	}
	if len(files) == 0 || opts.DryRun {
		return nil
	}
	_, err = files.CommitWith(opts.Dir, fileset.Options{Journal: true, Command: "import", Expect: rep.Expectations()})
	var conflict *fileset.ConflictError
	if errors.As(err, &conflict) {
		return &exitError{ExitError, fmt.Errorf("%s changed while import ran: nothing written; run it again", strings.Join(conflict.Paths, ", "))}
	}
	if err != nil {
		return &exitError{ExitError, err}
	}
	for _, p := range files.Paths() {
		fmt.Fprintf(opts.Out, "wrote %s\n", p)
	}
	fmt.Fprintln(opts.Out, "tilmash extract offers them as suggestions (\"#, tm\" lines), never as translations")
	return nil
}

func entries(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}

// importFloor is the least limit import puts on a work file's size.
const importFloor = 64 << 20

// importLimit is how large a work file import reads by default: 64 MiB,
// or four times the project's largest catalogue when that is more. A
// work file of every unit is about 1.3 times its locale's catalogue (the
// same English, context and suggestions, as PO or XML), so the limit is
// well above anything handoff writes for the project, and a file beyond
// it (a runaway or hostile one) is refused before it is read.
//
// A locale's catalogue is all its files, one per article (a work file of
// every unit holds them all), or the old layout's one file.
func (g *Global) importLimit() int64 {
	dir := filepath.Join(g.Dir, filepath.FromSlash(g.Locales))
	byLocale := map[string]int64{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || !strings.HasSuffix(p, ".toml") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return nil
		}
		if f, ok := catpath.Parse(".", filepath.ToSlash(rel)); ok {
			if fi, err := d.Info(); err == nil {
				byLocale[f.Locale.String()] += fi.Size()
			}
		}
		return nil
	})
	limit := int64(importFloor)
	for _, size := range byLocale {
		limit = max(limit, 4*size)
	}
	return limit
}

// readWorkFile reads the work file import was given: a regular file (not
// a folder, nor a device such as /dev/zero nor a named pipe, which never
// end or never start) of at most limit bytes. It reads no further than one
// byte past the limit, so that a file which grows while it is read is
// refused too. explicit says the limit is --max-size's, for the message.
func readWorkFile(name string, limit int64, explicit bool) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %s, not a regular file: import reads a work file that tilmash handoff wrote", name, fileKind(fi.Mode()))
	}
	tooBig := func(size string) error {
		if explicit {
			return fmt.Errorf("%s: %s, more than --max-size %s: nothing read", name, size, sizeString(limit))
		}
		return fmt.Errorf("%s: %s, more than import reads (%s; a work file tilmash writes for this project is far smaller): nothing read; if the file is right, name a larger limit with --max-size", name, size, sizeString(limit))
	}
	if fi.Size() > limit {
		size := sizeString(fi.Size())
		if fi.Size() >= 1<<10 {
			size += fmt.Sprintf(" (%d bytes)", fi.Size())
		}
		return nil, tooBig(size)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	now, err := f.Stat()
	if err != nil || !os.SameFile(fi, now) || now.Size() > limit {
		return nil, fmt.Errorf("%s: replaced while import opened it: run it again", name)
	}
	var buf bytes.Buffer
	if n := now.Size(); n < 1<<30 {
		buf.Grow(int(n) + 1) // once, not doubling as it reads
	}
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if int64(len(data)) > limit {
		return nil, tooBig("grew past the limit while it was read")
	}
	return data, nil
}

// fileKind names what a file that is not a regular file is.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a plain file (" + m.Type().String() + ")"
}
