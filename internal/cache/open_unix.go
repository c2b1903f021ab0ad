//go:build unix

package cache

import (
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// openEntry opens an entry file for reading, never through a symbolic
// link, and without blocking on a pipe planted in its place.
func openEntry(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}

// touch sets p's times to t, on a link itself if p has become one.
func touch(p string, t time.Time) {
	ts := unix.NsecToTimespec(t.UnixNano())
	unix.UtimesNanoAt(unix.AT_FDCWD, p, []unix.Timespec{ts, ts}, unix.AT_SYMLINK_NOFOLLOW)
}
