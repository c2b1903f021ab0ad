// Package fileset is the one place tilmash writes files. Commands gather
// every file they mean to write in a Set and commit it only once every step
// has succeeded; each file is written to a temporary file beside it and
// renamed into place, so a reader never sees half a file and a failed run
// leaves every file as it was.
package fileset

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
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
//
// Every path must be local to root (no "..", not absolute) and no folder on
// the way to it, nor the file itself, may be a symbolic link: a crafted name
// or a planted link must not make tilmash write or remove outside the
// project. The temporary files a killed run left beside the files it
// writes are removed first (the caller holds the project's lock).
func (s Set) Commit(root string) (Result, error) {
	var res Result
	type pending struct{ tmp, dst, rel string }
	var todo []pending
	cleanup := func() {
		for _, p := range todo {
			os.Remove(p.tmp)
		}
	}
	checked := map[string]bool{}
	for _, rel := range s.Paths() {
		if err := contained(root, rel, checked); err != nil {
			return Result{}, err
		}
	}
	swept := map[string]bool{}
	for _, rel := range s.Paths() {
		if dir := filepath.Dir(filepath.Join(root, filepath.FromSlash(rel))); !swept[dir] {
			swept[dir] = true
			sweep(dir)
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
	for dir := range swept {
		syncDir(dir) // the renames survive a power cut
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

// syncDir flushes a folder's entries to disk (best effort: not every
// system can).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// contained refuses a path that leaves root or goes through a symbolic
// link (checked remembers the folders already seen).
func contained(root, rel string, checked map[string]bool) error {
	if !filepath.IsLocal(filepath.FromSlash(rel)) || strings.ContainsRune(rel, 0) {
		return fmt.Errorf("refusing to write %q: not a path inside the project", rel)
	}
	parts := strings.Split(filepath.ToSlash(filepath.Clean(filepath.FromSlash(rel))), "/")
	p := root
	for i, part := range parts {
		p = filepath.Join(p, part)
		if checked[p] {
			continue
		}
		fi, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil // made below, as a folder or a file of our own
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", rel, err)
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("refusing to write %s: %s is a symbolic link (tilmash writes through none; replace it with a folder or file of its own)", rel, filepath.Join(parts[:i+1]...))
		}
		if i < len(parts)-1 {
			if !fi.IsDir() {
				return fmt.Errorf("write %s: %s is not a folder", rel, filepath.Join(parts[:i+1]...))
			}
			checked[p] = true
		} else if fi.IsDir() {
			return fmt.Errorf("write %s: it is a folder, not a file", rel)
		}
	}
	return nil
}

// sweep removes the temporary files a killed Commit left in dir (named
// .<file>.tmp-<random>), so that none is ever published.
func sweep(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if IsTemp(e.Name()) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// IsTemp reports whether a file name is one of Commit's temporary files.
func IsTemp(name string) bool {
	i := strings.LastIndex(name, ".tmp-")
	return strings.HasPrefix(name, ".") && i > 0 && i+5 < len(name) && !strings.ContainsAny(name[i+5:], ".")
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
