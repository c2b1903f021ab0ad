package render

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/frontmatter"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/segment"
)

// TestMarkdownFrontMatter: the Markdown edition writes the source's front
// matter in its own format (TOML, YAML, JSON), every field in its place:
// the English edition's byte for byte; a translated edition's with each
// translated value in place (the English as written where a unit is not
// translated), lang naming the edition's language where the source sets
// it, and the fields a site generator reads (draft, slug, aliases, tags)
// untouched.
func TestMarkdownFrontMatter(t *testing.T) {
	tests := []struct {
		name, src string
		ru        map[string]string // unit ID → translation
		want      string            // the Russian edition's front matter
	}{
		{"YAML",
			"---\n# Hugo's\ntitle: \"The Conscript\"\nlang: en\ndate: 2022-10-05T10:00:00+06:00\ndraft: true\nslug: the-conscript\naliases: [/old/]\ntags: [war, Almaty]\ndescription: >\n  Russians who fled\n  to Almaty.\nsummary: >\n  Not translated\n  yet.\nparams:\n  subtitle: Men of 18 to 30   # shown under the title\n  weight: 3\n---\n\nText.\n",
			map[string]string{"a.title": "Призывник", "a.fm-description": "Россияне, бежавшие в Алматы.", "a.fm-params-subtitle": "Мужчины «18–30»"},
			"---\n# Hugo's\ntitle: \"Призывник\"\nlang: \"ru\"\ndate: 2022-10-05T10:00:00+06:00\ndraft: true\nslug: the-conscript\naliases: [/old/]\ntags: [war, Almaty]\ndescription: \"Россияне, бежавшие в Алматы.\"\nsummary: >\n  Not translated\n  yet.\nparams:\n  subtitle: \"Мужчины «18–30»\"   # shown under the title\n  weight: 3\n---\n"},
		{"TOML, a unit not translated",
			"+++\ntitle = 'The \"Conscript\"' # the headline\nnote = \"All names changed.\"\ndraft = true\n[params]\nsubtitle = \"Sub\"\n[[params.images]]\nsrc = \"a.jpg\"\n+++\n\nText.\n",
			map[string]string{"a.title": "«Призывник» \\ \"новобранец\""},
			"+++\ntitle = \"«Призывник» \\\\ \\\"новобранец\\\"\" # the headline\nnote = \"All names changed.\"\ndraft = true\n[params]\nsubtitle = \"Sub\"\n[[params.images]]\nsrc = \"a.jpg\"\n+++\n"},
		{"JSON",
			"{\n  \"title\": \"The Conscript\",\n  \"summary\": \"Men who fled.\",\n  \"draft\": false\n}\n\nText.\n",
			map[string]string{"a.title": "Призывник", "a.fm-summary": "Бежавшие."},
			"{\n  \"title\": \"Призывник\",\n  \"summary\": \"Бежавшие.\",\n  \"draft\": false\n}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := segment.Split("content/a.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			src := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
			en, err := assemble.Assemble(a, src, src, assemble.Options{})
			if err != nil {
				t.Fatal(err)
			}
			fm := string(a.Meta.FrontMatter.Raw())
			if got := string(Markdown(en)); !strings.HasPrefix(got, fm) {
				t.Errorf("the English edition's front matter is not the source's:\n%s\nwant\n%s", got, fm)
			}
			ru, _ := catalog.Sync(src, nil, language.Russian, "locales/ru.toml", false)
			for id, text := range tt.ru {
				m := ru.Lookup(id)
				if m == nil {
					t.Fatalf("no unit %s", id)
				}
				m.Forms[locale.Other] = text
			}
			ed, err := assemble.Assemble(a, src, ru, assemble.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := string(Markdown(ed))
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("the Russian edition:\n%s\nwant front matter\n%s", got, tt.want)
			}
			// It reads back: the same units, in the edition's language.
			b, err := segment.Split("content/a.md", []byte(got))
			if err != nil {
				t.Fatalf("the Russian edition does not split: %v", err)
			}
			for _, f := range b.Meta.Fields {
				if want, ok := tt.ru[b.Units[f.Unit].ID]; ok && b.Units[f.Unit].Text() != want {
					t.Errorf("%s reads %q, want %q", f.Path, b.Units[f.Unit].Text(), want)
				}
			}
		})
	}
}

// TestMarkdownFrontMatterRealArticles: the front matter of real articles
// (translate/frontmatter/testdata/real: Hugo's docs, the Rust blog in
// Jekyll's YAML and Zola's TOML), each with a body of its own, and every
// unit translated (a marked form of its English): the English edition's
// front matter is the article's, byte for byte; the translated edition's
// reads back to the same fields, each translated one with its translation
// and every other as the article has it. One article is taken whole: its
// body is one the segmenter reads today.
func TestMarkdownFrontMatterRealArticles(t *testing.T) {
	names, _ := filepath.Glob("../frontmatter/testdata/real/*.md")
	names = slices.DeleteFunc(names, func(n string) bool { return filepath.Base(n) == "README.md" })
	if len(names) < 4 {
		t.Fatalf("%d real articles", len(names))
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := frontmatter.Parse(name, data)
			if err != nil {
				t.Fatal(err)
			}
			src := string(doc.Raw()) + "\nText of the article.\n"
			if filepath.Base(name) == "hugo-http2-server-push.md" {
				src = string(data)
			}
			a, err := segment.Split("content/a.md", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			cat := catalog.FromUnits("locales/en.toml", []*segment.Article{a})
			en, err := assemble.Assemble(a, cat, cat, assemble.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := string(Markdown(en)); !strings.HasPrefix(got, string(doc.Raw())) {
				t.Fatalf("the English edition's front matter is not the article's:\n%.600s", got)
			}
			ru, _ := catalog.Sync(cat, nil, language.Russian, "locales/ru.toml", false)
			pseudo := map[string]string{}
			for _, u := range a.Units {
				pseudo[u.ID] = "[ру: " + u.Text() + " \"ё\" \\]"
				ru.Lookup(u.ID).Forms[locale.Other] = pseudo[u.ID]
			}
			ed, err := assemble.Assemble(a, cat, ru, assemble.Options{})
			if err != nil {
				t.Fatal(err)
			}
			out := Markdown(ed)
			back, err := frontmatter.Parse("dist/ru/a.md", out)
			if err != nil {
				t.Fatalf("the Russian edition's front matter does not read: %v\n%s", err, out)
			}
			if back.Format != doc.Format {
				t.Errorf("format %s, want %s", back.Format, doc.Format)
			}
			translated := map[string]string{}
			for _, f := range a.Meta.Fields {
				translated[f.Path] = pseudo[a.Units[f.Unit].ID]
			}
			if len(translated) < 2 {
				t.Errorf("%d translated fields", len(translated))
			}
			for _, f := range doc.Fields() {
				g, ok := back.Field(f.Path)
				if !ok {
					t.Errorf("%s is gone", f.Path)
					continue
				}
				if want, ok := translated[f.Path]; ok {
					if g.Value != want {
						t.Errorf("%s reads %q, want %q", f.Path, g.Value, want)
					}
					continue
				}
				if _, isString := f.Value.(string); isString && g.Value != f.Value {
					t.Errorf("%s reads %q, want %q as the article has it", f.Path, g.Value, f.Value)
				}
			}
		})
	}
}
