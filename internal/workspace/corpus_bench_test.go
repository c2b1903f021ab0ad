package workspace_test

import (
	"fmt"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/corpus"
	"github.com/tilmash/tilmash/internal/workspace"
)

// The corpus sizes of the benchmarks: compare ns/op across them to see how
// each step grows (bench/RESULTS.md has whole-process figures).
var sizes = []int{10, 100, 1000}

var (
	corpora   = map[int]fstest.MapFS{}
	corporaMu sync.Mutex
)

// project returns bench/gencorpus's project of n articles (seed 1), made
// once per run.
func project(b *testing.B, n int) fstest.MapFS {
	b.Helper()
	corporaMu.Lock()
	defer corporaMu.Unlock()
	if fsys, ok := corpora[n]; ok {
		return fsys
	}
	c, err := corpus.Generate(n, 1)
	if err != nil {
		b.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for p, data := range c.Files {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	corpora[n] = fsys
	return fsys
}

func load(b *testing.B, fsys fstest.MapFS) *workspace.Workspace {
	b.Helper()
	w, err := workspace.Load(fsys, workspace.Default)
	if err != nil {
		b.Fatal(err)
	}
	return w
}

// BenchmarkCorpusCheck loads the project and runs every check but spelling
// on ru and kk: what tilmash check does.
func BenchmarkCorpusCheck(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			fsys := project(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := load(b, fsys).Check(nil, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCorpusBuild loads the project and builds every edition (3
// locales × 4 formats), without writing: what tilmash build computes.
func BenchmarkCorpusBuild(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			fsys := project(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := load(b, fsys).Build(workspace.BuildOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCorpusExtract loads the project and extracts it, nothing having
// changed: what tilmash extract computes before it finds nothing to write.
func BenchmarkCorpusExtract(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			fsys := project(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, _, err := load(b, fsys).Extract([]language.Tag{}, false); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
