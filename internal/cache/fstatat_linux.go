//go:build linux

package cache

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// dirStats stats files a directory at a time: each directory of the
// project opened once through the root (no path leaves it, no link is
// followed to a directory), then one fstatat per file, its name alone,
// not following a link. os.Root's Lstat of a nested path opens every
// directory on the way, for every file: at 10,000 articles most of what
// a run with nothing changed spent.
type dirStats struct {
	root *os.Root
	dirs map[string]*os.File
}

func newDirStats(r *os.Root) *dirStats { return &dirStats{root: r, dirs: map[string]*os.File{}} }

// stat is the Stat of the file name (a local path) in the root; ok is
// false when it cannot say (the caller then asks os.Root.Lstat, which
// says why).
func (d *dirStats) stat(name string) (Stat, bool) {
	dir, base := filepath.Split(name)
	f, seen := d.dirs[dir]
	if !seen {
		var err error
		if f, err = d.root.Open(filepath.Clean(dir)); err != nil {
			f = nil
		}
		d.dirs[dir] = f
	}
	if f == nil {
		return Stat{}, false
	}
	var st unix.Stat_t
	if err := unix.Fstatat(int(f.Fd()), base, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return Stat{}, false
	}
	return Stat{Size: st.Size, ModTime: st.Mtim.Nano(), Ctime: st.Ctim.Nano(), Inode: uint64(st.Ino), Dev: uint64(st.Dev), Mode: modeOf(uint32(st.Mode))}, true
}

// close closes the directories.
func (d *dirStats) close() {
	for _, f := range d.dirs {
		if f != nil {
			f.Close()
		}
	}
}

// modeOf is the fs.FileMode os gives a file of the stat mode m.
func modeOf(m uint32) fs.FileMode {
	mode := fs.FileMode(m & 0o777)
	switch m & syscall.S_IFMT {
	case syscall.S_IFBLK:
		mode |= fs.ModeDevice
	case syscall.S_IFCHR:
		mode |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFDIR:
		mode |= fs.ModeDir
	case syscall.S_IFIFO:
		mode |= fs.ModeNamedPipe
	case syscall.S_IFLNK:
		mode |= fs.ModeSymlink
	case syscall.S_IFSOCK:
		mode |= fs.ModeSocket
	}
	if m&syscall.S_ISGID != 0 {
		mode |= fs.ModeSetgid
	}
	if m&syscall.S_ISUID != 0 {
		mode |= fs.ModeSetuid
	}
	if m&syscall.S_ISVTX != 0 {
		mode |= fs.ModeSticky
	}
	return mode
}
