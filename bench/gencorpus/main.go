// Command gencorpus writes a deterministic tilmash project for benchmarks:
// n generated articles with their catalogues (translated into real Russian
// and Kazakh words, with a small share damaged on purpose), the glossary of
// the project it is run in, the spelling check on, the same units as
// gettext PO files, and a po4a configuration for the same articles. See
// internal/corpus.
//
//	go run ./bench/gencorpus -n 1000 -seed 1 -o /tmp/corpus1000   # from the repository's root: its glossary/
//	go run ./bench/gencorpus -n 1000 -o /tmp/c -glossary '' -spelling=false   # as make bench ran before issue 22
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/tilmash/tilmash/internal/corpus"
	"github.com/tilmash/tilmash/internal/fileset"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	flags := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	n := flags.Int("n", 1000, "how many articles")
	seed := flags.Int64("seed", 1, "the seed: the same seed and -n give the same files, byte for byte")
	dir := flags.String("o", "", "the folder to write the corpus to (required; must be empty or absent unless -force)")
	force := flags.Bool("force", false, "write into a folder that is not empty: files of the same name are replaced, and files in its content/, locales/, glossary/ and po/ that the new corpus has not are removed (so no article of an earlier corpus stays); anything else is left")
	spelling := flags.Bool("spelling", true, "leave the spelling check on in tilmash.toml, as users run tilmash (hunspell-ru and hunspell-kk)")
	glossaryDir := flags.String("glossary", "glossary", "the glossary folder to copy into the corpus, read now (its *.toml and words.*.txt); '' for none")
	flags.Usage = func() {
		fmt.Fprintln(flags.Output(), "usage: go run ./bench/gencorpus -n 1000 -seed 1 -o DIR [-force] [-spelling=false] [-glossary DIR]")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); errors.Is(err, flag.ErrHelp) {
		return nil
	} else if err != nil {
		return err
	}
	if *dir == "" || flags.NArg() > 0 {
		flags.Usage()
		return errors.New("name the folder with -o DIR")
	}
	if !*force {
		entries, err := os.ReadDir(*dir)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		if len(entries) > 0 {
			return fmt.Errorf("%s is not empty: choose another folder, or write into it with -force", *dir)
		}
	}
	var gloss map[string][]byte
	if *glossaryDir != "" {
		var err error
		if gloss, err = corpus.ReadGlossary(os.DirFS(*glossaryDir)); err != nil {
			return fmt.Errorf("the glossary %s: %w (name another with -glossary DIR, or none with -glossary '')", *glossaryDir, err)
		}
	}
	start := time.Now()
	c, err := corpus.GenerateWith(corpus.Options{Articles: *n, Seed: *seed, Spelling: *spelling, Glossary: gloss})
	if err != nil {
		return err
	}
	took := time.Since(start)
	files := c.Files
	if *force {
		stale, err := leftovers(*dir, c.Files)
		if err != nil {
			return err
		}
		files = fileset.Set{}
		maps.Copy(files, c.Files)
		for _, p := range stale {
			files[p] = nil // removed by Commit
		}
	}
	res, err := files.Commit(*dir)
	if err != nil {
		return err
	}
	if len(res.Removed) > 0 {
		fmt.Fprintf(out, "removed %d files of an earlier corpus from %s\n", len(res.Removed), *dir)
	}
	total := 0
	for _, data := range c.Files {
		total += len(data)
	}
	fmt.Fprintf(out, "wrote %s: %d files, %s, generated in %s\n", *dir, len(c.Files), size(total), took.Round(time.Millisecond))
	fmt.Fprintf(out, "  content/       %d articles, %s (%s an article on average)\n", c.Articles, size(c.ContentBytes()), size(c.ContentBytes()/c.Articles))
	fmt.Fprintf(out, "  locales/       %d units in each of en, ru, kk\n", c.Units)
	if gloss != nil {
		fmt.Fprintf(out, "  glossary/      %d files, copied from %s\n", len(gloss), *glossaryDir)
	} else {
		fmt.Fprintf(out, "  glossary/      none\n")
	}
	if *spelling {
		fmt.Fprintf(out, "  spelling       on (hunspell ru_RU, kk_KZ)\n")
	} else {
		fmt.Fprintf(out, "  spelling       off\n")
	}
	for _, l := range []string{"en", "ru", "kk"} {
		files, nbytes := 0, 0
		for p, data := range c.Files {
			if strings.HasPrefix(p, "locales/"+l+"/") {
				files, nbytes = files+1, nbytes+len(data)
			}
		}
		fmt.Fprintf(out, "  %-14s %d files (one per article), %s\n", "locales/"+l+"/", files, size(nbytes))
	}
	for _, p := range []string{"po/en.pot", "po/ru.po", "po/kk.po", "po4a/po4a.cfg"} {
		fmt.Fprintf(out, "  %-14s %s\n", p, size(len(c.Files[p])))
	}
	var locs []string
	for l := range c.Stale {
		locs = append(locs, l)
	}
	sort.Strings(locs)
	for _, l := range locs {
		fmt.Fprintf(out, "  damaged %s:    %d stale, %d missing, %d broken (of %d)\n", l, len(c.Stale[l]), len(c.Missing[l]), len(c.Broken[l]), c.Units)
	}
	fmt.Fprintf(out, "check it:       go run ./cmd/tilmash -C %s check\n", shellQuote(*dir))
	return nil
}

// leftovers lists the files under dir's content/, locales/, glossary/ and po/ that
// are not in files, by path relative to dir.
func leftovers(dir string, files fileset.Set) ([]string, error) {
	var out []string
	for _, sub := range []string{"content", "locales", "glossary", "po"} {
		err := filepath.WalkDir(filepath.Join(dir, sub), func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			if rel = filepath.ToSlash(rel); files[rel] == nil {
				out = append(out, rel)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func shellQuote(s string) string {
	if strings.ContainsAny(s, " '\"$`\\") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}
