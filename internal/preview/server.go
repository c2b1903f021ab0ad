// Package preview is tilmash serve: a local web server that shows each
// article's edition in each locale as build renders it, beside the English,
// with every finding of tilmash check at the unit it concerns, and updates
// open pages (server-sent events) within moments of a file being saved.
//
// The server only reads. It serves pages it renders in memory from the
// project (an index, one page per locale and article, under the same
// /<locale>/<article>.html paths as dist/) and its own two assets; no URL
// maps to a file on disk. Listening on loopback, it answers loopback
// clients only, and only requests addressed to a loopback name (against
// DNS rebinding); listening on the network, it answers requests addressed
// to an IP address, a loopback name or one of Options.Hosts. Either way it
// refuses requests made by another site's page (Origin, Sec-Fetch-Site).
//
// One client cannot hold up the others: nothing is written to a client
// under a lock, every write has a deadline (a client that does not read
// what it asked for loses its connection), idle connections are closed,
// and the number of event streams is capped.
package preview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/tilmash/tilmash/internal/escape"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/check"
)

// Options configure a Server.
type Options struct {
	Dir    string           // the project root
	Layout workspace.Layout // its folders
	// Speller checks spelling, as tilmash check does; nil: no spelling.
	// The server asks it about each word once.
	Speller check.Speller
	// EditorURL makes a finding's file:line a link that opens the file in
	// the translator's editor: {path} (absolute), {line} and {col} are
	// replaced. Empty: no link, the position as text. It must pass
	// CheckEditorURL (an editor's scheme); if not, there is no link.
	EditorURL string
	// Log receives a line per reload and per problem; nil: discarded.
	Log io.Writer
	// Hosts are the host names, besides localhost and IP addresses, that
	// requests may be addressed to when the server listens beyond
	// loopback (the machine's name, the name --addr gave). A request for
	// any other name is refused: a page elsewhere may point its own name
	// at this machine (DNS rebinding). Unused on loopback.
	Hosts []string
}

// DefaultEditorURL opens a file at a line in Visual Studio Code.
const DefaultEditorURL = "vscode://file/{path}:{line}:{col}"

// The server's limits (Server fields, lowered by the tests).
const (
	// WriteTimeout is how long one write to a client may take: a client
	// that does not read what it asked for loses its connection then.
	WriteTimeout = 10 * time.Second
	// IdleTimeout is how long a connection may wait, between requests,
	// for the next one.
	IdleTimeout = 2 * time.Minute
	// MaxStreams is how many event streams (open pages following
	// changes) the server keeps at once; beyond, 503.
	MaxStreams = 100
	// pingEvery is how often an idle event stream gets a comment, so
	// that a client gone away is noticed.
	pingEvery = 15 * time.Second
)

// Server is the live preview of one project.
type Server struct {
	opts Options
	log  io.Writer

	mu    sync.Mutex // guards the fields below, and every use of a workspace
	state *state

	subMu sync.Mutex
	subs  map[chan string]struct{}
	quit  chan struct{} // closed on shutdown: ends the event streams

	loopbackOnly bool            // set by Serve from the listener's address
	hosts        map[string]bool // Options.Hosts, as hostName writes them

	writeTimeout, idleTimeout, pingEvery time.Duration // the limits above
	maxStreams                           int
}

// New makes a server for the project opts name and reads the project once.
// A project that cannot be read is not an error: its pages show what is
// wrong until a file is saved that fixes it.
func New(opts Options) *Server {
	s := &Server{opts: opts, log: opts.Log, subs: map[chan string]struct{}{}, quit: make(chan struct{}), loopbackOnly: true, hosts: map[string]bool{},
		writeTimeout: WriteTimeout, idleTimeout: IdleTimeout, pingEvery: pingEvery, maxStreams: MaxStreams}
	for _, h := range opts.Hosts {
		if h := hostName(h); h != "" {
			s.hosts[h] = true
		}
	}
	if s.log == nil {
		s.log = io.Discard
	}
	if err := CheckEditorURL(opts.EditorURL); err != nil {
		fmt.Fprintf(s.log, "tilmash: the editor link: %s: positions are shown without a link\n", escape.Line(err.Error()))
		s.opts.EditorURL = ""
	}
	if opts.Speller != nil {
		s.opts.Speller = newCachedSpeller(opts.Speller)
	}
	s.state = &state{good: map[string]*entry{}}
	s.Reload("start")
	return s
}

// Serve answers requests on ln and watches the project's files until ctx
// is done; then it ends the open event streams and shuts down, waiting up
// to five seconds for requests under way. It returns nil after a clean
// shutdown. Each response must be written within WriteTimeout (an event
// stream, each of its events), and a connection idle for IdleTimeout is
// closed.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok {
		s.loopbackOnly = tcp.IP.IsLoopback()
	}
	w, err := newWatcher(s.opts.Dir, s.opts.Layout)
	if err != nil {
		fmt.Fprintf(s.log, "tilmash: cannot watch the project (%s): pages update when reloaded\n", escape.Line(err.Error()))
	} else {
		defer w.close()
		go w.run(ctx, s.log, s.Reload)
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, WriteTimeout: s.writeTimeout, IdleTimeout: s.idleTimeout}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	close(s.quit)
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		// A connection a browser opened ahead and never used counts as
		// busy for its first seconds (net/http): closed, not waited for.
		srv.Close()
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Handler answers the preview's requests: the index, each edition's
// page, the assets and the event stream. Anything else is 404.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

func (s *Server) serveHTTP(rw http.ResponseWriter, r *http.Request) {
	h := rw.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'self'; img-src * data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	if why := s.refusal(r); why != "" {
		http.Error(rw, why, http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(rw, "the preview is read-only: GET only", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	switch {
	case p == "/":
		s.serveIndex(rw, r)
	case p == "/_tilmash/events":
		s.serveEvents(rw, r)
	case strings.HasPrefix(p, "/_tilmash/"):
		serveAsset(rw, r, strings.TrimPrefix(p, "/_tilmash/"))
	default:
		loc, file, ok := strings.Cut(strings.TrimPrefix(p, "/"), "/")
		slug, isPage := strings.CutSuffix(file, ".html")
		if !ok || !isPage || slug == "" || strings.ContainsAny(slug, "/\\") || strings.Contains(slug, "..") {
			s.notFound(rw, r)
			return
		}
		s.servePage(rw, r, loc, slug)
	}
}

// refusal says why the server does not answer r, or is "". Listening on
// loopback, it answers this machine only, and only requests addressed to
// a loopback name or address; listening on the network, requests
// addressed to an IP address, a loopback name or one of Options.Hosts. A
// page elsewhere that points its own name at this machine (DNS
// rebinding) is refused so. A request another site's page makes (a
// fetch, an event stream, an image) is refused too, by its Origin or
// Sec-Fetch-Site; following a link to the preview is not.
func (s *Server) refusal(r *http.Request) string {
	name := hostName(r.Host)
	ip := net.ParseIP(name)
	loopbackName := name == "localhost" || strings.HasSuffix(name, ".localhost") || ip != nil && ip.IsLoopback()
	if s.loopbackOnly {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return "tilmash serve answers this machine only (it listens on loopback); to share the preview, start it with --addr 0.0.0.0:PORT"
		}
		if !loopbackName {
			return fmt.Sprintf("tilmash serve answers requests addressed to this machine (127.0.0.1, localhost), not to %q", r.Host)
		}
	} else if !loopbackName && ip == nil && !s.hosts[name] {
		// The names it answers to are not listed: a page that rebinds
		// its own name to this machine reads this.
		return fmt.Sprintf("tilmash serve answers requests addressed to this machine's addresses and names (those it printed when it started), not to %q; to answer to that name, start it with --addr NAME:PORT", r.Host)
	}
	if o := r.Header.Get("Origin"); o != "" && !sameOrigin(o, r.Host) {
		return fmt.Sprintf("tilmash serve answers its own pages, not a page at %q", o)
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" && r.Header.Get("Sec-Fetch-Mode") != "navigate" {
		return "tilmash serve answers its own pages, not requests another site's page makes (Sec-Fetch-Site: " + site + "); open the preview itself"
	}
	return ""
}

// hostName is the host name of a Host header or a host: lower-case,
// without its port, brackets or final dot.
func hostName(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
}

// sameOrigin reports whether origin (an Origin header) is the preview's
// own, served as host.
func sameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return false // "null" (a sandboxed frame, a file), another scheme
	}
	norm := func(h string) string { return strings.TrimSuffix(strings.ToLower(h), ":80") }
	return norm(u.Host) == norm(host)
}

// subscribe registers an event stream: it receives each new generation.
// It returns nil when MaxStreams streams are open.
func (s *Server) subscribe() chan string {
	s.subMu.Lock()
	defer s.subMu.Unlock()
	if len(s.subs) >= s.maxStreams {
		return nil
	}
	ch := make(chan string, 1)
	s.subs[ch] = struct{}{}
	return ch
}

func (s *Server) unsubscribe(ch chan string) {
	s.subMu.Lock()
	delete(s.subs, ch)
	s.subMu.Unlock()
}

// broadcast tells every open page that the project changed: a page that
// has not read the last news gets only the newest.
func (s *Server) broadcast(gen string) {
	s.subMu.Lock()
	defer s.subMu.Unlock()
	for ch := range s.subs {
		select {
		case <-ch:
		default:
		}
		ch <- gen
	}
}

// serveEvents is a page's event stream: hello with the generation, then
// change with each new one. Nothing is written under a lock, and each
// write has WriteTimeout: a page that does not read loses its stream.
func (s *Server) serveEvents(rw http.ResponseWriter, r *http.Request) {
	ch := s.subscribe()
	if ch == nil {
		rw.Header().Set("Retry-After", "30")
		http.Error(rw, fmt.Sprintf("tilmash serve: %d open pages already follow changes, the most it serves; close some, and this page follows changes again within a minute", s.maxStreams), http.StatusServiceUnavailable)
		return
	}
	defer s.unsubscribe(ch)
	h := rw.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	s.mu.Lock()
	gen := s.state.gen
	s.mu.Unlock()
	rc := http.NewResponseController(rw)
	send := func(msg string) bool {
		// The server's WriteTimeout counts from the request: each event
		// gets its own. (Not supported: a test's recorder, no deadline.)
		_ = rc.SetWriteDeadline(time.Now().Add(s.writeTimeout))
		if _, err := io.WriteString(rw, msg); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send("retry: 1000\nevent: hello\ndata: " + gen + "\n\n") {
		return
	}
	ping := time.NewTicker(s.pingEvery)
	defer ping.Stop()
	for {
		var msg string
		select {
		case <-r.Context().Done():
			return
		case <-s.quit:
			return
		case gen := <-ch:
			msg = "event: change\ndata: " + gen + "\n\n"
		case <-ping.C:
			msg = ": ping\n\n"
		}
		if !send(msg) {
			return
		}
	}
}

func (s *Server) notFound(rw http.ResponseWriter, r *http.Request) {
	rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
	rw.WriteHeader(http.StatusNotFound)
	fmt.Fprintf(rw, "tilmash serve: no page %s\nThe preview has the index (/) and one page per locale and article: /<locale>/<article>.html.\n", escape.Line(r.URL.Path))
}
