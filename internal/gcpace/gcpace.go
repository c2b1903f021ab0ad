// Package gcpace sets how the tilmash command's garbage collector paces
// itself.
//
// Most commands end before they have allocated much: one article corrected,
// a check in CI, a status. Go's collector first runs when the heap reaches
// 4 MB and again each time it doubles, so such a command collected a heap of
// a few megabytes five times over: nearly a third of extract's CPU on a
// project of a hundred units (45 ms a run; 32 ms with no collection). Start lets the heap
// grow to a fixed size before the first collection, then gives the pacing
// back to GOGC: a large archive's command collects as it did, and its peak
// memory is what it was, plus at most that size, still in proportion to the
// archive.
package gcpace

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// First is the heap Start lets a command grow to before its first
// collection: more than a small project's command allocates in all.
const First = 32 << 20

// Start lets the heap grow to first bytes before the first collection
// (GOGC off, under a memory limit of first), and from that collection on
// paces collections as GOGC=100 does, with no memory limit. It does
// nothing when GOGC or GOMEMLIMIT is set: the user's word wins.
func Start(first int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	gogc := debug.SetGCPercent(-1)
	debug.SetMemoryLimit(first)
	// The first collection finds sentinel unreachable and runs the
	// cleanup, which restores the usual pacing.
	sentinel := new(struct{ _ [64]byte }) // not a tiny allocation: its cleanup is sure to run
	runtime.AddCleanup(sentinel, func(gogc int) {
		debug.SetGCPercent(gogc)
		debug.SetMemoryLimit(math.MaxInt64)
	}, gogc)
}
