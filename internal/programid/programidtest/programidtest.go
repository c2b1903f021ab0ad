// Package programidtest makes, for tests, another program out of a Go
// executable: the same bytes but for one of its Go build ID, which is
// what package programid names a program by (as a relink from changed
// source would change it).
package programidtest

import (
	"debug/elf"
	"os"
	"testing"
)

// OtherBuild writes dst (mode 0755) as the executable src with one byte of
// its Go build ID changed. dst may be src.
func OtherBuild(t testing.TB, src, dst string) {
	t.Helper()
	f, err := elf.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	note := f.Section(".note.go.buildid")
	f.Close()
	if note == nil || note.Size <= 16 {
		t.Fatalf("%s has no Go build ID note (.note.go.buildid)", src)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	data[note.Offset+16] ^= 1 // the ID's first byte: the note's header is 16 bytes
	if err := os.WriteFile(dst, data, 0o755); err != nil {
		t.Fatal(err)
	}
}
