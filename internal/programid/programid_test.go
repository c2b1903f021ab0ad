package programid

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tilmash/tilmash/internal/programid/programidtest"
)

// TestGoBuildID: the name of a Go executable is the build ID the toolchain
// reads from it (go tool buildid), and a program whose ID differs (as one
// linked from other source) has another name, though its size is the same.
func TestGoBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	want := "go:" + strings.TrimSpace(string(out))
	if got := Of(exe); got != want {
		t.Fatalf("Of(the test binary) = %q, want %q", got, want)
	}
	if got := Self(); got != want {
		t.Errorf("Self() = %q, want %q", got, want)
	}
	// Another program: the same bytes, one byte of the ID changed.
	other := filepath.Join(t.TempDir(), "other")
	programidtest.OtherBuild(t, exe, other)
	if got := Of(other); got == want || !strings.HasPrefix(got, "go:") {
		t.Errorf("Of(a program with another build ID) = %q; want a go: name other than %q", got, want)
	}
}

// TestWithoutBuildID: a file with no Go build ID to read is named by the
// hash of its content; one that cannot be read, by "".
func TestWithoutBuildID(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string][]byte{
		"script":        []byte("#!/bin/sh\necho tilmash\n"),
		"elf-like":      append([]byte("\x7fELF"), bytes.Repeat([]byte{0}, 60)...),
		"script-edited": []byte("#!/bin/sh\necho tilmash!\n"),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), content, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	a, b := Of(filepath.Join(dir, "script")), Of(filepath.Join(dir, "script-edited"))
	if !strings.HasPrefix(a, "sha256:") || len(a) != len("sha256:")+64 {
		t.Errorf("Of(a shell script) = %q, want sha256: and its hash", a)
	}
	if a == b {
		t.Errorf("two scripts that differ have one name, %q", a)
	}
	if got := Of(filepath.Join(dir, "elf-like")); !strings.HasPrefix(got, "sha256:") {
		t.Errorf("Of(a broken ELF header) = %q, want its hash", got)
	}
	if got := Of(filepath.Join(dir, "missing")); got != "" {
		t.Errorf("Of(a missing file) = %q, want \"\"", got)
	}
}
