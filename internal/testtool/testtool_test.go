package testtool

import "testing"

// TestParseBatch reads each book's verdict out of the batch's output. (The
// tests that use EPUBCheck put a broken book in their batch too, so a real
// epubcheck run shows the helper can fail; the Chromium tests open pages
// that must fail their checks.)
func TestParseBatch(t *testing.T) {
	out := "Picked up JAVA_TOOL_OPTIONS\n" +
		"=== a.epub\nValidating using EPUB version 3.2 rules.\nNo errors or warnings detected.\n=== exit 0\n" +
		"=== b.epub\nERROR(RSC-005): b.epub/x.xhtml(3,4): Error while parsing file\n=== exit 1\n" +
		"=== c.epub\nWARNING(OPF-053): c.epub: date\n=== exit 0\n" +
		"=== d.epub\nNo errors.\n=== exit 2\n"
	got := parseBatch(t, out, []string{"a.epub", "b.epub", "c.epub", "d.epub"})
	want := map[string]bool{"a.epub": true, "b.epub": false, "c.epub": false, "d.epub": false}
	for book, ok := range want {
		if got[book].OK != ok {
			t.Errorf("%s: OK = %v, want %v (%q)", book, got[book].OK, ok, got[book].Output)
		}
	}
	if got["b.epub"].Output != "ERROR(RSC-005): b.epub/x.xhtml(3,4): Error while parsing file" {
		t.Errorf("b.epub output = %q", got["b.epub"].Output)
	}
}
