package gcpace

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

var sink [][]byte

// allocate makes n bytes of garbage, in 64 KB pieces.
func allocate(n int) {
	for range n / (64 << 10) {
		sink = append(sink, make([]byte, 64<<10))
		if len(sink) > 16 {
			sink = sink[:0]
		}
	}
}

func numGC() uint32 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.NumGC
}

// gcPercent is the collector's GOGC now.
func gcPercent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}

// restore puts the collector back as it was (GOGC as the environment set
// it when the test binary started: make test sets 400).
func restore(t *testing.T) int {
	gogc := gcPercent()
	t.Cleanup(func() {
		debug.SetGCPercent(gogc)
		debug.SetMemoryLimit(math.MaxInt64)
	})
	return gogc
}

// TestStart: under the first size, no collection; past it, a collection,
// after which the pacing is what it was (GOGC=100 when the environment
// does not set it), with no memory limit.
func TestStart(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	was := restore(t)
	runtime.GC()
	before := numGC()
	Start(32 << 20)
	allocate(8 << 20)
	if n := numGC() - before; n != 0 {
		t.Errorf("%d collections of 8 MB of garbage, under the first 32 MB", n)
	}
	allocate(96 << 20)
	if numGC() == before {
		t.Fatal("no collection after 104 MB of garbage")
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		gogc, limit := gcPercent(), debug.SetMemoryLimit(-1) // -1 reads it
		if gogc == was && limit == math.MaxInt64 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the first collection: GOGC %d, memory limit %d; want %d and none", gogc, limit, was)
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
}

// TestStartLeavesTheUsersSetting: with GOGC or GOMEMLIMIT set, Start
// changes nothing.
func TestStartLeavesTheUsersSetting(t *testing.T) {
	restore(t)
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, map[string]string{"GOGC": "200", "GOMEMLIMIT": "1GiB"}[env])
			was := gcPercent()
			Start(32 << 20)
			if gogc := gcPercent(); gogc != was {
				t.Errorf("GOGC %d after Start, want %d as it was", gogc, was)
			}
			if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
				t.Errorf("memory limit %d after Start, want none", limit)
			}
		})
	}
}
