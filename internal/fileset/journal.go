package fileset

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"

	"github.com/tilmash/tilmash/internal/escape"
)

// JournalName is the file, in the root, that lists what a Commit still has
// to do once its new files are all written.
const JournalName = ".tilmash-journal"

// journalVersion is the journal's format: a journal of another version
// (an older tilmash's, or a newer one's) is refused, not guessed at.
const journalVersion = 3

// maxJournal bounds the journal tilmash reads: far above the journal of a
// build of every edition of 100,000 articles.
const maxJournal = 64 << 20

// absent is a guarded entry's Old when the file did not exist.
const absent = "absent"

// journal is what is left of a Commit: temporary files to rename into
// place, in order, then files to remove. Each temporary file is named with
// the SHA-256 of the content tilmash wrote into it, and each file to
// remove with the SHA-256 of what it held, so that a journal tilmash did
// not write cannot pass for one, nor make tilmash remove a file someone
// has changed.
type journal struct {
	Version int            `json:"version"`
	Command string         `json:"command,omitempty"` // the command that wrote it: extract, build…
	Rename  []journalEntry `json:"rename,omitempty"`
	Remove  []journalGone  `json:"remove,omitempty"`
}

// journalGone is one file a journal removes.
type journalGone struct {
	Path string `json:"path"` // relative to the root
	Sum  string `json:"sum"`  // what it held when the command decided to remove it: SHA-256, hex
}

// journalEntry is one rename of a journal.
type journalEntry struct {
	Tmp string `json:"tmp"` // the temporary file, relative to the root, beside Dst
	Dst string `json:"dst"` // the file it becomes
	New string `json:"new"` // the temporary file's SHA-256, hex
	// Old, for a guarded file, is what the command read there: its
	// SHA-256, or "absent"; empty for a file that is not guarded.
	Old string `json:"old,omitempty"`
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

// Recovery says what Recover completed.
type Recovery struct {
	Command string   // the interrupted command, as its journal names it
	Files   int      // files put in place or removed
	Kept    []string // files changed after the command read them: left as they are
	// Aside are the files an editor saved while the command ran that the
	// command had already replaced: each is kept beside its file
	// (ru.toml.saved-…), to compare and merge by hand.
	Aside []string
	// Moved are the catalogues the journal removed, kept beside their
	// place (rel.saved-N) instead (Outputs.KeepAside).
	Moved []string
}

// asideName is a free name beside rel for a file kept aside: rel.saved-N,
// which no reader takes for a catalogue.
func asideName(root, rel string) (string, error) {
	for n := 1; n < 1000; n++ {
		p := filepath.Join(root, filepath.FromSlash(rel)) + fmt.Sprintf(".saved-%d", n)
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: no free name to keep a save beside it: remove the old %s.saved-* files", rel, rel)
}

// Outputs says which files of a project its commands write and which
// they remove: the only files a journal may name.
type Outputs struct {
	// Writes reports whether a path, relative to the root, is a file the
	// project's commands write (its catalogues, its editions).
	Writes func(rel string) bool
	// Removes reports whether a path is one they may remove (an edition
	// refused now, a catalogue extract migrated or emptied).
	Removes func(rel string) bool
	// KeepAside reports whether a file the journal removes is kept
	// beside its place instead (rel.saved-N, listed in Recovery.Aside):
	// a catalogue is a translator's work, and a journal may have been
	// planted in the repository.
	KeepAside func(rel string) bool
	// Superseded reports whether a file KeepAside would keep is held in
	// full by the files the journal put in place (an old layout's
	// catalogue, every entry of which is in its article's file): it is
	// removed, as the interrupted command would have, for nothing of it
	// is lost. Asked after every rename is done; nil: none is.
	Superseded func(rel string) bool
}

// Recover completes the Commit a killed run left under root, if any (nil:
// there was none). The journal is honoured only if every file it names is
// one of the project's outputs and every temporary file holds exactly what
// the journal says tilmash wrote into it; anything else (a journal
// committed to a repository, one edited by hand, another version's) is
// refused with its path, and nothing is touched. Call it holding the
// project's lock, in a command that writes: a read-only command calls
// Pending instead.
func Recover(root string, outputs Outputs) (*Recovery, error) {
	// A journal whose own write was killed: its Commit had renamed nothing.
	if leftovers, _ := filepath.Glob(filepath.Join(root, "."+JournalName+".tmp-*")); len(leftovers) > 0 {
		for _, l := range leftovers {
			if fi, err := os.Lstat(l); err == nil && fi.Mode().IsRegular() {
				os.Remove(l)
			}
		}
	}
	p := filepath.Join(root, JournalName)
	j, err := readJournal(p)
	if j == nil || err != nil {
		return nil, err
	}
	refuse := func(format string, args ...any) error {
		return fmt.Errorf("%s: %s: this is not a journal tilmash left (a file committed to the repository, or edited?); nothing was changed: look at it, then delete it (rm %s) and run the command again", p, fmt.Sprintf(format, args...), p)
	}
	// Every entry is checked, and every step planned, before any is taken.
	type step struct {
		entry  journalEntry
		rename bool   // tmp → dst; otherwise tmp is removed (if it exists)
		aside  string // tmp → this name beside dst, instead
		kept   bool   // an editor's version of dst stays
	}
	var steps []step
	rec0 := &Recovery{}
	checked := map[string]bool{}
	seen := map[string]bool{}
	valid := func(rel string, ok func(string) bool, verb string) error {
		switch {
		case !filepath.IsLocal(filepath.FromSlash(rel)) || strings.ContainsRune(rel, 0) || path.Clean(rel) != rel:
			return refuse("it names %q, not a path inside the project", rel)
		case ok == nil || !ok(rel):
			return refuse("it names %s, which no tilmash command %s", escape.Line(rel), verb)
		case seen[rel]:
			return refuse("it names %s twice", escape.Line(rel))
		}
		seen[rel] = true
		if err := contained(root, rel, checked); err != nil {
			return refuse("%v", err)
		}
		return nil
	}
	for _, e := range j.Rename {
		if err := valid(e.Dst, outputs.Writes, "writes"); err != nil {
			return nil, err
		}
		if path.Dir(e.Tmp) != path.Dir(e.Dst) || !tempOf(path.Base(e.Tmp), path.Base(e.Dst)) {
			return nil, refuse("%s is not a temporary file of tilmash's for %s", escape.Line(e.Tmp), escape.Line(e.Dst))
		}
		if !isSum(e.New) || e.Old != "" && e.Old != absent && !isSum(e.Old) {
			return nil, refuse("the entry for %s has no content fingerprint", escape.Line(e.Dst))
		}
		tmp, dst := filepath.Join(root, filepath.FromSlash(e.Tmp)), filepath.Join(root, filepath.FromSlash(e.Dst))
		tmpSum, err := fileSum(tmp)
		if err != nil {
			return nil, refuse("%v", err)
		}
		dstSum, err := fileSum(dst)
		if err != nil {
			return nil, refuse("%v", err)
		}
		switch {
		case tmpSum == "":
			continue // put in place before the kill
		case tmpSum == e.New && e.Old == "":
			steps = append(steps, step{entry: e, rename: true})
		case tmpSum == e.New:
			// Not yet swapped: only if the file still holds what the command read.
			if dstSum == e.Old || e.Old == absent && dstSum == "" {
				steps = append(steps, step{entry: e, rename: true})
			} else {
				steps = append(steps, step{entry: e, kept: true})
			}
		case e.Old != "" && dstSum == e.New && tmpSum == e.Old:
			steps = append(steps, step{entry: e}) // swapped, and what it displaced was what the command read
		case e.Old != "" && dstSum == e.New:
			// Swapped, and what it displaced was not what the command read:
			// an editor's save, which nothing can verify. It is kept beside
			// the file, never put in its place (a journal's word alone must
			// not replace a catalogue).
			aside, err := asideName(root, e.Dst)
			if err != nil {
				return nil, err
			}
			steps = append(steps, step{entry: e, aside: aside, kept: true})
		default:
			return nil, refuse("%s does not hold what tilmash wrote into it", escape.Line(e.Tmp))
		}
	}
	var remove []string
	// A file moved aside to be removed: what the command read (read) goes;
	// anything else goes back to rel, or beside it if rel is taken.
	type asideStep struct {
		from, rel string
		read      bool
	}
	var asides []asideStep
	for _, r := range j.Remove {
		if err := valid(r.Path, outputs.Removes, "removes"); err != nil {
			return nil, err
		}
		if outputs.KeepAside != nil && outputs.KeepAside(r.Path) && j.Command != "extract" {
			return nil, refuse("it names %s, which only tilmash extract removes (a catalogue it migrated or emptied), and it says it is %q's", escape.Line(r.Path), commandName(j.Command))
		}
		if !isSum(r.Sum) {
			return nil, refuse("the entry for %s has no content fingerprint", escape.Line(r.Path))
		}
		sum, err := fileSum(filepath.Join(root, filepath.FromSlash(r.Path)))
		switch {
		case err != nil:
			return nil, refuse("%v", err)
		case sum == r.Sum:
			remove = append(remove, r.Path)
		case sum != "":
			rec0.Kept = append(rec0.Kept, r.Path) // changed since: not removed
		}
		// The file moved aside by a Commit killed before it removed it
		// (moveAside): what the command read goes; anything else (a save
		// made before the move) goes back to its place, or beside it.
		for _, a := range movedAsideOf(root, r.Path) {
			if aSum, err := fileSum(a); err == nil && aSum != "" {
				asides = append(asides, asideStep{from: a, rel: r.Path, read: aSum == r.Sum})
			}
		}
	}
	rec := rec0
	rec.Command = commandName(j.Command)
	for _, s := range steps {
		tmp, dst := filepath.Join(root, filepath.FromSlash(s.entry.Tmp)), filepath.Join(root, filepath.FromSlash(s.entry.Dst))
		var err error
		switch {
		case s.rename:
			err = os.Rename(tmp, dst)
			rec.Files++
		case s.aside != "":
			err = renameNoReplace(tmp, s.aside)
			if errors.Is(err, errUnsupported) {
				err = os.Rename(tmp, s.aside)
			}
			rec.Aside = append(rec.Aside, rel(root, s.aside))
		default:
			err = os.Remove(tmp)
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return rec, fmt.Errorf("complete the last write: %w", err)
		}
		if s.kept {
			rec.Kept = append(rec.Kept, s.entry.Dst)
		}
	}
	for _, r := range remove {
		var err error
		if outputs.KeepAside != nil && outputs.KeepAside(r) && (outputs.Superseded == nil || !outputs.Superseded(r)) {
			var aside string
			if aside, err = asideName(root, r); err == nil {
				if err = renameNoReplace(filepath.Join(root, filepath.FromSlash(r)), aside); errors.Is(err, errUnsupported) {
					err = os.Rename(filepath.Join(root, filepath.FromSlash(r)), aside)
				}
				if err == nil {
					rec.Moved = append(rec.Moved, rel(root, aside))
				}
			}
		} else {
			err = os.Remove(filepath.Join(root, filepath.FromSlash(r)))
		}
		if err == nil {
			rec.Files++
		} else if !errors.Is(err, fs.ErrNotExist) {
			return rec, fmt.Errorf("complete the last write: %w", err)
		}
	}
	for _, a := range asides {
		if a.read {
			if err := os.Remove(a.from); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return rec, fmt.Errorf("complete the last write: %w", err)
			}
			continue
		}
		err := renameNoReplace(a.from, filepath.Join(root, filepath.FromSlash(a.rel)))
		if errors.Is(err, errUnsupported) {
			if _, serr := os.Lstat(filepath.Join(root, filepath.FromSlash(a.rel))); errors.Is(serr, fs.ErrNotExist) {
				err = os.Rename(a.from, filepath.Join(root, filepath.FromSlash(a.rel)))
			} else {
				err = fs.ErrExist
			}
		}
		if err == nil {
			rec.Kept = append(rec.Kept, a.rel)
			continue
		}
		name, err := asideName(root, a.rel)
		if err == nil {
			if err = renameNoReplace(a.from, name); errors.Is(err, errUnsupported) {
				err = os.Rename(a.from, name)
			}
		}
		if err != nil {
			return rec, fmt.Errorf("complete the last write: keep %s: %w", rel(root, a.from), err)
		}
		rec.Aside = append(rec.Aside, rel(root, name))
	}
	syncDir(root)
	return rec, os.Remove(p)
}

// movedAsideOf lists the files a Commit moved aside to remove rel
// (.<name>.removing-<base-36 time>, beside it), in name order.
func movedAsideOf(root, rel string) []string {
	dst := filepath.Join(root, filepath.FromSlash(rel))
	prefix := "." + filepath.Base(dst) + removingMark
	entries, err := os.ReadDir(filepath.Dir(dst))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		stamp, ok := strings.CutPrefix(e.Name(), prefix)
		if ok && stamp != "" && e.Type().IsRegular() && strings.Trim(stamp, "0123456789abcdefghijklmnopqrstuvwxyz") == "" {
			out = append(out, filepath.Join(filepath.Dir(dst), e.Name()))
		}
	}
	return out
}

// Pending describes a journal left under root, for a command that only
// reads: it completes nothing and changes nothing. It returns nil if there
// is none.
type Pending struct {
	Path    string // the journal
	Command string // the command that left it, if the journal names a known one
	Files   int    // the files it lists
	Err     error  // why the journal cannot be read, if it cannot
}

// PendingWrite reports the journal under root, if any, without acting on it.
func PendingWrite(root string) *Pending {
	p := filepath.Join(root, JournalName)
	j, err := readJournal(p)
	switch {
	case err != nil:
		return &Pending{Path: p, Err: err}
	case j == nil:
		return nil
	}
	return &Pending{Path: p, Command: commandName(j.Command), Files: len(j.Rename) + len(j.Remove)}
}

// readJournal reads the journal at p: nil if there is none.
func readJournal(p string) (*journal, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w (a journal is a file tilmash writes; delete this one)", p, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (%s): this is not a journal tilmash left; delete it", p, fi.Mode().Type())
	}
	data, err := io.ReadAll(io.LimitReader(f, maxJournal+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	if len(data) > maxJournal {
		return nil, fmt.Errorf("%s: larger than any journal tilmash writes (%d MiB): this is not one of tilmash's; delete it", p, maxJournal>>20)
	}
	var j journal
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return nil, fmt.Errorf("%s: %v: this is not a journal tilmash can read (another version's, or damaged); nothing was changed: delete it (rm %s) and run the command again", p, err, p)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: text after the journal: this is not a journal tilmash left; delete it", p)
	}
	if j.Version != journalVersion {
		return nil, fmt.Errorf("%s: a journal of format %d, not %d (another tilmash's): complete it with the tilmash that wrote it, or delete it (rm %s)", p, j.Version, journalVersion, p)
	}
	return &j, nil
}

// fileSum returns the SHA-256 of the regular file at p, in hex: "" if
// there is none. A link, a folder or a device is an error.
func fileSum(p string) (string, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return "", fmt.Errorf("%s is not a regular file", p)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func hexSum(s [32]byte) string { return hex.EncodeToString(s[:]) }

var sumRe = regexp.MustCompile(`^[0-9a-f]{64}$`)

func isSum(s string) bool { return sumRe.MatchString(s) }

// commandName returns a journal's command if it is one of tilmash's that
// write, and "" otherwise: the name reaches a terminal.
func commandName(s string) string {
	switch s {
	case "extract", "build", "export", "import", "init":
		return s
	}
	return ""
}
