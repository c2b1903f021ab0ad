package preview

import (
	"context"
	"fmt"
	"image/png"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/tilmash/tilmash/internal/testtool"
	"github.com/tilmash/tilmash/internal/workspace"
)

// logWriter sends the server's log to the test's.
type logWriter struct{ t *testing.T }

func (w logWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// js evaluates expr in the tab and returns its value.
func js[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// waitJS waits until expr is true in the tab.
func waitJS(t *testing.T, ctx context.Context, expr, what string) time.Duration {
	t.Helper()
	start := time.Now()
	err := poll(15*time.Second, func() bool {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		return err == nil && ok
	})
	if err != nil {
		t.Fatalf("%s: not after 15 s (%s)", what, expr)
	}
	return time.Since(start)
}

// lookAt takes a screenshot of the tab and fails if the page drew nothing
// (almost one colour). With TILMASH_SCREENSHOTS set to a folder, it saves
// the screenshot there at full scale, for a person to look at (make
// screenshots; the picture of the preview in docs/translators.md).
func lookAt(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	img := testtool.Screenshot(t, ctx)
	colours := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 12, g >> 12, bl >> 12}] = true
		}
	}
	if len(colours) < 20 {
		t.Errorf("%s: the page drew almost nothing (%d colours)", name, len(colours))
	}
	dir := os.Getenv("TILMASH_SCREENSHOTS")
	if dir == "" {
		return
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1400, 1000, chromedp.EmulateScale(1))); err != nil {
		t.Fatal(err)
	}
	full := testtool.Screenshot(t, ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1400, 1000, chromedp.EmulateScale(0.5))); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, full); err != nil {
		t.Fatal(err)
	}
}

// entryLine is the 1-based line of the `other =` of the catalogue entry
// [id] in content.
func entryLine(t *testing.T, content, id string) (int, string) {
	t.Helper()
	lines := strings.Split(content, "\n")
	for i, l := range lines {
		if l == "["+id+"]" {
			for j := i + 1; j < len(lines); j++ {
				if strings.HasPrefix(lines[j], "other = ") {
					return j + 1, lines[j]
				}
			}
		}
	}
	t.Fatalf("no entry [%s] with other = in the catalogue", id)
	return 0, ""
}

// TestBrowser drives the preview in headless Chromium as a translator
// would use it: the Kazakh page with the English beside it; a catalogue
// saved with a changed translation (the page updates without a reload and
// keeps its place); a syntax error (shown with file:line:col, the last
// good text stays); a unit left untranslated (shown in English, marked,
// its finding on hover with a link to the catalogue line).
func TestBrowser(t *testing.T) {
	dir := project(t)
	url, _ := start(t, dir, logWriter{t})
	ctx := testtool.Chromium(t).Tab(t)
	kkFile := filepath.Join(dir, "locales", "kk", "the-conscript.kk.toml")
	data, err := os.ReadFile(kkFile)
	if err != nil {
		t.Fatal(err)
	}
	orig := string(data)
	titleLine, titleEntry := entryLine(t, orig, "the-conscript.title")
	headline := strings.TrimSuffix(strings.TrimPrefix(titleEntry, `other = "`), `"`)

	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/kk/the-conscript.html")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.getElementById('tm-live')?.textContent === 'live'`, "the event stream connects")

	t.Run("renders the Kazakh edition beside the English", func(t *testing.T) {
		if got := js[string](t, ctx, `document.querySelector('article h1').textContent`); got != headline {
			t.Errorf("headline %q, want the catalogue's %q", got, headline)
		}
		if got := js[string](t, ctx, `document.documentElement.lang`); got != "kk" {
			t.Errorf("lang %q", got)
		}
		if got := js[string](t, ctx, `document.querySelector('.tm-en [data-en-unit="the-conscript.title"]').textContent`); got != "The Conscript: Russians of Almaty" {
			t.Errorf("the English beside the headline: %q", got)
		}
		units := js[int](t, ctx, `document.querySelectorAll('body > article .tm-ed [data-unit], body > article li > .tm-row').length`)
		beside := js[int](t, ctx, `document.querySelectorAll('body > article .tm-en [data-en-unit], body > article li .tm-en').length`)
		if units < 20 || units != beside {
			t.Errorf("%d units of the edition, %d English beside them", units, beside)
		}
		if n := js[int](t, ctx, `document.querySelectorAll('.tm-flag').length`); n != 0 {
			t.Errorf("%d units flagged in a catalogue without findings", n)
		}
		lookAt(t, ctx, "preview-kk-side")
	})

	t.Run("a saved catalogue updates the page without a reload, in place", func(t *testing.T) {
		// Read two thirds down the page; the headline, above, grows.
		js[bool](t, ctx, `(() => { window.__sameDocument = true;
			const els = [...document.querySelectorAll('body > article [data-unit]')];
			const el = els[Math.floor(els.length * 2 / 3)];
			el.scrollIntoView({block: 'center'});
			window.__anchor = {id: el.dataset.unit, top: el.getBoundingClientRect().top};
			return true })()`)
		scrolled := js[float64](t, ctx, `scrollY`)
		if scrolled < 500 {
			t.Fatalf("scrollY %v: the page did not scroll", scrolled)
		}
		changed := headline + " — Алматыдағы хостелдерде тұратын ресейлік ер адамдардың әңгімелері"
		writeAtomically(t, kkFile, strings.Replace(orig, titleEntry, `other = "`+changed+`"`, 1))
		took := waitJS(t, ctx, fmt.Sprintf(`document.querySelector('article h1').textContent === %q`, changed), "the new headline shows")
		t.Logf("the page showed the saved headline %v after the save", took.Round(time.Millisecond))
		if !js[bool](t, ctx, `window.__sameDocument === true`) {
			t.Error("the page was reloaded")
		}
		moved := js[float64](t, ctx, `Math.abs(document.querySelector('body > article [data-unit="' + window.__anchor.id + '"]').getBoundingClientRect().top - window.__anchor.top)`)
		if moved > 2 {
			t.Errorf("the paragraph being read moved %v px", moved)
		}
	})

	t.Run("a syntax error shows its position and the last good text stays", func(t *testing.T) {
		lines := strings.Split(orig, "\n")
		lines[titleLine-1] = `other = "` + headline // the closing quote not typed yet
		writeAtomically(t, kkFile, strings.Join(lines, "\n"))
		pos := fmt.Sprintf("locales/kk/the-conscript.kk.toml:%d:", titleLine)
		waitJS(t, ctx, fmt.Sprintf(`[...document.querySelectorAll('.tm-problem')].some(p => p.textContent.includes(%q))`, pos), "the error shows with its position")
		if got := js[string](t, ctx, `document.querySelector('article h1').textContent`); !strings.HasSuffix(got, "әңгімелері") {
			t.Errorf("the headline is now %q: the last good text is gone", got)
		}
		href := js[string](t, ctx, `document.querySelector('.tm-problem a')?.href ?? ''`)
		if !strings.HasPrefix(href, "vscode://file/") || !strings.Contains(href, fmt.Sprintf("locales/kk/the-conscript.kk.toml:%d:", titleLine)) {
			t.Errorf("the error's link %q does not open the catalogue at its line", href)
		}
		if !js[bool](t, ctx, `window.__sameDocument === true`) {
			t.Error("the page was reloaded")
		}
		lookAt(t, ctx, "preview-kk-syntax-error")
	})

	t.Run("a missing unit is shown in English, marked, its finding on hover", func(t *testing.T) {
		_, noteEntry := entryLine(t, orig, "the-conscript.note")
		headerLine := 1 + strings.Count(orig[:strings.Index(orig, "[the-conscript.note]")], "\n")
		writeAtomically(t, kkFile, strings.Replace(orig, noteEntry+"\n", "", 1))
		sel := `body > article [data-unit="the-conscript.note"]`
		waitJS(t, ctx, fmt.Sprintf(`document.querySelector(%q)?.classList.contains('tm-missing') && !document.querySelector('.tm-problem')`, sel), "the missing note is marked")
		if got := js[string](t, ctx, fmt.Sprintf(`document.querySelector(%q).textContent + '|' + document.querySelector(%q).lang`, sel, sel)); got != "All names have been changed.|en" {
			t.Errorf("the missing note shows %q, want the English, lang en", got)
		}
		if got := js[string](t, ctx, fmt.Sprintf(`getComputedStyle(document.querySelector(%q)).outlineStyle`, sel)); got != "dashed" {
			t.Errorf("the missing note's outline is %q, want dashed", got)
		}
		js[bool](t, ctx, fmt.Sprintf(`(document.querySelector(%q).scrollIntoView({block: 'center'}), true)`, sel))
		x := js[float64](t, ctx, fmt.Sprintf(`(r => r.left + r.width / 2)(document.querySelector(%q).getBoundingClientRect())`, sel))
		y := js[float64](t, ctx, fmt.Sprintf(`(r => r.top + r.height / 2)(document.querySelector(%q).getBoundingClientRect())`, sel))
		if err := chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y)); err != nil {
			t.Fatal(err)
		}
		waitJS(t, ctx, `!document.getElementById('tm-tip').hidden`, "hovering shows the finding")
		tip := js[string](t, ctx, `document.getElementById('tm-tip').textContent`)
		for _, want := range []string{"Not translated", "missing", "no Kazakh translation", "the-conscript.note"} {
			if !strings.Contains(tip, want) {
				t.Errorf("the tooltip lacks %q: %s", want, tip)
			}
		}
		// The entry's line in the catalogue, and the finding's position
		// (a missing unit's: the article's line), each a link to the editor.
		entry := js[string](t, ctx, `document.querySelector('#tm-tip a.tm-entry')?.href ?? ''`)
		if want := fmt.Sprintf("vscode://file/%s/locales/kk/the-conscript.kk.toml:%d:1", filepath.ToSlash(dir), headerLine); entry != want {
			t.Errorf("the entry's link is %q, want %s", entry, want)
		}
		found := js[string](t, ctx, `[...document.querySelectorAll('#tm-tip .tm-f a')].map(a => a.href).join(' ')`)
		if want := "vscode://file/" + filepath.ToSlash(dir) + "/content/the-conscript.md:"; !strings.HasPrefix(found, want) {
			t.Errorf("the finding's link is %q, want %s…", found, want)
		}
		lookAt(t, ctx, "preview-kk-missing")
	})

	t.Run("a stale unit, focused, shows what changed in the English", func(t *testing.T) {
		article := filepath.Join(dir, "content", "the-conscript.md")
		src, err := os.ReadFile(article)
		if err != nil {
			t.Fatal(err)
		}
		writeAtomically(t, article, strings.Replace(string(src), "![Almaty Flea Market.]()", "![The flea market in Almaty.]()", 1))
		waitJS(t, ctx, `!!document.querySelector('body > article figcaption.tm-revising')`, "the caption is marked under revision")
		js[bool](t, ctx, `(document.querySelector('body > article figcaption.tm-revising').focus(), true)`)
		waitJS(t, ctx, `!document.getElementById('tm-tip').hidden`, "focusing shows the finding")
		if got := js[string](t, ctx, `[...document.querySelectorAll('#tm-tip ins')].map(e => e.textContent).join('|')`); !strings.Contains(got, "flea market in") && !strings.Contains(got, "The") {
			t.Errorf("the words added to the English are not marked: %q (tooltip: %s)", got, js[string](t, ctx, `document.getElementById('tm-tip').textContent`))
		}
		if n := js[int](t, ctx, `document.querySelectorAll('#tm-tip del').length`); n == 0 {
			t.Error("the words dropped from the English are not marked")
		}
		lookAt(t, ctx, "preview-kk-stale")
	})

	t.Run("edition only", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#tm-side"))); err != nil {
			t.Fatal(err)
		}
		waitJS(t, ctx, `!document.body.classList.contains('tm-side')`, "the toggle leaves the edition alone")
		if n := js[int](t, ctx, `document.querySelectorAll('.tm-row, .tm-en').length`); n != 0 {
			t.Errorf("%d English blocks left", n)
		}
		if !js[bool](t, ctx, `document.querySelector('body > article [data-unit="the-conscript.note"]').classList.contains('tm-missing')`) {
			t.Error("the missing note is no longer marked")
		}
		lookAt(t, ctx, "preview-kk-edition")
	})
}

// TestBrowserStreamRefused: a page whose event stream the server refuses
// (every place taken) says it is not live, rather than reconnecting for
// ever; the browser does not retry a refused stream, the page does.
func TestBrowserStreamRefused(t *testing.T) {
	s := New(Options{Dir: project(t), Layout: workspace.Default, Log: logWriter{t}})
	s.maxStreams = 0
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := serve(t, s, ln)
	ctx := testtool.Chromium(t).Tab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/kk/the-conscript.html")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.getElementById('tm-live')?.textContent.startsWith('not live: refused by the server')`, "the page says it is not live")
}
