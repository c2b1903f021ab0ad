package workspace_test

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tilmash/tilmash/internal/archive"
	"github.com/tilmash/tilmash/internal/corpus"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/internal/hunspell"
	"github.com/tilmash/tilmash/internal/workspace"
)

// The benchmarks of this file run tilmash as its users do (issue 22): on
// bench/gencorpus's corpus with a real glossary (the copy of the
// newsroom's in internal/corpus/testdata/glossary, never the live one) and
// the spelling check on, through hunspell and Debian's hunspell-ru and
// hunspell-kk. Besides time and allocations, each reports the peak of the
// heap while it runs, over what the corpus itself takes in memory, and how
// that peak compares with the corpus ten times smaller: the memory bound
// of issue 22 is a ratio of 1 (ten times the articles, no more memory).
// They measure; they never fail on a figure (speed and memory are measured
// in benchmarks, not in timed tests). make bench-smoke runs each once at
// 10 and 100 articles; make bench at 10, 100 and 1,000.

var (
	userCorpora   = map[int]fstest.MapFS{}
	userCorporaMu sync.Mutex
)

// userProject returns the corpus of n articles (seed 1) as bench/gencorpus
// writes it, made once per run.
func userProject(b *testing.B, n int) fstest.MapFS {
	b.Helper()
	userCorporaMu.Lock()
	defer userCorporaMu.Unlock()
	if fsys, ok := userCorpora[n]; ok {
		return fsys
	}
	gloss, err := corpus.ReadGlossary(os.DirFS("../corpus/testdata/glossary"))
	if err != nil {
		b.Fatal(err)
	}
	c, err := corpus.GenerateWith(corpus.Options{Articles: n, Seed: 1, Spelling: true, Glossary: gloss})
	if err != nil {
		b.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for p, data := range c.Files {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	userCorpora[n] = fsys
	return fsys
}

// peak runs f and returns the highest the heap's objects and the live heap
// reached while it ran, in bytes above what they were before it: the heap
// sampled every millisecond (runtime/metrics, which does not stop the
// world), the live heap as each garbage collection found it.
func peak(f func()) (heap, live uint64) {
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	runtime.GC()
	metrics.Read(samples)
	baseHeap, baseLive := samples[0].Value.Uint64(), samples[1].Value.Uint64()
	var maxHeap, maxLive uint64
	read := func() {
		metrics.Read(samples)
		maxHeap = max(maxHeap, samples[0].Value.Uint64())
		maxLive = max(maxLive, samples[1].Value.Uint64())
	}
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				read()
			}
		}
	}()
	f()
	close(done)
	<-stopped
	runtime.GC() // the live heap of f's last moments, as the next collection finds it
	read()
	return maxHeap - min(maxHeap, baseHeap), maxLive - min(maxLive, baseLive)
}

// peaks are the peak heaps measured, by benchmark and corpus size, for the
// ratio to the size ten times smaller.
var (
	peaks   = map[string]float64{}
	peaksMu sync.Mutex
)

// benchUser runs step on a freshly loaded user project of each size and
// reports its peak heap (MiB), its peak live heap, and the ratio of the
// peak heap to that of the corpus ten times smaller.
func benchUser(b *testing.B, name string, step func(*workspace.Workspace) error) {
	benchUserFS(b, name, func(b *testing.B, fsys fstest.MapFS) error { return step(load(b, fsys)) })
}

// benchUserFS is benchUser for a step that reads the project itself.
func benchUserFS(b *testing.B, name string, step func(*testing.B, fstest.MapFS) error) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			fsys := userProject(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			var heap, live uint64
			for range b.N {
				var err error
				h, l := peak(func() { err = step(b, fsys) })
				if err != nil {
					b.Fatal(err)
				}
				heap, live = max(heap, h), max(live, l)
			}
			b.StopTimer()
			mib := float64(heap) / (1 << 20)
			b.ReportMetric(mib, "peak-heap-MiB")
			b.ReportMetric(float64(live)/(1<<20), "peak-live-MiB")
			liveMiB := float64(live) / (1 << 20)
			peaksMu.Lock()
			defer peaksMu.Unlock()
			peaks[fmt.Sprint(name, n)] = mib
			peaks[fmt.Sprint(name, "live", n)] = liveMiB
			if small, ok := peaks[fmt.Sprint(name, n/10)]; ok && small > 0 {
				b.ReportMetric(mib/small, "peak-heap-x-of-n/10")
			}
			// The live heap is the bound's measure: what is still in use
			// at a collection (the heap's objects include the garbage the
			// collector's pacing lets pile up between two).
			if small, ok := peaks[fmt.Sprint(name, "live", n/10)]; ok && small > 0 {
				b.ReportMetric(liveMiB/small, "peak-live-x-of-n/10")
			}
		})
	}
}

// BenchmarkCorpusUserCheck runs every check, spelling and the glossary
// included, on ru and kk, through the archive one article at a time with
// one hunspell per dictionary, without a cache: tilmash check as users
// run it, cold. Its peak heap is the memory bound: the same at ten times
// the articles (peak-heap-x-of-n/10 near 1).
func BenchmarkCorpusUserCheck(b *testing.B) {
	needHunspell(b)
	benchUserFS(b, "check", func(b *testing.B, fsys fstest.MapFS) error {
		p, err := workspace.Open(fsys, workspace.Default)
		if err != nil {
			return err
		}
		speller := &hunspell.Pipe{}
		defer speller.Close()
		_, err = archive.Check(p, archive.Options{Speller: speller})
		return err
	})
}

// BenchmarkCorpusUserCheckOnePass is the check of one pass over the whole
// project (a workspace loaded whole), for comparison: what tilmash check
// did before it worked a part at a time.
func BenchmarkCorpusUserCheckOnePass(b *testing.B) {
	needHunspell(b)
	benchUser(b, "check-one-pass", func(w *workspace.Workspace) error { _, err := w.Check(nil, hunspell.Speller{}); return err })
}

// BenchmarkCorpusUserStatus tallies the project and plans every edition
// through the archive one article at a time: tilmash status, cold.
func BenchmarkCorpusUserStatus(b *testing.B) {
	benchUserFS(b, "status", func(b *testing.B, fsys fstest.MapFS) error {
		p, err := workspace.Open(fsys, workspace.Default)
		if err != nil {
			return err
		}
		_, err = archive.Status(p, archive.Options{})
		return err
	})
}

// BenchmarkCorpusUserBuild builds every edition (3 locales and the
// source × 4 formats), the glossary checked, through the archive one
// article at a time, and writes them into an empty folder: tilmash build
// as users run it, cold (it does not spell).
func BenchmarkCorpusUserBuild(b *testing.B) {
	benchUserFS(b, "build", func(b *testing.B, fsys fstest.MapFS) error {
		p, err := workspace.Open(fsys, workspace.Default)
		if err != nil {
			return err
		}
		res, err := archive.Build(p, archive.Options{}, workspace.BuildOptions{}, b.TempDir(), fileset.Options{Journal: true, Command: "build"})
		if err != nil {
			return err
		}
		if err := res.Stage.Add(p.ReportFile(res.Report)); err != nil {
			return err
		}
		_, err = res.Stage.Commit()
		return err
	})
}

// BenchmarkCorpusUserBuildOnePass is the build of one pass over the whole
// project, every edition in memory, without writing, for comparison: what
// tilmash build did before it worked a part at a time.
func BenchmarkCorpusUserBuildOnePass(b *testing.B) {
	benchUser(b, "build-one-pass", func(w *workspace.Workspace) error { _, err := w.Build(workspace.BuildOptions{}); return err })
}

// needHunspell fails (never skips) without hunspell: CI installs it with
// its dictionaries (scripts/deps test).
func needHunspell(b *testing.B) {
	b.Helper()
	if _, err := (hunspell.Speller{}).Unknown("ru_RU", []string{"слово"}); err != nil {
		b.Fatalf("%v: scripts/deps test installs hunspell, hunspell-ru and hunspell-kk", err)
	}
}
