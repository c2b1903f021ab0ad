package workspace

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/finding"
)

// translated is a project of one article with kk required, extracted (its
// catalogues locales/en/a.en.toml and locales/kk/a.kk.toml), and each kk
// entry translated in turn from kk (title first, then the body's units);
// extra files (tilmash.toml's additions, locales/kk-Latn/a.kk-Latn.toml)
// are added after, with @ID and @HASH standing for the body's first unit's
// ID and hash.
func translated(t *testing.T, body string, kk []string, extra map[string]string) *Workspace {
	t.Helper()
	files := fstest.MapFS{
		"content/a.md": {Data: []byte("+++\ntitle = \"A\"\n+++\n\n" + body)},
		"tilmash.toml": {Data: []byte("[locales.kk]\nrequired = true\nquotes = \"«»“”\"\n")},
	}
	w, err := Load(files, Default)
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := w.Extract([]language.Tag{language.Kazakh}, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{enFile, kkFile}; !slices.Equal(out.Paths(), want) {
		t.Fatalf("extract wrote %v, want %v", out.Paths(), want)
	}
	c := string(out[kkFile])
	for _, s := range kk {
		c = strings.Replace(c, `other = ""`, "other = "+catalog.Quote(s), 1)
	}
	files[enFile] = &fstest.MapFile{Data: out[enFile]}
	files[kkFile] = &fstest.MapFile{Data: []byte(c)}
	src, err := catalog.Parse(enFile, out[enFile])
	if err != nil {
		t.Fatal(err)
	}
	for p, s := range extra {
		s = strings.NewReplacer("@HASH", src.Messages[1].Hash, "@ID", src.Messages[1].ID).Replace(s)
		if f, ok := files[p]; ok {
			s = string(f.Data) + s
		}
		files[p] = &fstest.MapFile{Data: []byte(s)}
	}
	if w, err = Load(files, Default); err != nil {
		t.Fatal(err)
	}
	if len(w.Broken) > 0 {
		t.Fatal(w.Broken[0].Err)
	}
	return w
}

const (
	enFile   = "locales/en/a.en.toml"           // the source catalogue of content/a.md
	kkFile   = "locales/kk/a.kk.toml"           // its Kazakh catalogue
	latnFile = "locales/kk-Latn/a.kk-Latn.toml" // its Latin Kazakh overrides
	checkOff = "\n[check]\ndisable = [\"control-char\"]\n"
	derived  = "\n[locales.kk-Latn]\nfrom = \"kk\"\ntransform = \"kk-Latn-2021\"\nrequired = true\nquotes = \"«»“”\"\n"
)

// charCases are projects with characters no edition can carry (issue 20:
// a vertical tab, a form feed or an escape in the English, U+FFFE or
// U+FFFF in a translation, an override's), or a derived locale whose
// override would publish what its source locale may not, and what check
// and build make of them.
var charCases = []struct {
	name     string
	body     string
	kk       []string
	extra    map[string]string
	check    string // the control-char errors' positions, ", "-separated
	refused  string // the refused editions (locale), ", "-separated
	fallback string // those refused with --fallback en (the English's can only be deleted)
}{
	{"clean", "Some men came.\n", []string{"Ә", "Кейбір ер адамдар келді."}, nil, "", "", ""},
	{"vertical tab, form feed and escape in the English", "Some men\vcame\f here\x1b.\n", []string{"Ә", "Кейбір ер адамдар келді."}, nil,
		"content/a.md:5:9, content/a.md:5:14, content/a.md:5:20", "en, kk", "en, kk"},
	{"the same in the translation too", "Some men\vcame.\n", []string{"Ә", "Кейбір ер\vадамдар келді."}, nil,
		"content/a.md:5:9, locales/kk/a.kk.toml:27:19", "en, kk", "en, kk"},
	{"U+FFFE in a translation", "Some men came.\n", []string{"Ә", "Кейбір ер\uFFFE адамдар келді."}, nil, "locales/kk/a.kk.toml:27:19", "kk", ""},
	{"U+FFFF in the title's translation", "Some men came.\n", []string{"Ә\uFFFF", "Кейбір ер адамдар келді."}, nil, "locales/kk/a.kk.toml:19:11", "kk", ""},
	{"a reference in the English's raw HTML", "Some <span title=\"&#xFFFE;\">men</span> came.\n", []string{"Ә", "Кейбір <html1/>ер<html2/> адамдар келді."}, nil, "content/a.md:5:19", "en, kk", "en, kk"},
	{"the check turned off: the English", "Some men\x1bcame.\n", []string{"Ә", "Кейбір ер адамдар келді."}, map[string]string{"tilmash.toml": checkOff}, "", "en, kk", "en, kk"},
	{"the check turned off: a translation", "Some men came.\n", []string{"Ә", "Кейбір ер\uFFFF адамдар келді."}, map[string]string{"tilmash.toml": checkOff}, "", "kk", "kk"},
	{"derived from a translation that holds one", "Some men came.\n", []string{"Ә", "Кейбір ер\uFFFE адамдар келді."}, map[string]string{"tilmash.toml": derived}, "locales/kk/a.kk.toml:27:19", "kk, kk-Latn", ""},
	{"an override that holds one", "Some men came.\n", []string{"Ә", "Кейбір ер адамдар келді."}, map[string]string{"tilmash.toml": derived, latnFile: "[@ID]\nhash = \"@HASH\"\nother = \"Keibır\\u001B er adamdar keldı.\"\n"},
		"locales/kk-Latn/a.kk-Latn.toml:3:16", "kk-Latn", ""},
	{"an override where kk has no translation", "Some men came.\n", []string{"Ә"}, map[string]string{"tilmash.toml": derived, latnFile: "[@ID]\nhash = \"@HASH\"\nother = \"Keibır er adamdar keldı.\"\n"},
		"", "kk, kk-Latn", ""},
}

// TestBuildWritesNoUnpublishableChars: a character no edition can carry
// is an error of check at its position, and build publishes no edition
// that holds it: every edition of an article whose English holds one is
// refused (the English edition too, which fails the build), with or
// without fallback (without: the project's incomplete = "refuse"); a translation's only in its locale (and the locales
// derived from it), where fallback shows the English instead. With the
// check turned off, build still refuses them. TestEPUBCheck runs epubcheck
// on every book these builds write (charBooks).
func TestBuildWritesNoUnpublishableChars(t *testing.T) {
	for _, tt := range charCases {
		t.Run(tt.name, func(t *testing.T) {
			w := translated(t, tt.body, tt.kk, tt.extra)
			fs, err := w.Check(nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				if f.Code == check.CodeControl && f.Severity == finding.Error {
					got = append(got, f.Pos.String())
				}
			}
			if s := strings.Join(got, ", "); s != tt.check {
				t.Errorf("check: control-char errors at %q, want %q", s, tt.check)
			}
			for _, fallback := range []bool{false, true} {
				// Without fallback: the project says refuse (unset, a
				// required edition falls back).
				w.Config.Publish.Incomplete = map[bool]string{false: check.IncompleteRefuse, true: ""}[fallback]
				res, err := w.Build(BuildOptions{Fallback: fallback})
				if err != nil {
					t.Fatal(err)
				}
				var refused []string
				for _, r := range res.Report.Refused {
					refused = append(refused, r.Locale)
					if len(r.Missing) == 0 && (len(r.Rejected) == 0 || !strings.Contains(r.Rejected[0].Message, "carry") && !strings.Contains(r.Rejected[0].Message, "computed from it")) {
						t.Errorf("%s refused without saying why: %+v", r.Locale, r)
					}
				}
				sort.Strings(refused)
				want := tt.refused
				if fallback {
					want = tt.fallback
				}
				if s := strings.Join(refused, ", "); s != want {
					t.Errorf("build (fallback %v) refused %q, want %q", fallback, s, want)
				}
				if res.Report.Failed() != (want != "") {
					t.Errorf("build (fallback %v) failed: %v, want %v", fallback, res.Report.Failed(), want != "")
				}
			}
			// tilmash status says the same of the English edition.
			eds, err := w.Editions(nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range eds {
				if e.Locale == "en" && (e.Publish == "refused") != slices.Contains(strings.Split(tt.refused, ", "), "en") {
					t.Errorf("status: the English edition is %q; build refused %q", e.Publish, tt.refused)
				}
			}
		})
	}
}

// charBooks builds charCases (with fallback, which publishes most) and
// writes every EPUB the builds make into dir, for epubcheck.
func charBooks(t *testing.T, dir string) []string {
	t.Helper()
	var books []string
	for _, tt := range charCases {
		res, err := translated(t, tt.body, tt.kk, tt.extra).Build(BuildOptions{Fallback: true})
		if err != nil {
			t.Fatal(err)
		}
		for p, data := range res.Files {
			if data != nil && strings.HasSuffix(p, ".epub") {
				book := filepath.Join(dir, strings.NewReplacer(" ", "-", ",", "", ":", "", "'", "").Replace(tt.name)+"-"+filepath.Base(filepath.Dir(p))+".epub")
				must(t, os.WriteFile(book, data, 0o644))
				books = append(books, book)
			}
		}
	}
	if len(books) < 8 {
		t.Fatalf("only %d books were written: the cases publish too little to judge", len(books))
	}
	slices.Sort(books)
	return books
}

// TestDerivedGlossaryForms: a name's Latin spellings replace what the
// transform made of its Kazakh ones, each by the one at its place in the
// list, once: the surname alone stays the surname, and the full name is
// not replaced twice (it was «Ilya Ilya Karimdjanov»). Endings are kept; a
// rendering inside a word is not touched.
func TestDerivedGlossaryForms(t *testing.T) {
	const terms = `[[term]]
en = "Ilya Karimdjanov"
variants = ["Karimdjanov", "Ilya"]
pos = "name"
[term.kk]
approved = ["Илья Каримджанов", "Каримджанов", "Илья"]
[term.kk-Latn]
approved = ["Ilya Karimdjanov", "Karimdjanov", "Ilya"]
`
	tests := []struct{ kk, want string }{
		{"Илья Каримджанов жазды.", "Ilya Karimdjanov jazdy."},
		{"Каримджановтың айтуынша, Илья келді.", "Karimdjanovtyñ aituynşa, Ilya keldı."},
		{"Илья Каримджановқа хат келді.", "Ilya Karimdjanovqa hat keldı."},
		{"Ағаилья келді.", "Ağailia keldı."},
	}
	for _, tt := range tests {
		t.Run(tt.kk, func(t *testing.T) {
			w := translated(t, "Ilya Karimdjanov wrote.\n", []string{"Ә", tt.kk}, map[string]string{"tilmash.toml": derived, "glossary/terms.toml": terms})
			var latn *catalog.Catalog
			for _, c := range w.Targets {
				if c.Locale.String() == "kk-Latn" {
					latn = c
				}
			}
			if latn == nil {
				t.Fatal("no kk-Latn catalogue")
			}
			got := latn.Messages[1].Forms["other"]
			if got != tt.want {
				t.Errorf("kk-Latn = %q, want %q", got, tt.want)
			}
		})
	}
}
