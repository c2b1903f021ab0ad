// Package fileset is the one place tilmash writes files. Commands gather
// every file they mean to write in a Set and commit it only once every step
// has succeeded; each file is written to a temporary file beside it and
// renamed into place, so a reader never sees half a file and a failed run
// leaves every file as it was.
package fileset

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Set is a set of files to write: path (relative to the root) → content.
// A nil content means the file is to be removed, if it exists.
type Set map[string][]byte

// Paths returns the set's paths, sorted.
func (s Set) Paths() []string {
	paths := make([]string, 0, len(s))
	for p := range s {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// Result says what Commit did.
type Result struct {
	Written   []string // files created or changed
	Unchanged []string // files that already held the content, left untouched
	Removed   []string // files removed
}

// Commit writes the set under root. A file whose content is already the
// same is not rewritten (its modification time stays), so builds are
// incremental. Every new content goes to a temporary file first; only when
// all are written are they renamed into place.
func (s Set) Commit(root string) (Result, error) {
	var res Result
	type pending struct{ tmp, dst, rel string }
	var todo []pending
	cleanup := func() {
		for _, p := range todo {
			os.Remove(p.tmp)
		}
	}
	for _, rel := range s.Paths() {
		dst := filepath.Join(root, filepath.FromSlash(rel))
		data := s[rel]
		if data == nil {
			continue // removed below, once everything else is in place
		}
		if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, data) {
			res.Unchanged = append(res.Unchanged, rel)
			continue
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			cleanup()
			return Result{}, fmt.Errorf("create folder for %s: %w", rel, err)
		}
		f, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp-*")
		if err != nil {
			cleanup()
			return Result{}, fmt.Errorf("write %s: %w", rel, err)
		}
		todo = append(todo, pending{f.Name(), dst, rel})
		_, werr := f.Write(data)
		serr := f.Sync()
		cerr := f.Close()
		if err := firstErr(werr, serr, cerr); err != nil {
			cleanup()
			return Result{}, fmt.Errorf("write %s: %w", rel, err)
		}
		if err := os.Chmod(f.Name(), 0o644); err != nil {
			cleanup()
			return Result{}, fmt.Errorf("write %s: %w", rel, err)
		}
	}
	for i, p := range todo {
		if err := os.Rename(p.tmp, p.dst); err != nil {
			for _, q := range todo[i:] {
				os.Remove(q.tmp)
			}
			return res, fmt.Errorf("replace %s: %w", p.rel, err)
		}
		res.Written = append(res.Written, p.rel)
	}
	for _, rel := range s.Paths() {
		if s[rel] != nil {
			continue
		}
		err := os.Remove(filepath.Join(root, filepath.FromSlash(rel)))
		switch {
		case err == nil:
			res.Removed = append(res.Removed, rel)
		case !os.IsNotExist(err):
			return res, fmt.Errorf("remove %s: %w", rel, err)
		}
	}
	return res, nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
