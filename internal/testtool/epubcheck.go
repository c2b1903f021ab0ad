package testtool

import (
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// EPUBCheckJar is where Debian's epubcheck package installs the checker.
const EPUBCheckJar = "/usr/share/java/epubcheck.jar"

//go:embed EPUBCheckBatch.java
var batchSource []byte

// EPUBCheck runs epubcheck (with --failonwarnings) on every book in one
// JVM and returns each book's report, keyed by the path given, and whether
// epubcheck passed it: no fatal error, error or warning.
func EPUBCheck(t testing.TB, books ...string) map[string]EPUBReport {
	t.Helper()
	if _, err := os.Stat(EPUBCheckJar); err != nil {
		t.Fatalf("epubcheck is not installed: run scripts/deps test (or apt-get install epubcheck)")
	}
	src := filepath.Join(t.TempDir(), "EPUBCheckBatch.java")
	if err := os.WriteFile(src, batchSource, 0o644); err != nil {
		t.Fatal(err)
	}
	// Java's source launcher compiles the one file in memory; a
	// short-lived JVM starts faster with the quick compiler only.
	args := append([]string{"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", EPUBCheckJar, src}, books...)
	out, err := exec.Command("java", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("epubcheck: %v\n%s", err, out)
	}
	return parseBatch(t, string(out), books)
}

// EPUBReport is epubcheck's verdict on one book.
type EPUBReport struct {
	OK     bool   // exit status 0, and no ERROR, FATAL or WARNING line
	Output string // what epubcheck printed about the book
}

func parseBatch(t testing.TB, out string, books []string) map[string]EPUBReport {
	reports := map[string]EPUBReport{}
	for _, book := range books {
		start := strings.Index(out, "=== "+book+"\n")
		if start < 0 {
			t.Fatalf("epubcheck said nothing of %s:\n%s", book, out)
		}
		rest := out[start+len("=== "+book+"\n"):]
		end := strings.Index(rest, "\n=== exit ")
		if end < 0 {
			t.Fatalf("epubcheck did not finish %s:\n%s", book, rest)
		}
		var rc int
		fmt.Sscanf(rest[end+len("\n=== exit "):], "%d", &rc)
		report := rest[:end]
		ok := rc == 0 && !strings.Contains(report, "ERROR") && !strings.Contains(report, "FATAL") && !strings.Contains(report, "WARNING")
		reports[book] = EPUBReport{OK: ok, Output: report}
	}
	return reports
}
