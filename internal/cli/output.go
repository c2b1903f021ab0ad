package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// guardOutput refuses an -o path that would write over one of the
// project's inputs (a catalogue, an article, the settings file, a glossary
// file) or put a file where tilmash would read it as one (locales/uz.toml,
// content/x.md). Paths are compared resolved: "./locales/../locales/ru.toml",
// a symbolic link to the catalogue and a hard link to it are the catalogue.
// It returns an exit-2 error naming the flag, the path and what it is;
// nothing has been written when it does.
func (g *Global) guardOutput(flag, out string) error {
	what := g.inputAt(out)
	if what == "" {
		return nil
	}
	return &exitError{ExitError, fmt.Errorf("%s %s: that is %s, an input of the project: nothing written; name another file", flag, out, what)}
}

// inputAt says which of the project's inputs out is, or would become if
// written ("the catalogue locales/ru.toml"); "" when none.
func (g *Global) inputAt(out string) string {
	abs, err := filepath.Abs(out)
	if err != nil {
		return ""
	}
	root, err := filepath.Abs(g.Dir)
	if err != nil {
		return ""
	}
	root = resolved(root)
	lay := g.layout()
	in := func(p string) string { // a layout path, from the root
		if filepath.IsAbs(p) {
			return resolved(filepath.Clean(p))
		}
		return resolved(filepath.Join(root, filepath.FromSlash(p)))
	}
	content, locales, glossary, config := in(lay.Content), in(lay.Locales), in(lay.Glossary), in(lay.Config)
	name := func(p string) string { // as the project names it
		if rel, err := filepath.Rel(root, p); err == nil && filepath.IsLocal(rel) {
			return filepath.ToSlash(rel)
		}
		return p
	}
	// By place: where the path leads, once every link on the way is followed.
	p := resolved(abs)
	switch {
	case lay.Config != "" && p == config:
		return "the settings file " + name(p)
	case within(locales, p) && strings.HasSuffix(p, ".toml"):
		return "the catalogue " + name(p) // either layout's, or a file that would read as one
	case lay.Glossary != "" && filepath.Dir(p) == glossary && strings.HasSuffix(p, ".toml"):
		return "the glossary file " + name(p)
	case lay.Glossary != "" && filepath.Dir(p) == glossary && strings.HasPrefix(filepath.Base(p), "words.") && strings.HasSuffix(p, ".txt"):
		return "the word list " + name(p)
	case within(content, p) && strings.HasSuffix(p, ".md"):
		return "the article " + name(p)
	}
	// By identity: another name (a hard link, a case-insensitive file
	// system's other spelling) for an input file.
	fi, err := os.Stat(abs)
	if err != nil || !fi.Mode().IsRegular() {
		return ""
	}
	var found string
	same := func(p, what string) bool {
		if other, err := os.Stat(p); err == nil && os.SameFile(fi, other) {
			found = what + " " + name(p)
			return true
		}
		return false
	}
	if lay.Config != "" && same(config, "the settings file") {
		return found
	}
	entries, _ := os.ReadDir(glossary)
	for _, e := range entries {
		if e.Type().IsRegular() && same(filepath.Join(glossary, e.Name()), "the glossary file") {
			return found
		}
	}
	for _, dir := range []struct{ dir, ext, what string }{{locales, ".toml", "the catalogue"}, {content, ".md", "the article"}} {
		filepath.WalkDir(dir.dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || found != "" {
				return filepath.SkipAll
			}
			if d.Type().IsRegular() && strings.HasSuffix(p, dir.ext) && same(p, dir.what) {
				return filepath.SkipAll
			}
			return nil
		})
		if found != "" {
			return found
		}
	}
	return found
}

// resolved is p with every symbolic link on the way followed; the part of
// p that does not exist yet is kept as it is.
func resolved(p string) string {
	rest := ""
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return filepath.Join(p, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest)
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// within reports whether p is dir or lies under it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && filepath.IsLocal(rel)
}
