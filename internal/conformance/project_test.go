package conformance

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/segment"
)

// pseudoTag is the pseudo-locale, named as Android's and Chromium's tools
// name theirs: English, with every word of every unit marked.
var pseudoTag = language.MustParse("en-XA")

// config is the project's tilmash.toml: en-XA required, so that a unit
// its checks reject refuses the edition instead of passing unseen.
// Its spelling is the English's, odd spaces too: the examples' double
// spaces and a tab from &#9; are the English's, not a translator's.
const config = `[locales.en-XA]
required = true

[check.locales.en-XA]
disable = ["typography-space"]
`

// A project is the corpus built as tilmash builds a project: every
// article split, extracted, its en-XA catalogue filled with Pseudo and
// read back from its TOML, then every article built in every format.
type project struct {
	Refused  map[string]error             // the samples segment.Split refuses, by name: not in the project
	Articles map[string]*segment.Article  // the others, by slug (sample.Slug)
	Result   *workspace.Result            // the build: its files and report
	Editions map[string]*assemble.Edition // by locale and slug: "en-XA/spec-001"
}

// File is a file the build wrote, or nil.
func (p *project) File(loc language.Tag, slug, ext string) []byte {
	return p.Result.Files["dist/"+loc.String()+"/"+slug+"."+ext]
}

// Edition is an edition the build made, or nil.
func (p *project) Edition(loc language.Tag, slug string) *assemble.Edition {
	return p.Editions[loc.String()+"/"+slug]
}

// corpus is every sample: what the tests run through the pipeline.
func corpus() ([]sample, error) {
	var all []sample
	for _, load := range []func() ([]sample, error){
		specSamples, gfmSamples,
		func() ([]sample, error) { return articleSamples("constructs", "constructs") },
		func() ([]sample, error) { return articleSamples("real", "real") },
	} {
		s, err := load()
		if err != nil {
			return nil, err
		}
		all = append(all, s...)
	}
	return all, nil
}

var (
	once     sync.Once
	built    *project
	buildErr error
	samples  []sample
)

// theProject builds the corpus once for every test of the package.
func theProject(t testing.TB) (*project, []sample) {
	t.Helper()
	once.Do(func() {
		if samples, buildErr = corpus(); buildErr == nil {
			built, buildErr = buildProject(samples)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return built, samples
}

// buildProject runs the samples through Load, Extract and Build.
func buildProject(samples []sample) (*project, error) {
	p := &project{Refused: map[string]error{}, Articles: map[string]*segment.Article{},
		Editions: map[string]*assemble.Edition{}}
	fsys := fstest.MapFS{"tilmash.toml": {Data: []byte(config)}}
	for _, s := range samples {
		file := path.Join("content", s.Name+".md")
		// One refused article stops a project: the test names each.
		if _, err := segment.Split(file, s.Source); err != nil {
			p.Refused[s.Name] = err
			continue
		}
		fsys[file] = &fstest.MapFile{Data: s.Source}
	}
	w, err := workspace.Load(fsys, workspace.Default)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	files, _, err := w.Extract([]language.Tag{pseudoTag}, false)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	// Extract writes a catalogue file per article and locale (package
	// catpath): the source's kept as written, the en-XA ones translated,
	// each read back from its TOML.
	var srcParts []*catalog.Catalog
	var xaFiles []*catalog.Catalog
	for _, f := range files.Paths() {
		cf, ok := catpath.Parse(workspace.Default.Locales, f)
		if !ok || cf.Flat || files[f] == nil {
			return nil, fmt.Errorf("extract wrote %s, not an article's catalogue", f)
		}
		c, err := catalog.Parse(f, files[f])
		if err != nil {
			return nil, fmt.Errorf("the catalogue extract wrote: %w", err)
		}
		switch cf.Locale {
		case locale.Source:
			srcParts = append(srcParts, c)
			fsys[f] = &fstest.MapFile{Data: files[f]}
		case pseudoTag:
			xaFiles = append(xaFiles, c)
		default:
			return nil, fmt.Errorf("extract wrote %s, a catalogue of %s", f, cf.Locale)
		}
	}
	if len(srcParts) != len(w.Articles) || len(xaFiles) != len(w.Articles) {
		return nil, fmt.Errorf("extract wrote %d source and %d en-XA catalogues for %d articles", len(srcParts), len(xaFiles), len(w.Articles))
	}
	src, err := catalog.Merge(locale.Source, catalog.TargetPath(workspace.Default.Locales, locale.Source), srcParts)
	if err != nil {
		return nil, fmt.Errorf("the source catalogues extract wrote: %w", err)
	}
	for _, xa := range xaFiles {
		translate(xa, src)
		fsys[xa.Path] = &fstest.MapFile{Data: catalog.Format(xa)}
	}
	if w, err = workspace.Load(fsys, workspace.Default); err != nil {
		return nil, fmt.Errorf("load the translated project: %w", err)
	}
	res, err := w.Build(workspace.BuildOptions{})
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	p.Result = res
	for _, a := range w.Articles {
		p.Articles[a.Slug] = a
	}
	for _, ed := range res.Editions {
		p.Editions[ed.Locale.String()+"/"+ed.Slug] = ed.Edition
	}
	return p, nil
}

// translate fills every entry of the en-XA catalogue c with Pseudo's
// translation of its English in src, as a translator would: each plural
// form the locale needs from the English's own, or its other form.
func translate(c, src *catalog.Catalog) {
	for _, m := range c.Messages {
		sm := src.Lookup(m.ID)
		if sm == nil {
			continue
		}
		for f := range m.Forms {
			text := sm.Forms[f]
			if text == "" {
				text = sm.Text()
			}
			m.Forms[f] = Pseudo(text)
		}
	}
}

// refusals lists the editions the build refused, one a line.
func (p *project) refusals() []string {
	var out []string
	for _, r := range p.Result.Report.Refused {
		var why []string
		for _, x := range r.Rejected {
			why = append(why, x.Unit+": "+x.Message)
		}
		out = append(out, fmt.Sprintf("%s/%s: missing %v, stale %v, rejected %s", r.Locale, r.Article, r.Missing, r.Stale, strings.Join(why, "; ")))
	}
	sort.Strings(out)
	return out
}
