package preview

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tilmash/tilmash/internal/workspace"
)

// watchedListener notes, per client address, a write the server has been
// blocked in for a while (the client does not read), and the server
// closing the connection. Its connections have a small send buffer, so
// that a client that does not read blocks the server sooner.
type watchedListener struct {
	net.Listener
	mu      sync.Mutex
	blocked map[string]bool
	closed  map[string]bool
}

func listenWatched(t *testing.T) *watchedListener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return &watchedListener{Listener: ln, blocked: map[string]bool{}, closed: map[string]bool{}}
}

func (l *watchedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(8 << 10)
	}
	return &watchedConn{Conn: c, l: l, client: c.RemoteAddr().String()}, nil
}

func (l *watchedListener) note(m map[string]bool, client string) {
	l.mu.Lock()
	m[client] = true
	l.mu.Unlock()
}

func (l *watchedListener) has(m map[string]bool, client string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return m[client]
}

type watchedConn struct {
	net.Conn
	l      *watchedListener
	client string
}

func (c *watchedConn) Write(p []byte) (int, error) {
	t := time.AfterFunc(200*time.Millisecond, func() { c.l.note(c.l.blocked, c.client) })
	defer t.Stop()
	return c.Conn.Write(p)
}

func (c *watchedConn) Close() error {
	c.l.note(c.l.closed, c.client)
	return c.Conn.Close()
}

// stuckClient connects with a small receive buffer, asks for target n
// times in one go (HTTP pipelining) and never reads an answer. It
// disconnects when the test ends.
func stuckClient(t *testing.T, host, target string, n int) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	conn.(*net.TCPConn).SetReadBuffer(4 << 10)
	t.Cleanup(func() { conn.Close() })
	req := "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n"
	go conn.Write([]byte(strings.Repeat(req, n)))
	return conn
}

// readUntil reads lines from r until one starts with prefix; it fails if
// none comes within d (a hang).
func readUntil(t *testing.T, r *bufio.Reader, prefix string, d time.Duration) {
	t.Helper()
	found := make(chan error, 1)
	go func() {
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				found <- err
				return
			}
			if strings.HasPrefix(line, prefix) {
				found <- nil
				return
			}
		}
	}()
	select {
	case err := <-found:
		if err != nil {
			t.Fatalf("the event stream ended before %q: %v", prefix, err)
		}
	case <-time.After(d):
		t.Fatalf("no %q on the event stream after %s", prefix, d)
	}
}

// openEvents opens the event stream at url and reads its hello. The
// stream is closed when the test ends.
func openEvents(t *testing.T, url string) *bufio.Reader {
	t.Helper()
	r, closeStream := openEventsClosable(t, url)
	t.Cleanup(closeStream)
	return r
}

// openEventsClosable is openEvents, with a function that closes the
// stream.
func openEventsClosable(t *testing.T, url string) (*bufio.Reader, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/_tilmash/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	closeStream := func() { cancel(); res.Body.Close() }
	if res.StatusCode != http.StatusOK {
		closeStream()
		t.Fatalf("the event stream: %s", res.Status)
	}
	r := bufio.NewReader(res.Body)
	readUntil(t, r, "event: hello", 10*time.Second)
	return r, closeStream
}

// TestStuckClient: a client that pipelines hundreds of requests on one
// connection and never reads holds up nobody else. While the server is
// stuck writing to it, other clients get the index, the pages and the
// assets, an event stream opens, and a catalogue saved reaches it.
func TestStuckClient(t *testing.T) {
	dir := project(t)
	s := New(Options{Dir: dir, Layout: workspace.Default})
	s.writeTimeout = time.Minute // stuck for the whole test
	l := listenWatched(t)
	url := serve(t, s, l)
	bad := stuckClient(t, strings.TrimPrefix(url, "http://"), "/kk/the-conscript.html", 400)
	if err := poll(30*time.Second, func() bool { return l.has(l.blocked, bad.LocalAddr().String()) }); err != nil {
		t.Fatal("the server never got stuck writing to the client that does not read")
	}
	client := &http.Client{Timeout: 10 * time.Second} // a hang, not a speed
	for _, p := range []string{"/", "/kk/the-conscript.html", "/ru/the-conscript.html", "/_tilmash/preview.js"} {
		res, err := client.Get(url + p)
		if err != nil {
			t.Fatalf("%s, while a client is stuck: %v", p, err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s, while a client is stuck: %s", p, res.Status)
		}
	}
	events := openEvents(t, url)
	kk := filepath.Join(dir, "locales/kk/the-conscript.kk.toml")
	data, err := os.ReadFile(kk)
	if err != nil {
		t.Fatal(err)
	}
	writeAtomically(t, kk, string(data)+"# saved while a client is stuck\n")
	readUntil(t, events, "event: change", 10*time.Second)
}

// TestClientThatDoesNotReadIsDropped: a client that reads nothing of what
// it asked for (pages pipelined, an event stream) loses its connection
// once a write to it has waited the write timeout; an event stream's
// place is given up.
func TestClientThatDoesNotReadIsDropped(t *testing.T) {
	for _, tc := range []struct {
		name, target string
		n            int
	}{
		{"pages pipelined", "/kk/the-conscript.html", 400},
		{"event stream", "/_tilmash/events", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := New(Options{Dir: project(t), Layout: workspace.Default})
			s.writeTimeout = 300 * time.Millisecond
			l := listenWatched(t)
			url := serve(t, s, l)
			bad := stuckClient(t, strings.TrimPrefix(url, "http://"), tc.target, tc.n)
			news := strings.Repeat("g", 64<<10) // fills the stream's buffers at once
			err := poll(30*time.Second, func() bool {
				s.broadcast(news)
				return l.has(l.closed, bad.LocalAddr().String())
			})
			if err != nil {
				t.Fatalf("after 30 s, the server still holds the connection of a client that reads nothing (write timeout %s)", s.writeTimeout)
			}
			if err := poll(10*time.Second, func() bool { s.subMu.Lock(); defer s.subMu.Unlock(); return len(s.subs) == 0 }); err != nil {
				t.Error("the dropped client's event stream is still subscribed")
			}
		})
	}
}

// TestEventStreamOutlivesWriteTimeout: the write timeout is per write: an
// event stream a page reads stays open, pinged, long after it.
func TestEventStreamOutlivesWriteTimeout(t *testing.T) {
	s := New(Options{Dir: project(t), Layout: workspace.Default})
	s.writeTimeout, s.pingEvery = 100*time.Millisecond, 20*time.Millisecond
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	events := openEvents(t, serve(t, s, ln))
	for range 30 { // 30 pings: 6 times the write timeout
		readUntil(t, events, ": ping", 10*time.Second)
	}
	s.broadcast("after-the-pings")
	readUntil(t, events, "data: after-the-pings", 10*time.Second)
}

// TestEventStreamCap: the server keeps so many event streams open at
// most; one more is refused with 503, saying why and when to retry, and
// a stream closed makes room for another.
func TestEventStreamCap(t *testing.T) {
	s := New(Options{Dir: project(t), Layout: workspace.Default})
	s.maxStreams = 3
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := serve(t, s, ln)
	_, first := openEventsClosable(t, url)
	openEvents(t, url)
	openEvents(t, url)
	client := &http.Client{Timeout: 10 * time.Second} // a stream, not refused, would hang the test
	res, err := client.Get(url + "/_tilmash/events")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatalf("a fourth event stream: %s, not refused (%v)", res.Status, err)
	}
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" || !strings.Contains(string(body), "3 open pages already follow changes") {
		t.Fatalf("a fourth event stream: %s, Retry-After %q, %q; want 503, Retry-After and why", res.Status, res.Header.Get("Retry-After"), body)
	}
	if code, _ := get(t, url+"/kk/the-conscript.html"); code != http.StatusOK {
		t.Errorf("a page, with every stream taken: %d", code)
	}
	first()
	if err := poll(10*time.Second, func() bool { s.subMu.Lock(); defer s.subMu.Unlock(); return len(s.subs) < 3 }); err != nil {
		t.Fatal("a closed event stream is still counted")
	}
	openEvents(t, url)
}

// TestIdleConnectionClosed: a connection that asked for a page and then
// waits, asking nothing, is closed after the idle timeout.
func TestIdleConnectionClosed(t *testing.T) {
	s := New(Options{Dir: project(t), Layout: workspace.Default})
	s.idleTimeout = 200 * time.Millisecond
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(serve(t, s, ln), "http://")
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET /_tilmash/preview.css HTTP/1.1\r\nHost: "+host+"\r\n\r\n")
	r := bufio.NewReader(conn)
	res, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	conn.SetReadDeadline(time.Now().Add(10 * time.Second)) // a hang
	if _, err := r.ReadByte(); err != io.EOF {
		t.Fatalf("an idle connection: %v, want it closed by the server (EOF)", err)
	}
}
