package media

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"

	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/translate/segment"
)

// MaxSize is the most bytes an image may hold to be published: far above a
// newsroom's photograph (a few MB), and a bound on what one figure can make
// a build read and hold.
var MaxSize = bound.Image.Max

// Msg starts the message of every Problem: what check reads as the code
// "image".
const Msg = "the image"

// Ref is a figure's image that the editions publish.
type Ref struct {
	Src  string      // the address as the article writes it (segment.Block.Src)
	Pos  segment.Pos // the figure's place in the article
	File string      // the file, a path of the Folder's FS: content/news/photo.jpg
	Path string      // the file relative to the content folder (news/photo.jpg): where it is published
	Type string      // its media type, from its content: image/jpeg, image/png, image/gif or image/webp
}

// Problem is a figure whose image is not published: the editions show its
// caption alone.
type Problem struct {
	Pos segment.Pos // the figure's place in the article
	Src string      // the address as the article writes it
	Why string      // why, and what to do
}

// Error formats the problem as file:line:col: message.
func (p *Problem) Error() string { return p.Pos.String() + ": " + p.Message() }

// Message is the problem without its position.
func (p *Problem) Message() string {
	return fmt.Sprintf("%s %q is not published, only its caption: %s", Msg, shorten(p.Src), p.Why)
}

// External reports whether src, a figure's address, is absolute (a
// scheme, or //host) or site-absolute (/img/x.jpg): an address the site
// serves, which the editions leave as it is. It returns the address as an
// HTML attribute's value should hold it (CommonMark's reading of the
// Markdown: escapes and character references resolved, then
// percent-encoded where a URL must be).
func External(src string) (string, bool) {
	if src == "" {
		return "", false
	}
	href := string(util.URLEscape([]byte(src), true))
	u, err := url.Parse(href)
	if err != nil {
		return "", false
	}
	if u.Scheme != "" || u.Host != "" || u.Opaque != "" || strings.HasPrefix(u.Path, "/") || strings.HasPrefix(href, "//") {
		return href, true
	}
	return "", false
}

// Folder is the content folder that figures' relative addresses resolve in.
type Folder struct {
	FS      fs.FS  // the project
	Content string // the content folder, a path of FS ("content")
	// Exclude names files under Content that are never published, though
	// they are images (the files a tool writes there); may be nil.
	Exclude func(file string) bool
}

// Resolve finds the image of every figure of a with a relative address
// (a.Path is a path of f.FS under f.Content). Each figure is a Ref, or a
// Problem at its line; figures without an address, or with an External
// one, are neither.
func (f Folder) Resolve(a *segment.Article) ([]Ref, []*Problem) {
	var refs []Ref
	var problems []*Problem
	seen := map[string]Ref{} // by address: each file is looked at once
	failed := map[string]string{}
	var walk func([]segment.Block)
	walk = func(blocks []segment.Block) {
		for _, b := range blocks {
			walk(b.Children)
			if b.Kind != segment.FigureBlock || b.Src == "" {
				continue
			}
			if _, ext := External(b.Src); ext {
				continue
			}
			pos := figurePos(a, b)
			if r, ok := seen[b.Src]; ok {
				r.Pos = pos
				refs = append(refs, r)
				continue
			}
			if why, ok := failed[b.Src]; ok {
				problems = append(problems, &Problem{Pos: pos, Src: b.Src, Why: why})
				continue
			}
			r, why := f.resolve(a.Path, b.Src)
			if why != "" {
				failed[b.Src] = why
				problems = append(problems, &Problem{Pos: pos, Src: b.Src, Why: why})
				continue
			}
			r.Src, r.Pos = b.Src, pos
			seen[b.Src] = r
			refs = append(refs, r)
		}
	}
	walk(a.Blocks)
	return refs, problems
}

// figurePos is where figure b is in a: its own place, or its caption's.
func figurePos(a *segment.Article, b segment.Block) segment.Pos {
	if b.Pos.Line > 0 {
		return b.Pos
	}
	if b.Unit >= 0 && b.Unit < len(a.Units) {
		return a.Units[b.Unit].Pos
	}
	return segment.Pos{File: a.Path, Line: 1, Col: 1}
}

// resolve finds the file src names from the article at article, and
// judges it; why says what keeps it from being published.
func (f Folder) resolve(article, src string) (r Ref, why string) {
	u, err := url.Parse(string(util.URLEscape([]byte(src), true)))
	if err != nil {
		return r, "it is not an address a browser can read: write the file's path relative to the article (photo.jpg, images/photo.jpg)"
	}
	rel := u.Path
	switch {
	case rel == "":
		return r, "it names no file: write the file's path relative to the article (photo.jpg)"
	case !utf8.ValidString(rel) || strings.ContainsFunc(rel, func(c rune) bool { return c < 0x20 || c == 0x7f }):
		return r, "the path holds a control character or is not UTF-8: rename the file"
	case strings.Contains(rel, `\`):
		return r, `the path holds a backslash: separate folders with "/" (images/photo.jpg)`
	}
	content := path.Clean(f.Content)
	file := path.Join(path.Dir(article), rel)
	inside := fs.ValidPath(file) && (content == "." || strings.HasPrefix(file, content+"/"))
	if !inside {
		return r, fmt.Sprintf("it leaves the %s folder: an article shows only images beside it, in %s/", content, content)
	}
	r.File, r.Path = file, file
	if content != "." {
		r.Path = strings.TrimPrefix(file, content+"/")
	}
	if why := f.check(r.File, r.Path); why != "" {
		return Ref{}, why
	}
	fh, err := f.FS.Open(r.File)
	if err != nil {
		return Ref{}, fmt.Sprintf("%s cannot be read: %v", r.File, err)
	}
	defer fh.Close()
	if r.Type, err = Sniff(io.LimitReader(fh, MaxSize)); err != nil {
		return Ref{}, err.Error()
	}
	return r, ""
}

// check judges the file at file (rel under the content folder) by its
// name and its metadata: what keeps it from being published, or "".
func (f Folder) check(file, rel string) string {
	parts := strings.Split(rel, "/")
	for _, part := range parts {
		if strings.HasPrefix(part, ".") {
			return fmt.Sprintf("%s is hidden (a name starting with a dot): tilmash publishes no hidden file or folder; rename it", file)
		}
	}
	if f.Exclude != nil && f.Exclude(file) {
		return fmt.Sprintf("%s is a file tilmash writes, not one an article shows: keep the article's images beside it", file)
	}
	p := path.Clean(f.Content)
	for i, part := range parts {
		if p == "." {
			p = part
		} else {
			p += "/" + part
		}
		fi, err := fs.Lstat(f.FS, p)
		last := i == len(parts)-1
		switch {
		case errors.Is(err, fs.ErrNotExist) || err == nil && !last && fi.Mode()&fs.ModeSymlink == 0 && !fi.IsDir():
			return fmt.Sprintf("there is no file %s: add it beside the article, or correct the address", file)
		case err != nil:
			return fmt.Sprintf("%s cannot be read: %v", file, err)
		case fi.Mode()&fs.ModeSymlink != 0 && last:
			return fmt.Sprintf("%s is a symbolic link: tilmash publishes no file through a link; replace the link with the file itself", file)
		case fi.Mode()&fs.ModeSymlink != 0:
			return fmt.Sprintf("the folder %s is a symbolic link: tilmash publishes no file through a link; replace the link with the folder itself", p)
		case last && fi.IsDir():
			return fmt.Sprintf("%s is a folder, not an image file", file)
		case last && !fi.Mode().IsRegular():
			return fmt.Sprintf("%s is not a regular file (%s)", file, fi.Mode().Type())
		case last && fi.Size() > MaxSize:
			return fmt.Sprintf("%s holds %d bytes, more than an image may (at most %d MiB): make it smaller", file, fi.Size(), MaxSize>>20)
		}
	}
	return ""
}

// Read reads the image r names, judging it again (the file may have
// changed since Resolve): the bytes the editions publish.
func (f Folder) Read(r Ref) ([]byte, error) {
	if why := f.check(r.File, r.Path); why != "" {
		return nil, errors.New(why)
	}
	data, err := bound.ReadFile(f.FS, r.File, bound.Image)
	if err != nil {
		return nil, err
	}
	typ, err := Sniff(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if typ != r.Type {
		return nil, fmt.Errorf("%s changed while tilmash read it (%s, then %s): build again", r.File, r.Type, typ)
	}
	return data, nil
}

// shorten keeps an address in a message readable.
func shorten(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
