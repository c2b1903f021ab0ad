package cli

import (
	"bytes"
	"encoding/json"
	"image/color"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/testrace"
	"github.com/tilmash/tilmash/internal/testtool"
	"github.com/tilmash/tilmash/translate/site"
)

// TestHugoSite builds the test project's editions with build --site hugo,
// then a real Hugo site from them (Debian's hugo; testdata/hugo-site holds
// the site's own settings and minimal layouts, as a newsroom's repository
// would), and looks at the site in headless Chromium: every edition is a
// page under its language's key (kk-latn included), in its language, with
// hreflang links to every other edition and a language switcher that
// leads to them, its dateline and date, and its figure's photograph,
// loaded from the page's bundle above its caption in the page's language.
func TestHugoSite(t *testing.T) {
	testrace.NotUnderRace(t, subprocess)
	t.Parallel()
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Fatal("hugo is not installed: run scripts/deps test (or apt-get install hugo)")
	}
	dir := copyProject(t)
	// A photograph for the first figure, and the Latin-script Kazakh
	// edition, whose Hugo key is lower-case.
	art := filepath.Join(dir, "content", "the-conscript.md")
	src, err := os.ReadFile(art)
	must(t, err)
	src = bytes.Replace(src, []byte("![Almaty Flea Market.]()"), []byte("![Almaty Flea Market.](images/market.png)"), 1)
	// The second figure in the editor's own Hugo code, as a newsroom on
	// Hugo writes one: the same unit, its image found in the bundle.
	src = bytes.Replace(src, []byte("![Soviet apartments near the hostel.]()"), []byte(`{{< figure src="images/flats.png" caption="Soviet apartments near the hostel." >}}`), 1)
	// Russian captions that end with a backslash: Hugo took the one before
	// a closing quote for an escape, and no page of the site was built.
	ru := filepath.Join(dir, "locales", "ru", "the-conscript.ru.toml")
	cat, err := os.ReadFile(ru)
	must(t, err)
	for _, caption := range []string{"Алматинская барахолка.", "Советские многоэтажки рядом с хостелом."} {
		edited := bytes.Replace(cat, []byte(`"`+caption+`"`), []byte(`"`+strings.TrimSuffix(caption, ".")+` \\"`), 1)
		if bytes.Equal(edited, cat) {
			t.Fatalf("%s has no caption %q", ru, caption)
		}
		cat = edited
	}
	must(t, os.WriteFile(ru, cat, 0o644))
	settings, err := os.ReadFile(filepath.Join(dir, "tilmash.toml"))
	must(t, err)
	settings = append(settings, "\n[locales.kk-Latn]\nfrom = \"kk\"\ntransform = \"kk-Latn-2021\"\nrequired = true\n"...)
	writeTree(t, dir, map[string][]byte{
		"content/the-conscript.md":     src,
		"content/images/market.png":    testtool.Picture(t, "png", 600, 400, color.RGBA{200, 30, 30, 255}),
		"content/images/flats.png":     testtool.Picture(t, "png", 600, 300, color.RGBA{30, 30, 200, 255}),
		"tilmash.toml":                 settings,
		"hugo.toml":                    readFile(t, "testdata/hugo-site/hugo.toml"),
		"layouts/_default/single.html": readFile(t, "testdata/hugo-site/layouts/_default/single.html"),
		"layouts/_default/list.html":   readFile(t, "testdata/hugo-site/layouts/_default/list.html"),
	})
	if code, _, errOut := tilmashExec(t, dir, "build", "--site", "hugo"); code != 0 {
		t.Fatalf("tilmash build --site hugo: exit %d\n%s", code, errOut)
	}
	cmd := exec.Command(hugo, "--config", "hugo.toml,dist/hugo/languages.toml", "-d", "public", "--quiet")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	var rep struct {
		Editions []struct{ Locale, Article, Format, File string }
	}
	must(t, json.Unmarshal(readFile(t, filepath.Join(dir, "dist/report.json")), &rep))
	var locales []string
	for _, e := range rep.Editions {
		if e.Format == "hugo" && e.Article == "the-conscript" {
			locales = append(locales, e.Locale)
		}
	}
	if want := []string{"en", "kk", "kk-Latn", "ru"}; !sameSet(locales, want) {
		t.Fatalf("Hugo pages of the-conscript in %v, want %v", locales, want)
	}
	server := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(dir, "public"))))
	defer server.Close()
	captions := map[string][]string{"en": {"Almaty Flea Market.", "Soviet apartments near the hostel."}, "ru": {`Алматинская барахолка \`, `Советские многоэтажки рядом с хостелом ＼`}}
	browser := testtool.Chromium(t)
	for _, loc := range locales {
		t.Run(loc, func(t *testing.T) {
			key := site.LanguageKey(mustTag(t, loc))
			ctx := browser.Tab(t)
			var page struct {
				Lang     string
				Hreflang []string
				Switch   []string
				Title    string
				Byline   string
				Datetime string
				Figures  []struct {
					Loaded  bool
					Width   float64
					Above   bool
					Caption string
				}
			}
			err := chromedp.Do(ctx, chromedp.Navigate(server.URL+"/"+key+"/the-conscript/"), chromedp.WaitReady(chromedp.CSS("body")))
			if err == nil {
				_, err = chromedp.Run(ctx, chromedp.Poll[bool](`[...document.images].every(i => i.complete)`))
			}
			if err == nil {
				var s string
				s, err = chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({
					lang: document.documentElement.lang,
					hreflang: [...document.querySelectorAll("link[rel=alternate]")].map(l => l.hreflang),
					switch: [...document.querySelectorAll("nav.switch a")].map(a => a.hreflang),
					title: document.querySelector("h1").textContent,
					byline: document.querySelector(".byline").textContent,
					datetime: document.querySelector(".byline time").getAttribute("datetime"),
					figures: [...document.querySelectorAll("figure")].map(f => {
						const i = f.querySelector("img"), c = f.querySelector("figcaption");
						return {loaded: i.naturalWidth > 0, width: i.getBoundingClientRect().width,
							above: i.getBoundingClientRect().bottom <= c.getBoundingClientRect().top, caption: c.textContent.trim()};
					}),
				})`))
				if err == nil {
					err = json.Unmarshal([]byte(s), &page)
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			if page.Lang != loc {
				t.Errorf("lang=%q, want %q", page.Lang, loc)
			}
			if !sameSet(page.Hreflang, locales) {
				t.Errorf("hreflang links %v, want %v", page.Hreflang, locales)
			}
			if others := slices.DeleteFunc(slices.Clone(locales), func(l string) bool { return l == loc }); !sameSet(page.Switch, others) {
				t.Errorf("the switcher lists %v, want %v", page.Switch, others)
			}
			if page.Datetime != "2022-10-01" || !strings.Contains(page.Byline, "2022") {
				t.Errorf("byline %q, datetime %q: want the edition's date text and 2022-10-01", page.Byline, page.Datetime)
			}
			if len(page.Figures) != 2 {
				t.Fatalf("%d figures, want 2: %+v", len(page.Figures), page.Figures)
			}
			for i, f := range page.Figures {
				if !f.Loaded || f.Width < 100 || !f.Above || captions[loc] != nil && f.Caption != captions[loc][i] {
					t.Errorf("figure %d: %+v: want the photograph loaded above its caption %q", i+1, f, captions[loc])
				}
			}
			if loc == "kk-Latn" {
				// The switcher's link leads to the Cyrillic edition.
				href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('nav.switch a[hreflang="kk"]').href`))
				var lang string
				if err == nil {
					err = chromedp.Do(ctx, chromedp.Navigate(href), chromedp.WaitReady(chromedp.CSS("h1")))
				}
				if err == nil {
					lang, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.location.pathname + " " + document.documentElement.lang`))
				}
				if err != nil || lang != "/kk/the-conscript/ kk" {
					t.Errorf("the switcher's kk link (%s): %q, %v", href, lang, err)
				}
			}
			testtool.KeepScreenshot(t, "hugo-"+key+"-the-conscript", testtool.Screenshot(t, ctx))
		})
	}
}

// readFile reads a file the test needs.
func readFile(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	must(t, err)
	return data
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// must stops the test on an error.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// mustTag parses a locale's tag.
func mustTag(t *testing.T, s string) language.Tag {
	t.Helper()
	tag, err := language.Parse(s)
	must(t, err)
	return tag
}

// TestExportIsTheBuildsEdition: tilmash export writes the edition a full
// build publishes, byte for byte, its language links naming every other
// edition the build publishes (they named only the exported one).
func TestExportIsTheBuildsEdition(t *testing.T) {
	t.Parallel()
	dir := copyProject(t)
	if code, _, errOut := tilmashExec(t, dir, "build"); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	for _, tc := range []struct{ loc, format string }{{"kk", "html"}, {"ru", "md"}, {"en", "html"}} {
		out := filepath.Join(t.TempDir(), "e."+tc.format)
		if code, _, errOut := tilmashExec(t, dir, "export", "--locale", tc.loc, "--format", tc.format, "-o", out); code != 0 {
			t.Fatalf("export %s %s: exit %d\n%s", tc.loc, tc.format, code, errOut)
		}
		got, want := readFile(t, out), readFile(t, filepath.Join(dir, "dist", tc.loc, "the-conscript."+tc.format))
		if !bytes.Equal(got, want) {
			t.Errorf("export --locale %s --format %s differs from the build's edition", tc.loc, tc.format)
		}
		if tc.format == "html" {
			for _, other := range []string{"en", "kk", "ru"} {
				if other != tc.loc && !bytes.Contains(got, []byte(`hreflang="`+other+`" href="../`+other+`/the-conscript.html"`)) {
					t.Errorf("export --locale %s: no link to the %s edition", tc.loc, other)
				}
			}
		}
	}
}
