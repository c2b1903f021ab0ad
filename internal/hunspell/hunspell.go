// Package hunspell checks spelling with the hunspell program and Debian's
// dictionaries (hunspell-ru, hunspell-kk), for check.Speller.
package hunspell

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Speller runs "hunspell -l" over a list of words.
type Speller struct {
	// Program is the hunspell binary; "" means "hunspell" on the PATH.
	Program string
}

// Unknown returns the words that the dictionary dict (such as ru_RU) does
// not know. It fails if hunspell or the dictionary is not installed.
func (s Speller) Unknown(dict string, words []string) ([]string, error) {
	prog := s.Program
	if prog == "" {
		prog = "hunspell"
	}
	path, err := exec.LookPath(prog)
	if err != nil {
		return nil, fmt.Errorf("%s is not installed", prog)
	}
	cmd := exec.Command(path, "-l", "-i", "utf-8", "-d", dict)
	cmd.Stdin = strings.NewReader(strings.Join(words, "\n") + "\n")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("hunspell -d %s: %v: %s", dict, err, strings.TrimSpace(errb.String()))
	}
	if strings.Contains(errb.String(), "Can't open affix or dictionary") {
		return nil, fmt.Errorf("no hunspell dictionary %s", dict)
	}
	var unknown []string
	for _, l := range strings.Split(out.String(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			unknown = append(unknown, l)
		}
	}
	return unknown, nil
}

// Identity names the hunspell program and the dictionaries dicts (such as
// ru_RU) as they are installed now, by path, size and modification time:
// a result cache keys on it, so that a dictionary updated, added or
// removed makes the spelling be checked again.
func (s Speller) Identity(dicts []string) string {
	prog := s.Program
	if prog == "" {
		prog = "hunspell"
	}
	var b strings.Builder
	stat := func(p string) {
		if fi, err := os.Stat(p); err == nil {
			fmt.Fprintf(&b, "%s %d %d\n", p, fi.Size(), fi.ModTime().UnixNano())
		} else {
			fmt.Fprintf(&b, "%s absent\n", p)
		}
	}
	if path, err := exec.LookPath(prog); err == nil {
		stat(path)
	} else {
		b.WriteString(prog + " absent\n")
	}
	dirs := []string{"/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts", "/usr/local/share/hunspell"}
	if env := os.Getenv("DICPATH"); env != "" {
		dirs = append(filepath.SplitList(env), dirs...)
	}
	for _, d := range dicts {
		for _, dir := range dirs {
			for _, ext := range []string{".dic", ".aff"} {
				if _, err := os.Stat(filepath.Join(dir, d+ext)); err == nil {
					stat(filepath.Join(dir, d+ext))
				}
			}
		}
	}
	return b.String()
}
