package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/internal/escape"
	"github.com/tilmash/tilmash/internal/hunspell"
	"github.com/tilmash/tilmash/internal/preview"
	"github.com/tilmash/tilmash/translate/locale"
)

// ServeOptions are the options of tilmash serve.
type ServeOptions struct {
	*Global
	IO
	Addr       string // where to listen
	addrGiven  bool   // --addr was given: no other port is tried
	Locale     string // the locale whose page to print (and open) first
	Open       bool   // open the page in the browser
	EditorURL  string // a finding's link into the editor
	NoSpelling bool   // skip hunspell
}

// DefaultAddr is where tilmash serve listens unless told otherwise.
const DefaultAddr = "127.0.0.1:8080"

// NewCmdServe builds tilmash serve. runF replaces serveRun in tests.
func NewCmdServe(g *Global, streams IO, runF func(*ServeOptions) error) *cobra.Command {
	opts := &ServeOptions{Global: g, IO: streams}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview every edition in the browser, live, with the English beside it and the findings at their units",
		Long: `Start a local web server that shows each article in each locale exactly as
build renders its HTML edition, with the English beside it unit by unit, and
every finding of tilmash check at the unit it concerns: hover or focus a
marked unit for the message and a link that opens the catalogue at its line.
Units not translated yet are shown in English, marked.

Open pages update within moments of a catalogue, an article, the glossary or
tilmash.toml being saved, keeping their place. A file saved half-way (a TOML
syntax error) is shown on the page with its file:line:col, and the last good
version stays until it is fixed.

The server only reads: it writes no file, and serves only the pages it
renders. It listens on 127.0.0.1 (this machine only); --addr 0.0.0.0:8080
(or :8080) shares it on the network, with a warning, and then answers
requests addressed to this machine's addresses and names only. Ctrl-C
stops it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.addrGiven = cmd.Flags().Changed("addr")
			if runF != nil {
				return runF(opts)
			}
			return serveRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Addr, "addr", DefaultAddr, "the address to listen on (host:port); port 0 picks a free one")
	cmd.Flags().StringVarP(&opts.Locale, "locale", "l", "", "the locale you work on: its page is printed (and opened) first")
	cmd.Flags().BoolVar(&opts.Open, "open", false, "open the page in the browser")
	cmd.Flags().StringVar(&opts.EditorURL, "editor-url", preview.DefaultEditorURL, `the link a finding's file:line opens, in an editor's scheme (vscode, idea, subl, mvim, txmt…), with {path}, {line} and {col} (such as "idea://open?file={path}&line={line}"); "" for none`)
	cmd.Flags().BoolVar(&opts.NoSpelling, "no-spelling", false, "do not run hunspell")
	return cmd
}

func serveRun(ctx context.Context, opts *ServeOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if opts.Locale != "" {
		if _, err := locale.Parse(opts.Locale); err != nil {
			return &exitError{ExitError, fmt.Errorf("--locale: %w", err)}
		}
	}
	if err := preview.CheckEditorURL(opts.EditorURL); err != nil {
		return &exitError{ExitError, fmt.Errorf("--editor-url: %w", err)}
	}
	host, _, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return &exitError{ExitError, fmt.Errorf("--addr %q: %v: write host:port, such as 127.0.0.1:8080", opts.Addr, err)}
	}
	if fi, err := os.Stat(opts.Dir); err != nil || !fi.IsDir() {
		return &exitError{ExitError, fmt.Errorf("-C %s: no such folder", opts.Dir)}
	}
	ln, err := listen(opts.Addr, !opts.addrGiven)
	if err != nil {
		return &exitError{ExitError, err}
	}
	sopts := preview.Options{Dir: opts.Dir, Layout: opts.layout(), EditorURL: opts.EditorURL, Log: opts.Err}
	if !opts.NoSpelling {
		sopts.Speller = hunspell.Speller{}
	}
	tcp, _ := ln.Addr().(*net.TCPAddr)
	public := tcp != nil && !tcp.IP.IsLoopback()
	if public {
		sopts.Hosts = knownHosts(host)
	}
	s := preview.New(sopts)
	url := "http://" + displayAddr(ln.Addr(), host) + "/"
	if _, port, _ := net.SplitHostPort(opts.Addr); !opts.addrGiven && !strings.HasSuffix(url, ":"+port+"/") {
		fmt.Fprintf(opts.Err, "tilmash: %s is in use (another preview?): listening on the next free port\n", opts.Addr)
	}
	if public && tcp.IP.IsUnspecified() {
		fmt.Fprintf(opts.Out, "tilmash serve: the preview is at %s on this machine (Ctrl-C to stop)\n", url)
		if others := networkURLs(tcp, sopts.Hosts); len(others) > 0 {
			fmt.Fprintf(opts.Out, "tilmash serve: and for other machines at %s\n", strings.Join(others, ", "))
		}
		fmt.Fprintf(opts.Err, "tilmash: warning: --addr %s listens on every network interface (%s): anyone who can reach this machine can read the preview, every article and translation (unpublished ones too) and the project's path; --addr 127.0.0.1:%d keeps it to this machine\n", opts.Addr, ln.Addr(), tcp.Port)
	} else {
		fmt.Fprintf(opts.Out, "tilmash serve: the preview is at %s (Ctrl-C to stop)\n", url)
		if public {
			fmt.Fprintf(opts.Err, "tilmash: warning: --addr %s listens on a network address (%s), not on loopback: anyone who can reach it can read the preview, every article and translation (unpublished ones too) and the project's path; --addr 127.0.0.1:%d keeps it to this machine\n", opts.Addr, ln.Addr(), tcp.Port)
		}
	}
	page := url
	if opts.Locale != "" && !s.HasLocale(opts.Locale) {
		fmt.Fprintf(opts.Err, "tilmash: --locale %s: the project has no catalogue in %s/%s/ (yet): the index lists the locales it has\n", opts.Locale, opts.layout().Locales, opts.Locale)
	} else if opts.Locale != "" {
		if first := s.FirstArticle(); first != "" {
			page = url + opts.Locale + "/" + first + ".html"
			fmt.Fprintf(opts.Out, "tilmash serve: %s\n", page)
		}
	}
	if opts.Open {
		if err := openBrowser(page); err != nil {
			fmt.Fprintf(opts.Err, "tilmash: cannot open a browser (%s): open %s yourself\n", escape.Line(err.Error()), page)
		}
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := s.Serve(ctx, ln); err != nil {
		return &exitError{ExitError, err}
	}
	fmt.Fprintln(opts.Out, "tilmash serve: stopped")
	return nil
}

// listen listens on addr. When the address is the default one and its
// port is taken (another preview runs), the next ten ports are tried.
func listen(addr string, tryNext bool) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err == nil || !tryNext || !errors.Is(err, syscall.EADDRINUSE) {
		if err != nil {
			return nil, fmt.Errorf("--addr %s: %v (is another tilmash serve running? choose another port with --addr 127.0.0.1:PORT)", addr, err)
		}
		return ln, nil
	}
	host, port, _ := net.SplitHostPort(addr)
	p, _ := strconv.Atoi(port)
	for i := 1; i <= 10; i++ {
		if ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(p+i))); err == nil {
			return ln, nil
		}
	}
	return nil, fmt.Errorf("--addr %s: the port and the next ten are taken: choose one with --addr 127.0.0.1:PORT", addr)
}

// displayAddr is the address to print: the host as asked (localhost
// stays localhost), the port as bound; an unspecified host (all
// interfaces) as 127.0.0.1, which works on this machine (networkURLs are
// the others).
func displayAddr(a net.Addr, host string) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	if host == "" || net.ParseIP(host) != nil && net.ParseIP(host).IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, strconv.Itoa(tcp.Port))
}

// knownHosts are the names, besides localhost and IP addresses, that a
// preview listening beyond loopback answers to: the one --addr gave, and
// this machine's (its host name, the name's first label, and that with
// .local, as mDNS announces it). Requests for other names are refused
// (DNS rebinding).
func knownHosts(addrHost string) []string {
	var out []string
	if addrHost != "" && net.ParseIP(addrHost) == nil {
		out = append(out, addrHost)
	}
	if h, err := os.Hostname(); err == nil && h != "" {
		short, _, _ := strings.Cut(h, ".")
		out = append(out, h, short, short+".local")
	}
	return out
}

// networkURLs are the preview's addresses for other machines, when it
// listens on every interface (tcp unspecified): this machine's network
// addresses (IPv4 first; IPv6 when it listens on [::]; neither loopback
// nor link-local) and its host name.
func networkURLs(tcp *net.TCPAddr, hosts []string) []string {
	port := strconv.Itoa(tcp.Port)
	var v4, v6 []string
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			n, ok := a.(*net.IPNet)
			if !ok || n.IP.IsLoopback() || n.IP.IsLinkLocalUnicast() || !n.IP.IsGlobalUnicast() {
				continue
			}
			if n.IP.To4() != nil {
				v4 = append(v4, "http://"+net.JoinHostPort(n.IP.String(), port)+"/")
			} else if tcp.IP.To4() == nil {
				v6 = append(v6, "http://"+net.JoinHostPort(n.IP.String(), port)+"/")
			}
		}
	}
	out := append(v4, v6...)
	for _, h := range hosts {
		if !strings.HasSuffix(h, ".local") && !slices.Contains(out, "http://"+net.JoinHostPort(h, port)+"/") {
			out = append(out, "http://"+net.JoinHostPort(h, port)+"/")
			break // the first: the machine's full name
		}
	}
	return out
}

// openBrowser opens url in the desktop's browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	return cmd.Start()
}
