package workspace

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/render"
	"github.com/tilmash/tilmash/translate/segment"
	"github.com/tilmash/tilmash/translate/site"
)

// HugoDir is the folder under dist/ that holds the Hugo site's files:
// content/<language key>/<article>/index.md, and languages.toml.
const HugoDir = "hugo"

// hugoMedia is the folder, inside a Hugo page's bundle, of the images its
// figures show that cannot stand at the address the article writes:
// media/<the image's path under content/> (bundlePath).
const hugoMedia = "media"

// HugoLanguagesFile is the Hugo site's languages (site.HugoLanguages),
// which build writes beside the content tree: hugo --config
// hugo.toml,dist/hugo/languages.toml reads them.
func (l Layout) HugoLanguagesFile() string { return path.Join(l.Dist, HugoDir, "languages.toml") }

// BuildFormats are the formats a build makes: those asked for, or all of
// Formats, and the Hugo tree when the options or the settings ask for it.
func BuildFormats(opts BuildOptions, cfg *check.Config) ([]string, error) {
	formats := slices.Clone(opts.Formats)
	if len(formats) == 0 {
		formats = slices.Clone(Formats)
	}
	switch opts.Site {
	case "", check.SiteHugo:
	default:
		return nil, fmt.Errorf("unknown site %q: use hugo", opts.Site)
	}
	if (opts.Site == check.SiteHugo || cfg != nil && cfg.Publish.Site == check.SiteHugo) && !slices.Contains(formats, HugoFormat) {
		formats = append(formats, HugoFormat)
	}
	for _, f := range formats {
		if !slices.Contains(AllFormats, f) {
			return nil, fmt.Errorf("unknown format %q: use %s", f, strings.Join(AllFormats, ", "))
		}
	}
	return formats, nil
}

// hugoPage is an edition as a page of the Hugo content tree, with the
// images its figures show (by their path in the bundle) and what it
// could not carry (a date Hugo cannot read).
func (w *Workspace) hugoPage(p plan, pg render.Page) ([]byte, map[string][]byte, []string) {
	images := map[string][]byte{}
	var collect func([]assemble.Block)
	collect = func(blocks []assemble.Block) {
		for _, bl := range blocks {
			collect(bl.Children)
			if img, ok := pg.Images[bl.Src]; ok && bl.Kind == segment.FigureBlock && img.Path != "" {
				images[bundlePath(bl.Src, img)] = img.Data
			}
		}
	}
	collect(p.ed.Blocks)
	page, notes := site.Hugo(p.ed, site.HugoPage{Key: p.article.Slug, Image: func(src string) (string, bool) {
		img, ok := pg.Images[src]
		if !ok || img.Path == "" {
			return "", false
		}
		return bundlePath(src, img), true
	}})
	return page, images, notes
}

// bundlePath is where a figure's image stands in its page's bundle: at
// the address the article writes, where that is a plain path that stays
// inside the bundle (images/x.jpg: a figure of the editor's own Hugo code,
// {{< figure src="images/x.jpg" >}}, finds it unchanged); otherwise at
// media/<its path under content/> (../shared/x.jpg, an escaped name).
func bundlePath(src string, img render.Image) string {
	clean := path.Clean(src)
	if clean == src && filepath.IsLocal(src) && !strings.ContainsAny(src, "%?#\\:") && !strings.HasPrefix(src, hugoMedia+"/") && imageName(src) {
		return src
	}
	return hugoMedia + "/" + img.Path
}

// imageName reports whether a file's name ends as an image's does (.jpg,
// .jpeg, .png, .gif, .webp, in any case): the only files of a bundle,
// beside its page and its media/ folder, that a build writes or removes.
func imageName(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp":
		return true
	}
	return false
}

// bundleResource reports whether f, named by a report as an image of the
// Hugo page file, is one a build could have written there: inside the
// page's bundle, a clean path, in its media/ folder or named as an image.
func bundleResource(file, f string) bool {
	rel, ok := strings.CutPrefix(f, path.Dir(file)+"/")
	return ok && filepath.IsLocal(rel) && path.Clean(f) == f && !strings.ContainsAny(f, "\\\x00") &&
		(strings.HasPrefix(rel, hugoMedia+"/") || imageName(rel))
}

// HugoLanguages is the Hugo site's languages file: every locale with a
// catalogue (Locales: the source first), each with its folder of the
// content tree, relative to the Hugo site's root ([publish] site-root;
// the project's root when unset), where hugo runs.
func (p *Project) HugoLanguages() []byte {
	root := "."
	if p.Config != nil && p.Config.Publish.SiteRoot != "" {
		root = p.Config.Publish.SiteRoot
	}
	var langs []site.HugoLanguage
	for _, tag := range p.Locales() {
		dir := path.Join(p.Layout.Dist, HugoDir, "content", site.LanguageKey(tag))
		if rel, err := filepath.Rel(filepath.FromSlash(root), filepath.FromSlash(dir)); err == nil {
			dir = filepath.ToSlash(rel)
		}
		langs = append(langs, site.HugoLanguage{Tag: tag, ContentDir: dir})
	}
	return site.HugoLanguages(langs)
}

// SiteFiles are the files of the site's settings a build writes beside
// its editions: the Hugo languages file while the report lists a Hugo
// page, its removal once it lists none (the site turned off).
func (p *Project) SiteFiles(r Report) fileset.Set {
	file := p.Layout.HugoLanguagesFile()
	if slices.ContainsFunc(r.Editions, func(o Output) bool { return o.Format == HugoFormat }) {
		return fileset.Set{file: p.HugoLanguages()}
	}
	if _, err := fs.Stat(p.fsys, file); err == nil {
		return fileset.Set{file: nil}
	}
	return nil
}
