package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/internal/escape"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/locale"
)

// newCmdGlossaryAddWords builds tilmash glossary add-words.
func newCmdGlossaryAddWords(opts *GlossaryOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "add-words --locale TAG WORD...",
		Short: "Add words that are right to a locale's spelling word list",
		Long: `Add words the spelling check flags but that are right (a name, a form the
dictionary lacks) to the locale's word list, glossary/words.<locale>.txt, after
its own lines, each once: check accepts them, and their inflected forms, from
then on. Name one locale with --locale. A word is letters and digits, with a
hyphen or an apostrophe inside (WhatsApp-та, Алма-Ата); anything else is refused
and nothing is written. The list is written as a whole, and only if no one
changed it meanwhile.`,
		Example: `  tilmash glossary add-words --locale kk ішетін жауады Инженерлер`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return errors.New("name the words to add, such as: tilmash glossary add-words --locale kk ішетін")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return addWordsRun(opts, args)
		},
	}
}

func addWordsRun(opts *GlossaryOptions, add []string) error {
	if len(opts.Locales) != 1 {
		return &exitError{ExitError, errors.New("name the word list's locale with --locale, one locale (such as --locale kk)")}
	}
	tag, err := locale.Parse(opts.Locales[0])
	if err != nil {
		return &exitError{ExitError, fmt.Errorf("--locale: %w", err)}
	}
	if locale.IsSource(tag) {
		return &exitError{ExitError, fmt.Errorf("--locale %s is the source language: its spelling is not checked", tag)}
	}
	lay := opts.layout()
	if p, err := workspace.Open(os.DirFS(opts.Dir), lay); err == nil && !slices.Contains(p.Locales(), tag) {
		if _, ok := p.Config.Locales[tag.String()]; !ok {
			return &exitError{ExitError, fmt.Errorf("--locale %s: the project has no %s: neither a [locales.%s] table in tilmash.toml nor a catalogue; add the locale first (tilmash extract --add-locale %s)", tag, locale.EnglishName(tag), tag, tag)}
		}
	}
	if lay.Glossary == "" {
		return &exitError{ExitError, errors.New("the project has no glossary folder to keep word lists in")}
	}
	rel := path.Join(path.Clean(lay.Glossary), check.WordListName(tag.String()))
	read, err := bound.ReadFile(os.DirFS(opts.Dir), rel, bound.WordList)
	expect := fileset.ExpectContent(read)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		read, expect = nil, fileset.Expect{Absent: true}
	case err != nil:
		return &exitError{ExitError, err}
	}
	header := fmt.Sprintf("# %s words that are right but that the spelling dictionary does not know.\n# One word per line (tilmash glossary add-words); their inflected forms are accepted too.\n", locale.EnglishName(tag))
	data, added, err := check.AddWords(read, add, header)
	if err != nil {
		return &exitError{ExitError, fmt.Errorf("%s: %w", rel, err)}
	}
	if len(added) == 0 {
		fmt.Fprintf(opts.Out, "%s already lists every one of them\n", escape.Line(rel))
		return nil
	}
	_, err = fileset.Set{rel: data}.CommitWith(opts.Dir, fileset.Options{Expect: map[string]fileset.Expect{rel: expect}})
	var conflict *fileset.ConflictError
	if errors.As(err, &conflict) {
		return &exitError{ExitError, fmt.Errorf("%s changed while tilmash read it: nothing written; run the command again", rel)}
	}
	if err != nil {
		return &exitError{ExitError, err}
	}
	fmt.Fprintf(opts.Out, "added %s to %s: %s\n", count(len(added), "word"), escape.Line(rel), escape.Line(strings.Join(added, ", ")))
	return nil
}
