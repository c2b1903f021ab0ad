package frontmatter

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRealArticles: the articles of testdata/real (see its README), as
// their sites wrote them, are read with the fields their generators
// read; with nothing to replace they are written back byte for byte; with
// every string replaced (Kazakh text with quotes and a backslash) they read
// back to the new strings and every other value unchanged.
func TestRealArticles(t *testing.T) {
	want := map[string][]string{
		"hugo-http2-server-push.md": {
			"title=HTTP/2 Server Push in Hugo @2:8 key 2:1 text=true",
			"date=2017-07-24T18:36:00+02:00 @3:7 key 3:1 text=false",
			"description=As every page in Hugo can be output to multiple formats, it is easy to create Netlify's _redirects and _headers files on the fly.\n @4:14 key 4:1 text=true",
			"categories.0=blog @6:14 key 6:14 text=true",
			"slug=http2-server-push-in-hugo @8:7 key 8:1 text=true",
			"images.0=images/gohugoio-card-1.png @12:3 key 12:3 text=true",
		},
		"hugo-multilingual.md": {
			"linkTitle=Multilingual @3:12 key 3:1 text=true",
			"aliases.1=/tutorials/create-a-multilingual-site/ @7:34 key 7:34 text=true",
		},
		"rust-rustup-jekyll.md": {
			"layout=post @2:9 key 2:1 text=true",
			"author=Brian Anderson @4:9 key 4:1 text=true",
			"description=The rustup toolchain manager makes cross-compilation in Rust a breeze @5:14 key 5:1 text=true",
		},
		"rust-rustup-zola.md": {
			"path=2016/05/13/rustup @2:8 key 2:1 text=true",
			"authors.0=Brian Anderson @4:12 key 4:12 text=true",
			"aliases=[2016/05/13/rustup.html] @6:11 key 6:1 text=false",
		},
	}
	names, _ := filepath.Glob("testdata/real/*.md")
	names = slices.DeleteFunc(names, func(n string) bool { return filepath.Base(n) == "README.md" })
	if len(names) != len(want) {
		t.Fatalf("%d articles in testdata/real, want %d", len(names), len(want))
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Parse(name, src)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			values := map[string]any{}
			for _, f := range d.Fields() {
				got[field(f)] = true
				if f.Text {
					values[f.Path] = "«" + f.Path + "» қазақша \"тырнақша\" \\ " + f.Path
				}
				if _, ok := f.Value.(string); ok && !f.Text {
					t.Errorf("%s is a string Rewrite cannot replace", f.Path)
				}
			}
			for _, w := range want[filepath.Base(name)] {
				if !got[w] {
					t.Errorf("no field %s", w)
				}
			}
			same, err := d.Rewrite(nil)
			if err != nil || string(same) != string(d.Raw()) || !strings.HasPrefix(string(src), string(same)) {
				t.Fatalf("a rewrite with nothing to replace changed the front matter: %v\n%s", err, same)
			}
			out, err := d.Rewrite(values)
			if err != nil {
				t.Fatal(err)
			}
			checkRewrite(t, name, src, d, values, out)
		})
	}
}
