//go:build unix

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
)

// TestImportRefusesWhatIsNotAFile: /dev/zero (it never ends) and a named
// pipe (opening it waits for a writer) are refused at once, exit 2, with
// every file as it was. Each runs under a 4 GiB address-space limit, so
// that a regression fails the test (out of memory) rather than the
// machine. The pipe has a writer waiting: if import opened it, it would
// read a valid work file and import it, and the test would fail on the
// exit code instead of hanging.
func TestImportRefusesWhatIsNotAFile(t *testing.T) {
	t.Parallel()
	dir, work := importProject(t)
	fifo := filepath.Join(t.TempDir(), "ru.po")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	content, err := os.ReadFile(work)
	if err != nil {
		t.Fatal(err)
	}
	writer := make(chan struct{})
	go func() { // the pipe's writer: it waits until a reader opens the pipe
		defer close(writer)
		if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			f.Write(content)
			f.Close()
		}
	}()
	tests := []struct{ name, file, err string }{
		{"/dev/zero", "/dev/zero", "tilmash: /dev/zero: a device, not a regular file: import reads a work file that tilmash handoff wrote\n"},
		{"a named pipe", fifo, "tilmash: " + fifo + ": a named pipe (FIFO), not a regular file: import reads a work file that tilmash handoff wrote\n"},
	}
	before := inputs(t, dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut strings.Builder
			cmd := exec.Command("sh", "-c", `ulimit -v 4194304 && exec "$0" "$@"`, tilmashBin, "-C", dir, "import", tt.file)
			cmd.Stdout, cmd.Stderr = &out, &errOut
			err := cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != ExitError || errOut.String() != tt.err {
				t.Errorf("exit %d, want 2; stderr %.300q, want %q\n%s", code, errOut.String(), tt.err, out.String())
			}
			if after := inputs(t, dir); !reflect.DeepEqual(after, before) {
				t.Error("the project changed")
			}
		})
	}
	// Release the writer if import did not open the pipe: a reader that
	// does not wait, opened and closed.
	if f, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
		<-writer
		f.Close()
	} else {
		<-writer
	}
}
