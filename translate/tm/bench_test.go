package tm

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sentences generates n English sentences of 8–30 words from a vocabulary
// of 5,000 words with a Zipf-like frequency (as news text has), and their
// "translations", deterministically.
func sentences(n int, seed uint64) []Entry {
	r := rand.New(rand.NewPCG(seed, 1))
	zipf := rand.NewZipf(r, 1.1, 2, 4999)
	out := make([]Entry, n)
	for i := range out {
		k := 8 + r.IntN(23)
		ws := make([]string, k)
		for j := range ws {
			ws[j] = fmt.Sprintf("w%d", zipf.Uint64())
		}
		en := strings.Join(ws, " ") + "."
		out[i] = Entry{ID: fmt.Sprintf("art%d.p-%d", i/56, i), English: en, Translation: "ru " + en}
	}
	return out
}

// queries are the units that need work: a tenth of the memory's sentences,
// each with one word changed (an edit), and the same number of new ones.
func queries(mem []Entry, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 2))
	var out []string
	for i := 0; i < len(mem)/10; i++ {
		ws := strings.Fields(mem[r.IntN(len(mem))].English)
		ws[r.IntN(len(ws))] = "edited"
		out = append(out, strings.Join(ws, " "))
	}
	for _, e := range sentences(len(mem)/10, seed+7) {
		out = append(out, e.English)
	}
	return out
}

// BenchmarkMemory builds the memory of 10,000 and 100,000 units and looks
// up suggestions for a fifth as many units (half of them edited, half new),
// as extract does for a locale.
func BenchmarkMemory(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		mem := sentences(n, 1)
		qs := queries(mem, 1)
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
			found := 0
			for b.Loop() {
				m := New(mem)
				found = 0
				for _, q := range qs {
					if len(m.Lookup(q, "", 3)) > 0 {
						found++
					}
				}
			}
			b.ReportMetric(float64(found)/float64(len(qs)), "matched/query")
		})
	}
}

// TestEditedUnitsFindTheirOrigin: in the benchmark's memory, nearly every
// edited sentence gets the sentence it was edited from as a suggestion.
func TestEditedUnitsFindTheirOrigin(t *testing.T) {
	mem := sentences(5_000, 3)
	m := New(mem)
	r := rand.New(rand.NewPCG(9, 9))
	hit, n := 0, 300
	for range n {
		e := mem[r.IntN(len(mem))]
		ws := strings.Fields(e.English)
		if len(ws) < 12 {
			n--
			continue
		}
		ws[r.IntN(len(ws))] = "edited"
		for _, x := range m.Lookup(strings.Join(ws, " "), "", 3) {
			if x.English == e.English {
				hit++
				break
			}
		}
	}
	if float64(hit) < 0.95*float64(n) {
		t.Errorf("%d of %d edited sentences found their origin", hit, n)
	}
}

// BenchmarkMsgmerge is the peer, side by side: GNU msgmerge's fuzzy update
// of the same units against a PO file holding the same memory (the default
// fuzzy matching, one thread). It needs gettext (scripts/deps bench); at
// 100,000 units it runs for many minutes, so it runs only at 10,000.
func BenchmarkMsgmerge(b *testing.B) {
	bin, err := exec.LookPath("msgmerge")
	if err != nil {
		b.Fatal("msgmerge is not installed: scripts/deps bench (gettext)")
	}
	n := 10_000
	mem := sentences(n, 1)
	qs := queries(mem, 1)
	dir := b.TempDir()
	var po, pot strings.Builder
	po.WriteString("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n")
	for _, e := range mem {
		fmt.Fprintf(&po, "msgid %q\nmsgstr %q\n\n", e.English, e.Translation)
	}
	pot.WriteString("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n")
	seen := map[string]bool{}
	for _, q := range qs {
		if !seen[q] {
			seen[q] = true
			fmt.Fprintf(&pot, "msgid %q\nmsgstr \"\"\n\n", q)
		}
	}
	old, ref := filepath.Join(dir, "old.po"), filepath.Join(dir, "new.pot")
	os.WriteFile(old, []byte(po.String()), 0o644)
	os.WriteFile(ref, []byte(pot.String()), 0o644)
	b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
		var out []byte
		for b.Loop() {
			out, err = exec.Command(bin, "--quiet", "-o", filepath.Join(dir, "out.po"), old, ref).CombinedOutput()
			if err != nil {
				b.Fatalf("msgmerge: %v\n%s", err, out)
			}
		}
		data, _ := os.ReadFile(filepath.Join(dir, "out.po"))
		b.ReportMetric(float64(strings.Count(string(data), "#, fuzzy"))/float64(len(seen)), "matched/query")
	})
}
