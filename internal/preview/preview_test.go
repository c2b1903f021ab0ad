package preview

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tilmash/tilmash/internal/testtool"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/segment"
)

// TestMain stops the headless Chromium the browser tests share.
func TestMain(m *testing.M) {
	code := m.Run()
	testtool.StopChromium()
	os.Exit(code)
}

// project copies the fixture project (testdata/project at the top of the
// repository) into a temporary folder: the tests change it as a
// translator would.
func project(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../testdata/project")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// start serves the project in dir on a free loopback port until the test
// ends, and returns its address (http://127.0.0.1:PORT).
func start(t *testing.T, dir string, log io.Writer) (string, *Server) {
	t.Helper()
	s := New(Options{Dir: dir, Layout: workspace.Default, EditorURL: DefaultEditorURL, Log: log})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return serve(t, s, ln), s
}

// serve runs s on ln until the test ends, and returns its address.
func serve(t *testing.T, s *Server, ln net.Listener) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// writeAtomically saves a file as editors do: a temporary file, renamed.
func writeAtomically(t *testing.T, file, content string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(file), ".edit-"+filepath.Base(file))
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// pageData reads the JSON a served page carries for its script.
func readPageData(t *testing.T, page string) pageData {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/json" id="tilmash-data">(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the page carries no data:\n%.2000s", page)
	}
	var d pageData
	if err := json.Unmarshal([]byte(m[1]), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestServedPageIsTheBuiltEdition: a page, without what the preview adds
// (its toolbar, stylesheet, data, script and the data-unit marks), is byte
// for byte the HTML edition tilmash build writes.
func TestServedPageIsTheBuiltEdition(t *testing.T) {
	dir := project(t)
	url, _ := start(t, dir, io.Discard)
	w, err := workspace.Load(os.DirFS(dir), workspace.Default)
	if err != nil {
		t.Fatal(err)
	}
	res, err := w.Build(workspace.BuildOptions{Formats: []string{"html"}})
	if err != nil {
		t.Fatal(err)
	}
	strip := []*regexp.Regexp{
		regexp.MustCompile(` data-unit="[^"]*"`),
		regexp.MustCompile(`<link rel="stylesheet" href="/_tilmash/preview.css">\n<meta name="tilmash-generation" content="[^"]*">\n`),
		regexp.MustCompile(`(?s)<div id="tilmash-bar".*?\n</div>\n</div>\n`),
		regexp.MustCompile(`<script type="application/json" id="tilmash-data">.*</script>\n<script src="/_tilmash/preview.js"></script>\n`),
	}
	for _, loc := range []string{"en", "kk", "ru"} {
		built := string(res.Files["dist/"+loc+"/the-conscript.html"])
		if built == "" {
			t.Fatalf("the build made no %s edition", loc)
		}
		code, page := get(t, url+"/"+loc+"/the-conscript.html")
		if code != http.StatusOK {
			t.Fatalf("%s: %d", loc, code)
		}
		for _, re := range strip {
			if !re.MatchString(page) {
				t.Fatalf("%s: the page lacks %s", loc, re)
			}
			page = re.ReplaceAllString(page, "")
		}
		if page != built {
			t.Errorf("%s: the preview's page is not the built edition:\n--- preview\n%.3000s\n--- build\n%.3000s", loc, page, built)
		}
	}
}

// TestHostilePaths: whatever the URL, nothing outside the pages the server
// renders is served: no file of the machine, none of the project.
func TestHostilePaths(t *testing.T) {
	dir := project(t)
	url, _ := start(t, dir, io.Discard)
	host := strings.TrimPrefix(url, "http://")
	secret, _ := os.ReadFile(filepath.Join(dir, "locales/kk/the-conscript.kk.toml"))
	for _, target := range []string{
		"/../../etc/passwd",
		"/../../../../../../etc/passwd",
		"/kk/../../../etc/passwd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/kk/..%2f..%2f..%2fetc%2fpasswd.html",
		"/kk/%2e%2e%2f%2e%2e%2fetc%2fpasswd.html",
		"/en/..%5c..%5cetc%5cpasswd.html",
		"/_tilmash/../../etc/passwd",
		"/_tilmash/..%2fserver.go",
		"/_tilmash/assets/preview.js",
		"//etc/passwd",
		"/kk/the-conscript.html/../../../../etc/passwd",
		"/locales/kk/the-conscript.kk.toml",
		"/kk/../locales/kk/the-conscript.kk.toml",
		"/content/the-conscript.md",
		"/tilmash.toml",
		"/kk/.html",
		"/kk/the-conscript.md",
		"/etc/passwd.html",
		"/../etc/passwd.html",
		"/xx/the-conscript.html",
		"/kk/no-such-article.html",
		"/kk/the-conscript.html%00.toml",
	} {
		t.Run(target, func(t *testing.T) {
			conn, err := net.Dial("tcp", host)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			// Written by hand: an HTTP client would clean the path first.
			fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusBadRequest {
				t.Errorf("status %d, want 404 or 400:\n%.300s", res.StatusCode, body)
			}
			if strings.Contains(string(body), "root:") || strings.Contains(string(body), string(secret[:200])) || strings.Contains(string(body), "package preview") {
				t.Errorf("the answer holds a file's content:\n%.300s", body)
			}
		})
	}
}

// TestLoopbackOnly: listening on loopback, the server answers this
// machine only, and only for a loopback host name (a page elsewhere that
// points its own name at 127.0.0.1 is refused); listening on every
// interface (--addr 0.0.0.0:…), it answers everyone, but only for an IP
// address, a loopback name or a name it was given (its machine's): a
// page elsewhere that points its own name at this machine is refused
// there too, without learning the names.
func TestLoopbackOnly(t *testing.T) {
	s := New(Options{Dir: project(t), Layout: workspace.Default, Hosts: []string{"box", "box.local", ""}})
	for _, tc := range []struct {
		remote, host string
		public       bool
		want         int
	}{
		{"127.0.0.1:50000", "127.0.0.1:8080", false, http.StatusOK},
		{"127.0.0.1:50000", "localhost:8080", false, http.StatusOK},
		{"[::1]:50000", "[::1]:8080", false, http.StatusOK},
		{"127.0.0.1:50000", "preview.localhost:8080", false, http.StatusOK},
		{"192.0.2.7:50000", "127.0.0.1:8080", false, http.StatusForbidden},
		{"10.1.2.3:50000", "localhost:8080", false, http.StatusForbidden},
		{"127.0.0.1:50000", "attacker.example:8080", false, http.StatusForbidden},
		{"127.0.0.1:50000", "192.0.2.7:8080", false, http.StatusForbidden},
		{"192.0.2.7:50000", "192.0.2.1:8080", true, http.StatusOK},
		{"192.0.2.7:50000", "[2001:db8::1]:8080", true, http.StatusOK},
		{"192.0.2.7:50000", "box:8080", true, http.StatusOK},
		{"192.0.2.7:50000", "BOX.local.:8080", true, http.StatusOK},
		{"127.0.0.1:50000", "localhost:8080", true, http.StatusOK},
		{"127.0.0.1:50000", "attacker.example:8080", true, http.StatusForbidden},
		{"192.0.2.7:50000", "attacker.example", true, http.StatusForbidden},
		{"192.0.2.7:50000", "box.attacker.example:8080", true, http.StatusForbidden},
		{"192.0.2.7:50000", "", true, http.StatusForbidden},
	} {
		s.loopbackOnly = !tc.public
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr, r.Host = tc.remote, tc.host
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, r)
		if rec.Code != tc.want {
			t.Errorf("client %s asking for %s (public %v): %d, want %d", tc.remote, tc.host, tc.public, rec.Code, tc.want)
		}
		if rec.Code == http.StatusForbidden && strings.Contains(rec.Body.String(), "box") && !strings.Contains(tc.host, "box") {
			t.Errorf("client %s asking for %s: the refusal names the machine: %s", tc.remote, tc.host, rec.Body)
		}
	}
}

// TestCrossOrigin: a request another site's page makes (a fetch, an
// event stream, an image; by its Origin or Sec-Fetch-Site) is refused;
// the preview's own requests, a page typed in the address bar and a link
// followed from elsewhere are answered.
func TestCrossOrigin(t *testing.T) {
	s := New(Options{Dir: project(t), Layout: workspace.Default})
	for _, tc := range []struct {
		path, host, origin, site, mode string
		want                           int
	}{
		{"/", "127.0.0.1:8080", "", "", "", http.StatusOK},
		{"/", "127.0.0.1:8080", "http://127.0.0.1:8080", "same-origin", "cors", http.StatusOK},
		{"/", "preview.localhost", "http://preview.localhost", "", "", http.StatusOK},
		{"/", "127.0.0.1:8080", "", "none", "navigate", http.StatusOK},
		{"/kk/the-conscript.html", "127.0.0.1:8080", "", "cross-site", "navigate", http.StatusOK},
		{"/", "127.0.0.1:8080", "https://attacker.example", "cross-site", "cors", http.StatusForbidden},
		{"/_tilmash/events", "127.0.0.1:8080", "https://attacker.example", "", "", http.StatusForbidden},
		{"/", "127.0.0.1:8080", "null", "", "", http.StatusForbidden},
		{"/", "127.0.0.1:8080", "http://127.0.0.1:3000", "", "", http.StatusForbidden},
		{"/", "127.0.0.1:8080", "http://localhost:8080", "", "", http.StatusForbidden},
		{"/kk/the-conscript.html", "127.0.0.1:8080", "", "cross-site", "no-cors", http.StatusForbidden},
		{"/", "localhost:8080", "", "same-site", "cors", http.StatusForbidden},
	} {
		// An event stream answered ends after a moment, with 200.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		r := httptest.NewRequestWithContext(ctx, http.MethodGet, tc.path, nil)
		r.RemoteAddr, r.Host = "127.0.0.1:50000", tc.host
		for k, v := range map[string]string{"Origin": tc.origin, "Sec-Fetch-Site": tc.site, "Sec-Fetch-Mode": tc.mode} {
			if v != "" {
				r.Header.Set(k, v)
			}
		}
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, r)
		cancel()
		if rec.Code != tc.want {
			t.Errorf("%s for %s, Origin %q, Sec-Fetch-Site %q, mode %q: %d, want %d", tc.path, tc.host, tc.origin, tc.site, tc.mode, rec.Code, tc.want)
		}
	}
}

// snapshot is every file under dir with its content and time.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		data := ""
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			data = string(b)
		}
		out[p] = fmt.Sprintf("%v %v %q", fi.Mode(), fi.ModTime().UnixNano(), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReadOnly: serving every page, the event stream and a reload writes
// nothing in the project (no dist/, no lock, no catalogue touched), and a
// request to change anything is refused.
func TestReadOnly(t *testing.T) {
	dir := project(t)
	before := snapshot(t, dir)
	url, s := start(t, dir, io.Discard)
	for _, p := range []string{"/", "/en/the-conscript.html", "/kk/the-conscript.html", "/ru/the-conscript.html", "/_tilmash/preview.js", "/_tilmash/preview.css"} {
		if code, _ := get(t, url+p); code != http.StatusOK {
			t.Errorf("%s: %d", p, code)
		}
	}
	s.Reload("test")
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		req, _ := http.NewRequest(method, url+"/kk/the-conscript.html", strings.NewReader("x"))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s: %d, want 405", method, res.StatusCode)
		}
	}
	after := snapshot(t, dir)
	for p, v := range after {
		if before[p] != v {
			t.Errorf("%s was written or changed", p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			t.Errorf("%s was removed", p)
		}
	}
}

// TestManyArticlesAndLocales: the index lists every article in every
// locale, a locale just started included; a page of an article nobody
// has translated yet shows every unit in English, each marked missing.
func TestManyArticlesAndLocales(t *testing.T) {
	dir := project(t)
	src, err := os.ReadFile(filepath.Join(dir, "content/the-conscript.md"))
	if err != nil {
		t.Fatal(err)
	}
	second := strings.Replace(string(src), "The Conscript: Russians of Almaty", "The Volunteers of Almaty", 1)
	if err := os.WriteFile(filepath.Join(dir, "content/volunteers.md"), []byte(second), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "locales/uz.toml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	url, _ := start(t, dir, io.Discard)
	_, index := get(t, url+"/")
	for _, want := range []string{
		`href="/uz/volunteers.html"`, `href="/kk/volunteers.html"`, `href="/uz/the-conscript.html"`, `href="/kk/the-conscript.html">100%`,
		`The Volunteers of Almaty`, `lang="uz">O‘zbek <code>uz</code>`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("the index lacks %s", want)
		}
	}
	if got := strings.Count(index, `<tr><th scope="row">`); got != 2 {
		t.Errorf("the index has %d articles, want 2", got)
	}
	for _, loc := range []string{"uz", "kk"} {
		code, page := get(t, url+"/"+loc+"/volunteers.html")
		if code != http.StatusOK {
			t.Fatalf("%s: %d", loc, code)
		}
		d := readPageData(t, page)
		if len(d.Units) < 20 {
			t.Fatalf("%s: %d units", loc, len(d.Units))
		}
		for id, u := range d.Units {
			if u.State != "missing" {
				t.Errorf("%s: unit %s is %q, want missing", loc, id, u.State)
			}
		}
		if !strings.Contains(page, `<h1 lang="en" data-unit="volunteers.title">The Volunteers of Almaty</h1>`) {
			t.Errorf("%s: the headline is not shown in English, marked", loc)
		}
	}
}

var errTimeout = errors.New("timed out")

// poll calls f until it returns true or d passes.
func poll(d time.Duration, f func() bool) error {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(25 * time.Millisecond) {
		if f() {
			return nil
		}
	}
	return errTimeout
}

// idOf is the ID of the catalogue entry whose text holds s.
func idOf(t *testing.T, catalogue, s string) string {
	t.Helper()
	i := strings.Index(catalogue, s)
	if i < 0 {
		t.Fatalf("no %q in the catalogue", s)
	}
	j := strings.LastIndex(catalogue[:i], "\n[")
	return catalogue[j+2 : j+2+strings.Index(catalogue[j+2:], "]")]
}

// TestFindingsAtUnits: each kind of problem a translator makes, or an
// author's edit, reaches the page at the unit it concerns, with the
// unit's state (how the edition shows it) and the finding's code.
func TestFindingsAtUnits(t *testing.T) {
	orig, err := os.ReadFile("../../testdata/project/locales/kk/the-conscript.kk.toml")
	if err != nil {
		t.Fatal(err)
	}
	kk := string(orig)
	for _, tc := range []struct {
		name      string
		file, old string // the edit: old becomes new in file
		new       string
		unitText  string // the unit, by a piece of its Kazakh text
		state     string
		code      string
		inFinding string // in the finding's message or hint
	}{
		{"missing", "locales/kk/the-conscript.kk.toml", `other = "Барлық есімдер өзгертілген."` + "\n", "", "[the-conscript.note]", "missing", "missing", "no Kazakh translation"},
		{"placeholder typed out", "locales/kk/the-conscript.kk.toml", "шамамен {{.Number1}} ер адам", "шамамен 150 000 ер адам", "Украинада соғыс басталғаннан", "rejected", "", "{{.Number1}}"},
		{"glossary", "locales/kk/the-conscript.kk.toml", "барлық ер адамды қамтитын жұмылдыру", "барлық ер адамды қамтитын мобилизация", "Украинада соғыс басталғаннан", "rejected", "glossary-forbidden", "мобилизация"},
		{"stale, with what changed", "content/the-conscript.md", "![Almaty Flea Market.]()", "![The flea market in Almaty.]()", "Алматыдағы барахолка.", "revising", "stale", "{+"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := project(t)
			file := filepath.Join(dir, tc.file)
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), tc.old) {
				t.Fatalf("%s has no %q", tc.file, tc.old)
			}
			if err := os.WriteFile(file, []byte(strings.Replace(string(data), tc.old, tc.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			id := strings.Trim(tc.unitText, "[]")
			if !strings.HasPrefix(tc.unitText, "[") {
				id = idOf(t, kk, tc.unitText)
			}
			s := New(Options{Dir: dir, Layout: workspace.Default})
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodGet, "/kk/the-conscript.html", nil)
			req.RemoteAddr, req.Host = "127.0.0.1:1", "127.0.0.1:8080"
			s.Handler().ServeHTTP(rec, req)
			d := readPageData(t, rec.Body.String())
			u, ok := d.Units[id]
			if !ok {
				t.Fatalf("no unit %s on the page", id)
			}
			if u.State != tc.state {
				t.Errorf("unit %s is %q, want %q", id, u.State, tc.state)
			}
			var got []string
			found := false
			for _, i := range u.Findings {
				f := d.Findings[i]
				got = append(got, f.Code+": "+f.Message+" ("+f.Hint+")")
				if f.Unit != id {
					t.Errorf("finding %d of unit %s is about %s", i, id, f.Unit)
				}
				if (tc.code == "" || f.Code == tc.code) && strings.Contains(f.Message+f.Hint, tc.inFinding) {
					found = true
				}
			}
			if !found {
				t.Errorf("unit %s lacks a finding %q with %q; it has %q", id, tc.code, tc.inFinding, got)
			}
			if u.Entry == "" || !strings.HasPrefix(u.Entry, "locales/kk/the-conscript.kk.toml:") {
				t.Errorf("unit %s: entry %q", id, u.Entry)
			}
		})
	}
}

// TestAttributeUnitsHaveHosts: a link's title and an inline tag's alt,
// which no element of the page holds as its text, are shown by their
// paragraph's element: the page names it their host, and gives their
// state (a finding's link goes to it).
func TestAttributeUnitsHaveHosts(t *testing.T) {
	dir := project(t)
	file := filepath.Join(dir, "content/the-conscript.md")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	added := "\nSee [the map](https://example.org/map \"A map of Almaty\") and <abbr title=\"Kazakhstan\">KZ</abbr>.\n"
	if err := os.WriteFile(file, append(data, added...), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := segment.Split("content/the-conscript.md", append(data, added...))
	if err != nil {
		t.Fatal(err)
	}
	n := len(a.Units)
	para, title, abbr := a.Units[n-3], a.Units[n-2], a.Units[n-1]
	if title.Kind != segment.LinkTitle || abbr.Kind != segment.HTMLAttr {
		t.Fatalf("the units added: %s, %s, %s", para.Kind, title.Kind, abbr.Kind)
	}
	s := New(Options{Dir: dir, Layout: workspace.Default})
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/kk/the-conscript.html", nil)
	req.RemoteAddr, req.Host = "127.0.0.1:1", "127.0.0.1:8080"
	s.Handler().ServeHTTP(rec, req)
	d := readPageData(t, rec.Body.String())
	for _, u := range []segment.Unit{title, abbr} {
		if d.Hosts[u.ID] != para.ID {
			t.Errorf("unit %s (%s) is hosted by %q, want its paragraph %s", u.ID, u.Kind, d.Hosts[u.ID], para.ID)
		}
		if d.Units[u.ID].State != "missing" {
			t.Errorf("unit %s is %q, want missing", u.ID, d.Units[u.ID].State)
		}
	}
}
