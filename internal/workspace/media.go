package workspace

import (
	"io/fs"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/tilmash/tilmash/internal/parallel"
	"github.com/tilmash/tilmash/translate/media"
	"github.com/tilmash/tilmash/translate/render"
	"github.com/tilmash/tilmash/translate/segment"
)

// MediaDir is the folder under dist/ that holds the images the articles'
// figures show: dist/media/<the file's path under content/>, one copy for
// every locale's editions, which reach it as ../media/… (or through the
// base URL), as they reach each other's languages.
const MediaDir = "media"

// Media is an image file the build publishes beside the editions, as
// dist/report.json records it.
type Media struct {
	File     string   `json:"file"`     // dist/media/news/photo.jpg
	Source   string   `json:"source"`   // the file it is a copy of: content/news/photo.jpg
	Type     string   `json:"type"`     // its media type, from its content
	Articles []string `json:"articles"` // the articles whose figures show it, by name
}

// folder is the content folder as package media resolves figures in it:
// never a file tilmash writes (dist/ or a catalogue inside it).
func (w *Workspace) folder() media.Folder {
	lay := w.Layout
	under := func(f, dir string) bool {
		dir = path.Clean(dir)
		return dir != "." && dir != "" && strings.HasPrefix(f, dir+"/")
	}
	return media.Folder{FS: w.fsys, Content: lay.Content, Exclude: func(f string) bool {
		return under(f, lay.Dist) || under(f, lay.Locales) && strings.HasSuffix(f, ".toml")
	}}
}

// resolveFigures finds the images of a's figures (Load calls it for
// every article): each that cannot be published is a warning of the
// article at the figure's line, which check reports (code image) and
// build prints, as it does its other warnings.
func resolveFigures(f media.Folder, a *segment.Article) []media.Ref {
	refs, problems := f.Resolve(a)
	for _, p := range problems {
		a.Warnings = append(a.Warnings, &segment.Error{Pos: p.Pos, Msg: p.Message(), Code: segment.WarnImage})
	}
	return refs
}

// mediaFile is where the image at rel (its path under content/) is
// published.
func (w *Workspace) mediaFile(rel string) string {
	return path.Join(w.Layout.Dist, MediaDir, rel)
}

// mediaHref is the address of the image at rel from an HTML edition:
// under the base URL when there is one, as the language links are,
// otherwise relative to dist/<locale>/.
func (w *Workspace) mediaHref(rel string) string {
	parts := strings.Split(rel, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	href := MediaDir + "/" + strings.Join(parts, "/")
	if base := w.Config.Publish.BaseURL; base != "" {
		return strings.TrimSuffix(base, "/") + "/" + href
	}
	return "../" + href
}

// images is what a build publishes of the articles' figures.
type images struct {
	pages    map[*segment.Article]map[string]render.Image // each article's, for render.Page.Images
	warnings map[*segment.Article][]string                // each article's images left out, at their figures
	files    map[string][]byte                            // dist/media/… → content
	media    []Media                                      // for the report, by file
}

// collectImages reads the images of the articles' figures: each file
// once, whatever the number of figures, articles and locales that show it.
// A file that cannot be read now (changed since Load judged it) is left
// out, with a warning at each figure that shows it.
func (w *Workspace) collectImages(articles []*segment.Article) *images {
	out := &images{pages: map[*segment.Article]map[string]render.Image{}, warnings: map[*segment.Article][]string{}, files: map[string][]byte{}}
	byFile := map[string]*Media{}
	var files []media.Ref
	for _, a := range articles {
		for _, warn := range a.Warnings {
			if warn.Code == segment.WarnImage {
				out.warnings[a] = append(out.warnings[a], warn.Error())
			}
		}
		for _, r := range w.figures[a] {
			m := byFile[r.File]
			if m == nil {
				m = &Media{File: w.mediaFile(r.Path), Source: r.File, Type: r.Type}
				byFile[r.File] = m
				files = append(files, r)
			}
			if !slices.Contains(m.Articles, a.Slug) {
				m.Articles = append(m.Articles, a.Slug)
			}
		}
	}
	data := make([][]byte, len(files))
	errs := make([]error, len(files))
	f := w.folder()
	parallel.For(len(files), func(i int) { data[i], errs[i] = f.Read(files[i]) })
	read := map[string][]byte{}
	failed := map[string]error{}
	for i, r := range files {
		if errs[i] != nil {
			failed[r.File] = errs[i]
			continue
		}
		read[r.File] = data[i]
		m := byFile[r.File]
		out.files[m.File] = data[i]
		sort.Strings(m.Articles)
		out.media = append(out.media, *m)
	}
	sort.Slice(out.media, func(i, j int) bool { return out.media[i].File < out.media[j].File })
	for _, a := range articles {
		for _, r := range w.figures[a] {
			if err := failed[r.File]; err != nil {
				p := &media.Problem{Pos: r.Pos, Src: r.Src, Why: err.Error()}
				out.warnings[a] = append(out.warnings[a], p.Error())
				continue
			}
			if out.pages[a] == nil {
				out.pages[a] = map[string]render.Image{}
			}
			out.pages[a][r.Src] = render.Image{Href: w.mediaHref(r.Path), Type: r.Type, Data: read[r.File], Path: r.Path}
		}
	}
	return out
}

// trustedMedia keeps, of a report's images, those whose file is one build
// writes: a clean path under dist/media/. report.json is a file anyone can
// edit, and build removes the images it names that no article shows any
// more: a crafted entry must name nothing else.
func (w *Workspace) trustedMedia(ms []Media) []Media {
	prefix := path.Join(w.Layout.Dist, MediaDir) + "/"
	var out []Media
	for _, m := range ms {
		rel, ok := strings.CutPrefix(m.File, prefix)
		if !ok || !fs.ValidPath(rel) || rel == "." || path.Clean(m.File) != m.File || strings.ContainsAny(rel, "\\\x00") ||
			slices.ContainsFunc(strings.Split(rel, "/"), func(p string) bool { return strings.HasPrefix(p, ".") }) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// keptMedia are the images of the last build's report that the editions
// kept from it show (keys locale/article): their pages still point at
// them, so they stay as they are.
func (w *Workspace) keptMedia(prev []Media, kept []string) []Media {
	slugs := map[string]bool{}
	for _, key := range kept {
		_, slug, _ := strings.Cut(key, "/")
		slugs[slug] = true
	}
	var out []Media
	for _, m := range prev {
		arts := slices.DeleteFunc(slices.Clone(m.Articles), func(a string) bool { return !slugs[a] })
		if len(arts) == 0 || w.fsys == nil {
			continue
		}
		if _, err := fs.Stat(w.fsys, m.File); err != nil {
			continue
		}
		m.Articles = arts
		out = append(out, m)
	}
	return out
}

// MergeMedia joins lists of images by file, the articles of each joined,
// the later list's source and type: the images of the parts of one build.
func MergeMedia(lists ...[]Media) []Media { return mergeMedia(lists...) }

// mergeMedia joins lists of images by file, the articles of each joined:
// the images of a partial build and those the last build published (a
// partial build removes none: the next full build does), or those of the
// shards of a CI matrix.
func mergeMedia(lists ...[]Media) []Media {
	byFile := map[string]*Media{}
	var order []string
	for _, ms := range lists {
		for _, m := range ms {
			e := byFile[m.File]
			if e == nil {
				c := m
				c.Articles = slices.Clone(m.Articles)
				byFile[m.File] = &c
				order = append(order, m.File)
				continue
			}
			e.Source, e.Type = m.Source, m.Type // the later list's: the newer build's
			for _, a := range m.Articles {
				if !slices.Contains(e.Articles, a) {
					e.Articles = append(e.Articles, a)
				}
			}
		}
	}
	sort.Strings(order)
	var out []Media
	for _, f := range order {
		m := byFile[f]
		sort.Strings(m.Articles)
		out = append(out, *m)
	}
	return out
}
