package cli

import (
	"bufio"
	"bytes"
	"context"
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

// serving is the real tilmash serve, running.
type serving struct {
	cmd         *exec.Cmd
	url         string // the address it printed first
	out, errOut *syncBuffer
	exited      chan error
}

// serveBinary starts the real tilmash serve on the project in dir with
// args and waits for the address it prints. It is killed when the test
// ends.
func serveBinary(t *testing.T, dir string, args ...string) *serving {
	t.Helper()
	s := &serving{out: newSyncBuffer(), errOut: newSyncBuffer(), exited: make(chan error, 1)}
	s.cmd = exec.Command(tilmashBin, append([]string{"-C", dir, "serve"}, args...)...)
	s.cmd.Stdout, s.cmd.Stderr = s.out, s.errOut
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.exited <- s.cmd.Wait() }()
	t.Cleanup(func() { s.cmd.Process.Kill() })
	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	for end := time.Now().Add(20 * time.Second); s.url == "" && time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		s.url = re.FindString(s.out.String())
	}
	if s.url == "" {
		t.Fatalf("no address printed:\n%s\n%s", s.out, s.errOut)
	}
	return s
}

// stop sends Ctrl-C (SIGINT) and waits for the exit.
func (s *serving) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.exited:
		if err != nil {
			t.Fatalf("after Ctrl-C: %v\n%s", err, s.errOut)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still running 10 s after Ctrl-C")
	}
}

// TestServeBinary runs the real tilmash serve on a copy of the fixture:
// it prints its address, serves the index and the pages, keeps an event
// stream open, and on Ctrl-C (SIGINT) ends the stream and exits 0,
// having written no file.
func TestServeBinary(t *testing.T) {
	dir := copyProject(t)
	before := tree(t, dir)
	srv := serveBinary(t, dir, "--addr", "127.0.0.1:0", "--locale", "kk", "--no-spelling")
	url, out := srv.url, srv.out
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
	srv.stop(t)
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

// TestServeOnTheNetwork: tilmash serve --addr :PORT listens on every
// interface: it says so, with a warning, prints where other machines find
// it, answers another machine's address and its own name, and still
// refuses a request for a name it does not know (DNS rebinding).
func TestServeOnTheNetwork(t *testing.T) {
	srv := serveBinary(t, copyProject(t), "--addr", ":0", "--no-spelling")
	_, port, _ := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(srv.url, "http://"), "/"))
	if want := srv.url + " on this machine"; !strings.Contains(srv.out.String(), want) {
		t.Errorf("the address printed is not said to be this machine's (%s):\n%s", want, srv.out)
	}
	// [::]:PORT, or 0.0.0.0:PORT on a machine without IPv6.
	if want := regexp.MustCompile(`tilmash: warning: --addr :0 listens on every network interface \((\[::\]|0\.0\.0\.0):` + port + `\)`); !want.MatchString(srv.errOut.String()) {
		t.Errorf("no warning %s:\n%s", want, srv.errOut)
	}
	hostname, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	if want := "http://" + net.JoinHostPort(hostname, port) + "/"; !strings.Contains(srv.out.String(), "for other machines at ") || !strings.Contains(srv.out.String(), want) {
		t.Errorf("the addresses for other machines are not printed (%s):\n%s", want, srv.out)
	}
	for _, tc := range []struct {
		host string
		want int
	}{
		{"127.0.0.1:" + port, http.StatusOK},
		{"192.0.2.7:" + port, http.StatusOK},
		{hostname + ":" + port, http.StatusOK},
		{"attacker.example:" + port, http.StatusForbidden},
	} {
		req, _ := http.NewRequest(http.MethodGet, srv.url, nil)
		req.Host = tc.host
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.want {
			t.Errorf("Host: %s: %d, want %d", tc.host, res.StatusCode, tc.want)
		}
	}
	srv.stop(t)
}

// serveRefused runs tilmash with args, a serve that should refuse to
// start: one that starts instead is stopped after 20 s (a hang, not a
// speed), its exit code then -1.
func serveRefused(t *testing.T, dir string, args ...string) (code int, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, tilmashBin, append([]string{"-C", dir}, args...)...)
	cmd.Stderr = &errOut
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), errOut.String()
	} else if err != nil {
		t.Fatalf("tilmash %s: %v", strings.Join(args, " "), err)
	}
	return 0, errOut.String()
}

// TestServeRefuses: an address that is not host:port, a port that is
// taken when --addr names it, and an editor link that is not an editor's
// end with exit 2 and say what to do.
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
		{[]string{"serve", "--addr", "127.0.0.1:0", "--editor-url", "javascript:alert(document.domain)//{path}"}, `--editor-url: "javascript:alert(document.domain)//{path}" does not open an editor: the link must start with an editor's scheme (vscode:, `},
	} {
		code, errOut := serveRefused(t, dir, tc.args...)
		if code != ExitError || !strings.Contains(errOut, tc.want) {
			t.Errorf("tilmash %s: exit %d, %q; want exit 2 and %q", strings.Join(tc.args, " "), code, errOut, tc.want)
		}
	}
	if _, err := os.Stat(dir + "/dist"); err == nil {
		t.Error("a refused serve wrote dist/")
	}
}
