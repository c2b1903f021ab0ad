package hunspell

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// Pipe is a speller that keeps one hunspell process per dictionary and
// feeds it each list of words as it comes: a command that checks an
// archive a part at a time asks many times, and starting hunspell (ru_RU
// takes 0.14 s to load) each time cost more than the checks themselves.
// After each list it sends a word no dictionary has (a random one per
// process); hunspell -l echoes it, which says the list's answer is
// complete. It needs stdbuf
// (coreutils), which makes hunspell write each answer as it is found;
// without it, Pipe asks as Speller does, a process per list. The zero
// value is ready; Close ends the processes.
type Pipe struct {
	Program string // the hunspell binary; "" means "hunspell" on the PATH

	mu    sync.Mutex
	procs map[string]*proc
}

// answerTimeout bounds the wait for one list's answer.
const answerTimeout = 2 * time.Minute

type proc struct {
	sentinel string // a word no dictionary has, its own
	mu       sync.Mutex
	cmd      *exec.Cmd
	in       io.WriteCloser
	out      *bufio.Reader
	outF     *os.File
	stderr   *bytes.Buffer
	err      error // why it stopped, once it has
}

// Unknown returns the words that the dictionary dict does not know.
func (p *Pipe) Unknown(dict string, words []string) ([]string, error) {
	if _, err := exec.LookPath("stdbuf"); err != nil {
		return Speller{Program: p.Program}.Unknown(dict, words)
	}
	pr, err := p.proc(dict)
	if err != nil {
		return nil, err
	}
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.err != nil {
		return nil, pr.err
	}
	// In lists of at most chunk words, written while the answer is read:
	// hunspell writes as it reads, and a list larger than the pipes hold
	// would have both sides wait for each other.
	var unknown []string
	for start := 0; start < len(words) || start == 0; start += chunk {
		list := words[start:min(start+chunk, len(words))]
		var b strings.Builder
		for _, w := range list {
			// A word holding the sentinel (hunspell would echo it as a part
			// of the word) or a line break is not asked about.
			if !strings.Contains(w, pr.sentinel) && !strings.ContainsAny(w, "\r\n") {
				b.WriteString(w + "\n")
			}
		}
		b.WriteString(pr.sentinel + "\n")
		written := make(chan error, 1)
		go func() {
			_, err := io.WriteString(pr.in, b.String())
			written <- err
		}()
		pr.outF.SetReadDeadline(time.Now().Add(answerTimeout))
		for {
			line, err := pr.out.ReadString('\n')
			if err != nil {
				return nil, pr.fail(dict, err)
			}
			line = strings.TrimSpace(line)
			if line == pr.sentinel {
				break
			}
			if line != "" {
				unknown = append(unknown, line)
			}
		}
		if err := <-written; err != nil {
			return nil, pr.fail(dict, err)
		}
		if len(words) == 0 {
			break
		}
	}
	return unknown, nil
}

// chunk is how many words a list sent at once holds at most.
const chunk = 500

// proc returns dict's process, started the first time.
func (p *Pipe) proc(dict string) (*proc, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if pr := p.procs[dict]; pr != nil {
		return pr, nil
	}
	prog := p.Program
	if prog == "" {
		prog = "hunspell"
	}
	path, err := exec.LookPath(prog)
	if err != nil {
		return nil, fmt.Errorf("%s is not installed", prog)
	}
	cmd := exec.Command("stdbuf", "-oL", path, "-l", "-i", "utf-8", "-d", dict)
	pr := &proc{cmd: cmd, stderr: &bytes.Buffer{}, sentinel: sentinel()}
	cmd.Stderr = pr.stderr
	if pr.in, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = w
	if err := cmd.Start(); err != nil {
		r.Close()
		w.Close()
		return nil, fmt.Errorf("hunspell -d %s: %v", dict, err)
	}
	w.Close()
	pr.outF, pr.out = r, bufio.NewReader(r)
	if p.procs == nil {
		p.procs = map[string]*proc{}
	}
	p.procs[dict] = pr
	return pr, nil
}

// fail records why the process cannot answer, in hunspell's words when it
// said any (a dictionary it cannot open), and ends it.
func (pr *proc) fail(dict string, err error) error {
	pr.in.Close()
	pr.cmd.Process.Kill()
	pr.cmd.Wait()
	msg := strings.TrimSpace(pr.stderr.String())
	switch {
	case strings.Contains(msg, "Can't open affix or dictionary"):
		pr.err = fmt.Errorf("no hunspell dictionary %s", dict)
	case errors.Is(err, os.ErrDeadlineExceeded):
		pr.err = fmt.Errorf("hunspell -d %s: no answer in %s", dict, answerTimeout)
	case msg != "":
		pr.err = fmt.Errorf("hunspell -d %s: %v: %s", dict, err, msg)
	default:
		pr.err = fmt.Errorf("hunspell -d %s: %v", dict, err)
	}
	return pr.err
}

// Close ends every process.
func (p *Pipe) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, pr := range p.procs {
		pr.mu.Lock()
		if pr.err == nil {
			pr.in.Close()
			pr.cmd.Wait()
			pr.outF.Close()
		}
		pr.mu.Unlock()
	}
	p.procs = nil
	return nil
}

// Identity is Speller's, for the result cache.
func (p *Pipe) Identity(dicts []string) string { return Speller{Program: p.Program}.Identity(dicts) }

// sentinel makes a word no dictionary has, of Latin letters alone (hunspell
// splits a word at a digit): zzq, twelve random letters, zzq.
func sentinel() string {
	b := []byte("zzq")
	for range 12 {
		b = append(b, byte('a'+rand.IntN(26)))
	}
	return string(append(b, "zzq"...))
}
