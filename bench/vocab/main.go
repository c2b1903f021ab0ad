// Command vocab writes the vocabularies internal/corpus translates with:
// the Russian and Kazakh words of a project's catalogues that hunspell
// knows, most frequent first, so that a generated corpus is made of words
// the spelling check accepts, as a newsroom's translations are.
//
//	go run ./bench/vocab                      # from the repository's root: locales/ → internal/corpus/vocab/
//	go run ./bench/vocab -locales DIR -o DIR
//
// It reads the ru and kk catalogues in DIR (DIR/ru/, a file per article, or
// the old layout's DIR/ru.toml), takes every word of every
// translation (tags and placeholders aside) written in Cyrillic letters
// alone, in lower case (Russian words with a Kazakh letter left out), and
// keeps those that `hunspell -G -d ru_RU` (or kk_KZ) accepts. It needs
// hunspell and Debian's hunspell-ru and hunspell-kk (scripts/deps test).
// The corpus embeds the files it writes, so generating a corpus reads
// neither the live catalogues nor hunspell: run this again only to renew
// the vocabulary, and commit what it writes.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"golang.org/x/text/language"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/words"
)

// dictionaries are the locales a vocabulary is made for, with their
// hunspell dictionaries, as the corpus's tilmash.toml names them.
var dictionaries = []struct{ locale, dict string }{{"ru", "ru_RU"}, {"kk", "kk_KZ"}}

// kazakhLetters have no place in Russian text (tilmash.toml's forbidden-letters).
const kazakhLetters = "әғқңөұүһі"

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "vocab:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	flags := flag.NewFlagSet("vocab", flag.ContinueOnError)
	locales := flags.String("locales", "locales", "the folder of the catalogues to take the words of (ru.toml, kk.toml)")
	dir := flags.String("o", "internal/corpus/vocab", "the folder to write ru.txt and kk.txt to")
	if err := flags.Parse(args); errors.Is(err, flag.ErrHelp) {
		return nil
	} else if err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", flags.Arg(0))
	}
	for _, d := range dictionaries {
		src, c, err := readLocale(*locales, d.locale)
		if err != nil {
			return err
		}
		counts := count(c, d.locale)
		var cands []string
		for w := range counts {
			cands = append(cands, w)
		}
		sort.Strings(cands)
		known, err := accepted(d.dict, cands)
		if err != nil {
			return err
		}
		sort.Slice(known, func(i, j int) bool {
			if counts[known[i]] != counts[known[j]] {
				return counts[known[i]] > counts[known[j]]
			}
			return known[i] < known[j]
		})
		var b bytes.Buffer
		fmt.Fprintf(&b, "# The %s words internal/corpus translates with, most frequent first: the words of\n", d.locale)
		fmt.Fprintf(&b, "# the newsroom's %s (the live project's catalogue), in lower case, each accepted by\n", filepath.ToSlash(src))
		fmt.Fprintf(&b, "# `hunspell -G -d %s`; %d of its %d distinct words. Written by `go run ./bench/vocab`.\n", d.dict, len(known), len(counts))
		for _, w := range known {
			b.WriteString(w + "\n")
		}
		dst := filepath.Join(*dir, d.locale+".txt")
		if err := os.MkdirAll(*dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, b.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(out, "%s: %d words (of %d in %s)\n", dst, len(known), len(counts), src)
	}
	return nil
}

// markupRe finds what is not text in a message: tags and placeholders.
var markupRe = regexp.MustCompile(`{{[^}]*}}|</?[a-z]+[0-9]*/?>|&[a-z]+;`)

// count returns how often each word of c's translations occurs, in lower
// case: words of Cyrillic letters alone (no digit, hyphen or Latin letter),
// and for Russian none with a Kazakh letter.
func count(c *catalog.Catalog, loc string) map[string]int {
	counts := map[string]int{}
	for _, m := range c.Messages {
		for _, text := range m.Forms {
			for _, w := range words.Strings(markupRe.ReplaceAllString(text, " ")) {
				w = strings.ToLower(w)
				if !cyrillic(w) || loc == "ru" && strings.ContainsAny(w, kazakhLetters) {
					continue
				}
				counts[w]++
			}
		}
	}
	return counts
}

func cyrillic(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) || !unicode.Is(unicode.Cyrillic, r) {
			return false
		}
	}
	return w != ""
}

// accepted returns the words that hunspell's dictionary dict knows.
func accepted(dict string, ws []string) ([]string, error) {
	path, err := exec.LookPath("hunspell")
	if err != nil {
		return nil, errors.New("hunspell is not installed: scripts/deps test installs it (Debian: hunspell hunspell-ru hunspell-kk)")
	}
	cmd := exec.Command(path, "-G", "-i", "utf-8", "-d", dict)
	cmd.Stdin = strings.NewReader(strings.Join(ws, "\n") + "\n")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("hunspell -G -d %s: %v: %s", dict, err, strings.TrimSpace(stderr.String()))
	}
	if strings.Contains(stderr.String(), "Can't open") {
		return nil, fmt.Errorf("no hunspell dictionary %s: %s", dict, strings.TrimSpace(stderr.String()))
	}
	seen := map[string]bool{}
	var out []string
	for _, l := range strings.Split(stdout.String(), "\n") {
		if l = strings.TrimSpace(l); l != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out, nil
}

// readLocale reads a locale's catalogue from the locales folder dir: its
// files, one per article (dir/ru/**/*.ru.toml), merged, or the old
// layout's one file (dir/ru.toml). src names what was read.
func readLocale(dir, loc string) (src string, c *catalog.Catalog, err error) {
	tag := language.MustParse(loc)
	flat := filepath.Join(dir, loc+".toml")
	if data, err := os.ReadFile(flat); err == nil {
		c, err := catalog.Parse(flat, data)
		return flat, c, err
	}
	folder := filepath.Join(dir, loc)
	var parts []*catalog.Catalog
	err = filepath.WalkDir(folder, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, "."+loc+".toml") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		part, err := catalog.Parse(filepath.ToSlash(p), data)
		parts = append(parts, part)
		return err
	})
	if err != nil {
		return "", nil, err
	}
	c, err = catalog.Merge(tag, folder, parts)
	return folder + "/", c, err
}
