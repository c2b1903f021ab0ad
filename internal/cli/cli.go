// Package cli is tilmash's command line: one cobra command per verb, each
// with an options struct, a NewCmdX constructor that binds flags, and a plain
// xRun function that tests can call with in-memory streams.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/archive"
	"github.com/tilmash/tilmash/internal/cache"
	"github.com/tilmash/tilmash/internal/escape"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/internal/gitchange"
	"github.com/tilmash/tilmash/internal/lock"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/locale"
)

// Exit codes.
const (
	ExitOK       = 0 // success
	ExitFindings = 1 // the run worked and found errors (or too little coverage)
	ExitError    = 2 // the run could not be done: usage, unreadable or broken file
)

// Version is the program's version, set at link time with
// -ldflags "-X github.com/tilmash/tilmash/internal/cli.Version=v1.2.3";
// otherwise it comes from the module's build information.
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// versionLine is what tilmash version and --version print: the module
// version and, when the binary was built from a git checkout, the
// revision, its time, and whether the tree had uncommitted changes.
func versionLine() string {
	line := "tilmash " + version()
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return line
	}
	var rev, at, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", with uncommitted changes"
			}
		}
	}
	if rev != "" {
		line += fmt.Sprintf(" (revision %.12s, %s%s)", rev, at, dirty)
	}
	return line + ", " + bi.GoVersion
}

// NewCmdVersion builds tilmash version.
func NewCmdVersion(streams IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print tilmash's version and the revision it was built from",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(streams.Out, versionLine())
			return err
		},
	}
}

// IO holds a command's streams.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
}

// Global holds the flags every command shares.
type Global struct {
	Dir      string // the project root
	Content  string // the articles folder, relative to Dir
	Locales  string // the catalogues folder, relative to Dir
	Dist     string // the editions folder, relative to Dir
	Glossary string // the glossary folder, relative to Dir
	Config   string // the settings file, relative to Dir

	locked      bool // this command holds the project's lock
	dirExplicit bool // -C was given
	migrates    bool // the command moves catalogues out of the old layout (extract): no note about it
}

// findRoot settles the project root. -C names it, and must be a folder;
// without -C, the root is the nearest folder, from the working one
// upward, that holds the settings file (tilmash.toml), as git finds .git,
// so that every command works from any sub-folder; failing that, the
// working folder.
func (g *Global) findRoot(explicit bool) error {
	g.dirExplicit = explicit
	if explicit {
		fi, err := os.Stat(g.Dir)
		switch {
		case err != nil:
			return &exitError{ExitError, fmt.Errorf("-C %s: no such folder", g.Dir)}
		case !fi.IsDir():
			return &exitError{ExitError, fmt.Errorf("-C %s: not a folder", g.Dir)}
		}
		return nil
	}
	if g.Config == "" || filepath.IsAbs(g.Config) {
		return nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil
	}
	for dir := wd; ; {
		if fi, err := os.Stat(filepath.Join(dir, g.Config)); err == nil && !fi.IsDir() {
			g.Dir = dir
			return nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil // none: the working folder, as before
		}
		dir = parent
	}
}

// layout returns the folders as given on the command line.
func (g *Global) layout() workspace.Layout {
	return workspace.Layout{Content: filepath.ToSlash(g.Content), Locales: filepath.ToSlash(g.Locales), Dist: filepath.ToSlash(g.Dist), Glossary: filepath.ToSlash(g.Glossary), Config: filepath.ToSlash(g.Config)}
}

// lock takes the project's lock for a command that writes: a second
// command waits for the first (up to lockWait), then refuses, naming it.
func (g *Global) lock(command string) (*lock.Lock, error) {
	l, err := lock.Acquire(g.Dir, command, lockWait, os.Stderr)
	if err != nil {
		return nil, &exitError{ExitError, err}
	}
	g.locked = true
	return l, nil
}

// lockWait is how long a command waits for another that writes the project.
var lockWait = 30 * time.Second

// load reads the project. A command that writes (it holds the project's
// lock) first completes the write of a command that was killed half-way
// (fileset.Recover), if any; a command that only reads changes nothing and
// says that one is pending.
func (g *Global) load() (*workspace.Workspace, error) {
	return g.loadSelection(workspace.Selection{})
}

// loadSelection reads the project as load does, only the articles sel
// selects.
func (g *Global) loadSelection(sel workspace.Selection) (*workspace.Workspace, error) {
	if err := g.recover(os.Stderr); err != nil {
		return nil, err
	}
	w, err := workspace.LoadSelection(os.DirFS(g.Dir), g.layout(), sel)
	if err == nil && len(w.OldLayout) > 0 && !g.migrates {
		noteOldLayout(w.OldLayout, w.Layout)
	}
	return w, err
}

// recover completes an interrupted write in a command that writes, and
// notes it in one that reads.
func (g *Global) recover(errOut io.Writer) error {
	if !g.locked {
		p := fileset.PendingWrite(g.Dir)
		switch {
		case p == nil:
		case p.Err != nil:
			fmt.Fprintf(errOut, "tilmash: note: %s\n", escape.Line(p.Err.Error()))
		default:
			who, next := "a tilmash command", "tilmash extract or build"
			if p.Command != "" {
				who, next = "tilmash "+p.Command, "tilmash "+p.Command
			}
			fmt.Fprintf(errOut, "tilmash: note: %s was interrupted before it put %d files in place (%s lists them): some may still be the old ones. This command only reads and changed nothing; the next command that writes (%s) completes the write.\n",
				who, p.Files, escape.Line(p.Path), next)
		}
		return nil
	}
	lay := g.layout()
	rec, err := fileset.Recover(g.Dir, fileset.Outputs{Writes: lay.IsOutput, Removes: lay.IsOutput, KeepAside: lay.IsCatalogue, Superseded: lay.Superseded(os.DirFS(g.Dir))})
	if err != nil {
		return &exitError{ExitError, err}
	}
	if rec != nil {
		who := "a command"
		if rec.Command != "" {
			who = "tilmash " + rec.Command
		}
		fmt.Fprintf(errOut, "tilmash: note: completed the write of %s that was interrupted (%d files)\n", who, rec.Files)
		for _, p := range rec.Kept {
			fmt.Fprintf(errOut, "tilmash: note: left %s as it is: it changed after the interrupted command read it\n", escape.Line(p))
		}
		for _, p := range rec.Moved {
			fmt.Fprintf(errOut, "tilmash: note: the interrupted command removed %s: kept as %s; delete it once it is no longer needed\n", escape.Line(strings.TrimSuffix(p, p[strings.LastIndex(p, ".saved-"):])), escape.Line(p))
		}
		for _, p := range rec.Aside {
			fmt.Fprintf(errOut, "tilmash: note: a save made while the interrupted command ran is kept as %s: compare it with the file beside it and merge what is missing\n", escape.Line(p))
		}
	}
	return nil
}

// SelectOptions pick the articles a command works on: a shard of them, for
// a CI matrix, or a list.
type SelectOptions struct {
	Shard    string   // "K/N"
	Articles []string // article names
}

func (s *SelectOptions) bind(cmd *cobra.Command) {
	cmd.Flags().StringVar(&s.Shard, "shard", "", "only shard K/N of the articles (such as 3/8), for a CI matrix: tilmash merge joins the shards' results")
	cmd.Flags().StringSliceVarP(&s.Articles, "article", "a", nil, "only these articles (file names without .md)")
}

// selection parses the options.
func (s *SelectOptions) selection() (workspace.Selection, error) {
	sel := workspace.Selection{Articles: s.Articles}
	if s.Shard != "" {
		k, n, err := workspace.ParseShard(s.Shard)
		if err != nil {
			return sel, &exitError{ExitError, err}
		}
		sel.Shard, sel.Shards = k, n
	}
	return sel, nil
}

// loadSelected reads the project, as loadLocales does, and keeps the
// articles sel selects.
func (g *Global) loadSelected(names []string, withSource bool, sel *SelectOptions) (*workspace.Workspace, []language.Tag, error) {
	s, err := sel.selection()
	if err != nil {
		return nil, nil, err
	}
	return g.loadLocalesOf(names, withSource, s)
}

// loadLocales reads the project and parses --locale values, each of which
// must name a catalogue the project has (or the source, if withSource).
func (g *Global) loadLocales(names []string, withSource bool) (*workspace.Workspace, []language.Tag, error) {
	return g.loadLocalesOf(names, withSource, workspace.Selection{})
}

// loadLocalesOf is loadLocales for the articles sel selects.
func (g *Global) loadLocalesOf(names []string, withSource bool, sel workspace.Selection) (*workspace.Workspace, []language.Tag, error) {
	var tags []language.Tag
	for _, s := range names {
		tag, err := locale.Parse(s)
		if err != nil {
			return nil, nil, &exitError{ExitError, fmt.Errorf("--locale: %w", err)}
		}
		tags = append(tags, tag)
	}
	w, err := g.loadSelection(sel)
	if err != nil {
		return nil, nil, &exitError{ExitError, err}
	}
	known := w.Locales()
	if !withSource {
		known = known[1:]
	}
	for _, tag := range tags {
		if !slices.Contains(known, tag) {
			return nil, nil, &exitError{ExitError, fmt.Errorf("--locale %s: the project has no catalogue in %s/%s/ (add it with tilmash extract --add-locale %s)", tag, w.Layout.Locales, tag, tag)}
		}
	}
	return w, tags, nil
}

// openArchive opens the project for a command that works through it a
// part at a time (package archive), with the articles sel selects, and
// parses --locale values, each of which must name a catalogue the project
// has (or the source, if withSource).
//
// With changedSince (--changed-since REF), only the articles whose files
// changed since REF (git) are selected, or every one when the settings or
// the glossary changed; none is an empty selection, told by nothing.
func (g *Global) openArchive(names []string, withSource bool, sel *SelectOptions, changedSince string) (p *workspace.Project, s workspace.Selection, tags []language.Tag, nothing bool, err error) {
	p, s, tags, err = g.openArchiveOf(names, withSource, sel)
	if err != nil || changedSince == "" {
		return p, s, tags, false, err
	}
	changed, err := gitchange.Changed(context.Background(), g.Dir, changedSince)
	if err != nil {
		return nil, s, nil, false, &exitError{ExitError, fmt.Errorf("--changed-since %s: %w", escape.Line(changedSince), err)}
	}
	touched, all, why := p.Touched(changed)
	switch {
	case all:
		fmt.Fprintf(os.Stderr, "tilmash: note: --changed-since %s: every article, as %s\n", escape.Line(changedSince), escape.Line(why))
	case len(touched) == 0:
		fmt.Fprintf(os.Stderr, "tilmash: note: --changed-since %s: no article, nor any of its catalogues, changed: nothing to do\n", escape.Line(changedSince))
		return p, s, tags, true, nil
	default:
		s.Names = touched
		fmt.Fprintf(os.Stderr, "tilmash: note: --changed-since %s: %d of %d articles changed\n", escape.Line(changedSince), len(touched), p.Articles())
	}
	return p, s, tags, false, nil
}

// openArchiveOf is openArchive without --changed-since.
func (g *Global) openArchiveOf(names []string, withSource bool, sel *SelectOptions) (*workspace.Project, workspace.Selection, []language.Tag, error) {
	s, err := sel.selection()
	if err != nil {
		return nil, s, nil, err
	}
	var tags []language.Tag
	for _, n := range names {
		tag, err := locale.Parse(n)
		if err != nil {
			return nil, s, nil, &exitError{ExitError, fmt.Errorf("--locale: %w", err)}
		}
		tags = append(tags, tag)
	}
	if err := g.recover(os.Stderr); err != nil {
		return nil, s, nil, err
	}
	p, err := workspace.Open(os.DirFS(g.Dir), g.layout())
	if err == nil {
		err = p.Validate(s)
	}
	if err != nil {
		return nil, s, nil, &exitError{ExitError, err}
	}
	if old := p.OldLayout(); len(old) > 0 {
		noteOldLayout(old, p.Layout)
	}
	known := p.Locales()
	if !withSource {
		known = known[1:]
	}
	for _, tag := range tags {
		if !slices.Contains(known, tag) {
			return nil, s, nil, &exitError{ExitError, fmt.Errorf("--locale %s: the project has no catalogue in %s/%s/ (add it with tilmash extract --add-locale %s)", tag, p.Layout.Locales, tag, tag)}
		}
	}
	return p, s, tags, nil
}

// archiveOptions are the options every command that works through the
// archive shares: the result cache (package cache, outside the project:
// TILMASH_CACHE moves it, TILMASH_CACHE=off turns it off), the files'
// hashes through its stat index, and what besides the files changes
// results: this binary, and the hunspell dictionaries when spelling.
func (g *Global) archiveOptions(p *workspace.Project, sel workspace.Selection, tags []language.Tag, speller check.Speller) (archive.Options, error) {
	o := archive.Options{Selection: sel, Locales: tags, Speller: speller}
	c, err := cache.Open()
	if err != nil {
		return o, &exitError{ExitError, err}
	}
	root, err := filepath.Abs(g.Dir)
	if err != nil {
		return o, &exitError{ExitError, err}
	}
	o.Cache = c
	_ = c.Trim(cache.MaxAge) // entries unused for days go; at most a scan a day, and a failure costs only space
	o.Hash = func(paths []string) ([][32]byte, error) { return c.FileHashes(root, paths) }
	o.HashOutputs = func(paths []string) ([][32]byte, error) { return c.FileHashesAs(root, "build", paths) }
	o.Exists = func(p string) bool {
		_, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p)))
		return err == nil
	}
	o.Version = toolIdentity()
	if h, ok := speller.(interface{ Identity([]string) string }); ok {
		var dicts []string
		for _, rules := range p.Config.Locales {
			if rules.Dictionary != "" {
				dicts = append(dicts, rules.Dictionary)
			}
		}
		sort.Strings(dicts)
		o.Version += "\n" + h.Identity(dicts)
	}
	return o, nil
}

// toolIdentity names this binary for the result cache: its version, and
// the executable file as it is (a rebuilt tilmash never takes an earlier
// build's results).
func toolIdentity() string {
	id := versionLine()
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			id += fmt.Sprintf("\n%s %d %d", exe, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return id
}

// noteOldLayout says that the project's catalogues are in the old layout.
func noteOldLayout(files []string, lay workspace.Layout) {
	fmt.Fprintf(os.Stderr, "tilmash: note: %s: the old layout, one catalogue per locale, read as it is; the next tilmash extract moves every entry to its article's file, %s/<locale>/<article>.<locale>.toml, and nothing is lost\n",
		escape.Line(strings.Join(files, ", ")), escape.Line(lay.Locales))
}

// reportBroken prints each catalogue that could not be read, as an error
// when its locale is required and as a note when it is in progress, and
// returns the exit error a command should end with: exit 2 if a required
// locale's catalogue is broken (among tags, or any if tags is empty).
func reportBroken(w *workspace.Workspace, tags []language.Tag, errOut io.Writer) error {
	return reportBrokenOf(w.Broken, w.Requires, tags, errOut)
}

// reportBrokenOf is reportBroken for the broken catalogues of a whole
// archive (package archive), requires saying which locales are required.
func reportBrokenOf(broken []*workspace.BrokenCatalogue, requires func(language.Tag) bool, tags []language.Tag, errOut io.Writer) error {
	var required []string
	for _, b := range broken {
		if len(tags) > 0 && !slices.Contains(tags, b.Locale) {
			continue
		}
		if requires(b.Locale) {
			fmt.Fprintf(errOut, "tilmash: %s\n", escape.Line(b.Err.Error()))
			required = append(required, b.Path)
		} else {
			fmt.Fprintf(errOut, "tilmash: note: %s (%s is in progress: the other locales go on)\n", escape.Line(b.Err.Error()), b.Locale)
		}
	}
	if len(required) == 0 {
		return nil
	}
	return &exitError{ExitError, fmt.Errorf("%s cannot be read: fix the file at the position above; the other locales were done", strings.Join(required, ", "))}
}

// exitError carries an exit code through cobra. The error is printed on
// one line, escaped: it may quote a file name or a key a file holds, and a
// line break there could start a line a CI runner reads as a command.
type exitError struct {
	code int
	err  error
}

// usageError is a mistake in the command line: the command's usage is
// printed after it, as it is.
type usageError struct {
	err   error
	usage string
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// NewRootCmd builds the command tree.
func NewRootCmd(streams IO) *cobra.Command {
	g := &Global{}
	root := &cobra.Command{
		Use:   "tilmash",
		Short: "Localise Markdown articles into faithful editions in other languages",
		Long: `tilmash (Kazakh тілмаш, "interpreter") turns Markdown articles into translated
editions and keeps them right as the articles change.

The pipeline follows the folders: content/ holds the articles; tilmash extract
splits them into units with stable IDs and writes the catalogues in locales/,
one file per article and locale (locales/en/ is the source; locales/ru/,
locales/kk/… are what translators edit); tilmash build assembles every article
in every locale into dist/<locale>/.

Run it in the project root; the flags name other folders.`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.Err)
	root.PersistentFlags().StringVarP(&g.Dir, "dir", "C", ".", "the project root")
	root.PersistentFlags().StringVar(&g.Content, "content", workspace.Default.Content, "the articles folder, relative to the root")
	root.PersistentFlags().StringVar(&g.Locales, "locales", workspace.Default.Locales, "the catalogues folder, relative to the root")
	root.PersistentFlags().StringVar(&g.Dist, "dist", workspace.Default.Dist, "the editions folder, relative to the root")
	root.PersistentFlags().StringVar(&g.Glossary, "glossary", workspace.Default.Glossary, "the glossary folder, relative to the root")
	root.PersistentFlags().StringVar(&g.Config, "config", workspace.Default.Config, "the settings file, relative to the root")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		return g.findRoot(cmd.Flags().Changed("dir"))
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{ExitError, &usageError{err, c.UsageString()}}
	})
	root.AddCommand(NewCmdExtract(g, streams, nil))
	root.AddCommand(NewCmdBuild(g, streams, nil))
	root.AddCommand(NewCmdExport(g, streams, nil))
	root.AddCommand(NewCmdCheck(g, streams, nil))
	root.AddCommand(NewCmdStatus(g, streams, nil))
	root.AddCommand(NewCmdGlossary(g, streams, nil))
	root.AddCommand(NewCmdMerge(g, streams, nil))
	root.AddCommand(NewCmdHandoff(g, streams, nil))
	root.AddCommand(NewCmdImport(g, streams, nil))
	root.AddCommand(NewCmdServe(g, streams, nil))
	root.AddCommand(NewCmdVersion(streams))
	root.AddCommand(NewCmdInit(g, streams, nil))
	registerCompletions(root, g)
	root.SetVersionTemplate(versionLine() + "\n")
	return root
}

// Main runs the command line with args and returns the exit code.
func Main(args []string, streams IO) int {
	root := NewRootCmd(streams)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil && ee.err.Error() != "" {
			fmt.Fprintln(streams.Err, "tilmash:", escape.Line(ee.err.Error()))
			if ue, ok := ee.err.(*usageError); ok {
				fmt.Fprintf(streams.Err, "\n%s", ue.usage)
			}
		}
		return ee.code
	}
	fmt.Fprintln(streams.Err, "tilmash:", escape.Line(err.Error()))
	return ExitError
}
