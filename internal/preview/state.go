package preview

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"time"

	"github.com/tilmash/tilmash/internal/escape"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/locale"
)

// state is what the server knows of the project: the last reading, and
// for each locale the last reading in which it could be read at all.
type state struct {
	gen    string               // changes with every reading: pages compare it with theirs
	w      *workspace.Workspace // the last reading that worked; nil if none has
	errs   []error              // what is wrong with the files now (a syntax error…)
	good   map[string]*entry    // by locale tag: the last reading it was readable in
	loaded time.Time            // when the last reading was taken
	n      int                  // readings taken
}

// entry is one locale in the reading it is shown from.
type entry struct {
	w    *workspace.Workspace
	at   time.Time // when that reading was taken
	view *workspace.LocaleView
	err  error // preparing the view failed
}

// Reload reads the project again and tells the open pages. why says what
// changed, for the log. A file that cannot be read leaves the last good
// reading in place (for a broken catalogue, its locale's) and is shown on
// every page with its position.
func (s *Server) Reload(why string) {
	start := time.Now()
	w, err := workspace.Load(os.DirFS(s.opts.Dir), s.opts.Layout)
	s.mu.Lock()
	st := s.state
	st.n++
	st.gen = fmt.Sprintf("%x-%d", start.UnixNano(), st.n)
	st.loaded = start
	st.errs = nil
	switch {
	case err != nil:
		st.errs = append(st.errs, err)
	case w.Source == nil:
		st.errs = append(st.errs, fmt.Errorf("no source catalogue %s: run tilmash extract", w.SourcePath()))
	default:
		st.w = w
		for _, b := range w.Broken {
			st.errs = append(st.errs, b.Err)
		}
		current := map[string]bool{}
		for _, tag := range w.Locales() {
			current[tag.String()] = true
			if !slices.ContainsFunc(w.Broken, func(b *workspace.BrokenCatalogue) bool { return b.Locale == tag }) {
				st.good[tag.String()] = &entry{w: w, at: start}
			}
		}
		for tag := range st.good {
			if !current[tag] {
				delete(st.good, tag) // its catalogue is gone
			}
		}
	}
	gen := st.gen
	errs := st.errs
	s.mu.Unlock()
	took := time.Since(start).Round(time.Millisecond)
	if len(errs) == 0 {
		fmt.Fprintf(s.log, "tilmash: %s: read the project in %s\n", why, took)
	}
	for _, e := range errs {
		fmt.Fprintf(s.log, "tilmash: %s: %s (the preview keeps the last good version)\n", escape.Line(why), escape.Line(e.Error()))
	}
	s.broadcast(gen)
}

// locales are the locales the preview can show, the source first.
func (st *state) locales() []string {
	var out []string
	for tag := range st.good {
		if tag != locale.Source.String() {
			out = append(out, tag)
		}
	}
	sort.Strings(out)
	if st.good[locale.Source.String()] != nil {
		out = append([]string{locale.Source.String()}, out...)
	}
	return out
}

// view prepares (once per reading) the locale's view. s.mu must be held.
func (s *Server) view(tag string) (*entry, error) {
	e := s.state.good[tag]
	if e == nil {
		return nil, nil
	}
	if e.view == nil && e.err == nil {
		t, err := locale.Parse(tag)
		if err == nil {
			e.view, err = e.w.View(t, s.opts.Speller)
		}
		e.err = err
	}
	return e, e.err
}

// cachedSpeller asks its speller about each word once per dictionary:
// after the first reading, a save costs only the words it adds.
type cachedSpeller struct {
	inner   check.Speller
	unknown map[string]map[string]bool // dictionary → word → unknown
}

func newCachedSpeller(inner check.Speller) *cachedSpeller {
	return &cachedSpeller{inner: inner, unknown: map[string]map[string]bool{}}
}

// Unknown implements check.Speller. Callers hold the server's lock.
func (c *cachedSpeller) Unknown(dict string, words []string) ([]string, error) {
	known := c.unknown[dict]
	if known == nil {
		known = map[string]bool{}
		c.unknown[dict] = known
	}
	var ask []string
	seen := map[string]bool{}
	for _, w := range words {
		if _, ok := known[w]; !ok && !seen[w] {
			ask = append(ask, w)
			seen[w] = true
		}
	}
	if len(ask) > 0 {
		bad, err := c.inner.Unknown(dict, ask)
		if err != nil {
			return nil, err
		}
		for _, w := range ask {
			known[w] = false
		}
		for _, w := range bad {
			known[w] = true
		}
	}
	var out []string
	for _, w := range words {
		if known[w] {
			out = append(out, w)
		}
	}
	return out, nil
}

// FirstArticle is the slug of the project's first article ("" if the
// project could not be read).
func (s *Server) FirstArticle() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state.w == nil || len(s.state.w.Articles) == 0 {
		return ""
	}
	return s.state.w.Articles[0].Slug
}

// HasLocale reports whether the preview can show the locale tag.
func (s *Server) HasLocale(tag string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state.good[tag] != nil || slices.Contains(s.state.brokenLocales(), tag)
}
