package media

import (
	"bytes"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tilmash/tilmash/internal/testtool"
	"github.com/tilmash/tilmash/translate/segment"
)

// picture encodes a small grey image in a format: "png", "jpeg" or "gif".
func picture(t testing.TB, format string) []byte {
	return testtool.Picture(t, format, 4, 3, color.Gray{0xc0})
}

var webp = testtool.WebP

func TestSniff(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`
	tests := []struct {
		name string
		data []byte
		want string // the type, or a part of the error
	}{
		{"png", picture(t, "png"), PNG},
		{"jpeg", picture(t, "jpeg"), JPEG},
		{"gif", picture(t, "gif"), GIF},
		{"webp", webp, WebP},
		{"svg", []byte(svg), "an SVG image"},
		{"svg after a declaration, a comment and a doctype", []byte("\ufeff<?xml version=\"1.0\"?>\n<!-- chart -->\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x\" [ <!ENTITY a \"b\"> ]>\n" + svg), "an SVG image"},
		{"html is not svg", []byte("<!DOCTYPE html><html><svg></svg></html>"), "not an image"},
		{"an svg-like name is not svg", []byte("<svgx/>"), "not an image"},
		{"text", []byte("hello"), "not an image"},
		{"empty", nil, "not an image"},
		{"a PNG signature and nothing else", []byte("\x89PNG\r\n\x1a\n"), "a broken PNG"},
		{"a JPEG start and nothing else", []byte{0xff, 0xd8, 0xff, 0xe0}, "a broken JPEG"},
		{"a GIF header and nothing else", []byte("GIF89a"), "a broken GIF"},
		{"RIFF audio", []byte("RIFF\x00\x00\x00\x00WAVEfmt "), "not an image"},
		{"RIFF WebP without an image chunk", []byte("RIFF\x00\x00\x00\x00WEBPJUNK"), "a broken WebP"},
		{"a PDF named photo.jpg", []byte("%PDF-1.7\n"), "not an image"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sniff(bytes.NewReader(tt.data))
			if err != nil {
				got = err.Error()
			}
			if !strings.Contains(got, tt.want) || err == nil && got != tt.want {
				t.Errorf("Sniff = %q, want %q", got, tt.want)
			}
		})
	}
}

// project writes a content folder with an article at site/news/a.md
// and the files its figures name, and returns its root.
func project(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	files := map[string][]byte{
		"site/news/a.md":                   []byte("+++\ntitle = \"A\"\n+++\n"),
		"site/news/photo.jpg":              picture(t, "jpeg"),
		"site/news/images/photo.png":       picture(t, "png"),
		"site/news/images/deeper/map.gif":  picture(t, "gif"),
		"site/shared/logo.png":             picture(t, "png"),
		"site/news/w.webp":                 webp,
		"site/news/my photo.jpg":           picture(t, "jpeg"),
		"site/news/фото.png":               picture(t, "png"),
		"site/news/chart.svg":              []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`),
		"site/news/notes.jpg":              []byte("not a photograph"),
		"site/news/.hidden.jpg":            picture(t, "jpeg"),
		"site/news/.drafts/photo.jpg":      picture(t, "jpeg"),
		"site/news/folder.jpg/keep":        nil,
		"secret.jpg":                       picture(t, "jpeg"),
		"site/dist/media/news/photo.jpg":   picture(t, "jpeg"),
		"site/i18n/ru.toml":                picture(t, "png"),
		"elsewhere/photo.jpg":              picture(t, "jpeg"),
		"site/news/images/deeper/keep.txt": nil,
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"site/news/link.jpg":   "photo.jpg",        // to a file beside it
		"site/news/out.jpg":    "../../secret.jpg", // to a file outside
		"site/news/linked":     "../../elsewhere",  // a folder
		"site/news/dangle.jpg": "nowhere.jpg",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	// Past the bound by its size: a sparse file, which costs no disk.
	big, err := os.Create(filepath.Join(root, "site/news/big.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	big.Write(picture(t, "jpeg"))
	if err := big.Truncate(MaxSize + 1); err != nil {
		t.Fatal(err)
	}
	big.Close()
	return root
}

func TestResolve(t *testing.T) {
	root := project(t)
	f := Folder{FS: os.DirFS(root), Content: "site", Exclude: func(p string) bool {
		return strings.HasPrefix(p, "site/dist/") || strings.HasPrefix(p, "site/i18n/")
	}}
	tests := []struct {
		name string
		src  string
		want string // "path type" of the file published, or a part of the problem; "" for neither (an address the site serves)
	}{
		{"beside the article", "photo.jpg", "news/photo.jpg image/jpeg"},
		{"with ./", "./photo.jpg", "news/photo.jpg image/jpeg"},
		{"in a folder", "images/photo.png", "news/images/photo.png image/png"},
		{"in nested folders", "images/deeper/map.gif", "news/images/deeper/map.gif image/gif"},
		{"up and down inside content", "../shared/logo.png", "shared/logo.png image/png"},
		{"up and back", "images/../photo.jpg", "news/photo.jpg image/jpeg"},
		{"webp", "w.webp", "news/w.webp image/webp"},
		{"percent-encoded", "my%20photo.jpg", "news/my photo.jpg image/jpeg"},
		{"in angle brackets", "my photo.jpg", "news/my photo.jpg image/jpeg"},
		{"Cyrillic name", "фото.png", "news/фото.png image/png"},
		{"a query and a fragment", "photo.jpg?w=300#top", "news/photo.jpg image/jpeg"},
		{"a backslash escape", `photo\.jpg`, "news/photo.jpg image/jpeg"},
		{"a character reference", "photo&#46;jpg", "news/photo.jpg image/jpeg"},
		{"https", "https://example.com/photo.jpg", ""},
		{"protocol-relative", "//cdn.example.com/photo.jpg", ""},
		{"site-absolute", "/img/photo.jpg", ""},
		{"out of content", "../../secret.jpg", "it leaves the site folder"},
		{"far out", "../../../../../../etc/passwd", "it leaves the site folder"},
		{"out and back in", "../../site/news/photo.jpg", "news/photo.jpg image/jpeg"},
		{"percent-encoded dots", "%2e%2e/%2e%2e/secret.jpg", "it leaves the site folder"},
		{"missing", "nope.jpg", "there is no file site/news/nope.jpg"},
		{"missing folder", "gone/photo.jpg", "there is no file site/news/gone/photo.jpg"},
		{"a file as a folder", "photo.jpg/x.jpg", "there is no file site/news/photo.jpg/x.jpg"},
		{"a link beside it", "link.jpg", "site/news/link.jpg is a symbolic link: tilmash publishes no file through a link; replace the link with the file itself"},
		{"a link out", "out.jpg", "site/news/out.jpg is a symbolic link"},
		{"a dangling link", "dangle.jpg", "is a symbolic link"},
		{"through a linked folder", "linked/photo.jpg", "the folder site/news/linked is a symbolic link"},
		{"too large", "big.jpg", "more than an image may (at most 50 MiB)"},
		{"a folder", "folder.jpg", "is a folder"},
		{"not an image", "notes.jpg", "its content is not an image tilmash publishes"},
		{"svg", "chart.svg", "an SVG image"},
		{"hidden file", ".hidden.jpg", "is hidden"},
		{"hidden folder", ".drafts/photo.jpg", "is hidden"},
		{"a file tilmash writes", "../dist/media/news/photo.jpg", "is a file tilmash writes"},
		{"a catalogue", "../i18n/ru.toml", "is a file tilmash writes"},
		{"only a fragment", "#top", "it names no file"},
		{"a backslash", `images\photo.png`, "holds a backslash"},
		{"a control character", "photo%0a.jpg", "control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pos := segment.Pos{File: "site/news/a.md", Line: 7, Col: 1}
			a := &segment.Article{Path: "site/news/a.md", Blocks: []segment.Block{
				{Kind: segment.ParagraphBlock, Unit: -1},
				{Kind: segment.FigureBlock, Src: tt.src, Unit: -1, Pos: pos},
			}}
			refs, problems := f.Resolve(a)
			switch {
			case len(refs)+len(problems) > 1:
				t.Fatalf("refs %v, problems %v: want one at most", refs, problems)
			case len(refs) == 1:
				r := refs[0]
				if got := r.Path + " " + r.Type; got != tt.want {
					t.Errorf("published %q, want %q", got, tt.want)
				}
				if r.Src != tt.src || r.Pos != pos || r.File != "site/"+r.Path {
					t.Errorf("ref = %+v", r)
				}
				if data, err := f.Read(r); err != nil || len(data) == 0 {
					t.Errorf("Read: %d bytes, %v", len(data), err)
				}
			case len(problems) == 1:
				p := problems[0]
				if tt.want == "" || !strings.Contains(p.Why, tt.want) {
					t.Errorf("problem %q, want %q", p.Why, tt.want)
				}
				if !strings.HasPrefix(p.Error(), "site/news/a.md:7:1: "+Msg+" ") || p.Src != tt.src {
					t.Errorf("problem = %q", p.Error())
				}
			case tt.want != "":
				t.Errorf("neither published nor refused, want %q", tt.want)
			}
		})
	}
}

// TestResolveEachFigure: every figure is judged, in lists and quotes too,
// each problem at its own figure; a file shown twice is one file.
func TestResolveEachFigure(t *testing.T) {
	f := Folder{FS: fstest.MapFS{"site/a.jpg": {Data: picture(t, "jpeg")}}, Content: "site"}
	at := func(line int) segment.Pos { return segment.Pos{File: "site/x.md", Line: line, Col: 1} }
	a := &segment.Article{Path: "site/x.md", Blocks: []segment.Block{
		{Kind: segment.FigureBlock, Src: "a.jpg", Unit: -1, Pos: at(1)},
		{Kind: segment.FigureBlock, Src: "", Unit: -1, Pos: at(2)}, // no photograph: nothing to say
		{Kind: segment.ListBlock, Unit: -1, Children: []segment.Block{{Kind: segment.ItemBlock, Unit: -1, Children: []segment.Block{
			{Kind: segment.FigureBlock, Src: "b.jpg", Unit: -1, Pos: at(3)},
		}}}},
		{Kind: segment.QuoteBlock, Unit: -1, Children: []segment.Block{
			{Kind: segment.FigureBlock, Src: "a.jpg", Unit: -1, Pos: at(4)},
			{Kind: segment.FigureBlock, Src: "b.jpg", Unit: -1, Pos: at(5)},
		}},
	}}
	refs, problems := f.Resolve(a)
	if len(refs) != 2 || refs[0].Pos != at(1) || refs[1].Pos != at(4) || refs[0].File != refs[1].File {
		t.Errorf("refs = %+v", refs)
	}
	if len(problems) != 2 || problems[0].Pos != at(3) || problems[1].Pos != at(5) {
		t.Errorf("problems = %v", problems)
	}
}

// TestReadJudgesAgain: a file that changed after Resolve judged it is
// refused when it is read.
func TestReadJudgesAgain(t *testing.T) {
	fsys := fstest.MapFS{"site/a.jpg": {Data: picture(t, "jpeg")}}
	f := Folder{FS: fsys, Content: "site"}
	refs, _ := f.Resolve(&segment.Article{Path: "site/x.md", Blocks: []segment.Block{{Kind: segment.FigureBlock, Src: "a.jpg", Unit: -1}}})
	if len(refs) != 1 {
		t.Fatalf("refs = %v", refs)
	}
	fsys["site/a.jpg"].Data = picture(t, "png")
	if _, err := f.Read(refs[0]); err == nil || !strings.Contains(err.Error(), "changed while tilmash read it") {
		t.Errorf("Read after a change = %v", err)
	}
	fsys["site/a.jpg"].Data = []byte("<svg/>")
	if _, err := f.Read(refs[0]); err == nil || !strings.Contains(err.Error(), "SVG") {
		t.Errorf("Read of an SVG = %v", err)
	}
}

func TestExternal(t *testing.T) {
	for src, want := range map[string]string{
		"https://example.com/a&amp;b.jpg": "https://example.com/a&b.jpg",
		"/img/x.jpg":                      "/img/x.jpg",
		"//cdn.example.com/x.jpg":         "//cdn.example.com/x.jpg",
		"photo.jpg":                       "",
		"":                                "",
	} {
		got, ok := External(src)
		if got != want || ok != (want != "") {
			t.Errorf("External(%q) = %q, %v; want %q", src, got, ok, want)
		}
	}
}

// TestFigurePosition: a problem is at its figure's line, as segment
// records it, in a list too.
func TestFigurePosition(t *testing.T) {
	a, err := segment.Split("site/x.md", []byte("+++\ntitle = \"X\"\n+++\n\nText.\n\n![Gone.](gone.jpg)\n\n- item\n\n  ![Also gone.](gone.jpg)\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Blocks[1].Kind != segment.FigureBlock || a.Blocks[1].Pos.Line != 7 {
		t.Errorf("figure block = %+v, want at line 7", a.Blocks[1])
	}
	_, problems := Folder{FS: fstest.MapFS{}, Content: "site"}.Resolve(a)
	if len(problems) != 2 || problems[0].Pos.String() != "site/x.md:7:1" || problems[1].Pos.String() != "site/x.md:11:3" {
		t.Errorf("problems = %v", problems)
	}
}
