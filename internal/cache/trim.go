package cache

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// trimInterval is how often, at most, Trim scans the folder, as Go's
// build cache does.
const trimInterval = 24 * time.Hour

// MaxAge is how long an entry no run has used is kept, by default: Go's
// build cache found that almost every reuse came within five days of the
// one before.
const MaxAge = 5 * 24 * time.Hour

// trimFile, in the cache's folder, holds when a trim last ran (Unix
// seconds).
const trimFile = "tilmash-trim.txt"

// Trim removes the entries not used for maxAge (MaxAge, say), and the
// temporary files of runs killed while writing. It scans the folder at
// most once a day: it returns at once if trimFile says a trim ran less
// than a day ago. Trim removes only names the cache gives, in folders it
// makes, whatever else the folder holds; it returns an error only when it
// cannot note the time of the trim.
func (c *Cache) Trim(maxAge time.Duration) error {
	if !c.on() {
		return nil
	}
	now := c.clock()
	marker := filepath.Join(c.dir, trimFile)
	if last, ok := lastTrim(marker); ok {
		// A time in the future is damage (or a clock set back): trim.
		if d := now.Sub(last); d < trimInterval && d > -usedInterval {
			return nil
		}
	}
	// Noted before the scan, so that runs started meanwhile do not scan too.
	if err := writeAtomic(marker, strconv.AppendInt(nil, now.Unix(), 10)); err != nil {
		return fmt.Errorf("%w (the cache was not trimmed)", err)
	}
	cutoff := now.Add(-maxAge - usedInterval)
	for i := range 256 {
		trimDir(filepath.Join(c.dir, fmt.Sprintf("%02x", i)), cutoff, now.Add(-usedInterval))
	}
	return nil
}

// lastTrim returns the time trimFile at p holds.
func lastTrim(p string) (time.Time, bool) {
	fi, err := os.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() {
		return time.Time{}, false
	}
	f, err := os.Open(p)
	if err != nil {
		return time.Time{}, false
	}
	defer f.Close()
	b, _ := io.ReadAll(io.LimitReader(f, 32))
	t, err := strconv.ParseInt(string(bytes.TrimSpace(b)), 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(t, 0), true
}

// trimDir removes from the entry folder sub the entries last used before
// cutoff and the temporary files older than tempCutoff.
func trimDir(sub string, cutoff, tempCutoff time.Time) {
	if realDir(sub) != nil {
		return
	}
	f, err := os.Open(sub)
	if err != nil {
		return
	}
	// Read every name before removing any: removing can upset a listing.
	names, _ := f.Readdirnames(-1)
	f.Close()
	prefix := filepath.Base(sub)
	for _, name := range names {
		var before time.Time
		switch {
		case isEntryName(name, prefix):
			before = cutoff
		case strings.HasPrefix(name, tempPrefix):
			before = tempCutoff
		default:
			continue
		}
		p := filepath.Join(sub, name)
		if fi, err := os.Lstat(p); err == nil && !fi.IsDir() && fi.ModTime().Before(before) {
			os.Remove(p)
		}
	}
}

// isEntryName reports whether name is an entry's name (64 lower-case hex
// digits) in the folder named prefix.
func isEntryName(name, prefix string) bool {
	if len(name) != 2*len(Key{}) || !strings.HasPrefix(name, prefix) {
		return false
	}
	_, err := hex.DecodeString(name)
	return err == nil && strings.ToLower(name) == name
}
