package render

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// epubcheck runs Debian's epubcheck on a book and returns its report.
func epubcheck(t *testing.T, book []byte) (string, error) {
	t.Helper()
	jar := "/usr/share/java/epubcheck.jar"
	if _, err := os.Stat(jar); err != nil {
		t.Fatalf("epubcheck is not installed (%v): CI installs it with apt-get install epubcheck", err)
	}
	f := filepath.Join(t.TempDir(), "book.epub")
	if err := os.WriteFile(f, book, 0o644); err != nil {
		t.Fatal(err)
	}
	// A short-lived JVM starts faster with the quick compiler only.
	out, err := exec.Command("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, "--failonwarnings", f).CombinedOutput()
	return string(out), err
}

func TestEPUB(t *testing.T) {
	for _, name := range []string{"field-notes.md", "interview.md", "crlf.md"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // one epubcheck per book: let them share the cores
			src, err := os.ReadFile("../segment/testdata/" + name)
			if err != nil {
				t.Fatal(err)
			}
			_, ed := english(t, "content/"+name, src)
			book, warnings := EPUB(ed, Page{})
			again, _ := EPUB(ed, Page{})
			if !bytes.Equal(book, again) {
				t.Error("two renderings differ")
			}
			z, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
			if err != nil {
				t.Fatal(err)
			}
			first := z.File[0]
			if first.Name != "mimetype" || first.Method != zip.Store || len(first.Extra) != 0 {
				t.Errorf("first entry %q method %d extra %d: want mimetype, stored, no extra field", first.Name, first.Method, len(first.Extra))
			}
			if out, err := epubcheck(t, book); err != nil || strings.Contains(out, "WARNING") || strings.Contains(out, "ERROR") {
				t.Errorf("epubcheck: %v\n%s", err, out)
			}
			if name == "crlf.md" && len(warnings) == 0 {
				t.Error("the raw <abbr> fragments were not reported")
			}
		})
	}
}
