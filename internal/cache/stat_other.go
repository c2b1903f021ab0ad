//go:build !(linux || openbsd || darwin || freebsd || netbsd)

package cache

import "io/fs"

// haveSys reports whether sysStat fills Ctime, Inode and Dev.
const haveSys = false

// sysStat leaves Ctime, Inode and Dev 0: size and modification time must
// do, as they do for git on such systems.
func sysStat(fs.FileInfo, *Stat) {}
