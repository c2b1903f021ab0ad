//go:build !unix

package cache

import (
	"fmt"
	"os"
	"time"
)

// openEntry opens an entry file for reading, if it is a regular file and
// not a symbolic link.
func openEntry(p string) (*os.File, error) {
	fi, err := os.Lstat(p)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", p)
	}
	return os.Open(p)
}

// touch sets p's times to t, if p is still a regular file.
func touch(p string, t time.Time) {
	if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() {
		os.Chtimes(p, t, t)
	}
}
