package preview

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"golang.org/x/text/language"
	"html/template"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/finding"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/render"
	"github.com/tilmash/tilmash/translate/segment"
)

//go:embed assets
var assets embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"pct": func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) + "%" },
	// url passes an editor link (vscode://…), which html/template would
	// otherwise refuse as an unknown scheme: the server made it from an
	// editor setting CheckEditorURL allowed and a project path.
	"url": func(s string) template.URL { return template.URL(s) },
}).ParseFS(assets, "assets/*.tmpl"))

func serveAsset(rw http.ResponseWriter, r *http.Request, name string) {
	types := map[string]string{"preview.js": "text/javascript; charset=utf-8", "preview.css": "text/css; charset=utf-8"}
	ct, ok := types[name]
	if !ok {
		http.NotFound(rw, r)
		return
	}
	data, _ := assets.ReadFile("assets/" + name)
	rw.Header().Set("Content-Type", ct)
	rw.Write(data)
}

// Problem is a file that cannot be read, as a page shows it.
type Problem struct {
	Message string // the error, with its file:line:col
	Href    string // the editor link to the position, if known
}

// Finding is a finding as the page's script reads it.
type Finding struct {
	Unit     string `json:"unit,omitempty"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
	Pos      string `json:"pos"`            // file:line:col
	Href     string `json:"href,omitempty"` // the editor link
}

// Unit is what the page's script knows of a unit.
type Unit struct {
	English   string `json:"en"`              // the English, as inline HTML
	State     string `json:"state,omitempty"` // missing, stale, revising, rejected; "" translated
	Findings  []int  `json:"findings,omitempty"`
	Entry     string `json:"entry,omitempty"`      // the unit's entry in the catalogue: file:line
	EntryHref string `json:"entry_href,omitempty"` // the editor link to it
}

// pageData is the JSON a page carries for its script.
type pageData struct {
	Gen      string            `json:"gen"`
	Kind     string            `json:"kind"` // "page" or "index"
	Locale   string            `json:"locale,omitempty"`
	Source   bool              `json:"source,omitempty"` // the English edition: nothing to compare
	Units    map[string]Unit   `json:"units,omitempty"`
	Hosts    map[string]string `json:"hosts,omitempty"` // unit → the unit whose element shows it
	Findings []Finding         `json:"findings,omitempty"`
}

// barData fills the toolbar template.
type barData struct {
	Locale, LocaleName, Article, Title string
	Source                             bool
	Coverage                           float64
	Errors, Warnings, Notes            int
	Problems                           []Problem
	Stale                              string // when the page shows an earlier reading: since when
	OutOfDate                          string
	Findings                           []Finding
}

// editorLink is the link that opens file at line:col in the editor.
func (s *Server) editorLink(file string, line, col int) string {
	if s.opts.EditorURL == "" || file == "" {
		return ""
	}
	abs := filepath.Join(s.root(), filepath.FromSlash(file))
	r := strings.NewReplacer("{path}", escapePath(filepath.ToSlash(abs)), "{line}", strconv.Itoa(max(line, 1)), "{col}", strconv.Itoa(max(col, 1)))
	return r.Replace(s.opts.EditorURL)
}

// escapePath percent-encodes every byte of a path but letters, digits,
// "-._~" and the separators "/" and ":": a file name holding "&", "?" or
// "#" (anyone opening a pull request can add one) must not add parameters
// to an editor's link (idea://open?file={path}&line={line}).
func escapePath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~/:", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// root is the project's absolute path.
func (s *Server) root() string {
	if abs, err := filepath.Abs(s.opts.Dir); err == nil {
		return abs
	}
	return s.opts.Dir
}

// problems are the files that cannot be read now, for a page.
func (s *Server) problems() []Problem {
	var out []Problem
	for _, err := range s.state.errs {
		p := Problem{Message: err.Error()}
		if ce, ok := asCatalogError(err); ok {
			p.Href = s.editorLink(ce.Pos.File, ce.Pos.Line, ce.Pos.Col)
		}
		out = append(out, p)
	}
	return out
}

func asCatalogError(err error) (*catalog.Error, bool) {
	var ce *catalog.Error
	return ce, errors.As(err, &ce)
}

// errNoPage: the project has no such locale or article.
var errNoPage = errors.New("no such page")

// servePage answers with the page of an article in a locale. The page is
// made under the server's lock and written without it: a client that
// does not read holds up no other.
func (s *Server) servePage(rw http.ResponseWriter, r *http.Request, loc, slug string) {
	page, err := s.page(loc, slug)
	switch {
	case errors.Is(err, errNoPage):
		s.notFound(rw, r)
	case err != nil:
		http.Error(rw, err.Error(), http.StatusInternalServerError)
	default:
		writeHTML(rw, page)
	}
}

// writeHTML answers with an HTML page.
func writeHTML(rw http.ResponseWriter, page []byte) {
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.Write(page)
}

// page makes the page of an article in a locale (errNoPage if there is
// none). It takes the server's lock.
func (s *Server) page(loc, slug string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.state
	e, err := s.view(loc)
	if e == nil && err == nil {
		if _, perr := locale.Parse(loc); perr != nil || !slices.Contains(st.brokenLocales(), loc) {
			return nil, errNoPage
		}
	}
	bar := barData{Locale: loc, LocaleName: st.localeName(loc), Article: slug, Problems: s.problems(), Source: loc == locale.Source.String()}
	var p *workspace.Preview
	if err == nil && e != nil {
		p, err = e.view.Article(slug)
		if err != nil && !st.hasArticle(slug) {
			return nil, errNoPage
		}
		if e.w != st.w {
			bar.Stale = e.at.Format(time.TimeOnly)
		}
		bar.OutOfDate = e.w.OutOfDate
	}
	if err != nil {
		bar.Problems = append(bar.Problems, Problem{Message: err.Error()})
	}
	data := pageData{Gen: st.gen, Kind: "page", Locale: loc, Source: bar.Source}
	var page []byte
	if p == nil {
		bar.Title = slug
		page = s.emptyPage(loc, slug)
	} else {
		page = p.HTML
		bar.Title = markup.PlainText(p.Edition.Meta[segment.Headline].Nodes)
		bar.Coverage = coverage(p.Edition.Stats)
		data.Units, data.Hosts = units(p), p.Hosts
		if !bar.Source {
			for id, pos := range p.Entries {
				if u, ok := data.Units[id]; ok {
					u.Entry = fmt.Sprintf("%s:%d", pos.File, pos.Line)
					u.EntryHref = s.editorLink(pos.File, pos.Line, 1)
					data.Units[id] = u
				}
			}
		}
		for _, f := range p.Findings {
			ff := Finding{Unit: f.Unit, Severity: f.Severity.String(), Code: f.Code, Message: f.Message, Hint: f.Hint, Pos: f.Pos.String(), Href: s.editorLink(f.Pos.File, f.Pos.Line, f.Pos.Col)}
			if u, ok := data.Units[f.Unit]; ok {
				u.Findings = append(u.Findings, len(data.Findings))
				data.Units[f.Unit] = u
			}
			data.Findings = append(data.Findings, ff)
			switch f.Severity {
			case finding.Error:
				bar.Errors++
			case finding.Warning:
				bar.Warnings++
			default:
				bar.Notes++
			}
		}
		bar.Findings = data.Findings
	}
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, "bar.html.tmpl", bar); err != nil {
		return nil, err
	}
	js, _ := json.Marshal(data) // escapes <, > and &: safe inside <script>
	return inject(page, b.String(), string(js), st.gen), nil
}

// inject adds the preview's stylesheet, toolbar, data and script to an
// edition's page, leaving the edition's own markup as build writes it.
func inject(page []byte, bar, data, gen string) []byte {
	s := string(page)
	head := `<link rel="stylesheet" href="/_tilmash/preview.css">` + "\n" + `<meta name="tilmash-generation" content="` + template.HTMLEscapeString(gen) + `">` + "\n"
	s = strings.Replace(s, "</head>", head+"</head>", 1)
	s = strings.Replace(s, "<body>\n", "<body>\n"+strings.TrimRight(bar, "\n")+"\n", 1)
	tail := `<script type="application/json" id="tilmash-data">` + data + "</script>\n" + `<script src="/_tilmash/preview.js"></script>` + "\n"
	if i := strings.LastIndex(s, "</body>"); i >= 0 {
		s = s[:i] + tail + s[i:]
	}
	return []byte(s)
}

// emptyPage stands in for an edition the preview cannot show yet (its
// catalogue has never been readable).
func (s *Server) emptyPage(loc, slug string) []byte {
	return []byte(`<!DOCTYPE html>
<html lang="` + template.HTMLEscapeString(loc) + `">
<head>
<meta charset="utf-8">
<title>` + template.HTMLEscapeString(slug) + `</title>
</head>
<body>
<article><p class="tm-nothing">Nothing to show yet: the file above must be readable first.</p></article>
</body>
</html>
`)
}

// units lists the page's units with their English and state.
func units(p *workspace.Preview) map[string]Unit {
	out := map[string]Unit{}
	english := map[string]*assemble.Text{}
	eachText(p.English, func(t *assemble.Text) { english[t.Unit] = t })
	st := p.Edition.Stats
	state := map[string]string{}
	for _, id := range st.Missing {
		state[id] = "missing"
	}
	for _, e := range st.Rejected {
		state[e.Unit] = "rejected"
	}
	eachText(p.Edition, func(t *assemble.Text) {
		s := state[t.Unit]
		if t.Stale {
			s = "stale"
			if t.Lang == "" {
				s = "revising" // the earlier translation, kept
			}
		}
		out[t.Unit] = Unit{English: render.InlineHTML(english[t.Unit]), State: s}
	})
	for name := range p.Hosts {
		if _, ok := out[name]; !ok {
			out[name] = Unit{State: state[name]}
		}
	}
	return out
}

// eachText calls f for every unit's text of an edition.
func eachText(ed *assemble.Edition, f func(*assemble.Text)) {
	for _, t := range ed.Meta {
		if t != nil && t.Unit != "" {
			f(t)
		}
	}
	var walk func([]assemble.Block)
	walk = func(bs []assemble.Block) {
		for _, b := range bs {
			if b.Text != nil && b.Text.Unit != "" {
				f(b.Text)
			}
			walk(b.Children)
		}
	}
	walk(ed.Blocks)
}

func coverage(st assemble.Stats) float64 {
	if st.Units == 0 {
		return 100
	}
	return float64(int(1000*float64(st.Translated)/float64(st.Units))) / 10
}

// localeName is a locale's name in itself as the editions' switcher
// writes it beside the preview's other locales (locale.Name): Русский,
// Қазақша (кирилл) beside Qazaqşa (latyn).
func (st *state) localeName(tag string) string {
	t, err := locale.Parse(tag)
	if err != nil {
		return tag
	}
	var among []language.Tag
	for _, l := range append(st.locales(), st.brokenLocales()...) {
		if o, err := locale.Parse(l); err == nil {
			among = append(among, o)
		}
	}
	return locale.Name(t, among)
}

// brokenLocales are the locales whose catalogue cannot be read now.
func (st *state) brokenLocales() []string {
	var out []string
	if st.w != nil {
		for _, b := range st.w.Broken {
			out = append(out, b.Locale.String())
		}
	}
	return out
}

// hasArticle reports whether the last good reading has the article.
func (st *state) hasArticle(slug string) bool {
	return st.w != nil && slices.ContainsFunc(st.w.Articles, func(a *segment.Article) bool { return a.Slug == slug })
}

// indexData fills the index template.
type indexData struct {
	Locales  []indexLocale
	Articles []indexArticle
	Problems []Problem
	Data     template.JS
}

type indexLocale struct {
	Tag, Name string
	Stale     string // shown from an earlier reading: since when
}

type indexArticle struct {
	Slug, Title string
	Cells       []indexCell
}

type indexCell struct {
	Href              string
	Coverage          float64
	Errors, Warnings  int
	Source, Available bool
}

// serveIndex answers with the index, made under the server's lock and
// written without it.
func (s *Server) serveIndex(rw http.ResponseWriter, r *http.Request) {
	page, err := s.index()
	if err != nil {
		http.Error(rw, err.Error(), http.StatusInternalServerError)
		return
	}
	writeHTML(rw, page)
}

// index makes the index. It takes the server's lock.
func (s *Server) index() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.state
	d := indexData{Problems: s.problems()}
	locs := st.locales()
	for _, tag := range locs {
		l := indexLocale{Tag: tag, Name: st.localeName(tag)}
		if e := st.good[tag]; e.w != st.w {
			l.Stale = e.at.Format(time.TimeOnly)
		}
		d.Locales = append(d.Locales, l)
	}
	views := map[string]*entry{}
	for _, tag := range locs {
		e, err := s.view(tag)
		if err != nil {
			d.Problems = append(d.Problems, Problem{Message: fmt.Sprintf("%s: %v", tag, err)})
		}
		views[tag] = e
	}
	if st.w != nil {
		for _, a := range st.w.Articles {
			row := indexArticle{Slug: a.Slug, Title: a.Slug}
			if i, ok := a.Meta.Units[segment.Headline]; ok {
				row.Title = a.Units[i].Text()
			}
			for _, tag := range locs {
				c := indexCell{Href: "/" + tag + "/" + a.Slug + ".html", Source: tag == locale.Source.String()}
				if e := views[tag]; e != nil && e.view != nil {
					if ea := e.w.Article(a.Slug); ea != nil {
						var err error
						c.Coverage, c.Errors, c.Warnings, err = e.view.Coverage(ea)
						c.Available = err == nil
					}
				}
				row.Cells = append(row.Cells, c)
			}
			d.Articles = append(d.Articles, row)
		}
	}
	js, _ := json.Marshal(pageData{Gen: st.gen, Kind: "index"})
	d.Data = template.JS(js)
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, "index.html.tmpl", d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
