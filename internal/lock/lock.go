// Package lock keeps two tilmash commands from writing one project at once.
// A command that writes (extract, build, export, merge) takes the project's
// lock, an advisory lock (flock) on the file .tilmash.lock in the project
// root, for as long as it runs. The kernel releases it when the process
// ends, however it ends, so a killed run never leaves a stale lock; the
// file itself, which names the holder, may stay.
package lock

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Name is the lock file's name, in the project root.
const Name = ".tilmash.lock"

// Lock is a held project lock.
type Lock struct{ f *os.File }

// Release lets the next command in.
func (l *Lock) Release() {
	if l != nil && l.f != nil {
		unlock(l.f)
		l.f.Close()
	}
}

// Acquire takes the lock of the project at root for command, waiting up to
// wait for another command that holds it (and saying so on notify). It
// fails, naming the holder, if the wait runs out.
func Acquire(root, command string, wait time.Duration, notify io.Writer) (*Lock, error) {
	p := filepath.Join(root, Name)
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock the project: %w (nothing was changed: tilmash writes %s in the project folder; make the folder writable)", err, Name)
	}
	deadline := time.Now().Add(wait)
	told := false
	for {
		err := tryLock(f)
		if err == nil {
			break
		}
		if !errors.Is(err, errHeld) {
			f.Close()
			return nil, fmt.Errorf("lock the project (%s): %w", p, err)
		}
		holder := readHolder(p)
		if time.Now().After(deadline) {
			f.Close()
			return nil, fmt.Errorf("another tilmash command is writing this project (%s): wait for it to finish and run this one again", holder)
		}
		if !told && notify != nil {
			fmt.Fprintf(notify, "tilmash: waiting for %s to finish…\n", holder)
			told = true
		}
		time.Sleep(50 * time.Millisecond)
	}
	// Ours: say who holds it, for the message a second command gives.
	host, _ := os.Hostname()
	f.Truncate(0)
	f.WriteAt([]byte(fmt.Sprintf("tilmash %s, pid %d on %s, since %s\n", command, os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))), 0)
	return &Lock{f}, nil
}

func readHolder(p string) string {
	data, err := os.ReadFile(p)
	if s := strings.TrimSpace(string(data)); err == nil && s != "" {
		return s
	}
	return "another tilmash command"
}

var errHeld = errors.New("held by another process")
