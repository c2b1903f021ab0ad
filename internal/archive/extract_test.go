package archive

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/corpus"
	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/internal/testrace"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/handoff"
	"github.com/tilmash/tilmash/translate/tm"
)

// extractEdits are what a newsroom's day does to the articles and
// catalogues between two extracts: each makes work for extract that one
// part cannot do alone (a translation to reuse or move from another
// article, suggestions from the whole locale's memory, an article's
// entries left behind, moved or pruned).
var extractEdits = []struct {
	name string
	do   func(r *rand.Rand, fsys fstest.MapFS)
}{
	{"a paragraph added", func(r *rand.Rand, fsys fstest.MapFS) {
		f := pick(r, fsys, "content/")
		fsys[f] = &fstest.MapFile{Data: append(slices.Clone(fsys[f].Data), fmt.Sprintf("\nThe ministry said on Tuesday that %d trucks had crossed the border.\n", r.IntN(100))...)}
	}},
	{"a paragraph repeated from another article", func(r *rand.Rand, fsys fstest.MapFS) {
		from, to := pick(r, fsys, "content/"), pick(r, fsys, "content/")
		paras := strings.Split(string(fsys[from].Data), "\n\n")
		p := paras[len(paras)-1-r.IntN(min(3, len(paras)))]
		fsys[to] = &fstest.MapFile{Data: append(slices.Clone(fsys[to].Data), "\n\n"+strings.TrimSpace(p)+"\n"...)}
	}},
	{"a paragraph corrected", func(r *rand.Rand, fsys fstest.MapFS) {
		f := pick(r, fsys, "content/")
		s := string(fsys[f].Data)
		if i := strings.LastIndex(s, " the "); i > 0 {
			fsys[f] = &fstest.MapFile{Data: []byte(s[:i] + " this " + s[i+5:])}
		}
	}},
	{"numbers corrected", func(r *rand.Rand, fsys fstest.MapFS) {
		// Every number of an article one more: in Russian many a plural
		// category changes (5 → 6 does not, 20 → 21 does).
		f := pick(r, fsys, "content/")
		s := string(fsys[f].Data)
		end := strings.Index(s, "\n\n") // the body, after the front matter
		body := regexp.MustCompile(`\b[0-9]{2,3}\b`).ReplaceAllStringFunc(s[end:], func(n string) string {
			v, _ := strconv.Atoi(n)
			return strconv.Itoa(v + 1)
		})
		fsys[f] = &fstest.MapFile{Data: []byte(s[:end] + body)}
	}},
	{"an article copied", func(r *rand.Rand, fsys fstest.MapFS) {
		fsys[fmt.Sprintf("content/copy-%d.md", r.IntN(1000))] = fsys[pick(r, fsys, "content/")]
	}},
	{"an article renamed", func(r *rand.Rand, fsys fstest.MapFS) {
		f := pick(r, fsys, "content/")
		fsys[fmt.Sprintf("content/renamed-%d.md", r.IntN(1000))] = fsys[f]
		delete(fsys, f)
	}},
	{"an article deleted", func(r *rand.Rand, fsys fstest.MapFS) {
		if f := pick(r, fsys, "content/"); len(articlesIn(fsys)) > 3 {
			delete(fsys, f)
		}
	}},
	{"a translation revised", func(r *rand.Rand, fsys fstest.MapFS) {
		f := pick(r, fsys, "locales/ru/")
		s := string(fsys[f].Data)
		if i := strings.LastIndex(s, "\nother = \""); i >= 0 {
			fsys[f] = &fstest.MapFile{Data: []byte(s[:i] + "\nother = \"Правка — " + s[i+len("\nother = \""):])}
		}
	}},
	{"a translator's typo", func(r *rand.Rand, fsys fstest.MapFS) {
		f := pick(r, fsys, "locales/kk/")
		fsys[f] = &fstest.MapFile{Data: append(slices.Clone(fsys[f].Data), "\n[broken\n"...)}
	}},
	{"a broken file mended", func(r *rand.Rand, fsys fstest.MapFS) {
		for p, f := range fsys {
			if s, ok := strings.CutSuffix(string(f.Data), "\n[broken\n"); ok {
				fsys[p] = &fstest.MapFile{Data: []byte(s)}
			}
		}
	}},
	{"a translator's memory brought in", func(r *rand.Rand, fsys fstest.MapFS) {
		// tilmash import memory.tmx: what "a paragraph added" adds, near
		// enough for a suggestion.
		n := r.IntN(100)
		fsys["locales/memory/ru.tmx"] = &fstest.MapFile{Data: handoff.WriteTMX(language.Russian, []tm.Entry{
			{English: fmt.Sprintf("The ministry said on Monday that %d trucks had crossed the border.", n), Translation: fmt.Sprintf("В понедельник министерство сообщило, что границу пересекли %d грузовиков.", n)},
			{ID: "tm-2", English: "The ministry said nothing.", Translation: "Министерство ничего не сказало."},
		}, "")}
	}},
	{"nothing", func(r *rand.Rand, fsys fstest.MapFS) {}},
}

func articlesIn(fsys fstest.MapFS) []string {
	var out []string
	for p := range fsys {
		if strings.HasPrefix(p, "content/") && strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
	}
	return out
}

// extractBoth runs extract a part at a time and whole, and returns what
// each would write (with what it expects where it writes) and reports.
func extractBoth(t *testing.T, fsys fstest.MapFS, o ExtractOptions) (parts, whole fileset.Set, pexp, wexp map[string]fileset.Expect, pres, wres ExtractResult, perr, werr error) {
	t.Helper()
	for i, one := range []bool{false, true} {
		p, err := workspace.Open(fsys, workspace.Default)
		if err != nil {
			t.Fatal(err)
		}
		files, exp := fileset.Set{}, map[string]fileset.Expect{}
		var mu sync.Mutex
		o := o
		o.Whole = one
		o.Emit = func(s fileset.Set, e map[string]fileset.Expect) error {
			mu.Lock()
			defer mu.Unlock()
			for p, data := range s {
				if _, dup := files[p]; dup {
					return fmt.Errorf("%s emitted twice", p)
				}
				files[p] = data
			}
			maps.Copy(exp, e)
			return nil
		}
		res, err := Extract(p, o)
		if i == 0 {
			parts, pexp, pres, perr = files, exp, res, err
		} else {
			whole, wexp, wres, werr = files, exp, res, err
		}
	}
	return
}

// TestExtractPartsGiveWhatOnePassGives: through a newsroom's random day
// of edits, extract a part at a time writes and removes exactly the files
// one Workspace.Extract of the whole does, byte for byte, expects what it
// expects where it writes, and reports the same counts.
func TestExtractPartsGiveWhatOnePassGives(t *testing.T) {
	testrace.NotUnderRace(t, "extract by parts in parallel: TestExtractPartsJoinARename")
	t.Parallel()
	fsys := corpusFS(t, 8, 7)
	seed := uint64(27)
	r := rand.New(rand.NewPCG(seed, seed))
	streamed, readWhole := 0, map[string]int{}
	var last string
	moved, reused, joined := 0, 0, 0
	for step := range 24 {
		e := extractEdits[r.IntN(len(extractEdits))]
		if last == "a translator's typo" {
			e = extractEdits[slices.IndexFunc(extractEdits, func(e struct {
				name string
				do   func(r *rand.Rand, fsys fstest.MapFS)
			}) bool {
				return e.name == "a broken file mended"
			})]
		}
		last = e.name
		e.do(r, fsys)
		o := ExtractOptions{Prune: r.IntN(6) == 0, Workers: 1 + r.IntN(3)}
		if step == 5 {
			o.AddLocales = []language.Tag{language.MustParse("uz")}
		}
		parts, whole, pexp, wexp, pres, wres, perr, werr := extractBoth(t, fsys, o)
		where := fmt.Sprintf("step %d (%s, prune %v)", step, e.name, o.Prune)
		if fmt.Sprint(perr) != fmt.Sprint(werr) {
			t.Fatalf("%s: by parts: %v; whole: %v", where, perr, werr)
		}
		if werr != nil {
			t.Logf("%s: %v", where, werr)
			continue
		}
		for _, p := range slices.Sorted(maps.Keys(mergeSets(parts, whole))) {
			a, inA := parts[p]
			b, inB := whole[p]
			if inA != inB || (a == nil) != (b == nil) || string(a) != string(b) {
				t.Fatalf("%s: %s differs: by parts (%v, %d bytes) %s\nwhole (%v, %d bytes)", where, p, inA, len(a), firstDiff(string(a), string(b)), inB, len(b))
			}
		}
		if !reflect.DeepEqual(pexp, wexp) {
			t.Fatalf("%s: the expectations differ", where)
		}
		if !reflect.DeepEqual(pres.Report, wres.Report) || pres.Articles != wres.Articles || len(pres.NotArticles) != len(wres.NotArticles) {
			t.Fatalf("%s: the reports differ:\nby parts %+v\nwhole    %+v", where, pres.Report, wres.Report)
		}
		if pres.Parts > 1 {
			streamed++
			for _, st := range pres.Report.Locales {
				moved += st.Moved
				reused += st.Reused
			}
			if pres.Parts < len(articlesIn(fsys)) {
				joined++
			}
		} else {
			readWhole[pres.Whole]++
		}
		// The next step starts from what extract wrote, most times.
		if r.IntN(4) > 0 {
			apply(fsys, whole)
		}
	}
	t.Logf("%d of 24 by parts (%d with parts joined: %d units moved, %d reused); read whole: %v", streamed, joined, moved, reused, readWhole)
	imported := 0
	for p, f := range fsys {
		if strings.HasPrefix(p, "locales/ru/") {
			imported += strings.Count(string(f.Data), "% tmx: В понедельник министерство")
		}
	}
	if imported == 0 {
		t.Error("no suggestion from the translator's memory brought in: the test misses what it is for")
	}
	if moved == 0 || reused == 0 || joined == 0 {
		t.Errorf("no unit moved (%d), reused (%d), or parts joined (%d) in the extracts by parts: the test misses what it is for", moved, reused, joined)
	}
	if streamed < 15 {
		t.Errorf("only %d of 24 extracts went a part at a time; read whole: %v", streamed, readWhole)
	}
}

// TestExtractPartsJoinARename: an article copied, then the copy renamed
// while another copy of the same article is added: the new copy reuses
// the renamed one's obsolete entries, which go to the new copy's file, and
// the renamed one's units move; by parts, the parts concerned are joined
// and every file is what one pass writes.
func TestExtractPartsJoinARename(t *testing.T) {
	t.Parallel()
	fsys := corpusFS(t, 4, 5)
	first := slices.Sorted(slices.Values(articlesIn(fsys)))[0]
	steps := []func(){
		func() { fsys["content/copy-a.md"] = fsys[first] },
		func() {
			fsys["content/renamed-a.md"] = fsys["content/copy-a.md"]
			delete(fsys, "content/copy-a.md")
			fsys["content/copy-b.md"] = fsys[first]
		},
	}
	for i, step := range steps {
		step()
		parts, whole, _, _, pres, _, perr, werr := extractBoth(t, fsys, ExtractOptions{})
		if perr != nil || werr != nil {
			t.Fatalf("step %d: %v, %v", i, perr, werr)
		}
		for _, p := range slices.Sorted(maps.Keys(mergeSets(parts, whole))) {
			if a, b := parts[p], whole[p]; (a == nil) != (b == nil) || string(a) != string(b) {
				t.Fatalf("step %d: %s differs: by parts %d bytes %s\nwhole %d bytes", i, p, len(a), firstDiff(string(a), string(b)), len(b))
			}
		}
		if pres.Parts <= 1 {
			t.Fatalf("step %d: read whole (%s)", i, pres.Whole)
		}
		apply(fsys, whole)
	}
}

// corpusFS is a generated project (package corpus) of n articles.
func corpusFS(t *testing.T, n int, seed int64) fstest.MapFS {
	t.Helper()
	c, err := corpus.Generate(n, seed)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for p, data := range c.Files {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// apply writes files into fsys, a nil content removing its file.
func apply(fsys fstest.MapFS, files fileset.Set) {
	for p, data := range files {
		if data == nil {
			delete(fsys, p)
		} else {
			fsys[p] = &fstest.MapFile{Data: data}
		}
	}
}

func mergeSets(a, b fileset.Set) map[string]bool {
	out := map[string]bool{}
	for p := range a {
		out[p] = true
	}
	for p := range b {
		out[p] = true
	}
	return out
}

// TestExtractPartsRecordARename: an article no one has translated yet is
// renamed twice: its source catalogue records each old name (the old
// addresses its editions keep), whether extract goes by parts (the old
// name's part and the new one's joined by their units alone) or whole;
// a new article that takes an old name takes its address back.
func TestExtractPartsRecordARename(t *testing.T) {
	testrace.NotUnderRace(t, "extract by parts in parallel, parts joined: TestExtractPartsJoinARename")
	t.Parallel()
	fsys := corpusFS(t, 4, 5)
	fresh := &fstest.MapFile{Data: []byte("+++\ntitle = \"A story nobody has translated\"\n+++\n\nIts first paragraph, in English alone.\n\nIts second paragraph, in English alone.\n")}
	rename := func(from, to string) func() {
		return func() {
			fsys["content/"+to+".md"] = fsys["content/"+from+".md"]
			delete(fsys, "content/"+from+".md")
		}
	}
	steps := []struct {
		do       func()
		renamed  map[string]string
		file     string
		formerly []string
	}{
		{func() { fsys["content/fresh.md"] = fresh }, nil, "locales/en/fresh.en.toml", nil},
		{rename("fresh", "fresh-story"), map[string]string{"fresh": "fresh-story"}, "locales/en/fresh-story.en.toml", []string{"fresh"}},
		{rename("fresh-story", "story"), map[string]string{"fresh-story": "story"}, "locales/en/story.en.toml", []string{"fresh", "fresh-story"}},
		{func() {
			fsys["content/fresh.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Another story\"\n+++\n\nNothing like the first.\n")}
		}, nil, "locales/en/story.en.toml", []string{"fresh-story"}},
	}
	for i, st := range steps {
		st.do()
		parts, whole, _, _, pres, wres, perr, werr := extractBoth(t, fsys, ExtractOptions{})
		if perr != nil || werr != nil {
			t.Fatalf("step %d: %v, %v", i, perr, werr)
		}
		for _, p := range slices.Sorted(maps.Keys(mergeSets(parts, whole))) {
			if a, b := parts[p], whole[p]; (a == nil) != (b == nil) || string(a) != string(b) {
				t.Fatalf("step %d: %s differs: by parts %d bytes %s\nwhole %d bytes", i, p, len(a), firstDiff(string(a), string(b)), len(b))
			}
		}
		if pres.Parts <= 1 {
			t.Fatalf("step %d: read whole (%s)", i, pres.Whole)
		}
		if !reflect.DeepEqual(wres.Report.Renamed, st.renamed) || !reflect.DeepEqual(pres.Report.Renamed, st.renamed) {
			t.Errorf("step %d: renamed %v by parts, %v whole; want %v", i, pres.Report.Renamed, wres.Report.Renamed, st.renamed)
		}
		apply(fsys, whole)
		var got []string
		for _, l := range strings.Split(string(fsys[st.file].Data), "\n") {
			if rest, ok := strings.CutPrefix(l, catalog.FormerlyLine); ok {
				got = append(got, strings.Fields(rest)[0])
			}
		}
		if !slices.Equal(got, st.formerly) {
			t.Errorf("step %d: %s records %q, want %q", i, st.file, got, st.formerly)
		}
	}
}
