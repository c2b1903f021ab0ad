package sitecode

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// BenchmarkFindLinear: Find's time grows with the source's length,
// whatever the source holds. Each input is read at two lengths, sixteen
// times apart, both under 64 KiB, and reported as ns/byte, which stays
// about the same between the two: a search that started again at each {
// (as Find's did, up to 64 KiB ahead) took 70 to 200 times as long for
// the longer one. (A timing is a benchmark's to measure, not a test's:
// this was a timed test, skipped under the race detector and so never run
// by make test.)
func BenchmarkFindLinear(b *testing.B) {
	for _, c := range []struct{ name, unit string }{
		{"unclosed outputs", "{{"},
		{"unclosed tags", "{%"},
		{"attribute lists", "{: "},
		{"blank lines", "{{ a\n\n"},
		{"outputs in outputs", "{{ x {{ "},
		{"unclosed raws", "{% raw %}\n"},
		{"unclosed highlights", "{% highlight x %} endhighlight {%"},
		{"unclosed hugo code", "{{< highlight >}} /highlight {{<"},
		{"unclosed strings", `{% include x caption="a %} `},
		{"unclosed calls", `{{ x(caption="a }} `},
		{"raw in raw", "{% raw %}"},
		{"spaces in outputs", "{{" + strings.Repeat(" ", 50)},
		{"highlights on a line", "{% highlight %}{% endhighlight %}\n"},
	} {
		for _, size := range []int{1 << 12, 1 << 16} {
			src := []byte(strings.Repeat(c.unit, size/len(c.unit)))
			b.Run(fmt.Sprintf("%s/bytes=%d", c.name, size), func(b *testing.B) {
				for b.Loop() {
					Find(src)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(src)), "ns/byte")
			})
		}
	}
	// A raw of 1 MiB closed at the end is read in one pass too.
	src := []byte("{% raw %}\n" + strings.Repeat("{% raw %} {{ x }}\n", 1<<20/18) + "{% endraw %}")
	b.Run("a closed raw of 1 MiB", func(b *testing.B) {
		for b.Loop() {
			Find(src)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(src)), "ns/byte")
	})
}

// findWindowed is Find as it was before its searches were remembered:
// each code searched for its closing delimiter from its own {, up to 64
// KiB ahead, and the fenced code and code spans found again from the end
// of each code (codeRanges); no paired codes. FuzzFind compares the two.
func findWindowed(src []byte) []Code {
	blank := regexp.MustCompile(`\n[ \t\r]*\n`)
	var out []Code
	skip := codeRanges(src, 0)
	k := 0
	for i := 0; i < len(src); i++ {
		for k < len(skip) && skip[k][1] <= i {
			k++
		}
		if k < len(skip) && i >= skip[k][0] {
			i = skip[k][1] - 1
			continue
		}
		if src[i] != '{' {
			continue
		}
		rest := src[i:min(len(src), i+maxCode)]
		for _, f := range forms {
			if !bytes.HasPrefix(rest, []byte(f.open)) {
				continue
			}
			end := bytes.Index(rest[len(f.open):], []byte(f.close))
			if end < 0 {
				continue
			}
			inner := rest[len(f.open) : len(f.open)+end]
			if blank.Match(inner) {
				continue
			}
			if f.kind == Attributes && (bytes.ContainsAny(inner, "\n{") || len(bytes.TrimSpace(inner)) == 0) {
				continue
			}
			if f.kind == Output && len(bytes.TrimSpace(inner)) == 0 {
				continue
			}
			c := Code{Start: i, End: i + len(f.open) + end + len(f.close), Kind: f.kind}
			out = append(out, c)
			i = c.End - 1
			skip, k = codeRanges(src, c.End), 0
			break
		}
	}
	return out
}

// codeRanges returns the byte ranges of src's fenced code blocks and code
// spans from byte from on, in order (the line from starts on is read for
// code spans only).
func codeRanges(src []byte, from int) [][2]int {
	var out [][2]int
	lineStart := from
	fence := ""
	fenceStart := 0
	for lineStart < len(src) {
		lineEnd := bytes.IndexByte(src[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(src)
		} else {
			lineEnd += lineStart + 1
		}
		line := string(src[lineStart:lineEnd])
		t := strings.TrimLeft(line, " ")
		switch {
		case fence != "":
			if strings.HasPrefix(strings.TrimRight(t, " \t\r\n"), fence) {
				out = append(out, [2]int{fenceStart, lineEnd})
				fence = ""
			}
		case lineStart > from && len(line)-len(t) <= 3 && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")),
			lineStart == 0 && len(line)-len(t) <= 3 && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")):
			n := 0
			for n < len(t) && t[n] == t[0] {
				n++
			}
			fence, fenceStart = t[:n], lineStart
		default:
			out = append(out, spans(src, lineStart, lineEnd)...)
		}
		lineStart = lineEnd
	}
	if fence != "" {
		out = append(out, [2]int{fenceStart, len(src)})
	}
	return out
}

// spans returns the code spans of one line: a run of backticks to the next
// run of the same length.
func spans(src []byte, from, to int) [][2]int {
	var out [][2]int
	for i := from; i < to; i++ {
		if src[i] != '`' {
			continue
		}
		n := 0
		for i+n < to && src[i+n] == '`' {
			n++
		}
		run := bytes.Repeat([]byte("`"), n)
		j := i + n
		for {
			k := bytes.Index(src[j:to], run)
			if k < 0 {
				i += n - 1
				break
			}
			k += j
			m := 0
			for k+m < to && src[k+m] == '`' {
				m++
			}
			if m == n {
				out = append(out, [2]int{i, k + n})
				i = k + n - 1
				break
			}
			j = k + m
		}
	}
	return out
}
