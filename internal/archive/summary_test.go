package archive

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/tilmash/tilmash/translate/finding"
)

// TestSummaryChunks: a run's summary of more findings and units than a
// chunk holds reads back as it was; cut short anywhere, or with nothing
// in a list, it is an error or a summary as written, never a panic.
func TestSummaryChunks(t *testing.T) {
	s := summary{Locales: []string{"en", "ru"}, Required: []string{"ru"}, Articles: 3, Parts: 3}
	for i := range 2*summaryChunk + 7 {
		s.Findings = append(s.Findings, finding.Finding{Unit: fmt.Sprintf("a.s.p-%d", i), Code: "missing", Message: "no Russian translation"})
	}
	for i := range summaryChunk + 1 {
		s.Units = append(s.Units, fmt.Sprintf("a.s.p-%d", i))
	}
	data, err := encodeSummary(s)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeSummary(data)
	if err != nil || !reflect.DeepEqual(*got, s) {
		t.Fatalf("read back: %v; equal: %v", err, err == nil && reflect.DeepEqual(*got, s))
	}
	for _, n := range []int{0, 1, len(data) / 3, len(data) / 2, len(data) - 1} {
		if _, err := decodeSummary(data[:n]); err == nil {
			t.Errorf("cut at %d of %d bytes: read as whole", n, len(data))
		}
	}
	empty, err := encodeSummary(summary{Locales: []string{"en"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := decodeSummary(empty); err != nil || got.Findings != nil || got.Editions != nil || got.Units != nil {
		t.Errorf("an empty summary: %v, %+v", err, got)
	}
}

// FuzzDecodeSummary: whatever a cache entry holds, reading it as a summary
// is an error or a summary, never a panic.
func FuzzDecodeSummary(f *testing.F) {
	s := summary{Locales: []string{"en", "kk"}, Findings: []finding.Finding{{Unit: "a.t", Code: "missing"}}, Units: []string{"a.t"}}
	data, err := encodeSummary(s)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, err := decodeSummary(data); err == nil {
			got.valid()
		}
	})
}
