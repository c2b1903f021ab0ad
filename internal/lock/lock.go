// Package lock keeps two tilmash commands from writing one project at once.
// A command that writes (extract, build, export, import) takes the
// project's lock, an advisory lock (flock) on the file .tilmash.lock in the
// project root, for as long as it runs. The kernel releases it when the
// process ends, however it ends, so a killed run never leaves a stale lock;
// the file itself, which names the holder, may stay.
//
// The lock file may have been put there by anyone who can commit to the
// repository: it is opened without following a symbolic link, must be a
// regular file with no other name (a hard link would have tilmash write
// into a catalogue), is never truncated, and is read only as far as a
// holder's line goes.
package lock

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
)

// Name is the lock file's name, in the project root.
const Name = ".tilmash.lock"

// holderSize is the length of the line that names the holder, written at
// the start of the lock file and padded with spaces so that no older,
// longer line shows through (the file is never truncated).
const holderSize = 200

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
	f, err := open(p)
	if err != nil {
		return nil, err
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
		holder := readHolder(f)
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
	line := fmt.Sprintf("tilmash %s, pid %d on %s, since %s", command, os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
	if len(line) > holderSize-1 {
		line = line[:holderSize-1]
	}
	f.WriteAt([]byte(line+strings.Repeat(" ", holderSize-1-len(line))+"\n"), 0)
	return &Lock{f}, nil
}

// refusal is the error for a lock file tilmash will not use.
func refusal(p, what string) error {
	return fmt.Errorf("lock the project: %s is %s, not the lock file tilmash makes: nothing was changed; delete it (tilmash makes a new one) and run the command again", p, what)
}

// readHolder returns the holder's line, as a terminal may show it.
func readHolder(f *os.File) string {
	buf := make([]byte, holderSize)
	n, _ := f.ReadAt(buf, 0)
	line, _, _ := bytes.Cut(buf[:n], []byte("\n"))
	s := strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar || unicode.Is(unicode.Bidi_Control, r) {
			return '?'
		}
		return r
	}, string(line)))
	if s == "" {
		return "another tilmash command"
	}
	return s
}

var errHeld = errors.New("held by another process")
