package cache

import "io/fs"

// Stat is what the file system says of a file: enough to tell, without
// reading the file, that it has not changed since it was hashed, as git's
// index does. Any field that differs means it may have changed.
type Stat struct {
	Size    int64       // length in bytes
	ModTime int64       // modification time, in nanoseconds since 1970
	Ctime   int64       // status change time (ns), which no program can set back; 0 where the system gives none
	Inode   uint64      // inode number; 0 where the system gives none
	Dev     uint64      // device of the file system; 0 where the system gives none
	Mode    fs.FileMode // type and permission bits
}

// StatOf returns the Stat of fi, as os.Lstat (or fs.Stat) returned it.
func StatOf(fi fs.FileInfo) Stat {
	s := Stat{Size: fi.Size(), ModTime: fi.ModTime().UnixNano(), Mode: fi.Mode()}
	sysStat(fi, &s)
	return s
}
