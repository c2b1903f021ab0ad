package finding

import (
	"testing"

	"github.com/tilmash/tilmash/translate/segment"
)

func TestSortStringErrors(t *testing.T) {
	fs := []Finding{
		{Pos: segment.Pos{File: "locales/ru.toml", Line: 9, Col: 3}, Code: "stale", Severity: Error, Unit: "a.b", Message: "m"},
		{Pos: segment.Pos{File: "locales/kk.toml", Line: 20, Col: 1}, Code: "spelling", Severity: Warning, Message: "w", Hint: "h"},
		{Pos: segment.Pos{File: "locales/ru.toml", Line: 9, Col: 1}, Code: "number", Severity: Error, Message: "n"},
		{Pos: segment.Pos{File: "locales/ru.toml", Line: 2, Col: 5}, Code: "missing", Severity: Error, Message: "x"},
	}
	Sort(fs)
	var got []string
	for _, f := range fs {
		got = append(got, f.String())
	}
	want := []string{
		"locales/kk.toml:20:1: warning: w [spelling] (h)",
		"locales/ru.toml:2:5: error: x [missing]",
		"locales/ru.toml:9:1: error: n [number]",
		"locales/ru.toml:9:3: error: a.b: m [stale]",
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("finding %d = %q, want %q", i, got[i], want[i])
		}
	}
	if n := Errors(fs); n != 3 {
		t.Errorf("Errors = %d, want 3", n)
	}
}
