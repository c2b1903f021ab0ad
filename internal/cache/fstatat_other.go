//go:build !linux

package cache

import "os"

// dirStats is, where tilmash has no fstatat of its own, nothing: every
// file is stat'ed through os.Root.
type dirStats struct{}

func newDirStats(*os.Root) *dirStats { return &dirStats{} }

func (*dirStats) stat(string) (Stat, bool) { return Stat{}, false }

func (*dirStats) close() {}
