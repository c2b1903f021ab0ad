package workspace

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"image/color"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/fileset"
	"github.com/tilmash/tilmash/internal/testtool"
	"github.com/tilmash/tilmash/translate/check"
)

// The photographs of the image project: a red JPEG and a blue PNG, large
// enough to see on a screenshot.
var (
	red  = color.RGBA{220, 20, 20, 255}
	blue = color.RGBA{20, 20, 220, 255}
)

// imageArticle shows a JPEG beside it, a PNG in a folder, a file that is
// missing and one outside content/.
const imageArticle = "+++\ntitle = \"Pictures\"\n+++\n\nBefore the pictures.\n\n" +
	"![The red square.](photo.jpg)\n\n" + // line 7
	"![The blue chart.](images/chart.png)\n\n" + // line 9
	"![Missing.](gone.jpg)\n\n" + // line 11
	"![Out.](../../secret.jpg)\n\n" + // line 13
	"After the pictures.\n"

// imageProject writes a project in dir whose articles show images
// (content/news/a.md, and content/sport/b.md, which shows a's photograph
// too), with a Russian catalogue, and loads it.
func imageProject(t *testing.T, dir string) *Workspace {
	t.Helper()
	writeFiles(t, dir, map[string]string{
		"content/news/a.md":              imageArticle,
		"content/sport/b.md":             "+++\ntitle = \"Sport\"\n+++\n\n![The same red square.](../news/photo.jpg)\n\nText.\n",
		"content/news/photo.jpg":         string(testtool.Picture(t, "jpeg", 320, 120, red)),
		"content/news/images/chart.png":  string(testtool.Picture(t, "png", 320, 120, blue)),
		"secret.jpg":                     string(testtool.Picture(t, "jpeg", 8, 8, red)),
		"tilmash.toml":                   "[locales.ru]\nrequired = true\n",
		"content/news/images/readme.txt": "not shown",
	})
	w, err := Load(os.DirFS(dir), Default)
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := w.Extract([]language.Tag{language.Russian}, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := files.Commit(dir); err != nil {
		t.Fatal(err)
	}
	return load(t, dir)
}

func load(t *testing.T, dir string) *Workspace {
	t.Helper()
	w, err := Load(os.DirFS(dir), Default)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// buildIn builds the project in dir (the Russian edition with English
// fallback) after the last build, and writes what it made.
func buildIn(t *testing.T, dir string) (*Result, fileset.Result) {
	t.Helper()
	return buildWith(t, dir, true)
}

// buildWith is buildIn, with or without fallback.
func buildWith(t *testing.T, dir string, fallback bool) (*Result, fileset.Result) {
	t.Helper()
	w := load(t, dir)
	var prev *Report
	if data, err := os.ReadFile(filepath.Join(dir, "dist/report.json")); err == nil {
		if prev, err = PreviousReport(data); err != nil {
			t.Fatal(err)
		}
	}
	res, err := w.Build(BuildOptions{Fallback: fallback, Previous: prev})
	if err != nil {
		t.Fatal(err)
	}
	p, data := w.ReportFile(res.Report)
	res.Files[p] = data
	done, err := res.Files.Commit(dir)
	if err != nil {
		t.Fatal(err)
	}
	return res, done
}

var srcRe = regexp.MustCompile(`<img src="([^"]*)"`)

// TestBuildPublishesImages: each image an article shows is published once
// under dist/media/, where every locale's HTML edition finds it; each book
// packs it; the report lists it; a figure whose file is not published is a
// warning at its line, in check as in build, and shows its caption.
func TestBuildPublishesImages(t *testing.T) {
	dir := t.TempDir()
	w := imageProject(t, dir)
	res, _ := buildIn(t, dir)

	var images []string
	for p := range res.Files {
		if ext := path.Ext(p); ext == ".jpg" || ext == ".png" {
			images = append(images, p)
		}
	}
	slices.Sort(images)
	if want := []string{"dist/media/news/images/chart.png", "dist/media/news/photo.jpg"}; !slices.Equal(images, want) {
		t.Errorf("images written: %v, want %v", images, want)
	}
	want := []Media{
		{File: "dist/media/news/images/chart.png", Source: "content/news/images/chart.png", Type: "image/png", Articles: []string{"a"}},
		{File: "dist/media/news/photo.jpg", Source: "content/news/photo.jpg", Type: "image/jpeg", Articles: []string{"a", "b"}},
	}
	if got, _ := json.Marshal(res.Report.Media); string(got) != string(must2(json.Marshal(want))) {
		t.Errorf("report media = %s", got)
	}

	// Every locale's page shows the images from dist/media/, and only them.
	pages := 0
	for _, o := range res.Report.Editions {
		if o.Format != "html" {
			continue
		}
		pages++
		page := string(res.Files[o.File])
		srcs := srcRe.FindAllStringSubmatch(page, -1)
		if wantN := map[string]int{"a": 2, "b": 1}[o.Article]; len(srcs) != wantN {
			t.Errorf("%s: %d images, want %d", o.File, len(srcs), wantN)
		}
		for _, m := range srcs {
			if target := path.Join(path.Dir(o.File), m[1]); res.Files[target] == nil {
				t.Errorf("%s: <img src=%q> names %s, which the build does not write", o.File, m[1], target)
			}
		}
		if o.Article == "a" {
			for _, c := range []string{"Missing.", "Out."} {
				if !regexp.MustCompile(`<figure>\n<figcaption[^>]*>` + regexp.QuoteMeta(c) + `</figcaption>\n</figure>`).MatchString(page) {
					t.Errorf("%s: the figure %q is not its caption alone", o.File, c)
				}
			}
		}
	}
	if pages != 4 {
		t.Errorf("%d HTML editions, want 4 (a and b in en and ru)", pages)
	}

	// check ≡ build: the same warnings, at the figures' lines.
	findings, err := w.Check(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var fromCheck []string
	for _, f := range findings {
		if f.Code == check.CodeImage {
			fromCheck = append(fromCheck, f.Pos.String()+": "+f.Message)
		}
	}
	wantWarnings := []string{
		`content/news/a.md:11:1: the image "gone.jpg" is not published, only its caption: there is no file content/news/gone.jpg: add it beside the article, or correct the address`,
		`content/news/a.md:13:1: the image "../../secret.jpg" is not published, only its caption: it leaves the content folder: an article shows only images beside it, in content/`,
	}
	if !slices.Equal(fromCheck, wantWarnings) {
		t.Errorf("check's image findings:\n%s\nwant\n%s", strings.Join(fromCheck, "\n"), strings.Join(wantWarnings, "\n"))
	}
	for _, o := range res.Report.Editions {
		if o.Article == "a" && (o.Format == "html" || o.Format == "epub") && !slices.Equal(slices.DeleteFunc(slices.Clone(o.Warnings), func(w string) bool { return !strings.Contains(w, "the image") }), wantWarnings) {
			t.Errorf("%s: warnings %q, want check's", o.File, o.Warnings)
		}
	}

	// Each book packs its article's images, with their types.
	for _, o := range res.Report.Editions {
		if o.Format != "epub" || o.Article != "a" {
			continue
		}
		book := res.Files[o.File]
		z, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
		if err != nil {
			t.Fatal(err)
		}
		entries := map[string][]byte{}
		for _, f := range z.File {
			r, _ := f.Open()
			entries[f.Name], _ = io.ReadAll(r)
			r.Close()
		}
		if !bytes.Equal(entries["EPUB/images/img1.jpg"], res.Files["dist/media/news/photo.jpg"]) || !bytes.Equal(entries["EPUB/images/img2.png"], res.Files["dist/media/news/images/chart.png"]) {
			t.Errorf("%s: the images packed are not the files", o.File)
		}
		opf := string(entries["EPUB/package.opf"])
		if !strings.Contains(opf, `<item id="img1" href="images/img1.jpg" media-type="image/jpeg"/>`) || !strings.Contains(opf, `<item id="img2" href="images/img2.png" media-type="image/png"/>`) {
			t.Errorf("%s: manifest:\n%s", o.File, opf)
		}
	}
}

func must2[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// imageBooks builds the image project and returns its books, for
// TestEPUBCheck's batch.
func imageBooks(t *testing.T) []string {
	dir := t.TempDir()
	imageProject(t, dir)
	res, _ := buildIn(t, dir)
	return booksOf(t, dir, res)
}

// TestImagesIncremental: a build that changes nothing rewrites no image;
// an image no article shows any more is removed from dist/ by the next
// build, and one whose article is deleted too.
func TestImagesIncremental(t *testing.T) {
	dir := t.TempDir()
	imageProject(t, dir)
	buildIn(t, dir)
	_, done := buildIn(t, dir)
	if len(done.Written) != 0 || !slices.Contains(done.Unchanged, "dist/media/news/photo.jpg") || !slices.Contains(done.Unchanged, "dist/media/news/images/chart.png") {
		t.Errorf("the second build wrote %v (unchanged %v)", done.Written, done.Unchanged)
	}

	// The chart is no longer shown. A partial build removes no image (the
	// editions it leaves as they are may show it) and keeps it in the
	// report; the next full build removes it.
	writeFiles(t, dir, map[string]string{"content/news/a.md": strings.Replace(imageArticle, "![The blue chart.](images/chart.png)\n\n", "", 1)})
	prev, err := PreviousReport(must2(os.ReadFile(filepath.Join(dir, "dist/report.json"))))
	must(t, err)
	partial, err := load(t, dir).Build(BuildOptions{Fallback: true, Formats: []string{"html"}, Previous: prev})
	must(t, err)
	if data, ok := partial.Files["dist/media/news/images/chart.png"]; ok && data == nil || !slices.ContainsFunc(partial.Report.Media, func(m Media) bool { return m.File == "dist/media/news/images/chart.png" }) {
		t.Errorf("a partial build removes the chart, or forgets it: %+v", partial.Report.Media)
	}
	res, done := buildIn(t, dir)
	if !slices.Equal(done.Removed, []string{"dist/media/news/images/chart.png"}) {
		t.Errorf("removed %v, want the chart", done.Removed)
	}
	if _, err := os.Stat(filepath.Join(dir, "dist/media/news/images/chart.png")); err == nil {
		t.Error("the chart is still published")
	}
	if len(res.Report.Media) != 1 || res.Report.Media[0].File != "dist/media/news/photo.jpg" {
		t.Errorf("report media = %+v", res.Report.Media)
	}

	// The photograph is shown by b alone, then by no article.
	must(t, os.Remove(filepath.Join(dir, "content/news/a.md")))
	res, _ = buildIn(t, dir)
	if len(res.Report.Media) != 1 || !slices.Equal(res.Report.Media[0].Articles, []string{"b"}) {
		t.Errorf("report media = %+v", res.Report.Media)
	}
	must(t, os.Remove(filepath.Join(dir, "content/sport/b.md")))
	writeFiles(t, dir, map[string]string{"content/c.md": "+++\ntitle = \"C\"\n+++\n\nText.\n"})
	_, done = buildIn(t, dir)
	if !slices.Contains(done.Removed, "dist/media/news/photo.jpg") {
		t.Errorf("removed %v, want the photograph among them", done.Removed)
	}
}

// TestReportNamesNoOtherFile: a report.json edited to name files outside
// dist/media/ as images makes a build remove none of them.
func TestReportNamesNoOtherFile(t *testing.T) {
	dir := t.TempDir()
	imageProject(t, dir)
	buildIn(t, dir)
	data, err := os.ReadFile(filepath.Join(dir, "dist/report.json"))
	must(t, err)
	var r Report
	must(t, json.Unmarshal(data, &r))
	writeFiles(t, dir, map[string]string{"dist/en/keep.txt": "x", "dist/media/.hidden": "x"})
	for _, f := range []string{"content/news/photo.jpg", "dist/media/../../content/news/photo.jpg", "dist/media/../../tilmash.toml", "tilmash.toml", "dist/en/keep.txt", "dist/report.json", "dist/media", "dist/media/", "dist/media/.hidden", "/etc/passwd", "dist/media//x"} {
		r.Media = append(r.Media, Media{File: f, Source: "content/news/photo.jpg", Type: "image/jpeg", Articles: []string{"a"}})
	}
	writeFiles(t, dir, map[string]string{"dist/report.json": string(must2(json.Marshal(r)))})
	w := load(t, dir)
	res, err := w.Build(BuildOptions{Fallback: true, Previous: &r})
	must(t, err)
	for p, data := range res.Files {
		if data == nil {
			t.Errorf("the build would remove %s", p)
		}
	}
}

// TestImageInChromium opens the HTML edition in headless Chromium: the
// photograph loads from dist/media/ and is drawn above its caption. The
// screenshot is kept in TILMASH_SCREENSHOTS, when it is set.
func TestImageInChromium(t *testing.T) {
	dir := t.TempDir()
	imageProject(t, dir)
	buildIn(t, dir)
	ctx := testtool.Chromium(t).Tab(t)
	var figures []struct {
		Loaded     bool    `json:"loaded"`
		Width      float64 `json:"width"`
		ImgTop     float64 `json:"imgTop"`
		ImgBottom  float64 `json:"imgBottom"`
		CaptionTop float64 `json:"captionTop"`
		Caption    string  `json:"caption"`
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate("file://"+filepath.Join(dir, "dist/en/a.html")),
		chromedp.WaitReady(chromedp.CSS("body")),
	)
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](`[...document.images].every(i => i.complete)`))
	}
	if err == nil {
		var data []byte
		data, err = chromedp.Run(ctx, chromedp.Evaluate[[]byte](`JSON.stringify([...document.querySelectorAll("figure img")].map(i => {
			const c = i.parentElement.querySelector("figcaption"), r = i.getBoundingClientRect();
			return {loaded: i.naturalWidth > 0, width: r.width, imgTop: r.top + scrollY, imgBottom: r.bottom + scrollY,
				captionTop: c.getBoundingClientRect().top + scrollY, caption: c.textContent};
		}))`))
		if err == nil {
			var s string
			if err = json.Unmarshal(data, &s); err == nil {
				err = json.Unmarshal([]byte(s), &figures)
			}
		}
	}
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("figure img").scrollIntoView({block: "center"}), true`))
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(figures) != 2 {
		t.Fatalf("%d figures with an image, want 2: %+v", len(figures), figures)
	}
	for _, f := range figures {
		if !f.Loaded || f.Width < 100 || f.ImgBottom > f.CaptionTop {
			t.Errorf("%q: %+v: want the photograph loaded and drawn above its caption", f.Caption, f)
		}
	}
	shot := testtool.Screenshot(t, ctx)
	testtool.KeepScreenshot(t, "images-en-a", shot)
	// The red photograph is on the screen: a band of red pixels.
	reds := 0
	b := shot.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := shot.At(x, y).RGBA()
			if r>>8 > 180 && g>>8 < 70 && bl>>8 < 70 {
				reds++
			}
		}
	}
	if reds < 1000 {
		t.Errorf("%d red pixels on the screenshot: the photograph is not drawn", reds)
	}
}

// TestImagesOfKeptEditions: an edition kept from the last build (its
// translation fails a check now, the English is as it was) still shows the
// image it was built with, so that image stays published while the
// English edition shows the new one.
func TestImagesOfKeptEditions(t *testing.T) {
	dir := t.TempDir()
	imageProject(t, dir)
	// A project that refuses incomplete editions (a required one would
	// otherwise fall back), so that one is kept as it was.
	settings, err := os.ReadFile(filepath.Join(dir, "tilmash.toml"))
	must(t, err)
	writeFiles(t, dir, map[string]string{"tilmash.toml": string(settings) + "\n[publish]\nincomplete = \"refuse\"\n"})
	// Each article's Russian catalogue, every entry translated.
	const ruA, ruB = "locales/ru/news/a.ru.toml", "locales/ru/sport/b.ru.toml"
	translated := map[string]string{}
	for p, translations := range map[string][]string{
		ruA: {"Картинки", "До картинок.", "Красный квадрат.", "Синий график.", "Нет.", "Вне.", "После картинок."},
		ruB: {"Спорт", "Тот же красный квадрат.", "Текст."},
	} {
		ru, err := os.ReadFile(filepath.Join(dir, p))
		must(t, err)
		for _, tr := range translations {
			ru = bytes.Replace(ru, []byte(`other = ""`), []byte(`other = "`+tr+`"`), 1)
		}
		if bytes.Contains(ru, []byte(`other = ""`)) {
			t.Fatalf("%s: an entry left untranslated", p)
		}
		translated[p] = string(ru)
	}
	writeFiles(t, dir, translated)
	ru := translated[ruA]
	res, _ := buildWith(t, dir, false)
	if len(res.Report.Refused) > 0 || res.Editions[len(res.Editions)-1].Stats.Fallback > 0 {
		t.Fatalf("refused %+v", res.Report.Refused)
	}

	// The chart's file is renamed; the Russian headline gains a placeholder
	// (a check error): the Russian edition of a is kept as it was.
	must(t, os.Rename(filepath.Join(dir, "content/news/images/chart.png"), filepath.Join(dir, "content/news/images/chart2.png")))
	writeFiles(t, dir, map[string]string{
		"content/news/a.md": strings.Replace(imageArticle, "images/chart.png", "images/chart2.png", 1),
		ruA:                 strings.Replace(ru, `other = "Картинки"`, `other = "Картинки {{.X}}"`, 1),
	})
	res, _ = buildWith(t, dir, false)
	if len(res.Report.Refused) != 1 || !res.Report.Refused[0].Kept {
		t.Fatalf("refused %+v: want ru a kept", res.Report.Refused)
	}
	for _, f := range []string{"dist/media/news/images/chart.png", "dist/media/news/images/chart2.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	kept, err := os.ReadFile(filepath.Join(dir, "dist/ru/a.html"))
	must(t, err)
	if !bytes.Contains(kept, []byte(`src="../media/news/images/chart.png"`)) {
		t.Error("the kept Russian page does not show the old chart")
	}
	var files []string
	for _, m := range res.Report.Media {
		files = append(files, m.File)
	}
	if !slices.Contains(files, "dist/media/news/images/chart.png") {
		t.Errorf("the report does not list the kept page's chart: %v", files)
	}

	// Once the translation is fixed, the old chart goes.
	writeFiles(t, dir, map[string]string{ruA: ru})
	buildWith(t, dir, false)
	if _, err := os.Stat(filepath.Join(dir, "dist/media/news/images/chart.png")); err == nil {
		t.Error("the old chart is still published")
	}
}
