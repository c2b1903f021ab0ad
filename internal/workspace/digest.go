package workspace

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/internal/parallel"
)

// Digest fingerprints everything a build reads: every article, catalogue,
// glossary file and the settings file under fsys (by path and content),
// every other file of the content folder (the images figures show; one
// larger than an image may be by path and size, all a build reads of it),
// and extra (the program's version and the build's options). Two builds
// with the same digest make the same editions, so a build whose digest is
// the last build's, with every file of that build still in place, has
// nothing to do. Reading and hashing the files costs a small part of
// parsing them.
func Digest(fsys fs.FS, lay Layout, extra string) (string, error) {
	return DigestWith(fsys, lay, extra, nil)
}

// DigestWith is Digest with the files' SHA-256 taken by hash (the result
// cache's stat index, which reads again only the files changed since it
// last read them); nil: each file read.
func DigestWith(fsys fs.FS, lay Layout, extra string, hash func(paths []string) ([][32]byte, error)) (string, error) {
	var paths []string
	add := func(root string, keep func(string) bool) error {
		if root == "" {
			return nil
		}
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && keep(p) {
				if !d.Type().IsRegular() {
					// A link or a device: never read here (Load refuses
					// it); its name still makes the digest differ.
					p += "\x00not a regular file"
				} else if info, err := d.Info(); err == nil && info.Size() > bound.Image.Max && !strings.HasSuffix(p, ".md") {
					p += fmt.Sprintf("\x00%d bytes", info.Size()) // a file no figure may show: its size is all a build reads
				}
				paths = append(paths, p)
			}
			return nil
		})
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	if err := add(lay.Content, func(string) bool { return true }); err != nil {
		return "", err
	}
	// The catalogues, and the translation memories brought in
	// (locales/memory/<tag>.tmx: extract's suggestions draw on them).
	if err := add(lay.Locales, func(p string) bool { return strings.HasSuffix(p, ".toml") || strings.HasSuffix(p, ".tmx") }); err != nil {
		return "", err
	}
	if err := add(lay.Glossary, func(string) bool { return true }); err != nil {
		return "", err
	}
	if lay.Config != "" {
		if _, err := fs.Stat(fsys, lay.Config); err == nil {
			paths = append(paths, lay.Config)
		}
	}
	sort.Strings(paths)
	sums := make([]string, len(paths))
	errs := make([]error, len(paths))
	if hash != nil {
		var regular []string
		var at []int
		for i, p := range paths {
			if !strings.Contains(p, "\x00") {
				regular = append(regular, path.Clean(p))
				at = append(at, i)
			}
		}
		hashes, err := hash(regular)
		if err != nil {
			return "", err
		}
		for k, i := range at {
			sums[i] = hex.EncodeToString(hashes[k][:])
		}
	}
	parallel.For(len(paths), func(i int) {
		if hash != nil {
			return // hashed above
		}
		if strings.Contains(paths[i], "\x00") {
			return // its name (and size) is what counts
		}
		f, err := fsys.Open(paths[i])
		if err != nil {
			errs[i] = err
			return
		}
		defer f.Close()
		h := sha256.New() // streamed: a file's size costs time, not memory
		if _, err := io.Copy(h, f); err != nil {
			errs[i] = err
			return
		}
		sums[i] = hex.EncodeToString(h.Sum(nil))
	})
	h := sha256.New()
	fmt.Fprintf(h, "tilmash build inputs\x00%s\x00", extra)
	for i, p := range paths {
		if errs[i] != nil {
			return "", errs[i]
		}
		fmt.Fprintf(h, "%s\x00%s\x00", path.Clean(p), sums[i])
	}
	return "sha256-" + hex.EncodeToString(h.Sum(nil)), nil
}

// Current reports whether the files a report lists are all in place under
// fsys: with the same inputs, the build they came from need not be redone.
func (r *Report) Current(fsys fs.FS) bool {
	for _, o := range r.Editions {
		if _, err := fs.Stat(fsys, o.File); err != nil {
			return false
		}
	}
	for _, m := range r.Media {
		if _, err := fs.Stat(fsys, m.File); err != nil {
			return false
		}
	}
	return true
}
