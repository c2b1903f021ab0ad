// Package testtool runs the outside programs the tests judge tilmash's
// output with, batched so that each starts once per test binary: one
// headless Chromium for every page (driven over the DevTools protocol with
// chromedp) and one JVM for every EPUB (epubcheck's own checker, called in a
// loop). A missing program fails the test with the command that installs it
// (scripts/deps test): a test that needs a tool never passes without it.
package testtool

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is one headless Chromium that tests open pages in, one tab each.
type Browser struct {
	ctx context.Context
}

var shared struct {
	sync.Mutex
	browser *Browser
	err     error
	stop    func()
}

// Chromium returns the test binary's headless Chromium, starting it on the
// first call: one browser for every test of the package (each page gets
// its own tab). The package's TestMain calls StopChromium after the tests.
// The window is 1000×1400 CSS pixels, as make screenshots takes them.
func Chromium(t testing.TB) *Browser {
	t.Helper()
	shared.Lock()
	defer shared.Unlock()
	if shared.browser == nil && shared.err == nil {
		shared.browser, shared.stop, shared.err = startChromium()
	}
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.browser
}

// StopChromium stops the browser Chromium started, if any, and removes its
// profile: for a TestMain, after m.Run.
func StopChromium() {
	shared.Lock()
	defer shared.Unlock()
	if shared.stop != nil {
		shared.stop()
	}
	shared.browser, shared.stop, shared.err = nil, nil, nil
}

func startChromium() (*Browser, func(), error) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		return nil, nil, fmt.Errorf("chromium is not installed: run scripts/deps test (or apt-get install chromium)")
	}
	profile, err := os.MkdirTemp("", "tilmash-chromium-")
	if err != nil {
		return nil, nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1000, 1400),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	stop := func() { cancel(); cancelAlloc(); os.RemoveAll(profile) }
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		stop()
		return nil, nil, fmt.Errorf("starting chromium: %w", err)
	}
	return &Browser{ctx: ctx}, stop, nil
}

// Page is what a browser drew of a page: its screenshot, and its DOM after
// the page's scripts ran.
type Page struct {
	Screenshot image.Image
	DOM        string
}

// Open loads url in a new tab, waits until it has loaded, and returns the
// viewport's screenshot (1000×1400 CSS pixels drawn at half scale, 500×700)
// and the DOM. Tabs of one Browser may be opened from
// parallel subtests.
func (b *Browser) Open(t testing.TB, url string) Page {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	ctx, stop := context.WithTimeout(ctx, 60*time.Second)
	defer stop()
	err := chromedp.Do(ctx,
		// Laid out at 1000×1400 CSS pixels, drawn at half scale: a
		// quarter of the pixels to encode, send and decode.
		chromedp.EmulateViewport(1000, 1400, chromedp.EmulateScale(0.5)),
		chromedp.Navigate(url),
		chromedp.WaitReady(chromedp.CSS("body")),
	)
	var shot []byte
	var dom string
	if err == nil {
		shot, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	}
	if err == nil {
		dom, err = chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html")))
	}
	if err != nil {
		t.Fatalf("chromium, %s: %v", url, err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot of %s: %v", url, err)
	}
	return Page{Screenshot: img, DOM: dom}
}

// Tab opens a new tab of the browser for a test to drive with chromedp
// (chromedp.Do and chromedp.Run on the returned context), its viewport
// 1400×1000 CSS pixels drawn at half scale. The tab closes when the test
// ends; every action on it fails after two minutes.
func (b *Browser) Tab(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	ctx, stop := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { stop(); cancel() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1400, 1000, chromedp.EmulateScale(0.5))); err != nil {
		t.Fatalf("chromium: a new tab: %v", err)
	}
	return ctx
}

// Screenshot captures the tab's viewport as an image.
func Screenshot(t testing.TB, ctx context.Context) image.Image {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("chromium: screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	return img
}

// KeepScreenshot saves img as name.png in the folder TILMASH_SCREENSHOTS
// names, when it is set (make screenshots, and anyone who wants to look at
// what a test saw); otherwise it does nothing.
func KeepScreenshot(t testing.TB, name string, img image.Image) {
	t.Helper()
	dir := os.Getenv("TILMASH_SCREENSHOTS")
	if dir == "" {
		return
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, name+".png"), buf.Bytes(), 0o644)
	}
	if err != nil {
		t.Fatalf("keeping the screenshot %s: %v", name, err)
	}
}
