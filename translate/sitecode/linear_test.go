package sitecode

import (
	"bytes"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tilmash/tilmash/internal/testrace"
)

// TestFindLinear: Find's time grows with the source's length, whatever
// the source holds. Each input is read at two lengths, sixteen times
// apart, both under 64 KiB: a search that started again at each { (as
// Find's did, up to 64 KiB ahead) took 70 to 200 times as long for the
// longer one; Find takes about 16 times as long.
func TestFindLinear(t *testing.T) {
	if testing.Short() || testrace.Enabled {
		t.Skip("a timing: not in -short, nor with the race detector")
	}
	for name, unit := range map[string]string{
		"unclosed outputs":     "{{",
		"unclosed tags":        "{%",
		"attribute lists":      "{: ",
		"blank lines":          "{{ a\n\n",
		"outputs in outputs":   "{{ x {{ ",
		"unclosed raws":        "{% raw %}\n",
		"unclosed highlights":  "{% highlight x %} endhighlight {%",
		"unclosed hugo code":   "{{< highlight >}} /highlight {{<",
		"unclosed strings":     `{% include x caption="a %} `,
		"unclosed calls":       `{{ x(caption="a }} `,
		"raw in raw":           "{% raw %}",
		"spaces in outputs":    "{{" + strings.Repeat(" ", 50),
		"highlights on a line": "{% highlight %}{% endhighlight %}\n",
	} {
		small := []byte(strings.Repeat(unit, (1<<12)/len(unit)))
		large := []byte(strings.Repeat(unit, (1<<16)/len(unit)))
		ts, tl := timeFind(small), timeFind(large)
		if tl > 48*ts && tl > 5*time.Millisecond {
			t.Errorf("%s: %v for %d bytes, %v for %d: the time grows faster than the text", name, ts, len(small), tl, len(large))
		}
	}
	// A raw of 1 MiB closed at the end is read in one pass too.
	src := []byte("{% raw %}\n" + strings.Repeat("{% raw %} {{ x }}\n", 1<<20/18) + "{% endraw %}")
	if d := timeFind(src); d > time.Second {
		t.Errorf("a raw of %d bytes: %v", len(src), d)
	}
}

// timeFind is the shortest of five runs of Find over src.
func timeFind(src []byte) time.Duration {
	best := time.Duration(1 << 62)
	for range 5 {
		runtime.GC()
		start := time.Now()
		Find(src)
		best = min(best, time.Since(start))
	}
	return best
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
