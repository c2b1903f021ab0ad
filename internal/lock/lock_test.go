package lock

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestSecondWaitsThenRefuses(t *testing.T) {
	root := t.TempDir()
	first, err := Acquire(root, "extract", 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	var notes bytes.Buffer
	_, err = Acquire(root, "build", 200*time.Millisecond, &notes)
	if err == nil || !strings.Contains(err.Error(), "tilmash extract, pid") {
		t.Fatalf("second Acquire = %v, want a refusal naming the first", err)
	}
	if !strings.Contains(notes.String(), "waiting for tilmash extract") {
		t.Errorf("notes = %q", notes.String())
	}
	first.Release()
	second, err := Acquire(root, "build", 0, nil)
	if err != nil {
		t.Fatalf("after Release: %v", err)
	}
	second.Release()
}

// TestKilledHolderFreesTheLock: a holder killed with SIGKILL leaves no
// stale lock.
func TestKilledHolderFreesTheLock(t *testing.T) {
	if os.Getenv("TILMASH_LOCK_HOLDER") != "" {
		if _, err := Acquire(os.Getenv("TILMASH_LOCK_HOLDER"), "build", 0, nil); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("held\n")
		time.Sleep(time.Minute)
		return
	}
	root := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run", "^TestKilledHolderFreesTheLock$")
	cmd.Env = append(os.Environ(), "TILMASH_LOCK_HOLDER="+root)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := out.Read(buf); err != nil || string(buf) != "held\n" {
		t.Fatalf("holder: %q %v", buf, err)
	}
	if _, err := Acquire(root, "extract", 0, nil); err == nil {
		t.Fatal("the lock was taken while the holder ran")
	}
	cmd.Process.Kill()
	cmd.Wait()
	l, err := Acquire(root, "extract", time.Second, nil)
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	l.Release()
}

// TestLockFileFromTheRepository: a .tilmash.lock that anyone could have
// committed (a link, a folder, a pipe, a hard link to a catalogue) is
// refused, and whatever it points at is left exactly as it was.
func TestLockFileFromTheRepository(t *testing.T) {
	tests := []struct {
		name  string
		plant func(t *testing.T, root, outside string)
		want  string
	}{
		{"link to a catalogue", func(t *testing.T, root, outside string) {
			must(t, os.Symlink(filepath.Join(root, "ru.toml"), filepath.Join(root, Name)))
		}, "a symbolic link"},
		{"dangling link out of the project", func(t *testing.T, root, outside string) {
			must(t, os.Symlink(filepath.Join(outside, "created"), filepath.Join(root, Name)))
		}, "a symbolic link"},
		{"link to /dev/zero", func(t *testing.T, root, outside string) {
			must(t, os.Symlink("/dev/zero", filepath.Join(root, Name)))
		}, "a symbolic link"},
		{"folder", func(t *testing.T, root, outside string) {
			must(t, os.Mkdir(filepath.Join(root, Name), 0o755))
		}, "a folder"},
		{"named pipe", func(t *testing.T, root, outside string) {
			must(t, syscall.Mkfifo(filepath.Join(root, Name), 0o644))
		}, "not a regular file"},
		{"hard link to a catalogue", func(t *testing.T, root, outside string) {
			must(t, os.Link(filepath.Join(root, "ru.toml"), filepath.Join(root, Name)))
		}, "a hard link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, outside := t.TempDir(), t.TempDir()
			catalogue := []byte("[greeting]\nother = \"Сәлем\"\n")
			must(t, os.WriteFile(filepath.Join(root, "ru.toml"), catalogue, 0o644))
			tt.plant(t, root, outside)
			l, err := Acquire(root, "extract", 0, nil)
			if err == nil {
				l.Release()
				t.Fatal("Acquire took the lock")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "delete it") {
				t.Errorf("error = %v, want %q and what to do", err, tt.want)
			}
			if data, _ := os.ReadFile(filepath.Join(root, "ru.toml")); !bytes.Equal(data, catalogue) {
				t.Errorf("ru.toml = %q, want it untouched", data)
			}
			if entries, _ := os.ReadDir(outside); len(entries) != 0 {
				t.Errorf("a file appeared outside the project: %v", entries)
			}
		})
	}
}

// TestHolderLine: the holder's line is written without truncating the file
// and read back bounded, with control characters shown as '?', so a lock
// file's content cannot drive the terminal.
func TestHolderLine(t *testing.T) {
	root := t.TempDir()
	long := append([]byte("\x1b]0;pwned\x07tilmash build, pid 1\x1b[2J"), bytes.Repeat([]byte("x"), 1<<20)...)
	must(t, os.WriteFile(filepath.Join(root, Name), long, 0o644))
	f, err := os.Open(filepath.Join(root, Name))
	must(t, err)
	holder := readHolder(f)
	f.Close()
	if strings.ContainsAny(holder, "\x1b\x07") || len(holder) > holderSize {
		t.Errorf("holder = %q: control characters or unbounded", holder)
	}
	l, err := Acquire(root, "extract", 0, nil)
	must(t, err)
	defer l.Release()
	data, _ := os.ReadFile(filepath.Join(root, Name))
	if len(data) != len(long) {
		t.Errorf("the lock file went from %d to %d bytes: truncated", len(long), len(data))
	}
	if !bytes.HasPrefix(data, []byte("tilmash extract, pid")) || data[holderSize-1] != '\n' {
		t.Errorf("holder line = %q", data[:holderSize])
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
