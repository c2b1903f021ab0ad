package workspace

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/check"
)

// extracted is a project of the articles given (path under content/ →
// body), extracted for ru, with each Russian entry's text set by ru (by ID;
// an entry ru does not name is left untranslated). It returns the files
// as extract and the translator left them.
func extracted(t *testing.T, articles map[string]string, ru func(id string) string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{"tilmash.toml": {Data: []byte("[locales.ru]\nrequired = true\nquotes = \"«»„“\"\n")}}
	for p, body := range articles {
		fsys["content/"+p] = &fstest.MapFile{Data: []byte(body)}
	}
	w, err := Load(fsys, Default)
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := w.Extract([]language.Tag{language.Russian}, false)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		if data == nil {
			t.Fatalf("extract of a new project removes %s", p)
		}
		if strings.HasPrefix(p, "locales/ru/") && ru != nil {
			c, err := catalog.Parse(p, data)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range c.Messages {
				m.Forms["other"] = ru(m.ID)
			}
			data = catalog.Format(c)
		}
		fsys[p] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// TestObsoleteEntriesStayInTheirFile: the translations of an article that
// was deleted are kept (extract without --prune) in the file they were read
// from, the article's own (locales/ru/world/a.ru.toml), where check reports
// them obsolete: not moved to a file of the same name at the top of the
// locale's folder (locales/ru/a.ru.toml), which mirrors no article.
func TestObsoleteEntriesStayInTheirFile(t *testing.T) {
	fsys := extracted(t, map[string]string{
		"world/a.md": "+++\ntitle = \"A\"\n+++\n\nMen came.\n",
		"world/b.md": "+++\ntitle = \"B\"\n+++\n\nWomen left.\n",
	}, func(id string) string { return "Перевод " + id })
	delete(fsys, "content/world/a.md")
	w, err := Load(fsys, Default)
	if err != nil {
		t.Fatal(err)
	}
	files, rep, err := w.Extract(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if st := rep.Locales["ru"]; st.Obsolete != 2 {
		t.Fatalf("extract: %+v, want a's 2 entries obsolete", st)
	}
	const kept = "locales/ru/world/a.ru.toml"
	if data, ok := files[kept]; ok && data == nil || ok && !strings.Contains(string(data), "[a.title]") {
		t.Errorf("extract empties %s (removes it: %v)", kept, data == nil)
	}
	for p, data := range files {
		if data != nil && p != kept && strings.Contains(string(data), "[a.") {
			t.Errorf("extract moves a's obsolete entries to %s, want them kept in %s", p, kept)
		}
	}
	if want := []string{"locales/en/world/a.en.toml"}; !slices.Equal(removed(files), want) {
		t.Errorf("extract removes %v, want %v (the deleted article's source catalogue alone)", removed(files), want)
	}
}

// removed lists the files of a set that are to be removed.
func removed(files map[string][]byte) []string {
	var out []string
	for p, data := range files {
		if data == nil {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// TestMissingEntryInASelection: a unit with no entry in its catalogue is
// reported naming the file extract adds it to, its article's, whether
// check runs on every article, one (--article) or a shard: not the
// locale's folder.
func TestMissingEntryInASelection(t *testing.T) {
	fsys := extracted(t, map[string]string{"world/a.md": "+++\ntitle = \"A\"\n+++\n\nMen came.\n"}, func(id string) string { return "Перевод." })
	const file = "locales/ru/world/a.ru.toml"
	c, err := catalog.Parse(file, fsys[file].Data)
	if err != nil {
		t.Fatal(err)
	}
	gone := c.Messages[len(c.Messages)-1].ID
	c.Messages = c.Messages[:len(c.Messages)-1]
	fsys[file] = &fstest.MapFile{Data: catalog.Format(c)}
	for _, sel := range []Selection{{}, {Articles: []string{"a"}}, {Shard: ShardOf("a", 3), Shards: 3}} {
		name := sel.String()
		if name == "" {
			name = "all articles"
		}
		t.Run(name, func(t *testing.T) {
			w, err := LoadSelection(fsys, Default, sel)
			if err != nil {
				t.Fatal(err)
			}
			fs, err := w.Check(nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			var missing []string
			for _, f := range fs {
				if f.Code == check.CodeMissing {
					missing = append(missing, f.Unit+": "+f.Message)
				}
			}
			if want := gone + ": no Russian translation (no entry in " + file + ")"; len(missing) != 1 || missing[0] != want {
				t.Errorf("missing: %q, want %q", missing, want)
			}
		})
	}
}

// TestAShardOfNoArticle: a shard that holds none of the articles (7 shards
// of 2) checks and builds nothing, and succeeds, as in the old layout,
// where every shard read the locale's one source file: in a file per
// article, it reads none, and needs none.
func TestAShardOfNoArticle(t *testing.T) {
	fsys := extracted(t, map[string]string{
		"a.md": "+++\ntitle = \"A\"\n+++\n\nMen came.\n",
		"b.md": "+++\ntitle = \"B\"\n+++\n\nWomen left.\n",
	}, func(id string) string { return "Перевод." })
	empty := 0
	for k := 1; k <= 7 && empty == 0; k++ {
		if k != ShardOf("a", 7) && k != ShardOf("b", 7) {
			empty = k
		}
	}
	w, err := LoadSelection(fsys, Default, Selection{Shard: empty, Shards: 7})
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Articles) != 0 {
		t.Fatalf("shard %d/7 holds %d articles", empty, len(w.Articles))
	}
	fs, err := w.Check(nil, nil)
	if err != nil {
		t.Errorf("check --shard %d/7: %v", empty, err)
	}
	if len(fs) > 0 {
		t.Errorf("check --shard %d/7: %v, want nothing", empty, fs)
	}
	res, err := w.Build(BuildOptions{})
	if err != nil {
		t.Errorf("build --shard %d/7: %v", empty, err)
	} else if len(res.Editions) > 0 || res.Report.Failed() {
		t.Errorf("build --shard %d/7: %d editions, failed %v; want none, not failed", empty, len(res.Editions), res.Report.Failed())
	}
}
