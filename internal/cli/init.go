package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"testing/fstest"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/escape"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/locale"
)

// InitOptions are the options of tilmash init.
type InitOptions struct {
	*Global
	IO
	Target  string   // the folder to start the project in
	Locales []string // the target locales
	Force   bool     // start it in a folder that holds other files
}

// NewCmdInit builds tilmash init. runF replaces initRun in tests.
func NewCmdInit(g *Global, streams IO, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{Global: g, IO: streams}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Start a project: an example article, tilmash.toml, a glossary and the catalogues",
		Long: `Write a minimal working project in DIR (default: the current folder): an
example article in content/, tilmash.toml with a table for each locale of
--locales (in progress: not required until you say so), an empty glossary, and
the catalogues in locales/ (a file per article and locale: locales/en/example.en.toml,
the source, and locales/<locale>/example.<locale>.toml, ready for translation). tilmash build then publishes the English edition.

A folder that already holds a project (tilmash.toml, content/ or locales/) is
left alone, and so is one that holds other files (hidden ones such as .git
aside), unless --force says to start the project among them; a .gitignore
already there is kept as it is.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Target = "."
			if len(args) == 1 {
				opts.Target = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	cmd.Flags().StringSliceVar(&opts.Locales, "locales", nil, "the locales to translate into (BCP 47 tags, such as ru,kk)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "start the project in a folder that holds other files")
	return cmd
}

// exampleArticle is the article a new project starts with.
const exampleArticle = `+++
title = "A first article"
author = "Your Name"
date = 2026-01-15
dateline = "Almaty, Kazakhstan"
+++

This is the first paragraph of an example article. Each paragraph, heading,
caption, question and answer becomes a unit that translators translate in the
catalogues in locales/.

## A section

Write *emphasis*, **strong words** and [links](https://example.org) as Markdown
does; translators keep them around the words they mark. Numbers such as 150,000
are written in each language's own way.
`

// exampleGlossary is a new project's glossary: empty, with an example.
const exampleGlossary = `# The glossary: how terms, names and loanwords are rendered in each locale.
# tilmash check holds the catalogues to it, matching inflected forms.
#
# [[term]]
# en = "Almaty"
# pos = "name"
# flags = ["proper"]
# [term.ru]
# approved = ["Алматы"]
`

// localeTable is the tilmash.toml table of a locale a new project starts:
// the rules tilmash knows for it, in progress.
func localeTable(tag language.Tag) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n[locales.%s]\n", tag)
	b.WriteString("# required = true                # when its editions must be published (CI then fails on a gap)\n")
	switch tag.String() {
	case "ru":
		b.WriteString("quotes = \"«»„“\"\ndash = \"—\"\nforbidden-letters = \"әғқңөұүһі\"\ndictionary = \"ru_RU\"             # hunspell (Debian: hunspell-ru)\n")
	case "kk":
		b.WriteString("quotes = \"«»“”\"\ndash = \"—\"\nrequired-letters = \"әғқңөұүһі\"\nmin-words = 8\ndictionary = \"kk_KZ\"             # hunspell (Debian: hunspell-kk)\n")
	default:
		b.WriteString("# quotes = \"«»\"                  # the quotation marks the language uses\n# dictionary = \"\"                # a hunspell dictionary, for spelling\n")
	}
	return b.String()
}

func initRun(opts *InitOptions) error {
	var tags []language.Tag
	for _, s := range opts.Locales {
		tag, err := locale.Parse(s)
		if err != nil {
			return &exitError{ExitError, fmt.Errorf("--locales: %w", err)}
		}
		if locale.IsSource(tag) {
			return &exitError{ExitError, fmt.Errorf("--locales: %s is the source language; name the locales to translate into", tag)}
		}
		tags = append(tags, tag)
	}
	dir := opts.Target
	if opts.dirExplicit && !filepath.IsAbs(dir) {
		dir = filepath.Join(opts.Dir, dir)
	}
	lay := workspace.Default
	for _, p := range []string{lay.Config, lay.Content, lay.Locales} {
		if _, err := os.Stat(filepath.Join(dir, p)); err == nil {
			return &exitError{ExitError, fmt.Errorf("%s already holds a project (%s): nothing written", dir, p)}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return &exitError{ExitError, err}
		}
	}
	if !opts.Force {
		if other := firstEntry(dir); other != "" {
			return &exitError{ExitError, fmt.Errorf("%s is not empty (it holds %s): nothing written; start the project in a new folder (tilmash init newsroom), or add --force to start it among these files", dir, escape.Line(other))}
		}
	}
	config := "# tilmash settings. A locale without required = true is in progress: its gaps are\n# notes, and each edition is published once complete.\n"
	for _, tag := range tags {
		config += localeTable(tag)
	}
	config += "\n[publish]\nstale = \"keep\"\n# base-url = \"https://example.org/news/\"\n"
	files := fileset.Set{
		lay.Config:                   []byte(config),
		lay.Content + "/example.md":  []byte(exampleArticle),
		lay.Glossary + "/terms.toml": []byte(exampleGlossary),
		".gitignore":                 []byte("/dist/\n.tilmash.lock\n.tilmash-journal\n"),
	}
	// The catalogues, as extract writes them, from the files above.
	w, err := workspace.Load(memFS(files), lay)
	if err != nil {
		return &exitError{ExitError, err}
	}
	cats, _, err := w.Extract(tags, false)
	if err != nil {
		return &exitError{ExitError, err}
	}
	for p, data := range cats {
		files[p] = data
	}
	keptIgnore := false
	if _, err := os.Lstat(filepath.Join(dir, ".gitignore")); err == nil {
		delete(files, ".gitignore") // the repository's own: not ours to rewrite
		keptIgnore = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &exitError{ExitError, err}
	}
	if _, err := files.Commit(dir); err != nil {
		return &exitError{ExitError, err}
	}
	for _, p := range files.Paths() {
		fmt.Fprintf(opts.Out, "wrote %s\n", filepath.Join(dir, filepath.FromSlash(p)))
	}
	if keptIgnore {
		fmt.Fprintf(opts.Out, "kept %s as it was: add /dist/, .tilmash.lock and .tilmash-journal to it\n", filepath.Join(dir, ".gitignore"))
	}
	fmt.Fprintf(opts.Out, "\nNext: edit or replace %s, run tilmash extract, translate locales/<locale>/*.toml, then tilmash build (dist/).\n", filepath.Join(dir, lay.Content, "example.md"))
	return nil
}

// firstEntry returns the first entry of dir, by name, that is not hidden
// (.git, .gitignore…): "" if there is none, or no such folder.
func firstEntry(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			return e.Name()
		}
	}
	return ""
}

// memFS serves a set of files not yet written, for Load.
func memFS(s fileset.Set) fs.FS {
	m := fstest.MapFS{}
	for p, data := range s {
		m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}
