package cache

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// usedInterval: as Go's build cache does (cmd/go/internal/cache), a Get
// marks its entry used by setting the file's modification time, at most
// once every usedInterval, so that a hit rarely writes. The times are thus
// up to an hour old, and Trim allows for it.
const usedInterval = time.Hour

// Env is the environment variable that moves the cache (an absolute
// folder) or turns it off ("off").
const Env = "TILMASH_CACHE"

// Cache is a folder of entries. An off cache (and a nil *Cache) misses on
// every Get and keeps nothing a Put gives it.
type Cache struct {
	dir string           // the cache's folder; "" when off
	off string           // why the cache is off
	now func() time.Time // the clock; time.Now but in tests

	onRead func(path string) // tests: called for each file FileHashes reads
}

// Open opens the cache where TILMASH_CACHE says, or in
// os.UserCacheDir()/tilmash. It fails only on a TILMASH_CACHE that is
// neither "off" nor an absolute folder, or a folder it names that cannot
// be made: what the user asked for explicitly. The default folder is a
// convenience: if there is none (no $HOME, say) or it cannot be made, the
// cache is off, and Off says why.
func Open() (*Cache, error) {
	switch v := os.Getenv(Env); {
	case v == "off":
		return &Cache{off: Env + "=off"}, nil
	case v != "":
		if !filepath.IsAbs(v) {
			return nil, fmt.Errorf("%s=%s is not an absolute path: tilmash writes its cache only where an absolute path says, never in a folder read against the project; set it to one (%s=$HOME/.cache/tilmash) or to off", Env, strconv.Quote(v), Env)
		}
		c, err := OpenDir(v)
		if err != nil {
			return nil, fmt.Errorf("%w (the folder %s=%s names; set it to another, or to off)", err, Env, strconv.Quote(v))
		}
		return c, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return &Cache{off: fmt.Sprintf("no cache folder: %v; set %s to an absolute folder to cache results", err, Env)}, nil
	}
	c, err := OpenDir(filepath.Join(base, "tilmash"))
	if err != nil {
		return &Cache{off: fmt.Sprintf("%v; set %s to another absolute folder to cache results", err, Env)}, nil
	}
	return c, nil
}

// OpenDir opens the cache in dir, an absolute folder, making it (0o700) if
// it does not exist.
func OpenDir(dir string) (*Cache, error) {
	if !filepath.IsAbs(dir) {
		return nil, fmt.Errorf("cache folder %s is not an absolute path", strconv.Quote(dir))
	}
	dir = filepath.Clean(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil { // fails on a file
		return nil, fmt.Errorf("cannot make the cache folder: %w", err)
	}
	return &Cache{dir: dir, now: time.Now}, nil
}

// Dir returns the cache's folder, or "" when the cache is off.
func (c *Cache) Dir() string {
	if c == nil {
		return ""
	}
	return c.dir
}

// Off returns why the cache is off (for a --verbose note), or "" when it
// is on.
func (c *Cache) Off() string {
	switch {
	case c == nil:
		return "no cache was opened"
	case c.dir == "":
		return c.off
	}
	return ""
}

// on reports whether the cache keeps anything.
func (c *Cache) on() bool { return c != nil && c.dir != "" }

// clock returns the time now.
func (c *Cache) clock() time.Time {
	if c != nil && c.now != nil {
		return c.now()
	}
	return time.Now()
}

// paths returns the folder of k's entry and the entry file's path.
func (c *Cache) paths(k Key) (sub, file string) {
	name := k.String()
	sub = filepath.Join(c.dir, name[:2])
	return sub, filepath.Join(sub, name)
}

// Get returns the payload stored under k, if the cache holds it whole. A
// missing, damaged, foreign or linked entry is a miss. A hit marks the
// entry used (for Trim), at most once every usedInterval.
func (c *Cache) Get(k Key) ([]byte, bool) {
	if !c.on() {
		return nil, false
	}
	data, err := c.read(k)
	return data, err == nil
}

// read returns the payload of k's entry, or why there is none.
func (c *Cache) read(k Key) ([]byte, error) {
	sub, file := c.paths(k)
	if err := realDir(sub); err != nil {
		return nil, err
	}
	f, err := openEntry(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is %s, not an entry", file, describe(fi.Mode()))
	}
	if fi.Size() < int64(headerSize) || fi.Size() > int64(headerSize+MaxEntry) {
		return nil, fmt.Errorf("%s: %d bytes is no entry's length", file, fi.Size())
	}
	b := make([]byte, fi.Size())
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, err
	}
	data, err := decode(k, b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if now := c.clock(); now.Sub(fi.ModTime()) >= usedInterval {
		touch(file, now)
	}
	return data, nil
}

// realDir returns nil if p is a folder, and not a symbolic link to one.
func realDir(p string) error {
	fi, err := os.Lstat(p)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is %s, not a folder", p, describe(fi.Mode()))
	}
	return nil
}

// describe names the kind of file m is, for an error.
func describe(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a folder"
	case m.IsRegular():
		return "a file"
	}
	return fmt.Sprintf("a special file (%s)", m.Type())
}

// Put stores data under k, replacing what the cache held there. Writing
// is atomic: a concurrent Get sees the old entry or the new one, whole.
// An off cache does nothing. Put refuses a payload over MaxEntry, and an
// entry folder that is not a folder the cache made (a symbolic link).
func (c *Cache) Put(k Key, data []byte) error {
	if !c.on() {
		return nil
	}
	if len(data) > MaxEntry {
		return fmt.Errorf("cache: a result of %d bytes is over the limit of %d: not cached", len(data), MaxEntry)
	}
	sub, file := c.paths(k)
	if err := makeDir(sub); err != nil {
		return err
	}
	if err := writeAtomic(file, header(k, data), data); err != nil {
		return fmt.Errorf("%w (remove whatever is at %s)", err, file)
	}
	return nil
}

// makeDir makes the entry folder sub, if need be. Something else in its
// place (a link, a file) is left alone and refused: the user may have
// pointed TILMASH_CACHE at a folder of their own.
func makeDir(sub string) error {
	err := realDir(sub)
	if errors.Is(err, fs.ErrNotExist) {
		err = os.Mkdir(sub, 0o700)
		if errors.Is(err, fs.ErrExist) {
			err = realDir(sub) // another run made it first
		}
	}
	if err != nil {
		return fmt.Errorf("cache: %w: tilmash keeps its entries in folders it makes; remove %s, or set %s to another folder", err, sub, Env)
	}
	return nil
}

// tempPrefix starts the name of every file the cache writes before
// renaming it into place; Trim removes those a killed run left behind.
const tempPrefix = ".tmp-"

// writeAtomic writes the parts to a temporary file beside p (0o600) and
// renames it to p, which replaces a file or a symbolic link at p, never
// what a link points to.
func writeAtomic(p string, parts ...[]byte) error {
	f, err := os.CreateTemp(filepath.Dir(p), tempPrefix+"*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	for _, b := range parts {
		if _, err = f.Write(b); err != nil {
			break
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}
