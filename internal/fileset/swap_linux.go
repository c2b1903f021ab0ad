//go:build linux

package fileset

import (
	"errors"
	"fmt"
	"io/fs"

	"golang.org/x/sys/unix"
)

// exchange swaps the files at a and b atomically (renameat2 with
// RENAME_EXCHANGE): both must exist.
func exchange(a, b string) error {
	return renameat2(a, b, unix.RENAME_EXCHANGE)
}

// renameNoReplace renames a to b atomically, failing with fs.ErrExist if
// b exists.
func renameNoReplace(a, b string) error {
	return renameat2(a, b, unix.RENAME_NOREPLACE)
}

func renameat2(a, b string, flags uint) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, flags)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EOPNOTSUPP):
		return errUnsupported // a file system without it (some network ones)
	case errors.Is(err, unix.EEXIST):
		return fs.ErrExist
	case errors.Is(err, unix.ENOENT):
		return fs.ErrNotExist
	}
	return fmt.Errorf("rename %s: %w", b, err)
}
