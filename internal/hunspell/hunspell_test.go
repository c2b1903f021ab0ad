package hunspell

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestUnknown(t *testing.T) {
	if _, err := exec.LookPath("hunspell"); err != nil {
		t.Fatal("hunspell is not installed: CI installs it (apt-get install hunspell hunspell-ru hunspell-kk)")
	}
	tests := []struct {
		dict  string
		words []string
		want  []string
	}{
		{"ru_RU", []string{"квартиру", "инопланетянина", "превед", "мобилизацию"}, []string{"превед"}},
		{"kk_KZ", []string{"пәтерде", "жұмылдыру", "қазақтарр"}, []string{"қазақтарр"}},
	}
	for _, tt := range tests {
		got, err := Speller{}.Unknown(tt.dict, tt.words)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Unknown(%s) = %v, want %v", tt.dict, got, tt.want)
		}
	}
	if _, err := (Speller{Program: "no-such-hunspell"}).Unknown("ru_RU", []string{"x"}); err == nil {
		t.Error("a missing program is not an error")
	}
	if _, err := (Speller{}).Unknown("xx_XX", []string{"x"}); err == nil {
		t.Error("a missing dictionary is not an error")
	}
}

// TestIdentity: the identity names the dictionary's files, and changes
// when a dictionary is added.
func TestIdentity(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("DICPATH", dir)
	before := Speller{}.Identity([]string{"xx_XX"})
	if err := os.WriteFile(filepath.Join(dir, "xx_XX.dic"), []byte("1\nword\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	after := Speller{}.Identity([]string{"xx_XX"})
	if before == after || !strings.Contains(after, filepath.Join(dir, "xx_XX.dic")) {
		t.Errorf("identity before %q, after %q", before, after)
	}
}
