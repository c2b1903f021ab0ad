package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestWrite renders made-up timings: the pairs side by side, memory at
// 1,000 and 10,000 articles, the targets met or missed by how much, a run
// stopped at the memory limit, the load and the notes.
func TestWrite(t *testing.T) {
	times := strings.Join([]string{
		"1000\tcheck (ru + kk)\t30\t2097152\t1",
		"1000\tcheck (ru + kk)\t32\t2097152\t1",
		"1000\tcheck (ru + kk)\t31\t2097152\t1",
		"1000\tmsgfmt -c --statistics (ru + kk)\t7\t150000\t0",
		"1000\tstatus\t29\t2000000\t0",
		"1000\tpocount (ru + kk)\t12\t400000\t0",
		"1000\tbuild (3 locales x 4 formats)\t80\t3000000\t0",
		"10000\tcheck (ru + kk)\t400\t16777216\tover16384",
		"10000\tmsgfmt -c --statistics (ru + kk)\t70\t150000\t0",
		"10000\tbuild (3 locales x 4 formats)\t50\t200000\t0",
		"10000\tcheck (one article edited)\t0.4\t100000\t1",
		"10000\tbuild (nothing changed)\t0.9\t100000\t0",
		"100\tbuild (one article edited)\t9\t16777216\tover16384",
		"100\tbuild (nothing changed)\t9\t16777216\tover16384",
		"malformed line",
	}, "\n")
	var out bytes.Buffer
	write(&out, read(strings.NewReader(times)), 3, "before\t2026-12-06 12:00 UTC\tload average: 7.6\nafter\t2026-12-06 14:00 UTC\tload average: 9.1\n", "## Profile\n\nNotes.\n", time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC), "2 cores")
	got := out.String()
	for _, want := range []string{
		"| 1000 | `check (ru + kk)` | 31.00 s | 2,048 MiB | `msgfmt -c --statistics (ru + kk)` | 7.00 s | 146 MiB | 4.4× slower |",
		"| 1000 | `status` | 29.00 s | 1,953 MiB | `pocount (ru + kk)` | 12.00 s | 391 MiB | 2.4× slower |",
		"| 10000 | `check (ru + kk)` | stopped after 400 s | > 16,384 MiB (stopped) | `msgfmt -c --statistics (ru + kk)` | 70.00 s | 146 MiB | > 5.7× slower |",
		"| `check (ru + kk)` | 2,048 MiB | > 16,384 MiB (stopped) | > 8.0× |",
		"at 10,000 articles",
		"| cold `check` at least 5× faster than `msgfmt -c` on the same units | stopped after 400 s against 70.00 s: at most 0.17× as fast | no: at least 28.6× short (check is at least 5.7× slower than msgfmt -c) |",
		"| cold `build`, every locale × 4 formats, under 60 s | 50.00 s | yes |",
		"| peak memory of `check (ru + kk)` at 1,000 articles under 300 MiB | 2,048 MiB | no: 6.8× over |",
		"| peak memory of `check (ru + kk)` at 10,000 articles under 300 MiB | > 16,384 MiB (stopped) | no: at least 54.6× over (stopped at the memory limit) |",
		"| peak memory of `build (3 locales x 4 formats)` at 10,000 articles under 300 MiB | 195 MiB | yes |",
		"| one article edited: `check` under 0.5 s | 0.40 s | yes |",
		"| nothing changed: `build` under 0.3 s | 0.90 s | no: 3.0× over |",
		"- before: 2026-12-06 12:00 UTC — load average: 7.6",
		"## Profile\n\nNotes.",
		"A run marked stopped held more memory than bench/run allows at 100 and 10,000 articles",
		"At 100 articles `build (nothing changed)` built everything",
		"| command | 100 → 1000 | 1000 → 10000 |",
		"| `check (ru + kk)` | – |",
		"| `build (3 locales x 4 formats)` | – | -0.20 |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}
