//go:build !unix

package lock

import (
	"fmt"
	"os"
)

// open opens the lock file at p, creating it; a link or anything but a
// regular file is refused.
func open(p string) (*os.File, error) {
	if fi, err := os.Lstat(p); err == nil && !fi.Mode().IsRegular() {
		return nil, refusal(p, fmt.Sprintf("not a regular file (%s)", fi.Mode().Type()))
	}
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock the project: %w (nothing was changed: tilmash writes %s in the project folder; make the folder writable)", err, Name)
	}
	return f, nil
}

// Elsewhere than Unix, commands are not serialised (documented in
// docs/publishers.md): the lock always succeeds.
func tryLock(f *os.File) error { return nil }

func unlock(f *os.File) {}
