// Command results turns the timings bench/run records into bench/RESULTS.md:
// per corpus size, the median wall time and peak memory of tilmash and of
// its peer for each operation, their ratio, and how each tilmash command's
// time grows with the number of articles.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// pairs names each tilmash operation and the peer it is compared with, as
// bench/run labels them.
var pairs = []struct{ tilmash, peer string }{
	{"check (ru + kk, no spelling)", "msgfmt -c --statistics (ru + kk)"},
	{"check (ru + kk, no spelling)", "pofilter (ru + kk)"},
	{"status", "pocount (ru + kk)"},
	{"extract (nothing changed)", "po4a-updatepo (ru)"},
	{"build (3 locales x 4 formats)", "po4a translate (ru + kk, md)"},
	{"build (nothing changed)", "po4a (outputs present)"},
}

// shardOp is the check of one shard of four: what each machine of a CI
// matrix does.
const shardOp = "check (one shard of 4, no spelling)"

// ops are tilmash's operations, in the order the tables list them.
var ops = []string{
	"check (ru + kk, no spelling)", shardOp, "status", "extract (nothing changed)",
	"build (3 locales x 4 formats)", "build (nothing changed)",
}

// hasPeer reports whether some peer of op ran at this size.
func hasPeer(at map[string][]sample, op string) bool {
	for _, p := range pairs {
		if p.tilmash == op && len(at[p.peer]) > 0 {
			return true
		}
	}
	return false
}

// targets are issue 9's goals at 1,000 articles; every command also has
// to stay under 500 MiB.
var targets = []struct {
	op        string
	secs, mib float64
}{
	{"check (ru + kk, no spelling)", 1, 300},
	{"build (3 locales x 4 formats)", 5, 500},
	{"build (nothing changed)", 1, 500},
	{"extract (nothing changed)", 0.5, 500},
	{"status", 0.3, 500},
}

type sample struct {
	secs, kib float64
	exit      string
}

func main() {
	times := flag.String("times", "", "the timings bench/run wrote (n, operation, seconds, KiB, exit)")
	rounds := flag.Int("rounds", 0, "rounds per pair")
	flag.Parse()
	f, err := os.Open(*times)
	if err != nil {
		fmt.Fprintln(os.Stderr, "results:", err)
		os.Exit(2)
	}
	data := map[int]map[string][]sample{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 5 {
			continue
		}
		n, _ := strconv.Atoi(cols[0])
		secs, _ := strconv.ParseFloat(cols[2], 64)
		kib, _ := strconv.ParseFloat(cols[3], 64)
		if data[n] == nil {
			data[n] = map[string][]sample{}
		}
		data[n][cols[1]] = append(data[n][cols[1]], sample{secs, kib, cols[4]})
	}
	var sizes []int
	for n := range data {
		sizes = append(sizes, n)
	}
	sort.Ints(sizes)

	fmt.Println("# tilmash against gettext and po4a: results")
	fmt.Println()
	fmt.Printf("Made by `make bench` (bench/run) on %s. Machine: %s.\n", time.Now().UTC().Format("2006-01-02"), machine())
	fmt.Printf("Each figure is the median of %d whole-process runs, each tilmash run taken alternately with its peer's in the same loop;\n", *rounds)
	fmt.Println("memory is the peak resident set (`/usr/bin/time %M`). The corpus is bench/gencorpus's (seed 1): about 22 KB and 56 units per article,")
	fmt.Println("ru and kk pseudo-translated with 1% stale, 1% missing and 0.5% broken entries; the peers get the same units as PO files.")
	fmt.Println("Spelling is off (pseudo-translations are not words); the glossary is empty.")
	fmt.Println()
	fmt.Println("| articles | tilmash | time | memory | peer | time | memory | ratio |")
	fmt.Println("|---:|---|---:|---:|---|---:|---:|---:|")
	for _, n := range sizes {
		for _, p := range pairs {
			a, b := data[n][p.tilmash], data[n][p.peer]
			if len(a) == 0 || len(b) == 0 {
				continue
			}
			ta, tb := median(a, secs), median(b, secs)
			fmt.Printf("| %d | `%s` | %.2f s | %s | `%s` | %.2f s | %s | %s |\n", n, p.tilmash, ta, mib(median(a, kib)), p.peer, tb, mib(median(b, kib)), ratio(ta, tb))
		}
	}
	// The operations with no peer, and the sizes at which tilmash ran alone.
	fmt.Println()
	fmt.Println("tilmash alone: operations with no peer, and corpora too large to run the peers on.")
	fmt.Println()
	fmt.Println("| articles | tilmash | runs | time | memory |")
	fmt.Println("|---:|---|---:|---:|---:|")
	for _, n := range sizes {
		for _, op := range ops {
			ss := data[n][op]
			if len(ss) == 0 || op != shardOp && hasPeer(data[n], op) {
				continue
			}
			fmt.Printf("| %d | `%s` | %d | %.2f s | %s |\n", n, op, len(ss), median(ss, secs), mib(median(ss, kib)))
		}
	}
	hi := 0 // the largest corpus the peers ran on: the targets' size
	for _, n := range sizes {
		if hasPeer(data[n], pairs[0].tilmash) {
			hi = n
		}
	}
	if hi >= 1000 {
		fmt.Println()
		fmt.Printf("The targets of issue 9, at %d articles (on this 2-core machine):\n", hi)
		fmt.Println()
		fmt.Println("| command | target | measured | met |")
		fmt.Println("|---|---|---|---|")
		for _, t := range targets {
			ss := data[hi][t.op]
			if len(ss) == 0 {
				continue
			}
			sec, mem := median(ss, secs), median(ss, kib)/1024
			met := "yes"
			if sec > t.secs || (t.mib > 0 && mem > t.mib) {
				over := math.Max(sec/t.secs, mem/math.Max(t.mib, 1))
				if t.mib == 0 {
					over = sec / t.secs
				}
				met = fmt.Sprintf("no: %.2g× over", over)
			}
			goal := fmt.Sprintf("under %g s", t.secs)
			if t.mib > 0 {
				goal += fmt.Sprintf(" and %g MiB", t.mib)
			}
			fmt.Printf("| `%s` | %s | %.2f s, %.0f MiB | %s |\n", t.op, goal, sec, mem, met)
		}
	}
	fmt.Println()
	fmt.Println("Why the targets are missed and what would meet them: the README's Performance section.")
	if len(sizes) >= 2 {
		fmt.Println()
		fmt.Println("How tilmash's time grows: the exponent k in time ∝ articles^k between two corpus sizes (1 is linear).")
		fmt.Println()
		header, rule := "| command |", "|---|"
		for i := 1; i < len(sizes); i++ {
			header += fmt.Sprintf(" %d → %d |", sizes[i-1], sizes[i])
			rule += "---:|"
		}
		fmt.Println(header)
		fmt.Println(rule)
		for _, op := range ops {
			row := fmt.Sprintf("| `%s` |", op)
			for i := 1; i < len(sizes); i++ {
				a, b := data[sizes[i-1]][op], data[sizes[i]][op]
				if len(a) == 0 || len(b) == 0 {
					row += " – |"
					continue
				}
				k := math.Log(median(b, secs)/median(a, secs)) / math.Log(float64(sizes[i])/float64(sizes[i-1]))
				row += fmt.Sprintf(" %.2f |", k)
			}
			fmt.Println(row)
		}
	}
}

func secs(s sample) float64 { return s.secs }
func kib(s sample) float64  { return s.kib }

func median(ss []sample, f func(sample) float64) float64 {
	v := make([]float64, len(ss))
	for i, s := range ss {
		v[i] = f(s)
	}
	sort.Float64s(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

func mib(k float64) string { return fmt.Sprintf("%.0f MiB", k/1024) }

// ratio says how tilmash's time compares with the peer's.
func ratio(t, peer float64) string {
	if t <= 0 || peer <= 0 {
		return "–"
	}
	if t <= peer {
		return fmt.Sprintf("%.1f× faster", peer/t)
	}
	return fmt.Sprintf("%.1f× slower", t/peer)
}

func machine() string {
	cpu := ""
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "model name") {
				cpu = strings.TrimSpace(l[strings.Index(l, ":")+1:])
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb float64
		fmt.Sscanf(strings.SplitN(string(b), "\n", 2)[0], "MemTotal: %f kB", &kb)
		mem = fmt.Sprintf("%.0f GiB", kb/1024/1024)
	}
	goVersion, _ := exec.Command("go", "env", "GOVERSION").Output()
	return fmt.Sprintf("%d cores (%s), %s memory, %s, %s", runtime.NumCPU(), cpu, mem, runtime.GOOS+"/"+runtime.GOARCH, strings.TrimSpace(string(goVersion)))
}
