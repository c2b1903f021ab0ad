package archive

import (
	"io/fs"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/testrace"
	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/finding"
)

// fixture is testdata/oldlayout (translator's comments, stale, missing
// and obsolete entries, a deleted article, a sub-folder, kk-Latn and its
// overrides), migrated to a catalogue per article by extract, with what
// an ordinary day adds: a file that is no article, a locale without
// settings, a required locale some article asks for with no catalogue.
func fixture(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := "../../testdata/oldlayout"
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(os.DirFS(root), p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fsys["content/NOTES.md"] = &fstest.MapFile{Data: []byte("Editors' notes: not an article.\n")}
	w, err := workspace.Load(fsys, workspace.Default)
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := w.Extract([]language.Tag{language.MustParse("uz-Latn")}, false)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		if data == nil {
			delete(fsys, p)
		} else {
			fsys[p] = &fstest.MapFile{Data: data}
		}
	}
	brief := string(fsys["content/world/brief.md"].Data)
	fsys["content/world/brief.md"] = &fstest.MapFile{Data: []byte(strings.Replace(brief, "+++\n", "+++\nrequired_locales = [\"de\"]\n", 1))}
	return fsys
}

// speller is a speller that knows no word with a ы in it, and says only
// the part after a hyphen of a hyphenated word, as hunspell splits some.
type speller struct{ asked atomic.Int64 }

func (s *speller) Unknown(dict string, words []string) ([]string, error) {
	s.asked.Add(int64(len(words)))
	var out []string
	for _, w := range words {
		if strings.Contains(w, "ы") {
			if _, after, ok := strings.Cut(w, "-"); ok {
				out = append(out, after)
			} else {
				out = append(out, w)
			}
		}
	}
	return out, nil
}

// TestPartsGiveWhatOnePassGives: check and status over the archive part by
// part (one article a part, a few, all of them) give exactly what one pass
// over everything gives: every finding, tally, edition and unit.
func TestPartsGiveWhatOnePassGives(t *testing.T) {
	t.Parallel()
	for _, variant := range []string{"as it is", "a broken catalogue", "a shard"} {
		t.Run(variant, func(t *testing.T) {
			if variant != "as it is" {
				testrace.NotUnderRace(t, `the parts in parallel: "as it is"`)
			}
			fsys := fixture(t)
			sel := workspace.Selection{}
			switch variant {
			case "a broken catalogue":
				fsys["locales/kk/world/brief.kk.toml"] = &fstest.MapFile{Data: []byte("[brief.title\nother = \"x\"\n")}
			case "a shard":
				sel = workspace.Selection{Shard: 2, Shards: 3}
			}
			// One pass.
			w, err := workspace.LoadSelection(fsys, workspace.Default, sel)
			if err != nil {
				t.Fatal(err)
			}
			one := &speller{}
			wantFindings, err := w.Check(nil, one)
			if err != nil {
				t.Fatal(err)
			}
			wantStatuses, _ := w.Status(nil)
			wantEditions, err := w.Editions(nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			var wantUnits []string
			for _, m := range w.Source.Messages {
				wantUnits = append(wantUnits, m.ID)
			}
			if variant == "as it is" && (len(wantFindings) < 10 || finding.Errors(wantFindings) == 0) {
				t.Fatalf("the fixture gives %d findings: too few to compare", len(wantFindings))
			}
			sizes := []int64{0, 1 << 30} // one article a part, and all of them
			if testrace.Enabled {
				sizes = sizes[:1] // the parts at once, under the detector; both run in make test's plain pass
			}
			for _, size := range sizes {
				p, err := workspace.Open(fsys, workspace.Default)
				if err != nil {
					t.Fatal(err)
				}
				parts := len(p.Parts(sel, size))
				sp := &speller{}
				got, err := Check(p, Options{Selection: sel, Speller: sp, PartBytes: size})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got.Findings, wantFindings) {
					t.Errorf("%d parts: findings differ from one pass:\n%s", parts, diff(got.Findings, wantFindings))
				}
				if !reflect.DeepEqual(got.Statuses, wantStatuses) {
					t.Errorf("%d parts: statuses\n got %+v\nwant %+v", parts, got.Statuses, wantStatuses)
				}
				if !slices.Equal(got.Units, wantUnits) {
					t.Errorf("%d parts: %d units, want %d", parts, len(got.Units), len(wantUnits))
				}
				if !slices.Equal(got.Locales, w.Locales()) {
					t.Errorf("%d parts: locales %v, want %v", parts, got.Locales, w.Locales())
				}
				if len(got.Broken) != len(w.Broken) {
					t.Errorf("%d parts: %d broken, want %d", parts, len(got.Broken), len(w.Broken))
				}
				if variant != "a broken catalogue" && sp.asked.Load() > one.asked.Load() { // found broken, a part starts again
					t.Errorf("%d parts asked the speller about %d words, one pass %d: each word is asked once", parts, sp.asked.Load(), one.asked.Load())
				}
				st, err := Status(p, Options{Selection: sel, PartBytes: size})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(st.Editions, wantEditions) {
					t.Errorf("%d parts: editions\n got %+v\nwant %+v", parts, st.Editions, wantEditions)
				}
				if size == 0 && variant != "a shard" && parts < 5 {
					t.Errorf("a byte a part gives %d parts, want one an article (and the deleted one's)", parts)
				}
			}
		})
	}
}

// diff lists the findings one side has and the other has not.
func diff(got, want []finding.Finding) string {
	in := func(fs []finding.Finding) map[string]bool {
		m := map[string]bool{}
		for _, f := range fs {
			m[f.String()+" "+f.Severity.String()+" "+f.Locale] = true
		}
		return m
	}
	g, w := in(got), in(want)
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(g)) {
		if !w[k] {
			b.WriteString("  extra: " + k + "\n")
		}
	}
	for _, k := range slices.Sorted(maps.Keys(w)) {
		if !g[k] {
			b.WriteString("  missing: " + k + "\n")
		}
	}
	return b.String()
}

// TestRememberAsksOnce: a word is asked about once per dictionary, and the
// answer is what the speller said, parts of words included.
func TestRememberAsksOnce(t *testing.T) {
	sp := &speller{}
	m := Remember(sp)
	var _ check.Speller = m
	for round := 0; round < 3; round++ {
		got, err := m.Unknown("ru_RU", []string{"дом", "мыло", "северо-запады", "мыло"})
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"мыло", "запады"}; !slices.Equal(got, want) {
			t.Errorf("round %d: %v, want %v", round, got, want)
		}
	}
	if n := sp.asked.Load(); n != 3 {
		t.Errorf("asked about %d words in three rounds, want 3 (the first round's distinct words)", n)
	}
	if got, _ := m.Unknown("kk_KZ", []string{"мыло"}); !slices.Equal(got, []string{"мыло"}) || sp.asked.Load() != 4 {
		t.Errorf("another dictionary: %v, asked %d", got, sp.asked.Load())
	}
}
