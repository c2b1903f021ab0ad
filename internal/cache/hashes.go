package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// racyWindow is git's racy-timestamp rule with a margin. A file changed
// again soon after it was read may keep its Stat: a file system's clock
// ticks coarsely (a second on some, two on FAT), and a change in the same
// tick leaves the modification time (and the size, if it keeps the
// length) as it was. So a hash is reused only for a file whose
// modification time is at least racyWindow older than the moment the hash
// was taken: a later change would have given it a later time.
const racyWindow = 2 * time.Second

// indexDomain is the key domain of the stat indexes: no key NewKey makes
// can name one.
const indexDomain = "tilmash stat index v1"

// index is what FileHashes keeps of a root's files between calls.
type index struct {
	time  int64       // when the hashes were taken (ns since 1970), before any file was read
	files []indexFile // in the order of the call that made the index
}

// indexFile is one file's Stat and SHA-256, as FileHashes last read it.
type indexFile struct {
	path string
	stat Stat
	sum  [sha256.Size]byte
}

// FileHashes returns the SHA-256 of each file that paths name (slash paths
// relative to root), in order. A file whose Stat is the same as when an
// earlier call read it, and whose modification time was then old enough
// to prove that it had not changed since (racyWindow), is not read again:
// its hash comes from a stat index the cache keeps for root (by its
// absolute path). The index holds the files of the last call for root, so
// a run should ask once, for every file it reads.
//
// The index is only an optimisation: with the cache off, a damaged index,
// or any doubt about a file, the file is read. Memory and time are linear
// in the number of files (and the bytes read). Each path must name a
// regular file inside root: a symbolic link, a folder, a path leaving root
// are refused with an error, as is a file that cannot be read.
func (c *Cache) FileHashes(root string, paths []string) ([][sha256.Size]byte, error) {
	return c.FileHashesAs(root, "", paths)
}

// FileHashesAs is FileHashes with an index of its own, named: for a run
// that hashes other files than the others (build, its editions too), so
// that the commands do not replace each other's index.
func (c *Cache) FileHashesAs(root, name string, paths []string) ([][sha256.Size]byte, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("hash the files of %s: %w", root, err)
	}
	start := c.clock().UnixNano() // before any file is read
	r, err := os.OpenRoot(abs)
	if err != nil {
		return nil, fmt.Errorf("hash the files of %s: %w", root, err)
	}
	defer r.Close()
	key := keyOf(indexDomain, [][]byte{[]byte(abs)})
	if name != "" {
		key = keyOf(indexDomain, [][]byte{[]byte(abs), []byte(name)})
	}
	old := c.loadIndex(key)
	known := make(map[string]*indexFile, len(old.files))
	for i := range old.files {
		known[old.files[i].path] = &old.files[i]
	}
	next := index{time: start, files: make([]indexFile, 0, len(paths))}
	seen := make(map[string]bool, len(paths))
	sums := make([][sha256.Size]byte, len(paths))
	buf := make([]byte, 64<<10)
	read := 0
	ds := newDirStats(r)
	defer ds.close()
	for i, p := range paths {
		name, err := filepath.Localize(p)
		if err != nil {
			return nil, fmt.Errorf("hash %s in %s: not a path inside the project: %w", quote(p), root, err)
		}
		// Known, unchanged and safely old: its sum, from one fstatat.
		if st, ok := ds.stat(name); ok && st.Mode.IsRegular() {
			if e := known[p]; e != nil && e.stat == st && trusted(st, old.time) {
				sums[i] = e.sum
				if !seen[p] {
					seen[p] = true
					next.files = append(next.files, indexFile{path: p, stat: st, sum: e.sum})
				}
				continue
			}
		}
		fi, err := r.Lstat(name)
		if err != nil {
			return nil, fmt.Errorf("hash %s in %s: %w", quote(p), root, err)
		}
		if !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("hash %s in %s: %s, not a regular file: tilmash reads only files of their own", quote(p), root, describe(fi.Mode()))
		}
		st := StatOf(fi)
		f := indexFile{path: p, stat: st}
		if e := known[p]; e != nil && e.stat == st && trusted(st, old.time) {
			f.sum = e.sum
		} else {
			if f.stat, f.sum, err = hashFile(r, name, fi, buf); err != nil {
				return nil, fmt.Errorf("hash %s in %s: %w", quote(p), root, err)
			}
			read++
			if c != nil && c.onRead != nil {
				c.onRead(p)
			}
		}
		sums[i] = f.sum
		if !seen[p] {
			seen[p] = true
			next.files = append(next.files, f)
		}
	}
	if read > 0 || len(next.files) != len(old.files) {
		c.Put(key, next.encode()) // an optimisation: a failure costs the next run time only
	}
	return sums, nil
}

// quote returns p as an error shows it: as it is if it is plain, quoted
// if it holds a space, a quote or a character a terminal would act on.
func quote(p string) string {
	if p != "" && strings.IndexFunc(p, func(r rune) bool { return !unicode.IsGraphic(r) || unicode.IsSpace(r) || r == '"' }) < 0 {
		return p
	}
	return strconv.Quote(p)
}

// trusted reports whether a file of Stat st, hashed at the time hashedAt
// (ns), cannot have changed since without changing its Stat.
func trusted(st Stat, hashedAt int64) bool {
	return st.ModTime < hashedAt-int64(racyWindow)
}

// hashFile returns the Stat and the SHA-256 of the file name in r, which
// Lstat said is lfi. The Stat is taken before reading, so that a change
// while it reads shows as a changed Stat next time.
func hashFile(r *os.Root, name string, lfi os.FileInfo, buf []byte) (Stat, [sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	f, err := r.Open(name)
	if err != nil {
		return Stat{}, sum, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Stat{}, sum, err
	}
	if !os.SameFile(fi, lfi) {
		return Stat{}, sum, errors.New("the file was replaced while tilmash read it: run the command again")
	}
	h := sha256.New()
	if _, err := io.CopyBuffer(h, f, buf); err != nil {
		return Stat{}, sum, err
	}
	h.Sum(sum[:0])
	return StatOf(fi), sum, nil
}

// loadIndex returns the stat index stored under key, or an empty one.
func (c *Cache) loadIndex(key Key) index {
	if b, ok := c.Get(key); ok {
		if ix, err := decodeIndex(b); err == nil {
			return ix
		}
	}
	return index{}
}

// indexFixed is the length of an index file's record after its path.
const indexFixed = 5*8 + 4 + sha256.Size

// encode returns the index as bytes: its time, then each file's path
// (length-prefixed), Stat and hash.
func (ix index) encode() []byte {
	n := 8
	for _, f := range ix.files {
		n += binary.MaxVarintLen64 + len(f.path) + indexFixed
	}
	b := make([]byte, 0, n)
	b = binary.BigEndian.AppendUint64(b, uint64(ix.time))
	for _, f := range ix.files {
		b = binary.AppendUvarint(b, uint64(len(f.path)))
		b = append(b, f.path...)
		b = binary.BigEndian.AppendUint64(b, uint64(f.stat.Size))
		b = binary.BigEndian.AppendUint64(b, uint64(f.stat.ModTime))
		b = binary.BigEndian.AppendUint64(b, uint64(f.stat.Ctime))
		b = binary.BigEndian.AppendUint64(b, f.stat.Inode)
		b = binary.BigEndian.AppendUint64(b, f.stat.Dev)
		b = binary.BigEndian.AppendUint32(b, uint32(f.stat.Mode))
		b = append(b, f.sum[:]...)
	}
	return b
}

// errIndex is any damage to a stat index.
var errIndex = errors.New("damaged stat index")

// decodeIndex reads what encode wrote, and refuses anything else: a short
// record, a length prefix not in its shortest form.
func decodeIndex(b []byte) (index, error) {
	if len(b) < 8 {
		return index{}, errIndex
	}
	ix := index{time: int64(binary.BigEndian.Uint64(b))}
	b = b[8:]
	for len(b) > 0 {
		n, w := binary.Uvarint(b)
		if w <= 0 || w != len(binary.AppendUvarint(nil, n)) || n > uint64(len(b)-w) || uint64(len(b)-w)-n < indexFixed {
			return index{}, errIndex
		}
		b = b[w:]
		f := indexFile{path: string(b[:n])}
		b = b[n:]
		f.stat.Size = int64(binary.BigEndian.Uint64(b))
		f.stat.ModTime = int64(binary.BigEndian.Uint64(b[8:]))
		f.stat.Ctime = int64(binary.BigEndian.Uint64(b[16:]))
		f.stat.Inode = binary.BigEndian.Uint64(b[24:])
		f.stat.Dev = binary.BigEndian.Uint64(b[32:])
		f.stat.Mode = os.FileMode(binary.BigEndian.Uint32(b[40:]))
		copy(f.sum[:], b[44:indexFixed])
		b = b[indexFixed:]
		ix.files = append(ix.files, f)
	}
	return ix, nil
}
