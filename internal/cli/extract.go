package cli

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/archive"
	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/internal/cache"
	"github.com/tilmash/tilmash/internal/escape"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/locale"
)

// ExtractOptions are the options of tilmash extract.
type ExtractOptions struct {
	*Global
	IO
	AddLocales []string // locales to start catalogues for
	DryRun     bool     // report, write nothing
	Check      bool     // write nothing; fail when the catalogues do not follow the articles
	Prune      bool     // remove obsolete entries

	nothingToWrite bool // set by the run: the catalogues were up to date
}

// NewCmdExtract builds tilmash extract. runF replaces extractRun in tests.
func NewCmdExtract(g *Global, streams IO, runF func(*ExtractOptions) error) *cobra.Command {
	opts := &ExtractOptions{Global: g, IO: streams}
	cmd := &cobra.Command{
		Use:   "extract",
		Short: "Split the articles into units and update every catalogue",
		Long: `Split every article in content/ into translatable units and write the source
catalogues, one per article: content/world/x.md's is locales/en/world/x.en.toml.
Then bring every locale's catalogues up to date, the same file per article
(locales/ru/world/x.ru.toml): new units get an empty entry to translate, a
translation whose English changed is marked stale (never dropped), an entry
whose unit is gone is kept as obsolete. Running it twice changes nothing.

A project in the old layout, one catalogue per locale (locales/ru.toml), is
migrated: every entry, the translator's comments with it, moves to its
article's file, and the old files are removed. A renamed or moved article's
catalogues move with it, and its English catalogue records the old name: build
makes the old address of each edition lead to the new one.

A unit whose English is translated elsewhere (a renamed article, a repeated
sentence) is filled with that translation and marked for review with a
"# tilmash: reused from …" line. Obsolete entries are kept until --prune
removes them, naming each.

A new locale is one flag: tilmash extract --add-locale uz-Latn. It starts in
progress: its gaps do not fail check or build until tilmash.toml says
required = true in its [locales.uz-Latn] table.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return extractRun(opts)
		},
	}
	cmd.Flags().StringSliceVar(&opts.AddLocales, "add-locale", nil, "start a catalogue for these locales (BCP 47 tags, such as uz or kk-Latn)")
	cmd.Flags().BoolVarP(&opts.DryRun, "dry-run", "n", false, "report what would change; write nothing")
	cmd.Flags().BoolVar(&opts.Check, "check", false, "write nothing, and exit 1 when the catalogues do not follow the articles (CI): a unit added, changed or gone, a file to move; a translator's edits, and the units' places in the articles (#: lines), do not count")
	cmd.Flags().BoolVar(&opts.Prune, "prune", false, "remove the obsolete entries (units in no article any more, such as a deleted article's), listing each")
	return cmd
}

func extractRun(opts *ExtractOptions) error {
	var tags []language.Tag
	for _, s := range opts.AddLocales {
		tag, err := locale.Parse(s)
		if err != nil {
			return &exitError{ExitError, fmt.Errorf("--add-locale: %w", err)}
		}
		tags = append(tags, tag)
	}
	if opts.Check {
		opts.DryRun = true
	}
	if !opts.DryRun {
		l, err := opts.lock("extract")
		if err != nil {
			return err
		}
		defer l.Release()
	}
	opts.migrates = true
	if err := opts.recover(os.Stderr); err != nil {
		return err
	}
	// The same files as an extract that had nothing to write: nothing to
	// write, said as it said it (archive.UpToDate).
	c, _ := cache.Open()
	digest := opts.extractDigest(tags)
	if said, ok := archive.KnownUpToDate(c, digest); ok {
		fmt.Fprint(opts.Out, said.Out)
		fmt.Fprint(opts.Err, said.Err)
		return nil
	}
	var out, errOut strings.Builder
	stdout, stderr := opts.Out, opts.Err
	opts.Out, opts.Err = io.MultiWriter(stdout, &out), io.MultiWriter(stderr, &errOut)
	defer func() { opts.Out, opts.Err = stdout, stderr }()
	err := extractArchive(opts, tags)
	if err == nil && opts.nothingToWrite && digest != "" && opts.extractDigest(tags) == digest {
		archive.RememberUpToDate(c, digest, archive.UpToDate{Out: out.String(), Err: errOut.String()})
	}
	return err
}

// extractDigest fingerprints what extract reads (workspace.DigestWith)
// with the program and the options; "" if it cannot.
func (opts *ExtractOptions) extractDigest(tags []language.Tag) string {
	d, err := workspace.DigestWith(os.DirFS(opts.Dir), opts.layout(), fmt.Sprintf("extract\x00%s\x00%q %v %v %v %+v", programID(), tags, opts.Prune, opts.Check, opts.DryRun, opts.layout()), opts.inputHashes())
	if err != nil {
		return ""
	}
	return d
}

// extractArchive is extract after the checks above: the archive a part
// at a time.
func extractArchive(opts *ExtractOptions, tags []language.Tag) error {
	p, err := workspace.Open(os.DirFS(opts.Dir), opts.layout())
	if err != nil {
		return &exitError{ExitError, err}
	}
	// A part at a time (archive.Extract): each part's catalogues are
	// staged, compared (--check) or listed (--dry-run) as they come.
	var st *fileset.Stage
	if !opts.DryRun {
		if st, err = fileset.NewStage(opts.Dir, fileset.Options{Journal: true, Command: "extract"}); err != nil {
			return &exitError{ExitError, err}
		}
	}
	var written, removed, late, placed []string
	res, err := archive.Extract(p, archive.ExtractOptions{AddLocales: tags, Prune: opts.Prune,
		Emit: func(files fileset.Set, expect map[string]fileset.Expect) error {
			switch {
			case opts.Check:
				for _, p := range files.Paths() {
					if why := outOfDate(opts.Dir, p, files[p]); why != "" {
						late = append(late, p+" ("+why+")")
					} else {
						placed = append(placed, p)
					}
				}
			case opts.DryRun:
				for _, p := range files.Paths() {
					if files[p] == nil {
						removed = append(removed, p)
					} else {
						written = append(written, p)
					}
				}
			default:
				// A translator may save a catalogue while extract runs (an
				// editor takes no lock): each catalogue is replaced only if
				// it still holds what extract read, checked as it is
				// replaced.
				st.Guard(expect)
				return st.Add(files)
			}
			return nil
		}})
	if err != nil {
		if st != nil {
			st.Abort()
		}
		return raced(err)
	}
	if opts.Check {
		opts.nothingToWrite = len(late) == 0
		return extractCheck(opts, late, len(placed))
	}
	if st != nil {
		r, err := st.Commit()
		if err != nil {
			return raced(err)
		}
		written, removed = r.Written, r.Removed
	}
	sort.Strings(written)
	sort.Strings(removed)
	opts.nothingToWrite = len(written)+len(removed) == 0
	rep := res.Report
	fmt.Fprintf(opts.Out, "%s in %s\n", count(rep.Units, "unit"), count(res.Articles, "article"))
	if res.Note != "" {
		fmt.Fprintf(opts.Err, "tilmash: note: %s\n", escape.Line(res.Note))
	}
	for _, e := range res.NotArticles {
		fmt.Fprintf(opts.Err, "tilmash: warning: %s\n", escape.Line(e.Error()))
	}
	var locs []string
	for l := range rep.Locales {
		locs = append(locs, l)
	}
	sort.Strings(locs)
	for _, l := range locs {
		st := rep.Locales[l]
		fmt.Fprintf(opts.Out, "%-8s %3d translated  %3d stale  %3d missing  %3d obsolete", l, st.Translated, st.Stale, st.Missing, st.Obsolete)
		if st.Moved > 0 {
			fmt.Fprintf(opts.Out, "  %3d moved with their article", st.Moved)
		}
		if st.Reused > 0 {
			fmt.Fprintf(opts.Out, "  %3d reused (review them)", st.Reused)
		}
		fmt.Fprintln(opts.Out)
	}
	for _, l := range locs {
		for _, id := range rep.Locales[l].Pruned {
			verb := "removed"
			if opts.DryRun {
				verb = "would remove"
			}
			fmt.Fprintf(opts.Out, "%s obsolete %s from %s\n", verb, escape.Line(id), escape.Line(rep.PrunedFrom[l][id]))
		}
	}
	for _, from := range slices.Sorted(maps.Keys(rep.Renamed)) {
		verb := "renamed"
		if opts.DryRun {
			verb = "would record the rename"
		}
		fmt.Fprintf(opts.Out, "%s: %s -> %s (the old address of each of its editions leads to the new one)\n", verb, escape.Line(from), escape.Line(rep.Renamed[from]))
	}
	for _, m := range rep.Migrated {
		verb := "moved"
		if opts.DryRun {
			verb = "would move"
		}
		fmt.Fprintf(opts.Out, "%s the %d entries of %s (the old layout) to a file per article in %s/, comments and all\n", verb, m.Entries, escape.Line(m.From), escape.Line(m.Folder))
	}
	verb := "wrote"
	if opts.DryRun {
		verb = "would write"
	}
	if len(written)+len(removed) == 0 {
		fmt.Fprintln(opts.Out, "catalogues already up to date")
	}
	for _, p := range written {
		fmt.Fprintf(opts.Out, "%s %s\n", verb, escape.Line(p))
	}
	for _, p := range removed {
		fmt.Fprintf(opts.Out, "%s %s\n", map[bool]string{false: "removed", true: "would remove"}[opts.DryRun], escape.Line(p))
	}
	return nil
}

// raced is extract's error, said plainly when a catalogue changed while
// it ran.
func raced(err error) error {
	var conflict *fileset.ConflictError
	if errors.As(err, &conflict) {
		return &exitError{ExitError, fmt.Errorf("%s changed while extract ran (saved by an editor?): nothing written; run tilmash extract again", strings.Join(conflict.Paths, ", "))}
	}
	return &exitError{ExitError, err}
}

// extractCheck is extract --check: the catalogues extract would write,
// compared with those on disk for what follows the articles (the files,
// their entries' IDs, the English each entry shows, the source catalogues
// whole), not for what a translator's edits change (a unit translated
// loses its "#, untranslated" line and its suggestions; a revised one its
// stale mark and hash), nor for where in the articles the units stand
// (the "#:" lines: a paragraph added above moves every line below it).
// placed is how many files differ in those alone: the check passes, and
// says that extract would still rewrite them (it said "already up to
// date"). Nothing is written.
func extractCheck(opts *ExtractOptions, late []string, placed int) error {
	sort.Strings(late)
	switch {
	case len(late) == 0 && placed > 0:
		fmt.Fprintf(opts.Out, "catalogues follow the articles; %s only in what the check does not count (the units' places in the articles, the #: lines; marks a translator's edit changes): tilmash extract updates them\n",
			map[bool]string{true: "1 catalogue differs", false: fmt.Sprintf("%d catalogues differ", placed)}[placed == 1])
		return nil
	case len(late) == 0:
		fmt.Fprintln(opts.Out, "catalogues already up to date")
		return nil
	}
	for _, l := range late {
		fmt.Fprintf(opts.Out, "out of date: %s\n", escape.Line(l))
	}
	return &exitError{ExitFindings, fmt.Errorf("%s out of date with the articles: run tilmash extract and commit the catalogues", count(len(late), "catalogue"))}
}

// outOfDate says how the catalogue file p (relative to dir) differs from
// what extract would write (data; nil: extract removes it) in what follows
// the articles, or "" if it does not.
func outOfDate(dir, p string, data []byte) string {
	old, err := bound.ReadFile(os.DirFS(dir), p, bound.Catalogue)
	switch {
	case data == nil:
		return "to remove: its entries go elsewhere, a renamed or moved article's with it"
	case err != nil:
		return "to create"
	}
	tag := strings.TrimSuffix(path.Base(p), ".toml")
	if i := strings.LastIndex(tag, "."); i >= 0 {
		tag = tag[i+1:]
	}
	source := tag == locale.Source.String()
	was, err1 := catalog.Parse(p, old)
	now, err2 := catalog.Parse(p, data)
	if err1 != nil || err2 != nil {
		return "unreadable"
	}
	if len(was.Messages) != len(now.Messages) {
		why := fmt.Sprintf("%d entries where extract writes %d", len(was.Messages), len(now.Messages))
		if id := firstMissing(now, was); id != "" {
			why += ": " + id + " added"
		} else if id := firstMissing(was, now); id != "" {
			why += ": " + id + " gone"
		}
		return why
	}
	for i, m := range now.Messages {
		o := was.Messages[i]
		if o.ID != m.ID {
			return "entry " + m.ID + " wanted where " + o.ID + " stands"
		}
		if !maps.Equal(o.Source(), m.Source()) || source && (!maps.Equal(o.Forms, m.Forms) || o.Hash != m.Hash || o.Description != m.Description) {
			return "the English of " + m.ID + " changed"
		}
	}
	return ""
}

// firstMissing is the first entry of a, in its order, that b has not; "".
func firstMissing(a, b *catalog.Catalog) string {
	for _, m := range a.Messages {
		if b.Lookup(m.ID) == nil {
			return m.ID
		}
	}
	return ""
}
