// Package programid names a tilmash executable for the digests behind
// extract's and build's result caches: two programs built from different
// source must never take each other's results, even when both call
// themselves "devel".
//
// The name is the Go build ID the linker stamps in the executable (a hash
// of everything it was built from), read from its ELF note: a few hundred
// bytes. Where there is none to read (another executable format, or a
// binary linked with -buildid=), it is the SHA-256 of the whole file, which
// costs a read of the executable (about 12 ms for tilmash's 26 MB, on every
// command that used it, before this package).
package programid

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"io"
	"os"
)

// Self names the running program (os.Executable), or returns "" when the
// executable cannot be read.
func Self() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	return Of(exe)
}

// Of names the executable at path: "go:" and its Go build ID, or "sha256:"
// and the hash of its content; "" when it cannot be read.
func Of(path string) string {
	if id := goBuildID(path); id != "" {
		return "go:" + id
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// maxNote bounds the note read: Go's is about 100 bytes.
const maxNote = 4096

// goBuildID reads the Go build ID from the executable's .note.go.buildid
// section (an ELF note: name size, description size, type, "Go\0\0", the
// ID), or returns "".
func goBuildID(path string) string {
	f, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil || s.Type != elf.SHT_NOTE || s.Size < 16 || s.Size > maxNote {
		return ""
	}
	data, err := s.Data()
	if err != nil {
		return ""
	}
	order := f.ByteOrder
	namesz, descsz, typ := order.Uint32(data), order.Uint32(data[4:]), order.Uint32(data[8:])
	const goBuildIDTag = 4 // the note type Go's linker writes for the build ID
	if namesz != 4 || typ != goBuildIDTag || !bytes.Equal(data[12:16], []byte("Go\x00\x00")) || uint64(descsz) > uint64(len(data)-16) || descsz == 0 {
		return ""
	}
	return string(data[16 : 16+descsz])
}
