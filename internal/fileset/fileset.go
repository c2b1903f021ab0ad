// Package fileset is the one place tilmash writes files. Commands gather
// every file they mean to write in a Set and commit it only once every step
// has succeeded; each file is written to a temporary file beside it and
// renamed into place, so a reader never sees half a file and a failed run
// leaves every file as it was.
//
// A commit into a project's own outputs (catalogues, dist/) is journaled
// (see Options and Recover) so that a run killed half-way is completed by
// the next command that writes, and can guard the files it replaces
// against a concurrent editor's save with a compare-and-swap (Expect).
package fileset

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
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

// Expect is what a file must still hold when a commit replaces it: what
// the command read and built upon.
type Expect struct {
	Absent bool     // the file did not exist
	Sum    [32]byte // otherwise its content's SHA-256
}

// ExpectContent is the expectation that a file still holds data.
func ExpectContent(data []byte) Expect { return Expect{Sum: sha256.Sum256(data)} }

// Options say how a commit protects what it writes.
type Options struct {
	// Journal makes the commit recoverable: root is a project's root and
	// the set is the project's own outputs. Before its renames the commit
	// records them in root/.tilmash-journal, so that a run killed half-way
	// is completed by Recover; the temporary files a killed run left in the
	// folders written are removed first. A commit into any other folder (a
	// file named with -o) is never journaled, and leaves that folder's
	// other files alone.
	Journal bool

	// Command names the command that writes ("extract", "build"…), for the
	// note a read-only command gives about a journal left pending.
	Command string

	// Expect guards files the commit replaces or removes: each named file must still
	// hold what the command read when its turn comes (a translator may
	// save a catalogue while extract runs, and an editor takes no lock).
	// The check and the replacement are one step (an atomic exchange,
	// where the system has one), so no save in between is lost: if any
	// guarded file changed, nothing is written and Commit returns a
	// *ConflictError.
	Expect map[string]Expect
}

// ConflictError says which guarded files changed while the command ran.
// Nothing was written.
type ConflictError struct {
	Paths []string // relative to the root, sorted
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s changed while tilmash ran (saved by an editor?): nothing written; run the command again", strings.Join(e.Paths, ", "))
}

// Commit writes the set under root, each file atomically, with no journal:
// for files outside a project's own outputs (an -o file, a new project).
// See CommitWith.
func (s Set) Commit(root string) (Result, error) { return s.CommitWith(root, Options{}) }

// CommitWith writes the set under root. A file whose content is already the
// same is not rewritten (its modification time stays), so builds are
// incremental. Every new content goes to a temporary file first; only when
// all are written are they renamed into place.
//
// Every path must be local to root (no "..", not absolute) and no folder on
// the way to it, nor the file itself, may be a symbolic link: a crafted name
// or a planted link must not make tilmash write or remove outside the
// project. A journaled commit refuses to start while a journal is pending
// (the caller, holding the project's lock, runs Recover first).
func (s Set) CommitWith(root string, o Options) (Result, error) {
	st, err := NewStage(root, o)
	if err != nil {
		return Result{}, err
	}
	if err := st.Add(s); err != nil {
		st.Abort()
		return Result{}, err
	}
	return st.Commit()
}

// A Stage is a commit made in steps, for a set too large to hold in
// memory (the editions of a whole archive): each Add writes its files'
// new contents to temporary files beside them at once, keeping only their
// names and hashes, and Commit puts everything in place as CommitWith
// does, journaled, or Abort leaves every file as it was. Add may be
// called from several goroutines at once.
type Stage struct {
	root string
	o    Options

	mu        sync.Mutex
	checked   map[string]bool         // folders known to be no links
	swept     map[string]bool         // folders swept of a killed run's temporary files (synced at the commit)
	sweptFile map[string]bool         // files swept of their temporary files, in a stage with no journal
	ops       map[string]*op          // path → its new content, in a temporary file
	unchanged map[string]bool         // paths that already hold their content
	gone      map[string]*journalGone // paths to remove, with what each held
	rank      map[string]int          // path → the rank of the writer that staged it (AddAs, KeepAs)
}

// NewStage starts a commit under root. A journaled one refuses to start
// while a journal is pending (the caller, holding the project's lock,
// runs Recover first).
func NewStage(root string, o Options) (*Stage, error) {
	if o.Journal {
		if _, err := os.Lstat(filepath.Join(root, JournalName)); err == nil {
			return nil, fmt.Errorf("%s: the write of an interrupted command is pending: run a command that writes (tilmash extract or build) to complete it first", filepath.Join(root, JournalName))
		}
	}
	return &Stage{root: root, o: o, checked: map[string]bool{}, swept: map[string]bool{}, sweptFile: map[string]bool{},
		ops: map[string]*op{}, unchanged: map[string]bool{}, gone: map[string]*journalGone{}, rank: map[string]int{}}, nil
}

// Guard adds to the files the stage guards (Options.Expect): call it
// before the Add of those files, as a command that reads its inputs a
// part at a time learns what it read.
func (st *Stage) Guard(expect map[string]Expect) {
	st.mu.Lock()
	defer st.mu.Unlock()
	all := make(map[string]Expect, len(st.o.Expect)+len(expect)) // a new map: an Add under way keeps its own
	maps.Copy(all, st.o.Expect)
	maps.Copy(all, expect)
	st.o.Expect = all
}

// Has reports whether a path was added, to be written or removed.
func (st *Stage) Has(rel string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.ops[rel] != nil || st.unchanged[rel] || st.gone[rel] != nil
}

// Add stages a set: each new content is written to a temporary file now;
// a nil content is a removal. A path added again takes its new content
// (or removal) instead. On an error nothing is in place: Abort.
func (st *Stage) Add(s Set) error { return st.add(s, -1) }

// AddAs is Add by a writer of a rank (0 first): the parts of an archive,
// built at once, add their files in whatever order they finish, and two
// may write one path (an old address two articles claim). A path a
// writer of a lower rank staged keeps that writer's content; one of a
// higher rank's, or of Add's, takes the new one. So the stage holds the
// same whatever the order.
func (st *Stage) AddAs(rank int, s Set) error { return st.add(s, rank) }

// add is Add (rank -1: no rank) and AddAs.
func (st *Stage) add(s Set, rank int) error {
	st.mu.Lock()
	root, o := st.root, st.o
	for _, rel := range s.Paths() {
		if err := contained(root, rel, st.checked); err != nil {
			st.mu.Unlock()
			return err
		}
	}
	// The temporary files a killed run left: in a project's folders every
	// one of them (a killed build's must never be published); elsewhere
	// only those of the files written here. Each folder (each file,
	// elsewhere) once, before this stage writes any of its own there:
	// under the lock, so that an add under way, or one that staged its
	// file, never loses its temporary file to another add's sweep.
	for _, rel := range s.Paths() {
		dst := filepath.Join(root, filepath.FromSlash(rel))
		dir := filepath.Dir(dst)
		if o.Journal && !st.swept[dir] {
			sweep(dir, "")
		} else if !o.Journal && !st.sweptFile[dst] {
			sweep(dir, filepath.Base(dst))
			st.sweptFile[dst] = true
		}
		st.swept[dir] = true
	}
	st.mu.Unlock()
	gone := map[string]*journalGone{}
	for _, r := range s.Paths() {
		if s[r] != nil {
			continue
		}
		sum, err := fileSum(filepath.Join(root, filepath.FromSlash(r)))
		if err != nil {
			return fmt.Errorf("remove %s: %w", r, err)
		}
		if e, ok := o.Expect[r]; ok && sum != "" && (e.Absent || sum != hexSum(e.Sum)) {
			// Saved since the command read it (a translator's work):
			// nothing is written, as for a file to replace.
			return &ConflictError{Paths: []string{r}}
		}
		gone[r] = nil
		if sum != "" {
			gone[r] = &journalGone{Path: r, Sum: sum}
		}
	}
	var written []*op
	unchanged := map[string]bool{}
	cleanup := func() {
		for _, p := range written {
			os.Remove(p.tmp)
		}
	}
	for _, rel := range s.Paths() {
		dst := filepath.Join(root, filepath.FromSlash(rel))
		data := s[rel]
		if data == nil {
			continue // removed at the commit, once everything else is in place
		}
		if same(dst, data) {
			unchanged[rel] = true
			continue
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			cleanup()
			return fmt.Errorf("create folder for %s: %w", rel, err)
		}
		f, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp-*")
		if err != nil {
			cleanup()
			return fmt.Errorf("write %s: %w (nothing was changed: make the folder writable, or free some space, and run the command again)", rel, err)
		}
		p := &op{tmp: f.Name(), dst: dst, rel: rel, sum: sha256.Sum256(data)}
		if e, ok := o.Expect[rel]; ok {
			p.expect = &e
		}
		written = append(written, p)
		_, werr := f.Write(data)
		serr := f.Sync()
		cerr := f.Close()
		if err := firstErr(werr, serr, cerr); err != nil {
			cleanup()
			return fmt.Errorf("write %s: %w (nothing was changed: free some space, or make the folder writable, and run the command again)", rel, err)
		}
		if err := os.Chmod(f.Name(), 0o644); err != nil {
			cleanup()
			return fmt.Errorf("write %s: %w", rel, err)
		}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	// take reports whether this add stages rel: it is not a lower
	// rank's, and what was staged there is forgotten.
	take := func(rel string) bool {
		if r, ok := st.rank[rel]; ok && rank >= 0 && r < rank {
			return false
		}
		st.forget(rel)
		if rank >= 0 {
			st.rank[rel] = rank
		}
		return true
	}
	for _, p := range written {
		if !take(p.rel) {
			os.Remove(p.tmp)
			continue
		}
		st.ops[p.rel] = p
	}
	for rel := range unchanged {
		if take(rel) {
			st.unchanged[rel] = true
		}
	}
	for rel, g := range gone {
		if !take(rel) {
			continue
		}
		if g == nil {
			g = &journalGone{Path: rel} // nothing there to remove
		}
		st.gone[rel] = g
	}
	return nil
}

// forget drops what was staged at rel, and its rank. The caller holds mu.
func (st *Stage) forget(rel string) {
	if p := st.ops[rel]; p != nil {
		os.Remove(p.tmp)
	}
	delete(st.ops, rel)
	delete(st.unchanged, rel)
	delete(st.gone, rel)
	delete(st.rank, rel)
}

// Keep stages files as they are: each already holds what the command
// would write (the caller has checked), so it is neither written nor
// removed, and Has reports it. A path added with a content stays so.
func (st *Stage) Keep(rels []string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, rel := range rels {
		if st.ops[rel] == nil && st.gone[rel] == nil {
			st.unchanged[rel] = true
		}
	}
}

// KeepAs is Keep by a writer of a rank, as AddAs: a path a writer of a
// higher rank staged is kept as it is instead; one of a lower rank's, or
// added without a rank, stays so.
func (st *Stage) KeepAs(rank int, rels []string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, rel := range rels {
		switch r, ranked := st.rank[rel]; {
		case ranked && r <= rank:
			continue
		case ranked:
			st.forget(rel)
		case st.ops[rel] != nil || st.gone[rel] != nil:
			continue
		}
		st.unchanged[rel] = true
		st.rank[rel] = rank
	}
}

// Abort removes the temporary files staged: every file stays as it was.
func (st *Stage) Abort() {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, p := range st.ops {
		os.Remove(p.tmp)
	}
	st.ops = map[string]*op{}
}

// Commit puts every staged file in place, as CommitWith does: journaled
// (a run killed half-way is completed by the next), guarded files
// compared with what the command read, the report last, then the
// removals. A Stage is committed once.
func (st *Stage) Commit() (Result, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	root, o := st.root, st.o
	var res Result
	for rel := range st.unchanged {
		res.Unchanged = append(res.Unchanged, rel)
	}
	sort.Strings(res.Unchanged)
	var remove []string
	var gone []journalGone // with what each held, for the journal
	for rel, g := range st.gone {
		if g.Sum != "" {
			remove = append(remove, rel)
		}
	}
	sort.Strings(remove)
	for _, r := range remove {
		gone = append(gone, *st.gone[r])
	}
	// The guarded removals are moved aside, and checked there, with the
	// guarded replacements (below): a save made between the check above
	// and the removal is never deleted.
	var guarded []string
	for _, r := range remove {
		if e, ok := o.Expect[r]; ok && !e.Absent {
			guarded = append(guarded, r)
		}
	}
	var todo []op
	for _, p := range st.ops {
		todo = append(todo, *p)
	}
	sort.Slice(todo, func(i, j int) bool { return todo[i].rel < todo[j].rel })
	st.ops = map[string]*op{}
	cleanup := func() {
		for _, p := range todo {
			os.Remove(p.tmp)
		}
	}
	swept := st.swept
	// The guarded files first, then the others; the manifest (a
	// report.json) last: until it is in place, the old one names only
	// files that are still there.
	sort.SliceStable(todo, func(i, j int) bool { return todo[i].rank() < todo[j].rank() })
	if len(todo)+len(remove) == 0 {
		return res, nil // everything already as it should be
	}
	// The journal: what is left to do, so that a run killed from here on is
	// completed by the next (Recover), and the set is never left half old,
	// half new. One plain rename needs none: it is atomic by itself.
	journaled := o.Journal && (len(todo)+len(remove) > 1 || len(todo) == 1 && todo[0].expect != nil || len(guarded) > 0)
	if journaled {
		j := journal{Version: journalVersion, Command: o.Command, Remove: gone}
		for _, p := range todo {
			e := journalEntry{Tmp: rel(root, p.tmp), Dst: p.rel, New: hexSum(p.sum)}
			if p.expect != nil {
				e.Old = absent
				if !p.expect.Absent {
					e.Old = hexSum(p.expect.Sum)
				}
			}
			j.Rename = append(j.Rename, e)
		}
		if err := j.write(root); err != nil {
			cleanup()
			return Result{}, err
		}
	}
	// The guarded files: each is swapped with its new content and the file
	// it displaced compared with what the command read. A change anywhere
	// undoes every swap: the editor's file stays, ours goes.
	var swapped []*op
	var conflicts []string
	for i := range todo {
		p := &todo[i]
		if p.expect == nil {
			break
		}
		ok, err := p.swap(i == failpoint)
		if err != nil {
			undo(swapped)
			cleanup()
			dropJournal(root, journaled)
			return Result{}, fmt.Errorf("replace %s: %w (nothing was changed)", p.rel, err)
		}
		if !ok {
			conflicts = append(conflicts, p.rel)
			break
		}
		swapped = append(swapped, p)
	}
	var asides []movedAside
	if len(conflicts) == 0 {
		var conflict string
		asides, conflict = moveAside(root, guarded, o.Expect)
		if conflict != "" {
			conflicts = append(conflicts, conflict)
		}
	}
	if len(conflicts) > 0 {
		undo(swapped)
		cleanup()
		dropJournal(root, journaled)
		return Result{}, &ConflictError{Paths: conflicts}
	}
	for _, p := range swapped {
		if p.swapped && !p.expect.Absent {
			os.Remove(p.tmp) // the file displaced: what the command read
		}
		res.Written = append(res.Written, p.rel)
	}
	for i, p := range todo[len(swapped):] {
		if i+len(swapped) == failpoint {
			syscall.Kill(os.Getpid(), syscall.SIGKILL) // a test's kill, at the worst moment
		}
		if err := os.Rename(p.tmp, p.dst); err != nil {
			return res, fmt.Errorf("replace %s: %w (the next tilmash command that writes completes the set)", p.rel, err)
		}
		res.Written = append(res.Written, p.rel)
	}
	for dir := range swept {
		syncDir(dir) // the renames survive a power cut
	}
	for _, a := range asides {
		os.Remove(a.aside) // what the command read, checked: gone
		res.Removed = append(res.Removed, a.rel)
	}
	for _, r := range remove {
		if slices.Contains(guarded, r) {
			continue
		}
		err := os.Remove(filepath.Join(root, filepath.FromSlash(r)))
		switch {
		case err == nil:
			res.Removed = append(res.Removed, r)
		case !os.IsNotExist(err):
			return res, fmt.Errorf("remove %s: %w (the next tilmash command that writes completes the set)", r, err)
		}
	}
	if journaled {
		if err := os.Remove(filepath.Join(root, JournalName)); err != nil {
			return res, fmt.Errorf("remove the journal: %w", err)
		}
	}
	return res, nil
}

// same reports whether the regular file at p holds exactly data; a file
// of another size is not read at all.
func same(p string, data []byte) bool {
	fi, err := os.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(p)
	return err == nil && bytes.Equal(old, data)
}

// errUnsupported: the system (or the file system) has no atomic exchange.
var errUnsupported = errors.New("not supported")

// op is one file a commit puts in place.
type op struct {
	tmp, dst, rel string
	sum           [32]byte // the new content's SHA-256
	expect        *Expect  // what dst must hold, if guarded
	swapped       bool     // exchanged (or created) by swap, not yet sure
}

// rank orders a commit's renames: guarded files, then the others, then
// the manifest.
func (p op) rank() int {
	switch {
	case p.expect != nil:
		return 0
	case isManifest(p.rel):
		return 2
	}
	return 1
}

// swap puts a guarded file's new content in place if, and only if, the
// file still holds what was expected; it reports false, with nothing
// changed, if not. Where the system can exchange two names atomically,
// the check is made on the file displaced, after the exchange: no save
// can fall between the check and the replacement. After a successful
// exchange, p.tmp holds the displaced file, until the commit is sure.
func (p *op) swap(kill bool) (bool, error) {
	if p.expect.Absent {
		err := renameNoReplace(p.tmp, p.dst)
		switch {
		case err == nil:
			p.swapped = true
			return true, nil
		case errors.Is(err, fs.ErrExist):
			return false, nil // created meanwhile
		case !errors.Is(err, errUnsupported):
			return false, err
		}
		if _, err := os.Lstat(p.dst); err == nil {
			return false, nil
		}
		// No atomic way on this system: check, then rename.
		return true, os.Rename(p.tmp, p.dst)
	}
	err := exchange(p.tmp, p.dst)
	switch {
	case err == nil:
		p.swapped = true
		if kill {
			syscall.Kill(os.Getpid(), syscall.SIGKILL) // a test's kill, between the exchange and its check
		}
		old, err := os.ReadFile(p.tmp)
		if err != nil || sha256.Sum256(old) != p.expect.Sum {
			if err := p.restore(); err != nil {
				return false, err
			}
			return false, nil
		}
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil // removed meanwhile
	case !errors.Is(err, errUnsupported):
		return false, err
	}
	// No atomic way on this system: check, then rename.
	old, err := os.ReadFile(p.dst)
	if err != nil || sha256.Sum256(old) != p.expect.Sum {
		return false, nil
	}
	return true, os.Rename(p.tmp, p.dst)
}

// restore undoes a swap: the file displaced goes back to its name, and the
// new content to its temporary file (removed by the commit's cleanup). If
// the file was saved again since the swap (the new content is no longer
// there), that save is what stays.
func (p *op) restore() error {
	if !p.swapped {
		return nil
	}
	p.swapped = false
	if p.expect.Absent {
		if data, err := os.ReadFile(p.dst); err == nil && sha256.Sum256(data) == p.sum {
			return os.Rename(p.dst, p.tmp)
		}
		return nil // someone else's file now: theirs to keep
	}
	if err := exchange(p.tmp, p.dst); err != nil {
		return fmt.Errorf("put the edited %s back: %w (it is at %s)", p.rel, err, p.tmp)
	}
	if data, err := os.ReadFile(p.tmp); err != nil || sha256.Sum256(data) != p.sum {
		// Saved again in between: that save is the newest; it goes back.
		if err := exchange(p.tmp, p.dst); err != nil {
			return fmt.Errorf("put the edited %s back: %w (it is at %s)", p.rel, err, p.tmp)
		}
	}
	return nil
}

// undo reverses the swaps done, newest first.
func undo(done []*op) {
	for i := len(done) - 1; i >= 0; i-- {
		done[i].restore()
	}
}

// dropJournal removes the journal of a commit that changed nothing.
func dropJournal(root string, journaled bool) {
	if journaled {
		os.Remove(filepath.Join(root, JournalName))
	}
}

// failpoint, for tests only, is the rename before which Commit kills its
// own process (TILMASH_TEST_KILL_AT_RENAME=N; for a guarded file, just
// after its exchange): where a random kill would seldom land. -1: never.
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
// .<file>.tmp-<random>), so that none is ever published: every one, or
// only those of the file named base.
func sweep(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if IsTemp(e.Name()) && e.Type().IsRegular() && (base == "" || strings.HasPrefix(e.Name(), "."+base+".tmp-")) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// IsTemp reports whether a file name is one of Commit's temporary files.
func IsTemp(name string) bool {
	i := strings.LastIndex(name, ".tmp-")
	return strings.HasPrefix(name, ".") && i > 0 && i+5 < len(name) && !strings.ContainsAny(name[i+5:], ".")
}

// tempOf reports whether name is one of Commit's temporary files for the
// file named base.
func tempOf(name, base string) bool {
	return IsTemp(name) && strings.HasPrefix(name, "."+base+".tmp-") && !strings.Contains(name[len(base)+6:], "/")
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// removingMark is in the name of a file moved aside to be removed:
// .<name>.removing-<base-36 time>.
const removingMark = ".removing-"

// movedAside is a guarded file moved out of the way before its removal.
type movedAside struct{ rel, dst, aside string }

// moveAside moves each file to remove out of its place, to a temporary
// name beside it (one rename: a save made after it is a new file, left
// alone), and checks that what it moved is what the command read. On the
// first that is not, every file moved goes back, and its path is the
// conflict.
func moveAside(root string, rels []string, expect map[string]Expect) (moved []movedAside, conflict string) {
	putBack := func() {
		for _, a := range moved {
			if err := renameNoReplace(a.aside, a.dst); err != nil {
				// Saved again meanwhile, or no such rename here: kept
				// beside it, as a journal keeps a save.
				if _, err := os.Lstat(a.dst); err != nil {
					os.Rename(a.aside, a.dst)
				} else if name, err := asideName(root, a.rel); err == nil {
					os.Rename(a.aside, name)
				}
			}
		}
	}
	for _, r := range rels {
		dst := filepath.Join(root, filepath.FromSlash(r))
		// Not a temporary file's name: a sweep must never take it (it may
		// be a save). The journal names the file it was: a run killed
		// from here on leaves it to Recover, which removes it if it holds
		// what the command read and puts anything else back.
		aside := filepath.Join(filepath.Dir(dst), "."+filepath.Base(dst)+removingMark+strconv.FormatInt(time.Now().UnixNano(), 36))
		if err := os.Rename(dst, aside); err != nil {
			if os.IsNotExist(err) {
				continue // gone already
			}
			putBack()
			return nil, r
		}
		moved = append(moved, movedAside{rel: r, dst: dst, aside: aside})
		if sum, err := fileSum(aside); err != nil || sum != hexSum(expect[r].Sum) {
			putBack()
			return nil, r
		}
	}
	return moved, ""
}
