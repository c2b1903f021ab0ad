//go:build linux || openbsd

package cache

import (
	"io/fs"
	"syscall"
)

// haveSys reports whether sysStat fills Ctime, Inode and Dev.
const haveSys = true

// sysStat fills s's Ctime, Inode and Dev from fi's syscall.Stat_t.
func sysStat(fi fs.FileInfo, s *Stat) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		s.Ctime = st.Ctim.Nano()
		s.Inode = uint64(st.Ino)
		s.Dev = uint64(st.Dev)
	}
}
