package workspace

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"
)

// newsroom makes a project of n articles, each a copy of the-conscript with
// its own name, as a newsroom's content/ would hold.
func newsroom(b *testing.B, n int) fstest.MapFS {
	b.Helper()
	src, err := os.ReadFile("../../testdata/project/content/the-conscript.md")
	if err != nil {
		b.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for i := 0; i < n; i++ {
		fsys[fmt.Sprintf("content/section-%d/article-%04d.md", i%10, i)] = &fstest.MapFile{Data: src}
	}
	return fsys
}

func benchmarkExtract(b *testing.B, n int) {
	fsys := newsroom(b, n)
	w, err := Load(fsys, Default)
	if err != nil {
		b.Fatal(err)
	}
	files, _, err := w.Extract([]language.Tag{language.Russian, language.Kazakh}, false)
	if err != nil {
		b.Fatal(err)
	}
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w, err := Load(fsys, Default)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := w.Extract(nil, false); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*26), "units")
}

// BenchmarkExtract loads a project and re-extracts it (the common case: the
// catalogues exist); compare the ns/op of 10, 100 and 1000 articles to see
// how it scales.
func BenchmarkExtract10(b *testing.B)   { benchmarkExtract(b, 10) }
func BenchmarkExtract100(b *testing.B)  { benchmarkExtract(b, 100) }
func BenchmarkExtract1000(b *testing.B) { benchmarkExtract(b, 1000) }

// BenchmarkBuild assembles and renders every edition of the project.
func BenchmarkBuild(b *testing.B) {
	w, err := Load(os.DirFS(fixture), Default)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := w.Build(BuildOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// spansArticle is an article whose one paragraph holds n code spans, or n
// links, and nothing else: the shape of the attack on extract's cost.
func spansArticle(kind string, n int) []byte {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"Spans\"\n+++\n\n")
	for i := range n {
		if kind == "links" {
			fmt.Fprintf(&b, "[w](https://example.org/%d) ", i)
		} else {
			b.WriteString("`a` ")
		}
	}
	b.WriteString("\n")
	return []byte(b.String())
}

// BenchmarkExtractSpans extracts a project of one article whose paragraph
// holds 1,000, 10,000 or 50,000 code spans or links (50,000 links make a
// unit of about 950 KB, near the 1 MiB a unit may hold): ns/op should grow
// in proportion, tenfold then fivefold (it grew a hundredfold and more
// while the unit's description was built by concatenation).
func BenchmarkExtractSpans(b *testing.B) {
	for _, kind := range []string{"code", "links"} {
		for _, n := range []int{1000, 10000, 50000} {
			b.Run(fmt.Sprintf("%s=%d", kind, n), func(b *testing.B) {
				fsys := fstest.MapFS{"content/spans.md": &fstest.MapFile{Data: spansArticle(kind, n)}}
				b.ReportAllocs()
				for b.Loop() {
					w, err := Load(fsys, Default)
					if err != nil {
						b.Fatal(err)
					}
					if _, _, err := w.Extract([]language.Tag{language.Russian}, false); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
