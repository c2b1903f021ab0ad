package workspace

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// written builds the project and writes every file into a temporary folder.
func written(t *testing.T) (string, *Result) {
	t.Helper()
	res := built(t)
	if len(res.Report.Refused) > 0 {
		t.Fatalf("refused: %+v", res.Report.Refused)
	}
	dir := t.TempDir()
	if _, err := res.Files.Commit(dir); err != nil {
		t.Fatal(err)
	}
	return dir, res
}

// TestEPUBCheck runs epubcheck, as a publisher would, on every EPUB edition:
// no errors and no warnings.
func TestEPUBCheck(t *testing.T) {
	jar := "/usr/share/java/epubcheck.jar"
	if _, err := os.Stat(jar); err != nil {
		t.Fatalf("epubcheck is not installed: apt-get install epubcheck (CI does)")
	}
	dir, res := written(t)
	var books []string
	for _, o := range res.Report.Editions {
		if o.Format == "epub" {
			books = append(books, o.File)
		}
	}
	if len(books) != 3 {
		t.Errorf("%d EPUBs, want 3 (en, kk, ru)", len(books))
	}
	t.Run("epubcheck", func(t *testing.T) {
		for _, book := range books {
			t.Run(book, func(t *testing.T) {
				t.Parallel() // one JVM per book: let them share the cores
				out, err := exec.Command("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, filepath.Join(dir, book)).CombinedOutput()
				if err != nil || bytes.Contains(out, []byte("WARNING")) || bytes.Contains(out, []byte("ERROR")) {
					t.Errorf("epubcheck %s: %v\n%s", book, err, out)
				}
			})
		}
	})
}

// chromium renders a page headless and returns its screenshot and its DOM.
func chromium(t *testing.T, page string) (image.Image, string) {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatalf("chromium is not installed: apt-get install chromium (CI does)")
	}
	shot := filepath.Join(t.TempDir(), "shot.png")
	flags := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir(), "--window-size=1000,1400"}
	url := "file://" + page
	if out, err := exec.Command(bin, append(flags, "--screenshot="+shot, url)...).CombinedOutput(); err != nil {
		t.Fatalf("chromium screenshot of %s: %v\n%s", page, err, out)
	}
	dom, err := exec.Command(bin, append(flags, "--dump-dom", url)...).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom %s: %v", page, err)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot of %s: %v", page, err)
	}
	return img, string(dom)
}

// inkShare is the share of the screenshot's pixels that differ from its
// top-left (background) pixel: an empty page has none.
func inkShare(img image.Image) float64 {
	b := img.Bounds()
	bg := fmt.Sprint(img.At(b.Min.X, b.Min.Y))
	ink := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			if fmt.Sprint(img.At(x, y)) != bg {
				ink++
			}
		}
	}
	return float64(ink) / float64((b.Dx()/2)*(b.Dy()/2))
}

// pageLooksRight fails unless the rendered page has ink and its DOM holds
// the headline and the body.
func pageLooksRight(img image.Image, dom, headline string) error {
	if share := inkShare(img); share < 0.03 {
		return fmt.Errorf("the page is nearly empty: %.1f%% of its pixels differ from the background", 100*share)
	}
	if !strings.Contains(dom, "<h1") || !strings.Contains(dom, headline) {
		return fmt.Errorf("the rendered page has no headline %q", headline)
	}
	if strings.Count(dom, "<p") < 5 {
		return fmt.Errorf("the rendered page has %d paragraphs", strings.Count(dom, "<p"))
	}
	return nil
}

// TestHTMLRendersInChromium opens every HTML edition in headless Chromium:
// each must draw a page with its headline and body. The screenshots are kept
// in dist/screenshots when TILMASH_SCREENSHOTS is set (make screenshots).
func TestHTMLRendersInChromium(t *testing.T) {
	dir, res := written(t)
	headlines := map[string]string{"en": "The Conscript: Russians of Almaty", "ru": "Призывник: россияне в Алматы", "kk": "Әскерге шақырылушы: Алматыдағы ресейліктер"}
	t.Run("pages", func(t *testing.T) {
		for _, o := range res.Report.Editions {
			if o.Format != "html" {
				continue
			}
			t.Run(o.File, func(t *testing.T) {
				t.Parallel() // one Chromium per page: let them share the cores
				img, dom := chromium(t, filepath.Join(dir, o.File))
				if err := pageLooksRight(img, dom, headlines[o.Locale]); err != nil {
					t.Errorf("%s: %v", o.File, err)
				}
				if keep := os.Getenv("TILMASH_SCREENSHOTS"); keep != "" {
					os.MkdirAll(keep, 0o755)
					f, _ := os.Create(filepath.Join(keep, o.Locale+"-"+o.Article+".png"))
					png.Encode(f, img)
					f.Close()
				}
			})
		}
	})
	// The check itself fails on an empty and on a broken page.
	for name, page := range map[string]string{"empty": "<!DOCTYPE html><html><body></body></html>", "broken": "<!DOCTYPE html><html><body><h1>The Conscript: Russians of Almaty</h1><p>only"} {
		f := filepath.Join(t.TempDir(), name+".html")
		os.WriteFile(f, []byte(page), 0o644)
		img, dom := chromium(t, f)
		if err := pageLooksRight(img, dom, headlines["en"]); err == nil {
			t.Errorf("the %s page passed", name)
		}
	}
}
