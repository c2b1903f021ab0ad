package lock

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
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
