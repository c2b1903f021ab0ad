// Command pprof runs one tilmash command, exactly as the tilmash binary
// does (internal/cli), while profiling it: the CPU profile of the whole
// run, and the heap profile taken when the heap was at its highest, which
// holds both what was allocated over the run (alloc_space) and what was in
// use at that peak (inuse_space, as of the garbage collection before it).
//
//	go run ./bench/pprof -cpu check.cpu -heap check.heap -- -C /tmp/corpus1000 check
//	go tool pprof -top check.cpu
//	go tool pprof -top -sample_index=alloc_space check.heap
//	go tool pprof -top -sample_index=inuse_space check.heap
//
// bench/profile runs it on check and build at 1,000 articles.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/tilmash/tilmash/internal/cli"
)

func main() {
	cpu := flag.String("cpu", "", "write the CPU profile to this file")
	heap := flag.String("heap", "", "write the heap profile taken at the heap's peak to this file")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: go run ./bench/pprof [-cpu FILE] [-heap FILE] -- TILMASH-ARGS...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fail(err)
		}
		defer f.Close()
	}
	var peak *peakHeap
	if *heap != "" {
		peak = watch()
	}
	code := cli.Main(flag.Args(), cli.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr})
	if *cpu != "" {
		pprof.StopCPUProfile()
	}
	if peak != nil {
		data, bytes := peak.stop()
		if err := os.WriteFile(*heap, data, 0o644); err != nil {
			fail(err)
		}
		fmt.Fprintf(os.Stderr, "pprof: the heap peaked at %.0f MiB (heap objects, live and not yet collected, sampled every 100 ms)\n", float64(bytes)/(1<<20))
	}
	os.Exit(code)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "pprof:", err)
	os.Exit(2)
}

// peakHeap keeps the heap profile of the moment the heap was highest.
type peakHeap struct {
	mu      sync.Mutex
	profile []byte
	bytes   uint64 // the heap when the profile was taken
	max     uint64 // the highest the heap was seen
	done    chan struct{}
	stopped chan struct{}
}

// watch samples the heap every 100 ms and writes a heap profile each time
// it is higher than ever before (the profile's in-use figures are those of
// the last collection).
func watch() *peakHeap {
	p := &peakHeap{done: make(chan struct{}), stopped: make(chan struct{})}
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	take := func() {
		metrics.Read(sample)
		v := sample[0].Value.Uint64()
		p.mu.Lock()
		p.max = max(p.max, v)
		p.mu.Unlock()
		if v > p.bytes+p.bytes/20 || p.profile == nil { // 5% higher: worth a new profile
			var b bytes.Buffer
			if err := pprof.Lookup("heap").WriteTo(&b, 0); err == nil {
				p.mu.Lock()
				p.profile, p.bytes = b.Bytes(), v
				p.mu.Unlock()
			}
		}
	}
	go func() {
		defer close(p.stopped)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-p.done:
				return
			case <-tick.C:
				take()
			}
		}
	}()
	return p
}

func (p *peakHeap) stop() ([]byte, uint64) {
	close(p.done)
	<-p.stopped
	runtime.GC()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.profile == nil {
		var b bytes.Buffer
		pprof.Lookup("heap").WriteTo(&b, 0)
		p.profile = b.Bytes()
	}
	return p.profile, p.max
}
