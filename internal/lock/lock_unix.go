//go:build unix

package lock

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// open opens the lock file at p, creating it: never through a symbolic
// link, never anything but a regular file of one name.
func open(p string) (*os.File, error) {
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0o644)
	switch {
	case errors.Is(err, syscall.ELOOP):
		return nil, refusal(p, "a symbolic link")
	case errors.Is(err, syscall.EISDIR):
		return nil, refusal(p, "a folder")
	case errors.Is(err, syscall.ENXIO), errors.Is(err, syscall.EACCES) && isSpecial(p):
		return nil, refusal(p, "a special file")
	case err != nil:
		return nil, fmt.Errorf("lock the project: %w (nothing was changed: tilmash writes %s in the project folder; make the folder writable)", err, Name)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock the project: %w", err)
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, refusal(p, fmt.Sprintf("not a regular file (%s)", fi.Mode().Type()))
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Nlink > 1 {
		f.Close()
		return nil, refusal(p, "a hard link to another file")
	}
	return f, nil
}

// isSpecial reports whether p is neither a regular file nor a folder.
func isSpecial(p string) bool {
	fi, err := os.Lstat(p)
	return err == nil && !fi.Mode().IsRegular() && !fi.IsDir()
}

func tryLock(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return errHeld
	}
	return err
}

func unlock(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
