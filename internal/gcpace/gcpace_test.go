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

// restore puts the collector back as the test binary started.
func restore(t *testing.T) {
	t.Cleanup(func() {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	})
}

// TestStart: under the first size, no collection; past it, a collection,
// after which the pacing is GOGC=100 again, with no memory limit.
func TestStart(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	restore(t)
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
		gogc := debug.SetGCPercent(-1)
		limit := debug.SetMemoryLimit(-1) // -1 reads it
		debug.SetGCPercent(gogc)
		if gogc == 100 && limit == math.MaxInt64 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the first collection: GOGC %d, memory limit %d; want 100 and none", gogc, limit)
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
			debug.SetGCPercent(100)
			Start(32 << 20)
			if gogc := debug.SetGCPercent(100); gogc != 100 {
				t.Errorf("GOGC %d after Start, want 100 as it was", gogc)
			}
			if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
				t.Errorf("memory limit %d after Start, want none", limit)
			}
		})
	}
}
