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

// benchEach runs step on a freshly loaded project of each size.
func benchEach(b *testing.B, step func(*workspace.Workspace) error) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			fsys := project(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if err := step(load(b, fsys)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCorpusCheck loads the project and runs every check but spelling
// on ru and kk: what tilmash check does.
func BenchmarkCorpusCheck(b *testing.B) {
	benchEach(b, func(w *workspace.Workspace) error { _, err := w.Check(nil, nil); return err })
}

// BenchmarkCorpusBuild loads the project and builds every edition (3
// locales × 4 formats), without writing: what tilmash build computes.
func BenchmarkCorpusBuild(b *testing.B) {
	benchEach(b, func(w *workspace.Workspace) error { _, err := w.Build(workspace.BuildOptions{}); return err })
}

// BenchmarkCorpusExtract loads the project and extracts it, nothing having
// changed: what tilmash extract computes before it finds nothing to write.
func BenchmarkCorpusExtract(b *testing.B) {
	benchEach(b, func(w *workspace.Workspace) error { _, _, err := w.Extract([]language.Tag{}, false); return err })
}
