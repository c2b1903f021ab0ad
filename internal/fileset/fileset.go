// Package fileset is the one place tilmash writes files. Commands gather
// every file they mean to write in a Set and commit it only once every step
// has succeeded; each file is written to a temporary file beside it and
// renamed into place, so a reader never sees half a file and a failed run
// leaves every file as it was.
package fileset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
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
	if _, err := Recover(root); err != nil {
		return Result{}, err
	}
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
			return Result{}, fmt.Errorf("write %s: %w (nothing was changed: make the folder writable, or free some space, and run the command again)", rel, err)
		}
		todo = append(todo, pending{f.Name(), dst, rel})
		_, werr := f.Write(data)
		serr := f.Sync()
		cerr := f.Close()
		if err := firstErr(werr, serr, cerr); err != nil {
			cleanup()
			return Result{}, fmt.Errorf("write %s: %w (nothing was changed: free some space, or make the folder writable, and run the command again)", rel, err)
		}
		if err := os.Chmod(f.Name(), 0o644); err != nil {
			cleanup()
			return Result{}, fmt.Errorf("write %s: %w", rel, err)
		}
	}
	// The manifest (a report.json) goes last: until it is in place, the old
	// one names only files that are still there.
	sort.SliceStable(todo, func(i, j int) bool { return !isManifest(todo[i].rel) && isManifest(todo[j].rel) })
	// The journal: what is left to do, so that a run killed from here on is
	// completed by the next (Recover), and the set is never left half old,
	// half new.
	var j journal
	for _, p := range todo {
		j.Rename = append(j.Rename, [2]string{rel(root, p.tmp), p.rel})
	}
	for _, r := range s.Paths() {
		if s[r] == nil {
			j.Remove = append(j.Remove, r)
		}
	}
	if len(j.Rename)+len(j.Remove) == 0 {
		return res, nil // everything already as it should be
	}
	if err := j.write(root); err != nil {
		cleanup()
		return Result{}, err
	}
	for i, p := range todo {
		if i == failpoint {
			syscall.Kill(os.Getpid(), syscall.SIGKILL) // a test's kill, at the worst moment
		}
		if err := os.Rename(p.tmp, p.dst); err != nil {
			return res, fmt.Errorf("replace %s: %w (the next tilmash command completes the set)", p.rel, err)
		}
		res.Written = append(res.Written, p.rel)
	}
	for dir := range swept {
		syncDir(dir) // the renames survive a power cut
	}
	for _, r := range j.Remove {
		err := os.Remove(filepath.Join(root, filepath.FromSlash(r)))
		switch {
		case err == nil:
			res.Removed = append(res.Removed, r)
		case !os.IsNotExist(err):
			return res, fmt.Errorf("remove %s: %w (the next tilmash command completes the set)", r, err)
		}
	}
	if err := os.Remove(filepath.Join(root, JournalName)); err != nil {
		return res, fmt.Errorf("remove the journal: %w", err)
	}
	return res, nil
}

// failpoint, for tests only, is the rename before which Commit kills its
// own process (TILMASH_TEST_KILL_AT_RENAME=N): where a random kill would
// seldom land. -1: never.
var failpoint = func() int {
	n, err := strconv.Atoi(os.Getenv("TILMASH_TEST_KILL_AT_RENAME"))
	if err != nil {
		return -1
	}
	return n
}()

// isManifest reports whether rel is a report that lists other files.
func isManifest(rel string) bool { return path.Base(rel) == "report.json" }

func rel(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

// JournalName is the file, in the root, that lists what a Commit still has
// to do once its new files are all written.
const JournalName = ".tilmash-journal"

// journal is what is left of a Commit: temporary files to rename into
// place, in order, then files to remove.
type journal struct {
	Rename [][2]string `json:"rename"` // temporary file → destination, relative to the root
	Remove []string    `json:"remove"`
}

// write puts the journal in place atomically, synced.
func (j *journal) write(root string) error {
	data, _ := json.Marshal(j)
	f, err := os.CreateTemp(root, "."+JournalName+".tmp-*")
	if err != nil {
		return fmt.Errorf("write the journal: %w", err)
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := firstErr(werr, serr, cerr); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write the journal: %w", err)
	}
	if err := os.Rename(f.Name(), filepath.Join(root, JournalName)); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write the journal: %w", err)
	}
	syncDir(root)
	return nil
}

// Recover completes the Commit a killed run left under root, if any: the
// new files were all written before its journal, so it renames those not
// yet in place and removes what the set removed. It reports whether there
// was anything to complete. Call it holding the project's lock.
func Recover(root string) (bool, error) {
	// A journal whose own write was killed: its Commit had renamed nothing.
	if leftovers, _ := filepath.Glob(filepath.Join(root, "."+JournalName+".tmp-*")); len(leftovers) > 0 {
		for _, l := range leftovers {
			os.Remove(l)
		}
	}
	p := filepath.Join(root, JournalName)
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read %s: %w", p, err)
	}
	var j journal
	if err := json.Unmarshal(data, &j); err != nil {
		return false, fmt.Errorf("%s: %w (delete it; the last write may be incomplete)", p, err)
	}
	checked := map[string]bool{}
	for _, r := range j.Rename {
		for _, x := range r {
			if err := contained(root, x, checked); err != nil {
				return false, fmt.Errorf("%s: %w", p, err)
			}
		}
		tmp, dst := filepath.Join(root, filepath.FromSlash(r[0])), filepath.Join(root, filepath.FromSlash(r[1]))
		if !IsTemp(filepath.Base(tmp)) {
			return false, fmt.Errorf("%s: %s is not a temporary file of tilmash's", p, r[0])
		}
		if err := os.Rename(tmp, dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return false, fmt.Errorf("complete the last write: %w", err)
		}
	}
	for _, r := range j.Remove {
		if err := contained(root, r, checked); err != nil {
			return false, fmt.Errorf("%s: %w", p, err)
		}
		if err := os.Remove(filepath.Join(root, filepath.FromSlash(r))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return false, fmt.Errorf("complete the last write: %w", err)
		}
	}
	return true, os.Remove(p)
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
