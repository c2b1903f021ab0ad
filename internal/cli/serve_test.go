package cli

import (
	"bufio"
	"bytes"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer a process writes while the test reads.
type syncBuffer struct {
	mu chan struct{}
	b  bytes.Buffer
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{mu: make(chan struct{}, 1)} }

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu <- struct{}{}
	defer func() { <-s.mu }()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu <- struct{}{}
	defer func() { <-s.mu }()
	return s.b.String()
}

// TestServeBinary runs the real tilmash serve on a copy of the fixture:
// it prints its address, serves the index and the pages, keeps an event
// stream open, and on Ctrl-C (SIGINT) ends the stream and exits 0,
// having written no file.
func TestServeBinary(t *testing.T) {
	dir := copyProject(t)
	before := tree(t, dir)
	out, errOut := newSyncBuffer(), newSyncBuffer()
	cmd := exec.Command(tilmashBin, "-C", dir, "serve", "--addr", "127.0.0.1:0", "--locale", "kk", "--no-spelling")
	cmd.Stdout, cmd.Stderr = out, errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer cmd.Process.Kill()

	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	var url string
	for end := time.Now().Add(20 * time.Second); url == "" && time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		url = re.FindString(out.String())
	}
	if url == "" {
		t.Fatalf("no address printed:\n%s\n%s", out, errOut)
	}
	if !strings.Contains(out.String(), url+"kk/the-conscript.html") {
		t.Errorf("--locale kk: the Kazakh page is not printed:\n%s", out)
	}
	for _, page := range []string{"", "en/the-conscript.html", "kk/the-conscript.html", "ru/the-conscript.html"} {
		res, err := http.Get(url + page)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "the-conscript") {
			t.Errorf("/%s: %d\n%.300s", page, res.StatusCode, body)
		}
	}
	// A page's event stream, open when Ctrl-C comes.
	res, err := http.Get(url + "_tilmash/events")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	stream := bufio.NewReader(res.Body)
	for {
		line, err := stream.ReadString('\n')
		if err != nil {
			t.Fatalf("the event stream: %v", err)
		}
		if strings.HasPrefix(line, "event: hello") {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("after Ctrl-C: %v\n%s", err, errOut)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still running 10 s after Ctrl-C")
	}
	if _, err := io.ReadAll(stream); err != nil {
		t.Errorf("the event stream did not end cleanly: %v", err)
	}
	if !strings.Contains(out.String(), "tilmash serve: stopped") {
		t.Errorf("no goodbye:\n%s", out)
	}
	if after := tree(t, dir); !maps.EqualFunc(before, after, bytes.Equal) {
		t.Error("tilmash serve changed the project's files")
	}
}

// TestServeRefuses: an address that is not host:port, and a port that
// is taken when --addr names it, end with exit 2 and say what to do.
func TestServeRefuses(t *testing.T) {
	dir := copyProject(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--addr", "8080"}, `--addr "8080": address 8080: missing port in address: write host:port`},
		{[]string{"serve", "--addr", ln.Addr().String()}, "--addr " + ln.Addr().String() + ": "},
		{[]string{"serve", "--locale", "k k"}, "--locale: "},
	} {
		code, _, errOut := tilmashExec(t, dir, tc.args...)
		if code != ExitError || !strings.Contains(errOut, tc.want) {
			t.Errorf("tilmash %s: exit %d, %q; want exit 2 and %q", strings.Join(tc.args, " "), code, errOut, tc.want)
		}
	}
	if _, err := os.Stat(dir + "/dist"); err == nil {
		t.Error("a refused serve wrote dist/")
	}
}
